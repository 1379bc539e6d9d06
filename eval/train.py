"""Train the check-worthiness model (`make train`).

    python eval/train.py [--out factcheck/nlp/models/checkworthy.json]

Reads the training documents of factcheck/nlp/data/labelled/ (never the test
documents: every fourth of each file), runs them through the extraction
pipeline to get each clause's words and flags, labels each clause with its
sentence's label, and fits a logistic regression (scikit-learn). The
regularisation strength is chosen by cross-validation over training
documents only. The result is written as plain JSON (bias + one weight per
feature) that factcheck/nlp/checkworthy.py reads without scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import labelled  # noqa: E402


def clause_rows(docs):
    """(features, label, document index) for every clause of the documents."""
    from factcheck import nlp
    from factcheck.nlp import checkworthy
    from factcheck.nlp.extractor import analyse_group, annotate

    rows = []
    for lang in ("fr", "en"):
        group = [d for d in docs if d.lang == lang]
        preps, langs, sents = analyse_group([d.text for d in group], lang, None, 64, nlp.load)
        for doc, p, doc_lang, ss in zip(group, preps, langs, sents):
            for s in annotate(p, ss, doc_lang):
                g = labelled.gold_for(doc, s.start)
                if g is None:
                    continue
                rows.append((checkworthy.features(s, s.hand_score), g.worthy, docs.index(doc)))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(HERE.parent / "factcheck" / "nlp" / "models" / "checkworthy.json"))
    args = ap.parse_args(argv)

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_score

    from factcheck.nlp import checkworthy

    checkworthy.disable()  # features must not depend on an earlier model's output
    docs = [d for d in labelled.load() if not d.test]
    rows = clause_rows(docs)
    X_dicts = [{f: 1 for f in feats} for feats, _y, _g in rows]
    y = [int(label) for _f, label, _g in rows]
    groups = [g for _f, _y, g in rows]
    vec = DictVectorizer()
    X = vec.fit_transform(X_dicts)
    best_c, best = None, -1.0
    for c in (0.1, 0.3, 1.0, 3.0):
        clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        f1 = cross_val_score(clf, X, y, groups=groups, cv=GroupKFold(n_splits=5), scoring="f1").mean()
        print(f"C={c}: cross-validated F1 on training documents {f1:.3f}")
        if f1 > best:
            best_c, best = c, f1
    clf = LogisticRegression(C=best_c, max_iter=2000, class_weight="balanced").fit(X, y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
        if abs(w) >= 0.01
    }
    out = {
        "about": "Check-worthiness model trained by eval/train.py (make train) on the training documents "
                 "of factcheck/nlp/data/labelled/; logistic regression, features in factcheck/nlp/checkworthy.py.",
        "trained_on": {"documents": len(docs), "clauses": len(rows), "positive": sum(y), "C": best_c,
                       "cv_f1": round(best, 3)},
        "bias": round(float(clf.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents, {len(rows)} clauses ({sum(y)} check-worthy), C={best_c}: "
          f"{len(weights)} weights written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
