from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from factcheck.models import Article, Claim


class AuditLogEntry(models.Model):
    """Every state change an editor makes: who, when, from → to, why."""

    ACTION_CHOICES = [
        ("take", _("took")),
        ("release", _("released")),
        ("force_unlock", _("force-unlocked")),
        ("assign", _("assigned")),
        ("verdict", _("gave a verdict")),
        ("approve", _("approved")),
        ("send_back", _("sent back")),
        ("reopen", _("reopened")),
        ("not_a_claim", _("set aside as not a claim")),
        ("submit_article", _("submitted an article")),
        ("rerun", _("re-ran the pipeline")),
        ("publish", _("published a verdict")),
        ("withdraw", _("withdrew a published verdict")),
    ]

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("who"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=ACTION_CHOICES)
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_log"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_log"
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.actor} {self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
