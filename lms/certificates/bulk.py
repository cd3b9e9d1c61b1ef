"""Bulk issuance of certificates: a background job, one item per eligible learner.

:func:`certificate_bulk_start` lists the eligible members of a promotion for a module or
curriculum, freezes each one's language and creates a :class:`~lms.jobs.models.Job` of kind
``certificates.bulk``, handed once committed to ``LMS_CERTIFICATE_BULK_WORKERS`` worker
tasks (:func:`certificate_bulk_work`). Each worker claims pending items in batches with
``SELECT ... FOR UPDATE SKIP LOCKED`` (the row locks are the items' lease: they vanish with
a dead worker's transaction), keeps one warm renderer per process and issues through
:func:`~lms.certificates.services.certificate_issue`. The job's own lease (shared by its
workers, renewed per batch) lets the jobs watchdog or ``manage.py resume_jobs`` resume a
job whose workers all died, through the generic runner and :func:`certificate_bulk_run_item`.

Each item's PDF is stored under a fixed name (``certificates/bulk/<job>/<item>.pdf``): a
retry overwrites what a dead attempt left, and :func:`certificate_bulk_finish` deletes the
files of items that ended without a certificate.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from datetime import timedelta
from functools import partial

from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.accounts.models import User
from lms.certificates import conf
from lms.certificates.errors import CertificateError
from lms.certificates.models import Certificate
from lms.certificates.permissions import user_can_issue_certificates
from lms.certificates.rendering import CertificateRenderer
from lms.certificates.selectors import (
    certificate_eligibility_for_promotion,
    target_kind,
    template_for,
)
from lms.certificates.services import (
    IssuePlan,
    certificate_issue_planned,
    certificate_issue_prepare,
    certificate_issue_store,
    certificate_plans_render,
)
from lms.jobs import conf as jobs_conf
from lms.jobs.models import Job, JobItem
from lms.jobs.registry import JobAborted, JobItemError, JobItemSkipped
from lms.jobs.services import job_create, job_finish
from lms.people.models import Promotion

logger = logging.getLogger(__name__)

JOB_KIND = "certificates.bulk"
#: The lease owner shared by a bulk job's parallel workers.
LEASE_OWNER = "certificates.bulk"
#: Refusals of :func:`certificate_issue` that concern one learner (the item is skipped);
#: the others stop the whole job.
_LEARNER_CODES = {"already_certified", "withdrawn", "not_complete", "inactive"}
_JOB_CODES = {"forbidden", "no_template", "template_mismatch", "not_certifiable"}

#: Pause between batches on SQLite, longer than its busy handler's longest wait (100 ms).
SQLITE_PAUSE_SECONDS = 0.15
#: PostgreSQL errors after which an item is simply tried again (deadlock, serialisation).
_RETRY_LATER = {"40P01", "40001"}

_renderer: tuple[int, CertificateRenderer] | None = None


def bulk_renderer() -> CertificateRenderer:
    """The worker process's one renderer, kept warm from item to item and job to job."""
    global _renderer
    if _renderer is None or _renderer[0] != os.getpid():
        _renderer = (os.getpid(), CertificateRenderer())
    return _renderer[1]


def bulk_pdf_name(*, job_id: int, index: int) -> str:
    """The fixed storage name of a bulk item's PDF."""
    return f"certificates/bulk/{job_id}/{index}.pdf"


# Starting ----------------------------------------------------------------------------------


def certificate_bulk_active(*, promotion, target) -> Job | None:
    """A queued or running bulk issuance for the same promotion and target, if any."""
    return (
        Job.objects.filter(
            kind=JOB_KIND,
            status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
            payload__promotion=promotion.pk,
            payload__target=target.pk,
        )
        .order_by("pk")
        .first()
    )


def certificate_bulk_start(*, promotion, target, issued_by, language: str = "") -> Job:
    """Start issuing certificates to every eligible member of ``promotion`` for ``target``.

    Each eligible learner becomes an item with their language frozen (``language`` when
    given, else their preference). When the same issuance is already queued or running,
    that job is returned instead of a second one (the database's one-valid-certificate
    constraint guards the race that remains). The job is handed to
    ``LMS_CERTIFICATE_BULK_WORKERS`` worker tasks once the transaction commits. Raises
    :class:`CertificateError` (forbidden, not certifiable, no template, nobody eligible).
    """
    if not user_can_issue_certificates(issued_by):
        raise CertificateError("forbidden", _("You may not issue certificates."))
    target = target.specific
    if target_kind(target) is None:
        raise CertificateError("not_certifiable", _("Only modules and curricula are certified."))
    if template_for(target=target) is None:
        raise CertificateError(
            "no_template",
            _("No active certificate template for “%(title)s”.") % {"title": target.title},
        )
    with transaction.atomic():
        running = certificate_bulk_active(promotion=promotion, target=target)
        if running is not None:
            return running
        rows = [
            row
            for row in certificate_eligibility_for_promotion(promotion=promotion, target=target)
            if row.eligible
        ]
        if not rows:
            raise CertificateError(
                "nobody_eligible", _("No member of the promotion can be certified.")
            )
        job = job_create(
            kind=JOB_KIND,
            items=(
                {
                    "key": row.learner.email,
                    "data": {"learner": row.learner.pk, "language": language or row.language},
                }
                for row in rows
            ),
            payload={
                "promotion": promotion.pk,
                "target": target.pk,
                "language": language,
                "issued_by": issued_by.pk,
            },
            created_by=issued_by,
            enqueue=False,
        )
        certificate_bulk_enqueue(job=job)
    return job


def certificate_bulk_enqueue(*, job: Job, workers: int | None = None) -> None:
    """Hand ``job`` to ``workers`` worker tasks (the setting by default) on commit."""
    from lms.certificates.tasks import certificate_bulk_worker

    job_id = job.pk
    for _worker in range(workers or conf.bulk_workers()):
        transaction.on_commit(lambda: certificate_bulk_worker.enqueue(job_id))


# One item ----------------------------------------------------------------------------------


def _context(job: Job) -> dict:
    """The job's target, promotion, issuer and template, read once per worker and job."""
    cached = getattr(job, "_bulk_context", None)
    if cached is not None:
        return cached
    payload = job.payload
    page = Page.objects.filter(pk=payload.get("target")).first()
    promotion = Promotion.objects.filter(pk=payload.get("promotion")).first()
    issuer = User.objects.filter(pk=payload.get("issued_by")).first()
    if page is None or promotion is None:
        raise JobAborted(_("The promotion or the module (or curriculum) no longer exists."))
    if issuer is None or not user_can_issue_certificates(issuer):
        raise JobAborted(_("The administrator who started it may no longer issue certificates."))
    target = page.specific
    context = {
        "target": target,
        "promotion": promotion,
        "issued_by": issuer,
        # The template found when the worker took the job serves all its items.
        "template": template_for(target=target),
    }
    job._bulk_context = context
    return context


def _item_prepare(job: Job, item: JobItem) -> IssuePlan | dict:
    """An item's certificate planned (checks and frozen snapshot), or, for a retried item
    whose certificate this job already issued, its result."""
    context = _context(job)
    target = context["target"]
    learner = User.objects.filter(pk=item.data.get("learner")).first()
    if learner is None:
        raise JobItemSkipped(_("The learner's account no longer exists."))
    mine = Certificate.objects.filter(
        learner=learner, target_id=target.pk, status=Certificate.Status.VALID, job_id=job.pk
    ).first()
    if mine is not None:
        return {"certificate": mine.pk, "code": mine.display_code}
    try:
        return certificate_issue_prepare(
            learner=learner,
            target=target,
            issued_by=context["issued_by"],
            language=item.data.get("language") or None,
            template=context["template"],
            promotion=context["promotion"],
            job=job,
            pdf_name=bulk_pdf_name(job_id=job.pk, index=item.index),
        )
    except CertificateError as error:
        _raise_for(error)


def _item_store(plan: IssuePlan, pdf: bytes | CertificateError) -> dict:
    """Store a rendered item's certificate; returns its id and printed code."""
    try:
        if isinstance(pdf, CertificateError):
            raise pdf
        certificate = certificate_issue_store(plan=plan, pdf=pdf)
    except CertificateError as error:
        _raise_for(error)
    return {"certificate": certificate.pk, "code": certificate.display_code}


def _item_render_store(plan: IssuePlan) -> dict:
    """Render and store one item's certificate alone; returns its id and printed code."""
    try:
        certificate = certificate_issue_planned(plan=plan, renderer=bulk_renderer())
    except CertificateError as error:
        _raise_for(error)
    return {"certificate": certificate.pk, "code": certificate.display_code}


def _raise_for(error: CertificateError):
    """A refusal of issuing as the job sees it: the whole job stops, the learner is
    skipped with the reason, or the item fails."""
    if error.code in _JOB_CODES:
        raise JobAborted(error.message) from error
    if error.code in _LEARNER_CODES:
        raise JobItemSkipped(error.message) from error
    raise JobItemError(error.message) from error


def certificate_bulk_run_item(job: Job, item: JobItem) -> dict:
    """Issue the certificate of one item (inside the item's transaction); idempotent.

    A learner already holding a valid certificate from this job is done (a retried item);
    one certified otherwise, or no longer eligible, is skipped with the reason; a failed
    rendering fails the item. Returns the certificate's id and printed code. (The parallel
    workers issue a batch at once, see :func:`certificate_bulk_work`.)
    """
    prepared = _item_prepare(job, item)
    if isinstance(prepared, dict):
        return prepared
    return _item_render_store(prepared)


def certificate_bulk_orphans_remove(*, job: Job) -> int:
    """Delete the stored PDFs of ``job``'s items that no certificate references (an
    attempt rolled back after storing its file); returns how many were deleted."""
    removed = 0
    referenced = set(Certificate.objects.filter(job_id=job.pk).values_list("pdf", flat=True))
    for index in JobItem.objects.filter(job_id=job.pk).values_list("index", flat=True):
        name = bulk_pdf_name(job_id=job.pk, index=index)
        if name not in referenced and default_storage.exists(name):
            default_storage.delete(name)
            removed += 1
    return removed


def certificate_bulk_finish(job: Job) -> dict:
    """Once every item is processed: remove orphan PDFs and sum up (the job's result)."""
    removed = certificate_bulk_orphans_remove(job=job)
    issued = Certificate.objects.filter(job_id=job.pk).count()
    return {"issued": issued, "orphans_removed": removed}


def certificate_bulk_result_url(job: Job) -> str:
    """The page summing up a bulk issuance."""
    return reverse("certificates_admin_bulk_result", args=[job.pk])


# Parallel workers --------------------------------------------------------------------------


def _lease_take(job_id: int) -> bool:
    """Mark the job running under the workers' shared lease, unless another runner holds
    a live lease on it; ``False`` when the worker must not work on it."""
    now = timezone.now()
    expires = now + timedelta(seconds=jobs_conf.lease_seconds())
    free = (
        Q(lease_owner__in=["", LEASE_OWNER])
        | Q(lease_expires_at__isnull=True)
        | Q(lease_expires_at__lt=now)
    )
    taken = Job.objects.filter(
        free, pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).update(status=Job.Status.RUNNING, lease_owner=LEASE_OWNER, lease_expires_at=expires)
    if taken:
        Job.objects.filter(pk=job_id, started_at__isnull=True).update(started_at=now)
    return bool(taken)


def _lease_renew(job_id: int) -> bool:
    expires = timezone.now() + timedelta(seconds=jobs_conf.lease_seconds())
    return bool(
        Job.objects.filter(pk=job_id, lease_owner=LEASE_OWNER, status=Job.Status.RUNNING).update(
            lease_expires_at=expires
        )
    )


def _claim_batch(job_id: int, size: int) -> list[JobItem]:
    items = JobItem.objects.filter(job_id=job_id, state=JobItem.State.PENDING).order_by("index")
    if connection.features.has_select_for_update_skip_locked:
        items = items.select_for_update(skip_locked=True)
    else:
        items = items.select_for_update()
    return list(items[:size])


def _record(item: JobItem, state: str, *, error: str = "", data: dict | None = None) -> bool:
    values = {"state": state, "error": error[:500], "processed_at": timezone.now()}
    if data:
        values["data"] = {**item.data, **data}
    return bool(JobItem.objects.filter(pk=item.pk, state=JobItem.State.PENDING).update(**values))


def _attempt(job: Job, item: JobItem, action) -> tuple[bool, object]:
    """Run one step of an item in a savepoint: ``(True, its result)``, or ``(False,
    (state, error))`` for an item that ends here, or ``(False, None)`` for an item left
    pending for a later batch (a deadlock with another job's worker)."""
    try:
        with transaction.atomic():
            return True, action()
    except JobItemSkipped as skipped:
        return False, (JobItem.State.SKIPPED, skipped.message)
    except JobItemError as failure:
        return False, (JobItem.State.FAILED, failure.message)
    except IntegrityError:
        logger.exception("Bulk issuance %s, item %s: integrity error.", job.pk, item.index)
        return False, (
            JobItem.State.FAILED,
            _("Conflict in the database; the certificate was not issued."),
        )
    except DatabaseError as failure:
        if getattr(failure.__cause__, "pgcode", None) in _RETRY_LATER:
            logger.warning("Bulk issuance %s, item %s: %s", job.pk, item.index, failure)
            return False, None
        raise
    except JobAborted:
        raise
    except Exception as failure:
        logger.exception("Bulk issuance %s, item %s: unexpected error.", job.pk, item.index)
        return False, (
            JobItem.State.FAILED,
            _("Unexpected error (%(error)s).") % {"error": type(failure).__name__},
        )


def _outcome(item: JobItem, ok: bool, value) -> str | None:
    """Record an item's outcome (a result when ``ok``); its state, or ``None`` when it
    stays pending."""
    if ok:
        state, error, data = JobItem.State.DONE, "", value
    elif value is None:
        return None
    else:
        (state, error), data = value, None
    return state if _record(item, state, error=error, data=data) else None


def _run_batch(job: Job, items: list[JobItem]) -> list[str | None]:
    """Issue a batch of claimed items: each planned in its savepoint, the planned ones
    rendered together (one document laid out for the batch), each stored in its
    savepoint. Returns each item's recorded state (``None``: left pending)."""
    states: dict[int, str | None] = {}
    planned: list[tuple[JobItem, IssuePlan]] = []
    for item in items:
        ok, value = _attempt(job, item, partial(_item_prepare, job, item))
        if ok and isinstance(value, IssuePlan):
            planned.append((item, value))
        else:
            states[item.pk] = _outcome(item, ok, value)
    try:
        pdfs = certificate_plans_render(
            plans=[plan for _item, plan in planned], renderer=bulk_renderer()
        )
    except Exception:
        logger.exception("Bulk issuance %s: a batch failed to render; one by one.", job.pk)
        pdfs = None
    for index, (item, plan) in enumerate(planned):
        if pdfs is None:
            ok, value = _attempt(job, item, partial(_item_render_store, plan))
        else:
            ok, value = _attempt(job, item, partial(_item_store, plan, pdfs[index]))
        states[item.pk] = _outcome(item, ok, value)
    return [states[item.pk] for item in items]


def certificate_bulk_work(*, job_id: int, batch_size: int | None = None) -> str:
    """One worker's share of a bulk issuance: claim pending items in batches (skipping
    those other workers hold), issue each, record the outcomes and the job's counters in
    the batch's transaction, renew the shared lease; the worker that finds nothing left
    finishes the job. Returns the job's status or why the worker stopped."""
    size = batch_size or conf.bulk_batch_size()
    job = Job.objects.filter(pk=job_id, kind=JOB_KIND).first()
    if job is None:
        return "missing"
    if job.is_finished or not _lease_take(job_id):
        return "not_claimed"
    try:
        while True:
            if not _lease_renew(job_id):
                return "lease_lost"
            with transaction.atomic():
                items = _claim_batch(job_id, size)
                if not items:
                    break
                counts = Counter(_run_batch(job, items))
                counts.pop(None, None)
                Job.objects.filter(pk=job_id).update(
                    done=F("done") + counts[JobItem.State.DONE],
                    failed=F("failed") + counts[JobItem.State.FAILED],
                    skipped=F("skipped") + counts[JobItem.State.SKIPPED],
                )
            if not connection.features.has_select_for_update_skip_locked:
                # SQLite has one writer at a time and its lock is not fair: pause so that
                # other processes waiting for it (the other workers, the task queue's own
                # polling, the web server) get it, instead of timing out.
                time.sleep(SQLITE_PAUSE_SECONDS)
    except JobAborted as aborted:
        logger.warning("Bulk issuance %s aborted: %s", job_id, aborted.message)
        job_finish(job=job, owner=LEASE_OWNER, status=Job.Status.FAILED, error=aborted.message)
        certificate_bulk_orphans_remove(job=job)
        return job.status
    if JobItem.objects.filter(job_id=job_id, state=JobItem.State.PENDING).exists():
        return "others_working"  # the items left are held by other workers
    job_finish(job=job, owner=LEASE_OWNER)
    job.refresh_from_db()
    return job.status
