"""System checks of the SCORM player's isolation."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

from lms.scorm.origins import configured_content_origin


def _site_hosts(content_host: str) -> set[str]:
    """Host names the site answers on (``ALLOWED_HOSTS`` without the content host, which
    the settings add themselves, and ``LMS_SITE_ORIGIN``'s)."""
    hosts = {
        host.lstrip(".").lower()
        for host in settings.ALLOWED_HOSTS
        if host and host != "*" and host.lower() != content_host
    }
    site_origin = (getattr(settings, "LMS_SITE_ORIGIN", "") or "").rstrip("/")
    if site_origin:
        hosts.add((urlsplit(site_origin).hostname or "").lower())
    return hosts - {""}


@register(Tags.security, deploy=True)
def check_content_origin(app_configs=None, **kwargs):
    """Warn when package content would run on the site's own origin, or when the origins
    are not configured for production."""
    origin = configured_content_origin()
    if not origin:
        return [
            Warning(
                "LMS_SCORM_CONTENT_ORIGIN is not set: SCORM content is served on "
                "'localhost', which only suits development.",
                hint="Set LMS_SCORM_CONTENT_ORIGIN to another site, e.g. "
                "https://contenu.example.gouv.fr.",
                id="scorm.W001",
            )
        ]
    content_host = (urlsplit(origin).hostname or "").lower()
    site_origin = (getattr(settings, "LMS_SITE_ORIGIN", "") or "").rstrip("/")
    warnings = []
    if origin == site_origin or content_host in _site_hosts(content_host):
        warnings.append(
            Warning(
                "The SCORM content origin is the site's own origin: package scripts would "
                "run with the site's authority.",
                hint="Serve SCORM content from another host name.",
                id="scorm.W002",
            )
        )
    if not site_origin:
        warnings.append(
            Warning(
                "LMS_SITE_ORIGIN is not set: the content origin cannot tell which site may "
                "frame it and receive its commits.",
                hint="Set LMS_SITE_ORIGIN to the site's address, e.g. https://example.gouv.fr.",
                id="scorm.W003",
            )
        )
    return warnings
