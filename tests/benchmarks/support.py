"""Helpers of the benchmarks: printing figures, timing, and making data in bulk.

Figures follow the contract of DESIGN.md (« Benchmarks »): one JSON object per line on
stdout with ``name``, ``value``, ``unit`` and, for a compared figure, ``baseline`` and
``ratio``. Data is made with ``bulk_create`` and unusable passwords; pages with the Wagtail
tree API (``add_child``), without revisions.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection

from curriculum.models import Audience, CurriculumIndexPage, CurriculumPage, LessonPage, ModulePage
from lms.accounts import roles
from lms.accounts.models import User
from lms.enrolment.models import Enrolment
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from lms.progress.models import LessonProgress, ModuleProgress, ProgressStatus

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
BATCH = 5000
REGIONS = ("11", "84", "32", "75", "93")  # never « 94 » (Corse): used for empty exports


def emit(name: str, value: float, unit: str, *, baseline: float | None = None) -> dict:
    """Print one figure as a JSON line on stdout (and return it)."""
    record: dict = {"name": name, "value": value, "unit": unit}
    if baseline is not None:
        record["baseline"] = baseline
        record["ratio"] = round(value / baseline, 3) if baseline else None
    print(json.dumps(record, ensure_ascii=False), flush=True)
    return record


def note(message: str) -> None:
    """A line for the reader of the run, on stderr (stdout carries only figures)."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def median_ms(call: Callable[[], object], *, runs: int, warmups: int = 1) -> float:
    """Median wall time of ``call`` over ``runs`` runs, in milliseconds (2 decimals)."""
    for _ in range(warmups):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def median_ms_interleaved(
    calls: dict[str, Callable[[], object]], *, runs: int, warmups: int = 1
) -> dict[str, float]:
    """Median wall time of each call, in milliseconds, the calls taking turns so that a
    change in the machine's load touches them alike."""
    for _ in range(warmups):
        for call in calls.values():
            call()
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: round(statistics.median(values), 2) for name, values in times.items()}


# Pages -------------------------------------------------------------------------------------


def curriculum_with_modules(
    *, slug: str, modules: int, lessons: int, audience: str = Audience.ASSOCIATION_LEADERS
) -> tuple[CurriculumPage, list[ModulePage], dict[int, list[LessonPage]]]:
    """A live curriculum under the curricula index with ``modules`` modules of
    ``lessons`` required lessons each (tree API, no revisions)."""
    index = CurriculumIndexPage.objects.get()
    curriculum = index.add_child(
        instance=CurriculumPage(
            title=f"Parcours {slug}",
            slug=slug,
            audience=audience,
            introduction="<p>Introduction.</p>",
            learning_outcomes="<p>Savoir agir.</p>",
        )
    )
    module_pages = []
    lesson_pages: dict[int, list[LessonPage]] = {}
    for number in range(1, modules + 1):
        module = curriculum.add_child(
            instance=ModulePage(
                title=f"Module {number:02d} ({slug})",
                slug=f"module-{number:02d}",
                summary="Résumé du module.",
                objectives="<p>Comprendre.</p>",
                duration_hours=Decimal("3.0"),
                target_audience="Tous publics",
            )
        )
        module_pages.append(module)
        lesson_pages[module.pk] = [
            module.add_child(
                instance=LessonPage(
                    title=f"Leçon {number:02d}.{lesson}",
                    slug=f"lecon-{lesson}",
                    summary="Résumé.",
                    estimated_minutes=20,
                    body=[("paragraph", "<p>Contenu.</p>")],
                )
            )
            for lesson in range(1, lessons + 1)
        ]
    return curriculum, module_pages, lesson_pages


def refresh_statistics() -> None:
    """ANALYZE: the planner's statistics, as a live database has them (autovacuum on
    PostgreSQL); freshly bulk-loaded tables would otherwise look empty to it."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# People and progress -----------------------------------------------------------------------


def bulk_learners(prefix: str, numbers: range) -> list[int]:
    """Learner accounts ``{prefix}{n}@bench.example`` with profiles (both audiences, five
    régions), in the *Apprenants* group; returns their primary keys in order."""
    password = make_password(None)
    users = [
        User(
            email=f"{prefix}{n:06d}@bench.example",
            first_name=f"Prénom{n % 97}",
            last_name=f"Nom{n:06d}",
            password=password,
        )
        for n in numbers
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    pks = list(
        User.objects.filter(email__in=[user.email for user in users])
        .order_by("email")
        .values_list("pk", flat=True)
    )
    group = Group.objects.get(name=roles.LEARNERS)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=pk, group_id=group.pk) for pk in pks], batch_size=BATCH
    )
    audiences = (Audience.CIVIL_SERVANTS, Audience.ASSOCIATION_LEADERS)
    LearnerProfile.objects.bulk_create(
        [
            LearnerProfile(
                user_id=pk,
                audience=audiences[n % 2],
                region=REGIONS[n % len(REGIONS)],
                organisation=f"Organisation {n % 300}",
            )
            for n, pk in zip(numbers, pks, strict=True)
        ],
        batch_size=BATCH,
    )
    return pks


def bulk_promotion(name: str, learner_pks: list[int]) -> Promotion:
    promotion = Promotion.objects.create(name=name, year=2026)
    PromotionMembership.objects.bulk_create(
        [PromotionMembership(promotion=promotion, learner_id=pk) for pk in learner_pks],
        batch_size=BATCH,
    )
    return promotion


def bulk_enrolments_and_progress(learner_pks: list[int], module_pks: list[int]) -> None:
    """Enrol each learner in each module; about 40 % completed (after 0–59 days), 30 % in
    progress, 30 % not started (no summary row), spread over learners and modules."""
    enrolments = []
    summaries = []
    for i, learner in enumerate(learner_pks):
        for j, module in enumerate(module_pks):
            enrolled_at = T0 + timedelta(days=(i + j) % 30)
            enrolments.append(
                Enrolment(
                    learner_id=learner,
                    module_id=module,
                    status=Enrolment.Status.ACTIVE,
                    source=Enrolment.Source.IMPORT,
                    enrolled_at=enrolled_at,
                )
            )
            state = (i * 3 + j) % 10
            if state < 4:
                completed_at = enrolled_at + timedelta(days=(i * 7 + j) % 60, hours=i % 24)
                summaries.append(
                    ModuleProgress(
                        learner_id=learner,
                        module_id=module,
                        status=ProgressStatus.COMPLETED,
                        lessons_required=3,
                        lessons_completed=3,
                        time_spent_seconds=1800 + (i % 50) * 60,
                        started_at=enrolled_at,
                        last_activity_at=completed_at,
                        completed_at=completed_at,
                    )
                )
            elif state < 7:
                summaries.append(
                    ModuleProgress(
                        learner_id=learner,
                        module_id=module,
                        status=ProgressStatus.IN_PROGRESS,
                        lessons_required=3,
                        lessons_completed=1,
                        time_spent_seconds=600,
                        started_at=enrolled_at,
                        last_activity_at=enrolled_at + timedelta(days=1),
                    )
                )
        if len(enrolments) >= BATCH:
            Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
            ModuleProgress.objects.bulk_create(summaries, batch_size=BATCH)
            enrolments, summaries = [], []
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
    ModuleProgress.objects.bulk_create(summaries, batch_size=BATCH)


def bulk_lesson_progress(
    learner_pk: int, module_pk: int, lessons: list[LessonPage], *, completed: int
) -> None:
    """Mark the first ``completed`` of a module's ``lessons`` completed and the next one in
    progress."""
    rows = []
    for number, lesson in enumerate(lessons[: completed + 1]):
        done = number < completed
        rows.append(
            LessonProgress(
                learner_id=learner_pk,
                lesson_id=lesson.pk,
                module_id=module_pk,
                status=ProgressStatus.COMPLETED if done else ProgressStatus.IN_PROGRESS,
                time_spent_seconds=300,
                first_accessed_at=T0,
                last_accessed_at=T0 + timedelta(hours=1),
                completed_at=T0 + timedelta(hours=1) if done else None,
            )
        )
    LessonProgress.objects.bulk_create(rows, batch_size=BATCH)
