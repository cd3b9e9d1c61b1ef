"""Benchmark of the SCORM commit endpoint through the whole HTTP stack.

gunicorn (2 sync workers) serves the project's WSGI application on a free loopback port,
on the benchmark's test database (PostgreSQL with ``BENCH_DATABASE_URL``, else the SQLite
file of ``conftest.py``). Each commit is a realistic SCORM 2004 body as scorm-again sends
it (10 interactions, 4 KB of suspend data, ``commitSequence``, the session marker), posted
with the content origin's ``Origin`` header.

Figures: ``scorm_commit_ms_p50`` and ``scorm_commit_ms_p99`` (sequential commits of one
learner, ``baseline`` = the same percentile of POSTs of the same body to a bare Django
view returning JSON on the same server, interleaved), ``scorm_commits_per_s`` (commits
stored per second by 8 learners committing at once). The data is committed (the server
must see it) in a module-scoped fixture and removed when the module ends.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import User
from lms.audit.models import AuditEntry
from lms.enrolment.models import Enrolment
from lms.progress.models import LessonProgress, ModuleProgress
from lms.scorm.models import ScormAttempt, ScormItem, ScormPackage, ScormPackageVersion
from lms.scorm.pages import ScormLessonPage
from lms.scorm.services import attempt_launch
from lms.scorm.tokens import attempt_token_make
from tests.benchmarks.support import curriculum_with_modules, emit, note
from tests.load.loadtest import Server as GunicornServer

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 2
WARMUP = 20
LATENCY_RUNS = 300
THROUGHPUT_LEARNERS = 8
THROUGHPUT_SECONDS = 4.0
INTERACTIONS = 10
SUSPEND_DATA_CHARS = 4096


def _check_test_database() -> None:
    """Refuse to write anywhere but the database pytest-django made for this run."""
    name = str(connection.settings_dict["NAME"])
    assert name.endswith("bench.sqlite3") or name.startswith("test_"), name


def _body(attempt_id: int, sequence: int) -> bytes:
    """A SCORM 2004 commit as scorm-again 3.4.3 renders it with the server's settings."""
    interactions = {
        str(n): {
            "id": f"question-{n:02d}",
            "type": "choice",
            "objectives": {"0": {"id": "objectif-principal"}},
            "timestamp": "2026-01-05T09:00:00",
            "weighting": "1",
            "learner_response": "reponse_b",
            "result": "correct" if n % 3 else "incorrect",
            "latency": "PT12S",
            "description": f"Question {n} : quel acteur finance cette politique publique ?",
            "correct_responses": {"0": {"pattern": "reponse_b"}},
        }
        for n in range(INTERACTIONS)
    }
    cmi = {
        "comments_from_learner": {},
        "comments_from_lms": {},
        "completion_status": "incomplete",
        "completion_threshold": "",
        "credit": "credit",
        "entry": "ab-initio",
        "exit": "suspend",
        "interactions": interactions,
        "launch_data": "",
        "learner_id": str(attempt_id),
        "learner_name": "Léa Durand",
        "learner_preference": {
            "audio_level": "1",
            "language": "fr",
            "delivery_speed": "1",
            "audio_captioning": "0",
        },
        "location": f"diapositive-{sequence}",
        "max_time_allowed": "",
        "mode": "normal",
        "objectives": {
            "0": {
                "id": "objectif-principal",
                "success_status": "unknown",
                "completion_status": "incomplete",
                "progress_measure": "0.5",
                "description": "",
                "score": {"scaled": "0.6", "raw": "60", "min": "0", "max": "100"},
            }
        },
        "progress_measure": "0.5",
        "scaled_passing_score": "",
        "score": {"scaled": "0.6", "raw": "60", "min": "0", "max": "100"},
        "session_time": f"PT{sequence}S",
        "success_status": "unknown",
        "suspend_data": ("x" * SUSPEND_DATA_CHARS),
        "time_limit_action": "",
    }
    body = {
        "completionStatus": "incomplete",
        "successStatus": "unknown",
        "totalTimeSeconds": 0,
        "runtimeData": {"cmi": cmi},
        "score": {"scaled": 0.6, "raw": 60, "min": 0, "max": 100},
        "scoId": f"attempt-{attempt_id}-session-1",
        "learnerId": str(attempt_id),
        "learnerName": "Léa Durand",
        "commitSequence": sequence,
    }
    return json.dumps(body).encode()


class Server(GunicornServer):
    """The load test's gunicorn (2 sync workers on a free loopback port) on the benchmark's
    database, with :meth:`post` timing one request."""

    def __init__(self, *, log_path: Path):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.benchmarks.scorm_server_settings",
            "BENCH_DB_NAME": str(connection.settings_dict["NAME"]),
            "SECRET_KEY": settings.SECRET_KEY,
            "LMS_SCORM_CONTENT_ORIGIN": "",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("DEBUG", None)
        super().__init__(env=env, log_path=log_path, workers=WORKERS)
        self.origin = f"http://localhost:{self.port}"

    def post(self, path: str, body: bytes) -> tuple[int, float]:
        """POST ``body``; (status, milliseconds)."""
        start = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(
                "POST",
                path,
                body=body,
                headers={
                    "Host": f"127.0.0.1:{self.port}",
                    "Origin": self.origin,
                    "Content-Type": "application/json;charset=UTF-8",
                },
            )
            response = conn.getresponse()
            response.read()
        finally:
            conn.close()
        return response.status, (time.perf_counter() - start) * 1000


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index], 2)


@pytest.mark.django_db
def test_scorm_commit_body_is_a_realistic_commit():
    """The benchmark's body is read as scorm-again's would be (10 interactions, 4 KB of
    suspend data). Marked ``django_db`` so that pytest-django makes the test database that
    the server below uses (the measuring test must hold no transaction: SQLite would lock
    the server out)."""
    from lms.scorm.cmi import commit_normalise

    data = commit_normalise(json.loads(_body(1, 7)), is_2004=True)
    assert len(data.interactions) == INTERACTIONS
    assert len(data.suspend_data) == SUSPEND_DATA_CHARS
    assert (data.session, data.session_seconds) == (1, 7)


@pytest.fixture(scope="module")
def lesson_data(django_db_setup, django_db_blocker):
    """A SCORM lesson on a one-SCO 2004 package, and learners enrolled with an attempt."""
    with django_db_blocker.unblock():
        _check_test_database()
        slug = f"banc-scorm-{uuid.uuid4().hex[:6]}"
        curriculum, (module,), _lessons = curriculum_with_modules(slug=slug, modules=1, lessons=0)
        package = ScormPackage.objects.create(title="Paquet du banc")
        version = ScormPackageVersion.objects.create(
            package=package,
            number=1,
            scorm_version="2004 4th",
            title="Paquet du banc",
            storage_prefix=f"scorm/banc/{uuid.uuid4().hex}/",
            archive_sha256="0" * 64,
            archive_bytes=1,
            file_count=1,
            uncompressed_bytes=1,
        )
        ScormItem.objects.create(
            version=version,
            identifier="sco-1",
            title="Activité",
            position=0,
            kind=ScormItem.Kind.SCO,
            href="index.html",
            completion_threshold=Decimal("0.8"),
            scaled_passing_score=Decimal("0.7"),
        )
        lesson = module.add_child(instance=ScormLessonPage(title="Leçon SCORM", package=package))
        learners = [
            User.objects.create(
                email=f"{slug}-{n}@bench.example",
                first_name="Léa",
                last_name=f"Durand{n}",
                password=make_password(None),
            )
            for n in range(THROUGHPUT_LEARNERS + 1)
        ]
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    learner=learner,
                    module=module,
                    source=Enrolment.Source.IMPORT,
                    enrolled_at=timezone.now(),
                )
                for learner in learners
            ]
        )
        attempts = [attempt_launch(learner=learner, lesson=lesson) for learner in learners]
        connection.close()  # the server gets the database to itself
    yield SimpleNamespace(lesson=lesson, attempts=attempts)
    with django_db_blocker.unblock():
        ScormAttempt.objects.filter(lesson_id=lesson.pk).delete()
        AuditEntry.objects.filter(learner__in=learners).delete()
        LessonProgress.objects.filter(learner__in=learners).delete()
        ModuleProgress.objects.filter(learner__in=learners).delete()
        Enrolment.objects.filter(learner__in=learners).delete()
        curriculum.delete()
        package.delete()
        User.objects.filter(pk__in=[learner.pk for learner in learners]).delete()


@pytest.fixture(scope="module")
def server(lesson_data, tmp_path_factory):
    server = Server(log_path=tmp_path_factory.mktemp("gunicorn") / "gunicorn.log")
    yield server
    server.stop()


def test_scorm_commit_latency_and_throughput(lesson_data, server, django_db_blocker):
    first, *others = lesson_data.attempts
    url = reverse("scorm:commit", args=[attempt_token_make(first.pk)])
    sequence = 0

    def commit() -> float:
        nonlocal sequence
        sequence += 1
        status, ms = server.post(url, _body(first.pk, sequence))
        assert status == 200, status
        return ms

    def bare() -> float:
        status, ms = server.post("/bench/baseline/", _body(first.pk, 0))
        assert status == 200, status
        return ms

    for _ in range(WARMUP):
        commit()
        bare()
    commits, baselines = [], []
    for _ in range(LATENCY_RUNS):
        commits.append(commit())
        baselines.append(bare())

    emit(
        "scorm_commit_ms_p50",
        round(statistics.median(commits), 2),
        "ms",
        baseline=round(statistics.median(baselines), 2),
    )
    emit(
        "scorm_commit_ms_p99",
        _percentile(commits, 99),
        "ms",
        baseline=_percentile(baselines, 99),
    )

    # Throughput: every other learner commits in a loop, at once.
    sent = {attempt.pk: 0 for attempt in others}
    failures: list[int] = []
    stop_at = time.monotonic() + THROUGHPUT_SECONDS

    def learner_loop(attempt) -> None:
        path = reverse("scorm:commit", args=[attempt_token_make(attempt.pk)])
        while time.monotonic() < stop_at:
            status, _ms = server.post(path, _body(attempt.pk, sent[attempt.pk] + 1))
            if status != 200:
                failures.append(status)
                return
            sent[attempt.pk] += 1

    threads = [threading.Thread(target=learner_loop, args=(attempt,)) for attempt in others]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=THROUGHPUT_SECONDS + 60)
    elapsed = time.perf_counter() - start
    assert not failures, failures
    total = sum(sent.values())
    emit("scorm_commits_per_s", round(total / elapsed, 1), "commits/s")
    note(
        f"scorm commits on {connection.vendor}: {LATENCY_RUNS} sequential, {total} by "
        f"{len(others)} learners at once in {elapsed:.1f} s"
    )

    with django_db_blocker.unblock():
        stored = {
            row.pk: row
            for row in ScormAttempt.objects.filter(pk__in=[a.pk for a in lesson_data.attempts])
        }
        assert stored[first.pk].commit_count == WARMUP + LATENCY_RUNS
        assert len(stored[first.pk].interactions) == INTERACTIONS
        assert len(stored[first.pk].suspend_data) == SUSPEND_DATA_CHARS
        for attempt in others:
            assert stored[attempt.pk].commit_count == sent[attempt.pk]
        connection.close()
