"""Quotations and who said them.

Works on the normalised article text (same offsets as the original; ASCII
apostrophes). Finds quote spans (“…”, «…», "…"), then looks for the
speaker in the places newsrooms put it:
  - the line after a quote that stands alone on its line: "Name, title";
  - the same line, after the quote: «…», a déclaré X / selon X / said X;
  - the same line, before it: X a déclaré : «…» / X said: "…";
  - the line before, ending with a colon: "X, title :".
Sentences outside quotes still get a speaker for "selon X", "X a déclaré que".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UP = "A-ZÀ-ÖØ-ÞŒ"
_NAME_WORD = rf"[{_UP}][\w\-]*(?:'[{_UP}][\w\-]*)?"
_PARTICLE = r"(?:de|d'|du|des|van|von|da|di|del|der|le|la|al|bin|ben)"
NAME = rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,3}})"

_FR_PAST = (
    "déclaré|affirmé|dit|indiqué|expliqué|estimé|assuré|souligné|confirmé|précisé|ajouté|"
    "annoncé|reconnu|commenté|lancé|tranché|martelé|prévenu|averti|répondu|jugé|raconté|"
    "confié|écrit|tweeté|insisté|rappelé|regretté|dénoncé|résumé|admis|soutenu|promis"
)
_FR_PRES = (
    "déclare|affirme|dit|indique|explique|estime|assure|souligne|confirme|précise|ajoute|"
    "tranche|martèle|résume|commente|prévient|avertit|répond|juge|raconte|confie|écrit|lance|"
    "insiste|rappelle|regrette|dénonce|admet|soutient"
)
_EN_VERBS = (
    "said|says|told|tells|added|explained|wrote|stated|claimed|warned|argued|insisted|"
    "noted|tweeted|replied|answered|admitted|declared|announced"
)
_LEAD = r"^\s*[,.;:\-–—]?\s*"
# "la ministre Claire Dufour", "le porte-parole Paul Roy": a title before the name.
_FR_TITLE = r"(?:(?:le|la|l')\s*[a-zéèêàçô\-]+(?:\s+[a-zéèêàçô\-]+)?\s+)?"

AFTER_PATTERNS = {
    "fr": [
        re.compile(_LEAD + rf"(?:a|ont|avait|avaient|aurait)\s+(?:\w+\s+)?(?:{_FR_PAST})\s+(?:à\s+\S+\s+)?{_FR_TITLE}" + NAME),
        re.compile(_LEAD + rf"(?:{_FR_PRES})\s+{_FR_TITLE}" + NAME),
        re.compile(_LEAD + r"(?:selon|d'après)\s+" + NAME),
        re.compile(_LEAD + NAME + rf"\s*(?:,[^,.]{{0,80}},\s*)?(?:a|avait)\s+(?:{_FR_PAST})\b"),
    ],
    "en": [
        re.compile(_LEAD + rf"(?:{_EN_VERBS})\s+(?:the\s+)?" + NAME),
        re.compile(_LEAD + NAME + rf"\s*(?:,[^,.]{{0,80}},\s*)?(?:{_EN_VERBS})\b"),
        re.compile(_LEAD + r"according\s+to\s+" + NAME),
    ],
}
BEFORE_PATTERNS = {
    "fr": [
        re.compile(NAME + rf"\s*(?:,[^,.]{{0,80}},\s*)?(?:a\s+(?:{_FR_PAST})|{_FR_PRES})\s*(?:que\s*)?:?\s*$"),
        re.compile(r"(?:Selon|selon|D'après|d'après)\s+" + NAME + r"\s*,?\s*$"),
    ],
    "en": [
        re.compile(NAME + rf"\s*(?:,[^,.]{{0,80}},\s*)?(?:{_EN_VERBS})(?:\s+\w+)?\s*:?,?\s*$"),
        re.compile(r"(?:According|according)\s+to\s+" + NAME + r"\s*,?\s*$"),
    ],
}
# "Name, title" / "— Name" on the line after a quote.
SPEAKER_LINE = re.compile(r"^\s*(?:[-–—]\s*)?" + NAME + r"\s*(?:[,(\-–—].{0,140})?$")
# Inline attribution for sentences that are not quotations.
INLINE_FR = [
    re.compile(r"\b(?:[Ss]elon|[Dd]'après)\s+" + NAME),
    re.compile(NAME + rf"\s*(?:,[^,.]{{0,80}})?,?\s*a\s+(?:{_FR_PAST})\s+(?:que|qu'|:)"),
    re.compile(rf",\s*(?:a|ont)\s+(?:{_FR_PAST})\s+{_FR_TITLE}" + NAME),
    re.compile(rf",\s*(?:{_FR_PRES})\s+{_FR_TITLE}" + NAME),
]
INLINE_EN = [
    re.compile(r"\b[Aa]ccording\s+to\s+(?:the\s+)?" + NAME),
    re.compile(NAME + rf"\s*(?:,[^,.]{{0,80}},\s*)?(?:{_EN_VERBS})\s+(?:that\b|on\b|in\b|:)"),
    re.compile(rf",\s*(?:{_EN_VERBS})\s+(?:the\s+)?" + NAME),
    re.compile(r",\s*(?:the\s+)?" + NAME + rf"\s+(?:{_EN_VERBS})\b"),
]
_PRONOUNS = {"il", "elle", "ils", "elles", "on", "he", "she", "they", "it", "we", "nous", "je", "i",
             "the", "le", "la", "les", "l", "un", "une", "a", "an", "this", "cette", "ce"}

QUOTE_RES = [
    re.compile(r"“([^”\n]{2,})”"),
    re.compile(r"«([^»\n]{2,})»"),
    re.compile(r'"([^"\n]{2,})"'),
    re.compile(r"„([^“”\n]{2,})[“”]"),
]


@dataclass
class Quote:
    start: int          # offset of the opening mark
    end: int            # offset after the closing mark
    speaker: str = ""
    alone_on_line: bool = False
    speaker_line: tuple[int, int] | None = None


def _clean_name(name: str | None) -> str:
    if not name:
        return ""
    name = name.strip(" ,.:;")
    if name.lower() in _PRONOUNS or name.split()[0].lower() in _PRONOUNS:
        return ""
    return name


def find_quotes(norm: str) -> list[Quote]:
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for rx in QUOTE_RES:
        for m in rx.finditer(norm):
            if len(m.group(1).split()) < 2:
                continue  # «bonjour»: a scare quote, not a quotation
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            quotes.append(Quote(m.start(), m.end()))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _line_bounds(norm: str, pos: int) -> tuple[int, int]:
    s = norm.rfind("\n", 0, pos) + 1
    e = norm.find("\n", pos)
    return s, (len(norm) if e < 0 else e)


def _next_line(norm: str, line_end: int) -> tuple[int, int] | None:
    pos = line_end
    while pos < len(norm):
        s = pos + 1
        e = norm.find("\n", s)
        e = len(norm) if e < 0 else e
        if norm[s:e].strip():
            return s, e
        pos = e
    return None


def _prev_line(norm: str, line_start: int) -> tuple[int, int] | None:
    e = line_start - 1
    while e > 0:
        s = norm.rfind("\n", 0, e) + 1
        if norm[s:e].strip():
            return s, e
        e = s - 1
    return None


def _search(patterns, text: str) -> str:
    for rx in patterns:
        m = rx.search(text)
        if m:
            name = _clean_name(m.group("name"))
            if name:
                return name
    return ""


def attribute_quotes(norm: str, lang: str) -> list[Quote]:
    quotes = find_quotes(norm)
    for q in quotes:
        ls, le = _line_bounds(norm, q.start)
        before = norm[ls : q.start]
        after = norm[q.end : le]
        q.alone_on_line = not re.search(r"\w", before) and not re.search(r"\w", after)
        q.speaker = _search(AFTER_PATTERNS.get(lang, []), after) if after.strip() else ""
        if not q.speaker and before.strip():
            q.speaker = _search(BEFORE_PATTERNS.get(lang, []), before)
        if not q.speaker and q.alone_on_line:
            nxt = _next_line(norm, le)
            if nxt:
                line = norm[nxt[0] : nxt[1]].strip()
                m = SPEAKER_LINE.match(line)
                # A caption, not prose: short and no sentence-ending period.
                if m and len(line.split()) <= 16 and not line.endswith((".", "?", "!", "»", "”")):
                    q.speaker = _clean_name(m.group("name"))
                    if q.speaker:
                        q.speaker_line = nxt
            if not q.speaker:
                prv = _prev_line(norm, ls)
                if prv:
                    line = norm[prv[0] : prv[1]].strip()
                    m = SPEAKER_LINE.match(line)
                    if m and line.endswith(":") and len(line.split()) <= 16:
                        q.speaker = _clean_name(m.group("name"))
                        q.speaker_line = prv
    return quotes


_SOURCE_CUE = re.compile(r"\b(?:selon|d'après|according to)\s+", re.I)


def inline_speaker(text: str, lang: str, entities=(), offset: int = 0) -> str:
    """Speaker of a sentence that reports speech without quotation marks.
    `entities` (dicts with offsets, sentence starting at `offset`) catch
    sources the name pattern cannot: "selon la Cour des comptes"."""
    name = _search(INLINE_FR if lang == "fr" else INLINE_EN, text)
    if name:
        # The pattern stops at lower-case words ("Cour des comptes"): prefer
        # the entity that starts with it.
        longer = [e["text"] for e in entities if e["text"].startswith(name) and len(e["text"]) > len(name)]
        return longer[0] if longer else name
    for m in _SOURCE_CUE.finditer(text):
        for e in entities:
            if e["label"] in ("PER", "ORG") and 0 <= e["start"] - offset - m.end() <= 4:
                return e["text"]
    # "selon la préfecture,", "d'après l'Assurance maladie.": an institution the NER does not know.
    m = _SOURCE_NP_FR.search(text) if lang == "fr" else None
    return m.group(1).strip() if m else ""


_SOURCE_NP_FR = re.compile(
    r"\b(?:[Ss]elon|[Dd]'après)\s+((?:la|le|les|l')\s*[\w'-]+(?:\s+(?:de\s+la|de\s+l'|de|du|des|d')?\s*[\w'-]+){0,3}?)"
    r"(?=\s*(?:[,.;:]|$))"
)
# "« … », a-t-il ajouté", "a-t-elle précisé", "he said": the speaker is the one named before.
PRONOUN_ATTRIBUTION = re.compile(
    r"^\s*[,.]?\s*(?:[a-zéèêûô]+-t-(?:il|elle)|(?:il|elle)\s+a\s+[a-zéèêûô]+|(?:he|she)\s+(?:said|added|says|told)|"
    r"said\s+(?:he|she))\b"
)
