"""Which pages are lessons of a module, and which of them are required.

Content lessons (:class:`curriculum.models.LessonPage`) are known here; other apps (SCORM
activities) register their lesson page models with :func:`register_lesson_model` in their
``AppConfig.ready()``, so that progress knows nothing of them.
"""

from __future__ import annotations

from django.db import models

from curriculum.models import LessonPage, ModulePage

_LESSON_MODELS: list[type[models.Model]] = [LessonPage]


def register_lesson_model(model: type[models.Model]) -> None:
    """Count pages of ``model`` (children of modules, with a ``required`` field) as lessons."""
    if model not in _LESSON_MODELS:
        _LESSON_MODELS.append(model)


def lesson_models() -> tuple[type[models.Model], ...]:
    return tuple(_LESSON_MODELS)


def is_lesson(page) -> bool:
    return isinstance(page, lesson_models())


def is_content_lesson(page) -> bool:
    """Content lessons are marked done by the learner; activity lessons (registered models,
    e.g. SCORM) only progress through their own tracking."""
    return isinstance(page, LessonPage)


def required_lesson_ids(module: ModulePage, *, optional: bool = False) -> set[int]:
    """Primary keys of the live, required lessons of a module (one query per lesson model);
    with ``optional=True``, of all its live lessons."""
    ids: set[int] = set()
    for model in lesson_models():
        lessons = model.objects.child_of(module).live()
        if not optional:
            lessons = lessons.filter(required=True)
        ids.update(lessons.values_list("pk", flat=True))
    return ids


def lessons_of_modules(module_paths: list[str]) -> list:
    """Live lessons of several modules, specific, in tree order (one query per lesson model)."""
    if not module_paths:
        return []
    condition = models.Q()
    for path in module_paths:
        condition |= models.Q(path__startswith=path, depth=len(path) // ModulePage.steplen + 1)
    lessons = []
    for model in lesson_models():
        # Only what the dashboard needs: no lesson bodies.
        lessons.extend(model.objects.live().filter(condition).defer_streamfields())
    return sorted(lessons, key=lambda page: page.path)
