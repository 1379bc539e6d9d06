"""The verifiers' and roll-ups' claim loader (Claim.objects.loaded_with) against the ORM's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck.models import Claim
from factcheck.models.claim import ClaimQuerySet
from tests.factories import ArticleFactory, ClaimFactory


def value(claim, path):
    for part in path.split("__"):
        claim = getattr(claim, part) if claim is not None else None
    return claim


@pytest.fixture
def claims(db):
    with_outlet = ClaimFactory(entities=[{"text": "OpenAI", "label": "ORG", "start": 0, "end": 6}])
    without_outlet = ClaimFactory(article=ArticleFactory(source=None, url="https://example.org/a"))
    same_article = ClaimFactory(article=with_outlet.article, start=1)
    return [with_outlet, without_outlet, same_article]


def test_it_gives_the_verifiers_what_the_orm_would(claims):
    ids = [c.pk for c in claims]
    expected = Claim.objects.for_verification().in_bulk(ids)
    found = Claim.objects.in_bulk_for_verification(ids)
    assert found.keys() == expected.keys()
    assert {(pk, f): value(found[pk], f) for pk in ids for f in ClaimQuerySet.VERIFICATION_FIELDS} \
        == {(pk, f): value(expected[pk], f) for pk in ids for f in ClaimQuerySet.VERIFICATION_FIELDS}


def test_it_reads_articles_and_outlets_without_a_query_each(claims):
    found = Claim.objects.in_bulk_for_verification([c.pk for c in claims])
    with CaptureQueriesContext(connection) as queries:
        outlets = [c.article.source.name if c.article.source_id else None for c in found.values()]
    assert len(queries) == 0 and outlets.count(None) == 1


def test_it_reads_times_as_the_orm_does_time_zone_included(claims):
    from django.utils import timezone

    claims[0].status_changed_at = timezone.now()
    claims[0].save()
    ids = [c.pk for c in claims]
    expected = Claim.objects.for_verification().in_bulk(ids)
    found = Claim.objects.in_bulk_for_verification(ids)
    times = ["status_changed_at", "updated_at", "article__published_at", "article__created_at"]
    pairs = [(value(found[pk], f), value(expected[pk], f)) for pk in ids for f in times]
    assert any(mine is not None for mine, _orm in pairs)
    assert [(mine, getattr(mine, "tzinfo", None)) for mine, _orm in pairs] \
        == [(orm, getattr(orm, "tzinfo", None)) for _mine, orm in pairs]
