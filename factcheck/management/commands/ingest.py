"""`manage.py ingest FILE... [--source NAME]`: articles from text files, sent to the pipeline;
`manage.py ingest --url URL...`: articles fetched from their pages (factcheck.fetching);
`manage.py ingest --format jsonl|csv FILE`: a bulk file, one article per row (factcheck.bulk).

Files are read as the desk's upload form reads them (factcheck.article_text): UTF-8, or UTF-16 and
UTF-32 with a byte-order mark. A file that is not an article is skipped with the reason; the
command then exits with status 1 after the others are stored, so scripts notice.
"""

import sys
from pathlib import Path

from tqdm import tqdm

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils import timezone

from factcheck import article_text, bulk, ingesting
from factcheck.models import Article, Source
from factcheck.pipeline import dispatch


class Unreadable(Exception):
    """A file that is not an article; the message says why, the other files go on."""


def read_article(path, limit):
    size = path.stat().st_size
    if size == 0:
        raise Unreadable("empty file")
    if size > limit:
        raise Unreadable(f"too large ({size} bytes, the limit is {limit})")
    try:
        return article_text.clean_body(article_text.decode(path.read_bytes()))
    except ValidationError as exc:
        raise Unreadable(" ".join(exc.messages)) from None


def title_of(text, path):
    """The first line with visible characters, or the file's name."""
    first = " ".join(text.split("\n", 1)[0].split())
    if any(article_text.is_visible(char) for char in first):
        return first[:article_text.TITLE_MAX_LENGTH]
    return path.stem[:article_text.TITLE_MAX_LENGTH] or "?"


def expand(paths):
    """Files as given, directories walked (sorted, hidden files skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def published(value):
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--published-at: not a date: {value}")
        moment = timezone.datetime(day.year, day.month, day.day, 12)
    try:
        return article_text.check_published(
            moment if timezone.is_aware(moment) else timezone.make_aware(moment))
    except (ValidationError, OverflowError) as exc:
        raise CommandError(f"--published-at: {' '.join(getattr(exc, 'messages', [str(exc)]))}") from None


class Command(BaseCommand):
    help = "Create articles from text files (first line = title) and send them to the pipeline."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="FILE", help="text files or directories")
        parser.add_argument("--url", nargs="+", dest="urls", metavar="URL",
                            help="fetch these article pages instead of reading files")
        parser.add_argument("--format", choices=bulk.FORMATS, dest="bulk_format",
                            help="FILE is a bulk file: one article per row (title, body or url, "
                                 "outlet, published_at, language)")
        parser.add_argument("--source", help="outlet name for these articles")
        parser.add_argument("--language", choices=["fr", "en"], help="skip language detection")
        parser.add_argument("--published-at", help="publication date (YYYY-MM-DD or ISO datetime)")

    def handle(self, *args, paths, urls=None, source=None, language=None, published_at=None,
               bulk_format=None, **options):
        if bulk_format:
            if urls or len(paths) != 1:
                raise CommandError("--format reads one FILE.")
            return self.ingest_bulk(Path(paths[0]), bulk_format)
        limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
        when = published(published_at)
        if urls:
            if paths:
                raise CommandError("Give files or --url, not both.")
            return self.ingest_urls(urls, source or "", language or "", when)
        if not paths:
            raise CommandError("Give text files or directories, or --url URL...")
        outlet = Source.objects.get_or_create(name=source)[0] if source else None
        failures = 0
        for path in expand(paths):
            try:
                if not path.exists():
                    raise Unreadable("no such file")
                text = read_article(path, limit)
            except (Unreadable, OSError) as exc:
                failures += 1
                self.stderr.write(f"{path}: skipped: {exc}")
                continue
            article, created = self.store(text, path, outlet, language, when)
            if created:
                self.stdout.write(f"{article.pk}\t{path}")
            else:
                self.stdout.write(f"{article.pk}\t{path}\t(already on the desk)")
        if failures:
            raise CommandError(f"{failures} file(s) skipped.")

    def store(self, text, path, outlet, language, when):
        existing = article_text.duplicate_of(text)
        if existing:
            return existing, False
        try:
            with transaction.atomic():
                article = Article.objects.create(
                    title=title_of(text, path), body=text, source=outlet, language=language or "",
                    published_at=when,
                )
                dispatch.enqueue_article(article)  # sent to the broker once this commits
        except IntegrityError:
            # The same text stored meanwhile (another ingest, the desk's form).
            existing = article_text.duplicate_of(text)
            if existing is None:
                raise
            return existing, False
        return article, True

    def ingest_urls(self, urls, outlet, language, when):
        failures = 0
        for url in urls:
            try:
                outcome = ingesting.store_from_url(url, outlet=outlet, language=language,
                                                   published_at=when)
            except ingesting.Rejected as exc:
                failures += 1
                self.stderr.write(f"{url}: skipped: {exc}")
                continue
            article = outcome.article
            note = {"url": "\t(URL already on the desk)", "text": "\t(text already on the desk)"}
            self.stdout.write(f"{article.pk}\t{article.url or url}{note.get(outcome.duplicate, '')}")
        if failures:
            raise CommandError(f"{failures} URL(s) skipped.")

    def ingest_bulk(self, path, fmt):
        try:
            text = bulk.decode(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        except ValidationError as exc:
            raise CommandError(f"{path}: {' '.join(exc.messages)}") from None
        tally = bulk.Tally()
        # The bar goes to a terminal only (not to logs or a pipe).
        bar = tqdm(total=bulk.count_rows(text, fmt), unit="row", file=sys.stderr,
                   disable=not sys.stderr.isatty())
        with bar:
            for row in bulk.rows(text, fmt):
                tally.add(row)
                bar.update(1)
        for entry in tally.rejected:
            self.stderr.write(f"{path}:{entry['line']}: rejected: {entry['reason']}")
        rows = tally.created + tally.duplicates + len(tally.rejected)
        self.stdout.write(f"{path}: {rows} row(s): {tally.created} added, {tally.duplicates} already "
                          f"on the desk, {len(tally.rejected)} rejected.")
        if tally.rejected:
            raise CommandError(f"{len(tally.rejected)} row(s) rejected.")
