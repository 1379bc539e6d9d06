import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from factcheck.models import Claim

from . import policy


def limit_help(limit):
    """The length limit, stated in the form."""
    return _("Up to %(limit)s characters.") % {"limit": f"{limit:,}".replace(",", "\u202f")}


def reviewers():
    """Users who can review claims (through a role group or directly), for assignment."""
    from django.contrib.auth.models import Permission

    # A subquery, not a query of its own: the queue page counts its queries.
    permission = Permission.objects.filter(
        codename="review_claim", content_type__app_label="editorial"
    ).values("pk")
    return (
        get_user_model().objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct().order_by("username")
    )


def _attrs_html(attrs):
    """As django/forms/widgets/attrs.html renders them."""
    return mark_safe("".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items() if value is not False
    ))


class QuickSelect(forms.Select):
    """A Select that writes its options in Python: the same HTML as Django's select.html, without
    one template include per <option> (the queue page shows about 40 options on each request)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = mark_safe("".join(
            format_html(
                '\n  <option value="{}"{}>{}</option>\n', str(option["value"]),
                _attrs_html(option["attrs"]), option["label"],
            )
            for _group, group_options, _index in widget["optgroups"] for option in group_options
        ))
        return format_html(
            '<select name="{}"{}>{}\n</select>', widget["name"], _attrs_html(widget["attrs"]), options
        )


class VerdictForm(forms.Form):
    VERDICT_CHOICES = [
        (Claim.STATUS_CONFIRMED, _("Confirmed")),
        (Claim.STATUS_DISPUTED, _("Disputed")),
        (Claim.STATUS_UNVERIFIABLE, _("Unverifiable")),
    ]
    verdict = forms.ChoiceField(label=_("Verdict"), choices=VERDICT_CHOICES, widget=forms.RadioSelect)
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        max_length=policy.MAX_RATIONALE,
    )
    sources = forms.CharField(
        label=_("Source URLs"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=policy.MAX_SOURCES,
    )
    correction_note = forms.CharField(
        label=_("Public correction note"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}), max_length=policy.MAX_CORRECTION_NOTE,
        help_text=limit_help(policy.MAX_CORRECTION_NOTE),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, claim=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim
        labels = dict(self.VERDICT_CHOICES)
        needing = [str(labels[s]) for s in policy.verdicts_needing_sources() if s in labels]
        required = (
            _("Required for: %(verdicts)s.") % {"verdicts": ", ".join(needing)} if needing
            else _("Required for a disputed verdict.")
        )
        self.fields["rationale"].help_text = f"{required} {limit_help(policy.MAX_RATIONALE)}"
        sources_help = _("One http(s) address per line.")
        if needing:
            sources_help = _("One http(s) address per line; at least one for: %(verdicts)s.") % {
                "verdicts": ", ".join(needing)}
        self.fields["sources"].help_text = sources_help

    def against_suggestion(self):
        """A warning (not an error) when the chosen verdict goes against the suggestion."""
        verdict = self.cleaned_data.get("verdict") if hasattr(self, "cleaned_data") else None
        if self.claim is None or not verdict or not policy.goes_against_suggestion(self.claim, verdict):
            return ""
        return _("This verdict goes against the verifiers' suggestion (“%(suggestion)s”).") % {
            "suggestion": self.claim.get_suggestion_display()}

    def clean_sources(self):
        validate = URLValidator(schemes=["http", "https"])
        urls, errors = [], []
        for line in self.cleaned_data["sources"].splitlines():
            url = line.strip()
            if not url:
                continue
            try:
                validate(url)
            except ValidationError:
                errors.append(url)
            else:
                urls.append(url)
        if errors:
            raise ValidationError(
                _("Not a valid http(s) address: %(urls)s"), params={"urls": ", ".join(errors)},
            )
        return urls

    def clean(self):
        data = super().clean()
        verdict = data.get("verdict")
        labels = dict(self.VERDICT_CHOICES)
        if verdict in policy.verdicts_needing_sources():
            params = {"verdict": labels.get(verdict, verdict)}
            if not data.get("rationale", "").strip() and "rationale" not in self.errors:
                self.add_error("rationale", ValidationError(
                    _("A “%(verdict)s” verdict needs a rationale."), params=params))
            if not data.get("sources") and "sources" not in self.errors:
                self.add_error("sources", ValidationError(
                    _("A “%(verdict)s” verdict needs at least one source."), params=params))
        elif verdict == Claim.STATUS_DISPUTED and not data.get("rationale", "").strip():
            self.add_error("rationale", _("Say why the claim is disputed."))
        return data


class VersionedForm(forms.Form):
    """A form that states the claim version it was made on; a missing or malformed version is
    refused with a message, never guessed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages={
        "required": _("This form's version is missing: reload the page and try again."),
        "invalid": _("This form's version is not a number: reload the page and try again."),
    })


class CommentForm(VersionedForm):
    """Approve (comment optional), send back and reopen (comment required)."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        max_length=policy.MAX_COMMENT, help_text=limit_help(policy.MAX_COMMENT),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=policy.MAX_NOTE,
        # Lazy: formatted when the page is drawn, in the reader's language (not at import).
        help_text=lazy(lambda: _("@username tells that person. %(limit)s") % {
            "limit": limit_help(policy.MAX_NOTE)}, str)(),
    )


class BulkForm(forms.Form):
    ACTION_CHOICES = [
        ("assign", _("Assign to")),
        ("unverifiable", _("Mark unverifiable")),
    ]
    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.all(), widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Tick at least one claim first.")},
    )
    action = forms.ChoiceField(label=_("Action"), choices=ACTION_CHOICES, widget=QuickSelect)
    assignee = forms.ModelChoiceField(
        label=_("Checker"), queryset=None, required=False, empty_label=_("nobody"), widget=QuickSelect,
    )
    rationale = forms.CharField(
        label=_("Shared rationale"), required=False, widget=forms.TextInput,
        max_length=policy.MAX_RATIONALE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers()

    def clean(self):
        data = super().clean()
        if data.get("action") == "unverifiable" and not data.get("rationale", "").strip():
            self.add_error("rationale", _("Marking claims unverifiable needs a shared rationale."))
        return data


class ClaimVersionsField(forms.MultipleChoiceField):
    """Ticked boxes worth "claim id:version"; which claims still await approval is the
    transitions' call (a stale one is skipped and reported), not the form's."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value):
        return bool(re.fullmatch(r"\d{1,18}:\d{1,9}", value))


class InboxBulkForm(forms.Form):
    """Chiefs: approve or send back several verdicts; each box carries "claim id:version"."""

    ACTION_CHOICES = [("approve", _("Approve")), ("send_back", _("Send back"))]
    action = forms.ChoiceField(label=_("Action"), choices=ACTION_CHOICES)
    claims = ClaimVersionsField(required=False)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        max_length=policy.MAX_COMMENT, help_text=limit_help(policy.MAX_COMMENT),
    )

    def clean_claims(self):
        picked = self.cleaned_data["claims"]
        if not picked:
            raise ValidationError(_("Tick at least one verdict first."))
        return [tuple(int(part) for part in value.split(":")) for value in picked]

    def clean(self):
        data = super().clean()
        if data.get("action") == "send_back" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say why the verdicts are sent back."))
        return data
