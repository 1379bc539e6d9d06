"""Claims and their verdicts as CSV or JSON Lines, with the queue's filters and the visibility
rule; streamed row by row, so an export of the whole desk never sits in memory."""

import csv
import json

from django.urls import reverse
from django.utils import timezone

from .claim_filters import filtered_claims
from .models import Verdict

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/jsonl; charset=utf-8",
}
COLUMNS = [
    "claim_id", "claim", "normalized", "occurrences", "speaker", "language", "modality", "score", "priority", "status",
    "suggestion", "has_contradiction", "claim_created_at",
    "article_id", "article_title", "article_url", "outlet", "article_published_at",
    "verdict", "verdict_state", "rationale", "sources", "correction_note", "verdict_by",
    "verdict_at", "published_at", "public_url",
]
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 500


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


# What a row reads of a claim, its article and outlet: values, not model instances (an
# article's body is never read, and building three objects per row cost most of an export).
CLAIM_VALUES = {
    "claim_id": "pk", "claim": "text", "normalized": "normalized", "occurrences": "occurrences",
    "speaker": "speaker", "language": "language",
    "modality": "modality", "score": "score", "priority": "priority", "status": "status",
    "suggestion": "suggestion", "has_contradiction": "has_contradiction",
    "claim_created_at": "created_at", "article_id": "article_id",
    "article_title": "article__title", "article_url": "article__url",
    "outlet": "article__source__name", "article_published_at": "article__published_at",
}
VERDICT_VALUES = {
    "verdict": "to_status", "verdict_state": "state", "rationale": "rationale",
    "sources": "sources", "correction_note": "correction_note", "verdict_by": "author__username",
    "verdict_at": "created_at", "published_at": "published_at",
}
TIMES = ("claim_created_at", "article_published_at", "verdict_at", "published_at")


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _latest_verdicts(claim_ids):
    """{claim id: the values of its latest verdict} for one chunk of claims (one query)."""
    latest = {}
    rows = (Verdict.objects.filter(claim_id__in=claim_ids).order_by("-created_at", "-id")
            .values("pk", "claim_id", *VERDICT_VALUES.values()))
    for row in rows:
        latest.setdefault(row["claim_id"], row)
    return latest


def claim_rows(user, filters, public_url=None):
    """One dict per claim (COLUMNS), best first, with the claim's latest verdict if any.
    `public_url(path)`: the absolute address of a published verdict's page."""
    claims = filtered_claims(user, filters).values(*CLAIM_VALUES.values())
    for chunk in _chunks(claims.iterator(chunk_size=CHUNK), CHUNK):
        verdicts = _latest_verdicts([claim["pk"] for claim in chunk])
        for claim in chunk:
            row = {name: claim[field] for name, field in CLAIM_VALUES.items()}
            row["outlet"] = row["outlet"] or ""
            verdict = verdicts.get(claim["pk"])
            row.update({name: verdict[field] if verdict else None
                        for name, field in VERDICT_VALUES.items()})
            row["sources"] = row["sources"] or []
            row["public_url"] = None
            if verdict and verdict["published_at"] and public_url:
                row["public_url"] = public_url(reverse("review", args=[verdict["pk"]]))
            for name in TIMES:
                row[name] = _when(row[name])
            yield row


class _Line:
    """csv.writer's file: hands back each line instead of storing it."""

    def write(self, line):
        return line


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(rows):
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(COLUMNS)  # the BOM: spreadsheets then read UTF-8 right
    for row in rows:
        yield writer.writerow([_cell(row[name]) for name in COLUMNS])


def as_jsonl(rows):
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def export_lines(fmt, rows):
    return as_csv(rows) if fmt == "csv" else as_jsonl(rows)


def filename(fmt):
    return f"claims-{timezone.localdate().isoformat()}.{fmt}"
