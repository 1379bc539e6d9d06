"""Demo content for a fresh desk: articles written for the project, reference facts, gazetteer."""

import json
from pathlib import Path

from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from factcheck.models import Article, GazetteerEntry, ReferenceFact, Source
from factcheck.models.article import content_hash

HERE = Path(__file__).resolve().parent


def read(name):
    """The rows of one of the demo content files ("articles.json", "gazetteer.json", …)."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@transaction.atomic
def load_demo_content():
    """Create what is missing; running it again adds nothing. Returns the new articles."""
    for row in read("gazetteer.json"):
        GazetteerEntry.objects.get_or_create(
            text=row["text"], label=row["label"], language=row["language"],
            defaults={"notes": row.get("notes", "")},
        )
    for row in read("reference_facts.json"):
        ReferenceFact.objects.get_or_create(
            subject=row["subject"], relation=row["relation"], value=row["value"],
            defaults={
                "aliases": row["aliases"], "source_url": row["source_url"],
                "valid_from": parse_date(row["valid_from"]) if row["valid_from"] else None,
                "valid_to": parse_date(row["valid_to"]) if row["valid_to"] else None,
            },
        )
    created = []
    for row in read("articles.json"):
        if Article.objects.filter(content_hash=content_hash(row["body"])).exists():
            continue
        source, _created = Source.objects.get_or_create(name=row["outlet"])
        created.append(
            Article.objects.create(
                title=row["title"], body=row["body"], language=row["language"], source=source,
                published_at=parse_datetime(row["published_at"]),
            )
        )
    return created
