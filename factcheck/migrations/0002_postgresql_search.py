"""PostgreSQL's search objects: nothing here runs on SQLite, where the verifiers and the review
queue fall back to the claim table (factcheck/verifiers/search.py, editorial/queue.py).

* pg_trgm; a trigram index on article titles (the review queue's search).
* The claims' search table (ClaimSearch) is filled by a trigger when a claim is inserted or its
  article, text, fingerprint, currency or speaker change: the pipeline rewrites claim rows five
  or six times (roll-ups, clusters, repeat counts), and PostgreSQL writes every index again for
  each row version; the search table is written once per claim.
* Stored full-text vectors ('simple' for names, 'french', 'english') with GIN indexes without
  "fast update" (the verifiers search right after claims are written, and a pending list would
  be read in full by every search).
* A GiST trigram index on the text (its leaves hold each text's trigrams, so `%` is decided in
  the index without rechecking each row), and the review queue's GIN trigram indexes on
  lower(text) and lower(speaker).

The expressions must read exactly as the queries in factcheck/verifiers/search.py and
editorial/queue.py do, or PostgreSQL will not use the indexes.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

TABLE = "factcheck_claimsearch"
CONFIGS = ("simple", "french", "english")
COPIED = ("article_id", "text", "fingerprint", "is_current", "speaker")
INDEXES = {
    "factcheck_article_title_trgm": "factcheck_article USING gin (title gin_trgm_ops)",
    **{f"{TABLE}_search_{c}": f"{TABLE} USING gin (search_{c}) WITH (fastupdate = off)"
       for c in CONFIGS},
    f"{TABLE}_queue_text": f"{TABLE} USING gin (lower(text) gin_trgm_ops)",
    f"{TABLE}_queue_speaker": f"{TABLE} USING gin (lower(speaker) gin_trgm_ops)",
}
TEXT_TRGM = f"{TABLE}_text_trgm"
GIST = f"CREATE INDEX IF NOT EXISTS {TEXT_TRGM} ON {TABLE} USING gist (text gist_trgm_ops(siglen = 128))"
GIST_BEFORE_13 = f"CREATE INDEX IF NOT EXISTS {TEXT_TRGM} ON {TABLE} USING gist (text gist_trgm_ops)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run(f"ALTER TABLE {TABLE} " + ", ".join(
        f"ADD COLUMN IF NOT EXISTS search_{c} tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('{c}'::regconfig, text)) STORED" for c in CONFIGS))
    for name, target in INDEXES.items():
        run(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    # Before PostgreSQL 13 the signature length is fixed (12 bytes): the same rows, pruned less.
    run(GIST if schema_editor.connection.pg_version >= 130000 else GIST_BEFORE_13)
    columns = ", ".join(COPIED)
    run(f"""
        CREATE OR REPLACE FUNCTION factcheck_claim_search_sync() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {TABLE} (claim_id, {columns})
            VALUES (NEW.id, {", ".join(f"NEW.{c}" for c in COPIED)})
            ON CONFLICT (claim_id) DO UPDATE SET
                {", ".join(f"{c} = EXCLUDED.{c}" for c in COPIED)};
            RETURN NULL;
        END $$
    """)
    run("DROP TRIGGER IF EXISTS factcheck_claim_search_sync ON factcheck_claim")
    run(f"""
        CREATE TRIGGER factcheck_claim_search_sync
        AFTER INSERT OR UPDATE OF {columns} ON factcheck_claim
        FOR EACH ROW EXECUTE FUNCTION factcheck_claim_search_sync()
    """)
    run(f"INSERT INTO {TABLE} (claim_id, {columns}) SELECT id, {columns} FROM factcheck_claim "
        "ON CONFLICT (claim_id) DO NOTHING")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("DROP TRIGGER IF EXISTS factcheck_claim_search_sync ON factcheck_claim")
    run("DROP FUNCTION IF EXISTS factcheck_claim_search_sync()")
    for name in [*INDEXES, TEXT_TRGM]:
        run(f"DROP INDEX IF EXISTS {name}")
    run(f"ALTER TABLE {TABLE} " + ", ".join(f"DROP COLUMN IF EXISTS search_{c}" for c in CONFIGS))


class Migration(migrations.Migration):
    replaces = [
        ("factcheck", "0006_claim_search_gist"),
        ("factcheck", "0008_queue_search_on_search_table"),
    ]
    dependencies = [("factcheck", "0001_schema")]
    operations = [
        TrigramExtension(),
        migrations.RunPython(create, drop, elidable=False),
    ]
