"""Rendering certificates to PDF with WeasyPrint (PDF/UA-1, A4 landscape).

:class:`CertificateRenderer` keeps what is costly to build warm between renders: the font
configuration with the ``@font-face`` fonts loaded, the parsed stylesheets, the fetched
files and WeasyPrint's image cache. One renderer serves many certificates (a bulk job
keeps one per worker); it is not thread-safe.

:meth:`CertificateRenderer.render_many` lays a batch of certificates of one template
version and language out as one document, one certificate a page, then writes each page
as its own PDF with its own metadata: styles, cascade and layout set-up are paid once per
batch instead of once per certificate. A single certificate is a batch of one, so a
certificate rendered alone or in a batch is the same document.

WeasyPrint fetches through :class:`~lms.certificates.fetcher.RestrictedURLFetcher` only:
the project's own static and media files and small ``data:`` images. Anything else
(``file://``, the network) stops the rendering with a :class:`CertificateRenderError`.

WeasyPrint (and the Pango library under it) is imported on the first render, not when the
site starts: a machine without Pango serves everything but certificates, whose rendering
then fails with a clear message (and ``manage.py check`` warns, ``certificates.W002``).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from functools import partial
from urllib.parse import urljoin

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lms.certificates.conf import site_origin
from lms.certificates.placeholders import TemplateTextError, body_render, text_render

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "certificates/certificate.css"
DOCUMENT_TEMPLATE = "certificates/pdf/document.html"
GENERATOR = "La fonction publique s'engage"
#: Files and images kept per renderer; beyond, the caches start again (long-lived workers).
CACHE_ENTRIES = 64


class CertificateRenderError(Exception):
    """A certificate cannot be rendered; ``message`` says why, in French."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = str(message)


def weasyprint_available() -> str:
    """An empty string when WeasyPrint and its libraries load, else why not."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        return str(error) or type(error).__name__
    return ""


def _weasyprint():
    """The WeasyPrint module, or :class:`CertificateRenderError` when it cannot load."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise CertificateRenderError(
            "unavailable",
            _(
                "The PDF engine (WeasyPrint and the Pango library) is not installed on this "
                "server: certificates cannot be rendered."
            ),
        ) from error
    return weasyprint


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as a vector SVG ``data:`` URI (segno, error level M)."""
    # A fixed mask: choosing the best of eight costs more than the rest of the QR code.
    return segno.make(url, error="m", micro=False, mask=3).svg_data_uri(
        border=0, dark="#000000", light=None, omitsize=True
    )


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hexadecimal."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class PageMetadata:
    """What a certificate's PDF says of itself (title, author, subject, keywords)."""

    title: str
    author: str
    description: str
    keywords: str
    generator: str
    language: str


class CertificateRenderer:
    """Renders certificates to PDF, keeping fonts, stylesheets and files warm.

    :meth:`render` takes a template version's ``data`` and a certificate's frozen
    ``snapshot``: the same pair always gives the same text. :meth:`render_many` renders
    a batch sharing the template version.
    """

    def __init__(self):
        self.base_url = site_origin() + "/"
        self._font_config = None
        self._files: dict = {}
        self._image_cache: dict = {}
        self._stylesheet = None
        self._colour_sheets: dict[tuple[str, str], object] = {}

    @property
    def font_config(self):
        """WeasyPrint's font configuration, holding the ``@font-face`` fonts once loaded."""
        if self._font_config is None:
            self._font_config = _weasyprint().text.fonts.FontConfiguration()
        return self._font_config

    def fetcher(self):
        """A restricted URL fetcher sharing this renderer's file cache."""
        _weasyprint()
        from lms.certificates.fetcher import RestrictedURLFetcher

        return RestrictedURLFetcher(base_url=self.base_url, cache=self._files)

    def stylesheet(self):
        """The certificate stylesheet with its fonts, parsed once."""
        if self._stylesheet is None:
            fetcher = self.fetcher()
            self._stylesheet = self._guard(
                fetcher,
                lambda: _weasyprint().CSS(
                    url=urljoin(fetcher.static_prefix, STYLESHEET),
                    url_fetcher=fetcher,
                    font_config=self.font_config,
                ),
            )
        return self._stylesheet

    def colour_stylesheet(self, primary: str, accent: str):
        """The colours of a template (checked ``#RRGGBB`` values), parsed once each."""
        key = (primary, accent)
        sheet = self._colour_sheets.get(key)
        if sheet is None:
            sheet = _weasyprint().CSS(
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

    def page_context(self, *, data: dict, snapshot: dict) -> dict:
        """What the page of one certificate shows (``certificates/pdf/page.html``)."""
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

        holder = snapshot["holder"]
        return {
            "title": title,
            "body": mark_safe(body),  # noqa: S308 (rebuilt tag by tag, values escaped)
            "snapshot": snapshot,
            "holder": holder,
            "code": snapshot["display_code"],
            "verification_url": snapshot["verification_url"],
            "qr": qr_data_uri(snapshot["verification_url"]),
            "signatory_name": data["signatory_name"],
            "signatory_role": data[f"signatory_role_{language}"],
            "signature": image("signature_image"),
            "logos": [logo for logo in (image("logo_1"), image("logo_2"), image("logo_3")) if logo],
            "metadata": PageMetadata(
                title=f"{title} – {holder}",
                author=data["signatory_name"],
                description=f"{snapshot['target_title']} – {holder}",
                keywords=snapshot["display_code"],
                generator=GENERATOR,
                language=language,
            ),
        }

    def document_html(self, *, data: dict, snapshots: list[dict]) -> tuple[str, list[dict]]:
        """The HTML document of a batch (one page a certificate, all in one language) and
        each page's context."""
        language = snapshots[0]["language"]
        pages = [self.page_context(data=data, snapshot=snapshot) for snapshot in snapshots]
        with translation.override(language):
            html = render_to_string(DOCUMENT_TEMPLATE, {"language": language, "pages": pages})
        return html, pages

    def html(self, *, data: dict, snapshot: dict) -> str:
        """One certificate as an HTML document (what WeasyPrint lays out)."""
        return self.document_html(data=data, snapshots=[snapshot])[0]

    def render(self, *, data: dict, snapshot: dict) -> bytes:
        """The PDF of a certificate (PDF/UA-1, fonts embedded)."""
        return self.render_many(data=data, snapshots=[snapshot])[0]

    def render_many(self, *, data: dict, snapshots: list[dict]) -> list[bytes]:
        """The PDFs of certificates sharing the template version ``data``, in order.

        Certificates of one language are laid out together as one document, then each
        page is written as its own PDF (its own metadata, fonts subset to its own text).
        """
        if not snapshots:
            return []
        if len(self._files) > CACHE_ENTRIES or len(self._image_cache) > CACHE_ENTRIES:
            self._files.clear()
            self._image_cache.clear()
        by_language: dict[str, list[int]] = {}
        for index, snapshot in enumerate(snapshots):
            by_language.setdefault(snapshot["language"], []).append(index)
        pdfs: list[bytes] = [b""] * len(snapshots)
        for indexes in by_language.values():
            batch = self._render_batch(data=data, snapshots=[snapshots[i] for i in indexes])
            for index, pdf in zip(indexes, batch, strict=True):
                pdfs[index] = pdf
        return pdfs

    def _render_batch(self, *, data: dict, snapshots: list[dict]) -> list[bytes]:
        weasyprint = _weasyprint()
        from weasyprint.pdf.metadata import DocumentMetadata

        html, pages = self.document_html(data=data, snapshots=snapshots)
        fetcher = self.fetcher()
        stylesheets = [
            self.stylesheet(),
            self.colour_stylesheet(data["primary_colour"], data["accent_colour"]),
        ]
        document = self._guard(
            fetcher,
            lambda: weasyprint.HTML(
                string=html, base_url=self.base_url, url_fetcher=fetcher
            ).render(
                stylesheets=stylesheets,
                font_config=self.font_config,
                pdf_variant=PDF_VARIANT,
                cache=self._image_cache,
            ),
        )
        if len(document.pages) != len(pages):
            raise CertificateRenderError(
                "layout",
                _("A certificate does not fit on one page; shorten the template's text."),
            )
        pdfs = []
        for page, context in zip(document.pages, pages, strict=True):
            single = document.copy([page])
            meta = context["metadata"]
            single.metadata = DocumentMetadata(
                title=meta.title,
                authors=[meta.author],
                description=meta.description,
                keywords=[meta.keywords],
                generator=meta.generator,
                lang=meta.language,
            )
            pdfs.append(self._guard(fetcher, partial(single.write_pdf, pdf_variant=PDF_VARIANT)))
        return pdfs

    def render_certificate(self, certificate) -> bytes:
        """A stored certificate rendered again from its snapshot and template version."""
        return self.render(data=certificate.template_version.data, snapshot=certificate.snapshot)

    @staticmethod
    def _guard(fetcher, build):
        from weasyprint.urls import FatalURLFetchingError

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
