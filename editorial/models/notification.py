"""In-page notifications (the bell) and their e-mails, sent once the transaction commits."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from factcheck.models import Claim

logger = logging.getLogger(__name__)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self):
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    """Something a person should know about a claim: a mention, an assignment, a review."""

    KIND_MENTION = "mention"
    KIND_ASSIGNED = "assigned"
    KIND_SENT_BACK = "sent_back"
    KIND_APPROVED = "approved"
    KIND_VERDICT = "verdict"
    KIND_CHOICES = [
        (KIND_MENTION, _("mentioned you")),
        (KIND_ASSIGNED, _("assigned you a claim")),
        (KIND_SENT_BACK, _("sent back your verdict")),
        (KIND_APPROVED, _("approved your verdict")),
        (KIND_VERDICT, _("gave a verdict on your article")),
    ]

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("who"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=KIND_CHOICES)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notifications")
    # What the person is told beyond the kind: a note's text, a chief's comment, a verdict.
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.summary()

    def summary(self):
        """One line: “alice mentioned you on claim #12”."""
        return gettext("%(who)s %(what)s on claim #%(claim)s") % {
            "who": self.actor.get_username() if self.actor_id else gettext("somebody"),
            "what": self.get_kind_display(), "claim": self.claim_id,
        }


def notify(recipient, kind, claim, actor=None, detail=""):
    """Record a notification and e-mail it once the surrounding transaction commits.

    Nobody is told about their own action. A mail that cannot be sent is logged: the change that
    caused it is already saved and stays so.
    """
    if recipient is None or not recipient.is_active or (actor is not None and recipient.pk == actor.pk):
        return None
    notification = Notification.objects.create(
        recipient=recipient, actor=actor, kind=kind, claim_id=claim.pk, detail=detail or "",
    )
    if recipient.email:
        transaction.on_commit(lambda: _mail(notification.pk))
    return notification


def _mail(notification_id):
    notification = (
        Notification.objects.select_related("recipient", "actor", "claim").filter(pk=notification_id).first()
    )
    if notification is None:
        return
    link = reverse("editorial:claim", args=[notification.claim_id])
    base = settings.FACTCHECK_SITE_URL.rstrip("/")
    body = "\n\n".join(part for part in [
        notification.summary() + ".",
        f"« {notification.claim.text} »",
        notification.detail,
        base + link,
    ] if part)
    try:
        send_mail(
            subject=f"[factcheck] {notification.summary()}", message=body,
            from_email=None, recipient_list=[notification.recipient.email],
        )
    except Exception:  # noqa: BLE001 - a mail server down must not undo or fail the change
        logger.exception("notification %s: the e-mail could not be sent", notification_id)
