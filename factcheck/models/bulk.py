"""A bulk file of articles (JSON Lines or CSV) uploaded on the desk, and how far its reading got."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BulkImport(models.Model):
    FORMAT_JSONL = "jsonl"
    FORMAT_CSV = "csv"
    FORMAT_CHOICES = [(FORMAT_JSONL, _("JSON Lines")), (FORMAT_CSV, _("CSV"))]

    STATE_PENDING = "pending"
    STATE_RUNNING = "running"
    STATE_DONE = "done"
    STATE_FAILED = "failed"
    STATE_CHOICES = [
        (STATE_PENDING, _("waiting")),
        (STATE_RUNNING, _("running")),
        (STATE_DONE, _("done")),
        (STATE_FAILED, _("failed")),
    ]

    file_name = models.CharField(_("file"), max_length=255)
    format = models.CharField(_("format"), max_length=8, choices=FORMAT_CHOICES)
    # The decoded file: read again from the last row done if its worker died.
    content = models.TextField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="bulk_imports", verbose_name=_("uploaded by"))
    state = models.CharField(_("state"), max_length=8, choices=STATE_CHOICES, default=STATE_PENDING)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows read"), default=0)
    created_count = models.PositiveIntegerField(_("articles added"), default=0)
    duplicate_count = models.PositiveIntegerField(_("already on the desk"), default=0)
    # [{"line": n, "reason": "…", "row": "the row as written"}]
    rejected = models.JSONField(_("rejected rows"), default=list, blank=True)
    error = models.TextField(blank=True)
    # When the reading last moved: one that stops moving was lost and is sent again.
    progressed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bulk import")
        verbose_name_plural = _("bulk imports")

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("factcheck:bulk_import", args=[self.pk])

    @property
    def is_active(self):
        return self.state in (self.STATE_PENDING, self.STATE_RUNNING)

    @property
    def percent(self):
        if self.state == self.STATE_DONE:
            return 100
        return int(100 * self.processed / self.total) if self.total else 0

    @property
    def rejected_count(self):
        return len(self.rejected)

    def record_progress(self, *, processed, created, duplicates, rejected):
        """Save how far the reading got (one UPDATE; the polled progress bar reads it)."""
        self.processed, self.created_count, self.duplicate_count = processed, created, duplicates
        self.rejected = rejected
        self.progressed_at = timezone.now()
        type(self).objects.filter(pk=self.pk).update(
            processed=processed, created_count=created, duplicate_count=duplicates,
            rejected=rejected, state=self.STATE_RUNNING, progressed_at=self.progressed_at)

    def finish(self, error=""):
        self.state = self.STATE_FAILED if error else self.STATE_DONE
        self.error = error
        self.finished_at = timezone.now()
        type(self).objects.filter(pk=self.pk).update(
            state=self.state, error=error, finished_at=self.finished_at)
