"""The job's JSON status and progress page: for its creator and administrators only."""

import pytest
from django.test import Client

from lms.accounts import roles
from lms.jobs.models import Job
from lms.jobs.runner import job_process
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jobs_permissions")]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def status_url(job) -> str:
    return f"/admin/jobs/{job.pk}/status/"


@pytest.fixture
def creator(db):
    """A trainer-like admin user (admin access, no ``jobs.view_job``) who started a job."""
    return UserFactory(email="createur@insp.gouv.fr", roles=[roles.TRAINERS])


def test_the_status_gives_the_progress(make_job, creator):
    job = make_job(["", "fail", "", ""], created_by=creator)
    items = list(job.items.order_by("index"))
    from lms.jobs.services import job_item_done, job_item_failed

    job_item_done(item=items[0])
    job_item_failed(item=items[1], error="refusé")

    response = signed_in(creator).get(status_url(job))

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    data = response.json()
    assert data["status"] == "queued"
    assert (data["total"], data["done"], data["failed"], data["processed"]) == (4, 1, 1, 2)
    assert data["percent"] == 50
    assert data["finished"] is False
    assert data["result_url"] == ""


def test_a_finished_job_links_to_its_result(make_job, creator):
    job = make_job([""], created_by=creator)
    job_process(job_id=job.pk)

    data = signed_in(creator).get(status_url(job)).json()

    assert data["status"] == Job.Status.DONE
    assert data["finished"] is True
    assert data["percent"] == 100
    assert data["result_url"] == f"/resultat/{job.pk}/"


def test_administrators_follow_every_job(make_job, creator, administrator):
    job = make_job(created_by=creator)

    assert signed_in(administrator).get(status_url(job)).status_code == 200
    assert signed_in(administrator).get(f"/admin/jobs/{job.pk}/").status_code == 200


def test_other_staff_cannot_follow_someone_elses_job(make_job, creator, trainer):
    job = make_job(created_by=creator)
    client = signed_in(trainer)

    response = client.get(status_url(job))
    assert response.status_code == 403
    assert response.json() == {"error": "forbidden"}
    # The page itself: Wagtail sends the user back to the dashboard.
    page = client.get(f"/admin/jobs/{job.pk}/")
    assert (page.status_code, page["Location"]) == (302, "/admin/")


def test_learners_and_visitors_are_kept_out(make_job, administrator, learner, client):
    job = make_job(created_by=administrator)

    assert signed_in(learner).get(status_url(job))["Location"] == "/"
    assert client.get(status_url(job)).status_code == 302


def test_an_unknown_job_is_not_found(administrator):
    assert signed_in(administrator).get("/admin/jobs/999999/status/").status_code == 404


def test_the_progress_page_has_a_bar_fed_by_the_status(make_job, creator):
    job = make_job(["", ""], created_by=creator)

    response = signed_in(creator).get(f"/admin/jobs/{job.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<progress id="job-progress" max="2" value="0"' in html
    assert f'data-status-url="/admin/jobs/{job.pk}/status/"' in html
    assert "jobs/job_progress.js" in html


def test_the_job_list_shows_own_jobs_or_all_for_administrators(make_job, creator, administrator):
    own = make_job(created_by=creator)
    other = make_job(created_by=administrator)

    mine = signed_in(creator).get("/admin/jobs/")
    everything = signed_in(administrator).get("/admin/jobs/")

    assert [row["job"] for row in mine.context["rows"]] == [own]
    assert {row["job"] for row in everything.context["rows"]} == {own, other}
