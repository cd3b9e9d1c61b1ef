"""Template context shared by every public page."""

from django.utils.functional import SimpleLazyObject

from lms.portal.selectors import footer_links


def site_links(request):
    """``footer_links``: evaluated only when a template renders the footer."""
    return {"footer_links": SimpleLazyObject(footer_links)}
