"""Routes requests on the SCORM content origin to the content URLs only."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseNotFound
from django.urls import Resolver404, get_resolver

from lms.scorm.origins import content_frame_ancestors, is_content_request

CONTENT_URLCONF = "lms.scorm.content_urls"


def _served_prefixes() -> tuple[str, ...]:
    """Local URL prefixes served outside the URLconf (static files by WhiteNoise, media)."""
    prefixes = []
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        if url and url.startswith("/") and url != "/":
            prefixes.append(url)
    return tuple(prefixes)


class ContentOriginMiddleware:
    """On the content origin, resolve URLs with :mod:`lms.scorm.content_urls` (package files
    and the runtime wrapper; everything else is a 404 there). On the site's origin, the
    content URLs do not exist (they are not in the root URLconf).

    A path that is not a content URL gets its 404 here, before any other middleware runs
    (no redirect, no session, no message). Content requests are stripped of their cookies
    (the site's never reach package code, even if a browser sent them), responses there
    never set any (whatever an inner middleware decided), may be framed by the site and the
    content origin only (CSP ``frame-ancestors``, no ``X-Frame-Options``), and static or
    media files are not served there. Placed right after ``SecurityMiddleware``, before
    WhiteNoise.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.blocked_prefixes = _served_prefixes()

    def __call__(self, request):
        if not is_content_request(request):
            request.is_scorm_content = False
            return self.get_response(request)
        request.urlconf = CONTENT_URLCONF
        request.is_scorm_content = True
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        if self._is_content_url(request.path_info):
            response = self.get_response(request)
        else:
            response = HttpResponseNotFound(b"Not found", content_type="text/plain")
        response.cookies.clear()
        if "X-Frame-Options" in response:
            del response["X-Frame-Options"]
        response["Content-Security-Policy"] = f"frame-ancestors {content_frame_ancestors(request)}"
        return response

    def _is_content_url(self, path: str) -> bool:
        if self.blocked_prefixes and path.startswith(self.blocked_prefixes):
            return False
        try:
            get_resolver(CONTENT_URLCONF).resolve(path)
        except Resolver404:
            return False
        return True
