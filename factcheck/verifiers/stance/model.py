"""The judge's weights: a multinomial logistic regression stored as JSON (model.json), read once per
process. Prediction is a few dot products; scikit-learn is only needed to train (train.py)."""

from __future__ import annotations

import json
import math
import threading
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "model.json"

_lock = threading.Lock()
_model = None


class Model:
    def __init__(self, spec: dict):
        self.features = spec["features"]
        self.classes = spec["classes"]
        self.mean = spec["mean"]
        self.scale = spec["scale"]
        self.coef = spec["coef"]
        self.intercept = spec["intercept"]
        # Scores divided by a temperature fitted on out-of-fold predictions (train.py): the same
        # stances, probabilities that say how often they are right.
        self.temperature = spec.get("temperature", 1.0)

    def predict(self, values: dict) -> dict:
        x = [(values.get(name, 0.0) - m) / s for name, m, s in zip(self.features, self.mean, self.scale)]
        scores = [(b + sum(w * v for w, v in zip(row, x))) / self.temperature
                  for row, b in zip(self.coef, self.intercept)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {cls: e / total for cls, e in zip(self.classes, exps)}


class RulesOnly:
    """Used before a model is trained (`make train-stance`): relatedness, then any sign of contradiction."""

    def predict(self, values: dict) -> dict:
        related = max(values["coverage_claim"], values["coverage_evidence"])
        signs = sum(values[k] for k in ("polarity_mismatch", "antonym", "quantifier_mismatch",
                                        "number_mismatch", "date_mismatch", "name_mismatch"))
        if related < 0.2:
            return {"supports": 0.2, "contradicts": 0.2, "unrelated": 0.6}
        if signs:
            return {"supports": 0.2, "contradicts": 0.6, "unrelated": 0.2}
        return {"supports": 0.6, "contradicts": 0.2, "unrelated": 0.2}


def load_model(path: Path = MODEL_PATH):
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = Model(json.loads(path.read_text())) if path.exists() else RulesOnly()
    return _model


def reset():
    """Forget the loaded model (after training in the same process)."""
    global _model
    _model = None
