"""The candidate search looks at claims published near the claim's own date (PostgreSQL only).

On a desk of years of articles, a claim's common words, its most cited names and its trigrams
match tens of thousands of rows, and each probe read them all (about 200 ms a claim at 100,000
claims). Other outlets report the same event within days: the search table now holds each
claim's publication day (its article's, or its arrival on the desk), with a b-tree index, and
the trigram index leads with that day (btree_gist), so a probe reads only the rows of the window
(factcheck.verifiers.search.CANDIDATE_WINDOW_DAYS). Names and words are matched on the window's
rows with their stored vectors: the full-text GIN indexes, which read every row of the desk
holding a common word or name, are dropped (at a million generated claims a GIN index led by
the day still took 26 ms a probe, the window's rows read through the b-tree 4–11 ms). The same
wording is still found at any date through the fingerprint's b-tree.

The trigger copies the day from the article when a claim is written; a second trigger follows
an article whose publication date changes.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models

TABLE = "factcheck_claimsearch"
CONFIGS = ("simple", "french", "english")
COPIED = ("article_id", "text", "fingerprint", "is_current", "speaker")
# The article's day, in UTC as Django stores times (search.py computes the same in Python).
ARTICLE_DAY = ("(SELECT (coalesce(a.published_at, a.created_at) AT TIME ZONE 'UTC')::date "
               "FROM factcheck_article a WHERE a.id = {article})")
TEXT_TRGM = f"{TABLE}_day_text_trgm"
OLD_INDEXES = [*(f"{TABLE}_search_{c}" for c in CONFIGS), f"{TABLE}_text_trgm"]


def trigram_index(connection):
    # Before PostgreSQL 13 the signature length is fixed (12 bytes): the same rows, pruned less.
    siglen = "(siglen = 128)" if connection.pg_version >= 130000 else ""
    return f"{TABLE} USING gist (published_on, text gist_trgm_ops{siglen})"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    columns = ", ".join(COPIED)
    run(f"""
        CREATE OR REPLACE FUNCTION factcheck_claim_search_sync() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {TABLE} (claim_id, {columns}, published_on)
            VALUES (NEW.id, {", ".join(f"NEW.{c}" for c in COPIED)},
                    {ARTICLE_DAY.format(article="NEW.article_id")})
            ON CONFLICT (claim_id) DO UPDATE SET
                {", ".join(f"{c} = EXCLUDED.{c}" for c in COPIED)},
                published_on = EXCLUDED.published_on;
            RETURN NULL;
        END $$
    """)
    run(f"""
        CREATE OR REPLACE FUNCTION factcheck_article_search_day() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE {TABLE} SET published_on = {ARTICLE_DAY.format(article="NEW.id")}
            WHERE article_id = NEW.id;
            RETURN NULL;
        END $$
    """)
    run("DROP TRIGGER IF EXISTS factcheck_article_search_day ON factcheck_article")
    run("""
        CREATE TRIGGER factcheck_article_search_day
        AFTER UPDATE OF published_at ON factcheck_article
        FOR EACH ROW WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
        EXECUTE FUNCTION factcheck_article_search_day()
    """)
    run(f"UPDATE {TABLE} s SET published_on = {ARTICLE_DAY.format(article='s.article_id')}")
    for name in OLD_INDEXES:
        run(f"DROP INDEX IF EXISTS {name}")
    run(f"CREATE INDEX IF NOT EXISTS {TEXT_TRGM} ON {trigram_index(schema_editor.connection)}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    previous = __import__("importlib").import_module("factcheck.migrations.0002_postgresql_search")
    run = schema_editor.execute
    run("DROP TRIGGER IF EXISTS factcheck_article_search_day ON factcheck_article")
    run("DROP FUNCTION IF EXISTS factcheck_article_search_day()")
    run(f"DROP INDEX IF EXISTS {TEXT_TRGM}")
    # The previous trigger function and indexes, as 0002 creates them.
    previous.create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0003_verbatim_claim_text")]
    operations = [
        BtreeGistExtension(),
        migrations.AddField(
            model_name="claimsearch", name="published_on",
            field=models.DateField(null=True, blank=True),
        ),
        migrations.AddIndex(
            model_name="claimsearch",
            index=models.Index(fields=["published_on"], name="claimsearch_day"),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
