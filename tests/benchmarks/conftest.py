"""Benchmark fixtures: the test database in a file, so that a subprocess can read it.

With SQLite, pytest-django would otherwise make an in-memory database, invisible to the
fresh subprocesses that measure peak memory. With ``BENCH_DATABASE_URL`` (PostgreSQL),
pytest-django creates and drops its own ``test_…`` database on that server.
"""

import pytest
from django.db import connections


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    settings = connections["default"].settings_dict
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        settings.setdefault("TEST", {})
        settings["TEST"]["NAME"] = str(tmp_path_factory.mktemp("bench-db") / "bench.sqlite3")
