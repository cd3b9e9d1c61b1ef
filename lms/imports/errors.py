"""Domain errors of imports: a stable code for programs, a French message for people."""

from __future__ import annotations


class ImportRefused(Exception):
    """An import step was refused (``code``: ``not_previewed``, ``module_missing``...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = str(message)


class ImportRowError(Exception):
    """One row could not be imported; its changes were rolled back (``message``)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)
