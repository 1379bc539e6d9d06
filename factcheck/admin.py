"""The admin, tuned for the desk: articles with their claims and pipeline state, claims filterable
on big tables, machine output (evidence, verifications) read-only, knowledge editable with checks.

Review goes through the desk's transitions: a claim's status, assignee and version are read-only
here. An article's text may be corrected; its claims are then extracted and verified again.
"""

from django import forms
from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import article_text
from .addresses import AddressRefused, check_url
from .admin_search import MATCH_LIMIT, search_claims
from .pipeline import dispatch, reruns
from .verifiers import reasons
from .models import (
    Article, BulkImport, Claim, ClaimCluster, Evidence, Feed, GazetteerEntry, ReferenceFact, Source,
    Verification, WorkerHeartbeat,
)
from .models.estimates import ESTIMATE_FROM, estimated_rows, rounded


def admin_link(obj, text=None):
    """A link to obj's change page in this admin (or just its text when obj is None)."""
    if obj is None:
        return "—"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, text if text is not None else str(obj)[:80])


class ReadOnlyAdmin(admin.ModelAdmin):
    """What the machinery writes: looked at and linked to, never edited by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Pipeline actions -------------------------------------------------------------------------

def _rerun(modeladmin, request, queryset, reextract):
    sent = 0
    for pk in queryset.values_list("pk", flat=True):
        try:
            reruns.rerun_article(pk, reextract=reextract)
            sent += 1
        except Exception as exc:
            modeladmin.message_user(
                request, _("Article %(id)s could not be sent: %(error)s") % {"id": pk, "error": exc},
                messages.ERROR,
            )
    if sent:
        modeladmin.message_user(request, ngettext(
            "%(count)d article sent through the pipeline again.",
            "%(count)d articles sent through the pipeline again.", sent) % {"count": sent},
            messages.SUCCESS)


class RerunPermissionMixin:
    def has_rerun_permission(self, request):
        return request.user.has_perm("factcheck.rerun_pipeline")


# --- Sources and articles ---------------------------------------------------------------------

@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "article_count", "created_at"]
    search_fields = ["name", "url"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description=_("articles"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles


class ClaimInline(admin.TabularInline):
    """The article's first claims; an article of thousands links to them in the claim list."""

    model = Claim
    fields = ["text", "score", "modality", "status", "pipeline_state", "suggestion", "is_current"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["start"]
    max_shown = 100

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        article_id = str(getattr(request.resolver_match, "kwargs", {}).get("object_id", ""))
        if article_id.isascii() and article_id.isdecimal():
            first = (Claim.objects.filter(article_id=int(article_id)).order_by("start", "pk")
                     .values("pk")[:self.max_shown])
            queryset = queryset.filter(pk__in=first)
        return queryset

    def has_add_permission(self, request, obj=None):
        return False


def limit_help(n):
    return _("At most %(n)d characters.") % {"n": n}


class StatedLimitsMixin:
    """Forms that state each text field's length limit under it (the browser enforces it too)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length and not field.help_text:
                field.help_text = limit_help(field.max_length)


class ArticleAdminForm(StatedLimitsMixin, forms.ModelForm):
    """The desk's checks on an article's text (factcheck.article_text), here too."""

    class Meta:
        model = Article
        fields = ["title", "url", "author", "source", "language", "published_at", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            self.fields["body"].help_text = _(
                "Up to %(limit)s. A changed text is extracted and verified again.") % {
                "limit": filesizeformat(article_text.max_bytes())}
            # One message per problem: clean_body says what is wrong with the text.
            self.fields["body"].validators = []
            self.fields["body"].required = False

    def clean_published_at(self):
        return article_text.check_published(self.cleaned_data.get("published_at"))

    def clean_body(self):
        body = article_text.clean_body(self.cleaned_data.get("body") or "")
        existing = article_text.duplicate_of(body, exclude_pk=self.instance.pk)
        if existing is not None:
            raise forms.ValidationError(
                format_html(_('Another article has this text: <a href="{}">{}</a>.'),
                            reverse("admin:factcheck_article_change", args=[existing.pk]),
                            existing.title),
                code="duplicate",
            )
        return body


@admin.register(Article)
class ArticleAdmin(RerunPermissionMixin, admin.ModelAdmin):
    list_display = ["title", "source", "language", "state", "claim_count", "submitted_by", "created_at"]
    list_filter = ["state", "language", "source", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["title", "url"]
    list_select_related = ["source", "submitted_by"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "all_claims", "state", "state_changed_at", "attempts", "error", "pipeline_progress",
        "content_hash",
        "extracted_hash", "word_count", "submitted_by", "created_at", "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "url", "author", "source", "language", "published_at", "body"]}),
        (_("Pipeline"), {"fields": ["state", "state_changed_at", "attempts", "error",
                                    "pipeline_progress", "all_claims"]}),
        (_("Audit"), {"fields": ["submitted_by", "created_at", "updated_at", "word_count",
                                 "content_hash", "extracted_hash"], "classes": ["collapse"]}),
    ]
    form = ArticleAdminForm
    inlines = [ClaimInline]
    show_full_result_count = False
    actions = ["reextract", "reverify"]

    def get_queryset(self, request):
        # A subquery, not Count(): Count groups the page by every column, the body included,
        # and joins the claims in the paginator's count and the date hierarchy's queries too.
        current = (Claim.objects.filter(article=OuterRef("pk"), is_current=True).order_by()
                   .values("article").annotate(n=Count("pk")).values("n"))
        return super().get_queryset(request).defer("body", "error").annotate(
            n_claims=Coalesce(Subquery(current, output_field=IntegerField()), 0)
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.submitted_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            dispatch.enqueue_article(obj)  # as the desk's form does: to the pipeline once this save commits
        elif "body" in form.changed_data:
            # The claims' offsets point into the old text: extract and verify again, as the
            # "re-extract" action does (sent once this save commits).
            reruns.rerun_article(obj.pk, reextract=True)
            self.message_user(request, _("The text changed: its claims are being extracted and "
                                         "verified again."), messages.INFO)

    @admin.display(description=_("claims"), ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims

    @admin.display(description=_("claims"))
    def all_claims(self, obj):
        if obj.pk is None:
            return "—"
        count = obj.claims.count()
        shown = min(count, ClaimInline.max_shown)
        url = reverse("admin:factcheck_claim_changelist") + f"?article__exact={obj.pk}"
        return format_html(
            '<a href="{}">{}</a>', url,
            ngettext("%(count)d claim in the claim list", "All %(count)d claims in the claim list",
                     count) % {"count": count}
            + (" " + _("(the first %(shown)d below)") % {"shown": shown} if count > shown else ""),
        )

    @admin.display(description=_("verification progress"))
    def pipeline_progress(self, obj):
        rows = dict(obj.claims.filter(is_current=True).values_list("pipeline_state")
                    .annotate(n=Count("id")).order_by())
        if not rows:
            return "—"
        labels = dict(Claim.PIPELINE_CHOICES)
        return format_html_join(", ", "{}: {}", ((labels.get(k, k), n) for k, n in rows.items()))

    @admin.action(description=_("Re-extract claims and re-verify"), permissions=["rerun"])
    def reextract(self, request, queryset):
        _rerun(self, request, queryset, reextract=True)

    @admin.action(description=_("Re-verify claims (keep extraction)"), permissions=["rerun"])
    def reverify(self, request, queryset):
        _rerun(self, request, queryset, reextract=False)


# --- Claims -----------------------------------------------------------------------------------

class ScoreRangeFilter(admin.SimpleListFilter):
    title = _("check-worthiness")
    parameter_name = "score"
    RANGES = {
        "high": (0.7, 1.01, _("high (0.7 – 1)")),
        "medium": (0.4, 0.7, _("medium (0.4 – 0.7)")),
        "low": (0.0, 0.4, _("low (0 – 0.4)")),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (_lo, _hi, label) in self.RANGES.items()]

    def queryset(self, request, queryset):
        if self.value() in self.RANGES:
            low, high, _label = self.RANGES[self.value()]
            return queryset.filter(score__gte=low, score__lt=high)
        return queryset


class OutletFilter(admin.RelatedFieldListFilter):
    """Claims by the outlet of their article."""


class LanguageFilter(admin.SimpleListFilter):
    """The desk's languages, listed without asking the database which languages its claims
    have (a read of every claim: 370 ms at a million claims)."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return Article.LANGUAGE_CHOICES

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


class EstimatedCountPaginator(Paginator):
    """The whole list of a large table counted from the planner's statistics, not by reading
    every row (220 ms at a million claims); the list says "about" (estimated = True)."""

    estimated = False

    @property
    def count(self):
        if "count" not in self.__dict__:
            estimate = estimated_rows(self.object_list)
            if estimate is not None and estimate >= ESTIMATE_FROM:
                self.estimated = True
                self.__dict__["count"] = rounded(estimate)
            else:
                self.__dict__["count"] = super().count
        return self.__dict__["count"]


def rendered_reason(evidence):
    """The evidence's reason in the operator's language, as the desk's pages show it."""
    return reasons.render(evidence.data, fallback=evidence.explanation)


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "claim"
    fields = ["verifier", "stance", "confidence", "reason", "explanation", "link"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("reason"))
    def reason(self, obj):
        return rendered_reason(obj)

    @admin.display(description=_("source"))
    def link(self, obj):
        if obj.url:
            return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, obj.url[:60])
        return admin_link(obj.source_article or obj.reference_fact)


class VerificationInline(admin.TabularInline):
    model = Verification
    fields = ["verifier", "state", "attempts", "finished_at", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["short_text", "article_link", "outlet", "score", "modality", "status",
                    "pipeline_state", "suggestion", "assignee"]
    list_filter = [
        "status", "modality", ("article__source", OutletFilter), LanguageFilter, ScoreRangeFilter,
        "pipeline_state", "suggestion", "claim_type", "quoted", "is_current",
    ]
    # On PostgreSQL, searched through the trigram indexes (admin_search): text, speaker, title.
    search_fields = ["text", "speaker", "article__title"]
    list_select_related = ["article", "article__source", "assignee"]
    raw_id_fields = ["article", "assignee", "cluster"]
    # Review changes (status, assignee) go through the desk's transitions, which check the
    # workflow and write the audit log; text and offsets are the extraction's.
    readonly_fields = [
        "article", "text", "sentence", "status", "assignee", "is_current", "start", "end",
        "fingerprint", "version", "status_changed_at", "created_at", "updated_at",
        "pipeline_state", "suggestion", "suggestion_confidence", "suggestion_reasons",
        "has_contradiction", "repeats", "priority",
    ]
    fieldsets = [
        (None, {"fields": ["article", "text", "sentence", "speaker", "quoted", "claim_type",
                           "modality", "language", "score", "entities"]}),
        (_("Review"), {"fields": ["status", "assignee", "cluster", "is_current"]}),
        (_("Verification"), {"fields": ["pipeline_state", "suggestion", "suggestion_confidence",
                                        "suggestion_reasons", "has_contradiction",
                                        "repeats", "priority"]}),
        (_("Audit"), {"fields": ["start", "end", "fingerprint", "version", "status_changed_at",
                                 "created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [EvidenceInline, VerificationInline]
    show_full_result_count = False
    list_per_page = 50

    def get_queryset(self, request):
        # The list shows each claim's article title, never its text (up to megabytes).
        return super().get_queryset(request).defer("article__body", "article__error")

    @admin.display(description=_("articles repeating it"))
    def repeats(self, claim):
        return claim.repeats

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The whole list (no filter, no search) of a large desk: its count estimated.
        whole = not (set(request.GET) - {"o", "p"})
        paginator = EstimatedCountPaginator if whole else Paginator
        return paginator(queryset, per_page, orphans, allow_empty_first_page)

    @property
    def search_help_text(self):  # read per request: in the user's language
        return _("Every word in the claim, its speaker or its article's title; at most the "
                 "%(limit)s newest claims found.") % {"limit": f"{MATCH_LIMIT:,}"}

    def get_search_results(self, request, queryset, search_term):
        found = search_claims(queryset, search_term) if search_term.strip() else None
        if found is None:
            return super().get_search_results(request, queryset, search_term)
        return found, False

    def has_add_permission(self, request):
        # Claims come from extraction: one typed here would point at no words of its article.
        return False

    @admin.display(description=_("claim"), ordering="text")
    def short_text(self, obj):
        return obj.text[:100]

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        return admin_link(obj.article, obj.article.title[:60])

    @admin.display(description=_("outlet"), ordering="article__source__name")
    def outlet(self, obj):
        return obj.article.source or "—"


# --- Machine output: read-only, with links ---------------------------------------------------

@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    # The English explanation for operators, the reason as readers see it beside it.
    list_display = ["explanation", "reason", "claim_link", "verifier", "kind", "stance",
                    "confidence", "source_link"]
    list_filter = ["verifier", "stance", "kind"]
    search_fields = ["explanation", "excerpt", "claim__text"]
    list_select_related = ["claim", "source_article", "reference_fact"]
    fields = ["claim_link", "verifier", "key", "kind", "stance", "confidence", "reason",
              "explanation", "excerpt", "source_link", "created_at", "updated_at"]
    readonly_fields = fields
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source_article__body", "source_article__error")

    @admin.display(description=_("claim"))
    def claim_link(self, obj):
        return admin_link(obj.claim, obj.claim.text[:80])

    @admin.display(description=_("reason"))
    def reason(self, obj):
        return rendered_reason(obj)

    @admin.display(description=_("source"))
    def source_link(self, obj):
        if obj.url:
            return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, obj.url[:60])
        return admin_link(obj.source_article or obj.reference_fact)


@admin.register(Verification)
class VerificationAdmin(RerunPermissionMixin, ReadOnlyAdmin):
    list_display = ["__str__", "claim_link", "verifier", "state", "attempts", "duration_s",
                    "created_at", "finished_at"]
    list_filter = ["state", "verifier"]
    search_fields = ["claim__text", "error", "task_id"]
    list_select_related = ["claim"]
    date_hierarchy = "created_at"
    fields = ["claim_link", "verifier", "state", "attempts", "input_hash", "task_link",
              "created_at", "started_at", "finished_at", "error", "traceback"]
    readonly_fields = fields
    show_full_result_count = False
    actions = ["retry"]

    @admin.display(description=_("claim"))
    def claim_link(self, obj):
        return admin_link(obj.claim, f"#{obj.claim_id} {obj.claim.text[:60]}")

    @admin.display(description=_("task"))
    def task_link(self, obj):
        if not obj.task_id:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("monitoring:task", args=[obj.task_id]),
                           obj.task_id)

    @admin.display(description=_("duration (s)"))
    def duration_s(self, obj):
        return f"{obj.duration.total_seconds():.2f}" if obj.duration else "—"

    @admin.action(description=_("Retry the selected failed verifications"), permissions=["rerun"])
    def retry(self, request, queryset):
        failed = list(queryset.filter(state=Verification.STATE_FAILED).values_list("pk", flat=True))
        for pk in failed:
            reruns.retry_verification(pk)
        self.message_user(request, ngettext(
            "%(count)d failed verification sent again.",
            "%(count)d failed verifications sent again.", len(failed)) % {"count": len(failed)},
            messages.SUCCESS if failed else messages.WARNING)


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["hostname", "online", "queues", "concurrency", "last_seen", "started_at"]
    fields = ["hostname", "pid", "queues", "concurrency", "started_at", "last_seen"]
    readonly_fields = fields

    @admin.display(description=_("online"), boolean=True)
    def online(self, obj):
        return obj.is_online

    def has_delete_permission(self, request, obj=None):
        # A worker gone for good leaves a row behind: staff may clear it.
        return request.user.is_superuser


@admin.register(ClaimCluster)
class ClaimClusterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "claim_count", "article_count", "created_at"]
    search_fields = ["label"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_claims=Count("claims"))

    @admin.display(description=_("claims"), ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims


# --- Knowledge editors maintain: editable, validated ----------------------------------------

def _split_aliases(text):
    return [a.strip() for a in text.split(",") if a.strip()]


NOTES_MAX_LENGTH = 2000


class ReferenceFactForm(StatedLimitsMixin, forms.ModelForm):
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea,
                            max_length=NOTES_MAX_LENGTH)

    class Meta:
        model = ReferenceFact
        fields = ["subject", "relation", "value", "aliases", "valid_from", "valid_to",
                  "source_url", "notes"]

    def clean_aliases(self):
        # Normalised: one space after each comma, no empty or repeated names.
        seen, names = set(), []
        for name in _split_aliases(self.cleaned_data.get("aliases", "")):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(" ".join(name.split()))
        return ", ".join(names)

    def clean(self):
        data = super().clean()
        for field in ("subject", "relation", "value"):
            if field in data and isinstance(data[field], str):
                data[field] = " ".join(data[field].split())
        return data


@admin.register(ReferenceFact)
class ReferenceFactAdmin(admin.ModelAdmin):
    form = ReferenceFactForm
    list_display = ["subject", "relation", "value", "valid_from", "valid_to", "source_link", "updated_at"]
    search_fields = ["subject", "relation", "value", "aliases"]
    list_filter = ["relation", ("valid_to", admin.EmptyFieldListFilter)]
    readonly_fields = ["created_by", "updated_at"]
    fieldsets = [
        (None, {"fields": ["subject", "relation", "value", "aliases"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_to"]}),
        (_("Source"), {"fields": ["source_url", "notes"]}),
        (_("Audit"), {"fields": ["created_by", "updated_at"]}),
    ]

    @admin.display(description=_("source"))
    def source_link(self, obj):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.source_url,
                           obj.source_url[:50])

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class GazetteerEntryForm(StatedLimitsMixin, forms.ModelForm):
    class Meta:
        model = GazetteerEntry
        fields = ["text", "label", "language", "active", "notes"]

    def clean_text(self):
        text = " ".join(self.cleaned_data.get("text", "").split())
        if len(text) < 2:
            raise forms.ValidationError(_("A name needs at least two characters."))
        return text

    def clean(self):
        data = super().clean()
        text, label, language = data.get("text"), data.get("label"), data.get("language")
        if text and label and language:
            # The recogniser matches names case-insensitively: "openai" and "OpenAI" are one entry.
            same = GazetteerEntry.objects.filter(text__iexact=text, label=label, language=language)
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                raise forms.ValidationError(
                    _("“%(text)s” is already in the gazetteer with this label and language.")
                    % {"text": text}
                )
        return data


@admin.register(GazetteerEntry)
class GazetteerEntryAdmin(admin.ModelAdmin):
    form = GazetteerEntryForm
    list_display = ["text", "label", "language", "active", "notes", "updated_at"]
    list_editable = ["active"]
    list_filter = ["label", "language", "active"]
    search_fields = ["text", "notes"]
    readonly_fields = ["updated_at"]


class FeedForm(forms.ModelForm):
    class Meta:
        model = Feed
        fields = ["url", "outlet", "language", "active", "interval_minutes"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_url(url)  # the rule every fetch follows, told when the feed is saved
        except AddressRefused as exc:
            raise forms.ValidationError(str(exc), code="address") from None
        return url

    def clean_interval_minutes(self):
        minutes = self.cleaned_data["interval_minutes"]
        if minutes < 1:
            raise forms.ValidationError(_("Poll a feed at most once a minute."), code="min_value")
        return minutes


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    """Feeds the desk watches; beat reads each one when its interval has passed."""

    form = FeedForm
    list_display = ["url", "outlet", "language", "active", "interval_minutes", "last_success_at",
                    "last_error_at", "entries_taken"]
    list_filter = ["active", "language"]
    search_fields = ["url", "outlet__name"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["last_polled_at", "last_success_at", "last_error_at", "last_error",
                       "entries_taken", "created_at"]


@admin.register(BulkImport)
class BulkImportAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "format", "uploaded_by", "state", "total", "processed",
                    "created_count", "duplicate_count", "created_at"]
    list_filter = ["state", "format"]
    exclude = ["content", "rejected"]
