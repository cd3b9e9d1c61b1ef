"""Issuing, re-issuing, revoking and re-rendering certificates, through the services."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from lms.audit.models import AuditEntry
from lms.certificates.errors import CertificateError
from lms.certificates.models import Certificate, CertificateTemplate
from lms.certificates.selectors import certificate_eligibility
from lms.certificates.services import (
    certificate_issue,
    certificate_reissue,
    certificate_rerender,
    certificate_revoke,
    certificate_template_save,
)
from lms.enrolment.models import Enrolment
from lms.people.models import LearnerProfile
from lms.progress.models import ModuleProgress, ProgressStatus
from tests.factories import UserFactory
from tests.lms.certificates.conftest import complete_curriculum, complete_module
from tests.lms.certificates.support import pdf_reader, pdf_text, qr_codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(graduate, module, module_template, administrator, renderer) -> Certificate:
    return certificate_issue(
        learner=graduate, target=module, issued_by=administrator, renderer=renderer
    )


def test_issuing_stores_the_pdf_its_hash_and_a_frozen_snapshot(issued, graduate, module):
    pdf = issued.pdf.read()

    assert issued.status == Certificate.Status.VALID
    assert issued.sha256 == hashlib.sha256(pdf).hexdigest()
    assert issued.kind == "module"
    assert issued.target_id == module.pk
    assert issued.language == "fr"
    assert issued.template_version.number == 1
    snapshot = issued.snapshot
    assert snapshot["holder"] == "Éloïse d'Aubigné"
    assert snapshot["target_title"] == "Financer l'action publique"
    assert snapshot["curriculum_title"] == "Politiques publiques et service public"
    assert snapshot["promotion"] == "CHESP 2026"
    assert snapshot["completed_on"] == "2026-03-12"
    assert snapshot["values"]["date_fin"] == "12 mars 2026"
    assert snapshot["values"]["heures"] == "3,5"
    text = pdf_text(pdf)
    assert "Éloïse d'Aubigné" in text
    assert issued.display_code in text
    assert "« Financer l'action publique »" in text
    assert qr_codes(pdf) == [snapshot["verification_url"]]
    assert snapshot["verification_url"].endswith(f"/attestations/verifier/{issued.display_code}/")


def test_the_learner_is_emailed_a_link_and_the_code_when_it_is_ready(
    graduate,
    module,
    module_template,
    administrator,
    renderer,
    mailoutbox,
    django_capture_on_commit_callbacks,
    settings,
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(
            learner=graduate, target=module, issued_by=administrator, renderer=renderer
        )
    mails = [m for m in mailoutbox if "attestation" in m.subject]
    assert len(mails) == 1
    mail = mails[0]
    assert mail.to == [graduate.email]
    assert certificate.display_code in mail.body
    assert f"/attestations/verifier/{certificate.display_code}/" in mail.body
    assert "/mon-parcours/" in mail.body

    # Switched off (the bulk benchmark excludes e-mails): nothing is sent.
    settings.LMS_CERTIFICATE_EMAILS = False
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_reissue(certificate=certificate, issued_by=administrator, renderer=renderer)
    assert not [m for m in mailoutbox if "attestation" in m.subject]


def test_issuing_writes_an_audit_entry(issued, administrator):
    entry = AuditEntry.objects.get(action="certificate.issued")

    assert entry.learner_id == issued.learner_id
    assert entry.actor == administrator
    assert entry.data["code"] == issued.code


def test_the_language_is_the_learners_preference_unless_chosen(
    graduate, module, module_template, administrator, renderer
):
    LearnerProfile.objects.filter(user=graduate).update(preferred_language="en")
    english = certificate_issue(
        learner=graduate, target=module, issued_by=administrator, renderer=renderer
    )
    assert english.language == "en"
    assert english.snapshot["values"]["date_fin"] == "March 12, 2026"
    assert "Certificate of training" in pdf_text(english.pdf.read())

    french = certificate_reissue(
        certificate=english, issued_by=administrator, language="fr", renderer=renderer
    )
    assert french.language == "fr"


def test_a_curriculum_certificate_counts_the_hours_of_its_modules(
    graduate,
    association_curriculum,
    module,
    second_module,
    curriculum_template,
    administrator,
    renderer,
):
    complete_module(graduate, second_module)
    complete_curriculum(graduate, association_curriculum)

    certificate = certificate_issue(
        learner=graduate, target=association_curriculum, issued_by=administrator, renderer=renderer
    )

    assert certificate.kind == "curriculum"
    assert Decimal(certificate.snapshot["hours"]) == Decimal("7.5")
    assert "(7,5 heures)" in pdf_text(certificate.pdf.read())


def test_learners_and_trainers_cannot_issue(graduate, module, module_template, trainer):
    for user in (graduate, trainer, UserFactory(is_staff=True)):
        with pytest.raises(CertificateError) as error:
            certificate_issue(learner=graduate, target=module, issued_by=user)
        assert error.value.code == "forbidden"
    assert not Certificate.objects.exists()


def test_an_incomplete_module_is_refused_with_the_reason(
    learner, module, module_template, administrator
):
    Enrolment.objects.create(
        learner=learner, module=module, source="administrator", enrolled_at=timezone.now()
    )
    ModuleProgress.objects.create(
        learner=learner,
        module=module,
        status=ProgressStatus.IN_PROGRESS,
        lessons_required=4,
        lessons_completed=1,
    )

    with pytest.raises(CertificateError) as error:
        certificate_issue(learner=learner, target=module, issued_by=administrator)

    assert error.value.code == "not_complete"
    assert "1" in error.value.message and "4" in error.value.message


def test_a_second_valid_certificate_is_refused(issued, graduate, module, administrator):
    with pytest.raises(CertificateError) as error:
        certificate_issue(learner=graduate, target=module, issued_by=administrator)

    assert error.value.code == "already_certified"
    assert issued.display_code in error.value.message


def test_a_withdrawn_learner_is_refused(graduate, module, module_template, administrator):
    Enrolment.objects.filter(learner=graduate, module=module).update(
        status=Enrolment.Status.WITHDRAWN, withdrawn_at=timezone.now()
    )

    eligibility = certificate_eligibility(learner=graduate, target=module)
    assert eligibility.code == "withdrawn"
    with pytest.raises(CertificateError) as error:
        certificate_issue(learner=graduate, target=module, issued_by=administrator)
    assert error.value.code == "withdrawn"


def test_no_template_is_a_clear_refusal(graduate, module, administrator):
    with pytest.raises(CertificateError) as error:
        certificate_issue(learner=graduate, target=module, issued_by=administrator)

    assert error.value.code == "no_template"


def test_a_modules_own_template_wins_over_the_general_one(
    graduate, module, module_template, administrator, renderer
):
    own = certificate_template_save(
        template=CertificateTemplate(
            name="Propre au module",
            kind="module",
            target=module,
            title_fr="Attestation spéciale",
            title_en="Special certificate",
            body_fr="{nom_complet}",
            body_en="{nom_complet}",
            signatory_name="J. M.",
            signatory_role_fr="Directrice",
            signatory_role_en="Director",
        ),
        by=administrator,
    )

    certificate = certificate_issue(
        learner=graduate, target=module, issued_by=administrator, renderer=renderer
    )

    assert certificate.template_version.template == own
    assert "Attestation spéciale" in pdf_text(certificate.pdf.read())


def test_the_database_refuses_two_valid_certificates(issued):
    duplicate = Certificate.objects.get(pk=issued.pk)
    duplicate.pk = None
    duplicate.code = "0" * 20
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_reissuing_supersedes_in_one_transaction_and_keeps_history(
    issued, graduate, administrator, renderer
):
    graduate.last_name = "d'Aubigné-Martin"
    graduate.save()

    new = certificate_reissue(certificate=issued, issued_by=administrator, renderer=renderer)

    issued.refresh_from_db()
    assert issued.status == Certificate.Status.SUPERSEDED
    assert issued.superseded_by == new
    assert issued.superseded_at is not None
    assert new.status == Certificate.Status.VALID
    assert new.code != issued.code
    assert new.snapshot["holder"] == "Éloïse d'Aubigné-Martin"
    assert issued.snapshot["holder"] == "Éloïse d'Aubigné"
    assert Certificate.objects.filter(learner=graduate).count() == 2
    assert Certificate.objects.filter(learner=graduate, status="valid").get() == new
    assert AuditEntry.objects.filter(action="certificate.superseded").count() == 1


def test_a_failed_reissue_leaves_the_old_certificate_valid(issued, graduate, module, administrator):
    ModuleProgress.objects.filter(learner=graduate, module=module).update(
        status=ProgressStatus.IN_PROGRESS, completed_at=None
    )

    with pytest.raises(CertificateError):
        certificate_reissue(certificate=issued, issued_by=administrator)

    issued.refresh_from_db()
    assert issued.status == Certificate.Status.VALID


def test_revoking_needs_a_reason_and_the_permission(issued, administrator, trainer, graduate):
    with pytest.raises(CertificateError) as error:
        certificate_revoke(certificate=issued, by=administrator, reason="  ")
    assert error.value.code == "reason_required"
    for user in (trainer, graduate):
        with pytest.raises(CertificateError) as error:
            certificate_revoke(certificate=issued, by=user, reason="Fraude")
        assert error.value.code == "forbidden"

    revoked = certificate_revoke(certificate=issued, by=administrator, reason="Fraude avérée")

    assert revoked.status == Certificate.Status.REVOKED
    assert revoked.revoked_by == administrator
    assert revoked.revoked_reason == "Fraude avérée"
    assert AuditEntry.objects.filter(action="certificate.revoked").exists()
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=revoked, by=administrator, reason="Encore")


def test_after_revocation_a_new_certificate_can_be_issued(
    issued, graduate, module, administrator, renderer
):
    certificate_revoke(certificate=issued, by=administrator, reason="Erreur de parcours")

    again = certificate_issue(
        learner=graduate, target=module, issued_by=administrator, renderer=renderer
    )

    assert again.status == Certificate.Status.VALID


def test_rerendering_gives_the_same_text_after_everything_changed(
    issued, graduate, module, module_template, administrator, renderer
):
    before = pdf_text(issued.pdf.read())
    graduate.first_name, graduate.last_name = "Autre", "Personne"
    graduate.save()
    module.title = "Titre changé"
    module.duration_hours = Decimal("40")
    module.save_revision().publish()
    module_template.title_fr = "Nouveau titre"
    module_template.body_fr = "Tout autre texte pour {nom_complet}."
    certificate_template_save(template=module_template, by=administrator)
    LearnerProfile.objects.filter(user=graduate).update(preferred_language="en")

    issued.refresh_from_db()
    again = certificate_rerender(certificate=issued, renderer=renderer)

    assert module_template.version == 2
    assert issued.template_version.number == 1
    assert pdf_text(again) == before
    assert "Éloïse d'Aubigné" in pdf_text(again)


def test_template_versions_copy_their_images(
    administrator, module_template, graduate, module, renderer
):
    image = Image.objects.create(title="Logo du ministère", file=get_test_image_file())
    module_template.logo_1 = image
    certificate_template_save(template=module_template, by=administrator)
    version = module_template.versions.get(number=2)
    copied = version.data["images"]["logo_1"]

    assert copied["alt"] == "Logo du ministère"
    assert copied["name"].startswith(f"certificates/templates/{module_template.pk}/v2/")
    # The image leaves the library: the version keeps its own copy and still renders.
    default_storage.delete(image.file.name)
    image.delete()
    assert default_storage.exists(copied["name"])
    certificate = certificate_issue(
        learner=graduate, target=module, issued_by=administrator, renderer=renderer
    )
    page = pdf_reader(certificate.pdf.read()).pages[0]
    assert any(
        xobject.get_object()["/Subtype"] == "/Image"
        for xobject in page["/Resources"]["/XObject"].values()
    )


def test_deleting_the_module_keeps_the_certificate_and_what_it_says(issued, module, administrator):
    module.delete()

    issued.refresh_from_db()
    assert issued.target_id is None
    assert issued.status == Certificate.Status.VALID
    assert issued.snapshot["target_title"] == "Financer l'action publique"
    with pytest.raises(CertificateError) as error:
        certificate_reissue(certificate=issued, issued_by=administrator)
    assert error.value.code == "no_target"
