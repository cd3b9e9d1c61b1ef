"""Reads of SCORM tracking: a learner's attempts, and what trainers see per lesson.

Trainers see the learners of the promotions they follow, administrators everyone
(:func:`lms.people.permissions.learners_visible_to`); nobody else sees anyone's attempts
but their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.http import Http404

from lms.people.permissions import learners_visible_to, user_is_administrator, user_is_trainer
from lms.scorm import cmi as cmi_data
from lms.scorm.models import ScormAttempt, ScormRegistration
from lms.scorm.pages import ScormLessonPage


def attempt_list_for_learner(*, learner, lesson) -> QuerySet[ScormAttempt]:
    """A learner's attempts on a lesson, SCO by SCO, latest number first."""
    return (
        ScormAttempt.objects.filter(learner=learner, lesson_id=lesson.pk)
        .select_related("item", "version")
        .order_by("item__position", "sco_identifier", "-number")
    )


def user_can_follow_scorm(user) -> bool:
    """Trainers and administrators read SCORM tracking (and grant attempts)."""
    return user_is_administrator(user) or user_is_trainer(user)


@dataclass
class LessonSummary:
    lesson: ScormLessonPage
    learners: int


def scorm_lessons_for_trainer(*, user) -> list[LessonSummary]:
    """SCORM lessons with the number of visible learners who have attempts on each."""
    if not user_can_follow_scorm(user):
        return []
    visible = learners_visible_to(user).values("pk")
    counts = dict(
        ScormAttempt.objects.filter(learner_id__in=visible)
        .values_list("lesson_id")
        .annotate(learners=Count("learner_id", distinct=True))
    )
    lessons = ScormLessonPage.objects.select_related("package").order_by("path")
    return [LessonSummary(lesson=lesson, learners=counts.get(lesson.pk, 0)) for lesson in lessons]


@dataclass
class LearnerRow:
    """A learner's attempts on a lesson, for the trainers' table."""

    learner: object
    attempts: list[ScormAttempt] = field(default_factory=list)
    extra_attempts: int = 0

    @property
    def latest(self) -> list[ScormAttempt]:
        """The latest attempt of each SCO."""
        seen: dict[str, ScormAttempt] = {}
        for attempt in self.attempts:
            if (
                attempt.sco_identifier not in seen
                or attempt.number > seen[attempt.sco_identifier].number
            ):
                seen[attempt.sco_identifier] = attempt
        return list(seen.values())

    @property
    def total_seconds(self) -> int:
        return sum(attempt.total_seconds for attempt in self.attempts)

    @property
    def best_score(self) -> Decimal | None:
        scores = [
            attempt_score_percent(attempt)
            for attempt in self.attempts
            if attempt_score_percent(attempt) is not None
        ]
        return max(scores) if scores else None


def attempt_score_percent(attempt: ScormAttempt) -> Decimal | None:
    return cmi_data.score_percent(
        scaled=attempt.score_scaled, raw=attempt.score_raw, maximum=attempt.score_max
    )


def lesson_learner_rows(*, user, lesson) -> list[LearnerRow]:
    """One row per learner visible to ``user`` with attempts on ``lesson``, by name."""
    if not user_can_follow_scorm(user):
        return []
    visible = learners_visible_to(user).values("pk")
    attempts = (
        ScormAttempt.objects.filter(lesson_id=lesson.pk, learner_id__in=visible)
        .select_related("learner", "item")
        .defer("suspend_data", "cmi", "interactions", "objectives")
        .order_by(
            "learner__last_name", "learner__first_name", "learner_id", "item__position", "number"
        )
    )
    extra = dict(
        ScormRegistration.objects.filter(lesson_id=lesson.pk, learner_id__in=visible).values_list(
            "learner_id", "extra_attempts"
        )
    )
    rows: dict[int, LearnerRow] = {}
    for attempt in attempts:
        row = rows.setdefault(
            attempt.learner_id,
            LearnerRow(learner=attempt.learner, extra_attempts=extra.get(attempt.learner_id, 0)),
        )
        row.attempts.append(attempt)
    return list(rows.values())


def lesson_for_trainer(*, user, pk: int) -> ScormLessonPage:
    """The SCORM lesson ``pk`` (404 if there is none or ``user`` may not follow SCORM)."""
    lesson = ScormLessonPage.objects.select_related("package").filter(pk=pk).first()
    if lesson is None or not user_can_follow_scorm(user):
        raise Http404
    return lesson


def attempt_for_trainer(*, user, pk: int) -> ScormAttempt:
    """An attempt of a learner ``user`` may follow (404 otherwise, as if it did not exist)."""
    attempt = (
        ScormAttempt.objects.select_related("learner", "item", "version", "registration")
        .filter(pk=pk)
        .first()
    )
    if (
        attempt is None
        or not user_can_follow_scorm(user)
        or not learners_visible_to(user).filter(pk=attempt.learner_id).exists()
    ):
        raise Http404
    return attempt


def learner_for_trainer(*, user, pk: int):
    """A learner ``user`` may follow (404 otherwise)."""
    learner = (
        learners_visible_to(user).filter(pk=pk).first() if user_can_follow_scorm(user) else None
    )
    if learner is None:
        raise Http404
    return learner


def attempt_interactions(attempt: ScormAttempt) -> list[dict]:
    """The attempt's interactions in the order they first came."""
    return cmi_data.ordered(attempt.interactions or {})


def attempt_objectives(attempt: ScormAttempt) -> list[dict]:
    """The attempt's objectives in the order they first came."""
    return cmi_data.ordered(attempt.objectives or {})


def attempts_by_sco(attempts) -> dict[str, list[ScormAttempt]]:
    grouped: dict[str, list[ScormAttempt]] = defaultdict(list)
    for attempt in attempts:
        grouped[attempt.sco_identifier].append(attempt)
    return dict(grouped)
