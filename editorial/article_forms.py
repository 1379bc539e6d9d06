"""Submitting an article: pasted or uploaded text, or fetched from its URL when no text is given
(factcheck.fetching), checked by factcheck.article_text, refused with a message an editor can act
on, never saved twice."""

from django import forms
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from factcheck import article_text, ingesting
from factcheck.fetching import FetchError, fetch_article
from factcheck.models import Article, Source
from factcheck.pipeline import dispatch

from .visibility import can_see_article


def duplicate_error(user, existing):
    """The duplicate message: a link to the article when `user` may see it, otherwise no title."""
    if existing is not None and can_see_article(user, existing):
        message = format_html(_('This article is already on the desk: <a href="{}">{}</a>.'),
                              existing.get_absolute_url(), existing.title)
    else:
        message = _("This article is already on the desk (another article on the desk has the "
                    "same text); it was not added again.")
    return forms.ValidationError(message, code="duplicate")


class ArticleForm(forms.ModelForm):
    outlet = forms.CharField(label=_("Outlet"), max_length=article_text.OUTLET_MAX_LENGTH,
                             required=False)
    upload = forms.FileField(label=_("…or upload a text file"), required=False)

    class Meta:
        model = Article
        fields = ["title", "url", "language", "published_at", "body"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 16}),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        labels = {"language": _("Language (empty: detect)")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        limit = filesizeformat(article_text.max_bytes())
        # Help texts built here, in the language of the request.
        for name in ("title", "outlet"):
            self.fields[name].help_text = _("At most %(n)d characters.") % {
                "n": self.fields[name].max_length}
        body = self.fields["body"]
        body.required = False
        # The text is checked as a whole in clean(): one message per problem, not two.
        body.validators = []
        body.help_text = _("Up to %(limit)s of text.") % {"limit": limit}
        self.fields["title"].required = False
        self.fields["url"].help_text = _("At most %(n)d characters. With no text and no file, the "
                                         "article is fetched from this address.") % {
            "n": self.fields["url"].max_length}
        self.fields["upload"].help_text = _("Plain text (UTF-8, or UTF-16 with its byte-order mark), "
                                            "up to %(limit)s.") % {"limit": limit}

    def clean_title(self):
        title = " ".join(self.cleaned_data.get("title", "").split())
        # Required unless the article is fetched from its URL (checked in clean()).
        return title if any(article_text.is_visible(char) for char in title) else ""

    def clean_published_at(self):
        return article_text.check_published(self.cleaned_data.get("published_at"))

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        article_text.check_size(upload.size)
        return article_text.decode(upload.read())

    def clean(self):
        cleaned = super().clean()
        if self.has_error("upload") or self.has_error("body"):
            return cleaned
        raw = cleaned.get("upload") or cleaned.get("body") or ""
        if not raw.strip() and cleaned.get("url") and not self.has_error("url"):
            return self.clean_fetched(cleaned)
        if not cleaned.get("title") and not self.has_error("title"):
            self.add_error("title", forms.ValidationError(_("Give the article a title."),
                                                          code="required"))
        try:
            text = article_text.clean_body(raw)
        except forms.ValidationError as error:
            self.add_error("upload" if cleaned.get("upload") else "body", error)
            return cleaned
        existing = article_text.duplicate_of(text)
        if existing is not None:
            raise duplicate_error(self.user, existing)
        cleaned["body"] = text
        return cleaned

    def clean_fetched(self, cleaned):
        """The article read from its page; what the editor typed (title, date) comes first."""
        existing = ingesting.already_at(cleaned["url"])
        if existing is not None:
            raise duplicate_error(self.user, existing)
        try:
            page = fetch_article(cleaned["url"])
            text = article_text.clean_body(page.text)
            published = cleaned.get("published_at") or article_text.check_published(page.published_at)
        except FetchError as exc:
            self.add_error("url", forms.ValidationError(str(exc), code="fetch"))
            return cleaned
        except forms.ValidationError as error:
            self.add_error("url", error)
            return cleaned
        existing = ingesting.already_at(page.url) or article_text.duplicate_of(text)
        if existing is not None:
            raise duplicate_error(self.user, existing)
        cleaned.update(
            body=text, url=page.url[:article_text.URL_MAX_LENGTH], published_at=published,
            title=cleaned.get("title") or page.title[:article_text.TITLE_MAX_LENGTH]
            or text.split("\n", 1)[0][:article_text.TITLE_MAX_LENGTH],
        )
        self.author = page.author[:Article._meta.get_field("author").max_length]
        return cleaned

    def save(self, user=None):
        """Save and hand to the pipeline once committed; nothing is saved if anything fails.

        Two identical texts submitted at once both pass clean(): the database's unique content
        hash keeps one; the other gets the duplicate error on this form (and None back).
        """
        user = user or self.user
        article = super().save(commit=False)
        article.body = self.cleaned_data["body"]
        # A fetched article: what its page said (ModelForm set the typed values before clean()).
        article.title = self.cleaned_data["title"]
        article.url = self.cleaned_data.get("url") or ""
        article.published_at = self.cleaned_data.get("published_at")
        article.author = getattr(self, "author", "")
        outlet = " ".join(self.cleaned_data.get("outlet", "").split())
        try:
            with transaction.atomic():
                if outlet:
                    article.source, _created = Source.objects.get_or_create(name=outlet)
                article.submitted_by = user
                article.save()
                dispatch.enqueue_article(article)
        except IntegrityError:
            existing = article_text.duplicate_of(article.body)
            if existing is None:
                raise
            article.pk = None
            self.add_error(None, duplicate_error(user, existing))
            return None
        return article
