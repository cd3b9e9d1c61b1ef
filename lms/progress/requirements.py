"""Extra completion requirements of modules and curricula, registered by other apps (an
extension API).

Progress knows nothing of the apps that add requirements (binômes, for instance): each
registers a check in its ``AppConfig.ready()`` with :func:`module_requirement_register`.
A check is called as ``check(learner=..., module=...)`` and returns whether the learner
meets its requirement for that module (``True`` when it does not apply). A module completes
only when every registered check passes; when a requirement becomes met, its app calls
:func:`lms.progress.services.module_progress_refresh` again.

Curricula work the same way with :func:`curriculum_requirement_register`: a check called as
``check(learner=..., curriculum=...)``; a curriculum completes when its required modules
are completed and every registered curriculum check passes; the app calls
:func:`lms.progress.services.curriculum_progress_refresh` when its requirement becomes met.
"""

from __future__ import annotations

from collections.abc import Callable

ModuleRequirement = Callable[..., bool]
CurriculumRequirement = Callable[..., bool]

_module_requirements: list[ModuleRequirement] = []
_curriculum_requirements: list[CurriculumRequirement] = []


def module_requirement_register(check: ModuleRequirement) -> None:
    """Add a completion requirement for modules (idempotent)."""
    if check not in _module_requirements:
        _module_requirements.append(check)


def module_requirements_met(*, learner, module) -> bool:
    """Whether the learner meets every registered requirement of ``module``."""
    return all(check(learner=learner, module=module) for check in _module_requirements)


def curriculum_requirement_register(check: CurriculumRequirement) -> None:
    """Add a completion requirement for curricula (idempotent)."""
    if check not in _curriculum_requirements:
        _curriculum_requirements.append(check)


def curriculum_requirements_met(*, learner, curriculum) -> bool:
    """Whether the learner meets every registered requirement of ``curriculum``."""
    return all(check(learner=learner, curriculum=curriculum) for check in _curriculum_requirements)
