"""Large imports run as a background job, with a progress page, and resume after a crash."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from lms.enrolment.models import Enrolment
from lms.imports.models import ImportBatch, Invitation
from lms.imports.services import import_batch_confirm, import_batch_create
from lms.jobs.models import Job, JobItem
from lms.jobs.runner import job_process
from tests.lms.imports.support import csv_bytes, invited_addresses, signed_in, upload

pytestmark = pytest.mark.django_db

User = get_user_model()
ROWS = [[f"apprenant{index}@exemple.fr", "Prénom", f"Nom{index}"] for index in range(5)]
HEADER = ["courriel", "prénom", "nom"]


@pytest.fixture
def low_threshold(settings):
    settings.LMS_IMPORT_BACKGROUND_THRESHOLD = 3


def test_above_the_threshold_the_import_is_a_job_with_a_progress_page(
    low_threshold, administrator, module, django_capture_on_commit_callbacks
):
    client = signed_in(administrator)
    client.post(
        "/admin/imports/",
        {"file": upload(csv_bytes([*ROWS, ["faux"]], header=HEADER)), "module": module.pk},
    )
    batch = ImportBatch.objects.get()
    preview = client.get(f"/admin/imports/{batch.pk}/")
    assert preview.context["facts"]["background"] is True

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/imports/{batch.pk}/confirm/")

    batch.refresh_from_db()
    job = batch.job
    assert response["Location"] == f"/admin/jobs/{job.pk}/"
    assert job.kind == "import"
    assert job.created_by == administrator
    assert job.total == 5  # one item per valid row; the row with errors is not imported
    assert list(job.items.values_list("key", flat=True)) == [row[0] for row in ROWS]

    # The immediate backend ran the job on commit.
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert (job.done, job.failed) == (5, 0)
    assert job.result["created"] == 5
    assert batch.status == ImportBatch.Status.DONE
    assert batch.summary["created"] == 5
    assert batch.summary["enrolled"] == 5
    assert batch.summary["skipped_with_errors"] == 1
    assert Enrolment.objects.filter(module=module, source="import").count() == 5
    assert invited_addresses() == sorted(row[0] for row in ROWS)

    # The progress page and its status point to the summary.
    status = client.get(f"/admin/jobs/{job.pk}/status/").json()
    assert (status["percent"], status["finished"]) == (100, True)
    assert status["result_url"] == f"/admin/imports/{batch.pk}/"
    assert client.get(f"/admin/jobs/{job.pk}/").status_code == 200
    assert client.get(status["result_url"]).context["summary"]["enrolled"] == 5


def test_at_the_threshold_the_import_runs_inline(
    low_threshold, administrator, module, django_capture_on_commit_callbacks
):
    batch = import_batch_create(
        upload=upload(csv_bytes(ROWS[:3], header=HEADER)), module=module, by=administrator
    )

    with django_capture_on_commit_callbacks(execute=True):
        import_batch_confirm(batch=batch, by=administrator)

    assert batch.job is None
    assert batch.status == ImportBatch.Status.DONE
    assert not Job.objects.exists()


def test_a_running_import_shows_its_progress_instead_of_a_summary(
    low_threshold, administrator, module, django_capture_on_commit_callbacks
):
    batch = import_batch_create(
        upload=upload(csv_bytes(ROWS, header=HEADER)), module=module, by=administrator
    )
    with django_capture_on_commit_callbacks(execute=False):
        import_batch_confirm(batch=batch, by=administrator)  # not handed to a worker yet

    response = signed_in(administrator).get(f"/admin/imports/{batch.pk}/")

    assert response["Location"] == f"/admin/jobs/{batch.job_id}/"


def test_an_interrupted_import_resumes_without_duplicates(
    low_threshold, administrator, module, monkeypatch, django_capture_on_commit_callbacks
):
    batch = import_batch_create(
        upload=upload(csv_bytes(ROWS, header=HEADER)), module=module, by=administrator
    )
    with django_capture_on_commit_callbacks(execute=False):
        import_batch_confirm(batch=batch, by=administrator)
    job = batch.job

    # A worker claims the job and dies after two rows (its third row is rolled back).
    from lms.imports import services

    real_apply = services.import_row_apply
    applied = []

    class WorkerKilled(BaseException):
        pass

    def apply_then_die(**kwargs):
        applied.append(kwargs["row"]["email"])
        result = real_apply(**kwargs)
        if len(applied) == 3:
            raise WorkerKilled
        return result

    monkeypatch.setattr(services, "import_row_apply", apply_then_die)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(WorkerKilled):
        job_process(job_id=job.pk, owner="dead-worker", lease_seconds=60)
    monkeypatch.undo()
    assert list(job.items.order_by("index").values_list("state", flat=True)) == [
        "done",
        "done",
        "pending",
        "pending",
        "pending",
    ]
    assert User.objects.filter(email__startswith="apprenant").count() == 2
    assert invited_addresses() == ["apprenant0@exemple.fr", "apprenant1@exemple.fr"]

    # The lease expires; resume_jobs takes the job over and finishes it.
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("resume_jobs", "--inline", stdout=StringIO())

    job.refresh_from_db()
    batch.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.attempts == 2
    assert not job.items.filter(state=JobItem.State.PENDING).exists()
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.summary["created"], batch.summary["enrolled"]) == (5, 5)
    assert User.objects.filter(email__startswith="apprenant").count() == 5
    assert Enrolment.objects.filter(module=module).count() == 5
    assert Invitation.objects.count() == 5
    assert invited_addresses() == sorted(row[0] for row in ROWS)  # each invited once


def test_a_job_whose_module_was_deleted_fails_clearly(
    low_threshold, administrator, module, django_capture_on_commit_callbacks
):
    batch = import_batch_create(
        upload=upload(csv_bytes(ROWS, header=HEADER)), module=module, by=administrator
    )
    with django_capture_on_commit_callbacks(execute=False):
        import_batch_confirm(batch=batch, by=administrator)
    ImportBatch.objects.filter(pk=batch.pk).update(module=None)

    assert job_process(job_id=batch.job_id) == Job.Status.FAILED

    job = Job.objects.get(pk=batch.job_id)
    assert job.error
    assert not User.objects.filter(email__startswith="apprenant").exists()
    response = signed_in(administrator).get(f"/admin/imports/{batch.pk}/")
    assert response.context["job_failed"] is True
