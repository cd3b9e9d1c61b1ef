"""App configuration of notifications."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lms.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms.enrolment.signals import enrolment_created
        from lms.notifications import receivers
        from lms.progress.signals import module_completed

        enrolment_created.connect(
            receivers.enrolment_created_email, dispatch_uid="notifications_enrolment_created"
        )
        module_completed.connect(
            receivers.module_completed_email, dispatch_uid="notifications_module_completed"
        )
