import hashlib
import re

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .article import Article

_WORDS = re.compile(r"\w+", re.UNICODE)


def fingerprint(text: str) -> str:
    """Case-, accent-of-punctuation- and spacing-insensitive identity of a claim's wording."""
    words = _WORDS.findall(text.casefold())
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


class ClaimCluster(models.Model):
    """The same claim made in several articles (a claim checked last week comes back)."""

    label = models.CharField(_("label"), max_length=500, blank=True)
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


class ClaimManager(models.Manager.from_queryset(ClaimQuerySet)):
    NLP_FIELDS = (
        "text", "sentence", "start", "end", "score", "claim_type", "modality", "quoted",
        "speaker", "entities", "language",
    )

    @transaction.atomic
    def sync_for_article(self, article, extracted):
        """Store what extraction found, idempotently.

        Running it twice on the same text changes nothing. When the text was edited, a claim whose
        supporting span still reads the same is kept (offsets updated, review status and history
        intact); claims no longer found are deleted unless an editor already worked on them, in
        which case they are kept as not current.
        Returns (created, updated, retired) counts.
        """
        body = article.body
        existing = list(self.select_for_update().filter(article=article, is_current=True))
        by_span = {(c.start, c.end): c for c in existing}
        by_wording = {}
        for c in existing:
            by_wording.setdefault(fingerprint(body[c.start:c.end]), c)
        seen, created, updated = set(), 0, 0
        to_create = []
        for item in extracted:
            values = {k: item[k] for k in self.NLP_FIELDS if k in item}
            values["fingerprint"] = fingerprint(values["text"])
            claim = by_span.get((item["start"], item["end"]))
            if claim is None:
                claim = by_wording.get(fingerprint(body[item["start"]:item["end"]]))
            if claim is not None and claim.pk not in seen:
                seen.add(claim.pk)
                changed = [k for k, v in values.items() if getattr(claim, k) != v]
                if changed:
                    for k in changed:
                        setattr(claim, k, values[k])
                    claim.save(update_fields=changed + ["updated_at"])
                    updated += 1
                continue
            to_create.append(Claim(article=article, **values))
        stale = [c for c in existing if c.pk not in seen]
        retired = 0
        for c in stale:
            if c.status == Claim.STATUS_NEW and c.assignee_id is None:
                c.delete()
            else:
                c.is_current = False
                c.save(update_fields=["is_current", "updated_at"])
            retired += 1
        # Retire first: the partial unique constraint on spans only covers current claims.
        if to_create:
            self.bulk_create(to_create)
            created = len(to_create)
        return created, updated, retired


class Claim(models.Model):
    # Review status, set by editors.
    STATUS_NEW = "new"
    STATUS_IN_REVIEW = "in_review"
    STATUS_PENDING_APPROVAL = "pending_approval"
    STATUS_CONFIRMED = "confirmed"
    STATUS_DISPUTED = "disputed"
    STATUS_UNVERIFIABLE = "unverifiable"
    STATUS_CHOICES = [
        (STATUS_NEW, _("new")),
        (STATUS_IN_REVIEW, _("in review")),
        (STATUS_PENDING_APPROVAL, _("awaiting approval")),
        (STATUS_CONFIRMED, _("confirmed")),
        (STATUS_DISPUTED, _("disputed")),
        (STATUS_UNVERIFIABLE, _("unverifiable")),
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
    text = models.TextField(_("claim"))
    fingerprint = models.CharField(max_length=40, db_index=True, editable=False)
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
    repeat_count = models.PositiveIntegerField(_("articles repeating it"), default=0)
    cluster = models.ForeignKey(
        ClaimCluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    # Queue order, recomputed when its inputs change (score, contradictions, repeats).
    priority = models.FloatField(_("priority"), default=0.0)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimManager()

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        permissions = [
            ("review_claim", _("Can take claims and give verdicts")),
            ("approve_verdict", _("Can approve or send back verdicts")),
            ("assign_claim", _("Can assign claims to checkers")),
            ("force_unlock", _("Can release another editor's lock")),
        ]
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
            models.Index(fields=["pipeline_state"]),
        ]

    def __str__(self):
        return self.text[:120]

    def get_absolute_url(self):
        return reverse("editorial:claim", args=[self.pk])

    @property
    def span_text(self):
        return self.article.body[self.start:self.end]

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES
