"""The claims' search table (factcheck.models.ClaimSearch) and, on PostgreSQL, what fills and
indexes it.

* A trigger copies each claim's text, article, fingerprint and currency into the table when the
  claim is inserted or one of those changes; existing claims are copied here.
* Stored full-text vectors ('simple' for names, 'french', 'english'): ranking candidates
  (ts_rank) no longer tokenises each one again for every claim searched.
* GIN indexes without "fast update": new entries would otherwise wait in a pending list that
  every search reads in full, and the verifiers search right after claims are written.
* The full-text expression indexes on the claim table (0002) go: nothing searches them now.
  Its trigram index on the text stays, for the review queue's search.

On SQLite only the (empty) table is created: the search falls back to the claim table there.
"""

import django.db.models.deletion
from django.db import migrations, models

CONFIGS = ("simple", "french", "english")
OLD_INDEXES = {f"factcheck_claim_text_fts_{c}": f"gin (to_tsvector('{c}'::regconfig, text))"
               for c in CONFIGS}
TABLE = "factcheck_claimsearch"


def add_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    columns = ", ".join(
        f"ADD COLUMN search_{c} tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('{c}'::regconfig, text)) STORED"
        for c in CONFIGS
    )
    run(f"ALTER TABLE {TABLE} {columns}")
    run(f"CREATE INDEX {TABLE}_text_trgm ON {TABLE} USING gin (text gin_trgm_ops) "
        "WITH (fastupdate = off)")
    for c in CONFIGS:
        run(f"CREATE INDEX {TABLE}_search_{c} ON {TABLE} USING gin (search_{c}) "
            "WITH (fastupdate = off)")
    run(f"""
        CREATE FUNCTION factcheck_claim_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {TABLE} (claim_id, article_id, text, fingerprint, is_current)
            VALUES (NEW.id, NEW.article_id, NEW.text, NEW.fingerprint, NEW.is_current)
            ON CONFLICT (claim_id) DO UPDATE SET
                article_id = EXCLUDED.article_id, text = EXCLUDED.text,
                fingerprint = EXCLUDED.fingerprint, is_current = EXCLUDED.is_current;
            RETURN NULL;
        END $$
    """)
    run("""
        CREATE TRIGGER factcheck_claim_search_sync
        AFTER INSERT OR UPDATE OF article_id, text, fingerprint, is_current ON factcheck_claim
        FOR EACH ROW EXECUTE FUNCTION factcheck_claim_search_sync()
    """)
    run(f"INSERT INTO {TABLE} (claim_id, article_id, text, fingerprint, is_current) "
        "SELECT id, article_id, text, fingerprint, is_current FROM factcheck_claim "
        "ON CONFLICT (claim_id) DO NOTHING")
    for name in OLD_INDEXES:
        run(f"DROP INDEX IF EXISTS {name}")


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, using in OLD_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON factcheck_claim USING {using}")
    schema_editor.execute("DROP TRIGGER IF EXISTS factcheck_claim_search_sync ON factcheck_claim")
    schema_editor.execute("DROP FUNCTION IF EXISTS factcheck_claim_search_sync()")


class Migration(migrations.Migration):

    dependencies = [
        ("factcheck", "0003_trigram_speaker_title"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimSearch",
            fields=[
                ("claim", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                    related_name="search_entry", serialize=False, to="factcheck.claim")),
                ("article_id", models.BigIntegerField()),
                ("text", models.TextField()),
                ("fingerprint", models.CharField(db_index=True, max_length=40)),
                ("is_current", models.BooleanField(default=True)),
            ],
            options={
                "verbose_name": "claim search entry",
                "verbose_name_plural": "claim search entries",
            },
        ),
        migrations.RunPython(add_search, drop_search, elidable=False),
    ]
