"""Which deliveries of an extraction task get to extract (claim_for_extraction): a waiting
article once, an article edited since its extraction, never one another run is extracting
unless this run is that run's retry."""

from factcheck.models import Article
from factcheck.pipeline.extraction import claim_for_extraction
from tests.factories import ArticleFactory


def extracted(article, state):
    """The article as extraction leaves it: its current text extracted, in `state`."""
    Article.objects.filter(pk=article.pk).update(state=state, extracted_hash=article.content_hash)


def test_it_takes_a_waiting_article_once_and_counts_the_attempt(db):
    article = ArticleFactory(state=Article.STATE_QUEUED)
    assert [claim_for_extraction(article.pk), claim_for_extraction(article.pk)] == [True, False]
    article.refresh_from_db()
    assert (article.state, article.attempts) == (Article.STATE_EXTRACTING, 1)


def test_it_takes_an_article_edited_since_its_extraction(db):
    article = ArticleFactory()
    extracted(article, Article.STATE_DONE)
    assert not claim_for_extraction(article.pk)
    Article.objects.filter(pk=article.pk).update(extracted_hash="an earlier text")
    assert claim_for_extraction(article.pk)


def test_it_leaves_an_article_another_run_is_extracting_to_that_run(db):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(state=Article.STATE_EXTRACTING,
                                                 extracted_hash="an earlier text")
    assert not claim_for_extraction(article.pk)
    assert claim_for_extraction(article.pk, retrying=True)
