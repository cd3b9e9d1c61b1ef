"""App configuration of certificates."""

import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "lms.certificates"
    label = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms.certificates import (
            checks,  # noqa: F401 (registers the system checks)
            receivers,  # noqa: F401 (connects the e-mail receiver)
        )
        from lms.certificates.bulk import (
            JOB_KIND,
            certificate_bulk_finish,
            certificate_bulk_result_url,
            certificate_bulk_run_item,
        )
        from lms.jobs.registry import job_kind_register

        job_kind_register(
            JOB_KIND,
            label=_("Bulk issuance of certificates"),
            run_item=certificate_bulk_run_item,
            finish=certificate_bulk_finish,
            result_url=certificate_bulk_result_url,
        )

        # WeasyPrint logs each rendering step at INFO; keep its warnings only.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
