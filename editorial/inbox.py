"""The chief's inbox: verdicts awaiting approval, oldest first, and bulk approval."""

from django.contrib.auth import get_user_model
from django.db.models import Func, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Notification, ReviewableClaim, TransitionError, Verdict
from .models.reviewable import PERM_APPROVE
from .policy import reason_labels


def awaiting_verdicts():
    """Verdicts waiting for a chief, with their claim, article and author, oldest first."""
    return (
        Verdict.objects.filter(state=Verdict.STATE_AWAITING_APPROVAL)
        .select_related("author", "claim", "claim__article", "claim__article__source")
        .order_by("created_at", "id")
    )


def inbox_rows(user):
    rows = list(awaiting_verdicts()[:200])
    for verdict in rows:
        verdict.reasons = reason_labels(verdict.approval_reasons)
        verdict.own = verdict.author_id == user.pk
        verdict.pick_value = f"{verdict.claim_id}:{verdict.claim.version}"
    return rows


def count_subquery(queryset):
    """COUNT(*) of a queryset as a subquery expression (one row, no GROUP BY)."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(n=Func(Value(1), function="COUNT")).values("n")[:1]),
        0,
    )


def to_approve(user_ref):
    """Verdicts a chief may approve: awaiting, and not their own."""
    return count_subquery(
        Verdict.objects.filter(state=Verdict.STATE_AWAITING_APPROVAL).exclude(author_id=user_ref)
    )


def apply_bulk(user, action, picked, comment):
    """Approve or send back each (claim id, version); returns (done, [(claim id, why skipped)])."""
    done, skipped = [], []
    claims = ReviewableClaim.objects.in_bulk([pk for pk, _version in picked])
    for pk, version in picked:
        claim = claims.get(pk)
        if claim is None:
            skipped.append((pk, "—"))
            continue
        try:
            if action == "approve":
                claim.approve(user, comment, version=version)
            else:
                claim.send_back(user, comment, version=version)
        except TransitionError as exc:
            skipped.append((pk, exc.message))
        else:
            done.append(pk)
    return done, skipped


def nav_counts(user):
    """The bell's unread count and, for chiefs, the inbox's: one query for both."""
    counts = {"unread": count_subquery(
        Notification.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True)
    )}
    if user.has_perm(PERM_APPROVE):
        counts["to_approve"] = to_approve(OuterRef("pk"))
    row = get_user_model().objects.filter(pk=user.pk).annotate(**counts).values(*counts).first()
    return {"unread": 0, "to_approve": None, **(row or {})}
