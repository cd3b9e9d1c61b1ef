"""Wagtail hooks of the trainers' SCORM views (attempts per learner, new attempt grants).

Imported by the app's ``wagtail_hooks`` module (Wagtail only discovers that one).
"""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.scorm.selectors import user_can_follow_scorm


class ScormTrackingMenuItem(MenuItem):
    """Shown to Formateurs and Administrateurs only."""

    def is_shown(self, request) -> bool:
        return user_can_follow_scorm(request.user)


@hooks.register("register_admin_urls")
def register_scorm_tracking_urls():
    return [path("suivi-scorm/", include("lms.scorm.trainer_urls", namespace="scorm_tracking"))]


@hooks.register("register_admin_menu_item")
def register_scorm_tracking_menu_item():
    return ScormTrackingMenuItem(
        _("SCORM tracking"),
        reverse_lazy("scorm_tracking:lessons"),
        name="scorm-tracking",
        icon_name="tasks",
        order=850,
    )
