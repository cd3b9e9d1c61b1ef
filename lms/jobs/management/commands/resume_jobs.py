"""``manage.py resume_jobs``: hand queued jobs and jobs whose worker died to a worker again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from lms.jobs.runner import job_process
from lms.jobs.selectors import job_list_resumable
from lms.jobs.services import job_enqueue


class Command(BaseCommand):
    """Resume background jobs that no live worker holds.

    A job is resumable when it is queued, or running with an expired lease (its worker
    died or was stopped). By default each is enqueued again for the task workers; with
    ``--inline`` they are processed here, one after the other. Items already processed
    are not processed again. Safe to run at any time, e.g. before starting the workers.
    """

    help = "Resume queued jobs and jobs whose worker died (--inline: run them here)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--inline",
            action="store_true",
            help="Process the jobs in this process instead of enqueuing them.",
        )
        parser.add_argument(
            "--job",
            type=int,
            action="append",
            dest="job_ids",
            help="Only this job (may be repeated).",
        )

    def handle(self, *args, inline: bool = False, job_ids=None, **options):
        jobs = job_list_resumable()
        if job_ids:
            jobs = jobs.filter(pk__in=job_ids)
        ids = list(jobs.values_list("pk", flat=True))
        for job_id in ids:
            if inline:
                status = job_process(job_id=job_id)
                self.stdout.write(f"Job {job_id}: {status}")
            else:
                with transaction.atomic():
                    job_enqueue(job=jobs.model(pk=job_id))
                self.stdout.write(f"Job {job_id}: enqueued")
        self.stdout.write(f"{len(ids)} job(s) resumed.")
