"""SQLite: the FTS5 table reads its terms from the document rows (external
content) instead of keeping a second copy; the filter tokens get a column of
their own (``index_facets``) so that FTS5 can read them there too."""

from django.db import migrations, models

from retour.search.backends import FTS_TABLE, SQLITE_CREATE

# facets_text() in SQL, for the rows already there (the same on both databases).
_FILL = (
    "UPDATE search_searchdocument SET index_facets = "
    "'zzl' || lower(replace(replace(locale, '-', ''), '_', '')) || "
    "' zzk' || replace(kind, '_', '') || "
    "' zzc' || CASE WHEN country = '' THEN 'none' ELSE lower(country) END"
)


def forwards(apps, schema_editor):
    schema_editor.execute(_FILL)
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    for sql in SQLITE_CREATE:  # creates the table and indexes every row
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, facets, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )
    schema_editor.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, title, body, facets) "
        "SELECT id, index_title, index_body, index_facets FROM search_searchdocument"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0012_home_and_office_concepts")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="index_facets",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(forwards, backwards),
    ]
