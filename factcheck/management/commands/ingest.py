"""`manage.py ingest FILE... [--source NAME]`: articles from text files, sent to the pipeline."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils import timezone

from factcheck.models import Article, Source
from factcheck.models.article import content_hash
from factcheck.pipeline import dispatch


class Unreadable(Exception):
    """A file that is not an article; the message says why, the other files go on."""


def read_article(path, limit):
    size = path.stat().st_size
    if size == 0:
        raise Unreadable("empty file")
    if size > limit:
        raise Unreadable(f"too large ({size} bytes, the limit is {limit})")
    data = path.read_bytes()
    if b"\x00" in data:
        raise Unreadable("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise Unreadable("no text (only blank space)")
    return text


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
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = "Create articles from text files (first line = title) and send them to the pipeline."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE", help="text files or directories")
        parser.add_argument("--source", help="outlet name for these articles")
        parser.add_argument("--language", choices=["fr", "en"], help="skip language detection")
        parser.add_argument("--published-at", help="publication date (YYYY-MM-DD or ISO datetime)")

    def handle(self, *args, paths, source=None, language=None, published_at=None, **options):
        limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
        when = published(published_at)
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
            self.stderr.write(f"{failures} file(s) skipped.")

    @transaction.atomic
    def store(self, text, path, outlet, language, when):
        existing = Article.objects.filter(content_hash=content_hash(text)).first()
        if existing:
            return existing, False
        title = text.split("\n", 1)[0].strip()[:500] or path.stem
        article = Article.objects.create(
            title=title, body=text, source=outlet, language=language or "", published_at=when,
        )
        dispatch.enqueue_article(article)  # sent to the broker once this transaction commits
        return article, True
