"""Labelled pairs for training and evaluating the judge, and how they are split.

- pairs.jsonl: the project's own pairs (French and English, written for the project): claim,
  evidence, stance, the kind of contradiction, subject. The subjects in HELD_OUT_SUBJECTS are
  never trained on: `make eval` scores the judge on them.
- DACCORD (Covid part, shared/data/daccord-covid.tsv beside the checkout or beside the main
  checkout of a git worktree, BSD licence, not copied into the project):
  split once by fact-check URL with a fixed seed into a tuning half and a test half. The test half
  is never trained or tuned on.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAIRS_PATH = HERE / "pairs.jsonl"
HELD_OUT_SUBJECTS = frozenset({"justice", "culture"})
ROOT = HERE.parents[2]   # the checkout
DACCORD_NAME = Path("shared") / "data" / "daccord-covid.tsv"
DACCORD_SEED = "stance-2026"


def own_pairs() -> list[dict]:
    with PAIRS_PATH.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def own_split() -> tuple[list[dict], list[dict]]:
    """(training pairs, held-out pairs): the held-out subjects are not trained on."""
    pairs = own_pairs()
    return ([p for p in pairs if p["subject"] not in HELD_OUT_SUBJECTS],
            [p for p in pairs if p["subject"] in HELD_OUT_SUBJECTS])


def _main_checkout(root: Path) -> Path | None:
    """In a git worktree, `.git` is a file naming `<main checkout>/.git/worktrees/<name>`."""
    marker = root / ".git"
    if not marker.is_file():
        return None
    line = marker.read_text(encoding="utf-8").strip()
    if not line.startswith("gitdir:"):
        return None
    gitdir = Path(line.split(":", 1)[1].strip())
    gitdir = gitdir if gitdir.is_absolute() else (root / gitdir).resolve()
    return gitdir.parents[2] if gitdir.parent.name == "worktrees" else None


def daccord_path(root: Path = ROOT) -> Path | None:
    """`shared/data/daccord-covid.tsv` beside the checkout, or beside the main checkout when this
    one is a git worktree; None when neither holds it (DACCORD rows are then skipped)."""
    roots = [root, _main_checkout(root)]
    return next((r.parent / DACCORD_NAME for r in roots if r and (r.parent / DACCORD_NAME).exists()), None)


def _half(url: str) -> str:
    # A stable hash of the URL with a fixed seed: one fact-check's pairs stay in one half.
    digest = hashlib.sha256(f"{DACCORD_SEED}:{url}".encode()).digest()
    return "tuning" if digest[0] % 2 == 0 else "test"


def daccord(part: str) -> list[dict]:
    """Rows of one half ("tuning" or "test") as pairs: the hypothesis is the claim checked, the
    premise what the fact-check established; label 1 = contradiction, 0 = compatible."""
    path = daccord_path()
    if path is None:
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [
        {"id": r["id"], "lang": "fr", "claim": r["hypothesis"].strip().strip('"').strip(),
         "evidence": r["premise"].strip().strip('"').strip(),
         "contradiction": r["label"].strip() == "1", "url": r["url"]}
        for r in rows if _half(r["url"]) == part
    ]
