"""API tokens for scripts: only a SHA-256 digest of each key is stored, with a short visible
prefix that identifies it. The key itself is shown once, when it is created."""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "fc_"
# 32 random bytes (256 bits), URL-safe base64: 43 characters after the prefix.
KEY_BYTES = 32
VISIBLE_CHARS = 10
# Recording every use would write a row per API request; once a minute is enough to say "last used".
LAST_USED_RESOLUTION_SECONDS = 60


def digest(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """One key a user's scripts send as `Authorization: Token <key>`. Revoked, it stays listed
    (who had it, when it was last used) but opens nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("user"))
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self):
        return self.revoked_at is None

    @classmethod
    @transaction.atomic
    def issue(cls, user):
        """A new key for `user`, replacing (revoking) the one they had. Returns (token, key): the
        key is not stored and cannot be read again."""
        cls.revoke_all(user)
        key = KEY_PREFIX + secrets.token_urlsafe(KEY_BYTES)
        token = cls.objects.create(user=user, prefix=key[:VISIBLE_CHARS], digest=digest(key))
        return token, key

    @classmethod
    def revoke_all(cls, user):
        return cls.objects.active().filter(user=user).update(revoked_at=timezone.now())

    @classmethod
    def find(cls, key):
        """The active token whose key is `key`, with its user, or None."""
        return cls.objects.active().select_related("user").filter(digest=digest(key)).first()

    def touch(self, now=None):
        now = now or timezone.now()
        if self.last_used_at is None or (
                now - self.last_used_at).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
            type(self).objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
