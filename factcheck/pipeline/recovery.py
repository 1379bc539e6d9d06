"""Prompt recovery: work held by a worker that stopped heart-beating is sent again at once,
without waiting for the sweeper's stale period (beat runs it every
FACTCHECK_RECOVER_EVERY_SECONDS).

Every row a worker takes records its Celery hostname (`worker`). A worker writes its heartbeat
every 10 s (factcheck.worker_signals); one whose last heartbeat is older than
FACTCHECK_WORKER_LOST_AFTER_SECONDS, whose heartbeat is gone, or that started again since it
took the row (same hostname, new process) holds nothing any more. Its started verifications go
back to pending and are sent again, its extracting articles back to pending and are sent again,
and articles it left verifying with nothing active are closed. A worker also holds messages it
has taken from the broker and not started yet (their rows still pending or queued), which Redis
gives back only after its visibility timeout: when a worker is newly lost, everything sent before
then and still waiting is sent again. A killed worker's database
session ends with it, so its uncommitted writes are gone and its row locks released; whatever
it had committed is kept, and every step is safe to run twice."""

import logging
from datetime import timedelta

from celery import current_task
from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from factcheck.models import Article, Claim, Verification, WorkerHeartbeat

from . import dispatch, pacing, rollup

log = logging.getLogger(__name__)
# A worker's first heartbeat is written as it starts consuming: leave a row that long before
# taking the absence of its worker's heartbeat for a death.
CLAIM_GRACE = timedelta(seconds=10)


def current_worker():
    """The Celery hostname of the worker running the current task ("" outside a worker)."""
    request = getattr(current_task, "request", None)
    if request is None or getattr(request, "is_eager", False):
        return ""
    return getattr(request, "hostname", None) or ""


def lost_after():
    return timedelta(seconds=settings.FACTCHECK_WORKER_LOST_AFTER_SECONDS)


def live_workers(now):
    """{hostname: when its current process started} for the workers heart-beating."""
    return dict(WorkerHeartbeat.objects.filter(last_seen__gte=now - lost_after())
                .values_list("hostname", "started_at"))


def is_lost(worker, taken_at, live):
    """Whether the row a worker took at `taken_at` is held by nobody any more."""
    if worker not in live:
        return True
    # The worker started again since (its heartbeat's start is stamped as it gets ready, a
    # moment after it may have taken its first rows: hence the margin).
    return taken_at is not None and taken_at < live[worker] - CLAIM_GRACE


def recover_verifications(now, live):
    """Started verifications of lost workers: back to pending, sent again. Returns how many."""
    rows = (Verification.objects.filter(state=Verification.STATE_STARTED,
                                        started_at__lt=now - CLAIM_GRACE)
            .exclude(worker="").values_list("pk", "worker", "started_at"))
    lost = [pk for pk, worker, started_at in rows if is_lost(worker, started_at, live)]
    if not lost:
        return 0
    # Attempts are kept: a claim that kills every worker is still given up.
    return dispatch.send_again(
        Verification.objects.filter(pk__in=lost, state=Verification.STATE_STARTED), now,
        state=Verification.STATE_PENDING, worker="", started_at=None)


def recover_articles(now, live):
    """Articles a lost worker was extracting: back to pending, sent again. Returns how many."""
    rows = (Article.objects.filter(state=Article.STATE_EXTRACTING,
                                   state_changed_at__lt=now - CLAIM_GRACE)
            .exclude(worker="").values_list("pk", "worker", "state_changed_at"))
    sent = 0
    for pk, worker, taken_at in rows:
        if not is_lost(worker, taken_at, live):
            continue
        moved = Article.objects.filter(pk=pk, state=Article.STATE_EXTRACTING, worker=worker,
                                       state_changed_at=taken_at).update(
            state=Article.STATE_PENDING, worker="", state_changed_at=now)
        if moved:
            sent += dispatch.send_article(pk)
    return sent


def newly_lost(now):
    """When the last worker whose heartbeat went quiet within the last two recovery periods was
    last seen (None when none did)."""
    lost_since = now - lost_after()
    recent = timedelta(seconds=2 * settings.FACTCHECK_RECOVER_EVERY_SECONDS)
    return (WorkerHeartbeat.objects.filter(last_seen__lt=lost_since,
                                           last_seen__gte=lost_since - recent)
            .aggregate(last=Max("last_seen"))["last"])


def recover_waiting(now):
    """When a worker is newly lost: verifications and articles sent before it died and still
    waiting are sent again, since some may be in its hands; the copy left in the queue finds
    the work taken or done and returns. Returns how many verifications and articles were sent."""
    last_seen = newly_lost(now)
    if last_seen is None:
        return 0
    # It died before its next heartbeat; what was sent later cannot be in its hands, nor can
    # what an earlier run of this task sent again.
    sent_before = min(now - CLAIM_GRACE, last_seen + WorkerHeartbeat.BEAT_EVERY)
    sent = dispatch.send_again(Verification.objects.filter(
        state=Verification.STATE_PENDING, enqueued_at__lt=sent_before), now)
    articles = list(Article.objects.filter(state=Article.STATE_QUEUED,
                                           state_changed_at__lt=sent_before)
                    .values_list("pk", flat=True))
    resent = [pk for pk in articles if dispatch.send_article(pk)]
    Article.objects.filter(pk__in=resent, state=Article.STATE_QUEUED).update(state_changed_at=now)
    return sent + len(resent)


def close_abandoned_articles(now):
    """Articles left verifying with nothing active and nothing finished for a while: the worker
    that finished their last verification died before closing them. Returns how many closed."""
    quiet_since = now - lost_after()
    rows = Verification.objects.filter(claim__article=OuterRef("pk"), claim__is_current=True)
    abandoned = (Article.objects.filter(state=Article.STATE_VERIFYING,
                                        state_changed_at__lt=quiet_since)
                 .exclude(Exists(rows.filter(state__in=Verification.ACTIVE_STATES)))
                 .exclude(Exists(rows.filter(finished_at__gte=quiet_since))))
    closed = 0
    for article_id in abandoned.values_list("pk", flat=True):
        claim_ids = Claim.objects.filter(article_id=article_id, is_current=True).values_list(
            "pk", flat=True)
        closed += rollup.finish_claims(list(claim_ids), [article_id])
    return closed


def recover():
    """The `recover_lost_work` task: returns what was sent again and closed."""
    now = timezone.now()
    live = live_workers(now)
    counts = {
        "verifications": recover_verifications(now, live),
        "articles": recover_articles(now, live),
        "waiting": recover_waiting(now),
        "closed": close_abandoned_articles(now),
        # An article whose next batch a dead worker should have sent.
        "paced": pacing.top_up_all(),
    }
    if any(counts.values()):
        log.info("work of lost workers sent again: %s", counts)
    return counts
