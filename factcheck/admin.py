from django.contrib import admin

from .models import (
    Article, Claim, ClaimCluster, Evidence, GazetteerEntry, ReferenceFact, Source, Verification,
    WorkerHeartbeat,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "created_at"]
    search_fields = ["name", "url"]


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["text", "score", "modality", "status", "pipeline_state"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "language", "state", "created_at"]
    list_filter = ["state", "language", "source"]
    search_fields = ["title", "url", "body"]
    list_select_related = ["source"]
    readonly_fields = ["state", "state_changed_at", "attempts", "error", "content_hash", "word_count"]
    inlines = [ClaimInline]
    show_full_result_count = False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["text", "article", "score", "modality", "status", "suggestion", "assignee"]
    list_filter = ["status", "modality", "claim_type", "language", "pipeline_state", "suggestion"]
    search_fields = ["text", "sentence", "speaker"]
    list_select_related = ["article", "assignee"]
    raw_id_fields = ["article", "assignee", "cluster"]
    readonly_fields = ["version", "fingerprint", "created_at", "updated_at"]
    show_full_result_count = False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["claim", "verifier", "stance", "confidence", "explanation"]
    list_filter = ["verifier", "stance", "kind"]
    search_fields = ["explanation", "excerpt"]
    list_select_related = ["claim"]
    raw_id_fields = ["claim", "source_article", "source_claim", "reference_fact"]


@admin.register(Verification)
class VerificationAdmin(admin.ModelAdmin):
    list_display = ["claim", "verifier", "state", "attempts", "created_at", "finished_at"]
    list_filter = ["state", "verifier"]
    list_select_related = ["claim"]
    raw_id_fields = ["claim"]


@admin.register(ReferenceFact)
class ReferenceFactAdmin(admin.ModelAdmin):
    list_display = ["subject", "relation", "value", "valid_from", "valid_to"]
    search_fields = ["subject", "relation", "value", "aliases"]
    list_filter = ["relation"]


@admin.register(GazetteerEntry)
class GazetteerEntryAdmin(admin.ModelAdmin):
    list_display = ["text", "label", "language", "active"]
    list_filter = ["label", "language", "active"]
    search_fields = ["text"]


admin.site.register(ClaimCluster)
admin.site.register(WorkerHeartbeat)
