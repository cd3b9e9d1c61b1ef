"""Admin views of background jobs: a progress page, its JSON status, a list."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.jobs.models import Job
from lms.jobs.permissions import user_can_view_job
from lms.jobs.registry import job_kind_get
from lms.jobs.selectors import job_list_visible_to


def job_label(job: Job) -> str:
    """The kind's label for people, or its code."""
    try:
        return str(job_kind_get(job.kind).label)
    except LookupError:
        return job.kind


def job_result_url(job: Job) -> str:
    """Where the job's outcome is shown, once finished ('' when nowhere)."""
    if not job.is_finished:
        return ""
    try:
        kind = job_kind_get(job.kind)
    except LookupError:
        return ""
    return kind.result_url(job) if kind.result_url else ""


def job_status_data(job: Job) -> dict:
    """What a progress bar needs, as JSON-ready data."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "skipped": job.skipped,
        "processed": job.processed,
        "percent": job.percent,
        "finished": job.is_finished,
        "error": job.error,
        "created_at": job.created_at.isoformat(),
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "result_url": job_result_url(job),
    }


@require_GET
@never_cache
def job_status(request, job_id: int):
    """The job's progress as JSON (polled by the progress page); creator or administrators."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return JsonResponse({"error": "not_found"}, status=404)
    if not user_can_view_job(request.user, job):
        return JsonResponse({"error": "forbidden"}, status=403)
    return JsonResponse(job_status_data(job))


def job_detail(request, job_id: int):
    """A job's progress bar, updated by polling :func:`job_status`."""
    job = get_object_or_404(Job, pk=job_id)
    if not user_can_view_job(request.user, job):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "jobs/admin/job_detail.html",
        {
            "job": job,
            "status": job_status_data(job),
            "label": job_label(job),
            "page_title": _("Background job #%(id)s") % {"id": job.pk},
        },
    )


def job_list(request):
    """The user's jobs (all jobs for administrators), most recent first."""
    jobs = job_list_visible_to(user=request.user).select_related("created_by")
    page = Paginator(jobs, 50).get_page(request.GET.get("p"))
    rows = [{"job": job, "label": job_label(job)} for job in page.object_list]
    return TemplateResponse(
        request,
        "jobs/admin/job_list.html",
        {"page_obj": page, "rows": rows, "page_title": _("Background jobs")},
    )
