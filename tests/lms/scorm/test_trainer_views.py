"""Trainers' SCORM tracking in the admin: who sees which learners' attempts, the attempt
detail with interactions and objectives, and the CSRF-protected grant of a new attempt."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from lms.accounts import roles
from lms.audit.models import AuditEntry
from lms.people.services import promotion_add_members, promotion_create
from lms.scorm.models import ScormRegistration
from lms.scorm.services import attempt_commit, attempt_launch
from tests.factories import UserFactory
from tests.lms.scorm.tracking_support import body_2004, course_make, enrol, interactions

pytestmark = pytest.mark.django_db


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def school(association_curriculum, administrator, trainer):
    """Alice (followed by ``trainer``) and Dave (followed by another trainer) each made an
    attempt with interactions and an objective on a SCORM lesson."""
    course = course_make(association_curriculum, scos=("sco-1",))
    other_trainer = UserFactory(roles=[roles.TRAINERS])
    alice = UserFactory(first_name="Alice", last_name="Martin", roles=[roles.LEARNERS])
    dave = UserFactory(first_name="Dave", last_name="Leroy", roles=[roles.LEARNERS])
    followed = promotion_create(name="CHESP 2026", year=2026, trainers=[trainer], by=administrator)
    other = promotion_create(name="Lauréats 2026", year=2026, trainers=[other_trainer])
    promotion_add_members(promotion=followed, learners=[alice])
    promotion_add_members(promotion=other, learners=[dave])
    attempts = {}
    for learner in (alice, dave):
        enrol(learner, course.module)
        attempt = attempt_launch(learner=learner, lesson=course.lesson)
        body = body_2004(
            1,
            completion_status="completed",
            score={"scaled": "0.85"},
            session_time="PT10M",
            interactions=interactions(2),
            objectives={"0": {"id": "obj-cible", "success_status": "passed"}},
        )
        attempt_commit(attempt=attempt, body=body, sequence=1, final=False)
        attempts[learner.pk] = attempt
    return SimpleNamespace(
        course=course,
        alice=alice,
        dave=dave,
        alice_attempt=attempts[alice.pk],
        dave_attempt=attempts[dave.pk],
        other_trainer=other_trainer,
    )


def lesson_url(school):
    return reverse("scorm_tracking:lesson", args=(school.course.lesson.pk,))


def grant_url(school, learner):
    return reverse("scorm_tracking:grant", args=(school.course.lesson.pk, learner.pk))


def test_trainer_sees_the_lessons_and_their_learners_only(school, trainer):
    client = signed_in(trainer)

    index = client.get(reverse("scorm_tracking:lessons"))
    assert index.status_code == 200
    assert school.course.lesson.title in index.content.decode()

    page = client.get(lesson_url(school))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Alice Martin" in text
    assert "Dave" not in text
    assert "85,00" in text or "85.00" in text
    assert f'data-attempt="{school.alice_attempt.pk}"' in text


def test_administrator_sees_every_learner(school, administrator):
    text = signed_in(administrator).get(lesson_url(school)).content.decode()
    assert "Alice Martin" in text
    assert "Dave Leroy" in text


def test_attempt_detail_shows_interactions_and_objectives(school, trainer):
    url = reverse("scorm_tracking:attempt", args=(school.alice_attempt.pk,))
    response = signed_in(trainer).get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-interaction="q0"' in text
    assert 'data-interaction="q1"' in text
    assert 'data-objective="obj-cible"' in text
    assert "Question 1" in text


def test_another_trainers_learner_is_not_found(school, trainer):
    client = signed_in(trainer)
    url = reverse("scorm_tracking:attempt", args=(school.dave_attempt.pk,))
    assert client.get(url).status_code == 404
    assert client.post(grant_url(school, school.dave)).status_code == 404
    assert not ScormRegistration.objects.filter(learner=school.dave, extra_attempts__gt=0).exists()


@pytest.mark.parametrize("role", [roles.REVIEWERS, None])
def test_others_have_no_access(school, role):
    user = UserFactory(roles=[role] if role else [roles.LEARNERS])
    client = signed_in(user)
    for url in (
        reverse("scorm_tracking:lessons"),
        lesson_url(school),
        reverse("scorm_tracking:attempt", args=(school.alice_attempt.pk,)),
    ):
        assert client.get(url).status_code in (302, 403)
    assert client.post(grant_url(school, school.alice)).status_code in (302, 403)
    assert not ScormRegistration.objects.filter(extra_attempts__gt=0).exists()


def test_grant_a_new_attempt(school, trainer):
    client = signed_in(trainer, enforce_csrf_checks=True)
    page = client.get(lesson_url(school))
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else None
    assert client.post(grant_url(school, school.alice)).status_code == 403  # no CSRF token
    assert token is not None or "csrfmiddlewaretoken" in page.content.decode()

    csrf = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(grant_url(school, school.alice), {"csrfmiddlewaretoken": csrf})

    assert response.status_code == 302
    assert response["Location"] == lesson_url(school)
    registration = ScormRegistration.objects.get(learner=school.alice)
    assert registration.extra_attempts == 1
    entry = AuditEntry.objects.get(action="scorm.attempt_granted")
    assert (entry.learner, entry.actor) == (school.alice, trainer)


def test_grant_is_post_only(school, trainer):
    assert signed_in(trainer).get(grant_url(school, school.alice)).status_code == 405


def test_menu_item_for_trainers_only(school, trainer, reviewer):
    label = "scorm-tracking"
    assert label in signed_in(trainer).get(reverse("wagtailadmin_home")).content.decode()
    assert label not in signed_in(reviewer).get(reverse("wagtailadmin_home")).content.decode()
