"""Business actions on background jobs: create, enqueue, claim, renew, record items, finish.

The job record is the source of truth: django-tasks-db never re-runs a task whose worker
died, so a job is handed to a worker by a *lease* (owner + expiry) that the worker renews
while it works. Each item is processed in its own transaction together with its state
change, so an interrupted item is simply retried by the next owner.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.jobs import conf
from lms.jobs.models import Job, JobItem
from lms.jobs.registry import job_kind_get

logger = logging.getLogger(__name__)

BULK_SIZE = 1000
_COUNTERS = {
    JobItem.State.DONE: "done",
    JobItem.State.FAILED: "failed",
    JobItem.State.SKIPPED: "skipped",
}


def job_create(
    *,
    kind: str,
    items: Iterable[dict],
    payload: dict | None = None,
    created_by=None,
    enqueue: bool = True,
) -> Job:
    """Create a queued job of a registered ``kind`` with one item per entry of ``items``.

    Each entry is ``{"key": str, "data": dict}`` (both optional); items are numbered from
    0 in the given order. With ``enqueue`` the job is handed to a worker once the current
    transaction commits. Raises :class:`LookupError` for an unknown kind.
    """
    job_kind_get(kind)
    with transaction.atomic():
        job = Job(
            kind=kind,
            payload=payload or {},
            created_by=created_by
            if created_by is not None and created_by.is_authenticated
            else None,
        )
        job.full_clean()
        job.save()
        batch: list[JobItem] = []
        total = 0
        for index, entry in enumerate(items):
            batch.append(
                JobItem(
                    job=job,
                    index=index,
                    key=str(entry.get("key", ""))[:255],
                    data=entry.get("data") or {},
                )
            )
            total += 1
            if len(batch) >= BULK_SIZE:
                JobItem.objects.bulk_create(batch)
                batch = []
        JobItem.objects.bulk_create(batch)
        job.total = total
        job.save(update_fields=["total"])
        if enqueue:
            job_enqueue(job=job)
    return job


def job_enqueue(*, job: Job) -> None:
    """Hand ``job`` to a worker (the ``job_run`` task) once the current transaction commits."""
    from lms.jobs.tasks import job_run

    job_id = job.pk
    transaction.on_commit(lambda: job_run.enqueue(job_id))


def _lease_is_live(job: Job, owner: str, now) -> bool:
    """Someone other than ``owner`` holds a lease that has not expired."""
    return bool(
        job.lease_owner
        and job.lease_owner != owner
        and job.lease_expires_at is not None
        and job.lease_expires_at > now
    )


def job_claim(*, job: Job, owner: str, lease_seconds: int | None = None) -> bool:
    """Give ``job`` to ``owner`` for ``lease_seconds`` unless another owner holds a live lease.

    Atomic: of concurrent claims, one wins. On PostgreSQL the row is locked with
    ``SKIP LOCKED``, so a claim that meets a claim in progress gives up at once; on SQLite
    the write transaction is exclusive. Only queued or running jobs can be claimed. A job
    claimed more than ``LMS_JOB_MAX_ATTEMPTS`` times (its workers keep dying) is marked
    failed instead. On success ``job`` is updated in place and ``True`` returned.
    """
    lease = lease_seconds or conf.lease_seconds()
    with transaction.atomic():
        rows = Job.objects.filter(pk=job.pk)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        else:
            rows = rows.select_for_update()
        locked = rows.first()
        now = timezone.now()
        if locked is None or locked.is_finished or _lease_is_live(locked, owner, now):
            return False
        locked.attempts += 1
        if locked.attempts > conf.max_attempts():
            locked.status = Job.Status.FAILED
            locked.finished_at = now
            locked.lease_owner = ""
            locked.lease_expires_at = None
            locked.error = _("The job was interrupted too many times; it was stopped.")
            locked.save(
                update_fields=[
                    "attempts",
                    "status",
                    "finished_at",
                    "lease_owner",
                    "lease_expires_at",
                    "error",
                ]
            )
            logger.error("Job %s failed: claimed %s times.", locked.pk, locked.attempts)
            _copy_state(locked, job)
            return False
        locked.status = Job.Status.RUNNING
        locked.started_at = locked.started_at or now
        locked.lease_owner = owner
        locked.lease_expires_at = now + timedelta(seconds=lease)
        locked.save(
            update_fields=["attempts", "status", "started_at", "lease_owner", "lease_expires_at"]
        )
    _copy_state(locked, job)
    return True


def _copy_state(source: Job, target: Job) -> None:
    if source is target:
        return
    for field in Job._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def job_heartbeat(*, job: Job, owner: str, lease_seconds: int | None = None) -> bool:
    """Renew ``owner``'s lease on a running ``job``; ``False`` when the lease was lost
    (another worker claimed the job after it expired): the caller must stop."""
    lease = lease_seconds or conf.lease_seconds()
    expires = timezone.now() + timedelta(seconds=lease)
    renewed = Job.objects.filter(pk=job.pk, lease_owner=owner, status=Job.Status.RUNNING).update(
        lease_expires_at=expires
    )
    if renewed:
        job.lease_expires_at = expires
    return bool(renewed)


def _item_record(*, item: JobItem, state: str, data: dict | None, error: str) -> bool:
    """Move a pending item to ``state`` and count it on its job (inside the item's
    transaction); ``False`` when the item was not pending any more."""
    now = timezone.now()
    values = {"state": state, "error": error[:500], "processed_at": now}
    if data:
        values["data"] = {**item.data, **data}
    changed = JobItem.objects.filter(pk=item.pk, state=JobItem.State.PENDING).update(**values)
    if changed:
        counter = _COUNTERS[state]
        Job.objects.filter(pk=item.job_id).update(**{counter: F(counter) + 1})
        for name, value in values.items():
            setattr(item, name, value)
    return bool(changed)


def job_item_done(*, item: JobItem, data: dict | None = None) -> bool:
    """Record that ``item`` was processed; ``data`` is merged into ``item.data``."""
    return _item_record(item=item, state=JobItem.State.DONE, data=data, error="")


def job_item_failed(*, item: JobItem, error: str, data: dict | None = None) -> bool:
    """Record that ``item`` failed with a message for people."""
    return _item_record(item=item, state=JobItem.State.FAILED, data=data, error=str(error))


def job_item_skipped(*, item: JobItem, reason: str = "", data: dict | None = None) -> bool:
    """Record that ``item`` had nothing to do."""
    return _item_record(item=item, state=JobItem.State.SKIPPED, data=data, error=str(reason))


def job_finish(
    *, job: Job, owner: str | None = None, status: str = Job.Status.DONE, error: str = ""
) -> bool:
    """Close ``job``: recount its items, compute its result (the kind's ``finish``), set
    its status and release the lease.

    With ``owner``, only that lease holder may finish it. A job still holding pending
    items cannot be marked done. Returns ``False`` when nothing was changed.
    """
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.is_finished or (owner is not None and locked.lease_owner != owner):
            return False
        counts = dict(
            JobItem.objects.filter(job=locked)
            .values_list("state")
            .annotate(n=Count("pk"))
            .values_list("state", "n")
        )
        if status == Job.Status.DONE and counts.get(JobItem.State.PENDING, 0):
            raise ValueError(f"Job {locked.pk} still has pending items.")
        locked.done = counts.get(JobItem.State.DONE, 0)
        locked.failed = counts.get(JobItem.State.FAILED, 0)
        locked.skipped = counts.get(JobItem.State.SKIPPED, 0)
        if status == Job.Status.DONE:
            kind = job_kind_get(locked.kind)
            if kind.finish is not None:
                locked.result = kind.finish(locked) or {}
        locked.status = status
        locked.error = error
        locked.finished_at = timezone.now()
        locked.lease_owner = ""
        locked.lease_expires_at = None
        locked.save()
    _copy_state(locked, job)
    return True


def job_requeue_stale(*, now=None) -> list[int]:
    """Put running jobs whose lease expired (their worker died) back in the queue and hand
    each to a worker; returns their ids.

    The change of status is conditional, so of several watchdogs only one requeues a job.
    """
    now = now or timezone.now()
    requeued: list[int] = []
    stale = Job.objects.filter(status=Job.Status.RUNNING).filter(
        Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True)
    )
    for job in stale.only("pk"):
        changed = (
            Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING)
            .filter(Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True))
            .update(status=Job.Status.QUEUED, lease_owner="", lease_expires_at=None)
        )
        if changed:
            logger.warning("Job %s lost its worker; queued again.", job.pk)
            job_enqueue(job=job)
            requeued.append(job.pk)
    return requeued
