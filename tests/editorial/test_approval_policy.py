"""Four eyes by policy: which verdicts wait for a chief, and what the verdict form demands."""

import pytest
from django.urls import reverse

from editorial.models import Verdict
from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.editorial.test_views import client_for
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

LOW = 0.3


def checker():
    return UserFactory(username="alice", role="checker")


def test_it_makes_a_disputed_verdict_on_a_low_score_claim_wait_for_a_chief():
    claim = reviewable(ClaimFactory(score=LOW))
    verdict = claim.give_verdict(checker(), Claim.STATUS_DISPUTED, "Wrong figure.")
    assert verdict.state == Verdict.STATE_AWAITING_APPROVAL
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL


def test_it_makes_a_verdict_with_a_public_correction_note_wait_for_a_chief():
    claim = reviewable(ClaimFactory(score=LOW))
    claim.give_verdict(checker(), Claim.STATUS_CONFIRMED, "ok", correction_note="We said 5, not 3.")
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL


def test_it_makes_a_verdict_against_the_suggestion_wait_for_a_chief():
    claim = reviewable(ClaimFactory(score=LOW, suggestion=Claim.SUGGEST_CONTRADICTED))
    verdict = claim.give_verdict(checker(), Claim.STATUS_CONFIRMED, "ok")
    assert verdict.approval_reasons == ["against_suggestion"]


def test_it_makes_a_plain_confirmed_verdict_on_a_low_score_claim_final():
    claim = reviewable(ClaimFactory(score=LOW, suggestion=Claim.SUGGEST_SUPPORTED))
    claim.give_verdict(checker(), Claim.STATUS_CONFIRMED, "ok")
    assert reviewable(claim).status == Claim.STATUS_CONFIRMED


def test_it_makes_a_verdict_on_a_hedged_claim_wait_for_a_chief():
    claim = reviewable(ClaimFactory(score=LOW, modality=Claim.MODALITY_HEDGED,
                                    suggestion=Claim.SUGGEST_SUPPORTED))
    verdict = claim.give_verdict(checker(), Claim.STATUS_CONFIRMED, "ok")
    assert verdict.approval_reasons == ["hedged"]


def test_it_makes_a_verdict_on_a_quote_of_a_named_person_wait_for_a_chief():
    claim = reviewable(ClaimFactory(score=LOW, speaker="Claire Martin",
                                    suggestion=Claim.SUGGEST_SUPPORTED))
    verdict = claim.give_verdict(checker(), Claim.STATUS_CONFIRMED, "ok")
    assert verdict.approval_reasons == ["quote"]


def test_it_lets_a_checker_confirm_a_fairly_check_worthy_claim_without_a_chief():
    # 0.8 is above the old 0.7 threshold, which held back four factual claims in five.
    claim = reviewable(ClaimFactory(score=0.8, suggestion=Claim.SUGGEST_SUPPORTED))
    claim.give_verdict(checker(), Claim.STATUS_CONFIRMED, "ok")
    assert reviewable(claim).status == Claim.STATUS_CONFIRMED


def test_it_follows_the_policy_setting(settings):
    settings.EDITORIAL_APPROVAL_POLICY = ["correction_note"]
    claim = reviewable(ClaimFactory(score=0.95))
    claim.give_verdict(checker(), Claim.STATUS_DISPUTED, "Wrong figure.")
    assert reviewable(claim).status == Claim.STATUS_DISPUTED


def verdict_post(claim, **data):
    user = checker()
    return client_for(user).post(reverse("editorial:verdict", args=[claim.pk]), {
        "version": "0", **data,
    })


def test_it_asks_for_a_source_for_a_confirmed_verdict():
    claim = ClaimFactory(score=LOW)
    response = verdict_post(claim, verdict="confirmed", rationale="Matches the minutes.")
    assert response.status_code == 400
    assert "A “Confirmed” verdict needs at least one source." in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_NEW


def test_it_asks_for_no_source_when_the_setting_says_so(settings):
    settings.EDITORIAL_VERDICTS_NEEDING_SOURCES = []
    claim = ClaimFactory(score=LOW)
    verdict_post(claim, verdict="confirmed", rationale="Matches the minutes.")
    assert reviewable(claim).status == Claim.STATUS_CONFIRMED


def test_it_warns_without_blocking_when_the_verdict_goes_against_the_suggestion():
    claim = ClaimFactory(score=LOW, suggestion=Claim.SUGGEST_CONTRADICTED)
    response = client_for(checker()).post(reverse("editorial:verdict", args=[claim.pk]), {
        "version": "0", "verdict": "confirmed", "rationale": "The minutes say 5 M€.",
        "sources": "https://example.org/minutes",
    }, follow=True)
    assert "goes against the verifiers&#x27; suggestion (“likely disputed”)" in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL


def test_it_states_the_length_limit_of_the_rationale_in_the_form():
    claim = ClaimFactory(score=LOW)
    page = client_for(checker()).get(claim.get_absolute_url()).content.decode()
    assert 'maxlength="10000"' in page
    assert "Up to 10\u202f000 characters." in page


def test_it_refuses_a_rationale_over_the_limit_and_keeps_the_claim_unchanged():
    claim = ClaimFactory(score=LOW)
    response = verdict_post(claim, verdict="unverifiable", rationale="x" * 10_001)
    assert response.status_code == 400
    assert "Ensure this value has at most 10000 characters" in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_NEW
