"""Fixtures of the jobs tests: the ``echo`` kind, permissions, a job maker."""

import pytest
from django.contrib.auth.models import Group, Permission

from lms.accounts import roles
from lms.jobs.registry import job_kind_register, job_kind_unregister
from lms.jobs.services import job_create
from tests.lms.jobs.support import KIND, echo_finish, echo_run_item


@pytest.fixture(autouse=True)
def echo_kind():
    kind = job_kind_register(
        KIND,
        label="Echo",
        run_item=echo_run_item,
        finish=echo_finish,
        result_url=lambda job: f"/resultat/{job.pk}/",
    )
    yield kind
    job_kind_unregister(KIND)


@pytest.fixture
def jobs_permissions(db):
    """What the Administrateurs role is meant to grant (``jobs.view_job``)."""
    Group.objects.get(name=roles.ADMINISTRATORS).permissions.add(
        Permission.objects.get(content_type__app_label="jobs", codename="view_job")
    )


@pytest.fixture
def make_job(db):
    """``make_job(["", "fail", ...], created_by=None)``: an echo job, one item per action;
    not handed to a worker unless ``enqueue=True``."""

    def make(actions=("", "", ""), created_by=None, enqueue=False):
        return job_create(
            kind=KIND,
            items=[
                {"key": f"item-{index}", "data": {"action": action}}
                for index, action in enumerate(actions)
            ],
            payload={"test": True},
            created_by=created_by,
            enqueue=enqueue,
        )

    return make
