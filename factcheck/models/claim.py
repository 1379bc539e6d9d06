import hashlib
import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .article import Article

_WORDS = re.compile(r"\w+", re.UNICODE)


def fingerprint(text: str) -> str:
    """Case-, accent-of-punctuation- and spacing-insensitive identity of a claim's wording."""
    words = _WORDS.findall(text.casefold())
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def wording_key(sentence: str, text: str) -> str:
    return fingerprint(f"{sentence} | {text}")


class ClaimCluster(models.Model):
    """The same claim made in several articles (a claim checked last week comes back)."""

    label = models.CharField(_("label"), max_length=500, blank=True)
    # How many distinct articles its claims come from (current or not): what the desk shows as
    # "in N articles". Kept here, one row, so that a wire story taken up by a hundred outlets
    # does not rewrite a hundred claims each time one more takes it up.
    article_count = models.PositiveIntegerField(_("articles"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("claim cluster")
        verbose_name_plural = _("claim clusters")

    def __str__(self):
        return self.label or f"#{self.pk}"


class ClaimQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def needing_decision(self):
        return self.current().filter(status__in=Claim.OPEN_STATUSES)

    # What the verifiers read of a claim, its article and outlet (factcheck/verifiers): a batch
    # loads hundreds of candidate claims, and building them cost more than finding them. A
    # verifier reading another field still gets it, with a query of its own.
    VERIFICATION_FIELDS = (
        "id", "article_id", "text", "entities", "modality", "language", "fingerprint", "speaker",
        "quoted", "status", "status_changed_at", "updated_at",
        "article__id", "article__title", "article__url", "article__published_at",
        "article__created_at", "article__source_id", "article__source__id", "article__source__name",
        "article__submitted_by",
    )

    def for_verification(self):
        """With their article and outlet, and only the columns the verifiers read."""
        return self.select_related("article__source").only(*self.VERIFICATION_FIELDS)


class Claim(models.Model):
    # Review status, set by editors.
    STATUS_NEW = "new"
    STATUS_IN_REVIEW = "in_review"
    STATUS_PENDING_APPROVAL = "pending_approval"
    STATUS_CONFIRMED = "confirmed"
    STATUS_DISPUTED = "disputed"
    STATUS_UNVERIFIABLE = "unverifiable"
    # Extraction kept something that is not a checkable claim: out of the queue, no verdict.
    STATUS_NOT_A_CLAIM = "not_a_claim"
    STATUS_CHOICES = [
        (STATUS_NEW, _("new")),
        (STATUS_IN_REVIEW, _("in review")),
        (STATUS_PENDING_APPROVAL, _("awaiting approval")),
        (STATUS_CONFIRMED, _("confirmed")),
        (STATUS_DISPUTED, _("disputed")),
        (STATUS_UNVERIFIABLE, _("unverifiable")),
        (STATUS_NOT_A_CLAIM, _("not a claim")),
    ]
    OPEN_STATUSES = (STATUS_NEW, STATUS_IN_REVIEW, STATUS_PENDING_APPROVAL)
    VERDICT_STATUSES = (STATUS_CONFIRMED, STATUS_DISPUTED, STATUS_UNVERIFIABLE)

    MODALITY_ASSERTED = "asserted"
    MODALITY_HEDGED = "hedged"
    MODALITY_QUESTION = "question"
    MODALITY_CHOICES = [
        (MODALITY_ASSERTED, _("asserted")),
        (MODALITY_HEDGED, _("hedged")),
        (MODALITY_QUESTION, _("question")),
    ]

    TYPE_CHOICES = [
        ("event", _("event")),
        ("quantity", _("quantity")),
        ("attribution", _("attribution / quote")),
        ("prediction", _("prediction")),
        ("causal", _("causal")),
        ("opinion", _("opinion")),
        ("other", _("other")),
    ]

    # Where the verifiers are, for this claim.
    PIPELINE_PENDING = "pending"
    PIPELINE_VERIFYING = "verifying"
    PIPELINE_VERIFIED = "verified"
    PIPELINE_FAILED = "failed"
    PIPELINE_CHOICES = [
        (PIPELINE_PENDING, _("waiting for verifiers")),
        (PIPELINE_VERIFYING, _("verifying")),
        (PIPELINE_VERIFIED, _("verified")),
        (PIPELINE_FAILED, _("a verifier failed")),
    ]

    SUGGEST_SUPPORTED = "supported"
    SUGGEST_CONTRADICTED = "contradicted"
    SUGGEST_NEEDS_SOURCING = "needs_sourcing"
    SUGGEST_UNKNOWN = "unknown"
    SUGGESTION_CHOICES = [
        (SUGGEST_SUPPORTED, _("likely confirmed")),
        (SUGGEST_CONTRADICTED, _("likely disputed")),
        (SUGGEST_NEEDS_SOURCING, _("needs sourcing")),
        (SUGGEST_UNKNOWN, _("no suggestion")),
    ]

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="claims", verbose_name=_("article")
    )
    # What extraction found. start/end are offsets in article.body.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence = models.TextField(_("sentence"))
    # The article's own words (article.body[start:end]).
    text = models.TextField(_("claim"))
    # A self-contained restatement of the claim (pronouns resolved, context added), when
    # extraction gives one.
    normalized = models.TextField(_("restated claim"), blank=True, default="")
    # How many times the same claim appears in its article.
    occurrences = models.PositiveIntegerField(_("occurrences in the article"), default=1)
    # Not indexed here: near-duplicates are searched by fingerprint in ClaimSearch, and every
    # index on this table is written again for each of the pipeline's updates of a claim.
    fingerprint = models.CharField(max_length=40, editable=False)
    language = models.CharField(_("language"), max_length=8, blank=True)
    score = models.FloatField(_("check-worthiness"), default=0.0)
    claim_type = models.CharField(_("type"), max_length=16, choices=TYPE_CHOICES, default="other")
    modality = models.CharField(
        _("modality"), max_length=16, choices=MODALITY_CHOICES, default=MODALITY_ASSERTED
    )
    quoted = models.BooleanField(_("quoted"), default=False)
    speaker = models.CharField(_("speaker"), max_length=300, blank=True)
    entities = models.JSONField(_("entities"), default=list, blank=True)
    # False once the article was edited and the claim is no longer in it (kept for its history).
    is_current = models.BooleanField(default=True)

    # Review.
    status = models.CharField(
        _("review status"), max_length=20, choices=STATUS_CHOICES, default=STATUS_NEW
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_claims", verbose_name=_("assignee"),
    )
    # Optimistic concurrency: a verdict states the version it was made on.
    version = models.PositiveIntegerField(default=0)

    # Verification roll-up.
    pipeline_state = models.CharField(
        _("verification"), max_length=16, choices=PIPELINE_CHOICES, default=PIPELINE_PENDING
    )
    suggestion = models.CharField(
        _("suggested verdict"), max_length=20, choices=SUGGESTION_CHOICES,
        default=SUGGEST_UNKNOWN,
    )
    suggestion_confidence = models.FloatField(default=0.0)
    suggestion_reasons = models.JSONField(default=list, blank=True)
    has_contradiction = models.BooleanField(_("contradiction found"), default=False)
    # Other articles making the same claim, counted up to REPEATS_CAP: what the priority reads.
    # The full count is the cluster's (`repeats`).
    repeat_count = models.PositiveIntegerField(_("articles repeating it (up to 5)"), default=0)
    cluster = models.ForeignKey(
        ClaimCluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    # Queue order, recomputed when its inputs change (score, contradictions, repeats).
    priority = models.FloatField(_("priority"), default=0.0)

    # Indexed for the monitoring page's claims extracted per minute (never updated: no cost to
    # the pipeline's in-place updates).
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                condition=models.Q(is_current=True),
                name="claim_unique_current_span",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="claim_span_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=1),
                name="claim_score_between_0_and_1",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-priority", "-id"], name="claim_queue_order"),
            # The monitoring page counts the claims still in the pipeline from this small
            # index; the verified ones, nearly all of a large desk, it estimates
            # (factcheck.monitoring.stats.pipeline_counts).
            models.Index(fields=["pipeline_state"], name="claim_unverified",
                         condition=models.Q(is_current=True) & ~models.Q(pipeline_state="verified")),
        ]

    def __str__(self):
        return self.text[:120]

    def get_absolute_url(self):
        return reverse("editorial:claim", args=[self.pk])

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    # Priority weights: check-worthiness first, then news value (fresh, repeated, disputed).
    PRIORITY_WEIGHTS = {"score": 0.5, "recency": 0.2, "repeats": 0.15, "contradiction": 0.15}
    RECENCY_HALF_LIFE_DAYS = 3.0
    REPEATS_CAP = 5

    @property
    def repeats(self):
        """How many other articles make the same claim (its cluster's articles but its own)."""
        return max(self.cluster.article_count - 1, 0) if self.cluster_id else 0

    def compute_priority(self, now=None):
        """Queue order in [0, 1]: check-worthiness, recency, repeats and contradictions.

        Sets and returns self.priority (not saved). Recency is taken from the article's
        publication date (its arrival on the desk when unknown) and halves every three days.
        """
        now = now or timezone.now()
        article = self.article
        published = article.published_at or article.created_at or now
        age_days = max((now - published).total_seconds() / 86400, 0.0)
        recency = 0.5 ** (age_days / self.RECENCY_HALF_LIFE_DAYS)
        repeats = min(self.repeat_count, self.REPEATS_CAP) / self.REPEATS_CAP
        w = self.PRIORITY_WEIGHTS
        self.priority = round(
            w["score"] * min(max(self.score, 0.0), 1.0)
            + w["recency"] * recency
            + w["repeats"] * repeats
            + w["contradiction"] * (1.0 if self.has_contradiction else 0.0),
            4,
        )
        return self.priority
