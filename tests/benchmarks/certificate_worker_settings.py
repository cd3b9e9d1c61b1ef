"""Settings of the ``db_worker`` processes started by ``test_certificate_bulk.py``:
production-like (DEBUG off, the django-tasks-db queue) on the benchmark's own database
(``BENCH_DB_NAME``), with media in ``MEDIA_ROOT``."""

import os

os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

from lms.settings.base import *  # noqa: E402,F403
from lms.settings.base import DATABASES  # noqa: E402

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DATABASES["default"]["NAME"] = os.environ["BENCH_DB_NAME"]
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
LMS_JOB_WATCHDOG_SECONDS = 0
# E-mails are excluded from the figure (the contract).
LMS_CERTIFICATE_EMAILS = False
