"""Indexes for the review queue's search on a large desk (PostgreSQL only).

* GIN indexes on the open claims' own text and speaker, as the queue searches them. It read
  every claim of the desk holding the words through the search table's indexes (0009), then
  each of those claims to keep the open ones: a name in 1,400 of a million claims cost 1,400
  pages of the search table and 2,500 of the claims when not cached (330 ms). Partial indexes
  on the claims still needing a decision (a third of a generated desk) find them in the claim
  rows the page reads anyway: 470 pages (50 ms uncached, 5 ms cached). Searches under a
  decided status still go through the search table.
* GIN indexes on the outlets' names. The outlet table is short, and the queue's search matched
  its names without an index. But PostgreSQL keeps statistics on an indexed expression only:
  without them it guessed that 16 of 200 outlets matched a word ("cette" matched one),
  estimated 3,300 of their articles, and read the whole article table (40,000 rows at a million
  claims, 22 ms and mostly from disk) instead of the matching outlets' articles (1 ms).
"""

from django.db import migrations

CONFIGS = ("editorial_french", "editorial_english")
# As editorial.queue matches them: the same expression, and a predicate its filters imply.
CLAIM_DOCUMENT = "text || ' ' || speaker"
OPEN = "is_current AND status IN ('new', 'in_review', 'pending_approval')"
INDEXES = {
    f"editorial_open_claim_{name}": f"factcheck_claim USING gin "
                                    f"(to_tsvector('{name}'::regconfig, {CLAIM_DOCUMENT})) WHERE {OPEN}"
    for name in CONFIGS
} | {
    f"editorial_source_name_{name}": f"factcheck_source USING gin (to_tsvector('{name}'::regconfig, name))"
    for name in CONFIGS
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {target}")
    schema_editor.execute("ANALYZE factcheck_source")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0012_corrections_and_retractions"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
