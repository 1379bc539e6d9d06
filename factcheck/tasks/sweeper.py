"""The sweeper re-enqueues work that was never sent or got lost (broker restart, dead worker).
Every task it sends is idempotent, so sending twice is harmless."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from factcheck.models import Article

log = logging.getLogger(__name__)
# A freshly saved article is sent by its on-commit hook; leave it that long before sweeping.
PENDING_GRACE = timedelta(seconds=10)


def stale_articles(now=None):
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.FACTCHECK_STALE_AFTER_SECONDS)
    pending = Article.objects.filter(
        state=Article.STATE_PENDING, state_changed_at__lt=now - PENDING_GRACE
    )
    lost = Article.objects.filter(
        state__in=[Article.STATE_QUEUED, Article.STATE_EXTRACTING],
        state_changed_at__lt=stale_before,
    )
    return pending.union(lost)


def sweep_articles():
    sent = 0
    for article in stale_articles():
        if article.state != Article.STATE_PENDING:
            # Back to pending first: if the broker is still down it stays visible as such.
            article.set_state(Article.STATE_PENDING)
        if article.send_to_pipeline():
            sent += 1
    return sent


@shared_task
def sweep_stale_work():
    sent = sweep_articles()
    if sent:
        log.info("sweeper re-enqueued %d article(s)", sent)
    return {"articles": sent}
