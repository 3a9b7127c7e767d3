"""Owner-only permissions for Retour's runtime state: var/, the key file, the SQLite file.

The SQLite file holds every case record and the key file decrypts their
identities, so nobody but the account running Retour may read them: 0700 for
the directories, 0600 for the files, whatever the umask. SQLite creates its
-wal and -shm files with the mode of the database file, so once the database
is 0600 they are too.

This module imports nothing from Django: settings use it before setup.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _owned(path: Path) -> bool:
    return path.stat().st_uid == os.getuid()


def private_dir(path: Path | str) -> Path:
    """Create ``path`` (and missing parents) as 0700; tighten it if it exists and is ours.

    Existing parents are left as they are: ``/srv`` or ``/tmp`` is not ours to change.
    """
    path = Path(path)
    missing = []
    cursor = path
    while not cursor.exists():
        missing.append(cursor)
        cursor = cursor.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(directory, DIR_MODE)
    if _owned(path):
        os.chmod(path, DIR_MODE)  # mkdir's mode passes through the umask; chmod does not
    return path


def private_file(path: Path | str) -> None:
    """Make an existing file of ours 0600 (a missing one is left missing)."""
    path = Path(path)
    with contextlib.suppress(FileNotFoundError):
        if _owned(path) and path.stat().st_mode & 0o777 != FILE_MODE:
            os.chmod(path, FILE_MODE)


def sqlite_path(settings_dict: dict) -> Path | None:
    """The file behind an SQLite connection, or None for an in-memory database."""
    name = str(settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return Path(name)


def sqlite_connection_private(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: the SQLite database and its journals are 0600."""
    if connection.vendor != "sqlite":
        return
    path = sqlite_path(connection.settings_dict)
    if path is None:
        return
    for suffix in SQLITE_SUFFIXES:
        private_file(f"{path}{suffix}")
