"""The queue's filters, for the API and the exports: the queue page's form and query, one more
status choice ("all") and the visibility rule on top."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from factcheck.models import Claim

from .forms import QueueFilterForm
from .queue import queue_queryset
from .visibility import visible_claims

STATUS_ALL = "all"
# Dates outside these years are refused: nobody files claims there, and the far ends of the
# calendar overflow when converted between time zones.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999


class ClaimFilterForm(QueueFilterForm):
    """The queue's filters; `status` also takes "all" (an empty status means, as on the queue
    page, the claims needing a decision)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = list(self.fields["status"].choices) + [
            (STATUS_ALL, _("All statuses"))
        ]

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value and not (EARLIEST_YEAR <= value.year <= LATEST_YEAR):
            raise forms.ValidationError(
                _("Give a date between %(first)s and %(last)s."),
                params={"first": date(EARLIEST_YEAR, 1, 1).isoformat(),
                        "last": date(LATEST_YEAR, 12, 31).isoformat()},
                code="date_range",
            )
        return value

    def clean_since(self):
        return self._clean_date("since")

    def clean_until(self):
        return self._clean_date("until")


def statuses_of(filters):
    """The review statuses the filters ask for."""
    status = filters.get("status")
    if status == STATUS_ALL:
        return [code for code, _label in Claim.STATUS_CHOICES]
    return [status] if status else list(Claim.OPEN_STATUSES)


def filtered_claims(user, filters):
    """Current claims matching the filters (cleaned ClaimFilterForm data) that `user` may see,
    best first."""
    claims = queue_queryset(user, dict(filters, status=""), statuses_of(filters))
    visible = visible_claims(user)
    if not visible.query.where:
        # The desk sees every claim: no `id IN (SELECT id FROM claim)` for PostgreSQL to plan.
        return claims
    return claims.filter(pk__in=visible.values("pk"))
