import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# Playwright's sync API runs an event loop; Django must still allow ORM calls
# from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
