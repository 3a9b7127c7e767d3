"""A migrated SQLite template for the test database, reused while migrations are unchanged.

Migrating Django, Wagtail and every Retour app takes most of a test session's start,
and ``make test`` starts several (two xdist workers, then the serial browser pass).
The first session migrates as Django always does, then keeps a copy of the migrated
in-memory database and its serialized snapshot (what serialized rollback restores)
under ``var/test-db/``, named by a hash of every migration file, the installed apps
and the Django and SQLite versions. Later sessions copy it into their in-memory
database with SQLite's backup API instead of migrating. A lock makes concurrent
workers build it once. ``RETOUR_TEST_DB_TEMPLATE=0`` turns it off; PostgreSQL and
file-backed SQLite test databases are never touched.

Nothing that runs on ``post_migrate`` may depend on more than the migrations: today
the handlers (orgs and content group syncs) only touch existing organisations, and a
fresh test database has none.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import sys
import time
from pathlib import Path

SCHEME = "retour-test-template-1"


def enabled() -> bool:
    return os.environ.get("RETOUR_TEST_DB_TEMPLATE", "1") != "0"


def template_dir() -> Path:
    from django.conf import settings

    return Path(settings.BASE_DIR) / "var" / "test-db"


def template_key() -> str:
    """Changes whenever the migrated schema or its data could."""
    import django
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    for part in (SCHEME, django.get_version(), sqlite3.sqlite_version, sys.version):
        digest.update(part.encode())
    digest.update(repr([app.name for app in apps.get_app_configs()]).encode())
    digest.update(repr(sorted(loader.unmigrated_apps)).encode())
    for key in sorted(loader.disk_migrations):
        migration = loader.disk_migrations[key]
        source = Path(sys.modules[type(migration).__module__].__file__ or "")
        digest.update(repr(key).encode())
        digest.update(source.read_bytes())
    # Data modules a migration imports (the concept seeds, "_concept_seed_4.py")
    # live beside the migrations and are not migrations themselves.
    folders = {
        Path(sys.modules[type(m).__module__].__file__ or "").parent
        for m in loader.disk_migrations.values()
    }
    for helper in sorted(p for folder in folders for p in folder.glob("_*.py")):
        if helper.name != "__init__.py":
            digest.update(helper.name.encode())
            digest.update(helper.read_bytes())
    return digest.hexdigest()[:20]


def _paths(key: str) -> tuple[Path, Path]:
    base = template_dir() / f"template-{key}"
    return base.with_suffix(".sqlite3"), base.with_suffix(".json")


def install() -> None:
    """Wrap SQLite's create_test_db (call before the test databases are set up)."""
    from django.db.backends.sqlite3.creation import DatabaseCreation

    if getattr(DatabaseCreation.create_test_db, "_retour_template", False):
        return
    original = DatabaseCreation.create_test_db

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if not enabled() or keepdb or not self.is_in_memory_db(self._get_test_db_name()):
            return original(self, verbosity, autoclobber, serialize, keepdb)
        key = template_key()
        database, snapshot = _paths(key)
        template_dir().mkdir(parents=True, exist_ok=True)
        with open(template_dir() / "build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # a concurrent worker builds it once
            if not (database.exists() and snapshot.exists()):
                name = original(self, verbosity, autoclobber, True, keepdb)
                _save(self.connection, database, snapshot)
                _remember(database, snapshot)
                if not serialize:
                    self.connection._test_serialized_contents = None
                return name
        return _load(self, database, snapshot, serialize=serialize, verbosity=verbosity)

    create_test_db._retour_template = True  # type: ignore[attr-defined]
    DatabaseCreation.create_test_db = create_test_db  # type: ignore[method-assign]
    _install_restore(DatabaseCreation)
    _install_teardown_restore()


# The template that this session's in-memory database was made from, and its
# snapshot's text: serialized rollback restores exactly that snapshot.
_ACTIVE: dict[str, object] = {}


def _remember(database: Path, snapshot: Path) -> None:
    _ACTIVE.update(database=database, text=snapshot.read_text(encoding="utf-8"))


def _backup_when_unlocked(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Copy ``source`` over ``target``, waiting out a request the live server is finishing.

    A browser test can end while the page it opened still has a request in the
    live server's thread (a poll, an image); that thread's read lock on the shared
    in-memory database makes the backup fail with "database table is locked". The
    request ends within milliseconds, so try again for a few seconds first.
    """
    for attempt in range(50):
        try:
            source.backup(target)
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == 49:
                raise
            time.sleep(0.1)


def _install_restore(creation_class) -> None:
    """Serialized rollback by copying the template back, not by deserializing it.

    Every transactional test (each browser test among them) starts from the
    snapshot; Django rebuilds it object by object (about 1.4 s of CPU a test
    here). When the snapshot is the template's own, SQLite's backup API writes
    the same rows back in milliseconds. Any other data goes Django's way.
    """
    original = creation_class.deserialize_db_from_string

    def deserialize_db_from_string(self, data):
        if self.connection.__dict__.pop("_retour_restored", False):
            return  # the last transactional test's teardown already put the rows back
        database = _ACTIVE.get("database")
        name = self.connection.settings_dict["NAME"]
        if database is None or data != _ACTIVE.get("text") or not self.is_in_memory_db(name):
            return original(self, data)
        self.connection.ensure_connection()
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            _backup_when_unlocked(source, self.connection.connection)
        finally:
            source.close()

    deserialize_db_from_string._retour_template = True  # type: ignore[attr-defined]
    creation_class.deserialize_db_from_string = deserialize_db_from_string


def _install_teardown_restore() -> None:
    """A transactional test leaves the migrated rows behind, not an empty database.

    Django flushes after a transactional test and restores the snapshot before the
    next one, which is only safe when every ordinary test has already run: Django's
    runner and pytest-django put transactional tests last for that reason. `make
    test` runs browser tests (transactional) on a worker that runs ordinary tests
    afterwards (retour/testing/scheduling.py), so the snapshot goes back right after
    the flush instead (SQLite: the backup API, milliseconds; PostgreSQL: Django's
    deserialization), and the next transactional test's restore is skipped.
    """
    from django.db import connections
    from django.db.backends.base.creation import BaseDatabaseCreation
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_teardown  # type: ignore[attr-defined]
    if getattr(original, "_retour_template", False):
        return
    deserialize = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize_unless_restored(self, data):
        if self.connection.__dict__.pop("_retour_restored", False):
            return None
        return deserialize(self, data)

    BaseDatabaseCreation.deserialize_db_from_string = deserialize_unless_restored  # type: ignore[method-assign]

    def _fixture_teardown(self):
        original(self)
        if not self.serialized_rollback:
            return
        for alias in self._databases_names(include_mirrors=False):
            connection = connections[alias]
            data = getattr(connection, "_test_serialized_contents", None)
            if data:
                connection.creation.deserialize_db_from_string(data)
                connection.__dict__["_retour_restored"] = True

    _fixture_teardown._retour_template = True  # type: ignore[attr-defined]
    TransactionTestCase._fixture_teardown = _fixture_teardown  # type: ignore[attr-defined]


def copy_migrated(target: Path) -> bool:
    """Write this session's migrated template to ``target`` as a SQLite file (for a
    subprocess such as ``retour demo``); False when the session has none (PostgreSQL,
    the template turned off), and the caller migrates as usual."""
    database = _ACTIVE.get("database")
    if not isinstance(database, Path) or not database.exists():
        return False
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return True


def _save(connection, database: Path, snapshot: Path) -> None:
    for old in template_dir().glob("template-*"):
        old.unlink(missing_ok=True)  # only the current migrations' template is kept
    partial = database.with_suffix(f".{os.getpid()}.partial")
    target = sqlite3.connect(partial)
    try:
        connection.ensure_connection()
        connection.connection.backup(target)
    finally:
        target.close()
    snapshot.write_text(connection._test_serialized_contents, encoding="utf-8")
    os.replace(partial, database)  # last: a template exists only with its snapshot


def _load(creation, database: Path, snapshot: Path, *, serialize: bool, verbosity: int) -> str:
    """What create_test_db leaves behind, with the migrated rows copied instead of migrated."""
    from django.conf import settings
    from django.core.management import call_command

    connection = creation.connection
    name = creation._get_test_db_name()
    if verbosity >= 1:
        creation.log(
            f"Copying the migrated test database for alias {connection.alias!r} from {database.name}..."
        )
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    _remember(database, snapshot)
    if serialize:
        connection._test_serialized_contents = _ACTIVE["text"]
    call_command("createcachetable", database=connection.alias)
    connection.ensure_connection()
    return name
