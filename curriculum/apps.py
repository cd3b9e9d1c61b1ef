"""App configuration of the curricula."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculumConfig(AppConfig):
    name = "curriculum"
    verbose_name = _("Curricula")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from curriculum import checks  # noqa: F401  (registers the system checks)
