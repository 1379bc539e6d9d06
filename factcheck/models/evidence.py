from django.db import models
from django.utils.translation import gettext_lazy as _

from .article import Article
from .claim import Claim
from .knowledge import ReferenceFact


class Evidence(models.Model):
    """One thing a verifier found about a claim, with its stance and a one-line explanation."""

    STANCE_SUPPORTS = "supports"
    STANCE_CONTRADICTS = "contradicts"
    STANCE_MENTIONS = "mentions"
    STANCE_CHOICES = [
        (STANCE_SUPPORTS, _("supports")),
        (STANCE_CONTRADICTS, _("contradicts")),
        (STANCE_MENTIONS, _("mentions")),
    ]

    KIND_ARTICLE = "article"
    KIND_EARLIER_VERDICT = "earlier_verdict"
    KIND_REFERENCE_FACT = "reference_fact"
    KIND_WORDING = "wording"
    KIND_URL = "url"
    KIND_CHOICES = [
        (KIND_ARTICLE, _("another article")),
        (KIND_EARLIER_VERDICT, _("earlier verdict")),
        (KIND_REFERENCE_FACT, _("reference fact")),
        (KIND_WORDING, _("wording signal")),
        (KIND_URL, _("web page")),
    ]

    # No index of its own: the unique constraint below starts with the claim.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence",
                              db_index=False)
    verifier = models.CharField(_("verifier"), max_length=64)
    # What this evidence is about, unique per claim and verifier ("article:12", "fact:3"), so a
    # verifier that runs twice updates its rows instead of adding new ones.
    key = models.CharField(max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    source_article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="cited_as_evidence"
    )
    source_claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="cited_as_evidence"
    )
    reference_fact = models.ForeignKey(
        ReferenceFact, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    stance = models.CharField(_("stance"), max_length=16, choices=STANCE_CHOICES)
    confidence = models.FloatField(_("confidence"), default=0.5)
    explanation = models.CharField(_("explanation"), max_length=500)
    # What the page needs to explain the evidence in the reader's language: {"reason": code,
    # "params": {...}} (factcheck.verifiers.reasons), the dates it compares, whether its source
    # counts as independent. The explanation is the same in English, for logs and exports.
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["claim", "stance", "-confidence"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "verifier", "key"], name="evidence_unique_per_verifier_key"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="evidence_confidence_between_0_and_1",
            ),
        ]

    def __str__(self):
        return f"{self.get_stance_display()}: {self.explanation}"
