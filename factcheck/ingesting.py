"""Storing an article that arrives by URL, feed or bulk file: checked as the desk's form checks
text (factcheck.article_text), never stored twice (same URL or same text), sent to the pipeline
once committed."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from factcheck import article_text
from factcheck.fetching import FetchError, fetch_article
from factcheck.models import Article, Source
from factcheck.pipeline import dispatch


class Rejected(Exception):
    """Not stored; the message says why."""


@dataclass
class Outcome:
    article: Article
    created: bool
    # Why nothing was created: "url" or "text" already on the desk.
    duplicate: str = ""


def already_at(url):
    """The article on the desk with this URL, or None."""
    if not url:
        return None
    return Article.objects.filter(url=url).only("pk", "title", "url").first()


def store(*, title, body, url="", outlet="", language="", published_at=None, author="", user=None):
    """Store one article (or find the one already on the desk). Raises Rejected."""
    try:
        text = article_text.clean_body(body or "")
        when = article_text.check_published(published_at)
    except ValidationError as exc:
        raise Rejected(" ".join(exc.messages)) from None
    title = " ".join((title or "").split())[:article_text.TITLE_MAX_LENGTH]
    if not any(article_text.is_visible(char) for char in title):
        title = " ".join(text.split("\n", 1)[0].split())[:article_text.TITLE_MAX_LENGTH]
    if len(url) > article_text.URL_MAX_LENGTH:
        raise Rejected(_("The URL is longer than %(n)d characters.") % {"n": article_text.URL_MAX_LENGTH})
    if language not in ("", *dict(Article.LANGUAGE_CHOICES)):
        raise Rejected(_("Unknown language %(language)s: give fr, en or nothing.") % {"language": language})
    existing = already_at(url)
    if existing is not None:
        return Outcome(existing, False, "url")
    existing = article_text.duplicate_of(text)
    if existing is not None:
        return Outcome(existing, False, "text")
    outlet = " ".join((outlet or "").split())[:article_text.OUTLET_MAX_LENGTH]
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title, body=text, url=url, language=language, published_at=when,
                author=" ".join(author.split())[:Article._meta.get_field("author").max_length],
                source=Source.objects.get_or_create(name=outlet)[0] if outlet else None,
                submitted_by=user,
            )
            dispatch.enqueue_article(article)
    except IntegrityError:
        # The same text stored meanwhile (another ingest, the desk's form).
        existing = article_text.duplicate_of(text)
        if existing is None:
            raise
        return Outcome(existing, False, "text")
    return Outcome(article, True)


def store_from_url(url, *, outlet="", language="", user=None, title="", published_at=None):
    """Fetch the article at `url` and store it; a URL already on the desk is not fetched again.
    Raises Rejected (with the fetch's reason)."""
    existing = already_at(url)
    if existing is not None:
        return Outcome(existing, False, "url")
    try:
        page = fetch_article(url)
    except FetchError as exc:
        raise Rejected(str(exc)) from None
    return store(title=title or page.title, body=page.text, url=page.url[:article_text.URL_MAX_LENGTH],
                 outlet=outlet, language=language, published_at=published_at or page.published_at,
                 author=page.author, user=user)
