from django.conf import settings
from django.db import models
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from factcheck.models import Claim


class Verdict(models.Model):
    """A fact-checker's decision on a claim, with its reasons and sources (the review history)."""

    STATE_FINAL = "final"
    STATE_AWAITING_APPROVAL = "awaiting_approval"
    STATE_APPROVED = "approved"
    STATE_SENT_BACK = "sent_back"
    STATE_CHOICES = [
        (STATE_FINAL, _("final")),
        (STATE_AWAITING_APPROVAL, _("awaiting approval")),
        (STATE_APPROVED, _("approved")),
        (STATE_SENT_BACK, _("sent back")),
    ]

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    from_status = models.CharField(max_length=20, choices=Claim.STATUS_CHOICES)
    to_status = models.CharField(_("verdict"), max_length=20, choices=Claim.STATUS_CHOICES)
    rationale = models.TextField(_("rationale"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    correction_note = models.TextField(_("public correction note"), blank=True)
    state = models.CharField(max_length=20, choices=STATE_CHOICES, default=STATE_FINAL)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="reviewed_verdicts", verbose_name=_("approved or sent back by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    # Why it waits for a chief: the policy's flags (editorial.policy), empty when final at once.
    approval_reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        # The inbox and its count in every chief's navigation read only the few awaiting ones.
        indexes = [
            models.Index(
                fields=["created_at"], condition=models.Q(state="awaiting_approval"),
                name="verdict_awaiting_approval",
            ),
        ]

    def __str__(self):
        return f"{self.get_to_status_display()} by {self.author} on claim {self.claim_id}"


def queue_annotations():
    """What a queue row shows of the review: the chief's comment on a sent-back claim, and the
    proposed verdict and its author on a claim awaiting approval (subqueries: no extra query)."""
    awaiting = Verdict.objects.filter(
        claim_id=OuterRef("pk"), state=Verdict.STATE_AWAITING_APPROVAL
    ).order_by("-created_at", "-id")

    def when_pending(value):
        return Case(When(status=Claim.STATUS_PENDING_APPROVAL, then=Subquery(value[:1])),
                    default=Value(None))

    return {
        "sent_back_comment": sent_back_comment(),
        "proposed_status": when_pending(awaiting.values("to_status")),
        "proposed_by": when_pending(awaiting.values("author__username")),
    }


def sent_back_comment():
    """An expression for a claim query: the chief's comment when the claim's latest verdict was
    sent back and the claim waits for its author again, else NULL (one subquery, in-review
    rows only)."""
    latest = Verdict.objects.filter(claim_id=OuterRef("pk")).order_by("-created_at", "-id")
    comment = latest.annotate(comment=Case(
        When(state=Verdict.STATE_SENT_BACK, then=F("review_comment")), default=Value(None),
    )).values("comment")[:1]
    return Case(When(status=Claim.STATUS_IN_REVIEW, then=Subquery(comment)), default=Value(None))
