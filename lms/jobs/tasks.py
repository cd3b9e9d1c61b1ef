"""Background tasks of jobs: thin wrappers taking primary keys."""

from django_tasks import task

from lms.jobs.runner import job_process


@task()
def job_run(job_id: int) -> str:
    """Process the job ``job_id`` (see :func:`lms.jobs.runner.job_process`); returns its
    status afterwards."""
    return job_process(job_id=job_id)
