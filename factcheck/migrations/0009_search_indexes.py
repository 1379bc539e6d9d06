"""Search table indexes (PostgreSQL only): the candidate search's names, the admin's search.

Each claim's names were matched against every row of its window (about 7,300 rows a claim at a
million generated claims, 6.7 ms a probe). A GIN index on the stored 'simple' vectors, and-ed by
PostgreSQL with the publication day's b-tree, reads the posting lists of the claim's names and
then only the window's rows that hold one (3 ms a probe there; factcheck.verifiers.search).
Without "fast update", as in 0002: the verifiers search right after claims are written, and a
pending list would be read in full by every search.

The article's b-tree lets the admin's claim search or its text, speaker and title matches
through indexes (factcheck.admin_search).
"""

from django.db import migrations

TABLE = "factcheck_claimsearch"
INDEXES = {
    "claimsearch_names": f"{TABLE} USING gin (search_simple) WITH (fastupdate = off)",
    "claimsearch_article": f"{TABLE} (article_id)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0008_monitoring_indexes")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
