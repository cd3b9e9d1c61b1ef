"""Settings of the gunicorn server of the load test (``tests/load/loadtest.py``) and of the
database fault test (``tests/lms/portal/test_db_faults.py``).

Production-like (DEBUG off, persistent connections with health checks as ``.env.example``
advises, the database from ``DATABASE_URL``, ``LOADTEST_DB_NAME`` overriding its name) on
plain HTTP at 127.0.0.1 (the site) and localhost (the SCORM content origin), with a fast
password hasher (the learners' accounts are made in bulk) and static files referenced
without a manifest (the load test does not fetch them).
"""

import os

os.environ["DEBUG"] = "0"
os.environ.setdefault("CONN_MAX_AGE", "60")

from lms.settings.base import *  # noqa: E402,F403
from lms.settings.base import DATABASES, STORAGES  # noqa: E402

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ROOT_URLCONF = "tests.load.server_urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("LOADTEST_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["LOADTEST_DB_NAME"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
