"""App configuration of imports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "lms.imports"
    label = "imports"
    verbose_name = _("Imports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms.imports.services import (
            JOB_KIND,
            import_job_finish,
            import_job_result_url,
            import_job_run_item,
        )
        from lms.jobs.registry import job_kind_register

        job_kind_register(
            JOB_KIND,
            label=_("Learner import"),
            run_item=import_job_run_item,
            finish=import_job_finish,
            result_url=import_job_result_url,
        )
