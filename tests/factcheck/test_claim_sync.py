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


# A sentence stored whole, then extracted again as two clauses (the extractor now splits it).
SPLIT = "Le maire a inauguré la gare lundi et la région a promis 4 millions d'euros."
FIRST_CLAUSE = "Le maire a inauguré la gare lundi"
SECOND_CLAUSE = "la région a promis 4 millions d'euros"


def clause(body, sentence, text):
    sentence_start = body.index(sentence)
    start = body.index(text, sentence_start)
    return {**extracted(body, sentence), "text": text, "start": start, "end": start + len(text),
            "sentence_start": sentence_start, "sentence_end": sentence_start + len(sentence)}


def clauses_of(body):
    return [clause(body, SPLIT, FIRST_CLAUSE), clause(body, SPLIT, SECOND_CLAUSE)]


def reviewed_whole_sentence(body):
    article = ArticleFactory(body=body)
    sync_claims(article, [extracted(body, SPLIT)])
    claim = article.claims.get()
    article.claims.update(status=Claim.STATUS_CONFIRMED)
    return article, claim


def test_it_keeps_a_reviewed_claim_whose_sentence_is_now_split_into_clauses():
    article, claim = reviewed_whole_sentence(SPLIT)
    sync_claims(article, clauses_of(SPLIT))
    kept = Claim.objects.get(pk=claim.pk)
    assert (kept.is_current, kept.status, kept.text) == (True, Claim.STATUS_CONFIRMED,
                                                         SECOND_CLAUSE)


def test_it_adds_the_other_clauses_of_a_split_sentence_as_new_claims():
    article, claim = reviewed_whole_sentence(SPLIT)
    sync_claims(article, clauses_of(SPLIT))
    new = article.claims.filter(is_current=True).exclude(pk=claim.pk)
    assert [(c.text, c.status) for c in new] == [(FIRST_CLAUSE, Claim.STATUS_NEW)]


def test_it_keeps_a_split_sentences_claim_when_the_text_was_also_edited_above_it():
    article, claim = reviewed_whole_sentence("Mise à jour.\n" + SPLIT)
    article.body = "Mise à jour : le conseil a aussi voté.\n" + SPLIT
    article.save()
    sync_claims(article, clauses_of(article.body))
    kept = Claim.objects.get(pk=claim.pk)
    assert (kept.is_current, kept.status, article.body[kept.start:kept.end]) == (
        True, Claim.STATUS_CONFIRMED, SECOND_CLAUSE)


def test_it_changes_nothing_when_the_split_sentence_is_extracted_again():
    article, _claim = reviewed_whole_sentence(SPLIT)
    sync_claims(article, clauses_of(SPLIT))
    assert sync_claims(article, clauses_of(SPLIT)) == (0, 0, 0)


def test_it_never_gives_a_reviewed_claim_to_a_clause_of_another_sentence():
    body = SPLIT + "\nLa ville compte 12 000 habitants."
    article, claim = reviewed_whole_sentence(body)
    sync_claims(article, [extracted(body, "La ville compte 12 000 habitants.")])
    assert Claim.objects.get(pk=claim.pk).is_current is False
