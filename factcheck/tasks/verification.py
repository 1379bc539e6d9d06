"""Verification task (queue `verify`)."""

from celery import shared_task

from factcheck.pipeline import batch
from factcheck.pipeline.errors import MAX_RETRIES, TRANSIENT_ERRORS, backoff


@shared_task(bind=True, max_retries=MAX_RETRIES)
def verify_claims(self, verification_ids, top_up=True):
    """Run a batch of verifications, roll up their claims and close finished articles;
    transient errors retry with backoff, then fail what is left, visibly."""
    try:
        return batch.verify(verification_ids, task_id=self.request.id or "", top_up=top_up,
                            last_attempt=self.request.retries >= self.max_retries)
    except TRANSIENT_ERRORS as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
