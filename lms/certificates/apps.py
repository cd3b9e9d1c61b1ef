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
        from lms.certificates import checks  # noqa: F401 (registers the system checks)

        # WeasyPrint logs each rendering step at INFO; keep its warnings only.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
