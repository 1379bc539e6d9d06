"""An article keeps at most FACTCHECK_MAX_CLAIMS_PER_ARTICLE claims, the best by score, and its
page says how many more checkable sentences were found."""

from django.test import override_settings

from factcheck.models import Article
from factcheck.tasks.extraction import extract_article
from tests.factories import ArticleFactory, UserFactory

# Three independent checkable sentences, each with a figure or a date.
BODY = ("Le conseil régional de Bretagne a voté jeudi une aide de 12 millions d'euros aux ports "
        "de pêche.\n\nLa préfecture du Finistère a fermé 14 plages mardi après une pollution.\n\n"
        "L'usine de Quimper emploie 420 salariés depuis 2019, selon la direction.")


def extracted(body=BODY, **settings):
    article = ArticleFactory(body=body, language="fr", state=Article.STATE_QUEUED)
    with override_settings(**settings):
        extract_article.apply(args=[article.pk])
    article.refresh_from_db()
    return article


def test_it_keeps_only_the_capped_number_of_claims(db):
    article = extracted(FACTCHECK_MAX_CLAIMS_PER_ARTICLE=1)
    assert article.claims.filter(is_current=True).count() == 1


def test_it_records_how_many_claims_were_not_kept(db):
    found = extracted(FACTCHECK_MAX_CLAIMS_PER_ARTICLE=200).claims.count()
    # The same words again (an article's text is unique on the desk).
    article = extracted(BODY + "\n\n" + BODY.split("\n\n")[0], FACTCHECK_MAX_CLAIMS_PER_ARTICLE=1)
    assert found >= 2 and article.claims_not_kept == found - 1


def test_it_records_nothing_dropped_under_the_cap(db):
    assert extracted(FACTCHECK_MAX_CLAIMS_PER_ARTICLE=200).claims_not_kept == 0


def page_of(client, article, language="en"):
    client.force_login(UserFactory(role="checker"))
    client.cookies["django_language"] = language
    return client.get(article.get_absolute_url()).content.decode()


def test_it_says_on_the_article_page_how_many_sentences_were_not_kept(client, db):
    article = extracted(FACTCHECK_MAX_CLAIMS_PER_ARTICLE=1)
    expected = article.claims_not_kept
    assert f"{expected} more checkable sentence" in page_of(client, article)


def test_it_says_it_in_french_too(client, db):
    article = ArticleFactory(body=BODY, claims_not_kept=3)
    assert "3 autres phrases vérifiables n’ont pas été retenues" in page_of(client, article, "fr")


def test_it_says_nothing_when_every_claim_was_kept(client, db):
    article = ArticleFactory(body=BODY, claims_not_kept=0)
    assert "not kept" not in page_of(client, article)
