"""The send-back loop: back to its author, visible as sent back with the chief's comment."""

import pytest
from django.urls import reverse

from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.editorial.test_views import client_for
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_back():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    claim = ClaimFactory(score=0.3, text="La commune a dépensé 5 millions.")
    reviewable(claim).take(alice)
    reviewable(claim).assign(carol, None)
    reviewable(claim).give_verdict(alice, Claim.STATUS_DISPUTED, "Wrong.")
    reviewable(claim).send_back(carol, "Cite the 2023 accounts.")
    return claim, alice


def test_it_assigns_a_sent_back_claim_to_its_author(sent_back):
    claim, alice = sent_back
    assert reviewable(claim).assignee == alice
    assert reviewable(claim).status == Claim.STATUS_IN_REVIEW


def test_it_lists_a_sent_back_claim_under_assigned_to_me(sent_back):
    claim, alice = sent_back
    page = client_for(alice).get(reverse("editorial:queue") + "?mine=on").content.decode()
    assert "La commune a dépensé 5 millions." in page


def test_it_shows_sent_back_with_the_chiefs_comment_in_the_queue(sent_back):
    claim, alice = sent_back
    page = client_for(alice).get(reverse("editorial:queue")).content.decode()
    assert "Sent back:</strong> Cite the 2023 accounts." in page


def test_it_shows_sent_back_with_the_chiefs_comment_on_the_claim_page(sent_back):
    claim, alice = sent_back
    page = client_for(alice).get(claim.get_absolute_url()).content.decode()
    assert "Sent back by carol:</strong> Cite the 2023 accounts." in page


def test_it_stops_showing_sent_back_once_the_author_gives_a_new_verdict(sent_back):
    claim, alice = sent_back
    reviewable(claim).give_verdict(alice, Claim.STATUS_DISPUTED, "The 2023 accounts say 3 M€.")
    carol = UserFactory(username="carol")
    page = client_for(carol).get(reverse("editorial:queue")).content.decode()
    assert "Sent back:" not in page
