"""Recording the desk's events for the webhooks that subscribed to them, and sending them."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from factcheck.models import Article, Claim
from factcheck.pipeline import dispatch

from ..models import Verdict, WebhookDelivery, WebhookSubscription
from ..models.verdict import verdict_published, verdict_withdrawn
from ..publishing import claim_review, rating_name, site_url
from ..models.webhook import (
    EVENT_ARTICLE_DONE, EVENT_CLAIM_CREATED, EVENT_REVIEW_PUBLISHED, EVENT_VERDICT_FINAL,
    EVENT_VERDICT_RETRACTED, EVENT_VERDICT_UPDATED,
)

log = logging.getLogger(__name__)

DELIVER_WEBHOOK = "editorial.tasks.deliver_webhook"


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
    try:
        dispatch.send_by_name(DELIVER_WEBHOOK, [delivery_id], countdown=countdown)
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


@receiver(verdict_published, dispatch_uid="webhooks-review-published")
def review_published(sender, verdict, corrects=None, **kwargs):
    """review.published for a first publication; verdict.updated for a correction (the claim
    was reopened and decided otherwise), with the rating it replaces."""
    payload = {
        "verdict": verdict.pk, "claim": verdict.claim_id,
        "public_url": site_url(verdict.get_public_url()), "claim_review": claim_review(verdict),
    }
    if corrects is None:
        emit(EVENT_REVIEW_PUBLISHED, payload)
        return
    language = verdict.claim.article.language
    emit(EVENT_VERDICT_UPDATED, {**payload, "corrected_at": verdict.published_at.isoformat(),
                                 "previous": {
                                     "verdict": corrects.pk, "rating": corrects.to_status,
                                     "rating_name": rating_name(corrects.to_status, language),
                                     "public_url": site_url(corrects.get_public_url()),
                                 }})


@receiver(verdict_withdrawn, dispatch_uid="webhooks-verdict-retracted")
def verdict_retracted(sender, verdict, **kwargs):
    emit(EVENT_VERDICT_RETRACTED, {
        "verdict": verdict.pk, "claim": verdict.claim_id, "rating": verdict.to_status,
        "public_url": site_url(verdict.get_public_url()),
        "withdrawn_at": verdict.withdrawn_at.isoformat(), "note": verdict.withdrawal_note,
        "claim_review": claim_review(verdict),
    })


# --- events of the pipeline ------------------------------------------------------------------
# The pipeline (factcheck) writes its states in bulk and knows nothing of editorial: the beat's
# sweep finds what it finished since the subscription began and announces each thing once
# (the delivery's key is unique per subscription).
LOOKBACK = timedelta(days=1)
CLAIMS_PER_SWEEP = 1000


def _record_once(subscription, event, items):
    """[(key, object id, payload)] → deliveries for those not recorded yet, sent on commit."""
    keys = [key for key, _pk, _payload in items]
    known = set(WebhookDelivery.objects.filter(subscription=subscription, event=event,
                                               key__in=keys).values_list("key", flat=True))
    fresh = [(key, pk, payload) for key, pk, payload in items if key not in known]
    if not fresh:
        return 0
    # A sweep running at the same time may record the same keys: theirs stand.
    WebhookDelivery.objects.bulk_create([
        WebhookDelivery(subscription=subscription, event=event, key=key, object_id=pk,
                        payload=payload)
        for key, pk, payload in fresh
    ], ignore_conflicts=True)
    created = WebhookDelivery.objects.filter(
        subscription=subscription, event=event, key__in=[key for key, _pk, _p in fresh],
        attempts=0, state=WebhookDelivery.STATE_PENDING,
    ).values_list("pk", flat=True)
    for delivery_id in created:
        transaction.on_commit(lambda pk=delivery_id: send(pk))
    return len(fresh)


def _finished_articles(subscription, now):
    since = max(subscription.created_at, now - LOOKBACK)
    articles = Article.objects.filter(state=Article.STATE_DONE, state_changed_at__gte=since).values(
        "pk", "title", "url", "language", "state_changed_at")
    return [
        (f"article:{a['pk']}:{a['state_changed_at'].timestamp():.6f}", a["pk"], {"article": {
            "id": a["pk"], "title": a["title"], "url": a["url"], "language": a["language"],
            "done_at": a["state_changed_at"].isoformat(),
        }})
        for a in articles
    ]


def _new_claims(subscription):
    announced = WebhookDelivery.objects.filter(subscription=subscription, event=EVENT_CLAIM_CREATED)
    last = announced.aggregate(last=Max("object_id"))["last"]
    claims = (Claim.objects.filter(pk__gt=last or 0, is_current=True,
                                   created_at__gte=subscription.created_at)
              .order_by("pk").values("pk", "article_id", "text", "language", "score", "modality",
                                     "speaker", "created_at")[:CLAIMS_PER_SWEEP])
    return [
        (f"claim:{c['pk']}", c["pk"], {"claim": {
            "id": c["pk"], "article": c["article_id"], "text": c["text"],
            "language": c["language"], "score": c["score"], "modality": c["modality"],
            "speaker": c["speaker"], "created_at": c["created_at"].isoformat(),
        }})
        for c in claims
    ]


@transaction.atomic
def announce_pipeline_events(now=None):
    """article.done and claim.created for the subscriptions that asked for them; returns how
    many deliveries were recorded."""
    now = now or timezone.now()
    recorded = 0
    for subscription in WebhookSubscription.objects.filter(active=True):
        events = subscription.events or []
        if EVENT_ARTICLE_DONE in events:
            recorded += _record_once(subscription, EVENT_ARTICLE_DONE,
                                     _finished_articles(subscription, now))
        if EVENT_CLAIM_CREATED in events:
            recorded += _record_once(subscription, EVENT_CLAIM_CREATED, _new_claims(subscription))
    return recorded
