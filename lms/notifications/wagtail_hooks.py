"""Admin wiring of notifications, and of the admin actions of enrolment and progress.

The promotion enrolment screen (:mod:`lms.enrolment.promotion_views`) and the sign-off and
revocation page (:mod:`lms.progress.admin_views`) are registered here so that those apps'
hooks stay as they are.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.notifications.viewsets import email_template_viewset


@hooks.register("register_admin_viewset")
def register_email_template_viewset():
    return email_template_viewset


@hooks.register("register_admin_urls")
def register_admin_action_urls():
    from lms.enrolment import promotion_views
    from lms.progress import admin_views

    return [
        path(
            "inscrire-promotion/",
            promotion_views.enrol_promotion,
            name="enrolment_enrol_promotion",
        ),
        path(
            "suivi-apprenant/<int:learner_id>/<int:module_id>/",
            admin_views.learner_module_progress,
            name="progress_learner_module",
        ),
        path(
            "suivi-apprenant/<int:learner_id>/<int:module_id>/validation/",
            admin_views.module_signoff,
            name="progress_module_signoff",
        ),
        path(
            "suivi-apprenant/<int:learner_id>/<int:module_id>/revocation/",
            admin_views.module_completion_revoke,
            name="progress_module_revoke",
        ),
    ]


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_enrol_promotion_menu_item():
    return _PermissionMenuItem(
        _("Enrol a promotion"),
        reverse("enrolment_enrol_promotion"),
        icon_name="group",
        order=275,
        permission="enrolment.add_enrolment",
    )
