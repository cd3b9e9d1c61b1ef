"""The world of the authorization matrix, built once per test module.

Every matrix request runs inside its test's transaction (rolled back after it), itself
nested in the module's transaction that holds the world: a request that deletes or
changes something leaves the next test the same world, and the whole world is rolled
back after the module. Building it once keeps the matrix (a thousand or so requests) fast.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.test import Client, override_settings
from django.urls import set_urlconf

from curriculum.models import Audience, CurriculumIndexPage
from curriculum.models.mirrors import MirrorPair
from lms.accounts import roles
from lms.binomes.models import EvaluationCriterion, ModuleBinomeRequirement
from lms.binomes.services import binome_create, comment_add, deliverable_add, milestone_add
from lms.certificates.models import CertificateTemplate
from lms.certificates.services import certificate_issue, certificate_template_save
from lms.demo.scorm_seed import demo_scorm_zip
from lms.enrolment.models import Enrolment, ModuleSettings
from lms.enrolment.services import enrolment_create
from lms.imports.services import import_batch_create
from lms.jobs.models import Job
from lms.notifications.models import EmailTemplate
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from lms.progress.models import ModuleProgress, ProgressStatus
from lms.scorm.importer import scorm_package_import
from lms.scorm.pages import ScormLessonPage
from lms.scorm.services import attempt_launch
from lms.scorm.tokens import attempt_token_make, content_token_make
from tests.factories import (
    CurriculumPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)

ROLES = ("anonymous", "learner_a", "learner_b", "trainer", "reviewer", "administrator")

# A minimal well-formed PDF: deliverables are sniffed, not only named.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class World:
    """Everything the matrix fills URL arguments from (attributes read by ``matrix.py``)."""

    users: dict
    learner_a: object
    learner_b: object
    learner_c: object
    outsider: object
    trainer: object
    reviewer: object
    administrator: object
    index: object
    association_curriculum: object
    civil_servant_curriculum: object
    module: object
    mirror_module: object
    lesson: object
    scorm_lesson: object
    draft_module: object
    mirror_pair: object
    enrolment: object
    promotion: object
    membership: object
    profile_a: object
    binome: object
    milestone: object
    deliverable: object
    criterion: object
    requirement: object
    certificate: object
    certificate_template: object
    package: object
    version: object
    sco: object
    attempt: object
    attempt_token: str
    content_token: str
    import_batch: object
    job: object
    module_settings: object
    email_template: object
    home: object
    legal_page: object
    accessibility_page: object
    curriculum_requirement: object
    staff_content_token: str = ""
    sessions: dict = None


def _learner(email: str, audience: str, promotion: Promotion):
    user = UserFactory(email=email, roles=[roles.LEARNERS])
    LearnerProfile.objects.create(user=user, audience=audience)
    PromotionMembership.objects.create(promotion=promotion, learner=user)
    return user


def build_world() -> World:
    staff = {
        "trainer": UserFactory(email="formatrice@insp.gouv.fr", roles=[roles.TRAINERS]),
        "reviewer": UserFactory(email="relecteur@insp.gouv.fr", roles=[roles.REVIEWERS]),
        "administrator": UserFactory(email="admin@insp.gouv.fr", roles=[roles.ADMINISTRATORS]),
    }
    promotion = Promotion.objects.create(name="CHESP 2026", year=2026)
    # The Formateur follows the promotion (binômes and trainer views depend on it).
    promotion.trainers.add(staff["trainer"])
    learner_a = _learner("alice@asso.fr", Audience.ASSOCIATION_LEADERS, promotion)
    learner_b = _learner("bruno@asso.fr", Audience.ASSOCIATION_LEADERS, promotion)
    learner_c = _learner("claire@insp.gouv.fr", Audience.CIVIL_SERVANTS, promotion)
    # A learner of no promotion the Formateur follows.
    outsider = _learner(
        "dora@asso.fr",
        Audience.ASSOCIATION_LEADERS,
        Promotion.objects.create(name="Lauréats 2026", year=2026),
    )

    index = CurriculumIndexPage.objects.get()
    association = CurriculumPageFactory(
        parent=index,
        title="Politiques publiques et service public",
        slug="politiques-publiques",
        audience=Audience.ASSOCIATION_LEADERS,
    )
    civil_servant = CurriculumPageFactory(
        parent=index,
        title="ESS et innovation sociale",
        slug="ess-innovation-sociale",
        audience=Audience.CIVIL_SERVANTS,
    )
    module = ModulePageFactory(parent=association, title="Financer l'action publique")
    mirror_module = ModulePageFactory(parent=civil_servant, title="Modèles économiques de l'ESS")
    draft_module = ModulePageFactory(parent=association, title="Module en brouillon", live=False)
    mirror_pair = MirrorPair.objects.create(
        association_module=module, civil_servant_module=mirror_module
    )
    lesson = LessonPageFactory(parent=module, title="Le cycle de la décision publique")
    version = scorm_package_import(
        upload=io.BytesIO(demo_scorm_zip("principes-service-public")),
        filename="principes-service-public.zip",
        user=staff["trainer"],
    )
    scorm_lesson = ScormLessonPage(title="Activité SCORM", package=version.package)
    module.add_child(instance=scorm_lesson)
    scorm_lesson.save_revision().publish()
    module_settings = ModuleSettings.objects.create(module=mirror_module)
    requirement = ModuleBinomeRequirement.objects.create(module=mirror_module)

    enrolment = enrolment_create(learner=learner_a, module=module)
    enrolment_create(learner=outsider, module=module)
    attempt = attempt_launch(learner=learner_a, lesson=scorm_lesson)

    ModuleProgress.objects.update_or_create(
        learner=learner_a,
        module=module,
        defaults={
            "status": ProgressStatus.COMPLETED,
            "lessons_required": 2,
            "lessons_completed": 2,
            "completed_at": "2026-03-12T15:30:00+01:00",
        },
    )
    template = certificate_template_save(
        template=CertificateTemplate(
            name="Module – standard",
            kind="module",
            title_fr="Attestation de formation",
            title_en="Certificate of training",
            body_fr="Nous certifions que {nom_complet} a suivi le module « {module} ».",
            body_en="We certify that {nom_complet} followed the module “{module}”.",
            signatory_name="Jeanne Martin",
            signatory_role_fr="Directrice de la formation",
            signatory_role_en="Head of training",
        ),
        by=staff["administrator"],
    )
    certificate = certificate_issue(
        learner=learner_a, target=module, issued_by=staff["administrator"], template=template
    )

    binome = binome_create(
        promotion=promotion, first=learner_c, second=learner_a, by=staff["trainer"]
    )
    milestone = milestone_add(
        binome=binome, by=learner_a, title="Premier atelier", due_on=date(2026, 6, 1)
    )
    deliverable = deliverable_add(
        binome=binome,
        by=learner_a,
        upload=SimpleUploadedFile("note.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    comment_add(binome=binome, by=staff["trainer"], body="Première réunion faite.")
    criterion = EvaluationCriterion.objects.create(
        promotion=promotion, label="Pragmatisme de la solution", position=1
    )

    csv = (
        "courriel;prénom;nom;public;organisation;territoire;promotion\r\n"
        "nouvelle@asso.fr;Nina;Roux;dirigeant associatif;Asso;;CHESP 2026\r\n"
    ).encode()
    import_batch = import_batch_create(
        upload=SimpleUploadedFile("inscriptions.csv", csv, content_type="text/csv"),
        module=module,
        promotion=promotion,
        by=staff["administrator"],
    )
    job = Job.objects.create(kind="certificates.bulk", created_by=staff["administrator"])

    from django.apps import apps

    from lms.portal.models import AccessibilityPage, HomePage, LegalPage, PlatformSettings

    # Created on first use by any page: made now, so that a request changes nothing.
    PlatformSettings.load()

    curriculum_requirement_model = apps.get_model("binomes", "CurriculumBinomeRequirement")
    curriculum_requirement = curriculum_requirement_model.objects.create(curriculum=civil_servant)
    users = {
        "anonymous": None,
        "learner_a": learner_a,
        "learner_b": learner_b,
        **staff,
    }
    return World(
        users=users,
        learner_a=learner_a,
        learner_b=learner_b,
        learner_c=learner_c,
        outsider=outsider,
        trainer=staff["trainer"],
        reviewer=staff["reviewer"],
        administrator=staff["administrator"],
        index=index,
        association_curriculum=association,
        civil_servant_curriculum=civil_servant,
        module=module,
        mirror_module=mirror_module,
        lesson=lesson,
        scorm_lesson=scorm_lesson,
        draft_module=draft_module,
        mirror_pair=mirror_pair,
        enrolment=Enrolment.objects.get(pk=enrolment.pk),
        promotion=promotion,
        membership=PromotionMembership.objects.get(promotion=promotion, learner=learner_b),
        profile_a=learner_a.learner_profile,
        binome=binome,
        milestone=milestone,
        deliverable=deliverable,
        criterion=criterion,
        requirement=requirement,
        certificate=certificate,
        certificate_template=template,
        package=version.package,
        version=version,
        sco=version.items.filter(kind="sco").first(),
        attempt=attempt,
        attempt_token=attempt_token_make(attempt.pk),
        content_token=content_token_make(
            learner_id=learner_a.pk, version_id=version.pk, lesson_id=scorm_lesson.pk
        ),
        staff_content_token=content_token_make(
            learner_id=staff["trainer"].pk, version_id=version.pk, lesson_id=scorm_lesson.pk
        ),
        import_batch=import_batch,
        job=job,
        module_settings=module_settings,
        email_template=EmailTemplate.objects.order_by("pk").first(),
        home=HomePage.objects.get(),
        legal_page=LegalPage.objects.order_by("pk").first(),
        accessibility_page=AccessibilityPage.objects.get(),
        curriculum_requirement=curriculum_requirement,
    )


def _sessions(world: World) -> dict:
    """A signed-in session per role (its cookie value), saved with the world."""
    sessions = {}
    for role, user in world.users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """Overrides the suite's per-test media folder: the world's files live for the module
    (the ``world`` fixture points ``MEDIA_ROOT`` at them for the whole module)."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media):
    """The world, in a transaction of the module (rolled back at its end)."""
    media = override_settings(MEDIA_ROOT=world_media)
    media.enable()
    with django_db_blocker.unblock():
        atomics = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in atomics.values():
            atomic.__enter__()
        try:
            built = build_world()
            built.sessions = _sessions(built)
        except BaseException:
            for alias, atomic in atomics.items():
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)
            media.disable()
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            for alias, atomic in reversed(atomics.items()):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)
        media.disable()


@pytest.fixture(autouse=True)
def _fresh_state():
    """Rate limits and cached pages start empty; a content response never leaves its
    URLconf active in the thread."""
    caches["shared"].clear()
    yield
    set_urlconf(None)
