"""The rule lemmatizer's table of known lemmas, as sets.

The French models ship `lemma_index` (the known lemmas of each part of speech) as lists, and
the rule lemmatizer asks `form in index` for every (word, part of speech) it has not cached:
a linear scan of up to 66,000 strings, several times per new word (once per suffix rule that
applies). Its cache hides this only for words the process has already met, so a worker meeting
new articles paid it on most tokens: 27% of extraction time in a fresh process. Membership is
all the lemmatizer asks of the index, so sets give the same lemmas.
"""

from __future__ import annotations

from spacy.language import Language

TABLE = "lemma_index"


def index_as_sets(nlp: Language) -> None:
    """Turn every rule lemmatizer's `lemma_index` lists into frozensets, in place."""
    for _name, pipe in nlp.pipeline:
        lookups = getattr(pipe, "lookups", None)
        if getattr(pipe, "mode", None) != "rule" or lookups is None or not lookups.has_table(TABLE):
            continue
        table = lookups.get_table(TABLE)
        for pos in list(table.keys()):
            if isinstance(table[pos], list):
                table[pos] = frozenset(table[pos])
