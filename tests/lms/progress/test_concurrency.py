"""Concurrent completion events give one completion (PostgreSQL, parallel transactions)."""

from functools import partial

import pytest

from lms.audit.models import AuditEntry
from lms.enrolment.services import enrolment_create
from lms.progress.models import LessonProgress, ModuleProgress
from lms.progress.services import lesson_mark_done, lesson_progress_record
from tests.factories import (
    CurriculumPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)
from tests.lms.enrolment.support import curricula_index_rebuilt, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 4


@pytest.fixture
def curriculum(requires_postgres):
    return CurriculumPageFactory(parent=curricula_index_rebuilt())


def module_with_lessons(curriculum, count: int):
    module = ModulePageFactory(parent=curriculum)
    return module, [LessonPageFactory(parent=module) for _ in range(count)]


def enrolled_learner(module):
    learner = UserFactory()
    enrolment_create(learner=learner, module=module)
    return learner


def assert_completed_once(learner, module) -> None:
    summary = ModuleProgress.objects.get(learner=learner, module=module)
    assert summary.status == "completed"
    assert summary.completed_at is not None
    assert AuditEntry.objects.filter(learner=learner, action="module.completed").count() == 1


def test_the_same_lesson_completed_twice_at_once(curriculum):
    module, (lesson,) = module_with_lessons(curriculum, 1)

    for _round in range(ROUNDS):
        learner = enrolled_learner(module)

        results = run_at_once(
            [
                partial(lesson_mark_done, learner=learner, lesson=lesson),
                partial(
                    lesson_progress_record,
                    learner=learner,
                    lesson=lesson,
                    status="completed",
                    score=75,
                ),
            ]
        )

        assert all(isinstance(result, LessonProgress) for result in results), results
        progress = LessonProgress.objects.get(learner=learner, lesson_id=lesson.pk)
        assert progress.status == "completed"
        assert progress.score == 75
        assert AuditEntry.objects.filter(learner=learner, action="lesson.completed").count() == 1
        assert_completed_once(learner, module)


def test_the_last_two_lessons_completed_at_once(curriculum):
    module, lessons = module_with_lessons(curriculum, 3)

    for _round in range(ROUNDS):
        learner = enrolled_learner(module)
        lesson_mark_done(learner=learner, lesson=lessons[0])

        results = run_at_once(
            [partial(lesson_mark_done, learner=learner, lesson=lesson) for lesson in lessons[1:]]
        )

        assert all(isinstance(result, LessonProgress) for result in results), results
        assert LessonProgress.objects.filter(learner=learner, status="completed").count() == 3
        assert_completed_once(learner, module)


def test_two_first_lessons_at_once_create_one_summary(curriculum):
    module, lessons = module_with_lessons(curriculum, 2)

    for _round in range(ROUNDS):
        learner = enrolled_learner(module)

        results = run_at_once(
            [partial(lesson_mark_done, learner=learner, lesson=lesson) for lesson in lessons]
        )

        assert all(isinstance(result, LessonProgress) for result in results), results
        assert ModuleProgress.objects.filter(learner=learner, module=module).count() == 1
        assert_completed_once(learner, module)


def test_heartbeats_sent_at_once_add_the_elapsed_time_once(curriculum):
    from datetime import timedelta

    from django.utils import timezone

    from lms.progress.services import lesson_heartbeat, lesson_open

    module, (lesson,) = module_with_lessons(curriculum, 1)

    for _round in range(ROUNDS):
        learner = enrolled_learner(module)
        opened = timezone.now() - timedelta(minutes=5)
        lesson_open(learner=learner, lesson=lesson, at=opened)
        beat = opened + timedelta(seconds=30)

        results = run_at_once(
            [partial(lesson_heartbeat, learner=learner, lesson=lesson, seconds=30, at=beat)] * 2
        )

        assert all(isinstance(result, LessonProgress) for result in results), results
        progress = LessonProgress.objects.get(learner=learner, lesson_id=lesson.pk)
        assert progress.time_spent_seconds == 30
