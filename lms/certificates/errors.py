"""Domain errors of certificates: a stable code for programs, a French message for people."""

from __future__ import annotations


class CertificateError(Exception):
    """A certificate action was refused.

    ``code`` is stable (``forbidden``, ``not_complete``, ``already_certified``,
    ``withdrawn``, ``no_template``, ``render``...); ``message`` a translated sentence.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = str(message)
