"""Running a job: items one by one, failures kept per item, resumption after a dead worker."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms.jobs import runner
from lms.jobs.models import Job, JobItem
from lms.jobs.runner import job_process
from lms.jobs.services import job_claim
from tests.lms.jobs.support import WorkerKilled, echo_groups

pytestmark = pytest.mark.django_db


def states(job) -> list[str]:
    return list(job.items.order_by("index").values_list("state", flat=True))


def expire_lease(job) -> None:
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))


def test_a_job_processes_every_item_and_finishes(make_job):
    job = make_job(["", "fail", "skip", "crash", ""])

    assert job_process(job_id=job.pk, owner="worker-a") == Job.Status.DONE

    job.refresh_from_db()
    assert states(job) == ["done", "failed", "skipped", "failed", "done"]
    assert (job.done, job.failed, job.skipped, job.total) == (2, 2, 1, 5)
    assert job.percent == 100
    assert job.result == {"groups": 2}  # the work of items that did not succeed is undone
    assert job.items.get(index=0).data["echoed"] == "item-0"
    assert job.items.get(index=1).error == "refused"
    assert "RuntimeError" in job.items.get(index=3).error
    assert echo_groups(job) == [f"echo-{job.pk}-0", f"echo-{job.pk}-4"]


def test_an_aborted_job_fails_and_keeps_what_was_done(make_job):
    job = make_job(["", "abort", ""])

    assert job_process(job_id=job.pk) == Job.Status.FAILED

    job.refresh_from_db()
    assert job.error == "target gone"
    assert states(job) == ["done", "pending", "pending"]
    assert echo_groups(job) == [f"echo-{job.pk}-0"]


def test_a_job_held_by_a_live_worker_is_left_alone(make_job):
    job = make_job()
    job_claim(job=job, owner="worker-a", lease_seconds=60)

    assert job_process(job_id=job.pk, owner="worker-b") == "not_claimed"
    assert states(job) == ["pending"] * 3


def test_a_missing_job_is_reported(db):
    assert job_process(job_id=987654) == "missing"


def test_the_lease_is_renewed_while_working(make_job, monkeypatch):
    job = make_job(["", "", ""])
    clock = iter(range(0, 1000, 30))  # 30 s pass between two looks at the clock
    monkeypatch.setattr(runner, "monotonic", lambda: next(clock))
    beats = []
    real_heartbeat = runner.job_heartbeat

    def heartbeat(**kwargs):
        beats.append(kwargs["owner"])
        return real_heartbeat(**kwargs)

    monkeypatch.setattr(runner, "job_heartbeat", heartbeat)

    assert job_process(job_id=job.pk, owner="worker-a", lease_seconds=60) == Job.Status.DONE
    assert beats == ["worker-a"] * 3


def test_a_worker_that_lost_its_lease_stops(make_job, monkeypatch):
    job = make_job(["", "", ""])
    monkeypatch.setattr(runner, "job_heartbeat", lambda **kwargs: False)
    clock = iter(range(0, 1000, 30))
    monkeypatch.setattr(runner, "monotonic", lambda: next(clock))

    assert job_process(job_id=job.pk, owner="worker-a", lease_seconds=60) == "lease_lost"
    assert states(job) == ["pending"] * 3


def test_a_job_whose_worker_died_is_resumed_inline_without_duplicates(make_job):
    job = make_job(["", "", "kill", "", ""])

    # The worker dies in the middle of item 2: its transaction is rolled back.
    with pytest.raises(WorkerKilled):
        job_process(job_id=job.pk, owner="dead-worker", lease_seconds=60)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    assert states(job) == ["done", "done", "pending", "pending", "pending"]
    assert echo_groups(job) == [f"echo-{job.pk}-0", f"echo-{job.pk}-1"]

    # While its lease runs, nobody takes the job over.
    call_command("resume_jobs", "--inline", stdout=StringIO())
    assert states(job) == ["done", "done", "pending", "pending", "pending"]

    # Item 2 kills no more (say, the machine ran out of memory once).
    JobItem.objects.filter(job=job, index=2).update(data={"action": ""})
    expire_lease(job)
    out = StringIO()
    call_command("resume_jobs", "--inline", stdout=out)

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert (job.done, job.failed) == (5, 0)
    assert job.attempts == 2
    assert echo_groups(job) == [f"echo-{job.pk}-{index}" for index in range(5)]
    assert f"Job {job.pk}: done" in out.getvalue()


def test_resume_jobs_enqueues_queued_and_stale_jobs(make_job, django_capture_on_commit_callbacks):
    queued = make_job([""])
    stale = make_job([""])
    job_claim(job=stale, owner="dead-worker", lease_seconds=60)
    expire_lease(stale)
    finished = make_job([])
    job_process(job_id=finished.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("resume_jobs", stdout=StringIO())

    assert len(callbacks) == 2
    for job in (queued, stale):
        job.refresh_from_db()
        assert job.status == Job.Status.DONE
        assert len(echo_groups(job)) == 1


def test_resume_jobs_can_target_one_job(make_job):
    first, second = make_job([""]), make_job([""])

    call_command("resume_jobs", "--inline", "--job", str(second.pk), stdout=StringIO())

    assert Job.objects.get(pk=first.pk).status == Job.Status.QUEUED
    assert Job.objects.get(pk=second.pk).status == Job.Status.DONE


def test_the_watchdog_runs_only_in_a_task_worker(settings):
    from lms.jobs.watchdog import watchdog_start_in_worker

    assert not watchdog_start_in_worker(["manage.py", "runserver"])
    settings.LMS_JOB_WATCHDOG_SECONDS = 0
    assert not watchdog_start_in_worker(["manage.py", "db_worker"])
