"""Fair verification between articles: one article never has more than
FACTCHECK_VERIFY_BATCHES_PER_ARTICLE batches in the `verify` queue.

The fan-out sends an article's first window of verifications and leaves the rest unsent
(pending, `enqueued_at` empty). Each `verify_claims` task, once done, tops up the window of the
articles it worked for: their next batch joins the queue behind what other articles sent
meanwhile, so a big article's verifications take turns with everyone else's instead of filling
the queue ahead of them. The recovery task tops up every article with unsent work too, in case
the worker that should have sent the next batch died."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from factcheck.models import Verification

from . import dispatch

log = logging.getLogger(__name__)


def window():
    """How many of one article's verifications may be in the queue (or running) at once."""
    return (max(1, settings.FACTCHECK_VERIFY_BATCHES_PER_ARTICLE)
            * max(1, settings.FACTCHECK_VERIFY_BATCH_SIZE))


def split(ids):
    """The fan-out's ids (in claim order) as (sent now, left for later)."""
    size = window()
    return ids[:size], ids[size:]


def unsent(**claim_filter):
    return Verification.objects.filter(state=Verification.STATE_PENDING,
                                       enqueued_at__isnull=True, claim__is_current=True,
                                       **{f"claim__{k}": v for k, v in claim_filter.items()})


def after_batch(verification_ids, article_ids=None):
    """Top up the windows of the articles of these verifications (a `verify_claims` task's own
    ones, once it is done; `article_ids` when the caller knows them, which spares a join). One
    query when none of them has work left unsent."""
    if article_ids is None:
        article_ids = (Verification.objects.filter(pk__in=list(verification_ids))
                       .values("claim__article_id"))
    elif not article_ids:
        return 0
    else:
        article_ids = sorted(article_ids)
    # order_by(): the model's ordering would join DISTINCT with created_at.
    waiting = set(unsent(article_id__in=article_ids).order_by()
                  .values_list("claim__article_id", flat=True).distinct())
    return sum(top_up(article_id) for article_id in sorted(waiting))


def top_up_all():
    """Top up every article with unsent work (the recovery task); returns how many sent."""
    waiting = unsent().values_list("claim__article_id", flat=True).distinct()
    return sum(top_up(article_id) for article_id in sorted(set(waiting)))


def top_up(article_id):
    """Send as much of the article's unsent work as its window has room for; returns how many."""
    now = timezone.now()
    with transaction.atomic():
        in_flight = Verification.objects.filter(
            claim__article_id=article_id, claim__is_current=True,
            state__in=Verification.ACTIVE_STATES, enqueued_at__isnull=False).count()
        room = window() - in_flight
        if room <= 0:
            return 0
        return dispatch.send_again(unsent(article_id=article_id), now, limit=room)
