"""Exceptions raised by the SCORM services.

Every exception carries a stable machine ``code`` (English, snake_case, part of the
contract: tests, the ``import_scorm`` JSON output and the admin rely on it) and a
``message`` meant for people (French through gettext).
"""


class ScormError(Exception):
    """Base error of the SCORM app: ``code`` is stable, ``message`` is for people."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = str(message)

    def as_dict(self):
        """Return ``{"code": ..., "message": ...}`` (JSON-ready)."""
        return {"code": self.code, "message": self.message}


class ScormImportError(ScormError):
    """A package was refused by the importer; nothing was stored.

    The codes are listed in the docstring of :mod:`lms.scorm.importer`.
    """
