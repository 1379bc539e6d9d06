"""Through the real extraction step, on the demo articles and the shared corpus: every stored
claim is the article's own words at its offsets, a quote is never restated, and one article never
holds the same claim twice."""

from collections import Counter
from pathlib import Path

import pytest

from factcheck.article_text import clean_body
from factcheck.demo.loader import read
from factcheck.models import Article
from factcheck.tasks.extraction import extract_article
from tests.factories import ArticleFactory

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))

ARTICLES = [pytest.param(row["body"], row["language"], id=f"demo-{i}")
            for i, row in enumerate(read("articles.json"))]
ARTICLES += [pytest.param(path, "fr", id=path.stem) for path in CORPUS_FILES]
if not CORPUS_FILES:
    ARTICLES.append(pytest.param(None, "fr", id="corpus", marks=pytest.mark.skip(
        reason=f"no shared corpus at {CORPUS}")))


def stored_claims(body, language):
    if isinstance(body, Path):
        body = clean_body(body.read_text(encoding="utf-8"))
    article = ArticleFactory(body=body, language=language, state=Article.STATE_QUEUED)
    extract_article.apply(args=[article.pk])
    article.refresh_from_db()
    claims = list(article.claims.filter(is_current=True))
    assert claims, "extraction stored no claim"
    return article, claims


@pytest.mark.parametrize(("body", "language"), ARTICLES)
def test_it_stores_every_claim_as_the_articles_words_at_its_offsets(db, body, language):
    article, claims = stored_claims(body, language)
    assert [c.text for c in claims] == [article.body[c.start:c.end] for c in claims]


@pytest.mark.parametrize(("body", "language"), ARTICLES)
def test_it_never_restates_a_quote(db, body, language):
    _article, claims = stored_claims(body, language)
    assert [c.text for c in claims if c.quoted and c.normalized] == []


@pytest.mark.parametrize(("body", "language"), ARTICLES)
def test_it_never_stores_the_same_claim_twice_in_an_article(db, body, language):
    _article, claims = stored_claims(body, language)
    repeated = [text for text, n in Counter(c.fingerprint for c in claims).items() if n > 1]
    assert repeated == []
