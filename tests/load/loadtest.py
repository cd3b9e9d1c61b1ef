"""Load test: 200 learners on gunicorn (2 workers) and PostgreSQL, then every acknowledged
SCORM commit checked against the database (``make loadtest``; issue « Load and faults »).

1. Creates its own PostgreSQL database ``fpse_loadtest_<pid>`` on the server of
   ``LOADTEST_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432``), migrates
   it and builds the data: a curriculum with a module of two lessons and a SCORM lesson
   playing the demo package ``principes-service-public`` (SCORM 1.2, imported by the
   importer), ``LOADTEST_LEARNERS`` learners (200) made with ``bulk_create`` and a fast
   password hasher, enrolled in the module.
2. Starts gunicorn (2 sync workers) on a free loopback port (``tests.load.server_settings``:
   DEBUG off, persistent connections with health checks). The site is
   ``http://127.0.0.1:<port>``, the SCORM content origin ``http://localhost:<port>``.
3. Each learner, before the measured window: signs in through the real login form (CSRF
   token and cookie), opens the SCORM lesson page and loads its player frame (the runtime
   wrapper on the content origin), reading the commit URL (with the attempt token) and the
   session marker from the runtime data, as ``runtime.js`` does.
4. For ``LOADTEST_SECONDS`` (60; CI runs 10): each learner views a page every 5 to 15 s
   (dashboard, module, lesson or SCORM lesson page, at random; opening the SCORM lesson
   page sends the ``pagehide`` beacon of the running session, then loads a new player
   frame: a new session), commits every 30 s through the commit endpoint (text/plain JSON
   as scorm-again sends it, ``Origin`` the content origin, no cookie) and ends with a
   beacon (the learners leave over the 5 s after the window). An error is a response
   other than 2xx/3xx, a refused commit, or no answer within 10 s.
5. Prints the figures as JSON lines on stdout (DESIGN.md, « Benchmarks »): throughput,
   p50/p95/p99 latency, errors, commits acknowledged, commits lost; then checks, attempt
   by attempt, the latest acknowledged state against the database field by field (status,
   location, suspend data, score, exit, total time over the sessions, commit count) and
   that every acknowledged commit's interaction is stored. Exits 1 on any error or lost
   commit.

Gunicorn is stopped and the database dropped in every case (``finally``, SIGTERM, SIGINT,
and an alarm bounding the whole run). Loopback only. Messages go to stderr.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_MODULE = "tests.load.server_settings"
DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432"
WORKERS = 2
TIMEOUT_SECONDS = 10
VIEW_EVERY_SECONDS = (5.0, 15.0)
COMMIT_EVERY_SECONDS = 30.0
# The learners leave (their last beacon) over the few seconds after the window, not all at
# the same instant.
LEAVE_OVER_SECONDS = 5.0
LOGIN_CONCURRENCY = 12
SUSPEND_DATA_CHARS = 2000
SCORM_FOLDER = "principes-service-public"
# Beyond the measured window: set-up, sign-ins, the last answers, the checks.
BOUND_EXTRA_SECONDS = 900
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FRAME_RE = re.compile(r'<iframe id="scorm-frame"[^>]*?\ssrc="([^"]+)"', re.S)
RUNTIME_RE = re.compile(r'<script id="scorm-runtime" type="application/json">(.*?)</script>', re.S)
MARKER_RE = re.compile(r"^attempt-(\d+)-session-(\d+)$")


def note(message: str) -> None:
    """A line for the reader, on stderr (stdout carries only the figures)."""
    print(f"loadtest: {message}", file=sys.stderr, flush=True)


def emit(name: str, value, unit: str) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit}), flush=True)


class LoadTestAbort(Exception):
    """The run cannot go on (set-up failure, signal, time bound)."""


def _on_signal(signum, frame):
    raise LoadTestAbort(f"stopped by signal {signal.Signals(signum).name}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], percent: float) -> float:
    """Nearest-rank percentile (0 for no value)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-len(ordered) * percent // 100)))
    return round(ordered[int(rank) - 1], 1)


# Database ----------------------------------------------------------------------------------


def database_url(server_url: str, name: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _admin_connection(server_url: str):
    import psycopg

    return psycopg.connect(database_url(server_url, "postgres"), autocommit=True)


def database_create(server_url: str, name: str) -> None:
    with _admin_connection(server_url) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')


def database_drop(server_url: str, name: str) -> None:
    with _admin_connection(server_url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Data (inside Django) ----------------------------------------------------------------------


@dataclass
class Site:
    """What the learners need to know of the data."""

    emails: list[str]
    password: str
    dashboard_url: str
    module_url: str
    lesson_url: str
    scorm_url: str
    scorm_lesson_id: int


def data_build(*, learners: int, password: str) -> Site:
    """Migrate, then a curriculum, a module with two lessons and a SCORM lesson, and
    ``learners`` enrolled learners (bulk, fast hasher)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from curriculum.models import Audience
    from lms.accounts import roles
    from lms.accounts.models import User
    from lms.demo.scorm_seed import demo_scorm_zip
    from lms.enrolment.models import Enrolment
    from lms.people.models import LearnerProfile
    from lms.scorm.importer import scorm_package_import
    from lms.scorm.pages import ScormLessonPage
    from tests.benchmarks.support import curriculum_with_modules

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    note(f"database migrated in {time.monotonic() - started:.0f} s")
    _curriculum, (module,), lessons = curriculum_with_modules(slug="charge", modules=1, lessons=2)
    version = scorm_package_import(
        upload=io.BytesIO(demo_scorm_zip(SCORM_FOLDER)),
        filename=f"{SCORM_FOLDER}.zip",
        title="Les principes du service public (charge)",
    )
    scorm_lesson = module.add_child(
        instance=ScormLessonPage(
            title="Module interactif", slug="module-interactif", package=version.package
        )
    )
    hashed = make_password(password)
    emails = [f"apprenant{n:04d}@charge.example" for n in range(learners)]
    User.objects.bulk_create(
        [
            User(email=email, first_name="Camille", last_name=f"Charge{n:04d}", password=hashed)
            for n, email in enumerate(emails)
        ]
    )
    pks = list(User.objects.filter(email__in=emails).order_by("email").values_list("pk", flat=True))
    group = Group.objects.get(name=roles.LEARNERS)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=pk, group_id=group.pk) for pk in pks]
    )
    LearnerProfile.objects.bulk_create(
        [
            LearnerProfile(user_id=pk, audience=Audience.ASSOCIATION_LEADERS, region="11")
            for pk in pks
        ]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                learner_id=pk,
                module=module,
                status=Enrolment.Status.ACTIVE,
                source=Enrolment.Source.IMPORT,
                enrolled_at=timezone.now(),
            )
            for pk in pks
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    site = Site(
        emails=emails,
        password=password,
        dashboard_url=reverse("dashboard:home"),
        module_url=module.url,
        lesson_url=lessons[module.pk][0].url,
        scorm_url=scorm_lesson.url,
        scorm_lesson_id=scorm_lesson.pk,
    )
    connection.close()
    return site


# Server ------------------------------------------------------------------------------------


class Server:
    """gunicorn (2 sync workers) on a free loopback port; its log in ``log_path``."""

    def __init__(self, *, env: dict, log_path: Path, workers: int = WORKERS):
        self.port = free_port()
        self.site = f"http://127.0.0.1:{self.port}"
        self.content_host = f"localhost:{self.port}"
        self.log_path = log_path
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self._log = open(log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter's gunicorn)
            [
                str(gunicorn),
                "lms.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=self._log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LoadTestAbort(f"gunicorn died:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.site}/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise LoadTestAbort(f"gunicorn did not start:\n{self.log_tail()}")

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn's master and workers (Linux ``/proc``; 0
        elsewhere): tells a saturated server from a starved one."""
        tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        pids = [self.process.pid]
        try:
            for task in Path(f"/proc/{self.process.pid}/task").iterdir():
                pids += [int(pid) for pid in (task / "children").read_text().split()]
            total = 0
            for pid in pids:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            return 0.0
        return total / tick

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        self._log.close()


# Learners ----------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    ms: float
    status: int  # 0: no answer (timeout, refused connection)
    error: bool


@dataclass
class Stats:
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample, message: str = "") -> None:
        with self.lock:
            self.samples.append(sample)
            if sample.error:
                self.errors.append(message)

    def fail(self, message: str) -> None:
        """An error that is not a request's status (a commit refused, a page without its
        player)."""
        with self.lock:
            self.errors.append(message)


@dataclass
class SentCommit:
    """What one commit carried, and whether the server acknowledged it."""

    session: int
    sequence: int
    location: str
    suspend_data: str
    score_raw: int
    session_seconds: int
    interaction_id: str
    acknowledged: bool = False


def _time_12(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours:04d}:{rest // 60:02d}:{rest % 60:02d}"


class Learner:
    """One simulated learner: a browser session on the site, a player frame on the content
    origin (its runtime data), the commits it sent and had acknowledged."""

    def __init__(self, number: int, email: str, *, site: Site, server: Server, stats: Stats):
        self.number = number
        self.email = email
        self.site = site
        self.server = server
        self.stats = stats
        self.random = random.Random(number)
        self.http = requests.Session()
        self.http.headers["User-Agent"] = "fpse-loadtest"
        self.measuring = False
        self.attempt_id: int | None = None
        self.commit_url = ""
        self.session = 0
        self.sequence = 0
        self.session_started = 0.0
        self.session_interactions: list[dict] = []
        self.commits_sent = 0
        self.sent: list[SentCommit] = []

    @property
    def acked(self) -> list[SentCommit]:
        return [commit for commit in self.sent if commit.acknowledged]

    # HTTP --------------------------------------------------------------------------------

    def _call(self, kind: str, method: str, url: str, *, session=None, **kwargs):
        """One request; recorded when measuring; raises nothing (returns None on error)."""
        client = session or self.http
        start = time.perf_counter()
        try:
            response = client.request(
                method, url, timeout=TIMEOUT_SECONDS, allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            ms = (time.perf_counter() - start) * 1000
            self._record(kind, ms, 0, True, f"{kind} {url}: {type(error).__name__}")
            return None
        ms = (time.perf_counter() - start) * 1000
        bad = not 200 <= response.status_code < 400
        self._record(kind, ms, response.status_code, bad, f"{kind} {url}: {response.status_code}")
        return None if bad else response

    def _record(self, kind, ms, status, error, message) -> None:
        if self.measuring:
            self.stats.add(Sample(kind, ms, status, error), message)
        elif error:
            raise LoadTestAbort(f"learner {self.number}, before the window: {message}")

    def _fail(self, message: str) -> None:
        if not self.measuring:
            raise LoadTestAbort(f"learner {self.number}, before the window: {message}")
        self.stats.fail(f"learner {self.number}: {message}")

    # Steps -------------------------------------------------------------------------------

    def sign_in(self) -> None:
        login = f"{self.server.site}/comptes/connexion/"
        page = self._call("login_form", "GET", login)
        match = CSRF_RE.search(page.text) if page is not None else None
        if match is None:
            raise LoadTestAbort(f"learner {self.number}: no CSRF token on the login page")
        answer = self._call(
            "login",
            "POST",
            login,
            data={
                "username": self.email,
                "password": self.site.password,
                "csrfmiddlewaretoken": match.group(1),
            },
            headers={"Referer": login},
        )
        if answer is None or answer.status_code != 302 or "sessionid" not in self.http.cookies:
            raise LoadTestAbort(f"learner {self.number}: sign-in refused")

    def open_scorm_lesson(self) -> bool:
        """The SCORM lesson page, then its player frame (a new session, as a browser that
        reloads the page; the running session's beacon goes first)."""
        if self.commit_url:
            self.beacon()
        page = self._call("scorm_page", "GET", self.server.site + self.site.scorm_url)
        if page is None:
            return False
        match = FRAME_RE.search(page.text)
        if match is None:
            self._fail("no player frame on the SCORM lesson page")
            return False
        frame = urlsplit(match.group(1).replace("&amp;", "&"))
        # The content origin (localhost) reached at 127.0.0.1: no cookie of the site.
        runtime = self._call(
            "runtime",
            "GET",
            f"{self.server.site}{frame.path}",
            session=requests.Session(),
            headers={"Host": frame.netloc, "User-Agent": "fpse-loadtest"},
        )
        data = RUNTIME_RE.search(runtime.text) if runtime is not None else None
        if data is None:
            if runtime is not None:
                self._fail("no runtime data in the player frame")
            return False
        state = json.loads(data.group(1))
        marker = MARKER_RE.match(state["settings"]["scoId"])
        self.commit_url = state["commitUrl"]
        self.attempt_id, self.session = int(marker.group(1)), int(marker.group(2))
        self.sequence = 0
        self.session_started = time.monotonic()
        self.session_interactions = []
        return True

    def _commit_body(self) -> tuple[dict, SentCommit]:
        self.sequence += 1
        self.commits_sent += 1
        seconds = int(time.monotonic() - self.session_started)
        location = f"page-{self.random.randint(1, 4)}-{self.commits_sent}"
        raw = self.random.randint(0, 69)
        filler = "".join(self.random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=40))
        suspend = f"commit={self.commits_sent};session={self.session};" + (
            filler * (SUSPEND_DATA_CHARS // len(filler))
        )
        interaction_id = f"q-{self.number}-{self.commits_sent}"
        self.session_interactions.append(
            {
                "id": interaction_id,
                "type": "choice",
                "time": "10:00:00",
                "weighting": "1",
                "student_response": "b",
                "result": "correct" if raw % 2 else "wrong",
                "latency": "0000:00:12",
                "objectives": {},
                "correct_responses": {"0": {"pattern": "b"}},
            }
        )
        cmi = {
            "core": {
                "student_id": str(self.attempt_id),
                "student_name": f"Charge{self.number:04d}, Camille",
                "lesson_location": location,
                "credit": "credit",
                "lesson_status": "incomplete",
                "entry": "resume",
                "score": {"raw": str(raw), "min": "0", "max": "100"},
                "total_time": "0000:00:00",
                "lesson_mode": "normal",
                "exit": "suspend",
                "session_time": _time_12(seconds),
            },
            "suspend_data": suspend,
            "launch_data": "",
            "comments": "",
            "objectives": {},
            "student_data": {"mastery_score": "70"},
            "student_preference": {"audio": "0", "language": "fr", "speed": "0", "text": "0"},
            "interactions": {str(i): entry for i, entry in enumerate(self.session_interactions)},
        }
        body = {
            "runtimeData": {"cmi": cmi},
            "completionStatus": "incomplete",
            "successStatus": "unknown",
            "totalTimeSeconds": seconds,
            "score": {"raw": raw, "min": 0, "max": 100},
            "scoId": f"attempt-{self.attempt_id}-session-{self.session}",
            "learnerId": str(self.attempt_id),
            "commitSequence": self.sequence,
        }
        sent = SentCommit(
            session=self.session,
            sequence=self.sequence,
            location=location,
            suspend_data=suspend,
            score_raw=raw,
            session_seconds=seconds,
            interaction_id=interaction_id,
        )
        self.sent.append(sent)
        return body, sent

    def commit(self, kind: str = "commit") -> None:
        """A commit (or the ``pagehide`` beacon: the same text/plain POST)."""
        body, sent = self._commit_body()
        answer = self._call(
            kind,
            "POST",
            self.commit_url,
            session=requests.Session(),
            data=json.dumps(body).encode(),
            headers={
                "Origin": f"http://{self.server.content_host}",
                "Content-Type": "text/plain;charset=UTF-8",
                "User-Agent": "fpse-loadtest",
            },
        )
        if answer is None:
            return
        try:
            ok = answer.status_code == 200 and answer.json().get("result") is True
        except ValueError:
            ok = False
        if ok:
            sent.acknowledged = True
        else:
            self._fail(f"{kind} not acknowledged: {answer.text[:200]}")

    def beacon(self) -> None:
        self.commit("beacon")

    def view(self) -> None:
        choice = self.random.choice(("dashboard", "module", "lesson", "scorm_page"))
        if choice == "scorm_page":
            self.open_scorm_lesson()
            return
        url = {
            "dashboard": self.site.dashboard_url,
            "module": self.site.module_url,
            "lesson": self.site.lesson_url,
        }[choice]
        self._call(choice, "GET", self.server.site + url)

    def run(self, start: float, end: float, stop: threading.Event) -> None:
        """The measured window, then the final beacon."""
        next_view = start + self.random.uniform(0, VIEW_EVERY_SECONDS[1])
        next_commit = start + self.random.uniform(0, COMMIT_EVERY_SECONDS)
        try:
            while not stop.is_set():
                at = min(next_view, next_commit)
                if at >= end:
                    break
                if stop.wait(max(0.0, at - time.monotonic())):
                    return
                if at == next_commit:
                    self.commit()
                    next_commit += COMMIT_EVERY_SECONDS
                else:
                    self.view()
                    next_view += self.random.uniform(*VIEW_EVERY_SECONDS)
            leave = end + self.random.uniform(0, LEAVE_OVER_SECONDS)
            if stop.wait(max(0.0, leave - time.monotonic())):
                return
            self.beacon()
        except Exception as error:  # a bug here must count, never pass silently
            self.stats.fail(f"learner {self.number} crashed: {error!r}")


# Checks ------------------------------------------------------------------------------------


def _expected_total(commits: list[SentCommit]) -> int:
    """The attempt's total time if these commits were applied: each session counts once,
    with its latest session time."""
    per_session: dict[int, int] = {}
    for commit in commits:
        per_session[commit.session] = commit.session_seconds
    return sum(per_session.values())


def _state_of(commit: SentCommit) -> dict:
    return {
        "lesson_status": "incomplete",
        "completion_status": "incomplete",
        "success_status": "unknown",
        "exit_value": "suspend",
        "location": commit.location,
        "suspend_data": commit.suspend_data,
        "score_raw": commit.score_raw,
        "score_min": 0,
        "score_max": 100,
        "last_sequence": commit.sequence,
    }


def _stored_state(attempt) -> dict:
    return {
        "lesson_status": attempt.lesson_status,
        "completion_status": attempt.completion_status,
        "success_status": attempt.success_status,
        "exit_value": attempt.exit_value,
        "location": attempt.location,
        "suspend_data": attempt.suspend_data,
        "score_raw": attempt.score_raw,
        "score_min": attempt.score_min,
        "score_max": attempt.score_max,
        "last_sequence": attempt.last_sequence,
    }


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def commits_check(learners: list[Learner], *, scorm_lesson_id: int) -> tuple[int, list[str]]:
    """Compare each attempt with the database (lost commits, problems).

    The stored state must be the latest acknowledged commit's, field by field, unless a
    later commit that got no answer (a timeout, already counted as an error) reached the
    server: then it must be that commit's. Every acknowledged commit's interaction must be
    stored; the total time and the commit count must lie between what the acknowledged
    commits and what all the sent commits make; the lesson progress must exist.
    """
    from lms.progress.models import LessonProgress
    from lms.scorm.models import ScormAttempt

    problems: list[str] = []
    lost = 0
    attempts = {
        attempt.pk: attempt
        for attempt in ScormAttempt.objects.filter(
            pk__in=[learner.attempt_id for learner in learners]
        )
    }
    in_progress = set(
        LessonProgress.objects.filter(lesson_id=scorm_lesson_id).values_list(
            "learner_id", flat=True
        )
    )
    for learner in learners:
        acked = learner.acked
        if not acked:
            continue
        attempt = attempts.get(learner.attempt_id)
        if attempt is None:
            lost += len(acked)
            problems.append(f"learner {learner.number}: attempt {learner.attempt_id} missing")
            continue
        last = acked[-1]
        later = learner.sent[learner.sent.index(last) + 1 :]  # none acknowledged
        stored = _stored_state(attempt)
        candidates = [last, *later]
        matching = [
            commit
            for commit in candidates
            if all(_same(stored[name], value) for name, value in _state_of(commit).items())
        ]
        wrong = []
        if not matching:
            expected = _state_of(last)
            wrong = [
                f"{name}: stored {_short(stored[name])}, acknowledged {_short(value)}"
                for name, value in expected.items()
                if not _same(stored[name], value)
            ]
        total = attempt.previous_sessions_seconds + attempt.session_seconds
        low, high = _expected_total(acked), _expected_total(learner.sent)
        if not low <= total <= high:
            wrong.append(f"total time: stored {total} s, acknowledged {low} s (at most {high} s)")
        if not len(acked) <= attempt.commit_count <= len(learner.sent):
            wrong.append(
                f"commit count: stored {attempt.commit_count}, acknowledged {len(acked)} "
                f"(sent {len(learner.sent)})"
            )
        missing = [
            commit.interaction_id
            for commit in acked
            if commit.interaction_id not in (attempt.interactions or {})
        ]
        if missing:
            wrong.append(f"interactions of acknowledged commits missing: {missing}")
        if attempt.learner_id not in in_progress:
            wrong.append("no lesson progress recorded")
        if wrong:
            lost += max(1, len(missing))
            problems.append(f"learner {learner.number} (attempt {attempt.pk}): {'; '.join(wrong)}")
    return lost, problems


def _same(stored, expected) -> bool:
    if stored is None or expected is None:
        return stored == expected
    if isinstance(expected, int) and not isinstance(expected, bool):
        try:
            return float(stored) == float(expected)
        except (TypeError, ValueError):
            return False
    return stored == expected


# Run ---------------------------------------------------------------------------------------


def _env_number(name: str, default, cast):
    value = os.environ.get(name, "").strip()
    return cast(value) if value else default


def main() -> int:
    seconds = _env_number("LOADTEST_SECONDS", 60.0, float)
    learner_count = _env_number("LOADTEST_LEARNERS", 200, int)
    server_url = os.environ.get("LOADTEST_DATABASE_URL", "").strip() or DEFAULT_SERVER_URL
    if seconds <= 0 or learner_count <= 0:
        note("LOADTEST_SECONDS and LOADTEST_LEARNERS must be positive")
        return 2
    if urlsplit(server_url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        note("LOADTEST_DATABASE_URL must point to a loopback PostgreSQL server")
        return 2
    name = f"fpse_loadtest_{os.getpid()}"
    workdir = Path(tempfile.mkdtemp(prefix="fpse-loadtest-"))
    (workdir / "static").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": database_url(server_url, name),
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "LMS_VAR_DIR": str(workdir / "var"),
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "LMS_SCORM_CONTENT_ORIGIN": "",
        "LMS_SITE_ORIGIN": "",
        "PYTHONPATH": str(ROOT),
    }
    for unwanted in ("DEBUG", "LOADTEST_DB_NAME", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"):
        env.pop(unwanted, None)
    # This process reads and checks the data with the server's settings.
    os.environ.clear()
    os.environ.update(env)

    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    signal.signal(signal.SIGALRM, _on_signal)
    signal.alarm(int(seconds) + BOUND_EXTRA_SECONDS)
    server = None
    stop = threading.Event()
    created = False
    status = 1
    run_started = time.monotonic()
    try:
        database_create(server_url, name)
        created = True
        note(f"database {name} created on {urlsplit(server_url).netloc}")
        import django

        django.setup()
        site = data_build(learners=learner_count, password=secrets.token_urlsafe(12))
        server = Server(env=env, log_path=workdir / "gunicorn.log")
        note(f"gunicorn ({WORKERS} workers) on {server.site}; {learner_count} learners sign in")
        stats = Stats()
        learners = [
            Learner(n, email, site=site, server=server, stats=stats)
            for n, email in enumerate(site.emails)
        ]
        started = time.monotonic()
        pool = ThreadPoolExecutor(LOGIN_CONCURRENCY)
        try:
            for future in [
                pool.submit(lambda one: (one.sign_in(), one.open_scorm_lesson()), learner)
                for learner in learners
            ]:
                future.result()
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        if any(learner.attempt_id is None for learner in learners):
            raise LoadTestAbort("a learner has no SCORM attempt after opening the lesson")
        note(f"signed in and players opened in {time.monotonic() - started:.0f} s")

        for learner in learners:
            learner.measuring = True
        window_start = time.monotonic() + 1.0
        server_cpu, client_cpu = server.cpu_seconds(), time.process_time()
        window_end = window_start + seconds
        threads = [
            threading.Thread(target=learner.run, args=(window_start, window_end, stop), daemon=True)
            for learner in learners
        ]
        for thread in threads:
            thread.start()
        note(f"measuring for {seconds:g} s")
        for thread in threads:
            thread.join(
                timeout=max(0.0, window_end - time.monotonic())
                + LEAVE_OVER_SECONDS
                + 4 * TIMEOUT_SECONDS
            )
        if any(thread.is_alive() for thread in threads):
            stop.set()
            stats.fail("a learner did not finish in time")
        elapsed = max(time.monotonic() - window_start, 0.001)
        server_cpu = server.cpu_seconds() - server_cpu
        client_cpu = time.process_time() - client_cpu

        samples = list(stats.samples)
        latencies = [sample.ms for sample in samples if sample.status]
        errors = len(stats.errors)
        acknowledged = sum(len(learner.acked) for learner in learners)
        emit("loadtest_requests_per_s", round(len(samples) / elapsed, 1), "requests/s")
        emit("loadtest_latency_ms_p50", percentile(latencies, 50), "ms")
        emit("loadtest_latency_ms_p95", percentile(latencies, 95), "ms")
        emit("loadtest_latency_ms_p99", percentile(latencies, 99), "ms")
        emit("loadtest_errors", errors, "errors")
        emit("loadtest_commits_acknowledged", acknowledged, "commits")

        lost, problems = commits_check(learners, scorm_lesson_id=site.scorm_lesson_id)
        emit("loadtest_commits_lost", lost, "commits")
        kinds = sorted({sample.kind for sample in samples})
        for kind in kinds:
            ms = [s.ms for s in samples if s.kind == kind and s.status]
            note(
                f"{kind}: {sum(1 for s in samples if s.kind == kind)} requests, "
                f"p50 {percentile(ms, 50)} ms, p99 {percentile(ms, 99)} ms"
            )
        note(
            f"{len(samples)} requests in {elapsed:.1f} s by {learner_count} learners, "
            f"{acknowledged} commits acknowledged and checked against the database"
        )
        note(
            f"CPU in the window: gunicorn {server_cpu:.1f} s, this load generator "
            f"{client_cpu:.1f} s ({os.cpu_count()} CPUs; load average "
            f"{', '.join(f'{x:.1f}' for x in os.getloadavg())})"
        )
        causes = Counter(re.sub(r" http://\S+:", ":", message) for message in stats.errors)
        for cause, count in causes.most_common(10):
            note(f"errors: {count} x {cause}")
        for message in stats.errors[:5]:
            note(f"error: {message}")
        for problem in problems[:20]:
            note(f"lost: {problem}")
        if errors or lost:
            note(f"FAILED: {errors} errors, {lost} lost commits")
            if server is not None:
                note(f"gunicorn log (end):\n{server.log_tail()}")
        else:
            note("OK: no error, every acknowledged commit is in the database")
            status = 0
    except LoadTestAbort as error:
        note(f"FAILED: {error}")
        if server is not None:
            note(f"gunicorn log (end):\n{server.log_tail()}")
    finally:
        signal.alarm(0)
        stop.set()
        if server is not None:
            server.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: S110 (Django may not be set up yet)
            pass
        if created:
            try:
                database_drop(server_url, name)
                note(f"database {name} dropped")
            except Exception as error:
                note(f"could not drop the database {name}: {error}")
                status = 1
        shutil.rmtree(workdir, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        note(f"total run time {time.monotonic() - run_started:.0f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
