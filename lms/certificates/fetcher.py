"""What WeasyPrint may read while rendering a certificate.

:class:`RestrictedURLFetcher` serves the platform's own static files (staticfiles finders,
then the static storage), media files (default storage) and small ``data:`` images, and
refuses everything else (``file://``, the network): the refusal stops the rendering
(``fail_on_errors``). Importing this module imports WeasyPrint (and so needs Pango): only
:mod:`lms.certificates.rendering` does, when it renders.
"""

from __future__ import annotations

import base64
import posixpath
from urllib.parse import unquote, unquote_to_bytes, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lms.certificates.conf import data_uri_max_bytes

IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml")


class ResourceRefused(ValueError):
    """The fetcher refuses a URL (outside the platform's static and media files)."""


def _safe_name(path: str) -> str | None:
    """A relative storage path without ``..``, or ``None``."""
    path = unquote(path.split("?", 1)[0].split("#", 1)[0])
    normalised = posixpath.normpath(path)
    if not path or normalised.startswith(("..", "/")) or "\\" in path or "\x00" in path:
        return None
    return normalised


class RestrictedURLFetcher(URLFetcher):
    """Serves WeasyPrint the platform's static and media files, and small ``data:`` images;
    refuses everything else, which stops the rendering (``fail_on_errors``)."""

    def __init__(self, *, base_url: str, cache: dict | None = None):
        super().__init__(fail_on_errors=True, allow_redirects=False)
        self.static_prefix = urljoin(base_url, settings.STATIC_URL)
        self.media_prefix = urljoin(base_url, settings.MEDIA_URL)
        self.cache = cache if cache is not None else {}
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            body, content_type = self._resolve(url)
        except ResourceRefused:
            self.refused.append(url)
            raise
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    def _resolve(self, url: str) -> tuple[bytes, str]:
        if url.startswith("data:"):
            return self._data(url)
        cached = self.cache.get(url)
        if cached is not None:
            return cached
        if url.startswith(self.static_prefix):
            name = _safe_name(url[len(self.static_prefix) :])
            body = self._static(name) if name else None
        elif url.startswith(self.media_prefix):
            name = _safe_name(url[len(self.media_prefix) :])
            body = self._media(name) if name else None
        else:
            body = None
        if body is None:
            raise ResourceRefused(url)
        result = (body, _content_type(name))
        self.cache[url] = result
        return result

    @staticmethod
    def _static(name: str) -> bytes | None:
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                return handle.read()
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as handle:
                return handle.read()
        return None

    @staticmethod
    def _media(name: str) -> bytes | None:
        if not default_storage.exists(name):
            return None
        with default_storage.open(name) as handle:
            return handle.read()

    @staticmethod
    def _data(url: str) -> tuple[bytes, str]:
        header, _comma, payload = url[5:].partition(",")
        parts = header.split(";")
        content_type = parts[0].strip().lower()
        if content_type not in IMAGE_TYPES or len(payload) > data_uri_max_bytes() * 2:
            raise ResourceRefused("data:" + header)
        body = base64.b64decode(payload) if "base64" in parts[1:] else unquote_to_bytes(payload)
        if len(body) > data_uri_max_bytes():
            raise ResourceRefused("data:" + header)
        return body, content_type


def _content_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {
        "css": "text/css",
        "woff2": "font/woff2",
        "woff": "font/woff",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "svg": "image/svg+xml",
    }.get(extension, "application/octet-stream")
