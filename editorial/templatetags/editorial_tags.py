from django import template
from django.utils.translation import gettext_lazy as _

from factcheck.models import Claim

from .. import visibility
from ..models.reviewable import STATUS_NOT_A_CLAIM

register = template.Library()
_STATUS_LABELS = {**dict(Claim.STATUS_CHOICES), STATUS_NOT_A_CLAIM: _("not a claim")}


@register.filter
def status_label(code):
    """Translated label of a review status code stored as text (audit log, verdicts)."""
    return _STATUS_LABELS.get(code, code)


@register.simple_tag
def nav_counts(user):
    """{"unread": n, "to_approve": n or None} for the navigation (one query)."""
    if not user.is_authenticated:
        return {"unread": 0, "to_approve": None}
    from ..inbox import nav_counts as counts

    return counts(user)


register.filter("evidence_reason", visibility.evidence_reason)
