"""An open claim page learns of lock and state changes by polling a small fragment."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.editorial.helpers import reviewable
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def poll_url(client, claim):
    """The fragment address the claim page polls, as the page states it."""
    page = client.get(claim.get_absolute_url()).content.decode()
    return re.search(r'id="claim-live"[^>]*hx-get="([^"]+)"', page).group(1).replace("&amp;", "&")


def test_it_answers_nothing_to_swap_while_the_claim_is_unchanged():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory(score=0.3)
    reviewable(claim).take(alice)
    client = client_for(alice)
    assert client.get(poll_url(client, claim)).status_code == 204


def test_it_tells_the_holder_that_a_chief_released_their_lock():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory(score=0.3)
    reviewable(claim).take(alice)
    client = client_for(alice)
    url = poll_url(client, claim)
    reviewable(claim).force_unlock(UserFactory(username="carla", role="chief"))
    fragment = client.get(url).content.decode()
    assert "This claim changed since the page was opened." in fragment
    assert "Nobody holds this claim." in fragment and "You hold this claim" not in fragment


def test_it_shows_the_new_status_after_someone_else_s_verdict():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory(score=0.3)
    client = client_for(alice)
    url = poll_url(client, claim)
    # Confirmed on a low score: final at once under the default four-eyes policy.
    reviewable(claim).give_verdict(UserFactory(username="bob", role="checker"), "confirmed", "Right figure.")
    fragment = client.get(url).content.decode()
    assert 'id="claim-status" hx-swap-oob="true">confirmed<' in fragment


def test_it_keeps_another_reporter_s_claim_out_of_reach():
    claim = ClaimFactory()
    response = client_for(UserFactory(username="rita", role="reporter")).get(
        reverse("editorial:claim_live", args=[claim.pk]))
    assert response.status_code == 403
