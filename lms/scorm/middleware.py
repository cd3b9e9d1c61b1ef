"""Routes requests on the SCORM content origin to the content URLs only."""

from __future__ import annotations

from lms.scorm.origins import is_content_request

CONTENT_URLCONF = "lms.scorm.content_urls"


class ContentOriginMiddleware:
    """On the content origin, resolve URLs with :mod:`lms.scorm.content_urls` (package files
    and the runtime wrapper; everything else is a 404 there). On the site's origin, the
    content URLs do not exist (they are not in the root URLconf)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_content_request(request):
            request.urlconf = CONTENT_URLCONF
            request.is_scorm_content = True
        else:
            request.is_scorm_content = False
        return self.get_response(request)
