"""Rules of binômes seen from progress: the « completed binôme project » requirement, of a
module (:class:`ModuleBinomeRequirement`) or of a whole curriculum
(:class:`CurriculumBinomeRequirement`)."""

from __future__ import annotations

from lms.binomes.models import Binome, CurriculumBinomeRequirement, ModuleBinomeRequirement


def module_requires_binome_project(module) -> bool:
    """Whether ``module`` completes only once the learner's binôme project is completed."""
    return ModuleBinomeRequirement.objects.filter(module_id=module.pk).exists()


def curriculum_requires_binome_project(curriculum) -> bool:
    """Whether ``curriculum`` completes only once the learner's binôme project is
    completed."""
    return CurriculumBinomeRequirement.objects.filter(curriculum_id=curriculum.pk).exists()


def learner_has_completed_project(learner) -> bool:
    """Whether one of the learner's binômes (any promotion) has its project completed."""
    return Binome.objects.filter(
        memberships__learner=learner, project__completed_at__isnull=False
    ).exists()


def binome_project_requirement_met(*, learner, module) -> bool:
    """The module check registered with progress: met when the module does not ask for a
    binôme project, or when the learner's project is completed."""
    if not module_requires_binome_project(module):
        return True
    return learner_has_completed_project(learner)


def binome_project_curriculum_requirement_met(*, learner, curriculum) -> bool:
    """The curriculum check registered with progress: met when the curriculum does not
    ask for a binôme project, or when the learner's project is completed."""
    if not curriculum_requires_binome_project(curriculum):
        return True
    return learner_has_completed_project(learner)
