from django.contrib import admin

from .models import AuditLogEntry, ClaimLease, Verdict


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["claim", "to_status", "author", "state", "created_at"]
    list_filter = ["to_status", "state"]
    search_fields = ["rationale"]
    list_select_related = ["claim", "author"]
    raw_id_fields = ["claim"]


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "claim", "from_status", "to_status"]
    list_filter = ["action"]
    search_fields = ["rationale", "actor__username"]
    list_select_related = ["actor", "claim"]


admin.site.register(ClaimLease)
