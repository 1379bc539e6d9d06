"""Webhooks: partners' addresses told of the desk's events, and every delivery and attempt."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

EVENT_ARTICLE_DONE = "article.done"
EVENT_CLAIM_CREATED = "claim.created"
EVENT_VERDICT_FINAL = "verdict.final"
EVENT_REVIEW_PUBLISHED = "review.published"
EVENT_VERDICT_UPDATED = "verdict.updated"
EVENT_VERDICT_RETRACTED = "verdict.retracted"
EVENT_CHOICES = [
    (EVENT_ARTICLE_DONE, _("an article is extracted and verified")),
    (EVENT_CLAIM_CREATED, _("a claim is found")),
    (EVENT_VERDICT_FINAL, _("a verdict is final")),
    (EVENT_REVIEW_PUBLISHED, _("a fact-check is published")),
    (EVENT_VERDICT_UPDATED, _("a published fact-check is corrected")),
    (EVENT_VERDICT_RETRACTED, _("a published fact-check is withdrawn")),
]


def new_secret():
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    url = models.URLField(_("address"), max_length=1000)
    secret = models.CharField(
        _("signing secret"), max_length=128, default=new_secret,
        help_text=_("Shared with the receiver, which checks each delivery's signature with it."),
    )
    events = models.JSONField(_("events"), default=list)
    active = models.BooleanField(_("active"), default=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.description or self.url


class WebhookDelivery(models.Model):
    """One event for one subscription; sent until the receiver answers 2xx or attempts run out."""

    STATE_PENDING = "pending"
    STATE_SUCCEEDED = "succeeded"
    STATE_FAILED = "failed"
    STATE_CHOICES = [
        (STATE_PENDING, _("pending")),
        (STATE_SUCCEEDED, _("delivered")),
        (STATE_FAILED, _("failed")),
    ]

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE,
                                     related_name="deliveries")
    event = models.CharField(_("event"), max_length=32, choices=EVENT_CHOICES)
    payload = models.JSONField(default=dict)
    # What the event is about ("article:12:<finished at>", "claim:7"): an event announced by the
    # beat's sweep is recorded once per subscription, however often the sweep runs.
    key = models.CharField(max_length=100, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=STATE_CHOICES,
                             default=STATE_PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event", "key"], condition=~models.Q(key=""),
                name="webhook_delivery_once_per_key",
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.subscription.url}"


class WebhookAttempt(models.Model):
    """One POST of a delivery: when, what the receiver answered, how long it took."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE,
                                 related_name="attempt_log")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    status_code = models.PositiveIntegerField(_("status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
