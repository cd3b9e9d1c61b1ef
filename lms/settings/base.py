"""Project settings, read from the environment (see ``.env.example``).

Without any environment the project runs in development mode on an embedded SQLite
database under ``var/``, with local file storage and the django-tasks-db worker.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LMS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable (1/true/yes/on)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def development_secret_key() -> str:
    """Return the development key, generated once and kept in ``var/``."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates override the libraries'.
    "lms.accounts",
    "lms.portal",
    "lms.access",
    "lms.audit",
    "lms.people",
    "lms.enrolment",
    "lms.progress",
    "lms.dashboard",
    "lms.jobs",
    "lms.notifications",
    "lms.imports",
    "lms.reports",
    "lms.demo",
    "lms.scorm",
    "lms.binomes",
    "lms.certificates",
    "curriculum",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # State design system
    "dsfr",
    "widget_tweaks",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Requests on the SCORM content origin get their own URLs (package files only).
    "lms.scorm.middleware.ContentOriginMiddleware",
    # A lost database connection answers 503 (French page or JSON), never 500.
    "lms.portal.middleware_dbfaults.DatabaseFaultMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.portal.middleware.FrenchFirstLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.accounts.middleware.AdminAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.portal.context_processors.site_links",
            ],
        },
    },
]

# Database: DATABASE_URL, or an embedded SQLite file in WAL mode with a busy timeout so the
# web server and the task worker can share it.
SQLITE_PATH = VAR_DIR / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "/comptes/connexion/"

# Internationalisation: French first, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]

# Static and media files, through Django's storage API.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The SCORM runtime, served from the npm package pinned in package-lock.json.
    ("vendor/scorm-again", BASE_DIR / "node_modules" / "scorm-again" / "dist"),
]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Cache: Redis when REDIS_URL is set (shared between gunicorn processes), memory otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    CACHES["shared"] = CACHES["default"]
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # What every process must see the same (rate limits): the database without Redis
        # (table created by the portal's migration 0003).
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lms_shared_cache",
        },
    }

# Background work: django-tasks API, django-tasks-db worker by default (no broker).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# E-mail: console in development, SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "La fonction publique s'engage <ne-pas-repondre@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict in production (``manage.py check --deploy`` is clean).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Wagtail
WAGTAIL_SITE_NAME = "La fonction publique s'engage"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "xlsx", "zip", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
WAGTAILUSERS_PASSWORD_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# SCORM (lms.scorm). The content origin serves package files and the runtime wrapper; it
# must be another site than the LMS in production (system check scorm.W001/W002). Empty:
# development mode, content on http://localhost:<port> beside http://127.0.0.1:<port>.
LMS_SITE_ORIGIN = os.environ.get("LMS_SITE_ORIGIN", "").rstrip("/")
LMS_SCORM_CONTENT_ORIGIN = os.environ.get("LMS_SCORM_CONTENT_ORIGIN", "").rstrip("/")
if LMS_SCORM_CONTENT_ORIGIN and ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(LMS_SCORM_CONTENT_ORIGIN.split("://", 1)[-1].split(":")[0])
# Upload and archive limits (refused above them, nothing written).
LMS_SCORM_MAX_UPLOAD_BYTES = int(os.environ.get("LMS_SCORM_MAX_UPLOAD_BYTES", 500 * 1024**2))
LMS_SCORM_MAX_ENTRIES = int(os.environ.get("LMS_SCORM_MAX_ENTRIES", 10_000))
LMS_SCORM_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("LMS_SCORM_MAX_UNCOMPRESSED_BYTES", 2 * 1024**3)
)
LMS_SCORM_MAX_COMPRESSION_RATIO = int(os.environ.get("LMS_SCORM_MAX_COMPRESSION_RATIO", 200))
# Attempts a learner may start per SCO (trainers can grant more); 0 = unlimited.
LMS_SCORM_MAX_ATTEMPTS = int(os.environ.get("LMS_SCORM_MAX_ATTEMPTS", 3))
# Lifetime of the content-origin token (a working day) and of an attempt's commit token.
LMS_SCORM_CONTENT_TOKEN_MAX_AGE = int(
    os.environ.get("LMS_SCORM_CONTENT_TOKEN_MAX_AGE", 10 * 60 * 60)
)
LMS_SCORM_ATTEMPT_TOKEN_MAX_AGE = int(
    os.environ.get("LMS_SCORM_ATTEMPT_TOKEN_MAX_AGE", 10 * 60 * 60)
)
# Seconds between automatic commits of the runtime.
LMS_SCORM_AUTOCOMMIT_SECONDS = int(os.environ.get("LMS_SCORM_AUTOCOMMIT_SECONDS", 30))

# Certificates (lms.certificates): public verification requests allowed per client address
# ("30/minute"; second, minute, hour or day), and how many reverse proxies in front of
# Django append the client's address to X-Forwarded-For (0: the connection's address).
LMS_CERTIFICATE_VERIFY_RATE = os.environ.get("LMS_CERTIFICATE_VERIFY_RATE", "30/minute")
# Background jobs (lms.jobs): lease, attempts, watchdog (documented in .env.example).
LMS_JOB_LEASE_SECONDS = int(os.environ.get("LMS_JOB_LEASE_SECONDS", "60"))
LMS_JOB_MAX_ATTEMPTS = int(os.environ.get("LMS_JOB_MAX_ATTEMPTS", "10"))
LMS_JOB_WATCHDOG_SECONDS = int(os.environ.get("LMS_JOB_WATCHDOG_SECONDS", "30"))
# Bulk issuance: worker tasks per job (run as many db_worker processes), learners per batch.
LMS_CERTIFICATE_BULK_WORKERS = int(os.environ.get("LMS_CERTIFICATE_BULK_WORKERS", "2"))
LMS_CERTIFICATE_BULK_BATCH = int(os.environ.get("LMS_CERTIFICATE_BULK_BATCH", "10"))
# E-mail each learner when their certificate is ready (notifications' editable template).
LMS_CERTIFICATE_EMAILS = env_bool("LMS_CERTIFICATE_EMAILS", True)
LMS_TRUSTED_PROXY_COUNT = int(os.environ.get("LMS_TRUSTED_PROXY_COUNT", 0))

# Binômes (lms.binomes): the largest deliverable a binôme may upload (20 MB by default).
LMS_BINOME_DELIVERABLE_MAX_BYTES = int(
    os.environ.get("LMS_BINOME_DELIVERABLE_MAX_BYTES", 20 * 1024**2)
)

# Learner imports (lms.imports): file size and rows, the background threshold, and how long
# an unconfirmed preview (names, e-mail addresses) is kept.
LMS_IMPORT_MAX_BYTES = int(os.environ.get("LMS_IMPORT_MAX_BYTES", 5 * 1024 * 1024))
LMS_IMPORT_MAX_ROWS = int(os.environ.get("LMS_IMPORT_MAX_ROWS", 20_000))
LMS_IMPORT_BACKGROUND_THRESHOLD = int(os.environ.get("LMS_IMPORT_BACKGROUND_THRESHOLD", 500))
LMS_IMPORT_PREVIEW_HOURS = int(os.environ.get("LMS_IMPORT_PREVIEW_HOURS", 48))

# Progress (lms.progress): most seconds a content lesson's heartbeat, or an activity's session
# reported at once, may add.
LMS_HEARTBEAT_MAX_SECONDS = int(os.environ.get("LMS_HEARTBEAT_MAX_SECONDS", 60))
LMS_LESSON_SESSION_MAX_SECONDS = int(os.environ.get("LMS_LESSON_SESSION_MAX_SECONDS", 4 * 3600))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs each rendering step (and its stylesheets parsed at import) at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
