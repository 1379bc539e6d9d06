"""Evaluate the stance judge (`make eval`, after eval/run.py).

    python eval/stance.py [--errors N]

Contradiction or not (supports and unrelated count as "not"), on:
  - the project's own pairs of the held-out subjects (data.HELD_OUT_SUBJECTS: never trained on);
  - the DACCORD Covid pairs (../shared/data/daccord-covid.tsv), split once by fact-check URL with
    a fixed seed: the tuning half was trained and tuned on, the test half never was.
Beside the judge, in the same run: the negation-word rule (a contradiction when one text is
negated and the other not, factcheck.verifiers.text.is_negated).
Reported: macro-F1 over the two classes, the contradiction class's precision and recall, the
judge's three-way accuracy and per-kind recall on the held-out pairs, and a reliability table
(of the pairs judged with a confidence in a band, how many were judged right).
Standalone (no Django).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def scores(truth: list[bool], predicted: list[bool]) -> dict:
    from sklearn.metrics import f1_score, precision_score, recall_score

    return {
        "macro_f1": f1_score(truth, predicted, average="macro", zero_division=0),
        "precision": precision_score(truth, predicted, zero_division=0),
        "recall": recall_score(truth, predicted, zero_division=0),
    }


def judged(rows: list[dict]):
    from factcheck.verifiers.stance import judge_many

    out = []
    for lang in ("fr", "en"):
        sub = [r for r in rows if r.get("lang", "fr") == lang]
        out += list(zip(sub, judge_many([(r["claim"], r["evidence"]) for r in sub], lang)))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", type=int, default=0, help="print up to N misjudged held-out pairs")
    args = parser.parse_args(argv)

    from factcheck.verifiers.stance.data import daccord, daccord_path, own_split
    from factcheck.verifiers.text import is_negated

    _, held_out = own_split()
    sets = [("own pairs, held-out subjects (not trained on)", held_out)]
    if daccord_path():
        sets += [("DACCORD Covid, tuning half (trained on)", daccord("tuning")),
                 ("DACCORD Covid, test half (never trained or tuned on)", daccord("test"))]
    else:
        print("../shared/data/daccord-covid.tsv not found: DACCORD rows skipped", file=sys.stderr)

    header = f"{'set':55s} {'pairs':>5s}  {'method':14s} {'macro-F1':>8s} {'P(contra)':>9s} {'R(contra)':>9s}"
    print("Stance judge: contradiction or not")
    print(header)
    print("-" * len(header))
    reliability = {}
    started = time.perf_counter()
    n_pairs = 0
    for name, rows in sets:
        results = judged(rows)
        n_pairs += len(results)
        truth = [r["stance"] == "contradicts" if "stance" in r else r["contradiction"] for r, _ in results]
        mine = [j.stance == "contradicts" for _, j in results]
        rule = [is_negated(r["claim"]) != is_negated(r["evidence"]) for r, _ in results]
        for method, predicted in (("judge", mine), ("negation rule", rule)):
            s = scores(truth, predicted)
            print(f"{name:55s} {len(rows):5d}  {method:14s} {s['macro_f1']:8.2f} {s['precision']:9.2f} {s['recall']:9.2f}")
        if "test half" in name or "held-out" in name:
            for (row, j), t in zip(results, truth):
                band = min(int(j.confidence * 10), 9) / 10
                ok = (j.stance == "contradicts") == t
                n, k = reliability.get(band, (0, 0))
                reliability[band] = (n + 1, k + ok)
        if "held-out" in name:
            three_way = sum(j.stance == r["stance"] for r, j in results) / len(results)
            kinds = {}
            for r, j in results:
                if r["stance"] == "contradicts":
                    n, k = kinds.get(r["kind"], (0, 0))
                    kinds[r["kind"]] = (n + 1, k + (j.stance == "contradicts"))
            per_kind = ", ".join(f"{kind} {k}/{n}" for kind, (n, k) in sorted(kinds.items()))
            held_results = results
    elapsed = time.perf_counter() - started
    print()
    print(f"Held-out pairs, three-way (supports / contradicts / unrelated) accuracy: {three_way:.2f}")
    print(f"Held-out contradictions found, by kind: {per_kind}")
    print()
    print("Reliability (held-out and DACCORD test pairs): of the judgements given with a confidence in")
    print("the band, the share right on contradiction-or-not")
    for band in sorted(reliability):
        n, k = reliability[band]
        print(f"  {band:.1f}–{band + 0.1:.1f}: {k}/{n} = {k / n:.2f}")
    print(f"\n{n_pairs} pairs judged in {elapsed:.1f} s (spaCy model loading included)")
    if args.errors:
        print()
        shown = 0
        for r, j in held_results:
            if j.stance != r["stance"] and shown < args.errors:
                shown += 1
                print(f"[{r['kind']}→{j.stance} {j.confidence:.2f}] {r['claim']}\n    {r['evidence']}\n    {j.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
