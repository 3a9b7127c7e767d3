"""SQLite: rebuild the FTS5 table with a ``facets`` column (locale, kind and
country as tokens) so filters are applied inside the full-text index."""

from django.db import migrations

# As this migration made them (0013 moves the table to external content).
FTS_TABLE = "search_fts"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, body, facets, "
    "tokenize = 'unicode61 remove_diacritics 0')",
]
FACETS_SQL = (
    "'zzl' || lower(replace(replace(d.locale, '-', ''), '_', '')) || "
    "' zzk' || replace(d.kind, '_', '') || "
    "' zzc' || CASE WHEN d.country = '' THEN 'none' ELSE lower(d.country) END"
)


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
