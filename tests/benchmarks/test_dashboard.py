"""Benchmarks of « Mon parcours » (GET /mon-parcours/) for a learner enrolled in 5 and in 50
modules of three lessons, with the same mix of progress: completed, in progress, not
started, and locked by a prerequisite.

Figures: ``dashboard_queries_5_modules``; ``dashboard_queries_50_modules`` (``baseline`` =
the 5-module figure, ``ratio`` must be 1); ``dashboard_render_ms_50_modules`` (median of
whole GET requests, ``baseline`` = the same for 5 modules, ``ratio`` ≤ 2).
"""

from __future__ import annotations

import re
from collections import Counter
from types import SimpleNamespace

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from curriculum.models import ModulePage
from lms.accounts.models import User
from lms.enrolment.models import Enrolment
from lms.progress.models import ModuleProgress, ProgressStatus
from tests.benchmarks.support import (
    T0,
    bulk_lesson_progress,
    curriculum_with_modules,
    emit,
    median_ms_interleaved,
    note,
)

pytestmark = pytest.mark.django_db

URL = "/mon-parcours/"
LESSONS = 3
RENDER_RUNS = 31
MAX_RENDER_RATIO = 2


def _learner_enrolled_in(email: str, modules, lessons) -> User:
    """A learner enrolled in ``modules``: one in five completed, two in progress, the
    others not started (every fifth of those locked by its prerequisite)."""
    learner = User.objects.create(email=email, password=make_password(None))
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                learner=learner,
                module=module,
                source=Enrolment.Source.IMPORT,
                enrolled_at=T0,
            )
            for module in modules
        ]
    )
    summaries = []
    for number, module in enumerate(modules):
        kind = number % 5
        if kind == 0:
            bulk_lesson_progress(learner.pk, module.pk, lessons[module.pk], completed=LESSONS)
            summaries.append(
                ModuleProgress(
                    learner=learner,
                    module=module,
                    status=ProgressStatus.COMPLETED,
                    lessons_required=LESSONS,
                    lessons_completed=LESSONS,
                    completed_at=T0,
                )
            )
        elif kind in (1, 2):
            bulk_lesson_progress(learner.pk, module.pk, lessons[module.pk], completed=1)
            summaries.append(
                ModuleProgress(
                    learner=learner,
                    module=module,
                    status=ProgressStatus.IN_PROGRESS,
                    lessons_required=LESSONS,
                    lessons_completed=1,
                )
            )
    ModuleProgress.objects.bulk_create(summaries)
    return learner


@pytest.fixture
def learners():
    """Two learners on the same 50-module curriculum: one enrolled in its first 5
    modules, the other in all 50. Module 5n+4 needs module 5n+3 (not started)."""
    _curriculum, modules, lessons = curriculum_with_modules(
        slug="banc-tableau-de-bord", modules=50, lessons=LESSONS
    )
    through = ModulePage.prerequisites.through
    through.objects.bulk_create(
        [
            through(from_modulepage_id=modules[n].pk, to_modulepage_id=modules[n - 1].pk)
            for n in range(4, len(modules), 5)
        ]
    )
    return SimpleNamespace(
        five=_learner_enrolled_in("cinq@bench.example", modules[:5], lessons),
        fifty=_learner_enrolled_in("cinquante@bench.example", modules, lessons),
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    response = client.get(URL)  # warm: session, site root paths, templates
    assert response.status_code == 200
    return client


def _queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _shape(sql: str) -> str:
    """A query without its literal values, to compare the two pages' queries."""
    return re.sub(r"\b\d+\b|'[^']*'", "?", re.sub(r"\(\s*[\d, ]+\)", "(…)", sql))


def test_dashboard_queries(learners):
    five = _queries(_client(learners.five))
    fifty = _queries(_client(learners.fifty))

    emit("dashboard_queries_5_modules", len(five), "queries")
    figure = emit("dashboard_queries_50_modules", len(fifty), "queries", baseline=len(five))

    if figure["ratio"] != 1:
        grown = Counter(map(_shape, fifty)) - Counter(map(_shape, five))
        for shape, extra in grown.most_common():
            note(f"{extra} more: {shape[:300]}")
    assert figure["ratio"] == 1, "the dashboard's queries grow with the modules (see above)"


def test_dashboard_render_ms_50_modules(learners):
    five, fifty = _client(learners.five), _client(learners.fifty)
    page = fifty.get(URL).content.decode()
    assert page.count("<progress") == 30  # 2 in progress + 1 not started in each 5
    assert page.count('fr-badge--warning">') == 10  # locked

    medians = median_ms_interleaved(
        {"five": lambda: five.get(URL), "fifty": lambda: fifty.get(URL)},
        runs=RENDER_RUNS,
        warmups=2,
    )

    figure = emit(
        "dashboard_render_ms_50_modules", medians["fifty"], "ms", baseline=medians["five"]
    )
    assert figure["ratio"] <= MAX_RENDER_RATIO, figure
