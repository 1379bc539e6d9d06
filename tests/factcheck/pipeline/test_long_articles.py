"""A long article is analysed to its last word: nothing past some length is silently left out
(what is too large for the desk is refused by the form, with the limit stated)."""

from factcheck.models import Article
from factcheck.tasks.extraction import extract_article
from tests.factcheck.pipeline.helpers import ONE_CLAIM_ARTICLE
from tests.factories import ArticleFactory

# A line repeated is analysed once (cheap); the checkable sentence comes after 240,000 characters.
FILLER = "Voici la suite de notre direct.\n"


def test_it_stores_a_claim_found_at_the_end_of_a_long_article(db):
    body = FILLER * (250_000 // len(FILLER)) + "\n" + ONE_CLAIM_ARTICLE
    article = ArticleFactory(body=body, language="fr", state=Article.STATE_QUEUED)
    extract_article.apply(args=[article.pk])
    last = article.claims.filter(is_current=True).order_by("-start").first()
    assert last is not None and last.start > 240_000 and "Morlaix" in last.text
