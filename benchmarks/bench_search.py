"""Candidate search: the trigram index of the search table, GiST (migration 0002_postgresql_search)
against a GIN trigram index, on the same rows in the same run.

Runs on its own PostgreSQL database (fc_bench_search, created and dropped here) on the server
DATABASE_URL points to. Two tables hold the same claim texts, one per index, built with the
migrations' own statements. Texts: sentences of ../shared/corpus (beside the checkout) and the demo articles, cut
and with words swapped at run time (nothing copied into the project), so that many are alike
as wire copy is. Rows: milliseconds per probe (`%` from 0.35, the corroboration threshold, with
the similarity of each row found, as the search reads it) at two desk sizes, and the cost of
writing a row. ratio = GIN / GiST (above 1: GiST is faster).
"""

import importlib
import os
import random
import time

from benchmarks.support import admin_connection, missing_services, recreate_database

BENCH_DB = os.environ.get("BENCH_SEARCH_DB", "fc_bench_search")
SIZES = [int(n) for n in os.environ.get("BENCH_SEARCH_SIZES", "2000,20000").split(",")]
PROBES = 60
THRESHOLD = 0.35


def _texts(n, seed):
    from benchmarks.bench_pipeline import _sentences

    rng = random.Random(seed)
    pool = [s.split() for s in _sentences()]
    vocab = sorted({w for words in pool for w in words})
    out = []
    for _ in range(n):
        words = rng.choice(pool)
        start = rng.randrange(0, max(1, len(words) - 8))
        cut = words[start:start + rng.randint(8, 25)]
        out.append(" ".join(w if rng.random() > 0.3 else rng.choice(vocab) for w in cut))
    return out


# The GIN trigram index the GiST one is compared with (what a trigram index is by default).
GIN = ("CREATE INDEX factcheck_claimsearch_text_trgm ON factcheck_claimsearch "
       "USING gin (text gin_trgm_ops) WITH (fastupdate = off)")


def _index_statements():
    migration = importlib.import_module("factcheck.migrations.0002_postgresql_search")
    return {"gin": GIN, "gist": migration.GIST}


def _timed_probes(conn, table, probes):
    with conn.transaction():
        conn.execute(f"SELECT set_config('pg_trgm.similarity_threshold', '{THRESHOLD}', true), "
                     "set_config('enable_seqscan', 'off', true)")
        found = set()
        started = time.perf_counter()
        for i, text in enumerate(probes):
            found |= {(i, pk) for pk, _sim in conn.execute(
                f"SELECT claim_id, similarity(text, %s) FROM {table} WHERE text %% %s",
                (text, text)).fetchall()}
        return (time.perf_counter() - started) / len(probes) * 1000, found


def _timed_inserts(conn, table, texts):
    started = time.perf_counter()
    with conn.transaction(), conn.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} (text) VALUES (%s)", [(t,) for t in texts])
    return (time.perf_counter() - started) / len(texts) * 1e6


def run():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.test")
    django.setup()
    from django.conf import settings

    settings_dict = settings.DATABASES["default"]
    missing = missing_services("candidate search", "ms")
    if missing:
        return missing
    recreate_database(settings_dict, BENCH_DB)
    statements = _index_statements()
    rows = []
    try:
        with admin_connection(settings_dict, dbname=BENCH_DB) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for kind in statements:
                table = f"search_{kind}"
                conn.execute(f"CREATE TABLE {table} (claim_id bigserial PRIMARY KEY, text text)")
                conn.execute(statements[kind].replace("factcheck_claimsearch_text_trgm",
                                                      f"{table}_trgm")
                             .replace("factcheck_claimsearch", table))
            probes = _texts(PROBES, seed=2)
            loaded = 0
            for size in SIZES:
                batch = _texts(size - loaded, seed=size)
                loaded = size
                per_row = {kind: _timed_inserts(conn, f"search_{kind}", batch) for kind in statements}
                for kind in statements:
                    conn.execute(f"VACUUM ANALYZE search_{kind}")
                timed = {kind: _timed_probes(conn, f"search_{kind}", probes) for kind in statements}
                if timed["gin"][1] != timed["gist"][1]:  # both tables got the same ids
                    raise RuntimeError("GIN and GiST found different rows")
                rows.append({"name": f"trigram probe, GiST, {size:,} claims "
                                     f"({len(timed['gist'][1]) / len(probes):.1f} rows each)",
                             "value": timed["gist"][0], "unit": "ms", "baseline": timed["gin"][0],
                             "ratio": timed["gin"][0] / timed["gist"][0],
                             "goal": "baseline: GIN; same rows found"})
                rows.append({"name": f"  writing a row, GiST (rows {size - len(batch) + 1:,}–"
                                     f"{size:,})", "value": per_row["gist"], "unit": "µs",
                             "baseline": per_row["gin"],
                             "ratio": per_row["gin"] / per_row["gist"], "goal": "baseline: GIN"})
    finally:
        recreate_database(settings_dict, BENCH_DB, create=False)
    return rows


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.__main__ import print_table

    print_table(run())
