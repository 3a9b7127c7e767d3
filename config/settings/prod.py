"""Production: refuses to start unless the essentials are configured."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
for _name in _REQUIRED:
    if not os.environ.get(_name, "").strip():
        raise ImproperlyConfigured(
            f"Retour production settings: environment variable {_name} is required but not set."
        )

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# A missing encryption key must stop production, never silently create a new
# key that cannot read the data already stored.
RETOUR_FIELD_KEY_AUTOCREATE = False
