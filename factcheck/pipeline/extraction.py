"""Extraction (queue `nlp`): claim an article, extract its claims with spaCy, store them and
fan out their verifications, in one commit under a lock on the article row."""

import logging
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from factcheck.models import Article, Claim, GazetteerEntry
from factcheck.models.claim import fingerprint

from . import fanout, matching, recovery, rollup, sql
from .errors import TRANSIENT_ERRORS

log = logging.getLogger(__name__)

# What extraction gives a claim (factcheck.nlp.extract's dicts), stored as it comes.
NLP_FIELDS = (
    "text", "sentence", "start", "end", "score", "claim_type", "modality", "quoted",
    "speaker", "entities", "language",
)
# Given by extraction when it knows them; these defaults otherwise.
NLP_DEFAULTS = {"normalized": "", "occurrences": 1}


def extract_article(article_id, force=False, retrying=False):
    """The `extract_article` task: claim the article, extract, store and fan out. `force`
    re-extracts an unchanged text (an editor's re-run); `retrying`: this task's earlier attempt
    met a transient error after claiming the article. Returns a summary for the task result."""
    if force:
        claimed = Article.objects.filter(pk=article_id).update(attempts=F("attempts") + 1)
    else:
        claimed = claim_for_extraction(article_id, retrying=retrying)
    article = Article.objects.filter(pk=article_id).first()  # read once, after claiming
    if article is None:
        log.info("article %s is gone, nothing to extract", article_id)
        return None
    if not claimed:
        # A duplicate delivery: another run is extracting it, or got past extraction already.
        # (A run lost with its worker is sent again by the sweeper, which resets it to pending.)
        return {"article": article_id, "skipped": "already taken"}
    if article.attempts > settings.FACTCHECK_MAX_EXTRACTION_ATTEMPTS and not force:
        # Its worker died every time (out of memory on a huge text?): stop trying, visibly.
        article.set_state(Article.STATE_FAILED,
                          error=f"gave up after {article.attempts - 1} attempts")
        return {"article": article_id, "failed": "too many attempts"}
    if force:
        # claim_for_extraction did it otherwise
        article.worker = recovery.current_worker()
        article.set_state(Article.STATE_EXTRACTING, also=("worker",))
    timings = {}
    try:
        from factcheck import nlp  # imported here: the web process never needs spaCy

        started = time.perf_counter()
        extracted = next(nlp.extract([article.body], lang=article.language or None,
                                     gazetteer=GazetteerEntry.active_entries(),
                                     # 0: no cap
                                     max_claims=settings.FACTCHECK_MAX_CLAIMS_PER_ARTICLE or None))
        timings["nlp"] = time.perf_counter() - started
        created, updated, retired, sent = store_claims(article_id, article.content_hash,
                                                       extracted, timings, force=force)
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:
        log.exception("extraction failed for article %s", article_id)
        article.set_state(Article.STATE_FAILED, error=f"{type(exc).__name__}: {exc}")
        return {"article": article_id, "failed": str(exc)}
    if not sent:
        rollup.settle(article_id)
    return {"article": article_id, "created": created, "updated": updated, "retired": retired,
            "verifications": len(sent), "seconds": {k: round(v, 4) for k, v in timings.items()},
            "words": article.word_count, "batch_size": settings.FACTCHECK_VERIFY_BATCH_SIZE}


def claim_for_extraction(article_id, retrying=False):
    """Move the article to EXTRACTING if it is waiting (or its text changed since the last
    extraction), counting the attempt; False when there is nothing to do for this delivery.

    `retrying`: this task's earlier attempt claimed the article and then met a transient error
    (a lost connection, a deadlock); the article is still EXTRACTING on its behalf and must not
    wait for the sweeper.
    """
    waiting = [Article.STATE_PENDING, Article.STATE_QUEUED]
    if retrying:
        waiting.append(Article.STATE_EXTRACTING)
    edited = ~Q(extracted_hash=F("content_hash")) & ~Q(state=Article.STATE_EXTRACTING)
    return Article.objects.filter(Q(state__in=waiting) | edited, pk=article_id).update(
        state=Article.STATE_EXTRACTING, state_changed_at=timezone.now(), error="",
        attempts=F("attempts") + 1, worker=recovery.current_worker()) > 0


def store_claims(article_id, body_hash, extracted, timings=None, force=False):
    """Store the claims and fan out their verifications in one transaction, under a lock on
    the article row, so two runs at once give one result. Returns (created, updated, retired,
    ids of the verifications sent after commit)."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    with transaction.atomic():
        sql.commit_without_flush()
        article = Article.locked(article_id)
        if article is None:
            return 0, 0, 0, []
        counts, stored = (0, 0, 0), ()
        if article.content_hash == body_hash:
            # New claims are created verifying: the fan-out below, in this same commit, gives
            # them their verifications (one write per claim instead of two).
            counts = sync_claims(article, extracted, new_state=Claim.PIPELINE_VERIFYING)
            article.language = article.language or (
                extracted[0].get("language", "") if extracted else "")
            article.extracted_hash = body_hash
            # A plain list (a caller's own claims) was not capped.
            article.claims_not_kept = getattr(extracted, "dropped", 0)
            # Written with the fan-out's state change.
            stored = ("extracted_hash", "language", "claims_not_kept")
        # else: edited while we were extracting; the edit enqueued its own extraction, and the
        # current claims are verified meanwhile.
        timings["store"] = time.perf_counter() - started
        started = time.perf_counter()
        sent = fanout.fan_out(article, force=force, also=stored)
    timings["fanout"] = time.perf_counter() - started
    return (*counts, sent)


@transaction.atomic(savepoint=False)
def sync_claims(article, extracted, new_state=None):
    """Store what extraction found for `article`, idempotently. Returns (created, updated,
    retired) counts.

    Running it twice on the same text changes nothing. When the text was edited, a claim whose
    supporting span still reads the same is kept (offsets updated, review status and history
    intact), and so is a claim whose sentence is now split into clauses (on the clause that
    overlaps it most, `matching`); claims no longer found are deleted unless an editor already
    worked on them, in which case they are kept as not current. `new_state`: the pipeline state
    new claims start in (the model's default otherwise). No savepoint: in extraction's
    transaction a failure fails the whole step anyway.
    """
    existing = list(Claim.objects.select_for_update().filter(article=article, is_current=True)
                    .order_by("start"))
    matches = matching.match_claims(article.body, extracted, existing)
    seen, updated, to_create = set(), 0, []
    for i, item in enumerate(extracted):
        values = {k: item[k] for k in NLP_FIELDS if k in item}
        values.update({k: item.get(k, default) for k, default in NLP_DEFAULTS.items()})
        values["fingerprint"] = fingerprint(values["text"])
        claim = matches.get(i)
        if claim is not None:
            seen.add(claim.pk)
            changed = [k for k, v in values.items() if getattr(claim, k) != v]
            if changed:
                for k in changed:
                    setattr(claim, k, values[k])
                if "score" in changed:
                    claim.article = article
                    claim.compute_priority()
                    changed.append("priority")
                claim.save(update_fields=changed + ["updated_at"])
                updated += 1
            continue
        new = Claim(article=article, **values)
        if new_state:
            new.pipeline_state = new_state
        new.compute_priority()
        to_create.append(new)
    retired = 0
    for c in existing:
        if c.pk in seen:
            continue
        if c.status == Claim.STATUS_NEW and c.assignee_id is None:
            c.delete()
        else:
            c.is_current = False
            c.save(update_fields=["is_current", "updated_at"])
        retired += 1
    # Retire first: the partial unique constraint on spans only covers current claims.
    sql.insert_claims([new_claim_row(claim) for claim in to_create])
    return len(to_create), updated, retired


def new_claim_row(claim):
    """An unsaved claim as sql.insert_claims takes it: its fields' values, without the primary
    key and the automatic times (the insert gives those)."""
    return {f.attname: getattr(claim, f.attname) for f in claim._meta.concrete_fields
            if not f.primary_key and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)}
