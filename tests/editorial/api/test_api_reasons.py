"""The API explains evidence and suggestions in the caller's language, with the reason codes
beside the text for machines."""

from datetime import datetime, timezone as dt_timezone

import pytest

from factcheck.models import Claim, Evidence
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory, UserFactory

from .helpers import api_client

pytestmark = pytest.mark.django_db

PLACE = {"reason": "place", "params": {"claim": "Kharkiv", "evidence": "Kyiv"}}
ENGLISH = "Kyiv Matin (20 Nov 2023): different place: Kharkiv ≠ Kyiv"


def disputed_claim(article_kwargs=None):
    claim = ClaimFactory(suggestion=Claim.SUGGEST_CONTRADICTED, suggestion_confidence=0.7)
    source = ArticleFactory(source=SourceFactory(name="Kyiv Matin"), title="Frappes à Kyiv",
                            published_at=datetime(2023, 11, 20, 9, tzinfo=dt_timezone.utc),
                            **(article_kwargs or {}))
    evidence = EvidenceFactory(claim=claim, stance=Evidence.STANCE_CONTRADICTS,
                               source_article=source, key=f"article:{source.pk}",
                               explanation=ENGLISH, data=PLACE)
    claim.suggestion_reasons = [{"text": ENGLISH, "key": evidence.key, **PLACE}]
    claim.save(update_fields=["suggestion_reasons"])
    return claim


def get(claim, user=None, **kwargs):
    client = api_client(user or UserFactory(role="checker"))
    return client.get(f"/api/claims/{claim.pk}/", **kwargs)


def test_it_explains_evidence_in_the_language_asked_for():
    data = get(disputed_claim(), data={"lang": "fr"}).json()
    [evidence] = data["evidence"]
    assert "lieu différent\u202f: Kharkiv ≠ Kyiv" in evidence["explanation"]
    assert evidence["reason"] == "place"


def test_it_explains_the_suggestion_in_the_accept_language():
    data = get(disputed_claim(), HTTP_ACCEPT_LANGUAGE="fr").json()
    assert data["suggestion"]["reasons"] == [
        "Kyiv Matin (20 novembre 2023)\u202f: lieu différent\u202f: Kharkiv ≠ Kyiv"]
    assert data["suggestion"]["reason_codes"] == ["place"]


def test_it_explains_the_suggestion_in_english_to_an_english_caller():
    data = get(disputed_claim(), data={"lang": "en"}).json()
    assert data["suggestion"]["reasons"] == [
        "Kyiv Matin (Nov. 20, 2023): different place: Kharkiv ≠ Kyiv"]


def test_it_refuses_a_language_the_desk_does_not_speak_with_a_400():
    response = get(disputed_claim(), data={"lang": "xx"})
    assert response.status_code == 400 and "en, fr" in response.json()["lang"][0]


def test_it_masks_the_explanation_of_evidence_from_an_article_a_reporter_may_not_see():
    alice = UserFactory(username="alice", role="reporter")
    bob = UserFactory(username="bob", role="reporter")
    claim = disputed_claim({"submitted_by": bob})
    claim.article.submitted_by = alice
    claim.article.save(update_fields=["submitted_by"])
    response = get(claim, alice, data={"lang": "en"})
    assert "Kyiv Matin" not in response.content.decode()
    assert response.json()["suggestion"]["reasons"] == ["Another article on the desk disagrees"]
