"""How verifiers name a claim's article in explanations: outlet and short date."""

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _


def published(article):
    """When the article appeared, in the desk's time zone (its day is what facts are checked on)."""
    moment = article.published_at or article.created_at or timezone.now()
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def outlet(article):
    """The outlet's name, or the article's title when its outlet is unknown."""
    if article.source_id:
        return article.source.name
    title = " ".join((article.title or "").split())
    if not title:
        return _("an article on the desk")
    return "“" + (title if len(title) <= 50 else title[:49].rstrip() + "…") + "”"


def short_date(moment):
    if moment and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return dateformat.format(moment, "j M") if moment else ""


def where(article):
    """'Tech Matin (21 Nov)'."""
    day = short_date(published(article))
    return f"{outlet(article)} ({day})" if day else outlet(article)


def excerpt(text, limit=160):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
