from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from factcheck.models import Claim

from ..roles import PERM_APPROVE
from .errors import TransitionError

PERM_PUBLISH = PERM_APPROVE  # the chiefs who approve verdicts publish them

# Sent inside publish()'s transaction, once the verdict is public (webhooks listen); `corrects`
# is the earlier published verdict it replaces, or None.
verdict_published = Signal()
# Sent inside withdraw()'s transaction, once a published verdict is withdrawn.
verdict_withdrawn = Signal()


class VerdictQuerySet(models.QuerySet):
    def published(self):
        """What the public may read: published verdicts."""
        return self.filter(published_at__isnull=False)


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
    # Publishing (a chief's act): the verdict's public page and its ClaimReview exist from then.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="published_verdicts", verbose_name=_("published by"),
    )
    # A correction: the earlier published verdict on the same claim that this one replaces.
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    # A retraction: the published verdict no longer stands, and its page says why.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="withdrawn_verdicts", verbose_name=_("withdrawn by"),
    )
    withdrawal_note = models.TextField(_("why it was withdrawn"), blank=True)

    objects = VerdictQuerySet.as_manager()

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


    DECIDED_STATES = (STATE_FINAL, STATE_APPROVED)

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def correction(self):
        """The later published verdict that corrects this one, or None."""
        # all(): uses the API's and pages' prefetch when there is one.
        later = sorted(self.corrected_by.all(), key=lambda v: (v.published_at, v.pk))
        return later[0] if later else None

    def first_published_at(self):
        """When the fact-check first went out: the start of a chain of corrections."""
        first = self
        while first.corrects_id:
            first = first.corrects
        return first.published_at

    def public_state(self):
        """What the public page says of this fact-check: "current", "corrected" (a later verdict
        replaced it) or "withdrawn"."""
        if self.is_withdrawn:
            return "withdrawn"
        if self.correction() is not None:
            return "corrected"
        return "current"

    def get_public_url(self):
        return reverse("review", args=[self.pk])

    def publishable_problem(self):
        """Why this verdict cannot be published now, as a sentence for a chief; "" if it can."""
        if self.is_published:
            return gettext("This verdict is already published.")
        if self.state not in self.DECIDED_STATES:
            return gettext("Only a final or approved verdict can be published.")
        latest = self.claim.verdicts.filter(state__in=self.DECIDED_STATES).order_by(
            "-created_at", "-id").first()
        if self.claim.status != self.to_status or latest is None or latest.pk != self.pk:
            return gettext("The claim has been decided otherwise since this verdict: it cannot be "
                           "published.")
        return ""

    @transaction.atomic
    def publish(self, user):
        """Make the verdict public (its page and ClaimReview). Check, record, save, log."""
        from .audit import AuditLogEntry

        if not (user and user.is_authenticated and user.has_perm(PERM_PUBLISH)):
            raise PermissionDenied(PERM_PUBLISH)
        # Re-read under a lock: two chiefs publishing at once record one publication.
        locked = type(self).objects.select_for_update().select_related("claim").get(pk=self.pk)
        problem = locked.publishable_problem()
        if problem:
            raise TransitionError(problem, locked.claim)
        # The claim was reopened and decided again: this publication corrects the one that
        # stands (under the same lock, so two corrections cannot both claim it).
        earlier = (type(self).objects.select_for_update(of=("self",)).published()
                   .filter(claim_id=self.claim_id, withdrawn_at__isnull=True,
                           corrected_by__isnull=True).exclude(pk=self.pk)
                   .order_by("-published_at", "-id").first())
        self.published_at, self.published_by = timezone.now(), user
        self.corrects = earlier
        type(self).objects.filter(pk=self.pk).update(
            published_at=self.published_at, published_by=user, corrects=earlier,
        )
        data = {"verdict_id": self.pk}
        if earlier is not None:
            data.update(corrects=earlier.pk, previous_verdict=earlier.to_status)
        AuditLogEntry.objects.create(
            actor=user, action="publish", claim_id=self.claim_id,
            article_id=locked.claim.article_id,
            from_status=locked.claim.status, to_status=locked.claim.status, data=data,
        )
        verdict_published.send(sender=type(self), verdict=self, corrects=earlier)
        return self

    def withdrawable_problem(self):
        """Why this verdict cannot be withdrawn now, as a sentence for a chief; "" if it can."""
        if not self.is_published:
            return gettext("Only a published verdict can be withdrawn.")
        if self.is_withdrawn:
            return gettext("This verdict is already withdrawn.")
        if self.corrected_by.exists():
            return gettext("A later verdict corrects this one: withdraw that one instead.")
        return ""

    @transaction.atomic
    def withdraw(self, user, note):
        """Retract a published verdict: its page stays, says it is withdrawn and why, and no
        longer rates the claim. Check, record, save, log."""
        from .audit import AuditLogEntry
        from ..policy import MAX_CORRECTION_NOTE

        if not (user and user.is_authenticated and user.has_perm(PERM_PUBLISH)):
            raise PermissionDenied(PERM_PUBLISH)
        note = (note or "").strip()
        locked = type(self).objects.select_for_update().select_related("claim").get(pk=self.pk)
        if not note:
            raise TransitionError(gettext("Say publicly why the verdict is withdrawn."),
                                  locked.claim)
        if len(note) > MAX_CORRECTION_NOTE:
            raise TransitionError(gettext("This note is too long."), locked.claim)
        problem = locked.withdrawable_problem()
        if problem:
            raise TransitionError(problem, locked.claim)
        self.withdrawn_at, self.withdrawn_by, self.withdrawal_note = timezone.now(), user, note
        type(self).objects.filter(pk=self.pk).update(
            withdrawn_at=self.withdrawn_at, withdrawn_by=user, withdrawal_note=note)
        AuditLogEntry.objects.create(
            actor=user, action="withdraw", claim_id=self.claim_id,
            article_id=locked.claim.article_id, rationale=note,
            from_status=locked.claim.status, to_status=locked.claim.status,
            data={"verdict_id": self.pk, "verdict": self.to_status},
        )
        verdict_withdrawn.send(sender=type(self), verdict=self)
        return self


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
