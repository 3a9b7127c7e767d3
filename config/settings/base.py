"""Settings shared by every environment.

Everything that differs between machines is read from the environment so the
same code runs as the embedded SQLite demo and as several stateless app servers
behind PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
import django.conf.locale

from retour.core.private_files import private_dir

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Runtime state (SQLite file, encryption keys in dev, collected static) lives
# outside the package so a clean clone never ships data.
VAR_DIR = Path(os.environ.get("RETOUR_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# One Django app per domain noun; see docs/architecture.md.
RETOUR_APPS = [
    "retour.core",
    "retour.orgs",
    "retour.content",
    "retour.search",
    "retour.channels",
    "retour.campaigns",
    "retour.cases",
    "retour.surveys",
    "retour.reintegration",
    "retour.api",
    "retour.jobs",
    # Top floor: the demo, serve, doctor and worker commands (imports the apps above).
    "retour.platform",
]

INSTALLED_APPS = [
    *RETOUR_APPS,
    # Durable background jobs: Django's tasks framework (backport) with its
    # database backend, so SQLite and PostgreSQL both need no broker; see retour/jobs.
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
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
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "retour.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "retour.core.middleware.TwoFactorRequiredMiddleware",
    "retour.orgs.middleware.CurrentOrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "retour.core.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes must be last so it sees the final authentication outcome.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "retour" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "retour.core.context_processors.retour",
            ],
        },
    }
]


def database_config() -> dict[str, Any]:
    """SQLite (WAL) by default; PostgreSQL when DATABASE_URL is set."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        return dict(config)
    # Owner-only: the database holds every case (retour/core/private_files.py).
    private_dir(VAR_DIR)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("RETOUR_SQLITE_PATH", str(VAR_DIR / "retour.sqlite3")),
        "OPTIONS": {
            # WAL lets readers proceed while one writer commits; IMMEDIATE avoids
            # "database is locked" upgrades from read to write mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": database_config()}

# Background jobs (retour/jobs): one queue table in the main database. Workers
# (`retour worker`) claim rows with SELECT ... FOR UPDATE SKIP LOCKED on
# PostgreSQL, so any number of them on any number of machines share it.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    },
    # The CLI runs a job in its own process with this one: same record, no worker needed.
    "inline": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    },
}
# A running job's lease: a worker renews it every HEARTBEAT seconds; a job whose
# lease has expired (its worker was killed) is retried or failed with a reason.
RETOUR_JOBS = {
    "LEASE_SECONDS": float(os.environ.get("RETOUR_JOBS_LEASE_SECONDS", "60")),
    "HEARTBEAT_SECONDS": float(os.environ.get("RETOUR_JOBS_HEARTBEAT_SECONDS", "5")),
    "TICK_SECONDS": float(os.environ.get("RETOUR_JOBS_TICK_SECONDS", "15")),
}
# Periodic work, enqueued by the workers (exactly once per slot; see
# retour/jobs/scheduler.py). Times are local (TIME_ZONE).
RETOUR_SCHEDULES = {
    "content-digest": {"task": "retour.content.tasks.digest_send", "daily_at": "07:00"},
    "case-retention": {"task": "retour.cases.tasks.retention_run", "daily_at": "02:30"},
    "surveys-schedule": {
        "task": "retour.surveys.tasks.monitoring_rounds_schedule",
        "daily_at": "03:00",
    },
    # Survey servers (KoboToolbox, ODK Central) with a pull interval; each pull is its own job.
    "surveys-pull": {"task": "retour.surveys.tasks.servers_pull_due", "every_seconds": 300},
    "chat-retention": {"task": "retour.channels.tasks.retention_run", "daily_at": "02:45"},
    "chat-outbox-sweep": {"task": "retour.channels.tasks.outbox_sweep", "every_seconds": 60},
    # Finished jobs, slots and queue rows (django-tasks-db's prune_db_task_results, and more).
    "jobs-prune": {"task": "retour.jobs.tasks.jobs_prune", "daily_at": "03:30"},
    # Logged questions (gap analytics) are kept RETOUR_QUERY_LOG_DAYS, not forever.
    "search-query-log-retention": {
        "task": "retour.search.tasks.query_log_retention",
        "daily_at": "02:50",
    },
    # The gaps page's daily counts: new closed days every 15 minutes, and the day
    # that just closed once more when its last questions are surely committed.
    "search-gaps-rollup": {"task": "retour.search.tasks.gaps_rollup", "every_seconds": 900},
    "search-gaps-rollup-day": {
        "task": "retour.search.tasks.gaps_rollup",
        "daily_at": "00:05",
        "kwargs": {"recount_closed_day": True},
    },
}
RETOUR_QUERY_LOG_DAYS = int(os.environ.get("RETOUR_QUERY_LOG_DAYS", "400"))
# Which demo translations `retour demo` writes (empty: every language that has
# sample texts). Loading each wagtail-localize translation is most of the demo's
# time; a shorter list gives a quicker demo (and quicker tests of the loaders
# themselves) with the other languages served as labelled English fallback.
RETOUR_DEMO_TRANSLATIONS = env_list("RETOUR_DEMO_TRANSLATIONS")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "retour",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "wagtailadmin_login"

# Login throttling: lock a username+IP pair after 5 failures for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Proxies whose X-Forwarded-For we believe (IPs or CIDRs, comma-separated; none by
# default). Every rate limit and the login lock-out key on retour.core.net.client_ip.
RETOUR_TRUSTED_PROXIES = env_list("RETOUR_TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "retour.core.net.client_ip"

# Two-factor sign-in (retour/core/two_factor.py): mandatory for superusers and for
# whoever holds one of these permissions in any organisation: reading identities,
# exporting data, or adding members (which can grant the first two).
RETOUR_TWO_FACTOR_PERMISSIONS = [
    "cases.view_identity",
    "cases.change_identity",
    "cases.export_case",
    "surveys.export_analytics",
    "orgs.add_membership",
]
OTP_TOTP_ISSUER = "Retour"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Strict CSP for every page: no inline script anywhere, nothing third-party.
# Wagtail's admin sets style attributes from its own scripts, so only the admin
# gets 'unsafe-inline' for styles (never for scripts); see core/middleware.py.
RETOUR_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
RETOUR_CSP_ADMIN_OVERRIDES = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
}

LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
# Launch locales (issue 3). Right-to-left: ar, fa, ps, ur.
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("no", "Norsk"),
    ("de", "Deutsch"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("ps", "پښتو"),
    ("ti", "ትግርኛ"),
    ("so", "Soomaali"),
    ("ru", "Русский"),
    ("sq", "Shqip"),
    ("ur", "اردو"),
]
RTL_LANGUAGES = {"ar", "fa", "ps", "ur"}
# Django knows no name or direction for these launch languages; without them
# {% get_language_info %} fails. (Each also needs a catalogue in retour/locale,
# even an empty one: Django serves /<code>/ URLs only for languages it has one for.)
django.conf.locale.LANG_INFO.update(
    {
        "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
        "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
        "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    }
)
LOCALE_PATHS = [BASE_DIR / "retour" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("RETOUR_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "retour" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("RETOUR_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Retour"
WAGTAILADMIN_BASE_URL = os.environ.get("RETOUR_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls home
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars must not leak e-mail hashes to a third party
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# wagtail-localize's "Translate" action would otherwise publish the new
# translation at once when the source is live: an English copy under /ar/,
# published by an editor who may not publish. Translations start as drafts and
# go live through review (retour/content/review.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILEMBEDS_FINDERS: list = []  # embeds would fetch third-party content
WAGTAILDOCS_SERVE_METHOD = "serve_view"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # A session counts only once its second factor is verified (retour/api/authentication.py).
        "retour.api.authentication.TwoFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "retour.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min", "webhook": "30/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Retour API",
    "DESCRIPTION": "Read-only access to reviewed return information, answers and registries.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["retour.api.schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "retour.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CountryCodeEnum": "retour.content.api.COUNTRY_CODES",
        "PageTypeEnum": [
            "country_sheet",
            "decision_explainer",
            "programme",
            "service_point",
            "short_answer",
        ],
    },
}

# Identifying fields of case records are encrypted with keys kept outside the
# database (env var or key file); see retour/core/crypto.py.
RETOUR_FIELD_KEYS = env_list("RETOUR_FIELD_KEYS")
RETOUR_FIELD_KEY_FILE = Path(
    os.environ.get("RETOUR_FIELD_KEY_FILE", VAR_DIR / "keys" / "field.keys")
)
# Chat channels (retour/channels): secrets only from the environment.
RETOUR_TELEGRAM_BOT_TOKEN = os.environ.get("RETOUR_TELEGRAM_BOT_TOKEN", "")
RETOUR_TELEGRAM_SECRET = os.environ.get("RETOUR_TELEGRAM_SECRET", "")
RETOUR_WHATSAPP_APP_SECRET = os.environ.get("RETOUR_WHATSAPP_APP_SECRET", "")
RETOUR_WHATSAPP_VERIFY_TOKEN = os.environ.get("RETOUR_WHATSAPP_VERIFY_TOKEN", "")
RETOUR_WHATSAPP_TOKEN = os.environ.get("RETOUR_WHATSAPP_TOKEN", "")
RETOUR_RAPIDPRO_TOKEN = os.environ.get("RETOUR_RAPIDPRO_TOKEN", "")
RETOUR_SMS_AUTH_TOKEN = os.environ.get("RETOUR_SMS_AUTH_TOKEN", "")
# Owner of the channels configured by the RETOUR_<TYPE>_* settings above (an
# organisation slug); channels configured in the admin name their own.
RETOUR_CHANNEL_ORGANISATION = os.environ.get("RETOUR_CHANNEL_ORGANISATION", "")
# Where people open the links chat sends them: the public site, not the
# app server's internal address.
RETOUR_PUBLIC_BASE_URL = os.environ.get("RETOUR_PUBLIC_BASE_URL", WAGTAILADMIN_BASE_URL)
# Keyed hashing of chat sender ids (rate limiting only, never stored in clear).
RETOUR_HASH_KEY = os.environ.get("RETOUR_HASH_KEY", "")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "retour@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
