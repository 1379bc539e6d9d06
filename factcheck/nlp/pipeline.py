"""Assembling the spaCy pipelines (one per language).

French: the official model + our components:
  factcheck_sentences (before parser) → factcheck_gazetteer ruler (before
  ner, so the NER keeps its entities) → factcheck_entity_fixes (after ner);
  the lemmatizer's index of known lemmas as sets (lemma_index).
English ("reduced mode"): spacy.blank("en") + the same sentence rules +
  gazetteer ruler + capitalised-name heuristic. No tagger, parser or NER.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

# Importing the modules registers the factories.
from . import entity_fixes, english_names, segmentation  # noqa: F401
from . import model_name
from .gazetteer import RULER_NAME, apply as apply_gazetteer
from .lemma_index import index_as_sets


def bare(lang: str = "fr") -> Language:
    """The spaCy model as shipped, without our components (benchmark baseline)."""
    name = model_name(lang)
    if name.startswith("blank:"):
        return spacy.blank(name.split(":", 1)[1])
    return spacy.load(name)


def build(lang: str = "fr") -> Language:
    nlp = bare(lang)
    index_as_sets(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("factcheck_sentences", before="parser")
    else:
        nlp.add_pipe("factcheck_sentences", first=True)
    ruler_cfg = {"phrase_matcher_attr": "ORTH", "validate": False}
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner", config=ruler_cfg)
        nlp.add_pipe("factcheck_entity_fixes", after="ner")
    else:
        nlp.add_pipe("entity_ruler", name=RULER_NAME, config=ruler_cfg)
        if lang == "en":
            nlp.add_pipe("factcheck_english_names")
    apply_gazetteer(nlp, lang)
    return nlp
