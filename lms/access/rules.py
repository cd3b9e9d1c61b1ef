"""Rules deciding who may read a lesson.

Home, curricula, modules and the mirror view are public. A lesson is served to staff (users
with admin access: trainers, reviewers, administrators) and to learners with an active
enrolment in its module whose prerequisite modules are complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from curriculum.models import ModulePage
from lms.enrolment.selectors import enrolment_active
from lms.progress.lessons import is_lesson
from lms.progress.rules import missing_prerequisites


def page_requires_login(page) -> bool:
    """Lessons need a signed-in user."""
    return is_lesson(page)


def user_is_staff(user) -> bool:
    """Trainers, reviewers and administrators read every lesson, without being tracked."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


@dataclass(frozen=True)
class LessonAccess:
    """Whether a user may read a lesson; if not, why (``code``, French ``message``)."""

    allowed: bool
    tracked: bool = False
    code: str = ""
    message: str = ""
    module: ModulePage | None = None
    missing: list[ModulePage] = field(default_factory=list)


def lesson_access(*, user, lesson) -> LessonAccess:
    """Decide whether ``user`` may read ``lesson`` (a live lesson page)."""
    module = ModulePage.objects.parent_of(lesson).first()
    if not user.is_authenticated:
        return LessonAccess(allowed=False, code="login", module=module)
    if user_is_staff(user):
        return LessonAccess(allowed=True, module=module)
    if module is None or enrolment_active(learner=user, module=module) is None:
        return LessonAccess(
            allowed=False,
            code="not_enrolled",
            message=_("Enrol in this module to follow its lessons."),
            module=module,
        )
    missing = missing_prerequisites(learner=user, module=module)
    if missing:
        return LessonAccess(
            allowed=False,
            code="locked",
            message=_("This module opens once you have completed: %(modules)s.")
            % {"modules": ", ".join(f"« {m.title} »" for m in missing)},
            module=module,
            missing=missing,
        )
    return LessonAccess(allowed=True, tracked=True, module=module)


def lesson_access_for_request(*, request, lesson) -> LessonAccess:
    """:func:`lesson_access` for the request's user, decided once per request and lesson:
    serving a lesson asks it in the serving hook, the lesson's panels and the SCORM player."""
    decided = request.__dict__.setdefault("_lms_lesson_access", {})
    key = (request.user.pk, lesson.pk)
    if key not in decided:
        decided[key] = lesson_access(user=request.user, lesson=lesson)
    return decided[key]
