"""App configuration of binômes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BinomesConfig(AppConfig):
    name = "lms.binomes"
    label = "binomes"
    verbose_name = _("Binômes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms.binomes.rules import (
            binome_project_curriculum_requirement_met,
            binome_project_requirement_met,
        )
        from lms.progress import requirements

        requirements.module_requirement_register(binome_project_requirement_met)
        requirements.curriculum_requirement_register(binome_project_curriculum_requirement_met)
