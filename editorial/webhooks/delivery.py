"""Sending one webhook delivery: sign, POST, log the attempt, decide whether to try again."""

import hashlib
import hmac
import json
import logging
import time

import httpx
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from ..models import WebhookAttempt, WebhookDelivery
from factcheck.addresses import AddressRefused, check_url, pinned_client

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factcheck-Signature"


def signature(secret, timestamp, body):
    """HMAC-SHA256 of "<timestamp>.<body>" with the subscription's secret, in hex."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def retry_delay(attempts):
    """Seconds before the next attempt after `attempts` failed ones: doubling, capped."""
    base = settings.FACTCHECK_WEBHOOK_RETRY_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), 3600)


def _body(delivery):
    document = {"id": delivery.pk, "event": delivery.event,
                "created_at": delivery.created_at.isoformat(), "data": delivery.payload}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _post(delivery, body):
    """(status code or None, error text, whether trying again may help)."""
    subscription = delivery.subscription
    try:
        check_url(subscription.url)
    except AddressRefused as exc:
        return None, str(exc), False
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "factcheck-webhooks/1",
        "X-Factcheck-Event": delivery.event,
        "X-Factcheck-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: f"t={timestamp},v1={signature(subscription.secret, timestamp, body)}",
    }
    try:
        # Connected to the address checked at connection time (no second look-up to rebind).
        with pinned_client(timeout=settings.FACTCHECK_WEBHOOK_TIMEOUT_SECONDS,
                           follow_redirects=False) as client:
            response = client.post(subscription.url, content=body, headers=headers)
    except AddressRefused as exc:
        return None, str(exc), False
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500], True
    return response.status_code, "", True


def deliver(delivery_id):
    """Make one attempt at a delivery. Returns the seconds to wait before the next attempt, or
    None when there is nothing more to do (delivered, failed for good, gone, or being sent by
    another worker right now)."""
    with transaction.atomic():
        delivery = (WebhookDelivery.objects.select_for_update(skip_locked=True)
                    .select_related("subscription").filter(pk=delivery_id).first())
        if delivery is None:
            log.info("webhook delivery %s is gone or being sent", delivery_id)
            return None
        if delivery.state != WebhookDelivery.STATE_PENDING:
            return None
        started = time.monotonic()
        status, error, may_retry = _post(delivery, _body(delivery))
        WebhookAttempt.objects.create(
            delivery=delivery, status_code=status, error=error,
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        delivery.attempts += 1
        if status is not None and 200 <= status < 300:
            delivery.state, delivery.delivered_at = WebhookDelivery.STATE_SUCCEEDED, timezone.now()
        elif not may_retry or delivery.attempts >= settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS:
            delivery.state = WebhookDelivery.STATE_FAILED
        delivery.save(update_fields=["state", "attempts", "delivered_at"])
    if delivery.state == WebhookDelivery.STATE_PENDING:
        return retry_delay(delivery.attempts)
    return None


def send_again(delivery):
    """A chief's "send again": a new round of attempts (the earlier ones stay in the log)."""
    from .events import send

    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state=WebhookDelivery.STATE_PENDING, attempts=0, delivered_at=None)
    transaction.on_commit(lambda: send(delivery.pk))


def overdue(now=None):
    """Pending deliveries whose next attempt is long overdue (the broker was down when they were
    recorded, or their task was lost): ids to send again."""
    now = now or timezone.now()
    pending = (WebhookDelivery.objects.filter(state=WebhookDelivery.STATE_PENDING)
               .annotate(last_attempt=models.Max("attempt_log__at"))
               .values_list("pk", "attempts", "created_at", "last_attempt"))
    late = []
    for pk, attempts, created_at, last_attempt in pending:
        since = last_attempt or created_at
        # Twice the wait the task was given, plus a minute: a retry still on its way is left alone.
        grace = 2 * (retry_delay(attempts) if attempts else 0) + 60
        if (now - since).total_seconds() > grace:
            late.append(pk)
    return late


def send_overdue():
    """The beat's sweep: send the overdue deliveries again. Returns how many."""
    from .events import send

    late = overdue()
    for pk in late:
        send(pk)
    return len(late)
