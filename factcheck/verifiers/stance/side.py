"""What the stance judge reads in one text (`Side`): content lemmas, negation and its scope, denials,
quantifiers, names, dates, numbers, causes, hedges. Computed once per text from spaCy's tokens,
lemmas and part-of-speech tags; comparing two sides (features.py) is set arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.verifiers.text import fold, quantities

from . import lexicon as lx

_DATE = re.compile(
    r"(?<!\w)(1er|\d{1,2}) (" + "|".join(lx.MONTHS) + r")(?: (\d{4}))?(?!\w)"
    r"|(?<!\w)(" + "|".join(lx.MONTHS) + r") (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?(?!\w)"
)
_MONTH_YEAR = re.compile(r"(?<!\w)(" + "|".join(lx.MONTHS) + r") (\d{4})(?!\d)")
_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d|21\d\d)(?!\d|[,.]\d|\s?%)")
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u202f\u00a0.]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(millions?|milliards?|billions?|mille|thousand|md|bn))?(?:\s?(%|pour cent|percent|per cent))?"
)


_UNIT_AFTER = re.compile(r"\s+([^\W\d_]{2,})")


def _with_unit(text: str, written: str) -> str:
    """'3 200' → '3 200 tonnes' when the original text names what is counted right after it."""
    at = text.find(written)
    if at < 0:
        return written
    m = _UNIT_AFTER.match(text, at + len(written))
    if m and fold(m.group(1)) not in lx.UNIT_STOP:
        return f"{written} {m.group(1)}"
    return written


def _number(raw: str) -> float | None:
    raw = raw.replace("\u202f", " ").replace("\u00a0", " ")
    try:
        if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", raw):
            return float(re.sub(r"[ .]", "", raw).replace(",", "."))
        return float(raw.replace(",", "."))
    except ValueError:
        return None


@dataclass
class Side:
    """One text as the judge sees it."""

    text: str
    lemmas: frozenset            # content lemmas (folded)
    by_pos: dict                 # lemma → part of speech (NOUN, VERB, ADJ, PROPN, NUM)
    context: dict                # lemma → (previous word, next word), for substitutions
    names: dict                  # folded name → name as written
    name_kind: dict              # folded name → "place" | "person" | "name"
    negations: int
    denials: list
    quantifiers: dict            # "universal" | "none" | "partial" → word as written
    numbers: dict                # value → text as written (dates and years left out)
    percents: dict
    dates: dict                  # (day, month) or (month, year) → text
    years: dict
    months: dict                 # month number → word as written
    weekdays: dict               # day name → word as written
    hedged: bool
    negated: frozenset           # content lemmas in the scope of a negation
    rebuttals: int               # "bien", "en réalité", "contrairement" …: how fact-checks correct
    direction: dict              # "up" | "down" → word as written
    causes: dict                 # lemma after a cause marker → word as written
    words: dict = field(default_factory=dict)   # lemma → first word as written
    vector: object = None
    contrasts: int = 0           # "et non", "and not": one thing set against another, no denial
    reporting: int = 0           # someone else's assertion relayed: affirme, publication, partagée


def _name_spans(tokens):
    """Runs of proper nouns (and capitalised nouns the tagger missed), with the word before."""
    spans, current = [], []
    for i, tok in enumerate(tokens):
        capital = tok.text[:1].isupper() and not tok.is_stop
        starts = i == 0 or tokens[i - 1].text in ".!?\n"
        proper = tok.pos_ == "PROPN" or (
            capital and tok.pos_ not in ("DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PUNCT") and not starts
        ) or (capital and starts and i + 1 < len(tokens) and tokens[i + 1].pos_ == "PROPN")
        if proper and tok.text[:1].isalpha() and len(tok.text) > 1 and not any(q in tok.text for q in "'’"):
            current.append(tok)
        elif current:
            spans.append(current)
            current = []
    if current:
        spans.append(current)
    return spans


def side_of(doc, lang: str) -> Side:
    text = doc.text
    folded = fold(text)
    tokens = list(doc)
    english = lang == "en" or not any(t.pos_ for t in tokens)

    lemmas, by_pos, context, words = set(), {}, {}, {}
    causes = {}
    negations = 0
    last_ne, negword_since_ne = -99, False
    denials, quant = [], {}
    restrictive = 0
    negated, pending, rebuttals, last_alone = set(), False, 0, -99
    ne_negated = None
    direction = {}
    hedged = False
    contrasts = reporting = 0
    content_seq, pending_cause = [], False
    for i, tok in enumerate(tokens):
        low = fold(tok.text)
        lemma = fold(tok.lemma_) if (tok.lemma_ and not english) else _en_lemma(low)
        if lemma.startswith("non-") and len(lemma) > 5:
            lemma = lemma[4:]
        pos = tok.pos_
        # negation: one per clause ("aucun … ne", "ni … ni … ne" and "ne … pas" count once)
        if not english:
            if low in lx.NEGATION_FR_NE and i + 1 < len(tokens) and fold(tokens[i + 1].lemma_) == "cesser":
                pass   # "ne cesse de …" says it goes on
            elif low in lx.NEGATION_FR_NE:
                if i - last_alone > 8:
                    negations += 1
                last_ne, negword_since_ne = i, False
                pending = True
            elif low in lx.NEGATION_FR_AFTER_NE and i - last_ne <= 6:
                negword_since_ne = True
            elif low.startswith("non-") and len(low) > 5:
                # "non-vaccinés" names a group; it does not deny the sentence
                negated.add(lemma)
            elif low in lx.NEGATION_FR_ALONE and i - last_ne > 6:
                if low == "non" and i + 1 < len(tokens) and fold(tokens[i + 1].text) == "seulement":
                    pass
                elif low == "non" and _contrastive_non(tokens, i):
                    contrasts += 1   # "X, et non Y" / "vaccinés ou non": sets two things apart, denies nothing
                elif i - last_alone > 8:
                    negations += 1
                    last_alone = i
                    pending = True
                else:
                    last_alone = i
        if lemma in lx.NEGATIVE_WORDS or low in lx.NEGATIVE_WORDS:
            negations += 1
        if low in lx.REPORTING or lemma in lx.REPORTING:
            reporting += 1
        if english and low == "not" and i > 0 and fold(tokens[i - 1].text) in ("and", "or", ","):
            contrasts += 1   # "the states, and not the CDC"
        elif english and (low in lx.NEGATION_EN or low.endswith("n't")):
            if not (low == "not" and i + 1 < len(tokens) and fold(tokens[i + 1].text) in ("only", "just")):
                negations += 1
                pending = True
        if tok.is_punct and low not in ("'", "’", "-"):
            pending = False
        if tok.text.lower() in lx.REBUTTALS:
            rebuttals += 1
        steady = i > 0 and fold(tokens[i - 1].text) == "en" and i > 2 and fold(tokens[i - 2].text) == "plus"
        if steady:
            pass   # "de plus en plus": the first "plus" already counted
        elif not (low == "plus" and i - last_ne <= 6):
            if lemma in lx.INCREASE or low in lx.INCREASE:
                direction.setdefault("up", tok.text)
            elif lemma in lx.DECREASE or low in lx.DECREASE:
                direction.setdefault("down", tok.text)
        if low in lx.DENIAL or lemma in lx.DENIAL:
            denials.append(tok.text)
        if low in lx.HEDGES or lemma in lx.HEDGES or "Mood=Cnd" in str(tok.morph):
            hedged = True
        for kind, vocab in (("universal", lx.UNIVERSAL), ("none", lx.NONE), ("partial", lx.PARTIAL)):
            if low in vocab:
                quant.setdefault(kind, tok.text)
        if low in ("que", "qu'") and not english and 0 < i - last_ne <= 10 and not negword_since_ne:
            quant.setdefault("partial", "ne … que")
            restrictive += 1
            negated.discard(ne_negated)   # "n'est obligatoire que pour …" keeps it obligatory
        if not english and pos in ("PRON", "DET", "ADP", "X", "") and tok.is_alpha and not tok.is_stop and len(low) > 2:
            pos = "NOUN"   # the small model tags some nouns as pronouns ("blé"): a word no stop list knows is content
        is_content = (
            (pos in ("NOUN", "VERB", "ADJ", "PROPN", "NUM", "ADV") or (english and tok.is_alpha))
            and len(low) > 1
            and not (english and low in lx.EN_STOPWORDS)
            and not (pos == "ADV" and tok.is_stop)
            and lemma not in ("etre", "avoir", "faire", "ne", "pas", "plus", "tres", "bien", "aussi")
        )
        if is_content:
            # the negation's scope: its first verb, adjective or noun ("n'a pas été conçu" → concevoir)
            if pending and pos in ("VERB", "ADJ", "NOUN", "") and low not in lx.NEGATION_FR_AFTER_NE:
                negated.add(lemma)
                if i - last_ne <= 6:
                    ne_negated = lemma
                pending = False
            lemmas.add(lemma)
            by_pos.setdefault(lemma, pos or "X")
            words.setdefault(lemma, tok.text)
            content_seq.append(lemma)
            # a cause: the first noun or verb after "à cause de", "en raison de", "dû à", "because of",
            # or right after "pour"/"for" without an article ("suspendu pour dopage")
            if pending_cause and (pos in ("NOUN", "PROPN", "VERB") or english) and lemma not in lx.CAUSE_MARKERS:
                causes.setdefault(lemma, tok.text)
                pending_cause = False
        raw = tok.text.lower()
        if lemma in lx.CAUSE_MARKERS or low in lx.CAUSE_MARKERS or raw in ("dû", "due", "dus", "dues"):
            pending_cause = True
        elif low in ("pour", "for") and i + 1 < len(tokens) and tokens[i + 1].pos_ in ("NOUN", "VERB", "AUX", ""):
            pending_cause = not english or fold(tokens[i + 1].text) not in lx.EN_STOPWORDS
        elif tok.is_punct:
            pending_cause = False
    # substitutions are found between words in the same slot: the content words around them
    for k, lemma in enumerate(content_seq):
        context.setdefault(lemma, (content_seq[k - 1] if k else "", content_seq[k + 1] if k + 1 < len(content_seq) else ""))
    # "ne … que" restricts rather than negates.
    negations -= restrictive

    names, name_kind = _names(tokens)
    dates, date_spans, years, months, weekdays = _dates(folded, tokens)
    numbers, percents = _numbers(doc, folded, date_spans, english)

    vector = None
    if doc.tensor is not None and getattr(doc.tensor, "size", 0):
        vector = doc.tensor.mean(axis=0)
    return Side(
        text=text, lemmas=frozenset(lemmas), by_pos=by_pos, context=context, names=names,
        name_kind=name_kind, negations=max(negations, 0), denials=denials, quantifiers=quant,
        numbers=numbers, percents=percents, dates=dates, years=years, months=months, weekdays=weekdays,
        hedged=hedged, causes=causes,
        negated=frozenset(negated), rebuttals=rebuttals, direction=direction,
        words=words, vector=vector, contrasts=contrasts, reporting=reporting,
    )


def _contrastive_non(tokens, i: int) -> bool:
    """'et non', 'ou non', 'mais non', ', non pas', 'non pas': a contrast between two things."""
    before = fold(tokens[i - 1].text) if i > 0 else ""
    after = fold(tokens[i + 1].text) if i + 1 < len(tokens) else ""
    return before in ("et", "ou", "mais", ",") or after == "pas"


def _names(tokens) -> tuple[dict, dict]:
    """Names as written and their kind: a place after "à/en/in", a person before a verb or after a title."""
    names, name_kind = {}, {}
    for span in _name_spans(tokens):
        written = " ".join(t.text for t in span)
        key = fold(written)
        if key in lx.MONTHS or key in lx.WEEKDAYS or len(key) < 2:
            continue
        before = fold(tokens[span[0].i - 1].text) if span[0].i > 0 else ""
        after = tokens[span[-1].i + 1] if span[-1].i + 1 < len(tokens) else None
        if before in lx.PLACE_PREPOSITIONS:
            kind = "place"
        elif len(span) >= 2 and after is not None and after.pos_ in ("VERB", "AUX"):
            kind = "person"
        elif before in ("m", "mme", "mr", "mrs", "ms", "dr", "president", "ministre", "juge", "minister", "judge"):
            kind = "person"
        else:
            kind = "name"
        names[key] = written
        name_kind[key] = kind

    return names, name_kind


def _dates(folded: str, tokens):
    """Days with their month, months with their year, years, months and weekdays named alone."""
    dates, date_spans = {}, []
    for m in _DATE.finditer(folded):
        if m.group(1):
            day = 1 if m.group(1) == "1er" else int(m.group(1))
            month = lx.MONTHS[m.group(2)]
        else:
            day, month = int(m.group(5)), lx.MONTHS[m.group(4)]
        if 1 <= day <= 31:
            dates[(day, month)] = m.group(0)
            date_spans.append(m.span())
    for m in _MONTH_YEAR.finditer(folded):
        dates.setdefault((lx.MONTHS[m.group(1)], int(m.group(2))), m.group(0))
    years = {int(m.group(1)): m.group(1) for m in _YEAR.finditer(folded)}
    months, weekdays = {}, {}
    for tok in tokens:
        low = fold(tok.text)
        # English "may" is a month only with its capital
        if low in lx.MONTHS and (low != "may" or tok.text == "May"):
            months.setdefault(lx.MONTHS[low], tok.text)
        elif low in lx.WEEKDAYS:
            weekdays.setdefault(low, tok.text)
    return dates, date_spans, years, months, weekdays


def _numbers(doc, folded: str, date_spans, english: bool) -> tuple[dict, dict]:
    """Amounts (with what they count, as written) and percentages; dates and years left out."""
    text, tokens = doc.text, list(doc)
    numbers, percents = {}, {}
    masked = list(folded)
    for a, b in date_spans:
        masked[a:b] = " " * (b - a)
    masked = "".join(masked)
    for m in _NUMBER.finditer(masked):
        value = _number(m.group(1))
        if value is None:
            continue
        if m.group(3):
            percents[value] = m.group(0).strip()
            continue
        if not m.group(2) and value.is_integer() and 1800 <= value <= 2199 and "." not in m.group(1):
            continue
        scale = lx.NUMBER_SCALES.get((m.group(2) or "").rstrip("s") if m.group(2) not in ("md", "bn") else "milliard", 1.0)
        numbers[value * scale] = _with_unit(text, m.group(0).strip())
    for tok in tokens:
        low = fold(tok.text)
        counts = tok.pos_ in ("NUM", "") or english or (
            # "neuf mois": a number word the tagger read as an adjective, before what it counts
            tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "NOUN" and tok.pos_ in ("ADJ", "DET"))
        if low in lx.NUMBER_WORDS and low not in ("un", "une", "one") and counts:
            numbers.setdefault(float(lx.NUMBER_WORDS[low]), tok.text)
    for q in quantities(text):
        if q.unit == "%":
            percents.setdefault(q.value, q.text)
    return numbers, percents


_EN_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def _en_lemma(word: str) -> str:
    """A crude English stem (no English tagger ships): 'increased' → 'increas', 'cities' → 'city'."""
    if len(word) <= 4 or word in lx.ANTONYM_OF or word in lx.DENIAL:
        return word
    for suffix, repl in _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word
