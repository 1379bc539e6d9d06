"""How verifiers name a claim's article in explanations: outlet and short date."""

from functools import lru_cache

from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _


def published(article):
    """When the article appeared, in the desk's time zone (its day is what facts are checked on)."""
    moment = article.published_at or article.created_at or timezone.now()
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def local_day(moment):
    """A moment as the desk's day (its time zone), for reasons that show a date."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.date()


def outlet(article):
    """The outlet's name, or the article's title when its outlet is unknown."""
    if article.source_id:
        return article.source.name
    title = " ".join((article.title or "").split())
    if not title:
        return _("an article on the desk")
    return "“" + (title if len(title) <= 50 else title[:49].rstrip() + "…") + "”"


def short_date(moment):
    """'21 Nov 2023', in the desk's time zone and the active language."""
    if not moment:
        return ""
    return _short_date(moment, timezone.get_current_timezone_name(), translation.get_language())


@lru_cache(maxsize=2048)
def _short_date(moment, tz_name, language):
    # A batch explains dozens of findings citing the same few articles: formatting their
    # dates was a few per cent of a verification task.
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return dateformat.format(moment, "j M Y")


def where(article):
    """'Tech Matin (21 Nov 2023)'."""
    day = short_date(article.published_at or article.created_at or timezone.now())
    return f"{outlet(article)} ({day})" if day else outlet(article)


def excerpt(text, limit=160):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
