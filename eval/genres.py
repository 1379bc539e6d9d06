"""`make eval`, part 1: the held-out labelled documents, one row per kind of text."""

from __future__ import annotations

import re

import labelled

ROWS = (
    ("wire (fr)", lambda d: d.lang == "fr" and d.genre == "wire"),
    ("opinion (fr)", lambda d: d.lang == "fr" and d.genre == "opinion"),
    ("social (fr)", lambda d: d.lang == "fr" and d.genre == "social"),
    ("interview (fr)", lambda d: d.lang == "fr" and d.genre == "interview"),
    ("press (fr)", lambda d: d.lang == "fr" and d.genre == "press"),
    ("English", lambda d: d.lang == "en"),
    ("all", lambda d: True),
)
_HEDGE_RE = re.compile(r"\b(?:selon|d'après|d’après|according to|reportedly|allegedly|\w{3,}rai(?:en)?t)\b", re.I)
_QUOTE_RE = re.compile(r"[«“\"]")
_ARTICLE_RE = re.compile(r"^(?:le|la|les|l'|l’|the)\s*", re.I)


def _same_speaker(got: str, want: str) -> bool:
    got, want = (_ARTICLE_RE.sub("", x.strip().lower()) for x in (got, want))
    return bool(got and want) and (got in want or want in got)


class Counts:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: bool, gold: bool) -> None:
        self.tp += predicted and gold
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def judge(docs, results, checkworthy: float):
    """Per row: counts for ours and baselines, and the list of errors."""
    stats = {name: {k: Counts() for k in ("cw", "first3", "all", "hedged", "hedged_base", "quote",
                                          "quote_base", "speaker", "speaker_base")} | {"top3": [0, 0], "first3_top": [0, 0], "n": 0}
             for name, _f in ROWS}
    errors = []
    for doc, claims in zip(docs, results):
        rows = [stats[name] for name, keep in ROWS if keep(doc)]
        by_sentence = {}
        for c in claims:
            g = labelled.gold_for(doc, c["start"])
            if g is not None:
                by_sentence.setdefault(id(g), []).append(c)
        ranked = sorted(claims, key=lambda c: -c["score"])[:3]
        top_hits = sum(1 for c in ranked if (labelled.gold_for(doc, c["start"]) or labelled.Gold("", 0, 0, False, "", False, "")).worthy)
        first = [g for g in doc.sentences if not g.repeat][:3]
        for st in rows:
            st["top3"][0] += top_hits
            st["top3"][1] += min(3, len(ranked)) if ranked else 3
            st["first3_top"][0] += sum(g.worthy for g in first)
            st["first3_top"][1] += len(first)
        for k, g in enumerate(s for s in doc.sentences if not s.repeat):
            mine = by_sentence.get(id(g), [])
            best = max(mine, key=lambda c: c["score"], default=None)
            worthy = any(c["score"] >= checkworthy for c in mine)
            hedged = any(c["modality"] == "hedged" for c in mine)
            quoted = any(c["quoted"] for c in mine)
            speaker = best["speaker"] if best else ""
            base_hedged = bool(_HEDGE_RE.search(g.text)) and not g.text.rstrip().endswith("?")
            for st in rows:
                st["n"] += 1
                st["cw"].add(worthy, g.worthy)
                st["first3"].add(k < 3, g.worthy)
                st["all"].add(True, g.worthy)
                st["hedged"].add(hedged, g.modality == "hedged")
                st["hedged_base"].add(base_hedged, g.modality == "hedged")
                st["quote"].add(quoted, g.quoted)
                st["quote_base"].add(bool(_QUOTE_RE.search(g.text)), g.quoted)
                right = _same_speaker(speaker, g.speaker)
                st["speaker"].tp += right
                st["speaker"].fp += bool(speaker) and not right
                st["speaker"].fn += bool(g.speaker) and not right
                st["speaker_base"].fn += bool(g.speaker)
            if worthy != g.worthy:
                errors.append(f"  {'FP' if worthy else 'FN'} {doc.name}: {best['score'] if best else '-'} {g.text[:90]}")
            if hedged != (g.modality == "hedged"):
                errors.append(f"  MOD {doc.name}: hedged={hedged} {g.text[:80]}")
            if g.speaker and not _same_speaker(speaker, g.speaker) or speaker and not g.speaker:
                errors.append(f"  SPK {doc.name}: got {speaker!r}, want {g.speaker!r}: {g.text[:60]}")
    return stats, errors


def _f(c: Counts) -> str:
    if not (c.tp + c.fp + c.fn):
        return "-"  # nothing to find and nothing found
    return f"{c.prf()[2]:.2f}"


def report(extract, checkworthy: float, quiet: bool = False, split: str = "test") -> None:
    docs = [d for d in labelled.load() if d.test == (split == "test")]
    results = list(extract([d.text for d in docs], lang=None))
    stats, errors = judge(docs, results, checkworthy)
    header = ["kind", "docs", "sents", "check-worthy P/R/F1", "F1 first 3", "F1 all", "top-3 precision",
              "first-3 precision", "hedged F1 (kw)", "quote F1 (kw)", "speaker F1 (none)"]
    lines = [header]
    for name, keep in ROWS:
        st = stats[name]
        p, r, f = st["cw"].prf()
        lines.append([
            name, str(sum(1 for d in docs if keep(d))), str(st["n"]), f"{p:.2f} / {r:.2f} / {f:.2f}",
            _f(st["first3"]), _f(st["all"]),
            f"{st['top3'][0] / max(1, st['top3'][1]):.2f}", f"{st['first3_top'][0] / max(1, st['first3_top'][1]):.2f}",
            f"{_f(st['hedged'])} ({_f(st['hedged_base'])})", f"{_f(st['quote'])} ({_f(st['quote_base'])})",
            f"{_f(st['speaker'])} ({_f(st['speaker_base'])})",
        ])
    n_train = sum(1 for d in labelled.load() if not d.test)
    if split == "test":
        print(f"\nHeld-out labelled documents ({len(docs)} test documents; the model was trained on the other "
              f"{n_train}, nothing tuned on these):")
    else:
        print(f"\nTraining documents ({len(docs)}; the model was fitted on them, so these figures flatter):")
    widths = [max(len(r[i]) for r in lines) for i in range(len(header))]
    for j, row in enumerate(lines):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
        if j == 0:
            print("  ".join("-" * w for w in widths))
    if errors and not quiet:
        print("errors:")
        print("\n".join(errors))
