"""Verification tasks (queue `verify`): thin wrappers over factcheck.pipeline."""

import logging
import random
import time

from celery import shared_task

from factcheck import pipeline
from factcheck.models import Verification

from .errors import RETRY_POLICY, TRANSIENT_ERRORS

log = logging.getLogger(__name__)


def backoff(retries):
    """Exponential backoff with full jitter, capped (same policy as RETRY_POLICY)."""
    ceiling = min(RETRY_POLICY["retry_backoff_max"], RETRY_POLICY["retry_backoff"] * 2 ** retries)
    return random.uniform(0, ceiling)


def start_verification(article_id, force=False):
    """Kept for callers of the skeleton's name: fan out the article's verifications."""
    return pipeline.start_verification(article_id, force=force)


@shared_task(bind=True, max_retries=RETRY_POLICY["max_retries"])
def verify_claims(self, verification_ids):
    """Run a batch of verifications, then roll up their claims and close finished articles.

    Safe to receive twice or to run twice at once: finished rows are skipped, rows another
    worker is running are skipped (row locks), and the roll-up reads only committed work.
    """
    verification_ids = list(verification_ids)
    done, touched, timings = 0, set(), {}
    started = time.perf_counter()
    try:
        done, touched = pipeline.run_batch(verification_ids, task_id=self.request.id or "",
                                           timings=timings)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            log.error("giving up on %d verification(s) after %d retries: %s",
                      len(verification_ids), self.request.retries, exc)
            pipeline.give_up(verification_ids, exc)
            # Their claims now show the failure (and the article can close).
            pipeline.roll_up_claims(Verification.objects.filter(pk__in=verification_ids)
                                    .values_list("claim_id", flat=True))
        else:
            raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    # run_batch rolled up this batch's claims and the claims that received mirror evidence, in
    # one go; the articles concerned are closed here if nothing is left to do.
    verified_at = time.perf_counter()
    articles = timings.get("articles", set())  # those of every claim rolled up
    if not done:  # nothing ran here (done elsewhere, or given up): close the batch's articles
        articles = articles | set(Verification.objects.filter(pk__in=verification_ids)
                                  .values_list("claim__article_id", flat=True))
    closed = pipeline.finish_articles(articles)
    rollup = timings.get("rollup", 0.0) + time.perf_counter() - verified_at
    seconds = {"verify": round(verified_at - started - timings.get("rollup", 0.0), 4),
               "rollup": round(rollup, 4)}
    return {"verified": done, "claims": len(touched), "articles_done": closed, "seconds": seconds}
