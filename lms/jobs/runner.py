"""The loop that works through a job: claim, process pending items one by one, finish."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from time import monotonic

from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from lms.jobs import conf
from lms.jobs.models import Job, JobItem
from lms.jobs.registry import JobAborted, JobItemError, JobItemSkipped, JobKind, job_kind_get
from lms.jobs.services import (
    job_claim,
    job_finish,
    job_heartbeat,
    job_item_done,
    job_item_failed,
    job_item_skipped,
)

logger = logging.getLogger(__name__)

CHUNK = 500


def job_owner_name() -> str:
    """A lease owner name unique to this run: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def job_process(*, job_id: int, owner: str | None = None, lease_seconds: int | None = None) -> str:
    """Claim job ``job_id`` and process its pending items in index order, then finish it.

    Each item runs in its own transaction with its state change, so it is done once or
    not at all; the lease is renewed every third of its length. Returns the job's status
    afterwards, or ``"not_claimed"`` (another worker holds it, or it is finished),
    ``"lease_lost"`` (another worker took over) or ``"missing"``.
    """
    owner = owner or job_owner_name()
    lease = lease_seconds or conf.lease_seconds()
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if not job_claim(job=job, owner=owner, lease_seconds=lease):
        return "not_claimed"
    logger.info("Job %s (%s) claimed by %s.", job.pk, job.kind, owner)
    try:
        kind = job_kind_get(job.kind)
    except LookupError:
        job_finish(
            job=job, owner=owner, status=Job.Status.FAILED, error=f"Unknown job kind {job.kind!r}."
        )
        return job.status

    renewed_at = monotonic()
    last_index = -1
    try:
        while True:
            chunk = list(
                JobItem.objects.filter(
                    job_id=job.pk, state=JobItem.State.PENDING, index__gt=last_index
                )
                .order_by("index")
                .values_list("pk", "index")[:CHUNK]
            )
            if not chunk:
                break
            for item_pk, index in chunk:
                if monotonic() - renewed_at >= lease / 3:
                    if not job_heartbeat(job=job, owner=owner, lease_seconds=lease):
                        logger.warning("Job %s: lease lost by %s; stopping.", job.pk, owner)
                        return "lease_lost"
                    renewed_at = monotonic()
                _process_item(job=job, kind=kind, item_pk=item_pk)
                last_index = index
        job_finish(job=job, owner=owner)
    except JobAborted as error:
        logger.warning("Job %s aborted: %s", job.pk, error.message)
        job_finish(job=job, owner=owner, status=Job.Status.FAILED, error=error.message)
    logger.info("Job %s finished: %s.", job.pk, job.status)
    return job.status


def _process_item(*, job: Job, kind: JobKind, item_pk: int) -> None:
    """Run one pending item and record its outcome in the same transaction."""
    with transaction.atomic():
        item = (
            JobItem.objects.select_for_update()
            .filter(pk=item_pk, state=JobItem.State.PENDING)
            .first()
        )
        if item is None:
            return  # another owner processed it meanwhile
        try:
            with transaction.atomic():
                data = kind.run_item(job, item)
        except JobItemSkipped as skipped:
            job_item_skipped(item=item, reason=skipped.message)
        except JobItemError as error:
            job_item_failed(item=item, error=error.message)
        except JobAborted:
            raise
        except IntegrityError as error:
            # A row-level conflict: this item fails, the job goes on.
            logger.exception("Job %s, item %s: integrity error.", job.pk, item.index)
            job_item_failed(
                item=item,
                error=_("Conflict in the database: %(error)s") % {"error": type(error).__name__},
            )
        except DatabaseError:
            # The database itself is failing: stop here; the item stays pending and the
            # job is resumed once its lease expires.
            raise
        except Exception as error:
            logger.exception("Job %s, item %s: unexpected error.", job.pk, item.index)
            job_item_failed(
                item=item,
                error=_("Unexpected error (%(error)s).") % {"error": type(error).__name__},
            )
        else:
            job_item_done(item=item, data=data)
