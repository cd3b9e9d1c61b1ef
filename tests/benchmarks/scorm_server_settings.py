"""Settings of the gunicorn server started by ``test_scorm_commit.py``: the load test's
server settings (production-like: DEBUG off, persistent connections as in ``.env.example``)
on the benchmark's own test database (``BENCH_DB_NAME``), plus a bare JSON view as the
baseline."""

import os

from tests.load.server_settings import *  # noqa: F403
from tests.load.server_settings import DATABASES

ROOT_URLCONF = "tests.benchmarks.scorm_server_urls"
DATABASES["default"]["NAME"] = os.environ["BENCH_DB_NAME"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
