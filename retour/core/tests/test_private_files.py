"""var/, var/keys, the key file and the SQLite database are owner-only (0700 / 0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.settings import base as base_settings
from retour.core import crypto
from retour.core.private_files import private_dir


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    # The usual umask (022) gives 0755 / 0644: what the report found.
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_private_dir_creates_every_missing_level_0700(tmp_path, loose_umask):
    os.chmod(tmp_path, 0o755)
    keys = private_dir(tmp_path / "var" / "keys")
    assert mode(tmp_path / "var") == 0o700
    assert mode(keys) == 0o700
    assert mode(tmp_path) == 0o755  # an existing parent is not ours to change


def test_private_dir_tightens_an_existing_directory(tmp_path, loose_umask):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    private_dir(var)
    assert mode(var) == 0o700


def test_key_file_and_its_directories(tmp_path, loose_umask):
    path = tmp_path / "var" / "keys" / "field.keys"
    crypto.write_key_file(path, ["k1"])
    assert mode(tmp_path / "var") == 0o700
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


def test_settings_create_var_dir_owner_only(tmp_path, monkeypatch, loose_umask):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("RETOUR_SQLITE_PATH", raising=False)
    monkeypatch.setattr(base_settings, "VAR_DIR", tmp_path / "var")
    config = base_settings.database_config()
    assert mode(tmp_path / "var") == 0o700
    assert config["NAME"] == str(tmp_path / "var" / "retour.sqlite3")


@pytest.mark.django_db
def test_sqlite_database_and_wal_files_are_0600(tmp_path, monkeypatch, loose_umask):
    # The embedded SQLite configuration, also when the suite runs on PostgreSQL.
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(base_settings, "VAR_DIR", tmp_path / "var")
    var = private_dir(tmp_path / "var")
    settings_dict = {
        **base_settings.database_config(),
        "NAME": str(var / "retour.sqlite3"),
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
    }
    wrapper = DatabaseWrapper(settings_dict, alias="permissions-test")
    try:
        with wrapper.cursor() as cursor:  # connect: connection_created fires
            cursor.execute("CREATE TABLE t (x integer)")
            cursor.execute("INSERT INTO t VALUES (1)")
        files = [p for p in var.iterdir() if p.name.startswith("retour.sqlite3")]
        assert {p.name for p in files} >= {"retour.sqlite3", "retour.sqlite3-wal"}
        for path in files:
            assert mode(path) == 0o600, path.name
    finally:
        wrapper.close()
