"""Recording the desk's events for the webhooks that subscribed to them, and sending them."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ..models import Verdict, WebhookDelivery, WebhookSubscription
from ..models.webhook import EVENT_REVIEW_PUBLISHED, EVENT_VERDICT_FINAL

log = logging.getLogger(__name__)


def emit(event, payload):
    """A delivery per active subscription to `event`, each sent once the transaction commits.
    Returns the deliveries."""
    subscriptions = [s for s in WebhookSubscription.objects.filter(active=True)
                     if event in (s.events or [])]
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(subscription=s, event=event, payload=payload) for s in subscriptions]
    )
    for delivery in deliveries:
        pk = delivery.pk
        transaction.on_commit(lambda pk=pk: send(pk))
    return deliveries


def send(delivery_id, countdown=0):
    """The one place a webhook task is sent. With the broker down the delivery stays pending
    (its "send again" action sends it later)."""
    from ..tasks import deliver_webhook

    try:
        deliver_webhook.apply_async(args=[delivery_id], countdown=countdown, retry=False)
    except Exception as exc:  # kombu raises many connection error types
        log.warning("broker unavailable, webhook delivery %s stays pending: %s", delivery_id, exc)
        return False
    return True


def verdict_payload(verdict):
    claim = verdict.claim
    return {
        "verdict": {
            "id": verdict.pk, "verdict": verdict.to_status, "state": verdict.state,
            "rationale": verdict.rationale, "sources": verdict.sources,
            "correction_note": verdict.correction_note,
            "created_at": verdict.created_at.isoformat() if verdict.created_at else None,
        },
        "claim": {"id": claim.pk, "text": claim.text, "article": claim.article_id},
    }


@receiver(post_save, sender=Verdict, dispatch_uid="webhooks-verdict-final")
def verdict_saved(sender, instance, created, update_fields=None, **kwargs):
    """verdict.final: a verdict given final (no four-eyes) or approved by a chief."""
    if instance.state not in Verdict.DECIDED_STATES:
        return
    if created or (update_fields and "state" in update_fields):
        emit(EVENT_VERDICT_FINAL, verdict_payload(instance))


def review_published(verdict, public_url, claim_review):
    emit(EVENT_REVIEW_PUBLISHED, {
        "verdict": verdict.pk, "claim": verdict.claim_id, "public_url": public_url,
        "claim_review": claim_review,
    })
