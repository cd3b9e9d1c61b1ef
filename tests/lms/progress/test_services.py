"""Progress services: idempotent, monotonic recording; module and curriculum completion."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from lms.audit.models import AuditEntry
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create, enrolment_withdraw
from lms.progress.errors import ProgressError
from lms.progress.models import CurriculumProgress, LessonProgress, ModuleProgress
from lms.progress.services import (
    lesson_heartbeat,
    lesson_mark_done,
    lesson_open,
    lesson_progress_record,
    module_completion_revoke,
    module_signoff,
)
from tests.lms.enrolment.support import module_settings

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(datetime(2026, 3, 2, 9, 0))


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def row(progress: LessonProgress) -> tuple:
    progress.refresh_from_db()
    return (
        progress.status,
        progress.score,
        progress.time_spent_seconds,
        progress.first_accessed_at,
        progress.last_accessed_at,
        progress.completed_at,
    )


def actions(learner, prefix: str = "") -> list[str]:
    return list(
        AuditEntry.objects.filter(learner=learner, action__startswith=prefix)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def summary(learner, module) -> ModuleProgress:
    return ModuleProgress.objects.get(learner=learner, module=module)


# Recording lesson progress --------------------------------------------------------------------


def test_recording_is_idempotent(
    enrolled, course, signals_received, django_capture_on_commit_callbacks
):
    call = {
        "learner": enrolled,
        "lesson": course.first,
        "status": "completed",
        "score": 80,
        "total_seconds": 300,
        "at": at(5),
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = lesson_progress_record(**call)
    before = row(first)
    with django_capture_on_commit_callbacks(execute=True):
        second = lesson_progress_record(**call)

    assert second.pk == first.pk
    assert row(second) == before == ("completed", Decimal("80.00"), 300, at(5), at(5), at(5))
    assert LessonProgress.objects.filter(learner=enrolled).count() == 1
    assert actions(enrolled, "lesson.") == ["lesson.completed"]
    assert [name for name, _pk in signals_received if name.startswith("lesson")] == [
        "lesson_progressed",
        "lesson_completed",
    ]


def test_a_completed_lesson_never_goes_back(enrolled, course):
    lesson_progress_record(learner=enrolled, lesson=course.first, status="completed", at=at(1))

    progress = lesson_progress_record(
        learner=enrolled, lesson=course.first, status="in_progress", at=at(9)
    )
    lesson_progress_record(learner=enrolled, lesson=course.first, status="not_started", at=at(10))

    progress.refresh_from_db()
    assert progress.status == "completed"
    assert progress.completed_at == at(1)
    assert progress.last_accessed_at == at(10)
    assert actions(enrolled, "lesson.") == ["lesson.completed"]


def test_the_best_score_is_kept(enrolled, course):
    record = {"learner": enrolled, "lesson": course.first, "status": "in_progress"}
    lesson_progress_record(**record, score=Decimal("72.5"))
    lesson_progress_record(**record, score=60)
    progress = lesson_progress_record(**record)
    assert progress.score == Decimal("72.50")

    progress = lesson_progress_record(**record, score=91.256)
    progress.refresh_from_db()
    assert progress.score == Decimal("91.26")


def test_progress_needs_an_active_enrolment(learner, course):
    with pytest.raises(ProgressError) as excinfo:
        lesson_progress_record(learner=learner, lesson=course.first, status="in_progress")
    assert excinfo.value.code == "not_enrolled"

    enrolment = enrolment_create(learner=learner, module=course.module)
    enrolment_withdraw(enrolment=enrolment)
    with pytest.raises(ProgressError) as excinfo:
        lesson_mark_done(learner=learner, lesson=course.first)
    assert excinfo.value.code == "not_enrolled"

    assert not LessonProgress.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="lesson.").exists()


def test_an_unknown_status_is_refused(enrolled, course):
    with pytest.raises(ProgressError) as excinfo:
        lesson_progress_record(learner=enrolled, lesson=course.first, status="passed")

    assert excinfo.value.code == "bad_status"
    assert not LessonProgress.objects.exists()


def test_a_module_is_not_a_lesson(enrolled, course):
    with pytest.raises(ProgressError) as excinfo:
        lesson_progress_record(learner=enrolled, lesson=course.module, status="in_progress")

    assert excinfo.value.code == "not_a_lesson"


def test_total_seconds_is_idempotent_and_never_lowers_time(enrolled, course):
    record = {"learner": enrolled, "lesson": course.first, "status": "in_progress"}
    lesson_progress_record(**record, total_seconds=120)
    lesson_progress_record(**record, total_seconds=120)
    assert LessonProgress.objects.get().time_spent_seconds == 120

    lesson_progress_record(**record, total_seconds=90)
    assert LessonProgress.objects.get().time_spent_seconds == 120

    lesson_progress_record(**record, total_seconds=200)
    assert LessonProgress.objects.get().time_spent_seconds == 200


def test_session_seconds_add_up_and_are_capped(enrolled, course, settings):
    settings.LMS_LESSON_SESSION_MAX_SECONDS = 600
    record = {"learner": enrolled, "lesson": course.first, "status": "in_progress"}

    lesson_progress_record(**record, session_seconds=100)
    lesson_progress_record(**record, session_seconds=100)
    assert LessonProgress.objects.get().time_spent_seconds == 200

    lesson_progress_record(**record, session_seconds=10_000)
    assert LessonProgress.objects.get().time_spent_seconds == 800

    lesson_progress_record(**record, session_seconds=-500)
    assert LessonProgress.objects.get().time_spent_seconds == 800
    assert summary(enrolled, course.module).time_spent_seconds == 800


# Heartbeat ------------------------------------------------------------------------------------


def test_heartbeat_adds_at_most_the_elapsed_time_and_the_cap(enrolled, course, settings):
    settings.LMS_HEARTBEAT_MAX_SECONDS = 60
    lesson_open(learner=enrolled, lesson=course.first, at=at(0))

    lesson_heartbeat(learner=enrolled, lesson=course.first, seconds=30, at=at(0.25))
    assert LessonProgress.objects.get().time_spent_seconds == 15

    lesson_heartbeat(learner=enrolled, lesson=course.first, seconds=3600, at=at(20))
    assert LessonProgress.objects.get().time_spent_seconds == 75

    # Replayed at the same moment, or dated before the last access: nothing more.
    lesson_heartbeat(learner=enrolled, lesson=course.first, seconds=30, at=at(20))
    lesson_heartbeat(learner=enrolled, lesson=course.first, seconds=30, at=at(10))
    progress = LessonProgress.objects.get()
    assert progress.time_spent_seconds == 75
    assert progress.status == "in_progress"


def test_heartbeat_never_reopens_a_completed_lesson(enrolled, course):
    lesson_mark_done(learner=enrolled, lesson=course.first, at=at(0))

    progress = lesson_heartbeat(learner=enrolled, lesson=course.first, seconds=30, at=at(1))

    assert progress.status == "completed"
    assert progress.completed_at == at(0)
    assert progress.time_spent_seconds == 30


# Module completion ----------------------------------------------------------------------------


def test_a_module_completes_when_its_required_lessons_are_done(
    enrolled, course, signals_received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_done(learner=enrolled, lesson=course.first, at=at(1))
    progress = summary(enrolled, course.module)
    assert (progress.status, progress.lessons_completed, progress.lessons_required) == (
        "in_progress",
        1,
        2,
    )
    assert progress.percent == 50
    assert progress.completed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_done(learner=enrolled, lesson=course.second, at=at(2))
    progress = summary(enrolled, course.module)
    assert progress.status == "completed"
    assert progress.completed_at == at(2)
    assert progress.percent == 100

    # The optional lesson, done later, neither counts nor completes the module again.
    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_done(learner=enrolled, lesson=course.optional, at=at(3))
        lesson_mark_done(learner=enrolled, lesson=course.second, at=at(4))
    progress = summary(enrolled, course.module)
    assert progress.completed_at == at(2)
    assert progress.lessons_completed == 2
    assert [pk for name, pk in signals_received if name == "module_completed"] == [progress.pk]
    assert actions(enrolled, "module.") == ["module.completed"]


def test_optional_lessons_are_not_needed(enrolled, course):
    lesson_mark_done(learner=enrolled, lesson=course.optional)
    lesson_mark_done(learner=enrolled, lesson=course.first)
    assert summary(enrolled, course.module).status == "in_progress"

    lesson_mark_done(learner=enrolled, lesson=course.second)
    assert summary(enrolled, course.module).status == "completed"


def test_unpublished_lessons_are_not_needed(enrolled, course, lesson_factory):
    draft = lesson_factory(parent=course.module, title="En préparation", live=False)
    lesson_mark_done(learner=enrolled, lesson=course.first)
    lesson_mark_done(learner=enrolled, lesson=course.second)

    progress = summary(enrolled, course.module)
    assert progress.status == "completed"
    assert progress.lessons_required == 2
    assert not LessonProgress.objects.filter(lesson_id=draft.pk).exists()


def test_completion_stays_when_a_lesson_is_added_later(enrolled, course, lesson_factory):
    lesson_mark_done(learner=enrolled, lesson=course.first, at=at(1))
    lesson_mark_done(learner=enrolled, lesson=course.second, at=at(2))

    added = lesson_factory(parent=course.module, title="Nouvelle leçon")
    lesson_open(learner=enrolled, lesson=added, at=at(30))

    progress = summary(enrolled, course.module)
    assert progress.status == "completed"
    assert progress.completed_at == at(2)
    assert progress.lessons_required == 3
    assert progress.percent == 100
    assert actions(enrolled, "module.") == ["module.completed"]


def test_a_module_needing_sign_off_completes_once_signed_off(enrolled, course, trainer):
    module_settings(course.module, requires_signoff=True)
    lesson_mark_done(learner=enrolled, lesson=course.first, at=at(1))
    lesson_mark_done(learner=enrolled, lesson=course.second, at=at(2))
    progress = summary(enrolled, course.module)
    assert progress.status == "in_progress"
    assert progress.percent == 100  # every lesson done, waiting for the trainer

    progress = module_signoff(learner=enrolled, module=course.module, by=trainer, at=at(60))

    assert progress.status == "completed"
    assert progress.completed_at == at(60)
    assert progress.signed_off_by == trainer
    assert actions(enrolled, "module.") == ["module.signed_off", "module.completed"]
    assert AuditEntry.objects.get(action="module.signed_off").actor == trainer


def test_sign_off_before_the_lessons_waits_for_them(enrolled, course, trainer):
    module_settings(course.module, requires_signoff=True)

    module_signoff(learner=enrolled, module=course.module, by=trainer, at=at(0))
    lesson_mark_done(learner=enrolled, lesson=course.first, at=at(1))
    assert summary(enrolled, course.module).status == "in_progress"

    lesson_mark_done(learner=enrolled, lesson=course.second, at=at(2))
    progress = summary(enrolled, course.module)
    assert progress.status == "completed"
    assert progress.completed_at == at(2)


# Curriculum completion ------------------------------------------------------------------------


def test_a_curriculum_completes_with_its_required_modules(
    learner,
    association_curriculum,
    module_factory,
    lesson_factory,
    signals_received,
    django_capture_on_commit_callbacks,
):
    modules = [module_factory(parent=association_curriculum) for _ in range(2)]
    elective = module_factory(parent=association_curriculum, required=False)
    lessons = [lesson_factory(parent=m) for m in (*modules, elective)]
    for module in (*modules, elective):
        enrolment_create(learner=learner, module=module)

    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_done(learner=learner, lesson=lessons[0], at=at(1))
    progress = CurriculumProgress.objects.get(learner=learner, curriculum=association_curriculum)
    assert (progress.status, progress.modules_completed, progress.modules_required) == (
        "in_progress",
        1,
        2,
    )

    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_done(learner=learner, lesson=lessons[1], at=at(2))
        lesson_mark_done(learner=learner, lesson=lessons[2], at=at(3))

    progress.refresh_from_db()
    assert progress.status == "completed"
    assert progress.completed_at == at(2)
    assert [name for name, _pk in signals_received if name.endswith("_completed")].count(
        "curriculum_completed"
    ) == 1
    assert actions(learner, "curriculum.") == ["curriculum.completed"]


# Revocation -----------------------------------------------------------------------------------


@pytest.fixture
def completed(enrolled, course):
    lesson_mark_done(learner=enrolled, lesson=course.first, at=at(1))
    lesson_mark_done(learner=enrolled, lesson=course.second, at=at(2))
    progress = summary(enrolled, course.module)
    assert progress.status == "completed"
    return progress


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_revocation_needs_a_reason(completed, administrator, reason):
    with pytest.raises(ProgressError) as excinfo:
        module_completion_revoke(progress=completed, by=administrator, reason=reason)

    assert excinfo.value.code == "reason_required"
    completed.refresh_from_db()
    assert completed.status == "completed"
    assert not AuditEntry.objects.filter(action="module.completion_revoked").exists()


def test_revocation_resets_and_the_module_completes_again_only_when_redone(
    enrolled, course, completed, administrator, signals_received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revoked = module_completion_revoke(
            progress=completed, by=administrator, reason="Attestation émise par erreur", at=at(90)
        )

    revoked.refresh_from_db()
    assert revoked.status == "in_progress"
    assert revoked.completed_at is None
    assert (revoked.revoked_at, revoked.revoked_by) == (at(90), administrator)
    assert revoked.revoked_reason == "Attestation émise par erreur"
    entry = AuditEntry.objects.get(action="module.completion_revoked")
    assert entry.actor == administrator
    assert "Attestation émise par erreur" in entry.message
    assert ("completion_revoked", revoked.pk) in signals_received
    assert not LessonProgress.objects.filter(learner=enrolled, status="completed").exists()

    with pytest.raises(ProgressError) as excinfo:
        module_completion_revoke(progress=revoked, by=administrator, reason="Encore")
    assert excinfo.value.code == "not_completed"

    lesson_mark_done(learner=enrolled, lesson=course.first, at=at(100))
    assert summary(enrolled, course.module).status == "in_progress"

    lesson_mark_done(learner=enrolled, lesson=course.second, at=at(101))
    progress = summary(enrolled, course.module)
    assert progress.status == "completed"
    assert progress.completed_at == at(101)
    assert actions(enrolled, "module.") == [
        "module.completed",
        "module.completion_revoked",
        "module.completed",
    ]


def test_revocation_also_revokes_the_curriculum(
    learner, association_curriculum, module_factory, lesson_factory, administrator
):
    module = module_factory(parent=association_curriculum)
    lesson = lesson_factory(parent=module)
    enrolment_create(learner=learner, module=module)
    lesson_mark_done(learner=learner, lesson=lesson)
    curriculum = CurriculumProgress.objects.get(learner=learner)
    assert curriculum.status == "completed"

    module_completion_revoke(
        progress=summary(learner, module), by=administrator, reason="Fraude constatée"
    )

    curriculum.refresh_from_db()
    assert curriculum.status == "in_progress"
    assert curriculum.completed_at is None
    assert curriculum.revoked_reason == "Fraude constatée"
    assert (curriculum.modules_completed, curriculum.modules_required) == (0, 1)


def test_revocation_keeps_the_curriculum_counts_in_step(
    learner, association_curriculum, module_factory, lesson_factory, administrator
):
    modules = [module_factory(parent=association_curriculum) for _ in range(3)]
    for module in modules:
        enrolment_create(learner=learner, module=module)
    for module in modules[:2]:
        lesson_mark_done(learner=learner, lesson=lesson_factory(parent=module))
    curriculum = CurriculumProgress.objects.get(learner=learner)
    assert (curriculum.status, curriculum.modules_completed) == ("in_progress", 2)

    module_completion_revoke(
        progress=summary(learner, modules[0]), by=administrator, reason="Erreur de saisie"
    )

    curriculum.refresh_from_db()
    assert (curriculum.status, curriculum.modules_completed) == ("in_progress", 1)


# Opening a lesson -----------------------------------------------------------------------------


def test_opening_a_lesson_starts_it(enrolled, course):
    progress = lesson_open(learner=enrolled, lesson=course.first, at=at(0))

    assert progress.status == "in_progress"
    assert progress.first_accessed_at == at(0)
    assert actions(enrolled, "lesson.") == ["lesson.started"]


def test_opening_completes_the_lesson_when_the_module_says_so(enrolled, course):
    module_settings(course.module, complete_lessons_on_open=True)

    progress = lesson_open(learner=enrolled, lesson=course.first, at=at(0))

    assert progress.status == "completed"
    assert progress.completed_at == at(0)


def test_withdrawn_learners_keep_their_progress(enrolled, course):
    lesson_mark_done(learner=enrolled, lesson=course.first)

    enrolment_withdraw(enrolment=Enrolment.objects.get(learner=enrolled))

    assert LessonProgress.objects.get(learner=enrolled).status == "completed"
    assert summary(enrolled, course.module).lessons_completed == 1
