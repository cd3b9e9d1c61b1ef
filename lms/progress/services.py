"""Business actions of progress: the one way in for lesson progress, and completion.

:func:`lesson_progress_record` is the only entry point for activity lessons (SCORM); content
lessons use :func:`lesson_open`, :func:`lesson_heartbeat` and :func:`lesson_mark_done`, which
call it. Every call is idempotent and monotonic (a completed lesson never goes back), safe
under concurrent calls (row locks), recomputes the module and curriculum summaries at once,
writes audit entries for status changes and sends the progress signals after commit.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import Max, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from curriculum.models import CurriculumPage, ModulePage
from lms.audit.services import audit_record
from lms.enrolment.models import Enrolment
from lms.enrolment.rules import module_settings_for
from lms.progress.errors import ProgressError
from lms.progress.lessons import is_lesson, required_lesson_ids
from lms.progress.models import (
    STATUS_RANK,
    CurriculumProgress,
    LessonProgress,
    ModuleProgress,
    ProgressStatus,
)
from lms.progress.requirements import curriculum_requirements_met, module_requirements_met
from lms.progress.signals import (
    completion_revoked,
    curriculum_completed,
    lesson_completed,
    lesson_progressed,
    module_completed,
)


def heartbeat_cap_seconds() -> int:
    """Most seconds one heartbeat may add (``LMS_HEARTBEAT_MAX_SECONDS``, default 60)."""
    return int(getattr(django_settings, "LMS_HEARTBEAT_MAX_SECONDS", 60))


def _module_of(lesson) -> ModulePage:
    module = ModulePage.objects.parent_of(lesson).first()
    if module is None or not is_lesson(lesson):
        raise ProgressError("not_a_lesson", _("This page is not a lesson of a module."))
    return module


def lesson_progress_record(
    *,
    learner,
    lesson,
    status: str,
    score: Decimal | float | None = None,
    session_seconds: int | None = None,
    total_seconds: int | None = None,
    at: datetime | None = None,
) -> LessonProgress:
    """Record what a learner did in a lesson.

    - ``status`` may only move forward (not started → in progress → completed); a lower
      status leaves the stored one unchanged (late SCORM commits cannot downgrade).
    - ``score``: the best score reported is kept.
    - ``session_seconds`` adds time (capped by ``LMS_LESSON_SESSION_MAX_SECONDS``);
      ``total_seconds`` is a cumulative figure (e.g. SCORM ``total_time``) and raises the
      stored time to it, which makes repeated calls idempotent.
    - the learner must have an active enrolment in the lesson's module.
    """
    at = at or timezone.now()
    if status not in STATUS_RANK:
        raise ProgressError("bad_status", _("Unknown progress status."))
    module = _module_of(lesson)
    if not Enrolment.objects.filter(
        learner=learner, module=module, status=Enrolment.Status.ACTIVE
    ).exists():
        raise ProgressError("not_enrolled", _("You are not enrolled in this module."))

    with transaction.atomic():
        progress, _created = LessonProgress.objects.get_or_create(
            learner=learner, lesson_id=lesson.pk, defaults={"module": module}
        )
        progress = LessonProgress.objects.select_for_update().get(pk=progress.pk)
        previous_status = progress.status
        previous = (progress.status, progress.score, progress.time_spent_seconds)

        if STATUS_RANK[status] > STATUS_RANK[progress.status]:
            progress.status = status
        if progress.status == ProgressStatus.COMPLETED and progress.completed_at is None:
            progress.completed_at = at
        if score is not None:
            score = Decimal(str(score)).quantize(Decimal("0.01"))
            if progress.score is None or score > progress.score:
                progress.score = score
        if session_seconds:
            cap = int(getattr(django_settings, "LMS_LESSON_SESSION_MAX_SECONDS", 4 * 3600))
            progress.time_spent_seconds += max(0, min(int(session_seconds), cap))
        if total_seconds is not None and total_seconds > progress.time_spent_seconds:
            progress.time_spent_seconds = int(total_seconds)
        if progress.first_accessed_at is None or at < progress.first_accessed_at:
            progress.first_accessed_at = at
        if progress.last_accessed_at is None or at > progress.last_accessed_at:
            progress.last_accessed_at = at
        if progress.status == ProgressStatus.NOT_STARTED:
            progress.status = ProgressStatus.IN_PROGRESS
        progress.save()

        changed = previous != (progress.status, progress.score, progress.time_spent_seconds)
        just_completed = (
            previous_status != ProgressStatus.COMPLETED
            and progress.status == ProgressStatus.COMPLETED
        )
        if progress.status != previous_status:
            audit_record(
                learner=learner,
                action="lesson.completed" if just_completed else "lesson.started",
                message=(
                    _("Completed the lesson “%(lesson)s”.")
                    if just_completed
                    else _("Started the lesson “%(lesson)s”.")
                )
                % {"lesson": lesson.title},
                target=progress,
                data={"lesson": lesson.pk, "score": str(progress.score or "")},
            )
        module_progress_refresh(learner=learner, module=module, at=at)
        if changed:
            transaction.on_commit(
                lambda: lesson_progressed.send(
                    sender=LessonProgress, progress=progress, previous_status=previous_status
                )
            )
        if just_completed:
            transaction.on_commit(
                lambda: lesson_completed.send(sender=LessonProgress, progress=progress)
            )
    return progress


def lesson_open(*, learner, lesson, at: datetime | None = None) -> LessonProgress:
    """A learner opened a content lesson: in progress, or completed when the module's
    settings say content lessons complete on opening."""
    module = _module_of(lesson)
    on_open = module_settings_for(module).complete_lessons_on_open
    return lesson_progress_record(
        learner=learner,
        lesson=lesson,
        status=ProgressStatus.COMPLETED if on_open else ProgressStatus.IN_PROGRESS,
        at=at,
    )


def lesson_mark_done(*, learner, lesson, at: datetime | None = None) -> LessonProgress:
    """The learner says they have finished a content lesson."""
    return lesson_progress_record(
        learner=learner, lesson=lesson, status=ProgressStatus.COMPLETED, at=at
    )


def lesson_heartbeat(
    *, learner, lesson, seconds: int, at: datetime | None = None
) -> LessonProgress:
    """Time spent on a content lesson with its tab visible, sent periodically by the page.

    Each heartbeat adds at most ``LMS_HEARTBEAT_MAX_SECONDS`` and never more than the time
    elapsed since the previous one, so a forged or replayed heartbeat cannot inflate time.
    """
    at = at or timezone.now()
    seconds = max(0, min(int(seconds), heartbeat_cap_seconds()))
    with transaction.atomic():
        # Read the last access under the row lock: two heartbeats arriving together must
        # not both count the same elapsed time.
        last = (
            LessonProgress.objects.select_for_update()
            .filter(learner=learner, lesson_id=lesson.pk)
            .values_list("last_accessed_at", flat=True)
            .first()
        )
        # No earlier access (the lesson was never opened): nothing elapsed to count.
        seconds = 0 if last is None else min(seconds, max(0, int((at - last).total_seconds())))
        return lesson_progress_record(
            learner=learner,
            lesson=lesson,
            status=ProgressStatus.IN_PROGRESS,
            session_seconds=seconds,
            at=at,
        )


def module_progress_refresh(
    *, learner, module: ModulePage, at: datetime | None = None
) -> ModuleProgress:
    """Recompute a learner's module summary from lesson progress; complete it when due.

    A module completes when all its live required lessons are completed, if its settings
    ask for it, a trainer signed it off, and the requirements other apps registered
    (:mod:`lms.progress.requirements`) are met. Completion is kept when lessons are added
    later. Takes a lock on the summary row, so concurrent events complete it once.
    """
    at = at or timezone.now()
    with transaction.atomic():
        summary, _created = ModuleProgress.objects.get_or_create(learner=learner, module=module)
        summary = ModuleProgress.objects.select_for_update().get(pk=summary.pk)
        # A module whose lessons are all optional completes when all its lessons are done.
        required = required_lesson_ids(module) or required_lesson_ids(module, optional=True)
        rows = LessonProgress.objects.filter(learner=learner, module=module)
        totals = rows.aggregate(
            time=Sum("time_spent_seconds"),
            first=Min("first_accessed_at"),
            last=Max("last_accessed_at"),
        )
        completed = rows.filter(lesson_id__in=required, status=ProgressStatus.COMPLETED).count()
        summary.lessons_required = len(required)
        summary.lessons_completed = completed
        summary.time_spent_seconds = totals["time"] or 0
        summary.started_at = totals["first"]
        summary.last_activity_at = totals["last"]

        just_completed = False
        if summary.status != ProgressStatus.COMPLETED:
            settings = module_settings_for(module)
            lessons_done = bool(required) and completed >= len(required)
            if settings.requires_signoff:
                done = summary.signed_off_at is not None and (lessons_done or not required)
            else:
                done = lessons_done
            # Requirements added by other apps (e.g. a completed binôme project).
            done = done and module_requirements_met(learner=learner, module=module)
            if done:
                summary.status = ProgressStatus.COMPLETED
                summary.completed_at = at
                just_completed = True
            elif totals["last"] is not None or summary.signed_off_at is not None:
                summary.status = ProgressStatus.IN_PROGRESS
        summary.save()

        if just_completed:
            audit_record(
                learner=learner,
                action="module.completed",
                message=_("Completed the module “%(module)s”.") % {"module": module.title},
                target=summary,
                data={"module": module.pk},
            )
            transaction.on_commit(
                lambda: module_completed.send(sender=ModuleProgress, progress=summary)
            )
            curriculum = CurriculumPage.objects.parent_of(module).first()
            if curriculum is not None:
                curriculum_progress_refresh(learner=learner, curriculum=curriculum, at=at)
    return summary


def curriculum_progress_refresh(
    *, learner, curriculum: CurriculumPage, at: datetime | None = None
) -> CurriculumProgress:
    """Recompute a learner's curriculum summary; complete it when all its live required
    modules are completed and the requirements other apps registered
    (:mod:`lms.progress.requirements`) are met (kept when modules are added later)."""
    at = at or timezone.now()
    with transaction.atomic():
        summary, _created = CurriculumProgress.objects.get_or_create(
            learner=learner, curriculum=curriculum
        )
        summary = CurriculumProgress.objects.select_for_update().get(pk=summary.pk)
        modules = ModulePage.objects.child_of(curriculum).live()
        required = list(modules.filter(required=True).values_list("pk", flat=True))
        if not required:  # all modules optional: all of them are needed
            required = list(modules.values_list("pk", flat=True))
        completed = ModuleProgress.objects.filter(
            learner=learner, module_id__in=required, status=ProgressStatus.COMPLETED
        ).count()
        summary.modules_required = len(required)
        summary.modules_completed = completed
        just_completed = False
        if summary.status != ProgressStatus.COMPLETED:
            done = bool(required) and completed >= len(required)
            # Requirements added by other apps (e.g. a completed binôme project).
            done = done and curriculum_requirements_met(learner=learner, curriculum=curriculum)
            if done:
                summary.status = ProgressStatus.COMPLETED
                summary.completed_at = at
                just_completed = True
            elif completed:
                summary.status = ProgressStatus.IN_PROGRESS
        summary.save()
        if just_completed:
            audit_record(
                learner=learner,
                action="curriculum.completed",
                message=_("Completed the curriculum “%(curriculum)s”.")
                % {"curriculum": curriculum.title},
                target=summary,
                data={"curriculum": curriculum.pk},
            )
            transaction.on_commit(
                lambda: curriculum_completed.send(sender=CurriculumProgress, progress=summary)
            )
    return summary


def module_signoff(
    *, learner, module: ModulePage, by, at: datetime | None = None
) -> ModuleProgress:
    """A trainer signs a learner's module off; it completes if its lessons are done."""
    at = at or timezone.now()
    with transaction.atomic():
        summary, _created = ModuleProgress.objects.get_or_create(learner=learner, module=module)
        summary = ModuleProgress.objects.select_for_update().get(pk=summary.pk)
        if summary.signed_off_at is None:
            summary.signed_off_at = at
            summary.signed_off_by = by
            summary.save(update_fields=["signed_off_at", "signed_off_by"])
            audit_record(
                learner=learner,
                actor=by,
                action="module.signed_off",
                message=_("Module “%(module)s” signed off.") % {"module": module.title},
                target=summary,
            )
        return module_progress_refresh(learner=learner, module=module, at=at)


def module_completion_revoke(
    *, progress: ModuleProgress, by, reason: str, at: datetime | None = None
) -> ModuleProgress:
    """An administrator revokes a module completion, with a reason.

    The learner's lessons of that module go back to « in progress » (so completion is not
    recomputed at once) and the sign-off is cleared; the audit trail keeps what was undone.
    """
    at = at or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ProgressError("reason_required", _("Give the reason for the revocation."))
    with transaction.atomic():
        progress = ModuleProgress.objects.select_for_update().get(pk=progress.pk)
        if progress.status != ProgressStatus.COMPLETED:
            raise ProgressError("not_completed", _("This module is not completed."))
        completed_at = progress.completed_at
        LessonProgress.objects.filter(
            learner=progress.learner, module=progress.module, status=ProgressStatus.COMPLETED
        ).update(status=ProgressStatus.IN_PROGRESS, completed_at=None)
        progress.status = ProgressStatus.IN_PROGRESS
        progress.completed_at = None
        progress.signed_off_at = None
        progress.signed_off_by = None
        progress.lessons_completed = 0
        progress.revoked_at = at
        progress.revoked_by = by
        progress.revoked_reason = reason
        progress.save()
        audit_record(
            learner=progress.learner,
            actor=by,
            action="module.completion_revoked",
            message=_("Completion of “%(module)s” revoked: %(reason)s")
            % {"module": progress.module.title, "reason": reason},
            target=progress,
            data={"completed_at": completed_at.isoformat() if completed_at else None},
        )
        curriculum = CurriculumPage.objects.parent_of(progress.module).first()
        if curriculum is not None:
            CurriculumProgress.objects.filter(
                learner=progress.learner, curriculum=curriculum, status=ProgressStatus.COMPLETED
            ).update(
                status=ProgressStatus.IN_PROGRESS,
                completed_at=None,
                revoked_at=at,
                revoked_by=by,
                revoked_reason=reason,
            )
            # Keep the curriculum's module counts in step with the revoked module.
            curriculum_progress_refresh(learner=progress.learner, curriculum=curriculum, at=at)
        transaction.on_commit(
            lambda: completion_revoked.send(
                sender=ModuleProgress, progress=progress, by=by, reason=reason
            )
        )
    return progress
