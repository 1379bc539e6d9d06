"""python manage.py extract_claims FILE... [--format jsonl|table] [--lang fr|en]

Runs claim extraction on text files and prints the claims; writes nothing
to the database. Unreadable or non-UTF-8 files are reported on stderr, the
others are still processed, and the exit code is 1 if any file failed.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

JSON_KEYS = ("text", "normalized", "sentence", "start", "end", "sentence_start", "sentence_end", "occurrences",
             "score", "claim_type", "modality", "quoted", "speaker", "entities")


def active_gazetteer():
    """Editors' entries if the table is there; the built-in list otherwise."""
    try:
        from factcheck.models import GazetteerEntry

        return GazetteerEntry.active_entries()
    except Exception:  # no DB, no migration yet, model not there: built-in only
        return None


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Command(BaseCommand):
    help = "Extract check-worthy claims from text files (no database write)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
        parser.add_argument("--lang", choices=("fr", "en"), default=None,
                            help="Force the language instead of detecting it per file.")

    def handle(self, *args, files, format, lang, **options):
        from factcheck import nlp

        texts, paths, failed = [], [], 0
        for path in files:
            try:
                with open(path, "rb") as fh:
                    raw = fh.read()
                texts.append(raw.decode("utf-8"))
                paths.append(path)
            except UnicodeDecodeError as exc:
                failed += 1
                self.stderr.write(f"extract_claims: {path}: not valid UTF-8 (byte {exc.start}); skipped")
            except OSError as exc:
                failed += 1
                self.stderr.write(f"extract_claims: {path}: cannot read ({exc.strerror or exc}); skipped")

        gazetteer = active_gazetteer()
        for path, claims in zip(paths, nlp.extract(texts, lang=lang, gazetteer=gazetteer)):
            if format == "jsonl":
                for claim in claims:
                    row = {"article": path, **{k: claim[k] for k in JSON_KEYS}}
                    self.stdout.write(json.dumps(row, ensure_ascii=False))
            else:
                self._table(path, claims)
        if failed:
            sys.exit(1)

    def _table(self, path: str, claims: list[dict]) -> None:
        self.stdout.write(f"== {path}: {len(claims)} claims (sorted by score)")
        header = f"{'score':>5}  {'type':<11} {'modality':<8} {'quote':<5} {'speaker':<16} {'offsets':<11} claim"
        self.stdout.write(header)
        self.stdout.write("-" * min(len(header) + 60, 140))
        for c in sorted(claims, key=lambda c: -c["score"]):
            self.stdout.write(
                f"{c['score']:>5.2f}  {c['claim_type']:<11} {c['modality']:<8} "
                f"{('yes' if c['quoted'] else ''):<5} {_clip(c['speaker'], 16):<16} "
                f"{str(c['start']) + '-' + str(c['end']):<11} {_clip(c['text'], 90)}"
                + (f" (x{c['occurrences']})" if c.get("occurrences", 1) > 1 else "")
            )
            if c.get("normalized"):
                self.stdout.write(f"{'':>75}= {_clip(c['normalized'], 90)}")
        self.stdout.write("")
