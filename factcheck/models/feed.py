"""A news feed (RSS or Atom) the desk watches: polled by beat when due, its new entries fetched
by URL, its state (last success, last error, entries taken) kept for the monitoring page."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .article import Article, Source


class FeedQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active feeds never polled, or whose interval has passed since their last poll."""
        now = now or timezone.now()
        return self.filter(active=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))


class Feed(models.Model):
    url = models.URLField(_("feed URL"), max_length=1000, unique=True)
    outlet = models.ForeignKey(Source, verbose_name=_("outlet"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="feeds")
    language = models.CharField(_("language"), max_length=8, choices=Article.LANGUAGE_CHOICES,
                                blank=True, help_text=_("Empty: detected for each article."))
    active = models.BooleanField(_("active"), default=True)
    interval_minutes = models.PositiveIntegerField(_("interval (minutes)"), default=30,
                                                   help_text=_("How often the feed is read."))
    # Conditional GET: what the feed's server said last time.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    # Last poll + interval, kept by save(): what beat compares with the time, on any database.
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True, editable=False)
    entries_taken = models.PositiveIntegerField(_("entries taken"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        self.next_poll_at = (self.last_polled_at + datetime.timedelta(minutes=self.interval_minutes)
                             if self.last_polled_at else None)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "last_polled_at" in update_fields:
            kwargs["update_fields"] = {*update_fields, "next_poll_at"}
        super().save(*args, **kwargs)

    def mark_polled(self, now):
        """Claimed by a poll: not due again before its interval has passed."""
        self.last_polled_at = now
        self.save(update_fields=["last_polled_at"])

    @property
    def failing(self):
        return bool(self.last_error) and (
            self.last_success_at is None or self.last_error_at > self.last_success_at)

    def record_success(self, *, taken, etag="", last_modified="", problems=""):
        """A poll that read the feed; `problems`: entries that could not be taken (kept as the
        last error, the feed itself is fine)."""
        now = timezone.now()
        changes = {"last_success_at": now, "etag": etag[:500], "last_modified": last_modified[:100],
                   "entries_taken": F("entries_taken") + taken}
        if problems:
            changes.update(last_error=problems, last_error_at=now)
        type(self).objects.filter(pk=self.pk).update(**changes)
        self.refresh_from_db()

    def record_error(self, message):
        now = timezone.now()
        type(self).objects.filter(pk=self.pk).update(last_error=message, last_error_at=now)
        self.last_error, self.last_error_at = message, now
