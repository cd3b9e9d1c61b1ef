"""Background tasks of certificates: thin wrappers taking primary keys."""

from django_tasks import task

from lms.certificates.bulk import certificate_bulk_work


@task()
def certificate_bulk_worker(job_id: int) -> str:
    """One worker's share of the bulk issuance ``job_id`` (see
    :func:`lms.certificates.bulk.certificate_bulk_work`); returns how it ended."""
    return certificate_bulk_work(job_id=job_id)
