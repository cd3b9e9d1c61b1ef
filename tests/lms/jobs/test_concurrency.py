"""Two workers claiming the same job at the same moment: one gets it (PostgreSQL)."""

from functools import partial

import pytest

from lms.jobs.models import Job
from lms.jobs.services import job_claim
from tests.lms.enrolment.support import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_claims_give_the_job_to_one_owner(requires_postgres, make_job):
    for _round in range(5):
        job = make_job()
        owners = [f"worker-{index}" for index in range(4)]

        results = run_at_once(
            [
                partial(job_claim, job=Job.objects.get(pk=job.pk), owner=owner, lease_seconds=60)
                for owner in owners
            ]
        )

        assert sorted(results) == [False, False, False, True], results
        job.refresh_from_db()
        assert job.lease_owner == owners[results.index(True)]
        assert job.attempts == 1


def test_an_expired_lease_is_taken_over_by_one_owner(requires_postgres, make_job):
    from datetime import timedelta

    from django.utils import timezone

    job = make_job()
    assert job_claim(job=job, owner="dead-worker", lease_seconds=60)
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))

    results = run_at_once(
        [
            partial(job_claim, job=Job.objects.get(pk=job.pk), owner=f"worker-{index}")
            for index in range(4)
        ]
    )

    assert sorted(results) == [False, False, False, True], results
    job.refresh_from_db()
    assert job.lease_owner != "dead-worker"
    assert job.attempts == 2
