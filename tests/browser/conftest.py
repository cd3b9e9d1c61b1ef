"""Browser tests: a live server on 127.0.0.1 (the site) that is also reached as
``localhost`` (the SCORM content origin, same port), and Debian's Chromium driven by
Playwright's sync API.

Skipped with a printed reason when ``/usr/bin/chromium`` is missing (a failure under
``CI=true``, see ``tests.conftest.skip_or_fail``). Playwright's sync API runs an event loop
in the test thread, hence ``DJANGO_ALLOW_ASYNC_UNSAFE``. With SQLite's in-memory test
database, the server's threads share the test's connection, so each request is handled
under :data:`DB_LOCK`, which the test's database reads take too (:func:`wait_for`,
:func:`db_read`); on PostgreSQL requests run in parallel on their own connections.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.test.utils import modify_settings

from tests.conftest import skip_or_fail

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SITE_HOST = "127.0.0.1"
CONTENT_HOST = "localhost"
# Taken by the serial server around each request and by the test around its database
# reads, when both share one SQLite connection.
DB_LOCK = threading.RLock()


class LockedWSGIServer(ThreadedWSGIServer):
    """Django's threaded server (sockets in parallel: Chrome keeps idle connections open),
    each request's application call (body included) under :data:`DB_LOCK`."""

    def set_app(self, application):
        def locked(environ, start_response):
            with DB_LOCK:
                result = application(environ, start_response)
                try:
                    body = b"".join(result)
                finally:
                    close = getattr(result, "close", None)
                    if close is not None:
                        close()
            return [body]

        super().set_app(locked)


class SerialLiveServerThread(LiveServerThread):
    """One request at a time (needed when the test shares its SQLite connection)."""

    def _create_server(self, connections_override=None):
        return LockedWSGIServer(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=False,
            connections_override=connections_override,
        )


class BrowserLiveServer:
    """A live server on 127.0.0.1 with a free port; ``url`` is the site, ``content_url``
    the content origin (``localhost``, same port)."""

    def __init__(self) -> None:
        from django.contrib.staticfiles.handlers import StaticFilesHandler

        shared = {
            conn.alias: conn
            for conn in connections.all()
            if conn.vendor == "sqlite" and conn.is_in_memory_db()
        }
        thread_class = SerialLiveServerThread if shared else LiveServerThread
        self.thread = thread_class(
            SITE_HOST, static_handler=StaticFilesHandler, connections_override=shared, port=0
        )
        self.thread.daemon = True
        # Enabled around each test by pytest-django's ``_live_server_helper``.
        self._live_server_modified_settings = modify_settings(
            ALLOWED_HOSTS={"append": [SITE_HOST, CONTENT_HOST]}
        )
        for conn in shared.values():
            conn.inc_thread_sharing()
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            self.stop()
            raise self.thread.error

    @property
    def port(self) -> int:
        return self.thread.port

    @property
    def url(self) -> str:
        return f"http://{SITE_HOST}:{self.port}"

    @property
    def content_url(self) -> str:
        return f"http://{CONTENT_HOST}:{self.port}"

    def stop(self) -> None:
        self.thread.terminate()
        for conn in self.thread.connections_override.values():
            conn.dec_thread_sharing()

    def __str__(self) -> str:
        return self.url


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker):
    """Overrides pytest-django's: bound to 127.0.0.1 (see the module notes). Tests using
    it get the transactional database from pytest-django."""
    with django_db_blocker.unblock():
        server = BrowserLiveServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """A Chromium browser for the session (skipped when it is not installed)."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium):
    context = chromium.new_context(locale="fr-FR")
    context.set_default_timeout(15_000)
    yield context
    context.close()
    # Let the beacons of closing pages land before the database is flushed.
    time.sleep(0.3)
    db_read(lambda: None)


def wait_for(predicate, *, timeout: float = 10.0, interval: float = 0.1, message: str = ""):
    """Poll ``predicate`` (e.g. a database read) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = db_read(predicate)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message or f"timed out waiting for {predicate}")
        time.sleep(interval)


def db_read(function, *args, **kwargs):
    """Call ``function`` (database reads) while the live server is not handling a request."""
    with DB_LOCK:
        return function(*args, **kwargs)
