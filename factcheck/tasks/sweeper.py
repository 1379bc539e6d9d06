"""The sweeper re-enqueues work that was never sent or got lost (broker restart, dead worker).
Every task it sends is idempotent, so sending twice is harmless; rows are claimed with
SELECT … FOR UPDATE SKIP LOCKED, so two sweeps at once share the work instead of doubling it."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from factcheck import pipeline
from factcheck.models import Article, Claim, Verification

log = logging.getLogger(__name__)
# A freshly saved article is sent by its on-commit hook; leave it that long before sweeping.
PENDING_GRACE = timedelta(seconds=10)


def stale_before(now=None):
    return (now or timezone.now()) - timedelta(seconds=settings.FACTCHECK_STALE_AFTER_SECONDS)


def stale_articles(now=None):
    now = now or timezone.now()
    grace = min(PENDING_GRACE, timedelta(seconds=settings.FACTCHECK_STALE_AFTER_SECONDS))
    pending = Article.objects.filter(
        state=Article.STATE_PENDING, state_changed_at__lt=now - grace
    )
    lost = Article.objects.filter(
        state__in=[Article.STATE_QUEUED, Article.STATE_EXTRACTING],
        state_changed_at__lt=stale_before(now),
    )
    # Unordered: SQLite (make run) refuses ORDER BY (the model's default) inside a UNION.
    return pending.order_by().union(lost.order_by())


def sweep_articles():
    sent = 0
    for article in stale_articles():
        if article.state != Article.STATE_PENDING:
            # Back to pending first: if the broker is still down it stays visible as such.
            article.set_state(Article.STATE_PENDING)
        if article.send_to_pipeline():
            sent += 1
    return sent


def sweep_verifications():
    """Send again verifications pending or started for too long; returns how many."""
    now = timezone.now()
    before = stale_before(now)
    with transaction.atomic():
        ids = list(
            Verification.objects.select_for_update(skip_locked=True)
            .filter(
                Q(state=Verification.STATE_PENDING, enqueued_at__lt=before)
                | Q(state=Verification.STATE_PENDING, enqueued_at__isnull=True, created_at__lt=before)
                | Q(state=Verification.STATE_STARTED, started_at__lt=before)
            )
            .order_by("claim_id", "pk").values_list("pk", flat=True)
        )
        if not ids:
            return 0
        # Stamped now, so the next sweep leaves them alone for another stale period.
        Verification.objects.filter(pk__in=ids).update(enqueued_at=now)
        transaction.on_commit(lambda: pipeline.send_verifications(ids))
    return len(ids)


def sweep_verifying_articles():
    """Close articles left in VERIFYING with nothing active (the worker that finished the last
    verification died before closing it); returns how many were closed."""
    before = stale_before()
    closed = 0
    stuck = Article.objects.filter(state=Article.STATE_VERIFYING, state_changed_at__lt=before)
    for article_id in stuck.values_list("pk", flat=True):
        busy = Verification.objects.filter(
            claim__article_id=article_id, claim__is_current=True,
            state__in=Verification.ACTIVE_STATES,
        ).exists()
        if busy:
            continue  # sweep_verifications sends those
        claim_ids = Claim.objects.filter(article_id=article_id, is_current=True).values_list(
            "pk", flat=True)
        closed += pipeline.finish_claims(list(claim_ids), [article_id])
    return closed


@shared_task
def sweep_stale_work():
    counts = {
        "articles": sweep_articles(),
        "verifications": sweep_verifications(),
        "closed": sweep_verifying_articles(),
    }
    if any(counts.values()):
        log.info("sweeper: %s", counts)
    return counts
