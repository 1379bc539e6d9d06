"""Train the judge's logistic regression and write model.json (`make train-stance`).

Trained on the project's own pairs minus the held-out subjects (data.HELD_OUT_SUBJECTS), plus the
tuning half of the DACCORD Covid pairs when ../shared/data holds them (labelled contradiction or
compatible: compatible pairs are taken as "supports"). The features are words' relations (negation,
numbers, names, antonyms, overlap), never the words themselves, so no subject's vocabulary is
learnt. The DACCORD test half and the held-out subjects are never seen here.

    .venv/bin/python -m factcheck.verifiers.stance.train
"""

from __future__ import annotations

import json
import sys

from . import features_of
from .data import daccord, own_split
from .features import ALL_FEATURES
from .model import MODEL_PATH, reset

# Chosen by 5-fold cross-validation on the DACCORD tuning half, grouped by fact-check (macro-F1
# 0.69–0.70 for C in 1, 3, 10 and DACCORD weight 0.3, 1, 2, 3; best C = 1, weight 1).
C = 1.0
DACCORD_WEIGHT = 1.0  # a DACCORD pair counts as much as one of the project's pairs


def labelled_features(rows: list[dict]) -> list[tuple[dict, str]]:
    out = []
    for lang in ("fr", "en"):
        sub = [r for r in rows if r.get("lang", "fr") == lang]
        for row, feats in zip(sub, features_of([(r["claim"], r["evidence"]) for r in sub], lang)):
            label = row.get("stance") or ("contradicts" if row["contradiction"] else "supports")
            out.append((feats.values, label, 1.0 if "stance" in row else DACCORD_WEIGHT))
    return out


def _matrix(data):
    import numpy as np

    x = np.array([[values[name] for name in ALL_FEATURES] for values, _, _ in data])
    return x, np.array([label for _, label, _ in data]), np.array([weight for _, _, weight in data])


def _fit(x, y, weights):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=C, max_iter=5000).fit((x - scaler.mean_) / scale, y, sample_weight=weights)
    return lambda z: model.decision_function((z - scaler.mean_) / scale), list(model.classes_)


def temperature(own: list[dict], tuning: list[dict]) -> float:
    """The temperature that makes out-of-fold contradiction probabilities honest (least log loss):
    DACCORD tuning pairs predicted by 5 folds grouped by fact-check, the project's pairs by 5 folds
    grouped by subject, each fold's model trained on everything else. The held-out subjects and
    the DACCORD test half take no part."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    xo, yo, wo = _matrix(labelled_features(own))
    xt, yt, wt = _matrix(labelled_features(tuning))
    scores, truth = [], []
    classes = []
    for x, y, w, groups, (ox, oy, ow) in ((xt, yt, wt, [r["url"] for r in tuning], (xo, yo, wo)),
                                           (xo, yo, wo, [r["subject"] for r in own], (xt, yt, wt))):
        if len(set(groups)) < 5:
            continue
        out = np.zeros((len(y), 3))
        for train, test in GroupKFold(5).split(x, y, groups):
            predict, classes = _fit(np.vstack([x[train], ox]), np.concatenate([y[train], oy]),
                                    np.concatenate([w[train], ow]))
            out[test] = predict(x[test])
        scores.append(out)
        truth.append(y == "contradicts")
    if not scores:
        return 1.0
    at = classes.index("contradicts")

    def loss(t):
        total = 0.0
        for s, tr in zip(scores, truth):
            z = s / t
            z = z - z.max(axis=1, keepdims=True)
            p = np.exp(z[:, at]) / np.exp(z).sum(axis=1)
            total += -np.log(np.clip(np.where(tr, p, 1 - p), 1e-9, 1)).mean()
        return total

    grid = [round(0.5 + 0.05 * k, 2) for k in range(71)]
    return min(grid, key=loss)


def fit(rows: list[dict]) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    data = labelled_features(rows)
    x, y, weights = _matrix(data)
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=C, max_iter=5000).fit((x - scaler.mean_) / scale, y, sample_weight=weights)
    return {
        "features": ALL_FEATURES,
        "classes": list(model.classes_),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [[round(float(v), 6) for v in row] for row in model.coef_],
        "intercept": [round(float(v), 6) for v in model.intercept_],
    }


def main() -> int:
    own, _held_out = own_split()
    tuning = daccord("tuning")
    spec = fit(own + tuning)
    spec["temperature"] = temperature(own, tuning)
    spec["trained_on"] = {"own_pairs": len(own), "daccord_tuning_pairs": len(tuning)}
    MODEL_PATH.write_text(json.dumps(spec, indent=1) + "\n")
    reset()
    print(f"wrote {MODEL_PATH} ({len(own)} own pairs, {len(tuning)} DACCORD tuning pairs)")
    if not tuning:
        print("../shared/data/daccord-covid.tsv not found: trained on the project's pairs only", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
