"""How far a long-running worker's vocabulary may grow.

spaCy keeps every word form it meets: a lexeme, its strings, a tokenizer cache entry. Inside
`nlp.memory_zone()` what a block added is dropped when the block ends, which bounds a worker's
memory but makes every article pay again for the words it shares with the previous one: with
every article in a zone, 27% of per-article extraction time went to that. So the words of the first articles a
worker sees are kept, until its vocabulary has grown by a budget of strings since it first
extracted; from then on each group of articles works in a zone. Common words, met early and
often, stay; memory grows by a bounded amount, then stays flat (both measured in
benchmarks/bench_extraction.py).
"""

from __future__ import annotations

import os
from contextlib import nullcontext

# About 37 MB of lexemes, strings and tokenizer cache per worker process (measured), against
# ~450 MB for the loaded model. 0 puts every group in a memory zone from the start.
DEFAULT_BUDGET = 50_000
# A group of articles longer than this runs in a zone even while the budget lasts: the budget is
# checked before a group, and one long text of new words (a data dump, a list of codes) must not
# overshoot it by more than a group this size could add (~15,000 words).
MAX_KEPT_CHARS = 100_000
_START = "_factcheck_strings_at_start"


def budget() -> int:
    try:
        return max(0, int(os.environ.get("FACTCHECK_NLP_VOCAB_BUDGET", DEFAULT_BUDGET)))
    except ValueError:
        return DEFAULT_BUDGET


def grown(nlp) -> int:
    """Strings added to `nlp`'s vocabulary since its first extraction in this process."""
    strings = len(nlp.vocab.strings)
    if getattr(nlp, _START, None) is None:
        setattr(nlp, _START, strings)
    return strings - getattr(nlp, _START)


def spent(nlp) -> bool:
    return grown(nlp) >= budget()


def zone(nlp, chars: int = 0):
    """The context a group of articles (`chars` long) is processed in: none while the budget
    lasts (its new words are kept), else a memory zone (they are dropped at the end)."""
    if not hasattr(nlp, "memory_zone"):
        return nullcontext()
    if chars <= MAX_KEPT_CHARS and not spent(nlp):
        return nullcontext()
    return nlp.memory_zone()
