"""Per-sentence features, computed while the Doc is alive.

Everything spaCy-specific happens here; the result is a plain `Sentence`
so article-level passes (quotes, speakers, subjects, scoring) run on plain
data after the Doc's memory zone is closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .lexicon import HEDGE_PHRASES, HEDGE_WORDS
from .clauses import Clause, split_clauses, split_clauses_surface
from .modality import in_main_clause, is_conditional, is_question, quoted_root

_YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
_CAUSAL_RES = {
    lang: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p.strip()) for p in phrases) + r")(?!\w)")
    for lang, phrases in lx.CAUSAL.items()
}
_TIMES_RE = re.compile(
    r"\b(?:deux|trois|quatre|cinq|six|dix|cent|mille|two|three|four|five|ten|hundred)\s+(?:fois|times)\b"
)
FINAL_PUNCT_RE = re.compile(r"[.!?…:;][\s»”\"')\]]*$")
_EN_VERB_HINTS = {
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "did", "does", "do", "said", "says", "be", "been",
}


@dataclass
class Sentence:
    start: int                      # offsets in the original text: the claim's own words
    end: int
    line: int
    sent_start: int = 0             # the whole sentence around the clause
    sent_end: int = 0
    kind: str = "main"              # main, conj, relcl, advcl (clauses.py)
    clause_head: int = -1           # token index of the clause's head in its Doc
    words: list = field(default_factory=list)  # lower-cased tokens (check-worthiness model)
    impersonal: bool = False        # "il s'agit", "il faut": no one to name
    verbs: set = field(default_factory=set)    # lower-cased verb forms (French)
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
    has_date: bool = False
    event_hits: int = 0
    strong_event: bool = False      # hire, appointment, departure, takeover
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
    quote_span: tuple | None = None
    resolved_subject: bool = False
    normalized: str = ""
    missing_subject: str = ""       # for a relative or coordinated clause without its own subject
    model_p: float = 0.0
    hand_score: float = 0.0
    claim_type: str = ""
    score: float = 0.0
    diversity: float = 1.0          # distinct tokens / tokens: junk and repetition score low


def _ents(span, base: int) -> list[dict]:
    out = []
    for e in span.ents:
        # Stripped HTML leaves runs of spaces the NER may swallow: trim them.
        text = e.text
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        if not text.strip():
            continue
        out.append({
            "text": text.strip(), "label": e.label_,
            "start": base + e.start_char + lead, "end": base + e.end_char - trail,
            "gazetteer": e.ent_id_ == "gazetteer", "_i": e.start,
        })
    return out


def analyse(span, lang: str, base: int, line: int) -> list[Sentence]:
    """Features of sentence `span` (a spaCy Span of a piece Doc starting at
    `base`), one `Sentence` per checkable clause (see clauses.py); a sentence
    that is not split gives a list of one."""
    text = span.text
    lstrip = len(text) - len(text.lstrip())
    rstrip = len(text) - len(text.rstrip())
    sent_start, sent_end = base + span.start_char + lstrip, base + span.end_char - rstrip
    stripped = text.strip()
    question = is_question(stripped)
    final_punct = bool(FINAL_PUNCT_RE.search(stripped))
    parsed = lang == "fr" and span.doc.has_annotation("DEP")
    parts = split_clauses(span) if parsed else split_clauses_surface(span) if lang == "en" else [Clause(None, list(span), "main")]
    out = []
    for part in parts:
        s = _features(span, part, lang, base, line, question)
        s.sent_start, s.sent_end, s.final_punct = sent_start, sent_end, final_punct
        if len(parts) == 1:
            s.start, s.end = sent_start, sent_end
        out.append(s)
    if len(out) > 1:
        # "Selon X, A a fait ceci et B cela": the source covers the coordinated clauses too.
        main = out[0]
        sourced = {c.lower() for c in main.hedge_cues} & SOURCE_CUES
        for s in out[1:]:
            if s.kind == "conj" and sourced and s.modality == "asserted":
                s.modality, s.hedge_cues = "hedged", s.hedge_cues + sorted(sourced)
    return out


SOURCE_CUES = {"selon", "d'après", "according to"}


def _features(span, part: "Clause", lang: str, base: int, line: int, question: bool) -> Sentence:
    toks = part.tokens
    first, last = toks[0], toks[-1]
    s = Sentence(start=base + first.idx, end=base + last.idx + len(last.text), line=line, lang=lang)
    s.kind = part.kind
    s.clause_head = part.head.i if part.head is not None else -1
    text = "".join(t.text_with_ws for t in toks)
    stripped = text.strip()
    low = stripped.lower()
    own = {t.i for t in toks}
    s.entities = [e for e in _ents(span, base) if e["_i"] in own] if part.head is not None else _ents(span, base)
    for e in s.entities:
        e.pop("_i", None)

    lowers = []
    n_words = 0
    for t in toks:
        lowers.append(t.lower_)
        if t.is_alpha or t.like_num:
            n_words += 1
    s.words = lowers
    s.n_words = n_words
    lowset = set(lowers)
    s.diversity = len(lowset) / len(lowers) if lowers else 0.0
    s.subjective = sum(1 for w in lowers if w in lx.SUBJECTIVE[lang])
    s.first_person = bool(lowset & lx.FIRST_PERSON[lang])
    s.prediction_words = sum(1 for w in lowers if w in lx.PREDICTION_WORDS[lang])
    s.causal = bool(_CAUSAL_RES[lang].search(low))
    # Digits (not years) and amount words make a quantity; "deux figures" does not.
    for m in _DIGITS_RE.finditer(stripped):
        if _YEAR_RE.match(m.group(0)):
            s.has_date = True
        else:
            s.has_number = True
    if lowset & lx.QUANTITY_WORDS[lang] or "pour cent" in low or _TIMES_RE.search(low):
        s.has_number = True
    if lowset & (lx.MONTHS[lang] - {"may", "march"}):
        s.has_date = True

    if question:
        s.modality, s.hedge_cues = "question", ["?"]
    else:
        cues = [t.text for t, w in zip(toks, lowers) if w in HEDGE_WORDS[lang]]
        if lang == "en" and cues:
            cues = [c for c in cues if not _reported_would(c, lowers)]
        cues += [p.strip() for p in HEDGE_PHRASES[lang] if p in low]
        s.hedge_cues = cues
    if lang == "fr" and span.doc.has_annotation("POS"):
        _french_grammar(toks, lowers, s, base, part.head)
    else:
        _english_surface(toks, lowers, s)
        if part.kind == "relcl":
            s.has_verb = True  # ", which employs 4,000 people": a relative pronoun brings its verb
    if s.modality != "question":
        s.modality = "hedged" if s.hedge_cues else "asserted"
    if part.head is not None and part.kind != "main":
        s.missing_subject = _missing_subject(part)
    return s


_EN_REPORTING = {"said", "says", "told", "announced", "confirmed", "added", "stated", "promised", "warned"}


def _reported_would(cue: str, lowers: list) -> bool:
    """"Carver said it would close the plant": "would" is the future of reported
    speech, not a hedge, when a reporting verb comes just before it."""
    if cue.lower() != "would":
        return False
    i = lowers.index("would")
    return any(w in _EN_REPORTING for w in lowers[max(0, i - 5) : i])


def _phrase(tokens) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _missing_subject(part) -> str:
    """What a clause without its own subject is about, for its restatement:
    the antecedent of "qui" ("Le groupe ferroviaire, qui emploie…"), or the
    subject shared by coordinated verbs ("La ville a fermé… et a supprimé…")."""
    head = part.head
    kids = list(head.children)
    if part.kind == "relcl":
        if not any(c.dep_ == "nsubj" and c.lower_ == "qui" for c in kids):
            return ""
        noun, first = head.head, part.tokens[0].i
        words = [t for t in noun.subtree if t.i < first]
        while words and words[-1].is_punct:
            words.pop()
        # "Ainsi, à Mira Murati, qui…": the preposition and the adverb are not the subject.
        while words and (words[0].dep_ in ("case", "advmod", "cc", "mark", "punct")
                         or words[0].pos_ in ("ADP", "ADV", "CCONJ", "SCONJ")):
            words.pop(0)
        if not words or any(t.is_punct for t in words) or not span_gap_ok(noun.doc, words[-1].i, first):
            return ""
        # "les dessous d'une manœuvre qui pourrait…": a misattached antecedent shows in the agreement.
        verb = next((c for c in kids if c.dep_.startswith("aux")), head)
        if noun.morph.get("Number") and verb.morph.get("Number") and noun.morph.get("Number") != verb.morph.get("Number"):
            return ""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return ""
        return _phrase(words)
    if part.kind == "conj" and not any(c.dep_.startswith("nsubj") or c.dep_ == "expl:subj" for c in kids):
        top = head.head
        subj = next((c for c in top.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is None or subj.pos_ == "PRON":
            return ""
        words = []
        for t in subj.subtree:
            if t.is_punct:
                break
            words.append(t)
        return _phrase(words)
    return ""


def span_gap_ok(doc, last: int, first: int) -> bool:
    """Only punctuation between the antecedent and the relative pronoun."""
    return all(doc[i].is_punct for i in range(last + 1, first))


def _french_grammar(toks, lowers, s: Sentence, base: int, head=None) -> None:
    events, nouns, reporting = lx.EVENT_LEMMAS["fr"], lx.EVENT_NOUNS["fr"], lx.REPORTING_LEMMAS["fr"]
    strong = lx.STRONG_EVENTS["fr"]
    root = None
    quotes = any(w in ("«", "“", '"') for w in lowers)
    for tok, lower in zip(toks, lowers):
        pos = tok.pos_
        lemma = tok.lemma_.lower()
        if lemma in events or lower in nouns:
            s.event_hits += 1
            if lemma in strong or lower in strong:
                s.strong_event = True
        if tok.dep_ == "ROOT" or (head is not None and tok.i == head.i):
            root = tok
        if pos not in ("VERB", "AUX", "ADP"):
            continue
        if pos == "ADP":
            if lemma in reporting:
                s.reporting.append(tok.text)
            continue
        s.has_verb = True
        s.verbs.add(lower)
        if lemma in reporting:
            s.reporting.append(tok.text)
        morph = tok.morph.to_dict()
        tense, form = morph.get("Tense", ""), morph.get("VerbForm", "")
        main = None  # computed lazily: walks up the tree
        if is_conditional(tok.text, lemma, morph.get("Mood", "")):
            main = in_main_clause(tok, head)
            if not main and quotes:
                top = quoted_root(tok)
                main = top is not None and in_main_clause(tok, top)
            if main:
                s.hedge_cues.append(tok.text)
                # "pourrait/devrait + infinitive": speculation about what may happen.
                if lemma in ("pouvoir", "devoir"):
                    s.modal_prediction = True
        elif tense == "Fut" and (main if main is not None else in_main_clause(tok, head)):
            s.future = True
        # passé composé: avoir/être auxiliary + past participle
        if tok.dep_.startswith("aux") and tok.head.morph.get("VerbForm") == ["Part"]:
            s.past = True
        elif pos == "VERB" and tense == "Past" and form == "Fin":
            s.past = True
        elif lemma == "aller" and tok.head is not tok and tok.head.morph.get("VerbForm") == ["Inf"]:
            s.future = True
    # Grammatical subject of the main verb, for subject resolution.
    if root is not None:
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")), None)
        s.impersonal = subj is not None and subj.dep_ == "expl:subj"
        if subj is not None:
            sub = subj.doc[subj.left_edge.i : subj.right_edge.i + 1]
            s.subject = (sub.text, base + sub.start_char, base + sub.end_char, subj.pos_ == "PRON")


def _english_surface(toks, lowers, s: Sentence) -> None:
    s.has_verb = s.n_words >= 5 or any(
        w in _EN_VERB_HINTS or (len(w) > 4 and w.endswith("ed")) for w in lowers
    )
    s.event_hits = sum(1 for w in lowers if w in lx.EVENT_LEMMAS["en"] or w in lx.EVENT_NOUNS["en"])
    s.strong_event = any(w in lx.STRONG_EVENTS["en"] for w in lowers)
    s.reporting = [t.text for t, w in zip(toks, lowers) if w in lx.REPORTING_LEMMAS["en"]]
    s.future = "will" in lowers or " going to " in " ".join(lowers)
    s.modal_prediction = any(w in ("could", "might", "may") for w in lowers)
    s.past = any(w in ("was", "were", "had", "did") or (len(w) > 4 and w.endswith("ed")) for w in lowers)
