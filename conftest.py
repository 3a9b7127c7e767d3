import os

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# Playwright's sync API runs an event loop in the test thread; Django must still
# allow ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["retour.testing.browser"]


def pytest_configure(config):
    # With xdist: one pass, browser tests as one unit, costliest units first
    # (retour/testing/scheduling.py); the controller records what each unit took.
    if getattr(config.option, "dist", "no") == "loadscope" and not hasattr(config, "workerinput"):
        from retour.testing.scheduling import DurationRecorder

        config.pluginmanager.register(DurationRecorder(), "retour-durations")
    # The audit log refuses DELETE; the flush after a transactional test empties
    # it the way PostgreSQL's TRUNCATE does (retour/core/audit_triggers.py).
    from retour.core.audit_triggers import install_sqlite_flush
    from retour.testing import template_db

    install_sqlite_flush()
    # SQLite sessions copy a migrated template instead of migrating (retour/testing/template_db.py).
    template_db.install()


def pytest_xdist_make_scheduler(config, log):
    if config.option.dist != "loadscope":
        return None
    from retour.testing.scheduling import CostliestFirstScheduling

    return CostliestFirstScheduling(config, log)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (Wagtail's root page,
    locales, content types) instead of leaving an empty database behind.

    Mixing serialized and non-serialized transactional tests breaks Django's
    restore (a plain flush re-creates content types that the restore then
    inserts again), so we make all of them serialized, whoever wrote them.
    """
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        marker = item.get_closest_marker("django_db")
        transactional = (
            "live_server" in names
            or "transactional_db" in names
            or (marker is not None and marker.kwargs.get("transaction"))
        )
        if transactional and "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the snapshot that serialized rollback restores from.

    Django hangs it on the connection object, but connections are per
    context (asgiref.Local), and Playwright's sync API runs the browser tests
    in another context: there ``connections["default"]`` is a new object
    without it, so after the first flush a browser test found no Wagtail root
    page or collection (but only when an ordinary test had set up the
    database first). Hung on the connection's class instead, every
    connection object of the alias finds it, whichever fixture (pytest-django's
    live-server helper runs first) restores from it.
    """
    from django.db import connections

    serialized = [c for c in connections.all() if hasattr(c, "_test_serialized_contents")]
    if len(serialized) == 1:  # one database (the default): its class may carry it
        conn = serialized[0]
        type(conn)._test_serialized_contents = conn._test_serialized_contents
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches, so no test sees another's cached
    values (search facets, document counts, rate-limit counters)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    # Page reads wait in a per-process buffer (retour/content/rendering.py) until a
    # flush; a test's rolled-back page id is reused by the next test's page, so a
    # read left pending by one test would be counted on another's page.
    from retour.content import rendering

    with rendering._lock:
        rendering._pending.clear()


# The route walker's coverage (retour/core/tests/test_cross_org_routes.py), in
# every run that includes it, xdist or not: workers write, this process prints.
from retour.testing.routes import coverage_file, coverage_summary  # noqa: E402

coverage_file()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not hasattr(config, "workerinput"):
        coverage_summary(terminalreporter)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. Django's LocaleMiddleware leaves
    the language of the last request active in the thread, so a test that fetched
    /ar/ would otherwise hand Arabic to the next test's gettext calls."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
