"""The candidate window in the names index (PostgreSQL only): each claim's 'simple' vector also
holds the week of its publication day, as a lexeme no text can produce ('~2813': weeks since
Monday 5 January 1970), and the candidate search asks the GIN index for the claim's names or
distinctive words *and* one of the weeks its window touches (factcheck.verifiers.search).

The index then finds the window's matches by itself. With the day in a b-tree beside it, the
planner chose by the table's size: on a young desk, or a busy day, it read every claim of the
window through the b-tree and matched each one's vector (371 rows a claim on the end-to-end
benchmark's desk: 1.5 ms a claim, against 1.0 ms now); on a large desk it and-ed the two
indexes. The GIN index reads the rare entries' posting lists and skips through the weeks'.
The day b-tree, used by nothing else, is dropped (one index less to write for every claim).
The window's exact days are still checked on the rows found.

The 'french' and 'english' vectors, unread since their indexes were dropped (0004), are dropped
too: computed for every claim written, they were 320 of the 690 bytes of an average row (at
300,000 generated claims), which the candidate search's heap reads page through.
"""

from django.db import migrations

TABLE = "factcheck_claimsearch"
NAMES_INDEX = "claimsearch_names"
# As factcheck.verifiers.search.WEEK_NUMBER computes it for the query; a NULL day holds no week.
WEEK = ("CASE WHEN published_on IS NULL THEN ''::tsvector ELSE array_to_tsvector(ARRAY["
        "'~' || ((published_on - DATE '1970-01-05') / 7)::text]) END")
VECTOR = "to_tsvector('simple'::regconfig, text)"
UNREAD = ("french", "english")


def _vector(schema_editor, expression):
    run = schema_editor.execute
    # A generated column's expression cannot be changed before PostgreSQL 17: dropped (with its
    # index) and added again, which computes it for every row.
    run(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_simple")
    run(f"ALTER TABLE {TABLE} ADD COLUMN search_simple tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED")
    run(f"CREATE INDEX IF NOT EXISTS {NAMES_INDEX} ON {TABLE} USING gin (search_simple) "
        "WITH (fastupdate = off)")
    run(f"ANALYZE {TABLE} (search_simple)")  # the distinctive words read its statistics


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Before the rewrite below, which then leaves their space behind.
        schema_editor.execute(f"ALTER TABLE {TABLE} " + ", ".join(
            f"DROP COLUMN IF EXISTS search_{config}" for config in UNREAD))
        _vector(schema_editor, f"{VECTOR} || {WEEK}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # As 0002 made them.
        schema_editor.execute(f"ALTER TABLE {TABLE} " + ", ".join(
            f"ADD COLUMN IF NOT EXISTS search_{config} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('{config}'::regconfig, text)) STORED"
            for config in UNREAD))
        _vector(schema_editor, VECTOR)


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0011_fingerprint_index_without_like")]
    operations = [
        migrations.RunPython(forward, backward, elidable=False),
        migrations.RemoveIndex(model_name="claimsearch", name="claimsearch_day"),
    ]
