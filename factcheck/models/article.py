import hashlib
import logging

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from factcheck.dbutil import any_of, select_rows, update_rows, update_where

log = logging.getLogger(__name__)


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
    error = models.TextField(blank=True)
    # The body hash claims were last extracted from: re-extraction is skipped when unchanged.
    extracted_hash = models.CharField(max_length=64, blank=True, editable=False)

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
        return cls.read(pk, lock="FOR NO KEY UPDATE")

    @classmethod
    def read(cls, pk, lock=""):
        """The article (None if it is gone), read with plain SQL: pipeline steps read it
        several times per article (dbutil.select_rows). `lock`: a row-lock clause."""
        found = select_rows(cls, None, "id = %s", [pk], lock=lock, instances=True)
        return found[0] if found else None

    def set_state(self, state, error="", also=()):
        """Record a pipeline state change without touching the rest of the row; `also`: names
        of other fields whose current values go in the same UPDATE (one row version, not two)."""
        self.state = state
        self.error = error
        self.state_changed_at = timezone.now()
        update_rows(type(self), [self], ["state", "error", "state_changed_at", *also])

    def enqueue(self):
        """Hand the article to the pipeline once the current transaction commits.

        If the broker cannot be reached the article stays PENDING and the sweeper enqueues it
        later: an article is never lost because the broker was down.
        """
        transaction.on_commit(lambda: self.send_to_pipeline())

    def send_to_pipeline(self):
        from factcheck.tasks.extraction import extract_article

        try:
            extract_article.apply_async(args=[self.pk], retry=False)
        except Exception as exc:  # kombu raises many connection error types
            log.warning("broker unavailable, article %s stays pending: %s", self.pk, exc)
            return False
        type(self).objects.filter(pk=self.pk, state=self.STATE_PENDING).update(
            state=self.STATE_QUEUED, state_changed_at=timezone.now()
        )
        return True

    @classmethod
    def verified_where(cls, ids):
        """(SQL condition on the article table, params): those of the articles `ids` in
        VERIFYING whose current claims have no verification pending or started."""
        from .claim import Claim
        from .verification import Verification

        table = cls._meta.db_table
        among, params = any_of(f"{table}.id", ids)
        active, active_params = any_of("v.state", Verification.ACTIVE_STATES, "text")
        return (f"{among} AND {table}.state = %s AND NOT EXISTS (SELECT 1 FROM "
                f"{Verification._meta.db_table} v JOIN {Claim._meta.db_table} c ON c.id = v.claim_id "
                f"WHERE c.article_id = {table}.id AND c.is_current AND {active})",
                params + [cls.STATE_VERIFYING] + active_params)

    @classmethod
    def finish_verified(cls, ids):
        """VERIFYING → DONE for those of the articles `ids` with nothing left to verify; returns
        how many were closed.

        Called by every task that finishes verifications, after its own commit: whichever commits
        last sees all the others' work and closes the article. One conditional statement: an
        article given new work in the meantime stays open, and closing twice is harmless.
        """
        ids = list(ids)
        if not ids:
            return 0
        return update_where(cls, {"state": cls.STATE_DONE, "state_changed_at": timezone.now(),
                                  "error": ""}, *cls.verified_where(ids))

    def claim_summary(self):
        """Counts of current claims by review status, for the article page."""
        rows = self.claims.filter(is_current=True).values("status").annotate(n=models.Count("id"))
        return {row["status"]: row["n"] for row in rows}
