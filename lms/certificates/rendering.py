"""Rendering certificates to PDF with WeasyPrint (PDF/UA-1, A4 landscape).

:class:`CertificateRenderer` keeps what is costly to build warm between renders: the font
configuration with the ``@font-face`` fonts loaded, the parsed stylesheets, the fetched
files and WeasyPrint's image cache. One renderer serves many certificates (a bulk job
keeps one per worker); it is not thread-safe.

WeasyPrint fetches through :class:`RestrictedURLFetcher` only: the project's own static
files (staticfiles finders, then the static storage), media files (default storage) and
small ``data:`` images. Anything else (``file://``, the network) stops the rendering with a
:class:`CertificateRenderError`.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import threading
from urllib.parse import unquote, unquote_to_bytes, urljoin

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from lms.certificates.conf import data_uri_max_bytes, site_origin
from lms.certificates.placeholders import TemplateTextError, body_render, text_render

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "certificates/certificate.css"
#: Files and images kept per renderer; beyond, the caches start again (long-lived workers).
CACHE_ENTRIES = 64
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml")


class CertificateRenderError(Exception):
    """A certificate cannot be rendered; ``message`` says why, in French."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = str(message)


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


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as a vector SVG ``data:`` URI (segno, error level M)."""
    # A fixed mask: choosing the best of eight costs more than the rest of the QR code.
    return segno.make(url, error="m", micro=False, mask=3).svg_data_uri(
        border=0, dark="#000000", light=None, omitsize=True
    )


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hexadecimal."""
    return hashlib.sha256(data).hexdigest()


class CertificateRenderer:
    """Renders certificates to PDF, keeping fonts, stylesheets and files warm.

    :meth:`render` takes a template version's ``data`` and a certificate's frozen
    ``snapshot``: the same pair always gives the same text.
    """

    def __init__(self):
        self.base_url = site_origin() + "/"
        self.font_config = FontConfiguration()
        self._files: dict = {}
        self._image_cache: dict = {}
        self._stylesheet: CSS | None = None
        self._colour_sheets: dict[tuple[str, str], CSS] = {}

    def _fetcher(self) -> RestrictedURLFetcher:
        return RestrictedURLFetcher(base_url=self.base_url, cache=self._files)

    def stylesheet(self) -> CSS:
        """The certificate stylesheet with its fonts, parsed once."""
        if self._stylesheet is None:
            fetcher = self._fetcher()
            self._stylesheet = self._guard(
                fetcher,
                lambda: CSS(
                    url=urljoin(fetcher.static_prefix, STYLESHEET),
                    url_fetcher=fetcher,
                    font_config=self.font_config,
                ),
            )
        return self._stylesheet

    def colour_stylesheet(self, primary: str, accent: str) -> CSS:
        """The colours of a template (checked ``#RRGGBB`` values), parsed once each."""
        key = (primary, accent)
        sheet = self._colour_sheets.get(key)
        if sheet is None:
            sheet = CSS(
                string=(
                    f".primary-colour {{ color: {primary}; }}"
                    f" .frame {{ border-color: {primary}; }}"
                    f" .accent {{ background-color: {accent}; }}"
                ),
                font_config=self.font_config,
            )
            self._colour_sheets[key] = sheet
        return sheet

    def media_url(self, name: str) -> str:
        """The URL through which the fetcher reads the media file ``name``."""
        return urljoin(self.base_url, settings.MEDIA_URL) + name

    def html(self, *, data: dict, snapshot: dict) -> str:
        """The certificate as an HTML document (what WeasyPrint lays out)."""
        language = snapshot["language"]
        kind = data["kind"]
        values = snapshot["values"]
        try:
            title = text_render(data[f"title_{language}"], kind=kind, values=values)
            body = body_render(data[f"body_{language}"], kind=kind, values=values)
        except TemplateTextError as error:
            raise CertificateRenderError("template", error.message) from error
        images = data.get("images", {})

        def image(field: str) -> dict | None:
            entry = images.get(field)
            if not entry:
                return None
            return {"url": self.media_url(entry["name"]), "alt": entry.get("alt", "")}

        with translation.override(language):
            return render_to_string(
                "certificates/pdf/certificate.html",
                {
                    "language": language,
                    "title": title,
                    "body": mark_safe(body),  # noqa: S308 (rebuilt tag by tag, values escaped)
                    "snapshot": snapshot,
                    "holder": snapshot["holder"],
                    "code": snapshot["display_code"],
                    "verification_url": snapshot["verification_url"],
                    "qr": qr_data_uri(snapshot["verification_url"]),
                    "signatory_name": data["signatory_name"],
                    "signatory_role": data[f"signatory_role_{language}"],
                    "signature": image("signature_image"),
                    "logos": [
                        logo for logo in (image("logo_1"), image("logo_2"), image("logo_3")) if logo
                    ],
                    "subject": format_html("{} – {}", snapshot["target_title"], snapshot["holder"]),
                },
            )

    def render(self, *, data: dict, snapshot: dict) -> bytes:
        """The PDF of a certificate (PDF/UA-1, fonts embedded)."""
        if len(self._files) > CACHE_ENTRIES or len(self._image_cache) > CACHE_ENTRIES:
            self._files.clear()
            self._image_cache.clear()
        html = self.html(data=data, snapshot=snapshot)
        fetcher = self._fetcher()
        stylesheets = [
            self.stylesheet(),
            self.colour_stylesheet(data["primary_colour"], data["accent_colour"]),
        ]
        return self._guard(
            fetcher,
            lambda: HTML(string=html, base_url=self.base_url, url_fetcher=fetcher).write_pdf(
                stylesheets=stylesheets,
                font_config=self.font_config,
                pdf_variant=PDF_VARIANT,
                cache=self._image_cache,
            ),
        )

    def render_certificate(self, certificate) -> bytes:
        """A stored certificate rendered again from its snapshot and template version."""
        return self.render(data=certificate.template_version.data, snapshot=certificate.snapshot)

    @staticmethod
    def _guard(fetcher: RestrictedURLFetcher, build):
        try:
            return build()
        except FatalURLFetchingError as error:
            refused = fetcher.refused[-1] if fetcher.refused else str(error)
            raise CertificateRenderError(
                "resource",
                _(
                    "The certificate refers to a file outside the platform's own files, "
                    "which is refused: %(url)s"
                )
                % {"url": refused[:200]},
            ) from error


_thread = threading.local()


def renderer_default() -> CertificateRenderer:
    """The calling thread's renderer, made on first use, so that issuing in a web process
    or a worker reuses warm caches from one certificate to the next."""
    renderer = getattr(_thread, "renderer", None)
    if renderer is None or renderer.base_url != site_origin() + "/":
        renderer = _thread.renderer = CertificateRenderer()
    return renderer
