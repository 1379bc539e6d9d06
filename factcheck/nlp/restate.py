"""`normalized`: a self-contained restatement of a claim, when one helps.

The claim's `text` is always the article's own words. When those words lean
on their context ("Il a promis…", "Le géant de Redmond…", "qui emploie
150 000 personnes", "a supprimé 40 postes" after "La ville a fermé…"), the
restatement names who or what it is about. Never inside a quotation, never
for impersonal il/it, and empty unless the restatement is a plain sentence
(a name or noun phrase put in the subject's place, nothing else rewritten).
"""

from __future__ import annotations

from .subjects import impersonal, resolve


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def restate(sents, i: int, orig: str, norm: str, lang: str, apostrophe: str) -> tuple[str, bool]:
    """(normalized, subject resolved?) for clause i; "" when none."""
    s = sents[i]
    if s.quoted or s.modality == "question":
        return "", False
    text = orig[s.start : s.end]
    if "<" in text and ">" in text:
        return "", False  # markup inside the span: no clean sentence to build on
    if lang == "en" and s.kind == "relcl":
        # "Carver Motors, which employs…": the antecedent opens the sentence, just before the comma.
        before = orig[s.sent_start : s.start].rstrip()
        words = text.split(maxsplit=1)
        if (before.endswith(",") and 0 < len(before[:-1].split()) <= 5 and "," not in before[:-1]
                and len(words) == 2 and words[0].lower() in ("which", "who")):
            return f"{before[:-1].strip()} {words[1]}", True
        return "", False
    if s.kind in ("relcl", "conj") and s.missing_subject:
        words = text.split(maxsplit=1)
        if s.kind == "relcl":
            if len(words) < 2 or words[0].lower() != "qui":
                return "", False
            rest = words[1]
        else:
            rest = text
        return f"{_cap(s.missing_subject)} {rest}", True
    if s.kind != "main" or impersonal(s, text, lang):
        return "", False
    out, resolved = resolve(sents, i, text, lang, apostrophe)
    if not resolved or out == text:
        return "", resolved
    return out, resolved
