"""The queue's filters, for the API and the exports: the queue page's form and query, one more
status choice ("all") and the visibility rule on top."""

from django.utils.translation import gettext_lazy as _

from factcheck.models import Claim

from .queue_filters import QueueFilterForm
from .queue import asked_statuses, queue_queryset
from .visibility import visible_claims

STATUS_ALL = "all"


class ClaimFilterForm(QueueFilterForm):
    """The queue's filters (dates bounded as there); `status` also takes "all" (an empty status
    means, as on the queue page, the claims needing a decision)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = list(self.fields["status"].choices) + [
            (STATUS_ALL, _("All statuses"))
        ]


def statuses_of(filters):
    """The review statuses the filters ask for."""
    if filters.get("status") == STATUS_ALL:
        return [code for code, _label in Claim.STATUS_CHOICES]
    return asked_statuses(filters)


def filtered_claims(user, filters):
    """Current claims matching the filters (cleaned ClaimFilterForm data) that `user` may see,
    best first."""
    claims = queue_queryset(user, dict(filters, status=""), statuses_of(filters))
    visible = visible_claims(user)
    if not visible.query.where:
        # The desk sees every claim: no `id IN (SELECT id FROM claim)` for PostgreSQL to plan.
        return claims
    return claims.filter(pk__in=visible.values("pk"))
