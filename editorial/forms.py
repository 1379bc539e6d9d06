from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from factcheck.models import Article, Claim, Source


def reviewers():
    """Users who can review claims (through a role group or directly), for assignment."""
    perm = Q(codename="review_claim", content_type__app_label="factcheck")
    from django.contrib.auth.models import Permission

    permission = Permission.objects.filter(perm).first()
    return (
        get_user_model().objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
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
        help_text=_("Required for a disputed verdict."),
    )
    sources = forms.CharField(
        label=_("Source URLs"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One http(s) address per line."),
    )
    correction_note = forms.CharField(
        label=_("Public correction note"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

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
        if data.get("verdict") == Claim.STATUS_DISPUTED and not data.get("rationale", "").strip():
            self.add_error("rationale", _("Say why the claim is disputed."))
        return data


class CommentForm(forms.Form):
    """Approve (comment optional), send back and reopen (comment required)."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class BulkForm(forms.Form):
    ACTION_CHOICES = [
        ("assign", _("Assign to")),
        ("unverifiable", _("Mark unverifiable")),
    ]
    claims = forms.ModelMultipleChoiceField(queryset=Claim.objects.all(), widget=forms.MultipleHiddenInput)
    action = forms.ChoiceField(label=_("Action"), choices=ACTION_CHOICES, widget=QuickSelect)
    assignee = forms.ModelChoiceField(
        label=_("Checker"), queryset=None, required=False, empty_label=_("nobody"), widget=QuickSelect,
    )
    rationale = forms.CharField(label=_("Shared rationale"), required=False, widget=forms.TextInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers()

    def clean(self):
        data = super().clean()
        if data.get("action") == "unverifiable" and not data.get("rationale", "").strip():
            self.add_error("rationale", _("Marking claims unverifiable needs a shared rationale."))
        return data
