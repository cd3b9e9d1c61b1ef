"""System checks of the SCORM player's isolation."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

from lms.scorm.origins import configured_content_origin


@register(Tags.security, deploy=True)
def check_content_origin(app_configs=None, **kwargs):
    """Warn when package content would run on the site's own origin."""
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
    content_host = urlsplit(origin).hostname or ""
    site_origin = (getattr(settings, "LMS_SITE_ORIGIN", "") or "").rstrip("/")
    site_hosts = {h.lstrip(".").lower() for h in settings.ALLOWED_HOSTS if h != content_host}
    if site_origin:
        site_hosts.add(urlsplit(site_origin).hostname or "")
    if origin == site_origin or content_host.lower() in site_hosts - {""}:
        return [
            Warning(
                "The SCORM content origin is the site's own origin: package scripts would "
                "run with the site's authority.",
                hint="Serve SCORM content from another host name.",
                id="scorm.W002",
            )
        ]
    return []
