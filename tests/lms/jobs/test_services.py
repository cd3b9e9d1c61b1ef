"""Jobs: creation, the lease (claim, heartbeat, expiry), items and finishing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.jobs.models import Job, JobItem
from lms.jobs.services import (
    job_claim,
    job_create,
    job_finish,
    job_heartbeat,
    job_item_done,
    job_item_failed,
    job_item_skipped,
    job_requeue_stale,
)
from tests.lms.jobs.support import echo_groups

pytestmark = pytest.mark.django_db


def expire_lease(job) -> None:
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    job.refresh_from_db()


def test_a_job_is_created_queued_with_numbered_items(make_job, administrator):
    job = make_job(["", "fail", ""], created_by=administrator)

    assert job.status == Job.Status.QUEUED
    assert job.total == 3
    assert job.created_by == administrator
    assert list(job.items.values_list("index", "key", "state")) == [
        (0, "item-0", "pending"),
        (1, "item-1", "pending"),
        (2, "item-2", "pending"),
    ]


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(LookupError):
        job_create(kind="nope", items=[{"key": "a"}])
    assert not Job.objects.exists()


def test_a_job_is_handed_to_a_worker_on_commit(make_job, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = make_job(["", ""], enqueue=True)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED  # nothing ran before the commit

    callbacks[0]()  # the commit: the immediate backend runs the task at once

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert (job.done, job.failed) == (2, 0)
    assert echo_groups(job) == [f"echo-{job.pk}-0", f"echo-{job.pk}-1"]


def test_the_first_claim_takes_the_lease(make_job):
    job = make_job()

    assert job_claim(job=job, owner="worker-a", lease_seconds=60)

    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    assert job.lease_owner == "worker-a"
    assert job.lease_expires_at > timezone.now() + timedelta(seconds=50)
    assert job.started_at is not None
    assert job.attempts == 1


def test_a_live_lease_cannot_be_taken(make_job):
    job = make_job()
    job_claim(job=job, owner="worker-a", lease_seconds=60)

    assert not job_claim(job=job, owner="worker-b", lease_seconds=60)

    job.refresh_from_db()
    assert job.lease_owner == "worker-a"
    assert job.attempts == 1


def test_an_expired_lease_goes_to_the_next_claimant(make_job):
    job = make_job()
    job_claim(job=job, owner="worker-a", lease_seconds=60)
    expire_lease(job)

    assert job_claim(job=job, owner="worker-b", lease_seconds=60)

    job.refresh_from_db()
    assert job.lease_owner == "worker-b"
    assert job.attempts == 2


def test_a_finished_job_cannot_be_claimed(make_job):
    job = make_job([])
    job_claim(job=job, owner="worker-a")
    job_finish(job=job, owner="worker-a")

    assert not job_claim(job=job, owner="worker-b")
    assert Job.objects.get(pk=job.pk).status == Job.Status.DONE


def test_a_job_whose_workers_keep_dying_fails(make_job, settings):
    settings.LMS_JOB_MAX_ATTEMPTS = 2
    job = make_job()
    for owner in ("a", "b"):
        assert job_claim(job=job, owner=owner, lease_seconds=60)
        expire_lease(job)

    assert not job_claim(job=job, owner="c", lease_seconds=60)

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error
    assert job.lease_owner == ""


def test_the_heartbeat_renews_only_the_owners_lease(make_job):
    job = make_job()
    job_claim(job=job, owner="worker-a", lease_seconds=5)
    before = Job.objects.get(pk=job.pk).lease_expires_at

    assert job_heartbeat(job=job, owner="worker-a", lease_seconds=600)
    assert Job.objects.get(pk=job.pk).lease_expires_at > before + timedelta(seconds=500)
    assert not job_heartbeat(job=job, owner="worker-b", lease_seconds=600)


def test_a_worker_whose_lease_was_taken_over_is_told_to_stop(make_job):
    job = make_job()
    job_claim(job=job, owner="worker-a", lease_seconds=60)
    expire_lease(job)
    job_claim(job=job, owner="worker-b", lease_seconds=60)

    assert not job_heartbeat(job=job, owner="worker-a")


def test_items_are_counted_once_whatever_their_outcome(make_job):
    job = make_job(["", "", "", ""])
    first, second, third, fourth = job.items.order_by("index")

    assert job_item_done(item=first, data={"created": True})
    assert job_item_failed(item=second, error="adresse refusée")
    assert job_item_skipped(item=third, reason="déjà fait")
    assert not job_item_done(item=first)  # not pending any more: not counted again

    job.refresh_from_db()
    assert (job.done, job.failed, job.skipped, job.processed) == (1, 1, 1, 3)
    assert job.percent == 75
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.data == {"action": "", "created": True}
    assert first.processed_at is not None
    assert (second.state, second.error) == (JobItem.State.FAILED, "adresse refusée")
    assert fourth.state == JobItem.State.PENDING


def test_finish_recounts_stores_the_result_and_releases_the_lease(make_job):
    job = make_job(["", ""])
    job_claim(job=job, owner="worker-a")
    for item in job.items.all():
        job_item_done(item=item)
    Job.objects.filter(pk=job.pk).update(done=0)  # counters drifted: the items are the truth

    assert job_finish(job=job, owner="worker-a")

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.done == 2
    assert job.result == {"groups": 0}
    assert (job.lease_owner, job.lease_expires_at) == ("", None)
    assert job.finished_at is not None


def test_only_the_lease_holder_finishes(make_job):
    job = make_job([])
    job_claim(job=job, owner="worker-a")

    assert not job_finish(job=job, owner="worker-b")
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING


def test_a_job_with_pending_items_cannot_be_done(make_job):
    job = make_job([""])
    job_claim(job=job, owner="worker-a")

    with pytest.raises(ValueError):
        job_finish(job=job, owner="worker-a")


def test_stale_running_jobs_are_queued_again_and_resumed(
    make_job, django_capture_on_commit_callbacks
):
    stale = make_job(["", ""])
    live = make_job([""])
    job_claim(job=stale, owner="dead-worker", lease_seconds=60)
    expire_lease(stale)
    job_claim(job=live, owner="busy-worker", lease_seconds=60)

    with django_capture_on_commit_callbacks(execute=True):
        requeued = job_requeue_stale()

    assert requeued == [stale.pk]
    stale.refresh_from_db()
    live.refresh_from_db()
    assert stale.status == Job.Status.DONE
    assert len(echo_groups(stale)) == 2
    assert (live.status, live.lease_owner) == (Job.Status.RUNNING, "busy-worker")
