"""The stance judge: does a piece of evidence support a claim, contradict it, or speak of something else?

    judge(claim, evidence, lang="fr") -> Judgement
    judge_many([(claim, evidence), …], lang="fr") -> [Judgement, …]   (one spaCy pass for all texts)
    Judgement.render(lang) -> the reason in the reader's language

Pure (no database, no network) and deterministic. Reads spaCy's tokens, lemmas and tags (the
dependency parser and the NER are left out: they cost two thirds of the parse), numbers, dates,
names, negation, denials, antonyms, quantifiers and hedges, and weighs them with a logistic
regression trained on the project's own labelled pairs (`make train-stance`, docs/stance.md).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Iterable

from .features import PairFeatures, compare
from .side import Side, side_of
from .model import load_model
from .reasons import PRIORITY, english, render

__all__ = ["Judgement", "judge", "judge_many", "STANCES", "parse", "features_of", "forget"]

STANCES = ("supports", "contradicts", "unrelated")
# Components the judge needs from the French model: tags and lemmas. The parser and the NER
# would make it three times slower.
_KEEP = {"tok2vec", "morphologizer", "attribute_ruler", "lemmatizer", "tagger"}
# Sides kept per process, the most recently used: a claim on the desk is a candidate for every
# later claim that finds it, and wire copy recurs in many articles. About 10 KB each (traced for
# the benchmark's sentences): at most about 20 MB per process.
SIDES_KEPT = 2048
_sides: OrderedDict = OrderedDict()  # (lang, text) → Side
_sides_lock = threading.Lock()


@dataclass(frozen=True)
class Judgement:
    stance: str                 # "supports" | "contradicts" | "unrelated"
    confidence: float           # probability of that stance, in [0, 1]
    reason: str                 # one line in English; `render(lang)` for the reader's language
    reason_code: str = "unrelated"  # a key of reasons.TEMPLATES
    reason_params: dict = field(default_factory=dict, compare=False, hash=False)
    contradiction: float = 0.0  # probability of "contradicts", whatever the stance

    def render(self, lang: str | None = None) -> str:
        return render(self.reason_code, self.reason_params, lang)


def _pipeline(lang: str):
    from factcheck.nlp import load

    nlp = load(lang)
    return nlp, [name for name in nlp.pipe_names if name not in _KEEP]


def parse(texts: list[str], lang: str = "fr", batch_size: int = 64) -> dict[str, Side]:
    """Each distinct text read once per process while it stays among the SIDES_KEPT most
    recently used: a candidate found by many claims, in this batch or a later one, or the
    reverse pair judged for its mirror evidence, is not parsed again. A Side depends only on
    the text, the language and the model."""
    unique = list(dict.fromkeys(t or "" for t in texts))
    with _sides_lock:
        sides = {}
        for text in unique:
            side = _sides.get((lang, text))
            if side is not None:
                _sides.move_to_end((lang, text))
                sides[text] = side
    missing = [t for t in unique if t not in sides]
    if not missing:
        return sides
    nlp, disabled = _pipeline(lang)
    # A memory zone keeps the worker's vocabulary from growing with every text judged;
    # a Side holds plain Python values only.
    with nlp.memory_zone():
        parsed = {doc.text: side_of(doc, lang)
                  for doc in nlp.pipe(missing, disable=disabled, batch_size=batch_size)}
    with _sides_lock:
        for text, side in parsed.items():
            _sides[(lang, text)] = side
        while len(_sides) > SIDES_KEPT:
            _sides.popitem(last=False)
    sides.update(parsed)
    return sides


def forget() -> None:
    """Drop the kept Sides (e.g. for a benchmark that times the parse)."""
    with _sides_lock:
        _sides.clear()


def features_of(pairs: Iterable[tuple[str, str]], lang: str = "fr") -> list[PairFeatures]:
    pairs = [(c or "", e or "") for c, e in pairs]
    sides = parse([t for pair in pairs for t in pair], lang)
    return [compare(sides[c], sides[e]) for c, e in pairs]


def _decide(features: PairFeatures) -> Judgement:
    probabilities = load_model().predict(features.values)
    stance = max(STANCES, key=lambda s: probabilities[s])
    cues = sorted(features.cues, key=lambda cue: PRIORITY.index(cue.code))
    if stance == "contradicts" and not cues:
        # A contradiction an editor cannot see named is not suggested: the weights learnt that
        # fact-checks often contradict without a visible sign, but the desk needs the reason.
        stance = max(("supports", "unrelated"), key=lambda s: probabilities[s])
    code, params = {"supports": ("same_facts", {}), "unrelated": ("unrelated", {})}.get(stance, (None, {}))
    if stance == "contradicts":
        cue = cues[0]
        code = cue.code
        if cue.claim or cue.evidence:
            params = {"claim": cue.claim, "evidence": cue.evidence}
    return Judgement(
        stance=stance, confidence=round(min(max(probabilities[stance], 0.0), 1.0), 4),
        reason=english(code, params), reason_code=code, reason_params=params,
        contradiction=round(probabilities["contradicts"], 4),
    )


def judge_many(pairs: Iterable[tuple[str, str]], lang: str = "fr") -> list[Judgement]:
    """Judge (claim, evidence) pairs in one batch; the order of the answers is the order of the
    pairs. The same two texts are judged once: a wire story's copies bring the same pair back
    from every outlet that took it."""
    pairs = [(c or "", e or "") for c, e in pairs]
    distinct = list(dict.fromkeys(pairs))
    decided = dict(zip(distinct, (_decide(f) for f in features_of(distinct, lang))))
    return [decided[pair] for pair in pairs]


def judge(claim: str, evidence: str, lang: str = "fr") -> Judgement:
    return judge_many([(claim, evidence)], lang)[0]
