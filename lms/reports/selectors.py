"""Reads of the reports: the completion matrix, its learner rows and a learner's detail.

Everything here reads active enrolments joined to the per-learner × module summary
(:class:`lms.progress.models.ModuleProgress`), in a fixed number of queries whatever the
number of learners, and only within the promotions the user may see
(:mod:`lms.reports.permissions`).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import NotSupportedError
from django.db.models import Count, F, FilteredRelation, FloatField, Func, Q, QuerySet
from django.shortcuts import get_object_or_404

from curriculum.models import CurriculumPage, ModulePage
from lms.audit.models import AuditEntry
from lms.audit.selectors import audit_list_for_learner
from lms.enrolment.models import Enrolment
from lms.people.models import LearnerProfile, Promotion
from lms.progress.models import ModuleProgress, ProgressStatus
from lms.reports.permissions import check_learner_visible, report_promotions

#: The promotion of each row: a learner in two promotions counts once in each.
PROMOTION = "learner__promotion_memberships__promotion_id"


class DaysBetween(Func):
    """``end - start`` in days (a float), computed by the database: only numbers come
    back, not two datetimes per row to convert."""

    arity = 2
    output_field = FloatField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("DaysBetween supports SQLite and PostgreSQL only.")

    def as_sqlite(self, compiler, connection, **extra_context):
        return Func.as_sql(
            self,
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return Func.as_sql(
            self,
            compiler,
            connection,
            template="CAST(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400 AS double precision)",
            arg_joiner=" - ",
            **extra_context,
        )


@dataclass(frozen=True)
class ReportFilters:
    """What the report screens filter on; ``None`` or empty means « all »."""

    promotion_ids: tuple[int, ...] | None = None
    audience: str | None = None
    region: str | None = None
    curriculum_id: int | None = None
    module_id: int | None = None


@dataclass(frozen=True)
class MatrixRow:
    """One promotion × module of the completion matrix."""

    promotion: Promotion
    curriculum_title: str
    module_id: int
    module_title: str
    enrolled: int
    in_progress: int
    completed: int
    median_days: float | None = None

    @property
    def not_started(self) -> int:
        return self.enrolled - self.in_progress - self.completed

    @property
    def percent_completed(self) -> float | None:
        """Completed / enrolled, as a percentage rounded to one decimal."""
        if not self.enrolled:
            return None
        return round(100 * self.completed / self.enrolled, 1)


@dataclass(frozen=True)
class Matrix:
    """The completion matrix: rows in promotion order, then module (tree) order."""

    rows: list[MatrixRow]
    filters: ReportFilters = field(default_factory=ReportFilters)


@dataclass(frozen=True)
class LearnerRow:
    """One learner × module of a promotion, as the learners report lists it."""

    promotion_id: int
    promotion_name: str
    learner_id: int
    last_name: str
    first_name: str
    email: str
    organisation: str
    audience: str
    region: str
    curriculum_title: str
    module_id: int
    module_title: str
    status: str
    enrolled_at: datetime
    completed_at: datetime | None
    time_spent_seconds: int


@dataclass(frozen=True)
class LearnerModuleLine:
    """One module a learner is or was enrolled in, with their progress."""

    module: ModulePage
    curriculum_title: str
    enrolment: Enrolment
    progress: ModuleProgress | None

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else ProgressStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label

    @property
    def percent(self) -> int:
        return self.progress.percent if self.progress else 0

    @property
    def minutes_spent(self) -> int:
        return round(self.progress.time_spent_seconds / 60) if self.progress else 0


@dataclass(frozen=True)
class LearnerDetail:
    """What the reports show of one learner."""

    learner: object
    profile: LearnerProfile | None
    promotions: list[Promotion]
    modules: list[LearnerModuleLine]
    audit: QuerySet[AuditEntry]


def report_filters(
    *,
    promotion_ids=None,
    audience: str | None = None,
    region: str | None = None,
    curriculum_id: int | None = None,
    module_id: int | None = None,
) -> ReportFilters:
    """Normalise filter values (empty strings and lists mean « all »)."""
    return ReportFilters(
        promotion_ids=tuple(sorted({int(pk) for pk in promotion_ids})) if promotion_ids else None,
        audience=audience or None,
        region=region or None,
        curriculum_id=int(curriculum_id) if curriculum_id else None,
        module_id=int(module_id) if module_id else None,
    )


def _visible_promotions(user, filters: ReportFilters) -> dict[int, Promotion]:
    """Promotions of the report, in their display order (one query)."""
    promotions = report_promotions(user)
    if filters.promotion_ids is not None:
        promotions = promotions.filter(pk__in=filters.promotion_ids)
    return {promotion.pk: promotion for promotion in promotions.order_by("-year", "name", "pk")}


def _curricula_by_path() -> dict[str, str]:
    """Curriculum titles by page path (a handful of rows)."""
    return dict(CurriculumPage.objects.values_list("path", "title"))


def _curriculum_title(curricula: dict[str, str], module_path: str) -> str:
    return curricula.get(module_path[: -ModulePage.steplen], "")


def _enrolments(promotions: dict[int, Promotion], filters: ReportFilters) -> QuerySet[Enrolment]:
    """Active enrolments of the promotions' members matching the filters, each with the
    learner's module summary as ``progress`` (a LEFT JOIN on learner and module)."""
    enrolments = Enrolment.objects.filter(
        status=Enrolment.Status.ACTIVE, **{f"{PROMOTION}__in": list(promotions)}
    )
    if filters.audience:
        enrolments = enrolments.filter(learner__learner_profile__audience=filters.audience)
    if filters.region:
        enrolments = enrolments.filter(learner__learner_profile__region=filters.region)
    if filters.curriculum_id:
        path = (
            CurriculumPage.objects.filter(pk=filters.curriculum_id)
            .values_list("path", flat=True)
            .first()
        )
        if path is None:
            return Enrolment.objects.none()
        enrolments = enrolments.filter(
            module__path__startswith=path, module__depth=len(path) // ModulePage.steplen + 1
        )
    if filters.module_id:
        enrolments = enrolments.filter(module_id=filters.module_id)
    return enrolments.annotate(
        progress=FilteredRelation(
            "learner__module_progress",
            condition=Q(learner__module_progress__module=F("module")),
        )
    )


def completion_matrix(
    *,
    user,
    promotion_ids=None,
    audience: str | None = None,
    region: str | None = None,
    curriculum_id: int | None = None,
) -> Matrix:
    """The completion matrix of the promotions ``user`` sees (all for administrators, the
    followed ones for trainers), one row per promotion × module with active enrolments.

    Columns: enrolled (active enrolments of the promotion's members), in progress,
    completed, % completed (completed / enrolled) and the median number of days from
    enrolment to completion among those who completed. Filters: promotions, the
    learners' audience and région, a curriculum. Five queries whatever the size (six
    with a curriculum), plus the user's groups once.
    """
    filters = report_filters(
        promotion_ids=promotion_ids, audience=audience, region=region, curriculum_id=curriculum_id
    )
    promotions = _visible_promotions(user, filters)
    if not promotions:
        return Matrix(rows=[], filters=filters)
    curricula = _curricula_by_path()
    enrolments = _enrolments(promotions, filters)

    counts = list(
        enrolments.values(PROMOTION, "module_id")
        .annotate(
            enrolled=Count("pk"),
            in_progress=Count("pk", filter=Q(progress__status=ProgressStatus.IN_PROGRESS)),
            completed=Count("pk", filter=Q(progress__status=ProgressStatus.COMPLETED)),
        )
        .order_by()
    )
    if not counts:
        return Matrix(rows=[], filters=filters)

    # Days from enrolment to completion (by the database), medians here: the same on
    # SQLite and PostgreSQL. Selecting on the completion date rather than the status
    # keeps the join on (learner, module) even without table statistics (PostgreSQL
    # would otherwise scan the (module, status) index once per enrolment).
    durations: dict[tuple[int, int], list[float]] = defaultdict(list)
    for promotion_id, module_id, status, days in (
        enrolments.filter(progress__completed_at__isnull=False)
        .annotate(days=DaysBetween("progress__completed_at", "enrolled_at"))
        .values_list(PROMOTION, "module_id", "progress__status", "days")
        .order_by()
    ):
        if status == ProgressStatus.COMPLETED:
            # A completion kept from before a re-enrolment counts as immediate.
            durations[promotion_id, module_id].append(max(0.0, days))

    modules = {
        module["pk"]: module
        for module in ModulePage.objects.filter(pk__in={row["module_id"] for row in counts}).values(
            "pk", "title", "path"
        )
    }
    promotion_rank = {pk: rank for rank, pk in enumerate(promotions)}
    counts.sort(key=lambda row: (promotion_rank[row[PROMOTION]], modules[row["module_id"]]["path"]))

    rows = []
    for row in counts:
        module = modules[row["module_id"]]
        days = durations.get((row[PROMOTION], row["module_id"]))
        rows.append(
            MatrixRow(
                promotion=promotions[row[PROMOTION]],
                curriculum_title=_curriculum_title(curricula, module["path"]),
                module_id=module["pk"],
                module_title=module["title"],
                enrolled=row["enrolled"],
                in_progress=row["in_progress"],
                completed=row["completed"],
                median_days=round(statistics.median(days), 1) if days else None,
            )
        )
    return Matrix(rows=rows, filters=filters)


LEARNER_ROW_FIELDS = (
    PROMOTION,
    "learner_id",
    "learner__last_name",
    "learner__first_name",
    "learner__email",
    "learner__learner_profile__organisation",
    "learner__learner_profile__audience",
    "learner__learner_profile__region",
    "module_id",
    "module__title",
    "module__path",
    "progress__status",
    "enrolled_at",
    "progress__completed_at",
    "progress__time_spent_seconds",
)


@dataclass(frozen=True)
class LearnerRows:
    """The learner rows of a report: a lazy query, turned into :class:`LearnerRow` on
    iteration (:meth:`rows`) or per page (:meth:`wrap`)."""

    queryset: QuerySet
    promotions: dict[int, Promotion]
    curricula: dict[str, str]

    def wrap(self, values) -> LearnerRow:
        (
            promotion_id,
            learner_id,
            last_name,
            first_name,
            email,
            organisation,
            audience,
            region,
            module_id,
            module_title,
            module_path,
            status,
            enrolled_at,
            completed_at,
            time_spent,
        ) = values
        return LearnerRow(
            promotion_id=promotion_id,
            promotion_name=str(self.promotions[promotion_id]),
            learner_id=learner_id,
            last_name=last_name,
            first_name=first_name,
            email=email,
            organisation=organisation or "",
            audience=audience or "",
            region=region or "",
            curriculum_title=_curriculum_title(self.curricula, module_path),
            module_id=module_id,
            module_title=module_title,
            status=status or ProgressStatus.NOT_STARTED,
            enrolled_at=enrolled_at,
            completed_at=completed_at,
            time_spent_seconds=time_spent or 0,
        )

    def rows(self, *, chunk_size: int = 2000) -> Iterator[LearnerRow]:
        """Stream the rows from the database, ``chunk_size`` at a time."""
        for values in self.queryset.iterator(chunk_size=chunk_size):
            yield self.wrap(values)


def learner_rows(
    *,
    user,
    promotion_ids=None,
    audience: str | None = None,
    region: str | None = None,
    curriculum_id: int | None = None,
    module_id: int | None = None,
) -> LearnerRows:
    """The rows under the matrix: one per learner × module × promotion (active enrolments
    of the promotions ``user`` sees), by promotion, learner name and module, with the same
    filters as :func:`completion_matrix` (and one module, to drill into a matrix row)."""
    filters = report_filters(
        promotion_ids=promotion_ids,
        audience=audience,
        region=region,
        curriculum_id=curriculum_id,
        module_id=module_id,
    )
    promotions = _visible_promotions(user, filters)
    curricula = _curricula_by_path()
    if not promotions:
        return LearnerRows(Enrolment.objects.none().values_list("pk"), promotions, curricula)
    promotion = PROMOTION.removesuffix("_id")
    queryset = (
        _enrolments(promotions, filters)
        .values_list(*LEARNER_ROW_FIELDS)
        .order_by(
            f"-{promotion}__year",
            f"{promotion}__name",
            PROMOTION,
            "learner__last_name",
            "learner__first_name",
            "learner__email",
            "learner_id",
            "module__path",
        )
    )
    return LearnerRows(queryset, promotions, curricula)


def learner_detail(*, user, learner) -> LearnerDetail:
    """A learner's profile, promotions, per-module progress and audit trail (most recent
    first). Raises :class:`~django.http.Http404` unless ``user`` may follow the learner."""
    check_learner_visible(user, learner)
    profile = LearnerProfile.objects.filter(user=learner).first()
    promotions = list(
        report_promotions(user).filter(memberships__learner=learner).order_by("-year", "name")
    )
    enrolments = list(
        Enrolment.objects.filter(learner=learner)
        .select_related("module")
        .order_by("module__path", "-enrolled_at")
    )
    summaries = {
        summary.module_id: summary
        for summary in ModuleProgress.objects.filter(
            learner=learner, module_id__in={e.module_id for e in enrolments}
        )
    }
    curricula = _curricula_by_path()
    seen: set[int] = set()
    modules = []
    for enrolment in enrolments:
        # One line per module: its latest enrolment (ordering above).
        if enrolment.module_id in seen:
            continue
        seen.add(enrolment.module_id)
        modules.append(
            LearnerModuleLine(
                module=enrolment.module,
                curriculum_title=_curriculum_title(curricula, enrolment.module.path),
                enrolment=enrolment,
                progress=summaries.get(enrolment.module_id),
            )
        )
    return LearnerDetail(
        learner=learner,
        profile=profile,
        promotions=promotions,
        modules=modules,
        audit=audit_list_for_learner(learner=learner),
    )


def learner_for_report(*, user, pk: int):
    """The learner ``pk``, or :class:`~django.http.Http404` when ``user`` may not follow
    them (or they do not exist)."""
    learner = get_object_or_404(get_user_model(), pk=pk)
    check_learner_visible(user, learner)
    return learner
