"""Malformed versions, releasing another's lock, a verdict on a decided claim: a clear answer,
nothing changed, nothing typed lost."""

import pytest
from django.urls import reverse

from editorial.models import ClaimLease
from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.editorial.test_views import client_for
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def awaiting():
    claim = ClaimFactory(score=0.9)
    reviewable(claim).give_verdict(UserFactory(username="olga", role="checker"), "disputed", "no")
    return claim


def test_it_refuses_an_approval_with_a_malformed_version():
    carol = UserFactory(username="carol", role="chief")
    claim = awaiting()
    response = client_for(carol).post(reverse("editorial:approve", args=[claim.pk]),
                                      {"version": "abc", "comment": "Fine by me."})
    assert response.status_code == 400
    assert "version is not a number" in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL


def test_it_keeps_the_comment_typed_when_the_version_is_malformed():
    carol = UserFactory(username="carol", role="chief")
    claim = awaiting()
    response = client_for(carol).post(reverse("editorial:approve", args=[claim.pk]),
                                      {"version": "abc", "comment": "Fine by me."})
    assert ">Fine by me.</textarea>" in response.content.decode()


def test_it_says_the_version_is_malformed_on_reopen_rather_than_asking_why():
    carol = UserFactory(username="carol", role="chief")
    claim = ClaimFactory(score=0.3, status=Claim.STATUS_CONFIRMED)
    response = client_for(carol).post(reverse("editorial:reopen", args=[claim.pk]),
                                      {"version": "x", "comment": "New facts."})
    page = response.content.decode()
    assert response.status_code == 400
    assert "version is not a number" in page and "Say why" not in page
    assert ">New facts.</textarea>" in page


def test_it_refuses_an_approval_without_a_version():
    carol = UserFactory(username="carol", role="chief")
    claim = awaiting()
    response = client_for(carol).post(reverse("editorial:approve", args=[claim.pk]), {})
    assert response.status_code == 400
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL


def test_it_refuses_a_take_with_a_malformed_version():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory()
    response = client_for(alice).post(reverse("editorial:take", args=[claim.pk]), {"version": "1e3"})
    assert response.status_code == 400
    assert not ClaimLease.objects.exists()


def test_it_says_so_and_changes_nothing_when_releasing_a_claim_someone_else_holds():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = ClaimFactory()
    reviewable(claim).take(alice)
    response = client_for(bob).post(reverse("editorial:release", args=[claim.pk]))
    page = response.content.decode()
    assert response.status_code == 423
    assert "alice holds this claim, not you" in page and "Claim released." not in page
    assert ClaimLease.objects.get().holder == alice


def test_it_explains_an_invalid_verdict_on_a_decided_claim_and_shows_the_form():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory(score=0.3, status=Claim.STATUS_CONFIRMED)
    response = client_for(alice).post(reverse("editorial:verdict", args=[claim.pk]), {
        "verdict": "disputed", "rationale": "My long analysis.", "version": "0",
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "This claim is “confirmed”: no verdict can be given now." in page
    assert "My long analysis.</textarea>" in page


def test_it_states_the_comment_limit_and_refuses_a_longer_one():
    carol = UserFactory(username="carol", role="chief")
    claim = awaiting()
    response = client_for(carol).post(reverse("editorial:send_back", args=[claim.pk]), {
        "version": str(reviewable(claim).version), "comment": "x" * 2001,
    })
    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL
