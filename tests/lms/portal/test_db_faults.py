"""A lost database connection answers 503 with a French page (JSON for the SCORM runtime),
never a 500, and the next request works again.

The unit tests force the error with the test client (in a view, in another middleware);
the PostgreSQL test cuts the connections of a running gunicorn with
``pg_terminate_backend`` while requests are in flight (see ``tests/load/faults.py``).
"""

from __future__ import annotations

import json
from collections import Counter

import psycopg
import pytest
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.test import Client

from lms.portal import middleware_dbfaults
from lms.portal.middleware_dbfaults import is_connection_error


def _operational(cause: Exception) -> OperationalError:
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def test_connection_errors_are_told_from_other_database_errors():
    assert is_connection_error(InterfaceError("connection already closed"))
    assert is_connection_error(_operational(psycopg.errors.AdminShutdown("terminating connection")))
    assert is_connection_error(_operational(psycopg.OperationalError("server closed")))
    assert is_connection_error(_operational(psycopg.errors.ConnectionFailure("lost")))
    # Not connection-level: stay server errors.
    assert not is_connection_error(
        _operational(psycopg.errors.SerializationFailure("could not serialize"))
    )
    assert not is_connection_error(_operational(psycopg.errors.DeadlockDetected("deadlock")))
    assert not is_connection_error(DatabaseError("other"))
    assert not is_connection_error(ValueError("not a database error"))
    assert not is_connection_error(None)


def _break_view(monkeypatch, error: Exception) -> None:
    """Every Wagtail page view raises ``error`` (as its first query would)."""
    from wagtail.models import Page

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(Page, "route_for_request", staticmethod(broken))


@pytest.mark.django_db
def test_a_view_losing_the_connection_answers_503_with_a_french_page(monkeypatch, caplog):
    _break_view(monkeypatch, _operational(psycopg.errors.AdminShutdown("terminating")))
    response = Client().get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert 'lang="fr"' in html
    assert 'data-error="503"' in html
    assert "Page d'accueil" in html  # the page is rendered in French
    assert "Database connection lost during GET /" in caplog.text


@pytest.mark.django_db
def test_other_database_errors_stay_server_errors(monkeypatch):
    _break_view(monkeypatch, _operational(psycopg.errors.DeadlockDetected("deadlock")))
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500


@pytest.mark.django_db
def test_the_scorm_commit_endpoint_answers_json(monkeypatch):
    def broken(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("lms.scorm.views.attempt_token_read", broken)
    response = Client().post(
        "/scorm/commit/x/",
        data="{}",
        content_type="text/plain;charset=UTF-8",
        HTTP_ORIGIN="http://localhost",
    )
    assert response.status_code == 503
    body = response.json()
    assert body["result"] is False
    assert body["error"]["code"] == "unavailable"
    assert body["error"]["message"]


@pytest.mark.django_db
def test_the_scorm_commit_endpoint_answers_json_when_a_middleware_fails(monkeypatch):
    """The error comes before the URL is resolved (the language middleware's query)."""

    def broken(self, request):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("lms.portal.middleware.FrenchFirstLocaleMiddleware.process_request", broken)
    response = Client(raise_request_exception=False).post(
        "/scorm/commit/x/", data="{}", content_type="text/plain;charset=UTF-8"
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"


@pytest.mark.django_db
def test_json_clients_get_json(monkeypatch):
    _break_view(monkeypatch, InterfaceError("connection already closed"))
    response = Client().get("/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"


@pytest.mark.django_db
def test_a_middleware_losing_the_connection_answers_503(monkeypatch):
    """The error comes from another middleware (the session read): Django has already
    made it a 500 response, which becomes the 503."""

    def broken(self, *args, **kwargs):
        raise _operational(psycopg.OperationalError("server closed the connection"))

    monkeypatch.setattr(
        "django.contrib.sessions.backends.db.SessionStore.load", broken, raising=True
    )
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abcdefghijklmnopqrstuvwxyz012345"
    response = client.get("/mon-parcours/")
    assert response.status_code == 503
    assert 'data-error="503"' in response.content.decode()


@pytest.mark.django_db
def test_service_answers_again_after_the_fault(monkeypatch):
    with monkeypatch.context() as patch:
        _break_view(patch, InterfaceError("connection already closed"))
        assert Client().get("/").status_code == 503
    assert Client().get("/healthz").status_code == 200
    assert connection.is_usable()


def test_the_middleware_is_installed(settings):
    assert "lms.portal.middleware_dbfaults.DatabaseFaultMiddleware" in settings.MIDDLEWARE
    assert middleware_dbfaults.RETRY_AFTER_SECONDS > 0


# PostgreSQL: connections cut under a running gunicorn -------------------------------------

CUTS = 4
CUT_EVERY_SECONDS = 0.8
CLIENT_THREADS = 6
RECOVERY_SECONDS = 5.0


@pytest.fixture
def fault_site(requires_postgres, transactional_db, settings, tmp_path):
    """A learner signed in (session in the database), enrolled in a module with a SCORM
    lesson and an attempt; committed, so that the server sees it."""
    from decimal import Decimal

    from django.contrib.auth.hashers import make_password
    from django.urls import reverse
    from django.utils import timezone

    from lms.accounts.models import User
    from lms.enrolment.models import Enrolment
    from lms.scorm.models import ScormItem, ScormPackage, ScormPackageVersion
    from lms.scorm.pages import ScormLessonPage
    from lms.scorm.services import attempt_launch
    from lms.scorm.tokens import attempt_token_make
    from tests.benchmarks.support import curriculum_with_modules
    from tests.lms.enrolment.support import curricula_index_rebuilt, signed_in

    curricula_index_rebuilt()
    _curriculum, (module,), lessons = curriculum_with_modules(slug="pannes", modules=1, lessons=1)
    package = ScormPackage.objects.create(title="Paquet des pannes")
    version = ScormPackageVersion.objects.create(
        package=package,
        number=1,
        scorm_version="2004 4th",
        title="Paquet des pannes",
        storage_prefix="scorm/pannes/",
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
    )
    lesson = module.add_child(instance=ScormLessonPage(title="Leçon SCORM", package=package))
    learner = User.objects.create(
        email="pannes@example.org",
        first_name="Léa",
        last_name="Durand",
        password=make_password(None),
    )
    Enrolment.objects.create(
        learner=learner,
        module=module,
        status=Enrolment.Status.ACTIVE,
        source=Enrolment.Source.IMPORT,
        enrolled_at=timezone.now(),
    )
    attempt = attempt_launch(learner=learner, lesson=lesson)
    session_cookie = signed_in(learner).cookies[settings.SESSION_COOKIE_NAME].value
    connection.close()
    return {
        "session": session_cookie,
        "pages": ["/", reverse("dashboard:home"), module.url, lessons[module.pk][0].url],
        "commit": reverse("scorm:commit", args=[attempt_token_make(attempt.pk)]),
        "media": tmp_path / "media",
    }


def _fault_server(settings, media):
    import os
    import sys

    from tests.load.loadtest import Server, database_url

    db = connection.settings_dict
    server_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.load.server_settings",
        "DATABASE_URL": database_url(server_url, db["NAME"]),
        "CONN_MAX_AGE": "60",
        "SECRET_KEY": settings.SECRET_KEY,
        "MEDIA_ROOT": str(media),
        "LMS_SCORM_CONTENT_ORIGIN": "",
        "LMS_SITE_ORIGIN": "",
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    for name in ("DEBUG", "LOADTEST_DB_NAME", "REDIS_URL"):
        env.pop(name, None)
    return Server(env=env, log_path=media.parent / "gunicorn.log")


def statuses_of(answers) -> list[str]:
    return [
        f"{kind} {'error' if isinstance(answer, Exception) else answer.status_code}"
        for kind, answer in answers
    ]


@pytest.mark.postgres
def test_cut_connections_answer_503_in_french_and_service_recovers(fault_site, settings):
    import itertools
    import threading
    import time

    import requests

    server = _fault_server(settings, fault_site["media"])
    sequence = itertools.count(1)
    cookies = {settings.SESSION_COOKIE_NAME: fault_site["session"]}

    def call(kind: str):
        url = server.site
        if kind == "slow":
            return requests.get(f"{url}/_faults/slow/", timeout=10, allow_redirects=False)
        if kind == "commit":
            body = {"cmi": {"location": "p2", "session_time": "PT3S"}}
            body["commitSequence"] = next(sequence)
            return requests.post(
                url + fault_site["commit"],
                data=json.dumps(body),
                headers={
                    "Origin": f"http://{server.content_host}",
                    "Content-Type": "text/plain;charset=UTF-8",
                },
                timeout=10,
            )
        return requests.get(url + kind, cookies=cookies, timeout=10, allow_redirects=False)

    kinds = ["slow", "commit", "/healthz", "/comptes/connexion/", *fault_site["pages"]]
    try:
        for kind in kinds:  # everything answers before the cuts
            assert 200 <= call(kind).status_code < 400, kind

        answers: list[tuple[str, requests.Response | Exception]] = []
        stop = threading.Event()

        def client(offset: int) -> None:
            for kind in itertools.islice(itertools.cycle(kinds), offset, None):
                if stop.is_set():
                    return
                try:
                    answers.append((kind, call(kind)))
                except requests.RequestException as error:
                    answers.append((kind, error))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENT_THREADS)]
        for thread in threads:
            thread.start()
        killed = 0
        with connection.cursor() as cursor:
            for _ in range(CUTS):
                time.sleep(CUT_EVERY_SECONDS)
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [connection.settings_dict["NAME"]],
                )
                killed += cursor.fetchone()[0]
        last_cut = time.monotonic()
        time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

        assert killed > 0
        print(f"{killed} connections cut; answers: {Counter(statuses_of(answers))}")
        failures = [(kind, answer) for kind, answer in answers if isinstance(answer, Exception)]
        assert not failures, failures
        statuses = [(kind, answer.status_code) for kind, answer in answers]
        assert not [s for s in statuses if s[1] == 500], statuses
        unexpected = [s for s in statuses if not (200 <= s[1] < 400 or s[1] == 503)]
        assert not unexpected, unexpected
        unavailable = [(kind, answer) for kind, answer in answers if answer.status_code == 503]
        assert any(kind == "slow" for kind, _answer in unavailable), statuses
        for kind, answer in unavailable:
            if kind == "/healthz":
                assert answer.json()["database"] == "unavailable"
            elif kind == "commit":
                assert answer.json()["error"]["code"] == "unavailable"
            else:
                html = answer.text
                assert 'lang="fr"' in html and 'data-error="503"' in html, html[:300]
                assert "Page d'accueil" in html

        # Recovery, by itself: a full round answers within a few seconds of the last cut.
        while True:
            round_statuses = {kind: call(kind).status_code for kind in kinds}
            if all(200 <= status < 400 for status in round_statuses.values()):
                break
            assert time.monotonic() - last_cut < RECOVERY_SECONDS, round_statuses
            time.sleep(0.2)
        assert "Internal Server Error" not in server.log_tail(400)
    finally:
        server.stop()
