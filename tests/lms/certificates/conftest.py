"""Fixtures of the certificate tests: a module and a curriculum completed by a learner,
templates saved through the service, and one renderer shared by the module's tests."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lms.certificates.models import CertificateTemplate
from lms.certificates.rendering import CertificateRenderer
from lms.certificates.services import certificate_template_save
from lms.enrolment.models import Enrolment
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from lms.progress.models import CurriculumProgress, ModuleProgress, ProgressStatus

COMPLETED_AT = datetime(2026, 3, 12, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))

MODULE_BODY_FR = (
    "Nous certifions que {nom_complet} a suivi le module « {module} » du parcours "
    "« {curriculum} » ({heures} heures), achevé le {date_fin}.\n\n"
    "Promotion : {promotion}. Attestation émise le {date_emission}."
)
MODULE_BODY_EN = (
    "We certify that {nom_complet} followed the module “{module}” ({heures} hours), "
    "completed on {date_fin}.\n\nPromotion: {promotion}."
)


@pytest.fixture(scope="module")
def renderer() -> CertificateRenderer:
    """One warm renderer for a test module (fonts and stylesheets loaded once)."""
    return CertificateRenderer()


@pytest.fixture
def module(association_curriculum, module_factory):
    return module_factory(
        parent=association_curriculum,
        title="Financer l'action publique",
        duration_hours=Decimal("3.5"),
    )


@pytest.fixture
def second_module(association_curriculum, module_factory):
    return module_factory(
        parent=association_curriculum, title="Évaluer une politique", duration_hours=Decimal("4")
    )


def complete_module(learner, module, at=COMPLETED_AT) -> ModuleProgress:
    """Enrol ``learner`` in ``module`` and record it completed."""
    Enrolment.objects.update_or_create(
        learner=learner,
        module=module,
        defaults={
            "status": Enrolment.Status.ACTIVE,
            "source": Enrolment.Source.ADMINISTRATOR,
            "enrolled_at": timezone.now(),
        },
    )
    progress, _created = ModuleProgress.objects.update_or_create(
        learner=learner,
        module=module,
        defaults={
            "status": ProgressStatus.COMPLETED,
            "lessons_required": 2,
            "lessons_completed": 2,
            "completed_at": at,
        },
    )
    return progress


def complete_curriculum(learner, curriculum, at=COMPLETED_AT) -> CurriculumProgress:
    progress, _created = CurriculumProgress.objects.update_or_create(
        learner=learner,
        curriculum=curriculum,
        defaults={
            "status": ProgressStatus.COMPLETED,
            "modules_required": 2,
            "modules_completed": 2,
            "completed_at": at,
        },
    )
    return progress


@pytest.fixture
def graduate(learner, module):
    """The learner, named with an accent and an apostrophe, who completed ``module``, in
    the promotion « CHESP 2026 », preferring French."""
    learner.first_name = "Éloïse"
    learner.last_name = "d'Aubigné"
    learner.save()
    LearnerProfile.objects.update_or_create(user=learner, defaults={"preferred_language": "fr"})
    promotion = Promotion.objects.create(name="CHESP 2026", year=2026)
    PromotionMembership.objects.create(promotion=promotion, learner=learner)
    complete_module(learner, module)
    return learner


@pytest.fixture
def module_template(administrator) -> CertificateTemplate:
    """The general module template, saved (version 1)."""
    template = CertificateTemplate(
        name="Module – standard",
        kind="module",
        title_fr="Attestation de formation",
        title_en="Certificate of training",
        body_fr=MODULE_BODY_FR,
        body_en=MODULE_BODY_EN,
        signatory_name="Jeanne Martin",
        signatory_role_fr="Directrice de la formation",
        signatory_role_en="Head of training",
    )
    return certificate_template_save(template=template, by=administrator)


@pytest.fixture
def curriculum_template(administrator) -> CertificateTemplate:
    template = CertificateTemplate(
        name="Parcours – standard",
        kind="curriculum",
        title_fr="Attestation de parcours",
        title_en="Curriculum certificate",
        body_fr="{nom_complet} a achevé le parcours « {curriculum} » ({heures} heures).",
        body_en="{nom_complet} completed the curriculum “{curriculum}” ({heures} hours).",
        signatory_name="Jeanne Martin",
        signatory_role_fr="Directrice",
        signatory_role_en="Director",
    )
    return certificate_template_save(template=template, by=administrator)
