"""Reads of background jobs."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from lms.jobs.models import Job
from lms.jobs.permissions import user_sees_all_jobs


def job_list_visible_to(*, user) -> QuerySet[Job]:
    """Every job for those allowed to see all (``jobs.view_job``), else the user's own."""
    if user_sees_all_jobs(user):
        return Job.objects.all()
    if user is None or not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(created_by=user)


def job_list_resumable(*, now=None) -> QuerySet[Job]:
    """Jobs waiting for a worker: queued ones, and running ones whose lease expired."""
    now = now or timezone.now()
    return Job.objects.filter(
        Q(status=Job.Status.QUEUED)
        | Q(status=Job.Status.RUNNING, lease_expires_at__lt=now)
        | Q(status=Job.Status.RUNNING, lease_expires_at__isnull=True)
    ).order_by("created_at", "pk")
