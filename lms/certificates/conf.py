"""Settings of certificates, read when used (never at import)."""

from __future__ import annotations

from django.conf import settings

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def site_origin() -> str:
    """The platform's public origin, printed on certificates (``LMS_SITE_ORIGIN``, else
    ``WAGTAILADMIN_BASE_URL``)."""
    origin = getattr(settings, "LMS_SITE_ORIGIN", "") or settings.WAGTAILADMIN_BASE_URL
    return origin.rstrip("/")


def verify_rate() -> tuple[int, int]:
    """``LMS_CERTIFICATE_VERIFY_RATE`` (``"30/minute"`` by default) as (requests, seconds)."""
    text = str(getattr(settings, "LMS_CERTIFICATE_VERIFY_RATE", "30/minute"))
    count, _slash, period = text.partition("/")
    return int(count), _PERIODS.get(period.strip().rstrip("s"), 60)


def trusted_proxy_count() -> int:
    """How many reverse proxies in front of Django append to ``X-Forwarded-For``
    (``LMS_TRUSTED_PROXY_COUNT``, 0: use the connection's address)."""
    return int(getattr(settings, "LMS_TRUSTED_PROXY_COUNT", 0))


def data_uri_max_bytes() -> int:
    """Largest ``data:`` image a certificate may embed (the QR code is one)."""
    return int(getattr(settings, "LMS_CERTIFICATE_DATA_URI_MAX_BYTES", 64 * 1024))


def bulk_workers() -> int:
    """How many worker tasks a bulk issuance is split across (``LMS_CERTIFICATE_BULK_WORKERS``,
    2 by default); run at least as many ``db_worker`` processes to get them in parallel."""
    return max(1, int(getattr(settings, "LMS_CERTIFICATE_BULK_WORKERS", 2)))


def bulk_batch_size() -> int:
    """How many learners a bulk worker claims and issues per transaction
    (``LMS_CERTIFICATE_BULK_BATCH``, 10 by default): bounds a worker's memory."""
    return max(1, int(getattr(settings, "LMS_CERTIFICATE_BULK_BATCH", 10)))
