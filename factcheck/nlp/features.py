"""Per-sentence features, computed while the Doc is alive.

Everything spaCy-specific happens here; the result is a plain `Sentence`
so article-level passes (quotes, speakers, subjects, scoring) run on plain
data after the Doc's memory zone is closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .modality import conditional_verbs, modality

FINAL_PUNCT_RE = re.compile(r"[.!?…:;][\s»”\"')\]]*$")
_EN_VERB_HINTS = {
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "did", "does", "do", "said", "says", "be", "been",
}


@dataclass
class Sentence:
    start: int                      # offsets in the original text
    end: int
    line: int
    text: str = ""                  # original[start:end]
    lang: str = "fr"
    entities: list = field(default_factory=list)   # dicts {text,label,start,end}
    n_words: int = 0
    has_verb: bool = False
    whole_line: bool = False        # the sentence is its line
    final_punct: bool = False
    modality: str = "asserted"
    hedge_cues: list = field(default_factory=list)
    modal_prediction: bool = False  # pouvoir/devoir in the conditional, "could", "will"
    future: bool = False
    past: bool = False
    has_number: bool = False
    event_hits: int = 0
    reporting: list = field(default_factory=list)
    causal: bool = False
    subjective: int = 0
    first_person: bool = False
    prediction_words: int = 0
    subject: tuple | None = None    # (text, start, end, is_pronoun)
    # filled by article-level passes
    quoted: bool = False
    speaker: str = ""
    speaker_line: bool = False
    headline: bool = False


def _ents(span, base: int) -> list[dict]:
    return [
        {"text": e.text, "label": e.label_, "start": base + e.start_char, "end": base + e.end_char}
        for e in span.ents
    ]


def analyse(span, lang: str, base: int, line: int, line_len: int, piece_start_in_line: bool) -> Sentence:
    """Features of sentence `span` (a spaCy Span of a piece Doc starting at `base`)."""
    text = span.text
    lstrip = len(text) - len(text.lstrip())
    rstrip = len(text) - len(text.rstrip())
    start = base + span.start_char + lstrip
    end = base + span.end_char - rstrip
    s = Sentence(start=start, end=end, line=line, lang=lang)
    stripped = text.strip()
    s.final_punct = bool(FINAL_PUNCT_RE.search(stripped))
    s.whole_line = piece_start_in_line and span.start == 0 and span.end == len(span.doc) and len(stripped) >= line_len - 1
    s.entities = _ents(span, base)
    words = [t for t in span if t.is_alpha or t.like_num]
    s.n_words = len(words)
    lowers = [t.lower_ for t in span]
    lowset = set(lowers)
    low = stripped.lower()

    s.modality, s.hedge_cues = modality(span, lang)
    s.subjective = sum(1 for w in lowers if w in lx.SUBJECTIVE[lang])
    s.first_person = bool(lowset & lx.FIRST_PERSON[lang])
    s.prediction_words = sum(1 for w in lowers if w in lx.PREDICTION_WORDS[lang])
    s.causal = any(p in low for p in lx.CAUSAL[lang])
    s.has_number = any(
        t.like_num and not (t.lower_ in ("un", "une", "one")) for t in span
    ) or bool(lowset & lx.QUANTITY_WORDS[lang] - {"pour", "cent"}) or "pour cent" in low

    if lang == "fr" and span.doc.has_annotation("POS"):
        _french_grammar(span, s, base)
    else:
        _english_surface(span, s, lowers)
    return s


def _french_grammar(span, s: Sentence, base: int) -> None:
    lemmas = [t.lemma_.lower() for t in span]
    s.has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    s.event_hits = sum(1 for l in lemmas if l in lx.EVENT_LEMMAS["fr"]) + sum(
        1 for t in span if t.lower_ in lx.EVENT_NOUNS["fr"]
    )
    s.reporting = [t.text for t in span if t.lemma_.lower() in lx.REPORTING_LEMMAS["fr"] and t.pos_ in ("VERB", "ADP")]
    for tok in span:
        tense = tok.morph.get("Tense")
        if tok.pos_ in ("VERB", "AUX") and "Fut" in tense:
            s.future = True
        # passé composé: avoir/être auxiliary + past participle
        if tok.dep_.startswith("aux") and tok.head.morph.get("VerbForm") == ["Part"]:
            s.past = True
        if tok.pos_ == "VERB" and "Past" in tense and "Fin" in tok.morph.get("VerbForm"):
            s.past = True
        if tok.lemma_ == "aller" and tok.head is not tok and tok.head.morph.get("VerbForm") == ["Inf"]:
            s.future = True
    # "pourrait/devrait + infinitive": speculation about what may happen.
    for tok in conditional_verbs(span):
        if tok.lemma_ in ("pouvoir", "devoir"):
            s.modal_prediction = True
    # Grammatical subject of the main verb, for subject resolution.
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    if root is not None:
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None:
            left = min(t.i for t in subj.subtree)
            right = max(t.i for t in subj.subtree) + 1
            sub = span.doc[left:right]
            s.subject = (sub.text, base + sub.start_char, base + sub.end_char, subj.pos_ == "PRON")


def _english_surface(span, s: Sentence, lowers: list[str]) -> None:
    s.has_verb = s.n_words >= 5 or any(
        w in _EN_VERB_HINTS or (len(w) > 4 and w.endswith("ed")) for w in lowers
    )
    s.event_hits = sum(1 for w in lowers if w in lx.EVENT_LEMMAS["en"] or w in lx.EVENT_NOUNS["en"])
    s.reporting = [t.text for t in span if t.lower_ in lx.REPORTING_LEMMAS["en"]]
    s.future = "will" in lowers or "going to" in span.text.lower()
    s.modal_prediction = any(w in ("could", "might", "may") for w in lowers)
    s.past = any(w in ("was", "were", "had", "did") or (len(w) > 4 and w.endswith("ed")) for w in lowers)
