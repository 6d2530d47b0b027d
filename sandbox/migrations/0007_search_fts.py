"""The SQLite search index: empty FTS5 tables, one per kind (see sandbox.search.fts).

A database that already holds a catalogue (an upgrade) gets its rows indexed here, so
its searches keep finding what they found before; an empty one gets empty tables,
filled by the generator. `rebuild_search_index` drops and recreates them. PostgreSQL
uses the word index (SearchWord) instead: nothing to do there.
"""

from django.db import migrations

TABLES = ("sandbox_fts_artist", "sandbox_fts_release", "sandbox_fts_track")
CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS {} USING fts5("
    "object_id UNINDEXED, popularity UNINDEXED, title, artist, exact, unavailable, "
    "tokenize = \"unicode61 remove_diacritics 2 tokenchars '_'\", prefix = '1 2 3', "
    "columnsize = 0)"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    if apps.get_model("sandbox", "Artist").objects.exists():
        from sandbox.search import fts  # the same SQL as rebuild_search_index

        fts.rebuild()
        return
    for table in TABLES:
        schema_editor.execute(CREATE.format(table))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("sandbox", "0006_search_documents")]

    operations = [migrations.RunPython(create, drop)]
