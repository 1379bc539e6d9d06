"""A pipeline step holding an article (storing its claims, fanning out) does not stop another
batch from committing evidence that cites the article: that wait, with the batch holding claim
rows the step then updates, was a deadlock."""

import threading

import pytest
from django.db import connection, connections, transaction

from factcheck.models import Article, Evidence
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")


def holding(article_id):
    """Hold the article as a pipeline step does, in another connection, until released."""
    held, release = threading.Event(), threading.Event()

    def run():
        try:
            with transaction.atomic():
                Article.locked(article_id)
                held.set()
                release.wait(timeout=20)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    assert held.wait(timeout=10)
    return release, thread


def test_it_commits_evidence_citing_an_article_whose_claims_are_being_stored():
    cited = ArticleFactory()
    claim = ClaimFactory()
    release, thread = holding(cited.pk)
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
