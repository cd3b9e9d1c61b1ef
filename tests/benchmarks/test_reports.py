"""Benchmarks of the reports.

- ``report_matrix_ms_2000x20``: median time to build the completion matrix (all
  promotions, as an administrator) for 2,000 learners each enrolled in 20 modules.
- ``export_csv_peak_mib_20000_learners``, ``export_xlsx_peak_mib_20000_learners``: peak
  memory of the learners export (one row per learner × module) for 20,000 learners each
  enrolled in the 2 modules of a curriculum (40,000 rows), the export filtered on that
  curriculum; ``baseline`` is the same export for 2,000 learners (4,000 rows) and
  ``ratio`` must stay ≤ 1.5. Each export runs in a fresh subprocess
  (``export_memory.py``) that reports the ``tracemalloc`` peak of the download.

The data is committed (the subprocesses must see it) in module-scoped fixtures, outside
the tests' transactions, and removed when the module ends.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection

from lms.accounts.models import User
from lms.audit.models import AuditEntry
from lms.enrolment.models import Enrolment
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from lms.progress.models import ModuleProgress
from lms.reports.selectors import completion_matrix
from tests.benchmarks.support import (
    bulk_enrolments_and_progress,
    bulk_learners,
    bulk_promotion,
    curriculum_with_modules,
    emit,
    median_ms,
    note,
    refresh_statistics,
)

# The test database, made by pytest-django (never the development one).
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PER_PROMOTION = 500
MATRIX_LEARNERS = 2_000
MATRIX_MODULES = 20
MATRIX_RUNS = 7
EXPORT_MODULES = 2
EXPORT_SIZES = (2_000, 20_000)  # baseline, measured
MAX_MEMORY_RATIO = 1.5
EXPORT_URLS = {
    "csv": "/admin/rapports/apprenants.csv",
    "xlsx": "/admin/rapports/apprenants.xlsx",
}
MIB = 1024 * 1024


def _check_test_database() -> None:
    """Refuse to write anywhere but the database pytest-django made for this run."""
    name = str(connection.settings_dict["NAME"])
    assert name.endswith("bench.sqlite3") or name.startswith("test_"), (
        f"not a test database: {name}"
    )


class Population:
    """Learners enrolled in every module of a curriculum, in promotions of 500, grown
    promotion by promotion."""

    def __init__(self, prefix: str, *, modules: int):
        _check_test_database()
        self.prefix = prefix
        self.curriculum, pages, _lessons = curriculum_with_modules(
            slug=prefix.strip("-"), modules=modules, lessons=0
        )
        self.module_pks = [page.pk for page in pages]
        self.size = 0
        self.promotions: list[Promotion] = []

    def grow(self, size: int) -> None:
        """Add learners up to ``size``."""
        for start in range(self.size, size, PER_PROMOTION):
            numbers = range(start, min(start + PER_PROMOTION, size))
            pks = bulk_learners(self.prefix, numbers)
            name = f"Promotion {self.prefix}{len(self.promotions) + 1:03d}"
            self.promotions.append(bulk_promotion(name, pks))
            bulk_enrolments_and_progress(pks, self.module_pks)
        refresh_statistics()
        self.size = max(self.size, size)
        enrolled = Enrolment.objects.filter(module_id__in=self.module_pks).count()
        assert enrolled == self.size * len(self.module_pks)

    def remove(self) -> None:
        learners = User.objects.filter(email__startswith=self.prefix)
        ModuleProgress.objects.filter(learner__in=learners).delete()
        Enrolment.objects.filter(learner__in=learners).delete()
        PromotionMembership.objects.filter(learner__in=learners).delete()
        LearnerProfile.objects.filter(user__in=learners).delete()
        AuditEntry.objects.filter(learner__in=learners).delete()
        User.groups.through.objects.filter(user__in=learners).delete()
        Promotion.objects.filter(pk__in=[p.pk for p in self.promotions]).delete()
        learners.delete()
        self.curriculum.delete()


@pytest.fixture(scope="module")
def administrator(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _check_test_database()
        user = User.objects.create(
            email="admin-banc@bench.example",
            password=make_password(None),
            is_superuser=True,
            is_staff=True,
        )
    yield user
    with django_db_blocker.unblock():
        user.delete()


@pytest.fixture(scope="module")
def matrix_population(django_db_setup, django_db_blocker):
    """2,000 learners × 20 modules."""
    with django_db_blocker.unblock():
        population = Population("banc-matrice-", modules=MATRIX_MODULES)
        population.grow(MATRIX_LEARNERS)
    yield population
    with django_db_blocker.unblock():
        population.remove()


def test_report_matrix_ms_2000x20(matrix_population, administrator):
    matrix = completion_matrix(user=administrator)
    # Nothing else in the database: run before the export benchmark adds its learners.
    assert sum(row.enrolled for row in matrix.rows) == MATRIX_LEARNERS * MATRIX_MODULES
    assert len(matrix.rows) == MATRIX_LEARNERS // PER_PROMOTION * MATRIX_MODULES
    assert all(row.median_days is not None for row in matrix.rows)

    value = median_ms(lambda: completion_matrix(user=administrator), runs=MATRIX_RUNS)

    emit("report_matrix_ms_2000x20", value, "ms")


def _measure(kind: str, *, user, curriculum) -> dict:
    """Run one export in a fresh subprocess; its figures."""
    command = [
        sys.executable,
        "-m",
        "tests.benchmarks.export_memory",
        str(connection.settings_dict["NAME"]),
        str(user.pk),
        f"{EXPORT_URLS[kind]}?curriculum={curriculum.pk}",
    ]
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        command,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"export_memory failed ({kind}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def export_results(django_db_setup, django_db_blocker, administrator):
    """Each export measured at 2,000 then 20,000 learners (the population grows between)."""
    results: dict[tuple[str, int], dict] = {}
    with django_db_blocker.unblock():
        population = Population("banc-export-", modules=EXPORT_MODULES)
    try:
        for size in EXPORT_SIZES:
            with django_db_blocker.unblock():
                population.grow(size)
                connection.close()  # the subprocess gets the database to itself
            for kind in EXPORT_URLS:
                result = _measure(kind, user=administrator, curriculum=population.curriculum)
                results[kind, size] = result
                rows = f", {result['rows'] - 1} rows" if kind == "csv" else ""
                note(
                    f"{kind} export, {size} learners × {EXPORT_MODULES} modules{rows}: "
                    f"tracemalloc peak {result['peak_bytes'] / MIB:.2f} MiB, peak RSS growth "
                    f"{result['rss_growth_bytes'] / MIB:.1f} MiB, "
                    f"{result['bytes'] / MIB:.1f} MiB sent in {result['seconds']} s "
                    "(under tracemalloc)"
                )
    finally:
        with django_db_blocker.unblock():
            population.remove()
    return results


@pytest.mark.parametrize("kind", list(EXPORT_URLS))
def test_export_peak_mib_20000_learners(export_results, kind):
    small, large = (export_results[kind, size] for size in EXPORT_SIZES)
    if kind == "csv":  # header + one line per learner × module
        assert small["rows"] == EXPORT_SIZES[0] * EXPORT_MODULES + 1
        assert large["rows"] == EXPORT_SIZES[1] * EXPORT_MODULES + 1

    figure = emit(
        f"export_{kind}_peak_mib_20000_learners",
        round(large["peak_bytes"] / MIB, 2),
        "MiB",
        baseline=round(small["peak_bytes"] / MIB, 2),
    )

    # Ten times the rows, about as much memory: the export streams.
    assert large["bytes"] > 5 * small["bytes"]
    assert figure["ratio"] <= MAX_MEMORY_RATIO, figure
