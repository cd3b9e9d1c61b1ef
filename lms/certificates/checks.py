"""System checks of certificates: the address printed on them must be the public site's,
and the PDF engine must load."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.checks import Tags, Warning, register

from lms.certificates.conf import site_origin

LOCAL_HOSTS = {"127.0.0.1", "localhost", "testserver", "::1", ""}


@register(Tags.security, deploy=True)
def check_site_origin(app_configs, **kwargs):
    """certificates.W001: certificates would print a local verification address."""
    host = (urlsplit(site_origin()).hostname or "").lower()
    if host in LOCAL_HOSTS:
        return [
            Warning(
                "Certificates would print a local verification address "
                f"({site_origin() or 'none'}).",
                hint="Set LMS_SITE_ORIGIN (or WAGTAILADMIN_BASE_URL) to the public site's "
                "address, e.g. https://formation.exemple.gouv.fr.",
                id="certificates.W001",
            )
        ]
    return []


@register()
def check_pdf_engine(app_configs, **kwargs):
    """certificates.W002: WeasyPrint (or the Pango library under it) cannot load, so
    certificates cannot be rendered; everything else still works."""
    from lms.certificates.rendering import weasyprint_available

    reason = weasyprint_available()
    if reason:
        return [
            Warning(
                f"WeasyPrint cannot load ({reason[:200]}): certificates cannot be rendered.",
                hint="Install Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0) and the fonts "
                "fonts-dejavu-core fonts-noto-core; see README.md.",
                id="certificates.W002",
            )
        ]
    return []
