"""URLs of the content origin (see :class:`lms.scorm.middleware.ContentOriginMiddleware`).

Only these resolve there: the runtime wrapper of an attempt, the untracked preview of a SCO
(staff) and the package files, each under the content token. Nothing else, not even the
site's error pages.
"""

from django.urls import path

from lms.scorm import content_views

urlpatterns = [
    path(
        f"<str:token>/{content_views.RUNTIME_SEGMENT}/<str:attempt_token>/",
        content_views.runtime,
        name="runtime",
    ),
    path(
        f"<str:token>/{content_views.PREVIEW_SEGMENT}/<int:item_id>/",
        content_views.preview,
        name="preview",
    ),
    path("<str:token>/<path:path>", content_views.package_file, name="file"),
]

handler400 = "lms.scorm.content_views.not_found"
handler403 = "lms.scorm.content_views.not_found"
handler404 = "lms.scorm.content_views.not_found"
handler500 = "lms.scorm.content_views.server_error"
