"""The one-line reasons a judgement gives, as codes with parameters, rendered in the reader's language.

The judge stays free of Django: it stores a code and the words that show it; `render` translates
through Django's gettext when the page is drawn."""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    # Marks a message for extraction (like gettext_noop) without importing Django here.
    return message


TEMPLATES = {
    "denial": gettext_noop("the evidence says it is false"),
    "negation_evidence": gettext_noop("the evidence denies it"),
    "negation_claim": gettext_noop("the evidence affirms what the claim denies"),
    "number": gettext_noop("different figure: %(claim)s ≠ %(evidence)s"),
    "date": gettext_noop("different date: %(claim)s ≠ %(evidence)s"),
    "place": gettext_noop("different place: %(claim)s ≠ %(evidence)s"),
    "person": gettext_noop("different person: %(claim)s ≠ %(evidence)s"),
    "name": gettext_noop("different name: %(claim)s ≠ %(evidence)s"),
    "antonym": gettext_noop("opposite words: %(claim)s ≠ %(evidence)s"),
    "quantifier": gettext_noop("different scope: %(claim)s ≠ %(evidence)s"),
    "cause": gettext_noop("different cause: %(claim)s ≠ %(evidence)s"),
    "event": gettext_noop("different event: %(claim)s ≠ %(evidence)s"),
    "object": gettext_noop("different object: %(claim)s ≠ %(evidence)s"),
    "same_facts": gettext_noop("the evidence reports the same facts"),
    "unrelated": gettext_noop("the evidence is about something else"),
}

# When several signs of contradiction show, the reason names the first of these.
PRIORITY = ["denial", "negation_evidence", "negation_claim", "number", "date", "place", "person",
            "antonym", "quantifier", "cause", "name", "event", "object"]


def english(code: str, params: dict) -> str:
    return TEMPLATES[code] % params if params else TEMPLATES[code]


def render(code: str, params: dict | None = None, lang: str | None = None) -> str:
    """The reason in `lang` (default: the active language) through Django's catalogues."""
    from django.utils import translation

    params = dict(params or {})
    with translation.override(lang or translation.get_language()):
        message = translation.gettext(TEMPLATES[code])
    return message % params if params else message
