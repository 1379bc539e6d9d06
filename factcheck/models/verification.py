from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .claim import Claim


class Verification(models.Model):
    """One run of one verifier on one claim, keyed by what it was given (input_hash)."""

    STATE_PENDING = "pending"
    STATE_STARTED = "started"
    STATE_SUCCEEDED = "succeeded"
    STATE_FAILED = "failed"
    STATE_CHOICES = [
        (STATE_PENDING, _("pending")),
        (STATE_STARTED, _("started")),
        (STATE_SUCCEEDED, _("succeeded")),
        (STATE_FAILED, _("failed")),
    ]
    ACTIVE_STATES = (STATE_PENDING, STATE_STARTED)

    # No index of its own: the unique constraints below start with the claim. Each row is
    # written three times (pending, started, finished), every index with it.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verifications",
                              db_index=False)
    verifier = models.CharField(_("verifier"), max_length=64)
    input_hash = models.CharField(max_length=64)
    state = models.CharField(
        _("state"), max_length=16, choices=STATE_CHOICES, default=STATE_PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    task_id = models.CharField(max_length=255, blank=True)
    # The worker (Celery hostname) running it while started: the sweeper sends again at once
    # the rows of a worker that stopped heart-beating.
    worker = models.CharField(_("worker"), max_length=255, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    # Last time a task was sent for it: the sweeper resends pending work older than this.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    traceback = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        # A plain index (db_index on a CharField adds a second one, for LIKE, that nothing uses).
        indexes = [models.Index(fields=["state"], name="verification_state")]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "verifier", "input_hash"], name="verification_unique_input"
            ),
            models.UniqueConstraint(
                fields=["claim", "verifier"],
                condition=models.Q(state__in=["pending", "started"]),
                name="verification_one_active_per_claim_verifier",
            ),
        ]

    def __str__(self):
        return f"{self.verifier} on claim {self.claim_id}: {self.state}"

    @property
    def is_active(self):
        return self.state in self.ACTIVE_STATES

    def finish(self, state, error="", traceback=""):
        """Record the outcome (succeeded or failed) with what went wrong, for staff to read."""
        self.state, self.error, self.traceback = state, error[:2000], traceback[-20000:]
        self.finished_at = timezone.now()
        type(self).objects.filter(pk=self.pk).update(
            state=state, error=self.error, traceback=self.traceback, finished_at=self.finished_at
        )

    @classmethod
    def succeeded(cls, ids):
        """Mark these verifications succeeded, in one statement."""
        cls.objects.filter(pk__in=list(ids)).update(
            state=cls.STATE_SUCCEEDED, finished_at=timezone.now(), error="", traceback="")

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
