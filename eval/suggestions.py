"""How far an editor can trust a suggested verdict (`make eval`, after eval/stance.py).

    python eval/suggestions.py [--errors]

eval/suggestions.jsonl: claims written for the project, each with the sentences other outlets
publish about it (one outlet each) and the verdict an editor gives knowing the facts
("confirmed" or "disputed"). Each sentence is judged as corroboration judges a candidate (the
stance judge, "unrelated" dropped), the findings are combined by the desk's suggestion
(factcheck.verifiers.suggestion.suggest), and the suggestion is compared with the verdict:
"likely confirmed" agrees with confirmed, "likely disputed" with disputed; no suggestion is
counted apart. Reported: agreement overall and by confidence band (the reliability table).

The candidate search and the names filter before the judge are not exercised here (every
sentence is about the claim's event or plainly about something else), nor reference facts.
The set is small and written by the same team as the judge's training pairs: read its figures
as a check of the scale, not as a measure on real newsroom copy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
CASES = HERE / "suggestions.jsonl"
BANDS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
AGREES = {"supported": "confirmed", "contradicted": "disputed"}


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.test")
    import django

    django.setup()


def suggestions(cases):
    """[(case, Suggestion)]: each case's sentences judged in one pass per language."""
    from types import SimpleNamespace

    from factcheck.models import Evidence
    from factcheck.verifiers.stance import judge_many
    from factcheck.verifiers.suggestion import suggest

    out = []
    for lang in ("fr", "en"):
        sub = [c for c in cases if c.get("lang", "fr") == lang]
        pairs = [(c["claim"], e) for c in sub for e in c["evidence"]]
        judgements = iter(judge_many(pairs, lang))
        for case in sub:
            found = []
            for n, _sentence in enumerate(case["evidence"]):
                j = next(judgements)
                if j.stance != "unrelated":
                    found.append(SimpleNamespace(
                        key=f"article:{n}", kind=Evidence.KIND_ARTICLE, stance=j.stance,
                        confidence=j.confidence, explanation=j.reason, data={}))
            out.append((case, suggest(found)))
    return out


def band_of(confidence):
    for low, high in BANDS:
        if low <= confidence < high:
            return low, high
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="print the suggestions that disagree")
    args = parser.parse_args(argv)
    setup()
    cases = [json.loads(line) for line in CASES.read_text().splitlines() if line.strip()]
    results = suggestions(cases)
    given = [(c, s) for c, s in results if s.suggestion in AGREES]
    right = [(c, s) for c, s in given if AGREES[s.suggestion] == c["verdict"]]
    print(f"\nSuggested verdicts against the editors' ({CASES.name}: {len(cases)} claims, "
          f"{sum(len(c['evidence']) for c in cases)} sentences from other outlets)")
    print(f"  suggestion given: {len(given)}/{len(cases)}; agrees with the verdict: "
          f"{len(right)}/{len(given)}" + (f" ({len(right) / len(given):.2f})" if given else ""))
    print("  reliability (confidence band: agreeing / given):")
    for low, high in BANDS:
        inside = [(c, s) for c, s in given if band_of(s.confidence) == (low, high)]
        ok = sum(AGREES[s.suggestion] == c["verdict"] for c, s in inside)
        share = f"{ok / len(inside):.2f}" if inside else "—"
        print(f"    {low:.1f}–{min(high, 1.0):.1f}: {ok}/{len(inside)} ({share})")
    if args.errors:
        for case, s in given:
            if AGREES[s.suggestion] != case["verdict"]:
                print(f"  ✗ {s.suggestion} {s.confidence:.2f} vs {case['verdict']}: {case['claim']}")
        for case, s in results:
            if s.suggestion not in AGREES:
                print(f"  – no suggestion ({case['verdict']}): {case['claim']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
