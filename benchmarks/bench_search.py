"""Candidate search by wording: the distinctive-words probe the search uses (two of a claim's
rarest words through the 'simple' vectors' GIN index, then trigram similarity on those rows;
factcheck.verifiers.distinctive, migration 0010) against a GiST trigram index that tests every
row's trigrams (what the search did before), on the same rows in the same run.

Runs on its own PostgreSQL database (fc_bench_search, created and dropped here) on the server
DATABASE_URL points to. Texts: the benchmark's sentences (benchmarks/bench_pipeline._sentences)
cut and with words swapped at run time, so that many are alike as wire copy is. Rows: the
milliseconds of one probe (claims with trigram similarity ≥ 0.35, the corroboration threshold,
with their similarity) at two desk sizes, ratio = trigram / distinctive words (above 1: the
distinctive words are faster); and their recall: of the pairs the trigram index finds, the share
the distinctive words find too (goal ≥ 0.95; near-duplicates, ≥ 0.6, all of them).
"""

import os
import random
import time

from benchmarks.support import admin_connection, missing_services, recreate_database

BENCH_DB = os.environ.get("BENCH_SEARCH_DB", "fc_bench_search")
SIZES = [int(n) for n in os.environ.get("BENCH_SEARCH_SIZES", "2000,20000").split(",")]
PROBES = 60
THRESHOLD = 0.35
NEAR = 0.6


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


TABLE = """CREATE TABLE search (claim_id bigserial PRIMARY KEY, text text,
    search_simple tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED)"""
INDEXES = (
    "CREATE INDEX search_words ON search USING gin (search_simple) WITH (fastupdate = off)",
    "CREATE INDEX search_trgm ON search USING gist (text gist_trgm_ops (siglen = 128))",
)
PROBE = {
    "trigrams": "SELECT claim_id, similarity(text, %(text)s) FROM search WHERE text %% %(text)s",
    "words": "SELECT claim_id, similarity(text, %(text)s) FROM search "
             "WHERE search_simple @@ to_tsquery('simple', %(query)s)",
}


def _common(conn):
    """The table's most common lexemes, as factcheck.verifiers.distinctive reads them."""
    from factcheck.verifiers.distinctive import STATISTICS_SQL, lexeme_counts

    return lexeme_counts(conn.execute(STATISTICS_SQL, ("search",)).fetchone())


def _timed_probes(conn, kind, probes, common):
    from factcheck.verifiers.distinctive import wording_tsquery

    queries = [wording_tsquery(text, common) for text in probes]
    with conn.transaction():
        conn.execute(f"SELECT set_config('pg_trgm.similarity_threshold', '{THRESHOLD}', true), "
                     "set_config('enable_seqscan', 'off', true)")
        found = {}
        started = time.perf_counter()
        for i, (text, query) in enumerate(zip(probes, queries)):
            if kind == "words" and not query:
                continue
            for pk, sim in conn.execute(PROBE[kind], {"text": text, "query": query}).fetchall():
                if sim >= THRESHOLD:
                    found[(i, pk)] = sim
        return (time.perf_counter() - started) / len(probes) * 1000, found


def _recall(exact, found, threshold):
    wanted = {pair for pair, sim in exact.items() if sim >= threshold}
    return len(wanted & found.keys()) / len(wanted) if wanted else 1.0, len(wanted)


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
    rows = []
    try:
        with admin_connection(settings_dict, dbname=BENCH_DB) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            conn.execute(TABLE)
            for statement in INDEXES:
                conn.execute(statement)
            probes = _texts(PROBES, seed=2)
            loaded = 0
            for size in SIZES:
                batch = _texts(size - loaded, seed=size)
                loaded = size
                with conn.transaction(), conn.cursor() as cursor:
                    cursor.executemany("INSERT INTO search (text) VALUES (%s)", [(t,) for t in batch])
                conn.execute("VACUUM ANALYZE search")
                common = _common(conn)
                (exact_ms, exact), (words_ms, found) = (
                    _timed_probes(conn, kind, probes, common) for kind in ("trigrams", "words"))
                recall, pairs = _recall(exact, found, THRESHOLD)
                near, near_pairs = _recall(exact, found, NEAR)
                rows.append({"name": f"wording probe by distinctive words, {size:,} claims",
                             "value": words_ms, "unit": "ms", "baseline": exact_ms,
                             "ratio": exact_ms / words_ms, "goal": "baseline: trigram index"})
                rows.append({"name": f"  its recall: pairs ≥ {THRESHOLD} ({pairs:,}) / near-duplicates "
                                     f"≥ {NEAR} ({near_pairs:,}) the trigram index finds",
                             "value": recall, "unit": "", "baseline": near, "ratio": None,
                             "goal": "≥ 0.95 / baseline column: near-duplicates, 1.0"})
    finally:
        recreate_database(settings_dict, BENCH_DB, create=False)
    return rows


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.__main__ import print_table

    print_table(run())
