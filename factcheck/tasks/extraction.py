"""Extraction: article text → stored claims → verifications fanned out. Runs on the `nlp`
queue, where the spaCy model is loaded once per worker process."""

import logging
import time

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from factcheck import pipeline
from factcheck.dbutil import any_of, relaxed_commit, update_where
from factcheck.models import Article, Claim, GazetteerEntry

from .errors import RETRY_POLICY, TRANSIENT_ERRORS

log = logging.getLogger(__name__)
MAX_EXTRACTION_ATTEMPTS = 5


@shared_task(bind=True, **RETRY_POLICY)
def extract_article(self, article_id, force=False):
    """Extract, store and fan out. `force` re-extracts an unchanged text (an editor's rerun)."""
    if force:
        claimed = Article.objects.filter(pk=article_id).update(attempts=F("attempts") + 1)
    else:
        claimed = claim_for_extraction(article_id, retrying=bool(self.request.retries))
    article = Article.read(article_id)  # read once, after claiming
    if article is None:
        log.info("article %s is gone, nothing to extract", article_id)
        return None
    if not claimed:
        # A duplicate delivery: another run is extracting it, or got past extraction already.
        # (A run lost with its worker is sent again by the sweeper, which resets it to pending.)
        return {"article": article_id, "skipped": "already taken"}
    if article.attempts > MAX_EXTRACTION_ATTEMPTS and not force:
        # Its worker died every time (out of memory on a huge text?): stop trying, visibly.
        article.set_state(Article.STATE_FAILED, error=f"gave up after {article.attempts - 1} attempts")
        return {"article": article_id, "failed": "too many attempts"}
    if force:
        article.set_state(Article.STATE_EXTRACTING)  # claim_for_extraction did it otherwise
    timings = {}
    try:
        from factcheck import nlp  # imported here: the web process never needs spaCy

        started = time.perf_counter()
        extracted = next(
            nlp.extract(
                [article.body],
                lang=article.language or None,
                gazetteer=GazetteerEntry.active_entries(),
            )
        )
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
        pipeline.settle(article_id)
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
    states = [Article.STATE_PENDING, Article.STATE_QUEUED]
    if retrying:
        states.append(Article.STATE_EXTRACTING)
    waiting, params = any_of("state", states, "text")
    return update_where(
        Article, {"state": Article.STATE_EXTRACTING, "state_changed_at": timezone.now(), "error": ""},
        f"id = %s AND ({waiting} OR (extracted_hash <> content_hash AND state <> %s))",
        [article_id, *params, Article.STATE_EXTRACTING],
        expressions={"attempts": "attempts + 1"}) > 0


def store_claims(article_id, body_hash, extracted, timings=None, force=False):
    """Store claims and fan out their verifications in one transaction, under a lock on the
    article row, so two runs at once give one result. Returns (created, updated, retired, ids of
    the verifications sent after commit)."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    with transaction.atomic():
        relaxed_commit()
        article = Article.locked(article_id)
        if article is None:
            return 0, 0, 0, []
        counts, stored = (0, 0, 0), ()
        if article.content_hash == body_hash:
            # New claims are created verifying: the fan-out below, in this same commit, gives
            # them their verifications (one write per claim instead of two).
            counts = Claim.objects.sync_for_article(
                article, extracted, new_state=Claim.PIPELINE_VERIFYING)
            article.language = article.language or (
                extracted[0].get("language", "") if extracted else "")
            article.extracted_hash = body_hash
            stored = ("extracted_hash", "language")  # written with the fan-out's state change
        # else: edited while we were extracting; the edit enqueued its own extraction, and the
        # current claims are verified meanwhile.
        timings["store"] = time.perf_counter() - started
        started = time.perf_counter()
        sent = pipeline.fan_out(article, force=force, also=stored)
    timings["fanout"] = time.perf_counter() - started
    return (*counts, sent)
