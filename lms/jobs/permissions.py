"""Who may follow a background job: its creator, and those with ``jobs.view_job``."""

from __future__ import annotations

VIEW_ALL_PERMISSION = "jobs.view_job"


def user_sees_all_jobs(user) -> bool:
    """Administrators (the ``jobs.view_job`` permission, or superusers)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(VIEW_ALL_PERMISSION)
    )


def user_can_view_job(user, job) -> bool:
    """The job's creator, or someone who sees all jobs."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return job.created_by_id == user.pk or user_sees_all_jobs(user)
