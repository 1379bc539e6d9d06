"""The REST API: articles, claims (with evidence and the verifiers' suggestion), verdicts and
published reviews, each read with the same visibility as the desk's pages."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.html import strip_tags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ..claim_filters import ClaimFilterForm, filtered_claims, statuses_of
from ..exports import claim_rows
from ..models import Verdict
from ..publishing import claim_review
from ..views.exports import download
from ..visibility import visible_articles, visible_claims
from . import serializers as out
from .forms import ApiArticleForm
from .pagination import NewestFirst, QueueKeyset
from .permissions import requires
from .schema import filter_parameters


def form_errors(form):
    """A Django form's errors as DRF's: {field: [message]} ("non_field_errors" for the rest)."""
    return {
        ("non_field_errors" if field == "__all__" else field):
            [strip_tags(error["message"]) for error in errors]
        for field, errors in form.errors.get_json_data().items()
    }


def claim_filters(request):
    """The cleaned queue filters of the query string; a 400 naming each bad one."""
    form = ClaimFilterForm(request.query_params)
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    return form.cleaned_data


@extend_schema_view(
    create=extend_schema(request=out.ArticleSubmissionSerializer,
                         responses={201: out.ArticleDetailSerializer}),
)
class ArticleViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Articles the caller may see (the desk: all; a reporter: those they submitted)."""

    lookup_value_regex = r"[0-9]+"

    pagination_class = NewestFirst

    def get_permissions(self):
        perm = "factcheck.add_article" if self.action == "create" else "factcheck.view_article"
        return [requires(perm)()]

    def get_serializer_class(self):
        return out.ArticleSerializer if self.action == "list" else out.ArticleDetailSerializer

    def get_queryset(self):
        articles = visible_articles(self.request.user).select_related("source", "submitted_by")
        return articles.defer("body") if self.action == "list" else articles

    def create(self, request, *args, **kwargs):
        """Submit an article's text: the desk's form checks it (size, duplicates, empty text)
        and the pipeline takes it once saved."""
        if not isinstance(request.data, dict):
            raise ValidationError({"non_field_errors": ["Send a JSON object or a form."]})
        shape = out.ArticleSubmissionSerializer(data=request.data)
        shape.is_valid(raise_exception=True)
        form = ApiArticleForm(data=shape.validated_data, user=request.user)
        article = form.save() if form.is_valid() else None
        if article is None:  # invalid, or the same text saved by another request meanwhile
            raise ValidationError(form_errors(form))
        data = out.ArticleDetailSerializer(article, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


LANG_PARAMETER = OpenApiParameter(
    "lang", OpenApiTypes.STR, enum=[code for code, _name in settings.LANGUAGES],
    description="Language of the explanations and reasons (default: Accept-Language).")


class ReaderLanguage:
    """`?lang=` chooses the language of what the response explains (else Accept-Language, as
    on the pages); an unknown one is a 400 that lists those the desk speaks."""

    def dispatch(self, request, *args, **kwargs):
        lang = request.GET.get("lang")
        if lang is None:
            return super().dispatch(request, *args, **kwargs)
        known = [code for code, _name in settings.LANGUAGES]
        if lang not in known:
            return JsonResponse({"lang": [f"Unknown language “{lang}”: use one of "
                                          f"{', '.join(known)}."]}, status=400)
        with translation.override(lang):
            return super().dispatch(request, *args, **kwargs)


@extend_schema_view(list=extend_schema(parameters=filter_parameters() + [LANG_PARAMETER]),
                    retrieve=extend_schema(parameters=[LANG_PARAMETER]))
class ClaimViewSet(ReaderLanguage, viewsets.ReadOnlyModelViewSet):
    """Claims with their evidence and the verifiers' suggestion. The list takes the review
    queue's filters; without `status` it holds the claims needing a decision (`status=all`:
    every status)."""

    lookup_value_regex = r"[0-9]+"

    serializer_class = out.ClaimSerializer
    pagination_class = QueueKeyset
    permission_classes = [requires("factcheck.view_claim")]

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            filters = claim_filters(self.request)
            self.statuses = statuses_of(filters)
            claims = filtered_claims(user, filters)
        else:
            claims = visible_claims(user)
        return claims.select_related("cluster").prefetch_related(
            "evidence__source_article__source"
        )


class VerdictFilters(serializers.Serializer):
    claim = serializers.IntegerField(required=False, min_value=1)
    published = serializers.BooleanField(required=False, allow_null=True, default=None)


@extend_schema_view(list=extend_schema(parameters=[VerdictFilters]))
class VerdictViewSet(viewsets.ReadOnlyModelViewSet):
    """Verdicts on the claims the caller may see, newest first."""

    lookup_value_regex = r"[0-9]+"

    serializer_class = out.VerdictSerializer
    pagination_class = NewestFirst
    permission_classes = [requires("factcheck.view_claim")]

    def get_queryset(self):
        verdicts = Verdict.objects.filter(
            claim__in=visible_claims(self.request.user).values("pk")
        ).select_related("author", "reviewed_by")
        if self.action == "list":
            filters = VerdictFilters(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            if filters.validated_data.get("claim"):
                verdicts = verdicts.filter(claim_id=filters.validated_data["claim"])
            published = filters.validated_data.get("published")
            if published is not None:
                verdicts = verdicts.filter(published_at__isnull=not published)
        return verdicts


class ReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """Published fact-checks as schema.org ClaimReview, for anyone (no token needed)."""

    lookup_value_regex = r"[0-9]+"

    serializer_class = out.ReviewSerializer
    pagination_class = NewestFirst
    permission_classes = [AllowAny]

    def get_queryset(self):
        return (Verdict.objects.published()
                .select_related("claim__article__source", "corrects")
                .prefetch_related("corrected_by"))

    def get_serializer(self, instance=None, *args, **kwargs):
        absolute = self.request.build_absolute_uri

        def review(v):
            correction = v.correction()
            return {
                "id": v.pk, "state": v.public_state(), "corrects": v.corrects_id,
                "previous_rating": v.corrects.to_status if v.corrects_id else None,
                "corrected_by": correction.pk if correction else None,
                "withdrawn_at": v.withdrawn_at, "withdrawal_note": v.withdrawal_note,
                "claim_review": claim_review(v, absolute),
            }

        if kwargs.get("many"):
            instance = [review(v) for v in instance]
        elif instance is not None:
            instance = review(instance)
        return super().get_serializer(instance, *args, **kwargs)


class FileDownload(BaseContentNegotiation):
    """The file's type is in its address: an Accept header of text/csv must not get a 406.
    Errors still come back as JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ClaimExportView(APIView):
    """Claims with their latest verdict as a file, CSV or JSON Lines (one object per line), with
    the queue's filters (`status=all` for every status); streamed."""

    permission_classes = [requires("factcheck.view_claim")]
    content_negotiation_class = FileDownload

    @extend_schema(
        parameters=[OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH,
                                     enum=["csv", "jsonl"])] + filter_parameters(),
        responses={(200, "text/csv"): OpenApiTypes.STR,
                   (200, "application/jsonl"): OpenApiTypes.STR},
    )
    def get(self, request, fmt):
        rows = claim_rows(request.user, claim_filters(request),
                          request.build_absolute_uri)
        return download(fmt, rows)
