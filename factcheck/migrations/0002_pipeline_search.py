"""Verification.enqueued_at for the sweeper, and the search indexes the verifiers use.

pg_trgm and the GIN indexes exist only on PostgreSQL; on SQLite the verifiers fall back to a
portable search (factcheck/verifiers/search.py), so these operations do nothing there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# The expressions must read exactly as the queries in factcheck/verifiers/search.py do, or
# PostgreSQL will not use the indexes.
INDEXES = {
    "factcheck_claim_text_trgm": "gin (text gin_trgm_ops)",
    "factcheck_claim_text_fts_simple": "gin (to_tsvector('simple'::regconfig, text))",
    "factcheck_claim_text_fts_french": "gin (to_tsvector('french'::regconfig, text))",
    "factcheck_claim_text_fts_english": "gin (to_tsvector('english'::regconfig, text))",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, using in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON factcheck_claim USING {using}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("factcheck", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="verification",
            name="enqueued_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
