"""Test settings: fast hashing, in-memory SQLite unless DATABASE_URL is set."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
# A fresh key per run: tests must never depend on a developer's key file.
_tmp = Path(tempfile.mkdtemp(prefix="retour-test-"))
RETOUR_FIELD_KEYS = ["dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0="]
RETOUR_FIELD_KEY_FILE = _tmp / "field.keys"
RETOUR_HASH_KEY = "test-hash-key"
# ODK Validate (Java, ~1-2 s a form) runs in the tests that ask for it (surveys/tests).
RETOUR_XLSFORM_ODK_VALIDATE = False
# Survey server pulls never reach the network in tests (fakes: surveys/tests/fake_servers.py).
RETOUR_SURVEY_HTTP_CLIENT = "retour.surveys.sources.http.no_network_client"
MEDIA_ROOT = _tmp / "media"
STATIC_ROOT = _tmp / "static"
STATIC_ROOT.mkdir()
if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "TEST": {"NAME": ":memory:"},
        }
    }
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run inline at enqueue time in tests (same transaction, same thread);
# retour/jobs/tests exercise the database backend and a real worker loop.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    },
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "inline": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    },
}
