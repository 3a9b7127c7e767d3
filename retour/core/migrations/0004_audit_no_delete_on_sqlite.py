"""The audit log refuses DELETE on SQLite too (0003 refused only UPDATE there).

Both databases now refuse UPDATE and DELETE of an audit row with a trigger.
Neither refuses emptying the whole database: PostgreSQL's TRUNCATE does not
fire row triggers, and on SQLite the test runner's flush lifts the trigger for
its own DELETE (``retour.core.audit_triggers.sqlite_flush``), so transactional
tests start clean on both.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete
BEFORE DELETE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS core_auditevent_no_delete;"

# In place since 0003; restated so a database where someone dropped it by hand
# gets it back.
PG_UP = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent;
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE OR DELETE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""


def up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_append_only")]
    operations = [migrations.RunPython(up, down)]
