"""App configuration of enrolment."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "lms.enrolment"
    label = "enrolment"
    verbose_name = _("Enrolment")
    default_auto_field = "django.db.models.BigAutoField"
