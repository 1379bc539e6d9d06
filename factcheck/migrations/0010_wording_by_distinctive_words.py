"""Claims worded alike are found by their distinctive words; PostgreSQL's JIT off (PostgreSQL only).

The candidate search finds a claim's rewordings through the 'simple' vectors' GIN index (two of
the claim's rarest words, factcheck.verifiers.distinctive) and computes their trigram similarity
there: the trigram index led by the publication day, which every probe read over its whole
window (6 ms a claim at a million generated claims, against 2.9 ms now), is no longer used and
costs every claim written a GiST insertion. Dropped.

JIT compilation is turned off for the database: the desk runs short statements, and at a million
claims the planner's estimates for the queue's searches crossed `jit_above_cost`, which spent
89 ms compiling a statement that ran in 40 ms. Set on the database, so that it holds behind a
connection pooler too; a role not allowed to change it leaves a notice and the setting as it was.
"""

from django.db import migrations

TEXT_TRGM = "factcheck_claimsearch_day_text_trgm"
DATABASE_SETTING = """
    DO $$ BEGIN
        EXECUTE format('ALTER DATABASE %%I {action}', current_database());
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'factcheck: not allowed to change jit for this database: left as it is';
    END $$
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TEXT_TRGM}")
        schema_editor.execute(DATABASE_SETTING.format(action="SET jit = off"))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # As migration 0004 built it.
        siglen = "(siglen = 128)" if schema_editor.connection.pg_version >= 130000 else ""
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TEXT_TRGM} ON factcheck_claimsearch "
                              f"USING gist (published_on, text gist_trgm_ops{siglen})")
        schema_editor.execute(DATABASE_SETTING.format(action="RESET jit"))


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0009_search_indexes")]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
