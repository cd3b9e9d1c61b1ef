"""The separate origin that serves package content.

Package JavaScript must never run with the site's authority, so package files and the
runtime wrapper are served from another origin, set by ``LMS_SCORM_CONTENT_ORIGIN``
(e.g. ``https://contenu.formation.example.gouv.fr``). When it is empty (development and
tests), the content origin is ``localhost`` on the scheme and port of the request, and the
site is used at ``127.0.0.1``: two origins on one server, whose cookies do not mix (cookies
are host-only here).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

DEV_CONTENT_HOST = "localhost"
DEV_SITE_HOST = "127.0.0.1"


def configured_content_origin() -> str:
    return (getattr(settings, "LMS_SCORM_CONTENT_ORIGIN", "") or "").rstrip("/")


def _hostname(host: str) -> str:
    """``host`` (as in ``request.get_host()``) without its port, lower case."""
    if host.startswith("["):
        return host.split("]")[0].lstrip("[").lower()
    return host.rsplit(":", 1)[0].lower() if ":" in host else host.lower()


def is_content_request(request) -> bool:
    """Whether ``request`` arrived on the content origin."""
    host = request.get_host()
    origin = configured_content_origin()
    if origin:
        return host.lower() == urlsplit(origin).netloc.lower()
    return _hostname(host) == DEV_CONTENT_HOST


def _swap_host(request, hostname: str) -> str:
    host = request.get_host()
    port = host.rsplit(":", 1)[1] if ":" in host and not host.endswith("]") else ""
    scheme = "https" if request.is_secure() else "http"
    return f"{scheme}://{hostname}:{port}" if port else f"{scheme}://{hostname}"


def content_origin(request) -> str:
    """The content origin, as seen from ``request`` (on either origin)."""
    origin = configured_content_origin()
    if origin:
        return origin
    return _swap_host(request, DEV_CONTENT_HOST)


def site_origin(request) -> str:
    """The LMS origin, as seen from ``request`` (on either origin)."""
    if not is_content_request(request):
        scheme = "https" if request.is_secure() else "http"
        return f"{scheme}://{request.get_host()}"
    configured = getattr(settings, "LMS_SITE_ORIGIN", "") or ""
    if configured:
        return configured.rstrip("/")
    return _swap_host(request, DEV_SITE_HOST)


def content_frame_ancestors(request) -> str:
    """The CSP ``frame-ancestors`` sources of content responses: the site (which frames the
    runtime wrapper) and the content origin itself (the wrapper frames the SCO)."""
    return f"{site_origin(request)} {content_origin(request)}"
