"""The claims the verifiers read (search.load_claims): what the ORM's for_verification() gives,
articles and outlets included, without a query each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from factcheck.models import Claim
from factcheck.models.claim import ClaimQuerySet
from factcheck.verifiers.search import load_claims
from tests.factories import ArticleFactory, ClaimFactory


def value(claim, path):
    for part in path.split("__"):
        claim = getattr(claim, part) if claim is not None else None
    return claim


@pytest.fixture
def claims(db):
    with_outlet = ClaimFactory(entities=[{"text": "OpenAI", "label": "ORG", "start": 0, "end": 6}],
                               status_changed_at=timezone.now())
    without_outlet = ClaimFactory(article=ArticleFactory(source=None, url="https://example.org/a"))
    same_article = ClaimFactory(article=with_outlet.article, start=1)
    return [with_outlet, without_outlet, same_article]


def test_it_gives_the_verifiers_what_the_orm_would(claims):
    ids = [c.pk for c in claims]
    expected = Claim.objects.for_verification().in_bulk(ids)
    found = load_claims(ids)
    fields = ClaimQuerySet.VERIFICATION_FIELDS
    assert {(pk, f): value(found[pk], f) for pk in ids for f in fields} \
        == {(pk, f): value(expected[pk], f) for pk in ids for f in fields}


def test_it_reads_articles_and_outlets_without_a_query_each(claims):
    found = load_claims([c.pk for c in claims])
    with CaptureQueriesContext(connection) as queries:
        outlets = [c.article.source.name if c.article.source_id else None for c in found.values()]
    assert len(queries) == 0 and outlets.count(None) == 1
