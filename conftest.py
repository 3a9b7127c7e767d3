import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# Playwright's sync API runs an event loop in the test thread; Django must still
# allow ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["retour.testing.browser"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
