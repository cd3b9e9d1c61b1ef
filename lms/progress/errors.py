"""Domain errors of progress."""


class ProgressError(Exception):
    """Progress could not be recorded; ``code`` for programs, ``message`` for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
