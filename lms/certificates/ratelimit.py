"""A fixed-window rate limit per client address, kept in the shared cache.

The cache is the project's ``shared`` cache (the database by default, Redis in
production), so every web process counts the same requests.
"""

from __future__ import annotations

import functools
import time

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import gettext as _

from lms.certificates.conf import trusted_proxy_count


def client_address(request) -> str:
    """The client's IP address: ``REMOTE_ADDR``, or the address the trusted reverse proxies
    recorded in ``X-Forwarded-For`` (``LMS_TRUSTED_PROXY_COUNT``)."""
    proxies = trusted_proxy_count()
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limit_exceeded(request, *, scope: str, limit: int, period: int) -> bool:
    """Count this request for its client; ``True`` once the client made more than
    ``limit`` requests in the current window of ``period`` seconds."""
    cache = caches["shared"]
    window = int(time.time() // period)
    key = f"lms:ratelimit:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return count > limit


def rate_limited(scope: str, rate):
    """Decorate a view: over ``rate()`` → (requests, seconds) per client, answer 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            limit, period = rate()
            if rate_limit_exceeded(request, scope=scope, limit=limit, period=period):
                response = HttpResponse(
                    _("Too many requests: try again in a minute."),
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(period)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
