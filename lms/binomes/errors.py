"""Domain errors of binômes: a stable code for programs, a French message for people."""

from __future__ import annotations


class BinomeError(Exception):
    """A change to a binôme, its project or its evaluation was refused.

    ``code`` is stable (``same_audience``, ``already_paired``, ``frozen``...); ``message``
    is a translated sentence for people.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
