"""Settings of binômes, read lazily with their defaults."""

from __future__ import annotations

from django.conf import settings

DEFAULT_DELIVERABLE_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_DELIVERABLE_TYPES = ("pdf", "odt", "docx", "ods", "xlsx", "odp", "pptx", "png", "jpg")


def deliverable_max_bytes() -> int:
    """Largest deliverable accepted (``LMS_BINOME_DELIVERABLE_MAX_BYTES``, default 20 MB)."""
    return int(getattr(settings, "LMS_BINOME_DELIVERABLE_MAX_BYTES", DEFAULT_DELIVERABLE_MAX_BYTES))


def deliverable_types() -> tuple[str, ...]:
    """Kinds of deliverable accepted (``LMS_BINOME_DELIVERABLE_TYPES``), among those
    :mod:`lms.binomes.files` can recognise."""
    return tuple(getattr(settings, "LMS_BINOME_DELIVERABLE_TYPES", DEFAULT_DELIVERABLE_TYPES))
