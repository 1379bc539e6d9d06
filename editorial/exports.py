"""Claims and their verdicts as CSV or JSON Lines, with the queue's filters and the visibility
rule; streamed row by row, so an export of the whole desk never sits in memory."""

import csv
import json

from django.db.models import Prefetch
from django.utils import timezone

from .claim_filters import filtered_claims
from .models import Verdict

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/jsonl; charset=utf-8",
}
COLUMNS = [
    "claim_id", "claim", "speaker", "language", "modality", "score", "priority", "status",
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


def claim_rows(user, filters, public_url=None):
    """One dict per claim (COLUMNS), with the claim's latest verdict if any.
    `public_url(verdict)`: the absolute address of a published verdict's page."""
    verdicts = Verdict.objects.select_related("author").order_by("-created_at", "-id")
    claims = (
        filtered_claims(user, filters)
        .select_related("article", "article__source")
        .prefetch_related(Prefetch("verdicts", queryset=verdicts))
    )
    for claim in claims.iterator(chunk_size=CHUNK):
        article = claim.article
        latest = next(iter(claim.verdicts.all()), None)
        row = {
            "claim_id": claim.pk, "claim": claim.text, "speaker": claim.speaker,
            "language": claim.language, "modality": claim.modality, "score": claim.score,
            "priority": claim.priority, "status": claim.status, "suggestion": claim.suggestion,
            "has_contradiction": claim.has_contradiction,
            "claim_created_at": _when(claim.created_at),
            "article_id": article.pk, "article_title": article.title, "article_url": article.url,
            "outlet": article.source.name if article.source_id else "",
            "article_published_at": _when(article.published_at),
            "verdict": None, "verdict_state": None, "rationale": None, "sources": [],
            "correction_note": None, "verdict_by": None, "verdict_at": None,
            "published_at": None, "public_url": None,
        }
        if latest is not None:
            row.update({
                "verdict": latest.to_status, "verdict_state": latest.state,
                "rationale": latest.rationale, "sources": latest.sources,
                "correction_note": latest.correction_note,
                "verdict_by": latest.author.get_username(), "verdict_at": _when(latest.created_at),
                "published_at": _when(latest.published_at),
                "public_url": public_url(latest) if public_url and latest.is_published else None,
            })
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
