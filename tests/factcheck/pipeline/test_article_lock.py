"""A pipeline step holding an article (storing its claims, fanning out) does not stop another
batch from committing evidence that cites the article: that wait, with the batch holding claim
rows the step then updates, was a deadlock."""

import pytest
from django.db import connection, transaction

from factcheck.models import Article, Evidence
from tests.factories import ArticleFactory, ClaimFactory

from .helpers import holding

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")


def test_it_commits_evidence_citing_an_article_whose_claims_are_being_stored():
    cited = ArticleFactory()
    claim = ClaimFactory()
    release, thread = holding(lambda: Article.locked(cited.pk))
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            Evidence.objects.create(claim=claim, verifier="corroboration", key=f"article:{cited.pk}",
                                    kind=Evidence.KIND_ARTICLE, stance=Evidence.STANCE_SUPPORTS,
                                    confidence=0.6, explanation="same report",
                                    source_article=cited)
            # The foreign key is checked here, at commit (deferred): it must not wait.
    finally:
        release.set()
        thread.join(timeout=20)
    assert Evidence.objects.filter(claim=claim, source_article=cited).exists()
