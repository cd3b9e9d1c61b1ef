"""Domain errors of enrolment: a stable code for programs, a French message for people."""

from __future__ import annotations


class EnrolmentError(Exception):
    """An enrolment was refused.

    ``code`` is stable (``closed``, ``full``, ``already_enrolled``...); ``message`` is a
    translated sentence; ``details`` lists per-module reasons for a curriculum refusal.
    """

    def __init__(self, code: str, message: str, details: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or []
