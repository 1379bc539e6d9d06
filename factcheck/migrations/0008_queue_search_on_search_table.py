"""The review queue's trigram indexes move from the claim table to the search table.

The queue searches claims by text and speaker (ILIKE, pg_trgm GIN indexes). On the claim table
those two indexes took a new entry, trigrams computed again, for every new row version, and the
pipeline writes each claim five or six times (roll-ups, clusters, repeat counts). The search
table is written once per claim, by its trigger, which now copies the speaker too.

The indexes are on lower(text) and lower(speaker): the same rows for ILIKE, and the verifiers'
similarity search (`text % …`) cannot pick them over its GiST index (0006), whose leaves decide
`%` without rechecking each row.

On SQLite only the column is added: the queue searches the claim table there.
"""

from django.db import migrations, models

TABLE = "factcheck_claimsearch"
CLAIM_INDEXES = {
    "factcheck_claim_text_trgm": "factcheck_claim USING gin (text gin_trgm_ops)",
    "factcheck_claim_speaker_trgm": "factcheck_claim USING gin (speaker gin_trgm_ops)",
}
SEARCH_INDEXES = {
    f"{TABLE}_queue_text": f"{TABLE} USING gin (lower(text) gin_trgm_ops)",
    f"{TABLE}_queue_speaker": f"{TABLE} USING gin (lower(speaker) gin_trgm_ops)",
}


def sync_function(with_speaker):
    columns = "claim_id, article_id, text, fingerprint, is_current" + (", speaker" if with_speaker else "")
    values = "NEW.id, NEW.article_id, NEW.text, NEW.fingerprint, NEW.is_current" + (
        ", NEW.speaker" if with_speaker else "")
    updates = ("article_id = EXCLUDED.article_id, text = EXCLUDED.text, "
               "fingerprint = EXCLUDED.fingerprint, is_current = EXCLUDED.is_current"
               + (", speaker = EXCLUDED.speaker" if with_speaker else ""))
    return f"""
        CREATE OR REPLACE FUNCTION factcheck_claim_search_sync() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {TABLE} ({columns}) VALUES ({values})
            ON CONFLICT (claim_id) DO UPDATE SET {updates};
            RETURN NULL;
        END $$
    """


def sync_trigger(with_speaker):
    columns = "article_id, text, fingerprint, is_current" + (", speaker" if with_speaker else "")
    return f"""
        CREATE TRIGGER factcheck_claim_search_sync
        AFTER INSERT OR UPDATE OF {columns} ON factcheck_claim
        FOR EACH ROW EXECUTE FUNCTION factcheck_claim_search_sync()
    """


def move_to_search_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run(sync_function(with_speaker=True))
    run("DROP TRIGGER IF EXISTS factcheck_claim_search_sync ON factcheck_claim")
    run(sync_trigger(with_speaker=True))
    run(f"UPDATE {TABLE} s SET speaker = c.speaker FROM factcheck_claim c "
        "WHERE c.id = s.claim_id AND c.speaker <> ''")
    for name, target in SEARCH_INDEXES.items():
        run(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    for name in CLAIM_INDEXES:
        run(f"DROP INDEX IF EXISTS {name}")


def move_back(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    for name, target in CLAIM_INDEXES.items():
        run(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    for name in SEARCH_INDEXES:
        run(f"DROP INDEX IF EXISTS {name}")
    run("DROP TRIGGER IF EXISTS factcheck_claim_search_sync ON factcheck_claim")
    run(sync_function(with_speaker=False))
    run(sync_trigger(with_speaker=False))


class Migration(migrations.Migration):

    dependencies = [
        ("factcheck", "0007_verification_evidence_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="claimsearch",
            name="speaker",
            field=models.CharField(blank=True, default="", max_length=300),
        ),
        # Reversed, the function must lose its speaker before the column goes.
        migrations.RunPython(move_to_search_table, move_back, elidable=False),
    ]
