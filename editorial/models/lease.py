from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy as _

from factcheck.models import Claim


def lease_duration():
    """How long a take lasts without renewal; the claim page renews it while it stays open."""
    return timedelta(seconds=settings.EDITORIAL_LEASE_SECONDS)


def renew_seconds():
    """How often the holder's open claim page renews its lock: well within its duration."""
    return max(10, settings.EDITORIAL_LEASE_SECONDS // 5)


class ClaimLeaseQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())

    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())


class ClaimLease(models.Model):
    """Who is checking a claim right now. Expires by itself unless renewed."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="lease")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leases",
        verbose_name=_("held by"),
    )
    taken_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    objects = ClaimLeaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("lock")
        verbose_name_plural = _("locks")

    def __str__(self):
        return f"claim {self.claim_id} held by {self.holder}"

    @property
    def is_active(self):
        return self.expires_at > timezone.now()

    def is_held_by(self, user):
        return self.is_active and self.holder_id == user.pk

    def message(self):
        """The one sentence everybody sees about this lock, in their language and time zone."""
        since = formats.time_format(timezone.localtime(self.taken_at), "TIME_FORMAT")
        return gettext("Being checked by %(holder)s since %(time)s") % {
            "holder": self.holder.get_username(), "time": since,
        }
