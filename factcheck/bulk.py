"""Bulk files of articles: JSON Lines or CSV rows with `title`, `body` or `url`, `outlet`,
`published_at`, `language`. Each row is stored through factcheck.ingesting (never twice: running
a file again adds nothing) or rejected with the reason; the other rows go on.

Used by `manage.py ingest --format` (in the command's process) and by the desk's upload (a
BulkImport read by a Celery task, its progress saved as it goes)."""

import csv
import datetime
import io
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck import article_text, ingesting
from factcheck.fetching import parse_moment
from factcheck.models import BulkImport
from factcheck.pipeline import dispatch

log = logging.getLogger(__name__)

FORMATS = (BulkImport.FORMAT_JSONL, BulkImport.FORMAT_CSV)
FIELDS = ("title", "body", "url", "outlet", "published_at", "language")
# Rows between two saves of a desk import's progress.
PROGRESS_EVERY = 25
RAW_ROW_KEPT = 2000


@dataclass
class Row:
    line: int
    raw: str
    fields: dict | None = None
    problem: str = ""


def decode(data: bytes) -> str:
    """The file's text (UTF-8, or UTF-16/32 with a byte-order mark), or a ValidationError."""
    return article_text.decode(data)


def rows(text, fmt):
    """The file's rows, each with its line number, its fields or what is wrong with it."""
    if fmt == BulkImport.FORMAT_CSV:
        yield from _csv_rows(text)
    else:
        yield from _jsonl_rows(text)


def _jsonl_rows(text):
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Row(number, line, problem=_("not JSON (%(error)s)") % {"error": exc.msg})
            continue
        if not isinstance(value, dict):
            yield Row(number, line, problem=_("not a JSON object"))
            continue
        yield Row(number, line, fields=value)


def _csv_rows(text):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            # A row's number is the file line it ends on (a quoted body spans several).
            raw = ",".join(v if isinstance(v, str) else "" for v in record.values())
            if None in record:
                yield Row(reader.line_num, raw, problem=_("more values than columns"))
                continue
            yield Row(reader.line_num, raw, fields=record)
    except csv.Error as exc:
        yield Row(reader.line_num, "", problem=_("not CSV (%(error)s)") % {"error": exc})


def count_rows(text, fmt):
    return sum(1 for _row in rows(text, fmt))


def _text(fields, name):
    value = fields.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ingesting.Rejected(_("%(field)s must be text") % {"field": name})
    return value.strip()


def ingest_row(row, user=None):
    """Store one row: an Outcome, or Rejected with the reason."""
    if row.problem:
        raise ingesting.Rejected(row.problem)
    fields = row.fields
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ingesting.Rejected(_("unknown field(s): %(fields)s") % {"fields": ", ".join(unknown)})
    title, body, url = _text(fields, "title"), _text(fields, "body"), _text(fields, "url")
    language = _text(fields, "language").lower()
    when = _text(fields, "published_at")
    published = parse_moment(when) if when else None
    if when and published is None:
        raise ingesting.Rejected(_("published_at is not a date: %(value)s") % {"value": when[:40]})
    if url and not url.startswith(("http://", "https://")):
        raise ingesting.Rejected(_("url must start with http:// or https://"))
    if not body and not url:
        raise ingesting.Rejected(_("give a body or a url"))
    try:
        if body:
            return ingesting.store(title=title, body=body, url=url, outlet=_text(fields, "outlet"),
                                   language=language, published_at=published, user=user)
        return ingesting.store_from_url(url, title=title, outlet=_text(fields, "outlet"),
                                        language=language, published_at=published, user=user)
    except ValidationError as exc:
        raise ingesting.Rejected(" ".join(exc.messages)) from None


class Tally:
    """Counts of one file's rows, and the rejected ones with their reasons."""

    def __init__(self, created=0, duplicates=0, rejected=None):
        self.created, self.duplicates = created, duplicates
        self.rejected = list(rejected or [])

    def add(self, row, user=None):
        try:
            outcome = ingest_row(row, user)
        except ingesting.Rejected as exc:
            self.rejected.append({"line": row.line, "reason": str(exc), "row": row.raw[:RAW_ROW_KEPT]})
            return None
        if outcome.created:
            self.created += 1
        else:
            self.duplicates += 1
        return outcome


def run_import(import_id):
    """Read a desk upload from where it stopped (safe to run twice: a finished one is left alone,
    rows already stored are found as duplicates, never added again)."""
    job = BulkImport.objects.filter(pk=import_id).first()
    if job is None:
        log.warning("bulk import %s is gone", import_id)
        return None
    if not job.is_active:
        return job.state
    tally = Tally(job.created_count, job.duplicate_count, job.rejected)
    done = job.processed
    job.record_progress(processed=done, created=tally.created, duplicates=tally.duplicates,
                        rejected=tally.rejected)
    try:
        for index, row in enumerate(rows(job.content, job.format)):
            if index < job.processed:
                continue
            tally.add(row, job.uploaded_by)
            done = index + 1
            if done % PROGRESS_EVERY == 0:
                job.record_progress(processed=done, created=tally.created,
                                    duplicates=tally.duplicates, rejected=tally.rejected)
    except Exception as exc:
        job.record_progress(processed=done, created=tally.created, duplicates=tally.duplicates,
                            rejected=tally.rejected)
        job.finish(error=f"{type(exc).__name__}: {exc}"[:1000])
        raise
    job.record_progress(processed=done, created=tally.created, duplicates=tally.duplicates,
                        rejected=tally.rejected)
    job.finish()
    return job.state


def resume_stale(now=None):
    """Send again the uploads whose reading never started or stopped moving (broker down, worker
    killed): they go on from the last row saved. Returns how many were sent."""
    now = now or timezone.now()
    stale = BulkImport.objects.filter(
        state__in=[BulkImport.STATE_PENDING, BulkImport.STATE_RUNNING],
        progressed_at__lt=now - datetime.timedelta(seconds=settings.FACTCHECK_STALE_AFTER_SECONDS))
    sent = 0
    for pk in stale.values_list("pk", flat=True):
        sent += dispatch.send_bulk_import(pk)
    return sent


def rejected_csv(rejected):
    """The rejected rows as a CSV file's text: line, reason, the row as written."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "reason", "row"])
    for entry in rejected:
        writer.writerow([entry["line"], entry["reason"], entry.get("row", "")])
    return out.getvalue()
