from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from factcheck.models import Claim


class ClaimLease(models.Model):
    """Who is checking a claim right now. Expires by itself unless renewed."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="lease")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leases",
        verbose_name=_("held by"),
    )
    taken_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("lock")
        verbose_name_plural = _("locks")

    def __str__(self):
        return f"claim {self.claim_id} held by {self.holder}"

    @property
    def is_active(self):
        return self.expires_at > timezone.now()
