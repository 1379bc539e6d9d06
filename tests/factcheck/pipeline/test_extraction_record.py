"""What extraction records on the article besides its claims: the text it extracted (a second
delivery of the same text does nothing) and the language it found."""

from factcheck.models import Article, Claim
from factcheck.tasks.extraction import extract_article
from tests.factories import ArticleFactory

BODY = ("Le conseil régional de Bretagne a voté jeudi une aide de 12 millions d'euros "
        "aux ports de pêche, selon son président.")


def test_it_does_not_extract_the_same_text_again_when_the_task_comes_twice(db):
    article = ArticleFactory(body=BODY, language="fr", state=Article.STATE_QUEUED)
    extract_article.apply(args=[article.pk])
    claims = list(Claim.objects.filter(article=article).values_list("pk", flat=True))
    again = extract_article.apply(args=[article.pk]).result
    assert again == {"article": article.pk, "skipped": "already taken"}
    assert list(Claim.objects.filter(article=article).values_list("pk", flat=True)) == claims


def test_it_records_the_language_it_found_for_an_article_without_one(db):
    article = ArticleFactory(body=BODY, language="", state=Article.STATE_QUEUED)
    extract_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert (article.language, article.state) == ("fr", Article.STATE_VERIFYING)
