"""Learned check-worthiness: a logistic regression over words and flags.

Trained by `make train` (scripts/train_checkworthy.py) on the labelled
sentences in factcheck/nlp/data/labelled/ (training documents only) and
shipped as factcheck/nlp/models/checkworthy.json: a bias and one weight per
feature. Prediction is a dictionary lookup per feature and a sigmoid, so the
worker needs neither scikit-learn nor a download; a missing model file falls
back to the hand-set score (scoring.py).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "models" / "checkworthy.json"
_DIGIT_RE = re.compile(r"\d")
_model: dict | None = None
_loaded = False


def features(s, hand_score: float) -> list[str]:
    """What the model sees of a clause: its words (digits folded), word pairs,
    and the flags the rules computed."""
    words = [_DIGIT_RE.sub("0", w) for w in s.words if any(ch.isalnum() for ch in w)]
    feats = [f"w={w}" for w in words]
    feats += [f"b={a}_{b}" for a, b in zip(words, words[1:])]
    named = len({e["text"] for e in s.entities if e["label"] in ("PER", "ORG")})
    places = len({e["text"] for e in s.entities if e["label"] in ("LOC", "MISC")})
    flags = {
        "lang": s.lang,
        "number": s.has_number, "date": s.has_date, "past": s.past, "future": s.future,
        "modal_prediction": s.modal_prediction, "first_person": s.first_person,
        "question": s.modality == "question", "hedged": s.modality == "hedged",
        "quoted": s.quoted, "speaker": bool(s.speaker), "headline": s.headline,
        "causal": s.causal, "strong_event": s.strong_event, "reporting": bool(s.reporting),
        "resolved": s.resolved_subject, "kind": s.kind,
        "named": min(named, 3), "places": min(places, 2), "events": min(s.event_hits, 3),
        "subjective": min(s.subjective, 3), "prediction_words": min(s.prediction_words, 2),
        "length": min(s.n_words // 8, 5), "hand": min(int(hand_score * 10), 9),
    }
    feats += [f"f:{k}={v}" for k, v in flags.items()]
    return feats


def disable() -> None:
    """Score with the hand-set weights only (training computes its features this way)."""
    global _model, _loaded
    _model, _loaded = None, True


def load_model() -> dict | None:
    global _model, _loaded
    if not _loaded:
        try:
            data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
            _model = {"bias": data["bias"], "weights": data["weights"]}
        except (OSError, ValueError, KeyError):
            _model = None
        _loaded = True
    return _model


def probability(feats: list[str], model: dict) -> float:
    w = model["weights"]
    z = model["bias"] + sum(w.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
