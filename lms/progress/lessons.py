"""Which pages are lessons of a module, and which of them are required.

Content lessons (:class:`curriculum.models.LessonPage`) are known here; other apps (SCORM
activities) register their lesson page models with :func:`register_lesson_model` in their
``AppConfig.ready()``, so that progress knows nothing of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Substr

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


#: The fields of listed lessons: enough to show and link them, not their content.
LESSON_LIST_FIELDS = ("title", "path", "depth", "url_path", "live", "required")


@dataclass(frozen=True)
class LessonRow:
    """A live lesson of a module, as a list of lessons needs it before showing any."""

    pk: int
    path: str
    required: bool

    @property
    def module_path(self) -> str:
        return self.path[: -ModulePage.steplen]


def lesson_rows_of_modules(module_paths: list[str]) -> list[LessonRow]:
    """The live lessons of several modules in tree order, as light rows (one query per
    lesson model; no page is built).

    A lesson is a page one level below a module whose path starts with the module's path:
    the condition compares each page's path prefix with the modules' paths in one ``IN``
    per tree depth, so it costs the same to build for 5 modules or 50."""
    if not module_paths:
        return []
    by_length: dict[int, list[str]] = {}
    for path in module_paths:
        by_length.setdefault(len(path), []).append(path)
    prefixes = {f"module_path_{length}": Substr("path", 1, length) for length in by_length}
    condition = models.Q()
    for length, paths in by_length.items():
        condition |= models.Q(
            depth=length // ModulePage.steplen + 1, **{f"module_path_{length}__in": paths}
        )
    rows = []
    for model in lesson_models():
        rows.extend(
            LessonRow(pk, path, required)
            for pk, path, required in model.objects.live()
            .annotate(**prefixes)
            .filter(condition)
            .values_list("pk", "path", "required")
        )
    return sorted(rows, key=lambda row: row.path)


def lessons_by_pk(pks) -> dict[int, models.Model]:
    """Live lessons by primary key, specific, with :data:`LESSON_LIST_FIELDS` only (one
    query per lesson model)."""
    pks = set(pks)
    found: dict[int, models.Model] = {}
    if not pks:
        return found
    for model in lesson_models():
        for lesson in (
            model.objects.live().filter(pk__in=pks - set(found)).only(*LESSON_LIST_FIELDS)
        ):
            found[lesson.pk] = lesson
    return found
