"""Pure text helpers shared by the verifiers (French and English): folding, names, numbers,
negation and the event vocabulary that lets a French and an English claim be compared."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "«": '"', "»": '"', "“": '"', "”": '"'})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces: for comparisons only.

    Cached: one claim's text is folded by several helpers (numbers, negation, event words,
    content words), and candidates recur across the claims of a batch."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_APOSTROPHES).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


def original_words(text: str, folded_start: int, folded_end: int) -> str:
    """The words of `text` that fold(text)[folded_start:folded_end] came from, as written: a
    reason quotes the article, never its folded form."""
    position, started = 0, None  # position in the folded text; where the match starts in text
    pending_space = False
    for index, char in enumerate(text or ""):
        if char.isspace():
            pending_space = position > 0
            continue
        if pending_space:
            position += 1
            pending_space = False
        if started is None and position >= folded_start:
            started = index
        piece = unicodedata.normalize("NFKD", char.translate(_APOSTROPHES).casefold())
        position += sum(1 for ch in piece if not unicodedata.combining(ch))
        if position >= folded_end:
            return text[started:index + 1]
    return text[started:] if started is not None else ""


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def contains_phrase(folded_text: str, phrase: str) -> bool:
    """Whole-word match of `phrase` (any case or accents) in already folded text."""
    phrase = fold(phrase)
    if not phrase:
        return False
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded_text) is not None


# --- Names ----------------------------------------------------------------------------------
_TITLES = {"mayor", "maire", "president", "m", "mr", "mrs", "ms", "mme", "dr", "sir"}


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """'Mayor Linda Okafor' → 'linda okafor'; "OpenAI's" → 'openai'."""
    tokens = [t for t in words(name.replace("'s", "")) if t not in _TITLES]
    return " ".join(tokens)


def entity_names(entities) -> set[str]:
    return {k for k in (name_key(e.get("text", "")) for e in entities or []) if k}


@dataclass(frozen=True)
class Names:
    """One claim's names, indexed for matching: a claim is compared with dozens of candidates,
    each with a handful of names, and a match is a few set lookups.

    Two names match when they are the same, or when one is a single word of three letters or
    more that ends the other ('altman' and 'sam altman' name the same person; 'openai' and
    'open ai' do not: kept simple)."""

    all: frozenset
    persons: frozenset
    surnames: frozenset  # last words (3+ letters) of the names of several words
    singles: frozenset  # the names of one word (3+ letters)

    @classmethod
    def of(cls, entities) -> "Names":
        names = entity_names(entities)
        split = [name.split() for name in names]
        return cls(
            all=frozenset(names),
            persons=frozenset(entity_names([e for e in entities or [] if e.get("label") == "PER"])),
            surnames=frozenset(t[-1] for t in split if len(t) > 1 and len(t[-1]) > 2),
            singles=frozenset(t[0] for t in split if len(t) == 1 and len(t[0]) > 2),
        )

    def matches(self, name: str) -> bool:
        """Does `name` match one of these?"""
        if name in self.all:
            return True
        tokens = name.split()
        if len(tokens) == 1:
            return name in self.surnames
        return tokens[-1] in self.singles

    def shared(self, names) -> set[str]:
        """Those of `names` that match one of these."""
        return {name for name in names if self.matches(name)}


# --- Numbers --------------------------------------------------------------------------------
_SCALES = {
    "mille": 1e3, "thousand": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6,
    "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "md": 1e9, "bn": 1e9,
}
_UNITS = {
    "euro": "EUR", "euros": "EUR", "€": "EUR", "eur": "EUR",
    "dollar": "USD", "dollars": "USD", "$": "USD", "usd": "USD",
    "%": "%", "pour cent": "%", "percent": "%", "per cent": "%",
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "employe": "employees", "employes": "employees", "salarie": "employees",
    "salaries": "employees", "employee": "employees", "employees": "employees",
    "habitant": "inhabitants", "habitants": "inhabitants", "inhabitants": "inhabitants",
}
_NUMBER = re.compile(
    r"(?<![\w.,])(\$|€)?\s?(\d{1,3}(?:[ \u202f\u00a0.,]\d{3})+|\d+(?:[.,]\d+)?)\s?"
    r"(mille|thousand|millions?|milliards?|billions?|md|bn|k|m)?\b\s*"
    r"(?:d'|de |of )?\s*(?:[a-z]+ ){0,2}?"
    r"(euros?|eur|dollars?|usd|%|pour cent|per cent|percent|km|kilometres?|kilometers?|"
    r"employes?|salaries?|employees?|habitants?|inhabitants)?(?!\w)"
)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "EUR", "USD", "%", "km", … or "" for a bare number
    text: str


def _to_float(raw: str) -> float:
    raw = raw.replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", raw):
        return float(re.sub(r"[ .,]", "", raw))
    return float(raw.replace(",", "."))


def quantities(text: str) -> list[Quantity]:
    """Amounts with a unit ('13 milliards de dollars' = 13e9 USD); years are left to years()."""
    found = []
    for m in _NUMBER.finditer(fold(text)):
        prefix, raw, scale, unit = m.groups()
        try:
            value = _to_float(raw)
        except ValueError:
            continue
        value *= _SCALES.get(scale or "", 1.0)
        unit = _UNITS.get(unit or prefix or "", "")
        if unit:
            found.append(Quantity(value, unit, m.group(0).strip()))
    return found


_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d|21\d\d)(?!\d)")


def years(text: str) -> set[int]:
    """Years named in the text (not amounts: '2 000 habitants' is not the year 2000)."""
    return {int(y) for y in _YEAR.findall(re.sub(r"\d[ \u202f\u00a0]\d{3}", "", text or ""))}


def disagreeing_quantities(a: list[Quantity], b: list[Quantity]):
    """The first pair with the same unit whose values differ by more than 2 %, or None.

    A unit counts as disagreeing only if no value of `b` matches any value of `a` in that unit:
    an article that gives two figures of which one matches is not contradicting the other.
    """
    for unit in {q.unit for q in a} & {q.unit for q in b}:
        qa = [q for q in a if q.unit == unit]
        qb = [q for q in b if q.unit == unit]
        if any(_close(x.value, y.value) for x in qa for y in qb):
            continue
        return qa[0], qb[0]
    return None


def agreeing_quantities(a: list[Quantity], b: list[Quantity]) -> bool:
    return any(x.unit == y.unit and _close(x.value, y.value) for x in a for y in b)


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.02 * max(abs(x), abs(y), 1e-9)


# --- Negation and denial --------------------------------------------------------------------
_NEGATION = re.compile(
    r"(?<!\w)(?:n'|ne )(?:\w+ ){0,3}?(?:pas|jamais|plus|aucun|aucune|point)(?!\w)"
    r"|(?<!\w)(?:dement\w*|nie|nient|nie\w*|conteste\w*|refute\w*)(?!\w)"
    r"|(?<!\w)(?:not|never|no longer|denied|denies|deny|denying|refuted|disputed)(?!\w)"
    r"|n't(?!\w)"
)


# "Not only" restricts, it does not deny.
_NOT_ONLY = re.compile(
    r"(?<!\w)(?:(?:n'|ne )(?:\w+ ){0,3}?pas (?:seulement|que|uniquement)|non seulement|"
    r"pas seulement|not only|not just)(?!\w)"
)


def is_negated(text: str) -> bool:
    """Does the claim deny or negate what it reports ('n'a pas été nommé', 'a démenti', 'denied')?"""
    return _NEGATION.search(_NOT_ONLY.sub(" ", fold(text))) is not None


# --- Event vocabulary -----------------------------------------------------------------------
# Word starts (folded) that name the same kind of event in French and English, so that
# "a nommé … directeur général" and "named … chief executive" are seen as one event.
CONCEPTS = {
    "appoint": ("nomm", "nomin", "named", "name ", "appoint", "recrut", "hire", "hiring", "embauch",
                "rejoin", "join", "arrivee", "succed", "succeed", "successeur", "successor",
                "prend la tete", "takes over", "prendre la tete", "nommer"),
    "chief": ("directeur general", "directrice generale", "pdg", "ceo", "chief executive",
              "patron", "dirigea", "dirige", "president", "chef de"),
    "dismiss": ("licenci", "limog", "renvo", "fired", "fire ", "ousted", "oust", "depart",
                "evince", "demis", "dismiss", "remercie", "quit", "resign", "demission"),
    "invest": ("invest", "financ", "fund", "milliard", "billion"),
    "vote": ("vote", "adopt", "approuv", "approve"),
    "cost": ("cout", "cost", "budget", "depens", "spend"),
    "sign": ("sign", "contrat", "contract", "accord", "deal", "agreement"),
}


def concepts(text: str) -> set[str]:
    folded = f" {fold(text)} "
    found = set()
    for concept, starts in CONCEPTS.items():
        for start in starts:
            if f" {start}" in folded:
                found.add(concept)
                break
    return found


# Short words that carry no content, for word-overlap comparisons.
STOPWORDS = set(
    "le la les un une des du de d l et ou a au aux en dans par pour sur avec sans que qui quoi "
    "ce cet cette ces son sa ses leur leurs il elle ils elles on se s y est sont ete etre avoir "
    "a ont avait plus pas ne n the an and or of to in on at for with by from that this these "
    "those is are was were be been has have had it its as not will would".split()
)


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 2 and w not in STOPWORDS}


def word_overlap(a: str, b: str) -> float:
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


@dataclass(frozen=True)
class Analysis:
    """Everything the comparisons need from one claim's text, computed once."""

    quantities: tuple
    years: frozenset
    concepts: frozenset
    negated: bool
    content_words: frozenset


@lru_cache(maxsize=8192)
def analyse(text: str) -> Analysis:
    # A claim is compared with up to 40 candidates, and candidates recur across claims:
    # caching per text removes most of the regex work.
    return Analysis(
        quantities=tuple(quantities(text)), years=frozenset(years(text)),
        concepts=frozenset(concepts(text)), negated=is_negated(text),
        content_words=frozenset(content_words(text)),
    )


def overlap_of(a: Analysis, b: Analysis) -> float:
    if not a.content_words or not b.content_words:
        return 0.0
    return len(a.content_words & b.content_words) / len(a.content_words | b.content_words)
