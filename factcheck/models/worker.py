from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """Each worker writes here periodically: presence that works with any broker."""

    BEAT_EVERY = timedelta(seconds=10)
    OFFLINE_AFTER = timedelta(seconds=45)

    hostname = models.CharField(_("worker"), max_length=255, unique=True)
    pid = models.PositiveIntegerField(default=0)
    queues = models.JSONField(default=list)
    concurrency = models.PositiveIntegerField(default=0)
    active_tasks = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["hostname"]
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return self.hostname

    @property
    def is_online(self):
        return timezone.now() - self.last_seen < self.OFFLINE_AFTER
