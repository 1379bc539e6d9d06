"""Candidate search: which claims of other articles might be about the same thing.

On PostgreSQL: full-text search (a 'simple' configuration for names, which crosses languages,
and the French or English configuration for the claim's own words) or trigram similarity
(pg_trgm), each backed by a GIN index from migration 0002. Elsewhere (SQLite for local runs): a
portable fallback on names and difflib similarity over the most recent claims.
"""

import difflib
import re

from django.db import connection

from factcheck.models import Claim

from .text import STOPWORDS, entity_names, fold, words

FTS_CONFIGS = {"fr": "french", "en": "english"}
FALLBACK_WINDOW = 2000  # most recent claims scanned without PostgreSQL
_TOKEN = re.compile(r"^\w+$", re.UNICODE)


def _tsquery_names(names):
    """'sam altman', 'openai' → "'sam' <-> 'altman' | 'openai'" (phrase per name, any name)."""
    parts = []
    for name in sorted(names):
        tokens = [t for t in name.split() if _TOKEN.match(t)]
        if tokens:
            parts.append("(" + " <-> ".join(f"'{t}'" for t in tokens) + ")")
    return " | ".join(parts)


def _tsquery_words(text, limit=12):
    seen = []
    for w in words(text):
        if len(w) > 3 and w not in STOPWORDS and _TOKEN.match(w) and w not in seen:
            seen.append(w)
    return " | ".join(f"'{w}'" for w in seen[:limit])


def related_claims(claim, limit=40):
    """[(claim, similarity)] from other articles sharing names, words or trigrams, best first."""
    if connection.vendor == "postgresql":
        rows = _related_postgres(claim, limit)
    else:
        rows = _related_fallback(claim, limit)
    found = Claim.objects.select_related("article__source").in_bulk([pk for pk, _sim in rows])
    return [(found[pk], sim) for pk, sim in rows if pk in found]


def _related_postgres(claim, limit):
    names = _tsquery_names(entity_names(claim.entities))
    terms = _tsquery_words(claim.text)
    config = FTS_CONFIGS.get(claim.language, "simple")  # from a fixed map: safe in the SQL text
    matches = ["c.text %% %(text)s"]
    if names:
        matches.append("to_tsvector('simple'::regconfig, c.text) @@ to_tsquery('simple', %(names)s)")
    if terms:
        matches.append(
            f"to_tsvector('{config}'::regconfig, c.text) @@ to_tsquery('{config}', %(terms)s)"
        )
    rank = (
        "ts_rank(to_tsvector('simple'::regconfig, c.text), to_tsquery('simple', %(names)s))"
        if names else "0"
    )
    sql = f"""
        SELECT id, sim, rank FROM (
            SELECT c.id, similarity(c.text, %(text)s) AS sim, {rank} AS rank
            FROM factcheck_claim c
            WHERE c.is_current AND c.article_id <> %(article)s AND ({" OR ".join(matches)})
        ) AS found
        ORDER BY rank + sim DESC, id DESC
        LIMIT %(limit)s
    """
    params = {"text": claim.text, "names": names, "terms": terms, "article": claim.article_id,
              "limit": limit}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, float(sim)) for pk, sim, _rank in cursor.fetchall()]


def _related_fallback(claim, limit):
    names = entity_names(claim.entities)
    folded = fold(claim.text)
    scored = []
    recent = (
        Claim.objects.current().exclude(article_id=claim.article_id)
        .order_by("-id").values_list("id", "text", "entities", "fingerprint")[:FALLBACK_WINDOW]
    )
    for pk, text, entities, fp in recent:
        sim = 1.0 if fp == claim.fingerprint else similarity(folded, fold(text))
        if sim >= 0.3 or names & entity_names(entities):
            scored.append((pk, sim))
    scored.sort(key=lambda row: (-row[1], -row[0]))
    return scored[:limit]


def similarity(a, b):
    """Portable stand-in for trigram similarity, in [0, 1]."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def near_duplicates(claim, threshold=0.6, limit=20):
    """[(claim, similarity)] in other articles worded (almost) the same way."""
    if connection.vendor == "postgresql":
        sql = """
            SELECT c.id, similarity(c.text, %(text)s) AS sim
            FROM factcheck_claim c
            WHERE c.article_id <> %(article)s
              AND (c.fingerprint = %(fp)s OR c.text %% %(text)s)
              AND (c.fingerprint = %(fp)s OR similarity(c.text, %(text)s) >= %(threshold)s)
            ORDER BY sim DESC, c.id LIMIT %(limit)s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, {"text": claim.text, "article": claim.article_id,
                                 "fp": claim.fingerprint, "threshold": threshold, "limit": limit})
            rows = [(pk, float(sim)) for pk, sim in cursor.fetchall()]
    else:
        folded = fold(claim.text)
        rows = []
        recent = (
            Claim.objects.exclude(article_id=claim.article_id)
            .order_by("-id").values_list("id", "text", "fingerprint")[:FALLBACK_WINDOW]
        )
        for pk, text, fp in recent:
            sim = 1.0 if fp == claim.fingerprint else similarity(folded, fold(text))
            if sim >= threshold:
                rows.append((pk, sim))
        rows.sort(key=lambda row: (-row[1], row[0]))
        rows = rows[:limit]
    found = Claim.objects.select_related("article__source").in_bulk([pk for pk, _sim in rows])
    return [(found[pk], sim) for pk, sim in rows if pk in found]


def related_claims_many(claims, limit=40):
    """{claim.pk: related_claims(claim)} for several claims (a batch, typically one article's
    claims) in one query on PostgreSQL.

    Same matches, similarities and order as related_claims() claim by claim, but each candidate
    row's text vectors are computed once for the whole batch instead of once per claim (the
    per-claim search scanned and re-tokenised every current claim: ≈ 45 ms each on the bench).
    """
    claims = list(claims)
    if connection.vendor != "postgresql" or len(claims) < 2:
        return {c.pk: related_claims(c, limit) for c in claims}
    values, params = [], {"limit": limit}
    configs = {"simple"}
    for i, claim in enumerate(claims):
        config = FTS_CONFIGS.get(claim.language, "simple")  # from a fixed map: safe in the SQL
        configs.add(config)
        values.append(f"(%(id{i})s, %(text{i})s, %(names{i})s, %(terms{i})s, %(article{i})s, "
                      f"'{config}')")
        params.update({f"id{i}": claim.pk, f"text{i}": claim.text,
                       f"names{i}": _tsquery_names(entity_names(claim.entities)),
                       f"terms{i}": _tsquery_words(claim.text), f"article{i}": claim.article_id})
    vectors = ", ".join(f"to_tsvector('{c}'::regconfig, c.text) AS v_{c}" for c in sorted(configs))
    by_config = " ".join(f"WHEN '{c}' THEN v_{c}" for c in sorted(configs))
    sql = f"""
        WITH q(claim_id, text, names, terms, article_id, config) AS (VALUES {", ".join(values)}),
        qq AS (
            SELECT claim_id, text, article_id, config,
                   CASE WHEN names <> '' THEN to_tsquery('simple', names) END AS names_q,
                   CASE WHEN terms <> '' THEN to_tsquery(config::regconfig, terms) END AS terms_q
            FROM q
        ),
        cand AS MATERIALIZED (
            SELECT c.id, c.text, c.article_id, {vectors} FROM factcheck_claim c WHERE c.is_current
        ),
        found AS (
            SELECT qq.claim_id, cand.id, similarity(cand.text, qq.text) AS sim,
                   COALESCE(ts_rank(v_simple, qq.names_q), 0) AS rank
            FROM qq JOIN cand ON cand.article_id <> qq.article_id
            WHERE cand.text %% qq.text
               OR v_simple @@ qq.names_q
               OR (CASE qq.config {by_config} END) @@ qq.terms_q
        )
        SELECT claim_id, id, sim FROM (
            SELECT claim_id, id, sim, row_number() OVER (
                PARTITION BY claim_id ORDER BY rank + sim DESC, id DESC) AS n
            FROM found
        ) AS ranked
        WHERE n <= %(limit)s
        ORDER BY claim_id, n
    """
    return _matches_by_claim(sql, params, claims)


def _matches_by_claim(sql, params, claims):
    """Run a query yielding (claim_id, match_id, similarity) rows, in the order wanted; return
    {claim.pk: [(matching Claim, similarity), …]} with the matches loaded in one query."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [(claim_id, pk, float(sim)) for claim_id, pk, sim in cursor.fetchall()]
    found = Claim.objects.select_related("article__source").in_bulk({pk for _c, pk, _s in rows})
    result = {c.pk: [] for c in claims}
    for claim_id, pk, sim in rows:
        if pk in found:
            result[claim_id].append((found[pk], sim))
    return result


def near_duplicates_many(claims, threshold=0.6, limit=20):
    """{claim.pk: near_duplicates(claim)} for several claims in one query on PostgreSQL: same
    rows and order as claim by claim (each pair's similarity computed once, no per-claim
    index probe and row fetch)."""
    claims = list(claims)
    if connection.vendor != "postgresql" or len(claims) < 2:
        return {c.pk: near_duplicates(c, threshold, limit) for c in claims}
    values, params = [], {"threshold": threshold, "limit": limit}
    for i, claim in enumerate(claims):
        values.append(f"(%(id{i})s, %(text{i})s, %(fp{i})s, %(article{i})s)")
        params.update({f"id{i}": claim.pk, f"text{i}": claim.text, f"fp{i}": claim.fingerprint,
                       f"article{i}": claim.article_id})
    sql = f"""
        WITH q(claim_id, text, fp, article_id) AS (VALUES {", ".join(values)})
        SELECT claim_id, id, sim FROM (
            SELECT q.claim_id, c.id, similarity(c.text, q.text) AS sim,
                   row_number() OVER (PARTITION BY q.claim_id
                                      ORDER BY similarity(c.text, q.text) DESC, c.id) AS n
            FROM q JOIN factcheck_claim c ON c.article_id <> q.article_id
            WHERE (c.fingerprint = q.fp OR c.text %% q.text)
              AND (c.fingerprint = q.fp OR similarity(c.text, q.text) >= %(threshold)s)
        ) AS ranked
        WHERE n <= %(limit)s
        ORDER BY claim_id, n
    """
    return _matches_by_claim(sql, params, claims)
