from django import template

from factcheck.models import Claim

register = template.Library()
_STATUS_LABELS = dict(Claim.STATUS_CHOICES)


@register.filter
def status_label(code):
    """Translated label of a review status code stored as text (audit log, verdicts)."""
    return _STATUS_LABELS.get(code, code)
