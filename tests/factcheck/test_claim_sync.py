import pytest

from factcheck.models import Claim
from factcheck.pipeline.extraction import sync_claims
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = "Le maire a inauguré la gare lundi.\nLa ville compte 12 000 habitants."


def extracted(body, sentence, **extra):
    start = body.index(sentence)
    return {"text": sentence, "sentence": sentence, "start": start, "end": start + len(sentence),
            "score": 0.7, "claim_type": "event", "modality": "asserted", "quoted": False,
            "speaker": "", "entities": [], "language": "fr", **extra}


def claims_of(body):
    return [extracted(body, "Le maire a inauguré la gare lundi."),
            extracted(body, "La ville compte 12 000 habitants.")]


def test_it_stores_nothing_new_when_the_same_text_is_extracted_twice():
    article = ArticleFactory(body=BODY)
    sync_claims(article, claims_of(BODY))
    sync_claims(article, claims_of(BODY))
    assert article.claims.count() == 2


def test_it_keeps_a_reviewed_claim_when_the_article_is_edited_above_it():
    article = ArticleFactory(body=BODY)
    sync_claims(article, claims_of(BODY))
    article.claims.filter(text__startswith="La ville").update(status=Claim.STATUS_CONFIRMED)
    article.body = "Mise à jour : précision ajoutée.\n" + BODY
    article.save()
    sync_claims(article, claims_of(article.body))
    kept = article.claims.get(text__startswith="La ville")
    assert (kept.status, article.body[kept.start:kept.end]) == (
        Claim.STATUS_CONFIRMED, "La ville compte 12 000 habitants.")


def test_it_retires_but_keeps_a_reviewed_claim_that_was_removed_from_the_text():
    article = ArticleFactory(body=BODY)
    sync_claims(article, claims_of(BODY))
    article.claims.filter(text__startswith="Le maire").update(status=Claim.STATUS_DISPUTED)
    article.body = "La ville compte 12 000 habitants."
    article.save()
    sync_claims(article, [extracted(article.body, article.body)])
    retired = article.claims.get(text__startswith="Le maire")
    assert retired.is_current is False


def test_it_drops_an_untouched_claim_that_was_removed_from_the_text():
    article = ArticleFactory(body=BODY)
    sync_claims(article, claims_of(BODY))
    article.body = "La ville compte 12 000 habitants."
    article.save()
    sync_claims(article, [extracted(article.body, article.body)])
    assert list(article.claims.values_list("text", flat=True)) == [article.body]
