"""Rules of progress: whether a module is open to a learner (prerequisites)."""

from __future__ import annotations

from curriculum.models import ModulePage
from lms.progress.models import ModuleProgress, ProgressStatus


def completed_module_ids(*, learner, modules=None) -> set[int]:
    """Modules the learner has completed (among ``modules`` when given)."""
    rows = ModuleProgress.objects.filter(learner=learner, status=ProgressStatus.COMPLETED)
    if modules is not None:
        rows = rows.filter(module__in=modules)
    return set(rows.values_list("module_id", flat=True))


def missing_prerequisites(
    *, learner, module: ModulePage, completed_ids: set[int] | None = None
) -> list[ModulePage]:
    """The live prerequisite modules the learner has not completed yet (empty: open)."""
    prerequisites = list(module.prerequisites.live().order_by("path"))
    if not prerequisites:
        return []
    if completed_ids is None:
        completed_ids = completed_module_ids(learner=learner, modules=prerequisites)
    return [p for p in prerequisites if p.pk not in completed_ids]
