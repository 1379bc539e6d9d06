"""Modality helpers: French conditional forms, main-clause test, questions.

`features.analyse` combines them with the hedge word lists (lexicon.py):
question if the sentence ends with "?", hedged if a hedge word/phrase or a
main-clause conditional is present, asserted otherwise.

French newsrooms hedge with the conditional ("Microsoft exercerait une
pression…" = unconfirmed report). The small French model tags most
conditionals as imperfect indicative, so we recognise the form ourselves:
conditional = future stem + imperfect ending, while the imperfect is the
bare stem + the same ending ("déclarerait" vs "déclarait").
"""

from __future__ import annotations


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


# Dependencies that keep a verb in the clause that carries the sentence's
# assertion (an infinitive after "pourrait", a coordinated verb, auxiliaries).
_MAIN_DEPS = {"ROOT", "conj", "xcomp", "aux", "aux:tense", "aux:pass", "aux:caus", "cop", "parataxis"}


def in_main_clause(tok, head=None) -> bool:
    """False for verbs inside relative/adverbial/complement clauses, so
    "un élément sans lequel OpenAI pourrait…" leaves the main claim asserted.
    With `head` (a clause's head token, clauses.py), the walk stops there:
    "pourrait" is the main verb of its own relative clause."""
    if not tok.doc.has_annotation("DEP"):
        return True
    seen = 0
    while tok.dep_ != "ROOT" and seen < 50:
        if head is not None and tok.i == head.i:
            return True
        if tok.dep_ not in _MAIN_DEPS:
            return False
        tok = tok.head
        seen += 1
    return True


_OPEN_MARKS, _CLOSE_MARKS = {"«", "“", '"'}, {"»", "”", '"'}


def quoted_root(tok):
    """The token heading the quotation `tok` sits in ("« Nous pourrions devoir réduire… »,
    a-t-elle averti"), or None when `tok` is not inside quotation marks. A quotation's own
    main verb decides its modality, whatever the reporting verb around it."""
    doc = tok.doc
    sent = tok.sent
    depth, opened = 0, None
    for t in sent:
        if t.i >= tok.i:
            break
        if t.text in _OPEN_MARKS and (t.text != '"' or depth == 0):
            depth, opened = 1, t.i
        elif t.text in _CLOSE_MARKS and depth:
            depth, opened = 0, None
    if opened is None:
        return None
    close = next((t.i for t in doc[tok.i : sent.end] if t.text in _CLOSE_MARKS), sent.end)
    inside = range(opened + 1, close)
    top, seen = tok, 0
    while top.head.i in inside and top.head is not top and seen < 50:
        top, seen = top.head, seen + 1
    return top


def is_question(text: str) -> bool:
    return text.rstrip().rstrip("»”\"')]").rstrip().endswith("?")
