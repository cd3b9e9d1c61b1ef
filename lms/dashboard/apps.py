"""App configuration of the learner dashboard."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "lms.dashboard"
    label = "dashboard"
    verbose_name = _("Learner dashboard")
