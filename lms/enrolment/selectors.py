"""Reads of enrolment."""

from __future__ import annotations

from django.db.models import QuerySet

from curriculum.models import ModulePage
from lms.enrolment.models import Enrolment


def enrolment_list_for_learner(*, learner) -> QuerySet[Enrolment]:
    """A learner's active enrolments in live modules, in curriculum order."""
    return (
        Enrolment.objects.filter(learner=learner, status=Enrolment.Status.ACTIVE, module__live=True)
        .select_related("module")
        .order_by("module__path")
    )


def enrolment_active(*, learner, module: ModulePage) -> Enrolment | None:
    """The learner's active enrolment in a module, if any."""
    if not learner.is_authenticated:
        return None
    return Enrolment.objects.filter(
        learner=learner, module=module, status=Enrolment.Status.ACTIVE
    ).first()
