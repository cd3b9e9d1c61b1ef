"""Settings of the gunicorn server started by ``test_scorm_commit.py``: production-like
(DEBUG off, persistent connections as in ``.env.example``) on the benchmark's own test
database (``BENCH_DB_NAME``), plus a bare JSON view as the baseline."""

import os

os.environ["DEBUG"] = "0"
os.environ.setdefault("CONN_MAX_AGE", "60")

from lms.settings.base import *  # noqa: E402,F403
from lms.settings.base import DATABASES  # noqa: E402

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "tests.benchmarks.scorm_server_urls"
DATABASES["default"]["NAME"] = os.environ["BENCH_DB_NAME"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
