from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, ngettext

from factcheck.addresses import AddressRefused, check_url
from factcheck.admin import ReadOnlyAdmin, admin_link

from .models import (
    ApiToken, AuditLogEntry, ClaimLease, Verdict, WebhookAttempt, WebhookDelivery, WebhookSubscription,
)
from .models.webhook import EVENT_CHOICES
from .webhooks.delivery import send_again


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdmin):
    """Verdicts, read-only: they are given, approved and sent back on the claim page, whose
    transitions check the workflow, move the claim's status and version and write the audit log."""

    list_display = ["claim_link", "to_status", "author", "state", "reviewed_by", "created_at"]
    list_filter = ["to_status", "state", ("author", admin.RelatedOnlyFieldListFilter),
                   ("created_at", admin.DateFieldListFilter)]
    search_fields = ["rationale", "claim__text", "author__username"]
    list_select_related = ["claim", "author", "reviewed_by"]
    raw_id_fields = ["claim"]
    date_hierarchy = "created_at"
    readonly_fields = ["claim", "author", "created_at", "from_status", "reviewed_by", "reviewed_at",
                       "published_at", "published_by"]
    show_full_result_count = False

    @admin.display(description=_("claim"), ordering="claim__text")
    def claim_link(self, obj):
        return admin_link(obj.claim, obj.claim.text[:80])


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyAdmin):
    """The audit log: searchable, filterable by action, actor and date; nobody edits history."""

    list_display = ["created_at", "actor", "action", "claim_link", "article_link", "from_status",
                    "to_status", "short_rationale"]
    list_filter = ["action", ("actor", admin.RelatedOnlyFieldListFilter),
                   ("created_at", admin.DateFieldListFilter)]
    search_fields = ["rationale", "actor__username", "claim__text", "article__title"]
    list_select_related = ["actor", "claim", "article"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    list_per_page = 100
    fields = ["created_at", "actor", "action", "claim_link", "article_link", "from_status",
              "to_status", "rationale", "data"]
    readonly_fields = fields

    @admin.display(description=_("claim"))
    def claim_link(self, obj):
        return admin_link(obj.claim, f"#{obj.claim_id} {obj.claim.text[:60]}") if obj.claim_id else "—"

    @admin.display(description=_("article"))
    def article_link(self, obj):
        return admin_link(obj.article, obj.article.title[:60]) if obj.article_id else "—"

    @admin.display(description=_("rationale"))
    def short_rationale(self, obj):
        return obj.rationale[:80]

    def get_queryset(self, request):
        # Entries link to their article by title; its text (up to megabytes) stays in the table.
        return super().get_queryset(request).defer("article__body", "article__error")


@admin.register(ClaimLease)
class ClaimLeaseAdmin(admin.ModelAdmin):
    list_display = ["claim", "holder", "taken_at", "expires_at", "active"]
    list_select_related = ["claim", "holder"]
    raw_id_fields = ["claim"]

    @admin.display(description=_("active"), boolean=True)
    def active(self, obj):
        return obj.is_active


# --- Users and roles --------------------------------------------------------------------------

User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users with their roles (groups) in the list, filterable by role."""

    list_display = ["username", "email", "first_name", "last_name", "roles", "is_staff",
                    "is_active", "last_login"]
    list_filter = ["groups", "is_staff", "is_superuser", "is_active"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(sorted(g.name for g in obj.groups.all())) or "—"


# --- API tokens -------------------------------------------------------------------------------
# DRF's own token admin would list plain keys; the desk stores digests (ApiToken) instead.
try:
    from rest_framework.authtoken.models import TokenProxy
except ImportError:  # pragma: no cover - authtoken stays installed for its data migration
    TokenProxy = None
if TokenProxy is not None and admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Who has a token, since when, its last use; a chief revokes one here (the key itself is
    never stored, so never shown)."""

    list_display = ["prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "prefix"]
    list_select_related = ["user"]
    exclude = ["digest"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        revoked = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, ngettext("%(n)d token revoked.", "%(n)d tokens revoked.",
                                            revoked) % {"n": revoked})


# --- Webhooks ---------------------------------------------------------------------------------

class WebhookSubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(label=_("events"), choices=EVENT_CHOICES,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookSubscription
        fields = ["url", "description", "events", "secret", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_url(url)
        except AddressRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        return url


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    """Chiefs manage the addresses told of the desk's events."""

    form = WebhookSubscriptionForm
    list_display = ["url", "description", "events", "active", "created_at"]
    list_filter = ["active"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "status_code", "error", "duration_ms"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Every delivery with its attempts (status, time); "send again" starts a new round."""

    list_display = ["created_at", "event", "subscription", "state", "attempts", "delivered_at"]
    list_filter = ["state", "event", "subscription"]
    list_select_related = ["subscription"]
    readonly_fields = ["subscription", "event", "payload", "state", "attempts", "created_at",
                       "delivered_at"]
    inlines = [WebhookAttemptInline]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again"), permissions=["change"])
    def send_again(self, request, queryset):
        for delivery in queryset:
            send_again(delivery)
        self.message_user(request, ngettext("%(n)d delivery sent again.",
                                            "%(n)d deliveries sent again.", queryset.count())
                          % {"n": queryset.count()})
