"""The review queue's search: accent- and case-insensitive, French and English (PostgreSQL).

* The `unaccent` extension and two text-search configurations, `editorial_french` and
  `editorial_english`: PostgreSQL's own, with accents removed before stemming, so "senat"
  finds "Sénat" and "postes" finds "poste".
* GIN indexes on the vectors the queue searches: a claim's text and speaker in the search table
  (factcheck.models.ClaimSearch, written once per claim by its trigger), an article's title.
  Outlet names are a short table and are searched without an index (0013 indexes them for
  their statistics).

Nothing happens on SQLite: the queue searches with icontains there (editorial.queue).
"""

from django.db import migrations

CONFIGS = {"editorial_french": ("french", "french_stem"), "editorial_english": ("english", "english_stem")}
CLAIM_DOCUMENT = "text || ' ' || speaker"
INDEXES = {
    f"editorial_claimsearch_{name}": f"factcheck_claimsearch USING gin "
                                     f"(to_tsvector('{name}'::regconfig, {CLAIM_DOCUMENT})) WITH (fastupdate = off)"
    for name in CONFIGS
} | {
    f"editorial_article_title_{name}": f"factcheck_article USING gin "
                                       f"(to_tsvector('{name}'::regconfig, title)) WITH (fastupdate = off)"
    for name in CONFIGS
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (parent, stemmer) in CONFIGS.items():
        run(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        run(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{parent})")
        run(f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}")
    for index, target in INDEXES.items():
        run(f"CREATE INDEX IF NOT EXISTS {index} ON {target}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    for name in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0008_audit_actions"),
        ("factcheck", "0004_candidate_window"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
