"""Reads for the learner dashboard, in a fixed number of queries whatever the module count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from curriculum.models import CurriculumPage, ModulePage
from lms.enrolment.selectors import enrolment_list_for_learner
from lms.progress.lessons import lesson_rows_of_modules, lessons_by_pk
from lms.progress.models import LessonProgress, ModuleProgress, ProgressStatus


@dataclass
class DashboardModule:
    """One enrolled module as the dashboard shows it."""

    module: ModulePage
    curriculum_title: str
    enrolled_at: datetime
    status: str = ProgressStatus.NOT_STARTED
    percent: int = 0
    lessons_completed: int = 0
    lessons_required: int = 0
    completed_at: datetime | None = None
    next_lesson: object | None = None
    missing_prerequisites: list[ModulePage] = field(default_factory=list)

    @property
    def is_locked(self) -> bool:
        return bool(self.missing_prerequisites) and self.status != ProgressStatus.COMPLETED


@dataclass
class Dashboard:
    """The learner's modules, split as the page shows them."""

    in_progress: list[DashboardModule]
    locked: list[DashboardModule]
    completed: list[DashboardModule]


def dashboard_for_learner(*, learner) -> Dashboard:
    """Everything « Mon parcours » shows, in a constant number of queries."""
    enrolments = list(enrolment_list_for_learner(learner=learner))
    modules = [e.module for e in enrolments]
    module_ids = [m.pk for m in modules]
    summaries = {
        s.module_id: s
        for s in ModuleProgress.objects.filter(learner=learner, module_id__in=module_ids)
    }
    curricula = {
        c.path: c.title
        for c in CurriculumPage.objects.filter(
            path__in={m.path[: -ModulePage.steplen] for m in modules}
        ).only("path", "title")
    }
    lessons_by_module: dict[str, list] = {}
    for row in lesson_rows_of_modules([m.path for m in modules]):
        lessons_by_module.setdefault(row.module_path, []).append(row)
    done_lessons = set(
        LessonProgress.objects.filter(
            learner=learner, module_id__in=module_ids, status=ProgressStatus.COMPLETED
        ).values_list("lesson_id", flat=True)
    )
    through = ModulePage.prerequisites.through
    edges = list(
        through.objects.filter(from_modulepage_id__in=module_ids).values_list(
            "from_modulepage_id", "to_modulepage_id"
        )
    )
    prerequisites_of: dict[int, list[int]] = {}
    for frm, to in edges:
        prerequisites_of.setdefault(frm, []).append(to)
    prerequisite_pages = {
        p.pk: p
        for p in ModulePage.objects.live()
        .filter(pk__in={to for _frm, to in edges})
        .only("title", "url_path", "path")
    }
    completed_ids = set(
        ModuleProgress.objects.filter(
            learner=learner,
            status=ProgressStatus.COMPLETED,
            module_id__in=set(prerequisite_pages),
        ).values_list("module_id", flat=True)
    )

    dashboard = Dashboard(in_progress=[], locked=[], completed=[])
    entries: list[tuple[DashboardModule, int | None]] = []
    for enrolment, module in zip(enrolments, modules, strict=True):
        summary = summaries.get(module.pk)
        entry = DashboardModule(
            module=module,
            curriculum_title=curricula.get(module.path[: -ModulePage.steplen], ""),
            enrolled_at=enrolment.enrolled_at,
        )
        if summary is not None:
            entry.status = summary.status
            entry.percent = summary.percent
            entry.lessons_completed = summary.lessons_completed
            entry.lessons_required = summary.lessons_required
            entry.completed_at = summary.completed_at
        module_lessons = lessons_by_module.get(module.path, [])
        if not entry.lessons_required:
            entry.lessons_required = sum(1 for lesson in module_lessons if lesson.required)
        next_pk = next(
            (lesson.pk for lesson in module_lessons if lesson.pk not in done_lessons), None
        )
        entry.missing_prerequisites = sorted(
            (
                prerequisite_pages[to]
                for to in prerequisites_of.get(module.pk, ())
                if to in prerequisite_pages and to not in completed_ids
            ),
            key=lambda page: page.path,
        )
        entries.append((entry, next_pk))
    # Only the lessons the page links to are built as pages, in one query per lesson model.
    next_lessons = lessons_by_pk(pk for _entry, pk in entries if pk is not None)
    for entry, next_pk in entries:
        entry.next_lesson = next_lessons.get(next_pk)
        if entry.status == ProgressStatus.COMPLETED:
            dashboard.completed.append(entry)
        elif entry.is_locked:
            dashboard.locked.append(entry)
        else:
            dashboard.in_progress.append(entry)
    return dashboard
