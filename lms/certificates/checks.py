"""System checks of certificates: the address printed on them must be the public site's."""

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
