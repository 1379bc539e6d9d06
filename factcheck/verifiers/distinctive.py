"""A claim's distinctive words: how the candidate search finds claims worded like it.

Two claims worded alike (trigram similarity ≥ RELATED_TRIGRAM) share most of their words, and
among them some that few claims of the desk hold. The search (factcheck.verifiers.search) asks
the 'simple' full-text index (the names' GIN, migration 0009) for the claims of the window that
hold two of a claim's rarest words, then computes the exact trigram similarity on those rows.
A rare word's posting list stays short whatever the desk's size, where a trigram index had to
read every entry of the window (about 13,900 claims a fortnight at a million claims).

Rarity comes from PostgreSQL's own statistics on the search table: the 'simple' vectors' most
common lexemes and their frequencies (about 1,000, kept up to date by autovacuum's ANALYZE),
times the table's estimated rows, read once per process and database and kept for COMMON_TTL
seconds. A word not among them is rarer than any listed; between two such words the longer
goes first.
"""

import re
import time
from itertools import combinations

from django.db import connection

from .text import STOPWORDS, fold

# The rarest words a claim is searched by, and how many of them another claim must hold.
DISTINCTIVE_WORDS = 10
SHARED_WORDS = 2
MIN_LENGTH = 4
# Words more claims than this hold are left out ("selon", "depuis": a tenth of a generated desk
# of a million): each costs the index its whole posting list (100,000 entries there, 115 ms for
# a claim holding three such words), and two claims sharing only such words are rarely worded
# alike: with or without them, the search finds 98% of the French fact-check pairs worded alike
# (trigram similarity ≥ 0.35; docs/scaling.md). A count, not a share: on a small desk every
# word is in a large share of the claims, and its posting lists are short anyway.
COMMON_CLAIMS = 2000
COMMON_TTL = 3600
# Letters only, as PostgreSQL's parser splits them ("d'euros" → "d", "euros"; "Saint-Denis" →
# "saint", "denis", both also in the stored vector); words joined to digits are left out.
_WORD = re.compile(r"(?<![\w])[^\W\d_]+(?![\w])")
_common = {}
# The most common lexemes of a table's 'simple' vectors and their frequencies, with the
# table's estimated rows (the table's name as the one parameter).
STATISTICS_SQL = (
    "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
    "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
    "WHERE s.tablename = %s AND s.attname = 'search_simple' AND s.schemaname = current_schema()")


def lexeme_counts(row):
    """{lexeme: estimated rows holding it} from a row of STATISTICS_SQL (or None)."""
    # The frequencies end with three summary values (min, max, nulls): zip stops before them.
    return {word: share * row[2] for word, share in zip(row[0], row[1])} if row and row[0] else {}


def common_lexemes():
    """{lexeme: estimated number of the desk's claims holding it} for its most common words
    (empty before the search table was first analysed, or elsewhere than on PostgreSQL)."""
    if connection.vendor != "postgresql":
        return {}
    key = connection.settings_dict["NAME"]
    cached = _common.get(key)
    if cached and time.monotonic() - cached[0] < COMMON_TTL:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(STATISTICS_SQL, ["factcheck_claimsearch"])
        counts = lexeme_counts(cursor.fetchone())
    _common[key] = (time.monotonic(), counts)
    return counts


def distinctive_words(text, common=None):
    """The claim's DISTINCTIVE_WORDS rarest words (lower case, as the 'simple' vectors hold
    them), rarest first: content words of MIN_LENGTH letters or more that at most
    COMMON_CLAIMS of the desk's claims hold, those it holds least often first, then the
    longer. `common`: common_lexemes(), read when not given."""
    common = common_lexemes() if common is None else common
    found = []
    for word in _WORD.findall(text.lower()):
        if (len(word) >= MIN_LENGTH and fold(word) not in STOPWORDS and word not in found
                and common.get(word, 0) <= COMMON_CLAIMS):
            found.append(word)
    found.sort(key=lambda word: (common.get(word, 0), -len(word)))
    return found[:DISTINCTIVE_WORDS]


def wording_tsquery(text, common=None):
    """The 'simple' tsquery text for claims sharing SHARED_WORDS of the claim's distinctive
    words ("'a' & 'b' | 'a' & 'c' | …"); any one of them when it has fewer than three; '' for
    none."""
    found = distinctive_words(text, common)
    if len(found) <= SHARED_WORDS:
        return " | ".join(f"'{word}'" for word in found)
    return " | ".join(" & ".join(f"'{word}'" for word in pair)
                      for pair in combinations(found, SHARED_WORDS))
