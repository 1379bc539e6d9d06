"""Stores a generated desk (factcheck.demo.desk_generator) as the pipeline would have left it:
outlets, articles done, claims verified and, for the older ones, reviewed, and the search table
the verifiers and the review queue read.

On PostgreSQL the rows go in with COPY, in chunks, in one transaction (all or nothing). The
search table's trigger is off meanwhile and the search table is filled in one statement at the
end, its full-text and trigram indexes built once over all rows rather than row by row: a
million claims take minutes this way and hours through the trigger. Elsewhere (SQLite for
`make run`) the rows go through bulk_create.
"""

import json
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils.text import slugify

from factcheck.models import Article, Claim, ClaimCluster, ClaimSearch, Source
from factcheck.models.claim import fingerprint

# The trigger that keeps the search table in step (migrations 0002, 0004) and the claim
# columns it copies.
TRIGGER = "factcheck_claim_search_sync"
SEARCH_COPIED = ("article_id", "text", "fingerprint", "is_current", "speaker")
CHUNK_CLAIMS = 50_000
# Review state by age: the desk has given verdicts on most claims older than a month; the
# recent ones are mostly open.
REVIEWED_AFTER_DAYS = 30


@dataclass
class Written:
    articles: int = 0
    claims: int = 0
    clusters: int = 0
    first_claim_id: int | None = None


def outlet_ids(outlets):
    """{outlet index: Source id}, creating the outlets the desk does not have yet."""
    Source.objects.bulk_create(
        [Source(name=name, url=f"https://{slugify(name)}.example") for name, _lang in outlets],
        ignore_conflicts=True)
    by_name = dict(Source.objects.filter(name__in=[n for n, _l in outlets]).values_list("name", "id"))
    return {i: by_name[name] for i, (name, _lang) in enumerate(outlets)}


def _review(rng_value, age_days):
    """(status, suggestion) for a claim of this age; rng_value in [0, 1)."""
    if age_days > REVIEWED_AFTER_DAYS:
        table = ((0.38, "confirmed"), (0.52, "disputed"), (0.66, "unverifiable"),
                 (0.69, "not_a_claim"), (0.70, "in_review"), (1.0, "new"))
    else:
        table = ((0.05, "confirmed"), (0.08, "disputed"), (0.1, "unverifiable"),
                 (0.2, "in_review"), (0.26, "pending_approval"), (1.0, "new"))
    return next(status for bound, status in table if rng_value < bound)


def claim_row(article, claim, article_id, cluster_id, now, rng):
    """The Claim (unsaved) the pipeline and review would have left for a generated claim."""
    status = _review(rng.random(), (now - article.published_at).days)
    decided = article.published_at + timedelta(hours=rng.randint(2, 24 * 20))
    if claim.contradicted:
        suggestion = Claim.SUGGEST_CONTRADICTED
    elif claim.repeats:
        suggestion = Claim.SUGGEST_SUPPORTED
    else:
        suggestion = rng.choice((Claim.SUGGEST_UNKNOWN, Claim.SUGGEST_NEEDS_SOURCING))
    created = article.published_at + timedelta(minutes=5)
    row = Claim(
        article_id=article_id, start=claim.start, end=claim.end, sentence=claim.sentence,
        text=claim.text, fingerprint=fingerprint(claim.text), language=article.language,
        score=claim.score, claim_type=claim.claim_type, modality=claim.modality,
        quoted=claim.quoted, speaker=claim.speaker, entities=claim.entities, status=status,
        status_changed_at=None if status == Claim.STATUS_NEW else min(decided, now),
        pipeline_state=Claim.PIPELINE_VERIFIED, suggestion=suggestion,
        suggestion_confidence=round(rng.uniform(0.3, 0.9), 2) if suggestion != "unknown" else 0.0,
        has_contradiction=claim.contradicted, repeat_count=claim.repeats, cluster_id=cluster_id,
        created_at=created, updated_at=created,
    )
    row.article = Article(id=article_id, published_at=article.published_at, created_at=created)
    row.compute_priority(now)
    return row


def article_row(article, source_id):
    created = article.published_at + timedelta(minutes=5)
    row = Article(
        source_id=source_id, title=article.title, language=article.language,
        url=f"https://{slugify(str(source_id))}.example/{article.published_at:%Y/%m}/{article.content_hash[:12]}",
        published_at=article.published_at, body=article.body, content_hash=article.content_hash,
        word_count=len(article.body.split()), state=Article.STATE_DONE, state_changed_at=created,
        attempts=1, extracted_hash=article.content_hash, created_at=created, updated_at=created,
    )
    return row


class _Ids:
    """Ids taken from a table's own sequence (PostgreSQL) or after its largest id."""

    def __init__(self, model):
        self.model = model

    def take(self, n):
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                    [table, table, n])
                last = cursor.fetchone()[0]
                return range(last - n + 1, last + 1)
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
            first = cursor.fetchone()[0] + 1
            return range(first, first + n)


def _copy(model, objects):
    """COPY model instances into their table (every concrete column, ids given)."""
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([json.dumps(getattr(obj, f.attname)) if f.attname in json_fields
                                else getattr(obj, f.attname) for f in fields])


def _store(model, objects):
    if not objects:
        return
    if connection.vendor == "postgresql":
        _copy(model, objects)
    else:
        model.objects.bulk_create(objects, batch_size=500)


class _SearchTableOff:
    """On PostgreSQL, within the caller's transaction: the trigger that copies each claim to
    the search table is off, and the search table's indexes other than its key are dropped;
    at the end, the new claims are copied in one statement and the indexes built again from
    their definitions (the DDL is transactional: a failure leaves the desk as it was)."""

    def __init__(self):
        self.first_claim_id = None
        self.indexes = []

    def __enter__(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {Claim._meta.db_table} DISABLE TRIGGER {TRIGGER}")
                cursor.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                    "WHERE i.tablename = %s AND i.indexname NOT IN ("
                    "  SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
                    [ClaimSearch._meta.db_table, ClaimSearch._meta.db_table])
                self.indexes = cursor.fetchall()
                for name, _definition in self.indexes:
                    cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return self

    def __exit__(self, kind, value, traceback):
        if kind is not None or connection.vendor != "postgresql":
            return
        columns = ", ".join(SEARCH_COPIED)
        claims, search = Claim._meta.db_table, ClaimSearch._meta.db_table
        with connection.cursor() as cursor:
            # The foreign keys are checked now, not at commit: PostgreSQL builds no index on a
            # table with checks still pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            if self.first_claim_id is not None:
                cursor.execute(
                    f"INSERT INTO {search} (claim_id, {columns}, published_on) "
                    f"SELECT c.id, {', '.join(f'c.{c}' for c in SEARCH_COPIED)}, "
                    "(coalesce(a.published_at, a.created_at) AT TIME ZONE 'UTC')::date "
                    f"FROM {claims} c JOIN {Article._meta.db_table} a ON a.id = c.article_id "
                    "WHERE c.id >= %s ON CONFLICT (claim_id) DO NOTHING", [self.first_claim_id])
            # Index builds sort in memory up to this much (a GIN build is several times faster).
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in self.indexes:
                cursor.execute(definition)
            cursor.execute(f"ALTER TABLE {claims} ENABLE TRIGGER {TRIGGER}")


def write(articles, outlets, now, rng, chunk_claims=CHUNK_CLAIMS, progress=None):
    """Store generated articles (an iterable of DeskArticle) in one transaction; `outlets` as
    desk_generator.Names.outlets. Returns what was written (Written)."""
    written = Written()
    clusters = {}  # story → ClaimCluster id
    story_articles = {}  # story → ids of the articles making its claim
    with transaction.atomic(), _SearchTableOff() as search:
        sources = outlet_ids(outlets)
        pending = []

        def flush():
            if not pending:
                return
            article_ids = iter(_Ids(Article).take(len(pending)))
            claim_ids = iter(_Ids(Claim).take(sum(len(a.claims) for a in pending)))
            new_stories = sorted({c.story for a in pending for c in a.claims
                                  if c.story is not None and c.story not in clusters})
            cluster_rows = []
            for story, pk in zip(new_stories, _Ids(ClaimCluster).take(len(new_stories))):
                clusters[story] = pk
                cluster_rows.append(ClaimCluster(id=pk, created_at=now))
            article_rows, claim_rows = [], []
            for article in pending:
                row = article_row(article, sources[article.outlet])
                row.id = next(article_ids)
                article_rows.append(row)
                for claim in article.claims:
                    claim_obj = claim_row(article, claim, row.id, clusters.get(claim.story), now, rng)
                    if claim.story is not None:
                        story_articles.setdefault(claim.story, set()).add(row.id)
                    claim_obj.id = next(claim_ids)
                    claim_rows.append(claim_obj)
            _store(ClaimCluster, cluster_rows)
            _store(Article, article_rows)
            _store(Claim, claim_rows)
            if search.first_claim_id is None and claim_rows:
                search.first_claim_id = written.first_claim_id = claim_rows[0].id
            written.articles += len(article_rows)
            written.claims += len(claim_rows)
            written.clusters += len(cluster_rows)
            pending.clear()
            if progress:
                progress(written)

        size = 0
        for article in articles:
            pending.append(article)
            size += len(article.claims)
            if size >= chunk_claims:
                flush()
                size = 0
        flush()
        ClaimCluster.objects.bulk_update(
            [ClaimCluster(pk=clusters[story], article_count=len(ids))
             for story, ids in story_articles.items()], ["article_count"], batch_size=500)
    return written
