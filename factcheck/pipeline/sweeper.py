"""The sweeper (beat, every FACTCHECK_SWEEP_EVERY_SECONDS) sends again work that was never sent
or got lost (broker restart, dead worker), and closes articles whose last task died before
closing them. Every task it sends is idempotent, so sending twice is harmless; rows are taken
with SELECT … FOR UPDATE SKIP LOCKED, so two sweeps at once share the work."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from factcheck.models import Article, Claim, Verification

from . import dispatch, pacing, rollup

log = logging.getLogger(__name__)
# A freshly saved article is sent by its on-commit hook; leave it that long before sweeping.
PENDING_GRACE = timedelta(seconds=10)


def stale_before(now=None):
    return (now or timezone.now()) - timedelta(seconds=settings.FACTCHECK_STALE_AFTER_SECONDS)


def stale_articles(now=None):
    """Articles pending longer than the grace period (their on-commit send failed) and articles
    queued or extracting for longer than the stale period (their message or worker was lost)."""
    now = now or timezone.now()
    grace = min(PENDING_GRACE, timedelta(seconds=settings.FACTCHECK_STALE_AFTER_SECONDS))
    return Article.objects.filter(
        Q(state=Article.STATE_PENDING, state_changed_at__lt=now - grace)
        | Q(state__in=[Article.STATE_QUEUED, Article.STATE_EXTRACTING],
            state_changed_at__lt=stale_before(now))
    )


def sweep_articles():
    """Send stale articles to extraction again; returns how many were sent."""
    sent = 0
    for article in stale_articles():
        if article.state != Article.STATE_PENDING:
            # Back to pending first: if the broker is still down it stays visible as such.
            article.set_state(Article.STATE_PENDING)
        sent += dispatch.send_article(article.pk)
    return sent


def sweep_verifications():
    """Send again verifications pending or started for too long; returns how many. Those never
    sent (a big article's work beyond its window) are pacing's: sweep() tops those windows up."""
    now = timezone.now()
    before = stale_before(now)
    # Stamped now, so the next sweep leaves them alone for another stale period.
    return dispatch.send_again(Verification.objects.filter(
        Q(state=Verification.STATE_PENDING, enqueued_at__lt=before)
        | Q(state=Verification.STATE_STARTED, started_at__lt=before)), now)


def sweep_verifying_articles():
    """Close articles left in VERIFYING with nothing active (the worker that finished the last
    verification died before closing it); returns how many were closed."""
    closed = 0
    stuck = Article.objects.filter(state=Article.STATE_VERIFYING, state_changed_at__lt=stale_before())
    for article_id in stuck.values_list("pk", flat=True):
        busy = Verification.objects.filter(
            claim__article_id=article_id, claim__is_current=True,
            state__in=Verification.ACTIVE_STATES,
        ).exists()
        if busy:
            continue  # sweep_verifications sends those
        claim_ids = Claim.objects.filter(article_id=article_id, is_current=True).values_list(
            "pk", flat=True)
        closed += rollup.finish_claims(list(claim_ids), [article_id])
    return closed


def sweep():
    """The `sweep_stale_work` task: returns what was sent again and closed."""
    counts = {
        "articles": sweep_articles(),
        "verifications": sweep_verifications(),
        "closed": sweep_verifying_articles(),
        "paced": pacing.top_up_all(),
    }
    if any(counts.values()):
        log.info("sweeper: %s", counts)
    return counts
