"""App configuration of people and promotions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "lms.people"
    label = "people"
    verbose_name = _("Learners and promotions")
    default_auto_field = "django.db.models.BigAutoField"
