"""Settings of background jobs, read when used (never at import time)."""

from django.conf import settings


def lease_seconds() -> int:
    """How long a worker's claim on a job lasts without renewal (``LMS_JOB_LEASE_SECONDS``)."""
    return int(getattr(settings, "LMS_JOB_LEASE_SECONDS", 60))


def max_attempts() -> int:
    """How many claims a job gets before it is marked failed (``LMS_JOB_MAX_ATTEMPTS``)."""
    return int(getattr(settings, "LMS_JOB_MAX_ATTEMPTS", 10))


def watchdog_seconds() -> int:
    """How often a ``db_worker`` looks for jobs whose worker died (``LMS_JOB_WATCHDOG_SECONDS``,
    0 to turn the watchdog off)."""
    return int(getattr(settings, "LMS_JOB_WATCHDOG_SECONDS", 30))
