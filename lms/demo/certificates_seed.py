"""Demo certificates: a general module template, and a certificate for each demo learner's
completed module, issued through the services. Only what is missing is created."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lms.certificates.models import Certificate, CertificateTemplate
from lms.certificates.services import certificate_issue, certificate_template_save
from lms.progress.models import ModuleProgress, ProgressStatus

TEMPLATE_NAME = "Attestation de module – modèle général"


def _template_seed(*, administrator) -> CertificateTemplate:
    template = CertificateTemplate.objects.filter(name=TEMPLATE_NAME).first()
    if template is not None:
        return template
    return certificate_template_save(
        template=CertificateTemplate(
            name=TEMPLATE_NAME,
            kind="module",
            title_fr="Attestation de formation",
            title_en="Certificate of training",
            body_fr=(
                "Nous certifions que <strong>{nom_complet}</strong>, de la promotion "
                "{promotion}, a suivi le module « {module} » du parcours « {curriculum} » "
                "({heures} heures de formation), achevé le {date_fin}.\n\n"
                "Fait le {date_emission}."
            ),
            body_en=(
                "We certify that <strong>{nom_complet}</strong>, of the {promotion} cohort, "
                "followed the module “{module}” of the curriculum “{curriculum}” ({heures} "
                "hours of training), completed on {date_fin}.\n\nIssued on {date_emission}."
            ),
            signatory_name="Direction de la formation de l'INSP",
            signatory_role_fr="Pour le programme « La fonction publique s'engage »",
            signatory_role_en="For the programme “La fonction publique s'engage”",
        ),
        by=administrator,
    )


def demo_certificates_seed(*, learners: dict, administrator) -> list[str]:
    """Issue a certificate for each completed module of the demo learners that has none
    yet (whatever its status). Returns lines to print."""
    if administrator is None:
        return []
    _template_seed(administrator=administrator)
    lines = []
    for user in learners.values():
        completed = ModuleProgress.objects.filter(
            learner=user, status=ProgressStatus.COMPLETED
        ).select_related("module")
        for progress in completed:
            if Certificate.objects.filter(learner=user, target_id=progress.module_id).exists():
                continue
            certificate = certificate_issue(
                learner=user, target=progress.module, issued_by=administrator
            )
            lines.append(
                _("Issued certificate %(code)s to %(learner)s for “%(module)s”.")
                % {
                    "code": certificate.display_code,
                    "learner": user.get_full_name(),
                    "module": progress.module.title,
                }
            )
    return lines
