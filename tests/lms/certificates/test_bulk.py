"""Bulk issuance: eligibility of a whole promotion, the job, its items, idempotent retries,
orphan PDFs, and the admin screens."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client
from django.utils import timezone

from lms.certificates.bulk import (
    JOB_KIND,
    bulk_pdf_name,
    certificate_bulk_finish,
    certificate_bulk_run_item,
    certificate_bulk_start,
    certificate_bulk_work,
)
from lms.certificates.errors import CertificateError
from lms.certificates.models import Certificate
from lms.certificates.selectors import certificate_eligibility_for_promotion
from lms.certificates.services import certificate_issue
from lms.enrolment.models import Enrolment
from lms.jobs.models import Job, JobItem
from lms.jobs.registry import JobItemSkipped
from lms.jobs.runner import job_process
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from lms.progress.models import ModuleProgress, ProgressStatus
from tests.factories import UserFactory
from tests.lms.certificates.conftest import complete_curriculum, complete_module


def member(promotion, email, *, first_name="Léa", last_name="Martin", language="fr"):
    learner = UserFactory(email=email, first_name=first_name, last_name=last_name)
    LearnerProfile.objects.update_or_create(user=learner, defaults={"preferred_language": language})
    PromotionMembership.objects.create(promotion=promotion, learner=learner)
    return learner


@pytest.fixture
def promotion(db):
    return Promotion.objects.create(name="CHESP 2026", year=2026)


@pytest.fixture
def cohort(promotion, module, module_template, administrator, renderer):
    """Six members: two eligible (one preferring English), one not complete, one
    certified already, one withdrawn, one deactivated."""
    eligible_fr = member(promotion, "a@exemple.fr", first_name="Éloïse", last_name="d'Aubigné")
    eligible_en = member(promotion, "b@exemple.fr", language="en")
    incomplete = member(promotion, "c@exemple.fr")
    certified = member(promotion, "d@exemple.fr")
    withdrawn = member(promotion, "e@exemple.fr")
    inactive = member(promotion, "f@exemple.fr")
    for learner in (eligible_fr, eligible_en, certified, withdrawn, inactive):
        complete_module(learner, module)
    Enrolment.objects.create(
        learner=incomplete,
        module=module,
        status=Enrolment.Status.ACTIVE,
        source=Enrolment.Source.ADMINISTRATOR,
        enrolled_at=timezone.now(),
    )
    ModuleProgress.objects.create(
        learner=incomplete,
        module=module,
        status=ProgressStatus.IN_PROGRESS,
        lessons_required=4,
        lessons_completed=1,
    )
    existing = certificate_issue(
        learner=certified, target=module, issued_by=administrator, renderer=renderer
    )
    Enrolment.objects.filter(learner=withdrawn, module=module).update(
        status=Enrolment.Status.WITHDRAWN, withdrawn_at=timezone.now()
    )
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    return {
        "eligible": [eligible_fr, eligible_en],
        "incomplete": incomplete,
        "certified": certified,
        "existing": existing,
        "withdrawn": withdrawn,
        "inactive": inactive,
    }


def by_email(rows):
    return {row.learner.email: row for row in rows}


# Eligibility -------------------------------------------------------------------------------


def test_every_member_is_listed_with_the_reason_why_not(cohort, promotion, module):
    rows = by_email(certificate_eligibility_for_promotion(promotion=promotion, target=module))

    assert {email for email, row in rows.items() if row.eligible} == {
        "a@exemple.fr",
        "b@exemple.fr",
    }
    assert rows["b@exemple.fr"].language == "en"
    assert rows["c@exemple.fr"].code == "not_complete"
    assert rows["c@exemple.fr"].reason == "Le module n'est pas terminé (1 leçons sur 4)."
    assert rows["d@exemple.fr"].code == "already_certified"
    assert cohort["existing"].display_code in rows["d@exemple.fr"].reason
    assert rows["e@exemple.fr"].code == "withdrawn"
    assert rows["f@exemple.fr"].code == "inactive"


def test_batch_eligibility_agrees_with_the_one_by_one_check(cohort, promotion, module):
    from lms.certificates.selectors import certificate_eligibility

    for row in certificate_eligibility_for_promotion(promotion=promotion, target=module):
        single = certificate_eligibility(learner=row.learner, target=module)
        assert (row.code, row.reason) == (single.code, single.reason)


def test_eligibility_costs_the_same_queries_for_any_promotion_size(
    promotion, module, module_template, django_assert_num_queries
):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            rows = certificate_eligibility_for_promotion(promotion=promotion, target=module)
        return len(captured), len(rows)

    for index in range(3):
        complete_module(member(promotion, f"small{index}@exemple.fr"), module)
    small, members = count_queries()
    for index in range(30):
        learner = member(promotion, f"big{index}@exemple.fr")
        if index % 2:
            complete_module(learner, module)
    large, more_members = count_queries()
    assert (members, more_members) == (3, 33)
    assert small == large <= 6


def test_curriculum_eligibility_reads_curriculum_progress(
    promotion, association_curriculum, module, curriculum_template
):
    done = member(promotion, "done@exemple.fr")
    member(promotion, "todo@exemple.fr")
    complete_curriculum(done, association_curriculum)
    rows = by_email(
        certificate_eligibility_for_promotion(promotion=promotion, target=association_curriculum)
    )
    assert rows["done@exemple.fr"].eligible
    assert rows["todo@exemple.fr"].reason == "Le parcours n'est pas terminé."


# The job -----------------------------------------------------------------------------------


def test_a_bulk_issuance_is_a_job_with_one_item_per_eligible_learner(
    cohort, promotion, module, administrator, settings, django_capture_on_commit_callbacks
):
    settings.LMS_CERTIFICATE_BULK_WORKERS = 3
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = certificate_bulk_start(promotion=promotion, target=module, issued_by=administrator)

    assert job.kind == JOB_KIND and job.status == Job.Status.QUEUED
    assert job.created_by == administrator
    assert sorted((item.key, item.data["language"]) for item in job.items.all()) == [
        ("a@exemple.fr", "fr"),
        ("b@exemple.fr", "en"),
    ]
    assert len(callbacks) == 3  # one task per worker, once committed


def test_the_workers_issue_every_certificate_and_finish_the_job(
    cohort, promotion, module, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = certificate_bulk_start(
            promotion=promotion, target=module, issued_by=administrator, language="en"
        )
    job.refresh_from_db()

    assert job.status == Job.Status.DONE
    assert (job.total, job.done, job.failed, job.skipped) == (2, 2, 0, 0)
    assert job.result == {"issued": 2, "orphans_removed": 0}
    certificates = Certificate.objects.filter(job=job)
    assert {c.learner for c in certificates} == set(cohort["eligible"])
    assert {c.language for c in certificates} == {"en"}  # the administrator's choice, frozen
    for certificate in certificates:
        assert certificate.pdf.name == bulk_pdf_name(
            job_id=job.pk, index=job.items.get(key=certificate.learner.email).index
        )
        assert certificate.snapshot["promotion"] == "CHESP 2026"
        with certificate.pdf.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"


def test_the_same_bulk_started_twice_gives_the_running_job(
    cohort, promotion, module, administrator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = certificate_bulk_start(promotion=promotion, target=module, issued_by=administrator)
        second = certificate_bulk_start(promotion=promotion, target=module, issued_by=administrator)
    assert first.pk == second.pk
    assert Job.objects.filter(kind=JOB_KIND).count() == 1


def test_only_issuers_may_start_and_nobody_eligible_is_refused(
    cohort, promotion, module, trainer, administrator
):
    with pytest.raises(CertificateError) as refused:
        certificate_bulk_start(promotion=promotion, target=module, issued_by=trainer)
    assert refused.value.code == "forbidden"
    empty = Promotion.objects.create(name="Vide", year=2026)
    with pytest.raises(CertificateError) as nobody:
        certificate_bulk_start(promotion=empty, target=module, issued_by=administrator)
    assert nobody.value.code == "nobody_eligible"


def queued_job(promotion, module, administrator, django_capture_on_commit_callbacks) -> Job:
    with django_capture_on_commit_callbacks(execute=False):
        return certificate_bulk_start(promotion=promotion, target=module, issued_by=administrator)


def test_a_retried_item_already_issued_by_this_job_is_done_not_duplicated(
    cohort, promotion, module, administrator, django_capture_on_commit_callbacks
):
    job = queued_job(promotion, module, administrator, django_capture_on_commit_callbacks)
    item = job.items.get(key="a@exemple.fr")
    first = certificate_bulk_run_item(job, item)
    again = certificate_bulk_run_item(job, item)

    assert again == first
    assert Certificate.objects.filter(learner=cohort["eligible"][0], job=job).count() == 1


def test_a_learner_certified_meanwhile_is_skipped_with_the_reason(
    cohort, promotion, module, administrator, renderer, django_capture_on_commit_callbacks
):
    job = queued_job(promotion, module, administrator, django_capture_on_commit_callbacks)
    learner = cohort["eligible"][0]
    other = certificate_issue(
        learner=learner, target=module, issued_by=administrator, renderer=renderer
    )
    with pytest.raises(JobItemSkipped) as skipped:
        certificate_bulk_run_item(job, job.items.get(key=learner.email))
    assert other.display_code in skipped.value.message

    assert certificate_bulk_work(job_id=job.pk) == Job.Status.DONE
    job.refresh_from_db()
    assert (job.done, job.skipped) == (1, 1)
    assert job.items.get(key=learner.email).error.startswith("Déjà titulaire d'une attestation")
    assert Certificate.objects.filter(learner=learner, status="valid").count() == 1


def test_a_rolled_back_item_leaves_no_pdf_and_a_retry_overwrites_it(
    cohort, promotion, module, administrator, django_capture_on_commit_callbacks
):
    job = queued_job(promotion, module, administrator, django_capture_on_commit_callbacks)
    item = job.items.get(key="a@exemple.fr")
    name = bulk_pdf_name(job_id=job.pk, index=item.index)

    class Died(Exception):
        pass

    with pytest.raises(Died), transaction.atomic():
        certificate_bulk_run_item(job, item)
        raise Died  # the item's transaction rolls back after the PDF was stored
    assert default_storage.exists(name)  # an orphan, as a dead worker would leave
    assert not Certificate.objects.filter(job=job).exists()

    certificate_bulk_work(job_id=job.pk)
    certificate = Certificate.objects.get(job=job, learner=cohort["eligible"][0])
    assert certificate.pdf.name == name  # overwritten in place, no « _abc123 » copy
    assert sorted(default_storage.listdir(f"certificates/bulk/{job.pk}")[1]) == ["0.pdf", "1.pdf"]


def test_finishing_removes_pdfs_of_items_left_without_a_certificate(
    cohort, promotion, module, administrator, renderer, django_capture_on_commit_callbacks
):
    job = queued_job(promotion, module, administrator, django_capture_on_commit_callbacks)
    item = job.items.get(key=cohort["eligible"][1].email)
    orphan = bulk_pdf_name(job_id=job.pk, index=item.index)
    default_storage.save(orphan, ContentFile(b"%PDF-orphan"))
    # Then the learner is certified elsewhere: the item is skipped, its file is an orphan.
    certificate_issue(
        learner=cohort["eligible"][1], target=module, issued_by=administrator, renderer=renderer
    )
    certificate_bulk_work(job_id=job.pk)
    job.refresh_from_db()

    assert job.result == {"issued": 1, "orphans_removed": 1}
    assert not default_storage.exists(orphan)
    assert certificate_bulk_finish(job)["orphans_removed"] == 0


def test_a_job_whose_workers_died_is_resumed_by_the_generic_runner(
    cohort, promotion, module, administrator, django_capture_on_commit_callbacks
):
    job = queued_job(promotion, module, administrator, django_capture_on_commit_callbacks)
    certificate_bulk_run_item(job, job.items.get(index=0))  # issued, item still pending

    assert job_process(job_id=job.pk) == Job.Status.DONE
    job.refresh_from_db()
    assert (job.done, job.failed, job.skipped) == (2, 0, 0)
    assert Certificate.objects.filter(job=job).count() == 2


def test_a_render_failure_fails_the_item_with_a_french_reason(
    cohort, promotion, module, administrator, django_capture_on_commit_callbacks, monkeypatch
):
    from lms.certificates import bulk
    from lms.certificates.rendering import CertificateRenderError

    job = queued_job(promotion, module, administrator, django_capture_on_commit_callbacks)

    class Broken:
        def render(self, **kwargs):
            raise CertificateRenderError("resource", "Fichier refusé.")

        def render_many(self, **kwargs):
            raise CertificateRenderError("resource", "Fichier refusé.")

    monkeypatch.setattr(bulk, "bulk_renderer", Broken)
    certificate_bulk_work(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.failed) == (Job.Status.DONE, 2)
    assert set(job.items.values_list("error", flat=True)) == {"Fichier refusé."}
    assert job.items.filter(state=JobItem.State.FAILED).count() == 2
    assert not default_storage.exists(f"certificates/bulk/{job.pk}/0.pdf")


# Admin screens -----------------------------------------------------------------------------

URL = "/admin/attestations/emettre-en-masse/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_only_issuers_reach_the_bulk_screen(cohort, trainer, learner):
    for user in (trainer, learner):
        response = signed_in(user).get(URL)
        assert response.status_code in (302, 403)


def test_the_screen_lists_eligible_learners_and_the_others_with_reasons(
    cohort, promotion, module, administrator
):
    response = signed_in(administrator).get(
        URL, {"promotion": promotion.pk, "target": module.pk, "language": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    eligible, others = (unescape(part) for part in html.split("data-bulk-others"))
    assert "a@exemple.fr" in eligible and "b@exemple.fr" in eligible
    assert "Le module n'est pas terminé (1 leçons sur 4)." in others
    assert "L'apprenant a été désinscrit de la formation." in others
    assert "Déjà titulaire d'une attestation" in others
    assert not Job.objects.exists()  # looking changes nothing


def test_confirming_starts_the_job_and_shows_its_progress(
    cohort, promotion, module, administrator, django_capture_on_commit_callbacks
):
    client = signed_in(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"promotion": promotion.pk, "target": module.pk})
    job = Job.objects.get(kind=JOB_KIND)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/jobs/{job.pk}/"
    progress = client.get(response["Location"])
    assert b"<progress" in progress.content

    status = client.get(f"/admin/jobs/{job.pk}/status/").json()
    assert (status["status"], status["done"], status["percent"]) == ("done", 2, 100)
    result = client.get(status["result_url"])
    assert result.status_code == 200
    for certificate in Certificate.objects.filter(job=job):
        assert certificate.display_code.encode() in result.content


def test_confirming_needs_the_csrf_token(cohort, promotion, module, administrator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    response = client.post(URL, {"promotion": promotion.pk, "target": module.pk})
    assert response.status_code == 403
    assert not Job.objects.exists()
