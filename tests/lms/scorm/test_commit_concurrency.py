"""Attempts and commits under real parallel transactions (PostgreSQL): a double click on
launch gives one attempt, and parallel commits of one attempt lose nothing."""

from functools import partial

import pytest
from django.test import Client

from lms.progress.models import LessonProgress
from lms.scorm.models import ScormAttempt
from lms.scorm.services import attempt_launch
from tests.factories import UserFactory
from tests.lms.enrolment.support import curricula_index_rebuilt, run_at_once
from tests.lms.scorm.tracking_support import (
    body_2004,
    course_make,
    enrol,
    interactions,
    post_commit,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 3
THREADS = 20


@pytest.fixture
def curriculum(requires_postgres):
    from tests.factories import CurriculumPageFactory

    return CurriculumPageFactory(parent=curricula_index_rebuilt())


def test_a_double_click_on_launch_gives_one_attempt(curriculum):
    course = course_make(curriculum, scos=("sco-1",))
    for _round in range(ROUNDS):
        learner = enrol(UserFactory(), course.module)

        results = run_at_once([partial(attempt_launch, learner=learner, lesson=course.lesson)] * 4)

        assert all(isinstance(result, ScormAttempt) for result in results), results
        assert len({result.pk for result in results}) == 1
        assert ScormAttempt.objects.filter(learner=learner).count() == 1


def test_a_double_click_on_new_attempt_gives_one_new_attempt(curriculum):
    course = course_make(curriculum, scos=("sco-1",))
    client = Client()
    for _round in range(ROUNDS):
        learner = enrol(UserFactory(), course.module)
        first = attempt_launch(learner=learner, lesson=course.lesson)
        post_commit(client, first, body_2004(1, completion_status="completed"))

        results = run_at_once(
            [partial(attempt_launch, learner=learner, lesson=course.lesson, new_attempt=True)] * 3
        )

        assert all(isinstance(result, ScormAttempt) for result in results), results
        assert {result.number for result in results} == {2}
        assert ScormAttempt.objects.filter(learner=learner).count() == 2


def test_parallel_commits_lose_no_interaction(curriculum):
    course = course_make(curriculum, scos=("sco-1",))
    learner = enrol(UserFactory(), course.module)
    attempt = attempt_launch(learner=learner, lesson=course.lesson)

    def send(number: int):
        body = body_2004(
            number,
            session=1,
            attempt=attempt,
            location=f"page-{number}",
            session_time=f"PT{number}S",
            interactions=interactions(1, start=number),
        )
        return post_commit(Client(), attempt, body).status_code

    results = run_at_once([partial(send, number) for number in range(1, THREADS + 1)])

    assert results == [200] * THREADS
    row = ScormAttempt.objects.get(pk=attempt.pk)
    assert row.commit_count == THREADS
    assert sorted(row.interactions) == sorted(f"q{n}" for n in range(1, THREADS + 1))
    # Whatever the arrival order, the highest sequence's plain values win.
    assert (row.location, row.session_seconds, row.last_sequence) == (
        f"page-{THREADS}",
        THREADS,
        THREADS,
    )
    assert LessonProgress.objects.get(learner=learner).status == "in_progress"


def test_the_last_two_scos_completed_at_once_complete_the_lesson(curriculum):
    course = course_make(curriculum, scos=("a", "b"))
    for _round in range(ROUNDS):
        learner = enrol(UserFactory(), course.module)
        attempts = [
            attempt_launch(learner=learner, lesson=course.lesson, item_identifier=identifier)
            for identifier in ("a", "b")
        ]

        results = run_at_once(
            [
                partial(
                    lambda attempt: (
                        post_commit(
                            Client(), attempt, body_2004(1, completion_status="completed")
                        ).status_code
                    ),
                    attempt,
                )
                for attempt in attempts
            ]
        )

        assert results == [200, 200]
        progress = LessonProgress.objects.get(learner=learner, lesson_id=course.lesson.pk)
        assert progress.status == "completed"
