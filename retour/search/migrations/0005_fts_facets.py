"""SQLite: rebuild the FTS5 table with a ``facets`` column (locale, kind and
country as tokens) so filters are applied inside the full-text index."""

from django.db import migrations

from retour.search.backends import FACETS_SQL, FTS_TABLE, SQLITE_CREATE


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    for sql in SQLITE_CREATE:
        schema_editor.execute(sql)
    schema_editor.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, title, body, facets) "
        f"SELECT d.id, d.index_title, d.index_body, {FACETS_SQL} FROM search_searchdocument d"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_searchterm_per_locale")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
