"""Making a claim's text self-contained.

A claim read alone in the review queue must say who did what:
  "En effet, le géant de Redmond fournit…" → "Microsoft fournit…"
  "Il a démissionné hier."                 → "Jean Dupont a démissionné hier."
  "Emmett Shear, successeur annoncé, …"    → "Emmett Shear, successeur annoncé (d’OpenAI), …"
Only obvious cases are rewritten; the supporting `sentence` and offsets are
never changed.
"""

from __future__ import annotations

import re

from . import lexicon as lx
from .gazetteer import EPITHETS

_APOS = "['’]"


_EPITHET_NAMES = dict(EPITHETS)
# One alternation for all epithets: this runs on every claim.
_EPITHET_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k).replace("'", _APOS) for k in sorted(_EPITHET_NAMES, key=len, reverse=True)) + r")\b",
    re.I,
)
_CONNECTIVE_RES = {
    lang: re.compile(
        r"^(?:" + "|".join(re.escape(c).replace("'", _APOS) for c in sorted(conns, key=len, reverse=True)) + r")\s*,\s*",
        re.I,
    )
    for lang, conns in lx.CONNECTIVES.items()
}
_QUOTE_CHARS = "“”«»\"„"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def strip_quotes(text: str) -> str:
    t = text.strip()
    if t[:1] in _QUOTE_CHARS:
        t = t[1:].lstrip()
    if t[-1:] in _QUOTE_CHARS:
        t = t[:-1].rstrip()
    return t


def strip_connective(text: str, lang: str) -> str:
    m = _CONNECTIVE_RES.get(lang, _CONNECTIVE_RES["fr"]).match(text)
    return _cap(text[m.end():]) if m else text


def replace_epithets(text: str) -> str:
    return _EPITHET_RE.sub(lambda m: _EPITHET_NAMES[m.group(0).lower().replace("’", "'")], text)


def _entities_before(sentences, i: int, labels: set[str], window: int = 4):
    """Entities of earlier sentences, nearest first."""
    for j in range(i - 1, max(-1, i - 1 - window), -1):
        for ent in reversed(sentences[j].entities):
            if ent["label"] in labels:
                yield ent["text"]


def topical_org(sentences, i: int, window: int = 3) -> str:
    """The organisation the neighbourhood of sentence i talks about:
    proximity-weighted mention counts (a section headline counts too)."""
    scores: dict[str, float] = {}
    order: dict[str, int] = {}
    for j in range(max(0, i - window), min(len(sentences), i + window + 1)):
        if j == i:
            continue
        for ent in sentences[j].entities:
            if ent["label"] == "ORG":
                scores[ent["text"]] = scores.get(ent["text"], 0.0) + 1.0 / abs(i - j)
                order.setdefault(ent["text"], j)
    if not scores:
        return ""
    return max(scores, key=lambda k: (scores[k], -abs(order[k] - i)))


def _role_re(lang: str) -> re.Pattern:
    roles = "|".join(re.escape(r) for r in sorted(lx.ROLE_NOUNS[lang], key=len, reverse=True))
    quals = "|".join(re.escape(q) for q in sorted(lx.ROLE_QUALIFIERS[lang], key=len, reverse=True))
    if lang == "fr":
        follow = r"(?!\s+(?:de|d['’]|du|des|chez|à\s+la\s+tête)\b|\s*d['’])"
    else:
        follow = r"(?!\s+(?:of|at|to|for)\b|['’]s\b)"
    return re.compile(rf"\b(?:{roles})(?:\s+(?:{quals}))?\b{follow}", re.I)


_ROLE_RES = {lang: _role_re(lang) for lang in lx.ROLE_NOUNS}


def _of_org(org: str, lang: str, apostrophe: str) -> str:
    if lang == "fr":
        return f"d{apostrophe}{org}" if org[:1].lower() in "aeiouyéèêhœ" else f"de {org}"
    return org


_IMPERSONAL_FR = re.compile(
    r"^il\s+(?:s['’]agit|s['’]agissait|y\s|n['’]y\s|faut|fallait|faudra|semble|semblait|paraît|paraissait|"
    r"suffit|convient|reste|restait|manque|vaut|importe|arrive|pleut|existe|"
    r"(?:est|était|sera|serait)\s+(?:\w+\s+){0,2}?\w+\s+(?:de|d['’]|que|qu['’]))",
    re.I,
)
_IMPERSONAL_EN = re.compile(r"^it\s+(?:is|was|seems|appears|remains)\s+(?:\w+\s+){0,2}?(?:that|to)\b", re.I)


def impersonal(s, text: str, lang: str) -> bool:
    """Impersonal il/it (il s'agit, il y a, il faut, il semble, it is likely
    that…) names no one: there is nobody to put in its place."""
    if getattr(s, "impersonal", False):
        return True
    return bool((_IMPERSONAL_FR if lang == "fr" else _IMPERSONAL_EN).match(text.strip()))


_EN_VERBISH = re.compile(r"^(?:is|was|has|had|will|said|says|\w+ed|\w+s)\b")


def _bare_generic_subject(s, low: str, generic: str, lang: str) -> bool:
    if lang == "fr" and s.subject is not None:
        return " ".join(s.subject[0].lower().replace("’", "'").split()) == generic
    rest = low[len(generic):].lstrip()
    if lang == "fr":
        nxt = rest.split(maxsplit=1)[:1]
        return bool(nxt) and nxt[0] in s.verbs
    return bool(_EN_VERBISH.match(rest))


def resolve(sentences, i: int, text: str, lang: str, apostrophe: str = "'") -> tuple[str, bool]:
    """(claim text, subject resolved?) for sentence i of the article (`text`
    is its original text)."""
    s = sentences[i]
    out = strip_connective(text, lang)
    replaced = replace_epithets(out)
    resolved = replaced != out
    out = replaced
    first = out.split(maxsplit=1)
    # Pronoun subject opening the sentence → nearest earlier entity.
    if first:
        word = first[0].lower()
        kind = lx.SUBJECT_PRONOUNS.get(lang, {}).get(word)
        is_subject = s.subject is None or s.subject[3] or lang != "fr"
        if kind and is_subject and len(first) > 1 and not impersonal(s, out, lang):
            # "Il"/"Elle": a person named just before, else an organisation.
            kinds = ("PER", "ORG") if kind == "any" else (kind,)
            name = next((n for k in kinds for n in _entities_before(sentences, i, {k})), "")
            if name:
                out, resolved = name + " " + first[1], True
    # "L'entreprise annonce…" → the organisation being discussed.
    low = out.lower().replace("’", "'")
    for generic in lx.GENERIC_ORG_SUBJECTS.get(lang, ()):
        # Only the bare phrase as subject: "Le groupe ferroviaire" is not "SNCF ferroviaire".
        if low.startswith(generic + " ") and _bare_generic_subject(s, low, generic, lang):
            org = next(_entities_before(sentences, i, {"ORG"}, window=3), "")
            if org:
                out, resolved = org + out[len(generic):], True
            break
    # A role with no organisation ("successeur annoncé") and none in the sentence.
    labels = {e["label"] for e in s.entities}
    if "ORG" not in labels and "PER" in labels:
        m = _ROLE_RES[lang].search(out)
        if m:
            org = topical_org(sentences, i)
            if org and org not in out:
                out = out[: m.end()] + f" {_of_org(org, lang, apostrophe)}" + out[m.end():]
                resolved = True
    return out, resolved
