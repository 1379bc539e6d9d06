"""The one place that sends Celery tasks. Tasks are sent by name, so nothing below the task
layer imports it; routing (`CELERY_TASK_ROUTES`) puts extraction on `nlp` and verification on
`verify`. A broker that cannot be reached never fails the caller: the rows stay pending in the
database and the sweeper sends them later."""

import logging

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from factcheck.models import Article, Verification

log = logging.getLogger(__name__)

EXTRACT_ARTICLE = "factcheck.tasks.extraction.extract_article"
VERIFY_CLAIMS = "factcheck.tasks.verification.verify_claims"
SWEEP_STALE_WORK = "factcheck.tasks.sweeper.sweep_stale_work"


def _send(name, args, kwargs=None):
    current_app.send_task(name, args=args, kwargs=kwargs or {}, retry=False)


def send_by_name(name, args, countdown=0):
    """Send the task `name` now (for the desk's own tasks, e.g. webhook deliveries); the broker's
    errors reach the caller, which decides what stays pending."""
    current_app.send_task(name, args=args, countdown=countdown or None, retry=False)


def enqueue_article(article):
    """Send the article to extraction once the current transaction commits."""
    article_id = article.pk
    transaction.on_commit(lambda: send_article(article_id))


def send_article(article_id):
    """Send an article to extraction now; a PENDING article becomes QUEUED. Returns False when
    the broker is unavailable (the article stays PENDING for the sweeper)."""
    try:
        _send(EXTRACT_ARTICLE, [article_id])
    except Exception as exc:  # kombu raises many connection error types
        log.warning("broker unavailable, article %s stays pending: %s", article_id, exc)
        return False
    Article.objects.filter(pk=article_id, state=Article.STATE_PENDING).update(
        state=Article.STATE_QUEUED, state_changed_at=timezone.now())
    return True


def send_reextraction(article_id):
    """Send a forced re-extraction (an editor's re-run); a broker that is down leaves the
    article QUEUED, which the sweeper sends again once it waited too long."""
    try:
        _send(EXTRACT_ARTICLE, [article_id], {"force": True})
    except Exception as exc:
        log.warning("broker unavailable, article %s waits for the sweeper: %s", article_id, exc)
        return False
    return True


def send_verifications(ids, top_up=True):
    """Send verification ids in batches of FACTCHECK_VERIFY_BATCH_SIZE. A broker that is down
    leaves them pending: the sweeper sends them later. Returns the number of tasks sent.
    `top_up=False`: their articles have no work left unsent, the tasks need not look for it."""
    size = max(1, settings.FACTCHECK_VERIFY_BATCH_SIZE)
    sent = 0
    for start in range(0, len(ids), size):
        try:
            _send(VERIFY_CLAIMS, [list(ids[start:start + size])],
                  None if top_up else {"top_up": False})
        except Exception as exc:
            log.warning("broker unavailable, %d verification(s) stay pending: %s",
                        len(ids) - start, exc)
            break
        sent += 1
    return sent


def send_verifications_after_commit(ids, top_up=True):
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: send_verifications(ids, top_up=top_up))


def send_again(verifications, now, limit=None, **changes):
    """Send the rows of `verifications` (a Verification queryset) that no other transaction
    holds, at most `limit`, in claim order: stamped sent at `now` with `changes`, sent once the
    transaction commits. SKIP LOCKED: two senders at once send different rows, and a row a live
    run is storing is left to it. Returns how many."""
    with transaction.atomic(savepoint=False):
        ids = list(verifications.select_for_update(skip_locked=True, of=("self",))
                   .order_by("claim_id", "pk").values_list("pk", flat=True)[:limit])
        Verification.objects.filter(pk__in=ids).update(enqueued_at=now, **changes)
        send_verifications_after_commit(ids)
    return len(ids)


RUN_BULK_IMPORT = "factcheck.tasks.ingesting.run_bulk_import"


def send_bulk_import(import_id):
    """Send a desk upload's reading now; False when the broker is down (it waits, and is sent
    again by the next resume)."""
    try:
        _send(RUN_BULK_IMPORT, [import_id])
    except Exception as exc:  # kombu raises many connection error types
        log.warning("broker unavailable, bulk import %s waits: %s", import_id, exc)
        return False
    return True


def send_bulk_import_after_commit(import_id):
    """Send a desk upload's reading once the current transaction commits."""
    transaction.on_commit(lambda: send_bulk_import(import_id))
