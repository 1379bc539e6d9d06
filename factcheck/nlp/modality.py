"""Modality of a sentence: asserted, hedged or question.

French newsrooms hedge with the conditional ("Microsoft exercerait une
pression…" = unconfirmed report). The small French model tags most
conditionals as imperfect indicative, so we recognise the form ourselves:
conditional = future stem + imperfect ending, while the imperfect is the
bare stem + the same ending ("déclarerait" vs "déclarait").
"""

from __future__ import annotations

from .lexicon import HEDGE_PHRASES, HEDGE_WORDS

_COND_ENDINGS = ("raient", "rait", "rais", "rions", "riez")
# Irregular future stems (être → ser-, pouvoir → pourr-, …).
_IRREGULAR_STEMS = {
    "ser", "aur", "pourr", "devr", "fer", "ir", "viendr", "voudr", "saur", "faudr", "verr",
    "tiendr", "vaudr", "enverr", "courr", "mourr", "recevr", "obtiendr", "deviendr", "reviendr",
    "prévaudr", "conviendr", "parviendr", "maintiendr", "contiendr", "appartiendr", "retiendr",
    "apercevr", "percevr", "concevr", "décevr", "pleuvr", "assiér",
}


def is_conditional(form: str, lemma: str = "", morph_mood: str = "") -> bool:
    """True for a French conditional verb form."""
    if morph_mood == "Cnd":
        return True
    low = form.lower()
    for ending in _COND_ENDINGS:
        if low.endswith(ending):
            stem = low[: -len(ending) + 1]  # keep the r: "exercerait" → "exercer"
            break
    else:
        return False
    lemma = (lemma or "").lower()
    if stem in _IRREGULAR_STEMS:
        return True
    if lemma:
        if stem == lemma:                      # exercer → exercerait, finir → finirait
            return True
        if lemma.endswith("re") and stem == lemma[:-1]:   # prendre → prendrait
            return True
        if lemma.endswith("er") and stem == lemma[:-2]:   # déclarer → déclarait (imperfect)
            return False
    # No trustworthy lemma: -er/-ir future stems are a strong sign.
    return len(stem) > 3 and stem.endswith(("er", "ir"))


def conditional_verbs(span) -> list:
    """Verb/aux tokens of `span` in the conditional (French)."""
    out = []
    for tok in span:
        if tok.pos_ in ("VERB", "AUX") or (not tok.pos_ and tok.is_alpha):
            mood = tok.morph.get("Mood")
            if is_conditional(tok.text, tok.lemma_, mood[0] if mood else ""):
                out.append(tok)
    return out


# Dependencies that keep a verb in the clause that carries the sentence's
# assertion (an infinitive after "pourrait", a coordinated verb, auxiliaries).
_MAIN_DEPS = {"ROOT", "conj", "xcomp", "aux", "aux:tense", "aux:pass", "aux:caus", "cop", "parataxis"}


def in_main_clause(tok) -> bool:
    """False for verbs inside relative/adverbial/complement clauses, so
    "un élément sans lequel OpenAI pourrait…" leaves the main claim asserted."""
    if not tok.doc.has_annotation("DEP"):
        return True
    seen = 0
    while tok.dep_ != "ROOT" and seen < 50:
        if tok.dep_ not in _MAIN_DEPS:
            return False
        tok = tok.head
        seen += 1
    return True


def is_question(text: str) -> bool:
    return text.rstrip().rstrip("»”\"')]").rstrip().endswith("?")


def modality(span, lang: str, main_clause_only: bool = True) -> tuple[str, list[str]]:
    """(modality, cues) for a sentence span."""
    text = span.text
    if is_question(text):
        return "question", ["?"]
    cues: list[str] = []
    words = HEDGE_WORDS.get(lang, set())
    for tok in span:
        if tok.lower_ in words:
            cues.append(tok.text)
    low = text.lower()
    for phrase in HEDGE_PHRASES.get(lang, ()):
        if phrase in low:
            cues.append(phrase.strip())
    if lang == "fr":
        cues.extend(
            t.text for t in conditional_verbs(span) if not main_clause_only or in_main_clause(t)
        )
    return ("hedged" if cues else "asserted"), cues
