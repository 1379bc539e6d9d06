"""Trigram GIN indexes on claim speakers and article titles (proposed by the queue engineer).

PostgreSQL only (pg_trgm comes from 0002); on SQLite these operations do nothing.
"""

from django.db import migrations

INDEXES = {
    "factcheck_claim_speaker_trgm": "factcheck_claim USING gin (speaker gin_trgm_ops)",
    "factcheck_article_title_trgm": "factcheck_article USING gin (title gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("factcheck", "0002_pipeline_search"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
