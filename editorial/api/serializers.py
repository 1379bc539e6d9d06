"""What the API shows of articles, claims, evidence and verdicts (read), and the submission of
an article (write, through the desk's own form)."""

import copy

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factcheck.models import Article, Claim, Evidence

from factcheck.verifiers import reasons

from ..models import Verdict
from ..visibility import (can_see_article, evidence_text, mask_evidence, masked_explanation,
                          reader_reasons)


class ArticleSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(source="source.name", default=None, read_only=True)
    submitted_by = serializers.CharField(source="submitted_by.username", default=None,
                                         read_only=True)

    class Meta:
        model = Article
        fields = ["id", "title", "url", "language", "published_at", "outlet", "state",
                  "word_count", "submitted_by", "created_at"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = ArticleSerializer.Meta.fields + ["body"]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.DATETIME)
class DateTimeText(serializers.CharField):
    """An ISO 8601 date-time kept as text: the article form parses it and explains a bad one."""


class ArticleSubmissionSerializer(serializers.Serializer):
    """The submission's shape (one value per field, of the right type); the desk's ArticleForm
    then checks the content (editorial.api.views), with its own messages."""

    title = serializers.CharField(allow_blank=True, trim_whitespace=False)
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)
    url = serializers.URLField(required=False, allow_blank=True, max_length=1000)
    language = serializers.ChoiceField(choices=Article.LANGUAGE_CHOICES, required=False,
                                       allow_blank=True)
    published_at = DateTimeText(required=False, allow_null=True, allow_blank=True)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)


class EvidenceSerializer(serializers.ModelSerializer):
    """`explanation` is the reason in the request's language (`?lang=`, else Accept-Language),
    `reason` its code for machines. Evidence citing an article the reader may not see keeps its
    stance and reason code, but its explanation is masked and it loses the article, its link and
    its excerpt."""

    source_article_title = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "verifier", "kind", "stance", "confidence", "explanation", "reason", "url",
                  "excerpt", "source_article", "source_article_title", "reference_fact"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_source_article_title(self, evidence):
        return evidence.source_article.title if evidence.source_article_id else None

    @extend_schema_field(serializers.CharField())
    def get_explanation(self, evidence):
        if self.hidden(evidence):
            return masked_explanation(evidence)
        return evidence_text(evidence)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_reason(self, evidence):
        return reasons.code_of(evidence.data)

    def hidden(self, evidence):
        return bool(evidence.source_article_id) and not can_see_article(
            self.context["request"].user, evidence.source_article)

    def to_representation(self, evidence):
        data = super().to_representation(evidence)
        if self.hidden(evidence):
            data.update(source_article=None, source_article_title=None, url="", excerpt="")
        return data


class SuggestionSerializer(serializers.Serializer):
    """`reasons`: the reasons in the request's language; `reason_codes`: their codes, in the
    same order (null for a reason stored before codes were)."""

    verdict = serializers.ChoiceField(choices=Claim.SUGGESTION_CHOICES, source="suggestion")
    confidence = serializers.FloatField(source="suggestion_confidence")
    reasons = serializers.SerializerMethodField()
    reason_codes = serializers.SerializerMethodField()

    def shown(self, claim):
        # The claim's evidence, masked for this reader: a reason reads as its evidence does.
        cache = self.context.setdefault("_reasons", {})
        if claim.pk not in cache:
            evidence = mask_evidence(self.context["request"].user,
                                     [copy.copy(e) for e in claim.evidence.all()])
            cache[claim.pk] = reader_reasons(self.context["request"].user,
                                             claim.suggestion_reasons, evidence)
        return cache[claim.pk]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_reasons(self, claim):
        return [r["text"] for r in self.shown(claim)]

    @extend_schema_field(serializers.ListField(child=serializers.CharField(allow_null=True)))
    def get_reason_codes(self, claim):
        return [r["reason"] for r in self.shown(claim)]


class ClaimSerializer(serializers.ModelSerializer):
    suggestion = SuggestionSerializer(source="*", read_only=True)
    # How many other articles make the same claim (its cluster's count, not the capped column).
    repeat_count = serializers.IntegerField(source="repeats", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "article", "text", "normalized", "occurrences", "sentence", "start", "end",
                  "language", "score", "claim_type", "modality", "quoted", "speaker", "status",
                  "priority",
                  "has_contradiction", "repeat_count", "suggestion", "evidence", "created_at"]
        read_only_fields = fields


class VerdictSerializer(serializers.ModelSerializer):
    verdict = serializers.ChoiceField(choices=Claim.STATUS_CHOICES, source="to_status",
                                      read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)
    reviewed_by = serializers.CharField(source="reviewed_by.username", default=None,
                                        read_only=True)
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Verdict
        fields = ["id", "claim", "verdict", "state", "rationale", "sources", "correction_note",
                  "author", "created_at", "reviewed_by", "reviewed_at", "published_at",
                  "public_url", "corrects", "withdrawn_at", "withdrawal_note"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_public_url(self, verdict):
        if not verdict.is_published:
            return None
        return self.context["request"].build_absolute_uri(verdict.get_public_url())


class ReviewSerializer(serializers.Serializer):
    """A published verdict as schema.org ClaimReview (the JSON-LD of its public page), and
    whether it still stands: "current", "corrected" by a later one, or "withdrawn"."""

    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=["current", "corrected", "withdrawn"])
    corrects = serializers.IntegerField(allow_null=True, help_text="the verdict it corrects")
    previous_rating = serializers.CharField(allow_null=True,
                                            help_text="the corrected verdict's rating")
    corrected_by = serializers.IntegerField(allow_null=True,
                                            help_text="the verdict that corrects it")
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawal_note = serializers.CharField(allow_blank=True)
    claim_review = serializers.JSONField()
