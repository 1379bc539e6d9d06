import pytest
from django.db import IntegrityError, transaction

from factcheck.models import Article, Claim, Verification
from tests.factories import (
    ArticleFactory, ClaimFactory, EvidenceFactory, ReferenceFactFactory, VerificationFactory,
)

pytestmark = pytest.mark.django_db


def test_it_refuses_two_current_claims_on_the_same_span():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(article=claim.article, start=claim.start, end=claim.end)


def test_it_keeps_a_retired_claim_beside_a_new_one_on_the_same_span():
    claim = ClaimFactory(is_current=False, status=Claim.STATUS_DISPUTED)
    ClaimFactory(article=claim.article, start=claim.start, end=claim.end)
    assert claim.article.claims.count() == 2


def test_it_refuses_an_empty_span():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(start=10, end=10)


def test_it_refuses_a_score_above_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(score=1.5)


def test_it_refuses_the_same_article_text_twice():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(body="  " + article.body.replace(" ", "  "))


def test_it_refuses_two_active_verifications_by_one_verifier_on_one_claim():
    first = VerificationFactory(state=Verification.STATE_STARTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        VerificationFactory(claim=first.claim, verifier=first.verifier)


def test_it_allows_a_new_verification_once_the_previous_one_finished():
    first = VerificationFactory(state=Verification.STATE_FAILED)
    VerificationFactory(claim=first.claim, verifier=first.verifier)
    assert Verification.objects.filter(claim=first.claim).count() == 2


def test_it_refuses_the_same_evidence_twice_from_one_verifier():
    evidence = EvidenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceFactory(claim=evidence.claim, verifier=evidence.verifier, key=evidence.key)


def test_it_refuses_a_reference_fact_that_ends_before_it_starts():
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        ReferenceFactFactory(
            valid_from=datetime.date(2024, 5, 1), valid_to=datetime.date(2024, 4, 1)
        )


def test_it_counts_words_when_an_article_is_saved():
    article = ArticleFactory(body="Un deux trois quatre.")
    assert Article.objects.get(pk=article.pk).word_count == 4
