"""Verification tasks (queue `verify`): thin wrappers over factcheck.pipeline."""

import logging
import random

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
    done, touched = 0, set()
    for position, verification_id in enumerate(verification_ids):
        try:
            claims = pipeline.run_verification(verification_id, task_id=self.request.id or "")
            if claims is not None:
                done += 1
                touched |= claims
        except TRANSIENT_ERRORS as exc:
            remaining = verification_ids[position:]
            if self.request.retries >= self.max_retries:
                log.error("giving up on %d verification(s) after %d retries: %s",
                          len(remaining), self.request.retries, exc)
                pipeline.give_up(remaining, exc)
                break
            raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    claim_ids = touched | set(
        Verification.objects.filter(pk__in=verification_ids).values_list("claim_id", flat=True)
    )
    closed = pipeline.finish_claims(claim_ids)
    return {"verified": done, "claims": len(claim_ids), "articles_done": closed}


@shared_task(bind=True, **RETRY_POLICY)
def finish_article(self, article_id):
    """Roll up an article's claims and close it if nothing is left (used by the sweeper)."""
    from factcheck.models import Claim

    claim_ids = list(Claim.objects.filter(article_id=article_id, is_current=True)
                     .values_list("pk", flat=True))
    return {"article": article_id, "done": bool(pipeline.finish_claims(claim_ids, [article_id]))}



