import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from factcheck.models import Claim

# @username as Django's default username validator allows it, minus "@" itself; a trailing
# full stop ends the sentence, not the name.
MENTION = re.compile(r"(?<![\w.@+-])@([\w.+-]+)")


def mentioned_usernames(text):
    names = []
    for match in MENTION.finditer(text or ""):
        name = match.group(1).rstrip(".")
        if name and name not in names:
            names.append(name)
    return names


class Note(models.Model):
    """A message in a claim's thread; @username mentions notify that person."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notes", verbose_name=_("by"),
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self.author} on claim {self.claim_id}: {self.body[:60]}"

    @staticmethod
    def mentioned_users(text):
        """Active users named in the text, in no particular order."""
        names = mentioned_usernames(text)
        if not names:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(username__in=names, is_active=True)
