"""Speed of the stance judge (not a test: `make bench` / run as a script).

    .venv/bin/python benchmarks/bench_stance.py

Rows (CPU time of this process, one BLAS thread, medians of alternating passes):
  - judge_many() pairs per CPU-second, spaCy included (goal: >= 200 pairs/s on one core), against
    bare `nlp.pipe` of the same model over the same texts with the components the judge uses
    (tagger and lemmatizer), measured in the same run: the ratio is what the features and the
    model add to the parse;
  - the same judge against the full French model (parser and NER included), which the judge
    leaves out;
  - the negation-word rule over the same pairs, for scale.
Pairs: the project's French pairs, plus DACCORD's when ../shared/data holds them, each text used
once (judge_many parses a text once per call, which would flatter it on repeated claims).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSES = 5


def distinct_pairs() -> list[tuple[str, str]]:
    from factcheck.verifiers.stance.data import daccord, own_pairs

    rows = [p for p in own_pairs() if p["lang"] == "fr"] + daccord("tuning") + daccord("test")
    seen, pairs = set(), []
    for row in rows:
        claim, evidence = row["claim"], row["evidence"]
        if claim in seen or evidence in seen or claim == evidence:
            continue
        seen.update((claim, evidence))
        pairs.append((claim, evidence))
    return pairs


def run() -> list[dict]:
    from threadpoolctl import threadpool_limits

    from factcheck import nlp as nlp_mod
    from factcheck.verifiers import stance
    from factcheck.verifiers.text import is_negated

    pairs = distinct_pairs()
    texts = [t for pair in pairs for t in pair]
    words = sum(len(t.split()) for t in texts)
    nlp = nlp_mod.load("fr")
    kept = [n for n in nlp.pipe_names if n not in stance._KEEP]
    full = nlp_mod.bare_pipeline("fr")

    def bare_judge_parse():
        with nlp.memory_zone():
            for _ in nlp.pipe(texts, disable=kept, batch_size=64):
                pass

    def full_parse():
        with full.memory_zone():
            for _ in full.pipe(texts, batch_size=64):
                pass

    def rule():
        for claim, evidence in pairs:
            is_negated(claim) != is_negated(evidence)

    def judge():
        stance.forget()  # timed with its parse, as for texts the worker has not seen
        stance.judge_many(pairs)

    sides = {"judge": judge, "parse": bare_judge_parse, "full": full_parse, "rule": rule}
    cpu = {name: [] for name in sides}
    with threadpool_limits(1):
        for fn in sides.values():       # warm-up: model loading, lazy allocations
            fn()
        for _ in range(PASSES):
            for name, fn in sides.items():
                c0 = time.process_time()
                fn()
                cpu[name].append(time.process_time() - c0)
    rate = {name: len(pairs) / statistics.median(times) for name, times in cpu.items()}
    label = f"({len(pairs)} distinct French pairs, {words / len(pairs):.0f} words per pair, {PASSES} passes)"
    return [
        {"name": f"stance judge_many() pairs per CPU-second, one thread {label}", "value": round(rate["judge"], 1),
         "unit": "pairs/s", "baseline": round(rate["parse"], 1), "ratio": round(rate["judge"] / rate["parse"], 3),
         "goal": ">= 200 pairs/s; baseline: bare nlp.pipe with the judge's components"},
        {"name": "stance judge vs the full French model's parse (parser + NER)", "value": round(rate["judge"], 1),
         "unit": "pairs/s", "baseline": round(rate["full"], 1), "ratio": round(rate["judge"] / rate["full"], 3),
         "goal": "informative"},
        {"name": "negation-word rule over the same pairs", "value": round(rate["rule"], 1), "unit": "pairs/s",
         "baseline": None, "ratio": None, "goal": "informative"},
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from benchmarks.__main__ import print_table

    print_table(run())
