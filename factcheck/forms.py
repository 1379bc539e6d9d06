from django import forms
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Article, Source
from .models.article import content_hash
from .pipeline import dispatch


def decode_upload(data: bytes) -> str:
    """Text of an uploaded file, or a ValidationError an editor can act on."""
    if b"\x00" in data:
        raise forms.ValidationError(_("This file is not text (it looks binary)."), code="binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise forms.ValidationError(
            _("This file is not UTF-8 text (invalid byte at position %(pos)s). Save it as UTF-8 "
              "and upload it again."),
            code="encoding",
            params={"pos": exc.start},
        ) from exc


class ArticleForm(forms.ModelForm):
    outlet = forms.CharField(label=_("Outlet"), max_length=200, required=False)
    upload = forms.FileField(
        label=_("…or upload a text file"), required=False,
        help_text=_("Plain text, UTF-8."),
    )

    class Meta:
        model = Article
        fields = ["title", "url", "language", "published_at", "body"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 16}),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        labels = {"language": _("Language (empty: detect)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = False

    @property
    def limit(self):
        return settings.FACTCHECK_MAX_ARTICLE_BYTES

    def _check_size(self, size):
        if size > self.limit:
            raise forms.ValidationError(
                _("The article is too large (%(size)s); the limit is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(size), "limit": filesizeformat(self.limit)},
            )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        self._check_size(upload.size)
        return decode_upload(upload.read())

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("upload") or cleaned.get("body") or ""
        if "\x00" in text:
            raise forms.ValidationError(_("The text contains binary data."), code="binary")
        text = text.strip()
        if not text and not self.has_error("upload"):
            self.add_error("body", forms.ValidationError(
                _("Paste the article text or upload a file: it is empty."), code="empty"))
            return cleaned
        self._check_size(len(text.encode("utf-8")))
        existing = Article.objects.filter(content_hash=content_hash(text)).first()
        if existing:
            raise forms.ValidationError(
                format_html(
                    _('This article is already in the desk: <a href="{}">{}</a>.'),
                    reverse("factcheck:article", args=[existing.pk]), existing.title,
                ),
                code="duplicate",
            )
        cleaned["body"] = text
        return cleaned

    def save(self, user=None):
        """Save and hand to the pipeline once committed; nothing is saved if anything fails."""
        article = super().save(commit=False)
        article.body = self.cleaned_data["body"]
        outlet = " ".join(self.cleaned_data.get("outlet", "").split())
        with transaction.atomic():
            if outlet:
                article.source, _created = Source.objects.get_or_create(name=outlet)
            article.submitted_by = user
            article.save()
            dispatch.enqueue_article(article)
        return article
