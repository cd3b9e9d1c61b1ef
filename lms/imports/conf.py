"""Settings of file imports, read when used (never at import time)."""

from django.conf import settings


def max_bytes() -> int:
    """Largest file accepted (``LMS_IMPORT_MAX_BYTES``, default 5 MB)."""
    return int(getattr(settings, "LMS_IMPORT_MAX_BYTES", 5 * 1024 * 1024))


def max_rows() -> int:
    """Most data rows accepted in a file (``LMS_IMPORT_MAX_ROWS``, default 20,000)."""
    return int(getattr(settings, "LMS_IMPORT_MAX_ROWS", 20_000))


def background_threshold() -> int:
    """Above this many rows to import, the import runs as a background job
    (``LMS_IMPORT_BACKGROUND_THRESHOLD``, default 500)."""
    return int(getattr(settings, "LMS_IMPORT_BACKGROUND_THRESHOLD", 500))


def max_unzipped_bytes() -> int:
    """Largest uncompressed content of a workbook: twenty times the file limit, against
    zip bombs."""
    return 20 * max_bytes()


def preview_hours() -> int:
    """How long an unconfirmed preview (its rows: names and e-mail addresses) is kept
    before it is deleted (``LMS_IMPORT_PREVIEW_HOURS``, default 48)."""
    return int(getattr(settings, "LMS_IMPORT_PREVIEW_HOURS", 48))
