import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def content_hash(body: str) -> str:
    """Hash of the text an editor would call 'the same article' (whitespace-insensitive)."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


class Source(models.Model):
    """An outlet: a newspaper, a site, an agency."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    url = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name


class Article(models.Model):
    LANGUAGE_FRENCH = "fr"
    LANGUAGE_ENGLISH = "en"
    LANGUAGE_CHOICES = [(LANGUAGE_FRENCH, _("French")), (LANGUAGE_ENGLISH, _("English"))]

    # Pipeline states. PENDING: saved but not handed to the broker yet (or the broker was down);
    # the sweeper picks these up.
    STATE_PENDING = "pending"
    STATE_QUEUED = "queued"
    STATE_EXTRACTING = "extracting"
    STATE_VERIFYING = "verifying"
    STATE_DONE = "done"
    STATE_FAILED = "failed"
    STATE_CHOICES = [
        (STATE_PENDING, _("pending")),
        (STATE_QUEUED, _("queued")),
        (STATE_EXTRACTING, _("extracting claims")),
        (STATE_VERIFYING, _("verifying")),
        (STATE_DONE, _("done")),
        (STATE_FAILED, _("failed")),
    ]
    ACTIVE_STATES = (STATE_PENDING, STATE_QUEUED, STATE_EXTRACTING, STATE_VERIFYING)

    source = models.ForeignKey(
        Source, verbose_name=_("outlet"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="articles",
    )
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    body = models.TextField(_("text"))
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)

    state = models.CharField(
        _("pipeline state"), max_length=16, choices=STATE_CHOICES, default=STATE_PENDING,
        db_index=True,
    )
    state_changed_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    # The worker (Celery hostname) extracting it: the sweeper sends it again at once when that
    # worker stops heart-beating.
    worker = models.CharField(_("worker"), max_length=255, blank=True, default="", editable=False)
    error = models.TextField(blank=True)
    # The body hash claims were last extracted from: re-extraction is skipped when unchanged.
    extracted_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Claims extraction found but did not keep (over a cap), so the desk knows some are missing.
    claims_not_kept = models.PositiveIntegerField(_("claims not kept"), default=0,
                                                  editable=False)

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="submitted_articles", verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("view_monitoring", _("Can see the task monitoring page")),
            ("rerun_pipeline", _("Can re-extract and re-verify articles")),
        ]
        indexes = [models.Index(fields=["state", "state_changed_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("factcheck:article", args=[self.pk])

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.body)
        self.word_count = len(self.body.split())
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.state in self.ACTIVE_STATES

    @classmethod
    def locked(cls, pk):
        """The article, re-read under a row lock for a pipeline step (None if it is gone).

        FOR NO KEY UPDATE, not FOR UPDATE: evidence and claims that cite the article take a key
        share on its row when their transaction commits (deferred foreign keys), and must not
        wait for an extraction holding it; a batch holding claim rows while it commits, and an
        extraction holding the article while it updates those claims, would deadlock.
        """
        return cls.objects.select_for_update(no_key=True).filter(pk=pk).first()

    def set_state(self, state, error="", also=()):
        """Record a pipeline state change without touching the rest of the row; `also`: names
        of other fields whose current values go in the same UPDATE (one row version, not two)."""
        self.state = state
        self.error = error
        self.state_changed_at = timezone.now()
        changes = {name: getattr(self, name) for name in ("state", "error", "state_changed_at", *also)}
        type(self).objects.filter(pk=self.pk).update(**changes)

    def claim_summary(self):
        """Counts of current claims by review status, for the article page."""
        rows = self.claims.filter(is_current=True).values("status").annotate(n=models.Count("id"))
        return {row["status"]: row["n"] for row in rows}
