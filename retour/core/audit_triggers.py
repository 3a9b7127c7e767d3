"""How the test runner empties an SQLite database whose audit log refuses DELETE.

Migration 0004 puts a ``BEFORE DELETE`` trigger on ``core_auditevent``. Django's
flush (run after every transactional test) empties SQLite tables with DELETE,
which that trigger refuses; on PostgreSQL it uses TRUNCATE, which row triggers
do not see. :func:`install_sqlite_flush` makes the SQLite flush do what
TRUNCATE does: drop the trigger, empty the tables and put the trigger back, in
the flush's one transaction. Only the test configuration installs it
(``conftest.py``); elsewhere ``manage.py flush`` on SQLite stays refused.
"""

from __future__ import annotations

import functools

TABLE = "core_auditevent"
DROP_DELETE_TRIGGER = "DROP TRIGGER IF EXISTS core_auditevent_no_delete"
CREATE_DELETE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete BEFORE DELETE ON core_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
)


def install_sqlite_flush() -> None:
    # Through the backend's base module: importing operations first is circular.
    from django.db.backends.sqlite3 import base as sqlite_base

    DatabaseOperations = sqlite_base.DatabaseWrapper.ops_class
    original = DatabaseOperations.sql_flush
    if getattr(original, "keeps_audit_trigger", False):
        return

    @functools.wraps(original)
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        sql = original(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if TABLE not in tables:
            return sql
        return [DROP_DELETE_TRIGGER, *sql, CREATE_DELETE_TRIGGER]

    sql_flush.keeps_audit_trigger = True  # type: ignore[attr-defined]
    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
