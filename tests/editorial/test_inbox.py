"""The chief's inbox: what awaits approval, and approving or sending back in bulk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.editorial.test_views import client_for
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def proposed(author, status=Claim.STATUS_DISPUTED, text=None):
    # Check-worthy: every verdict on it waits for a chief.
    claim = ClaimFactory(score=0.9, **({"text": text} if text else {}))
    reviewable(claim).give_verdict(author, status, "Reasons given.")
    return reviewable(claim)


@pytest.fixture
def alice():
    return UserFactory(username="alice", role="checker")


@pytest.fixture
def carol():
    return UserFactory(username="carol", role="chief")


def test_it_lists_the_proposed_verdict_its_author_and_why_a_chief_is_needed(alice, carol):
    proposed(alice, text="Le budget a doublé en 2023.")
    page = client_for(carol).get(reverse("editorial:inbox")).content.decode()
    assert "Le budget a doublé en 2023." in page
    assert "alice" in page and "disputed" in page and "a disputed verdict" in page


def test_it_shows_the_inbox_count_in_the_navigation(alice, carol):
    proposed(alice)
    proposed(alice)
    page = client_for(carol).get(reverse("editorial:queue")).content.decode()
    assert '<span class="count" id="inbox-count">2</span>' in page


def test_it_does_not_count_a_chiefs_own_verdicts_in_their_inbox(carol):
    proposed(carol)
    page = client_for(carol).get(reverse("editorial:queue")).content.decode()
    assert '<span class="count" id="inbox-count">0</span>' in page


def test_it_keeps_the_inbox_from_checkers(alice):
    assert client_for(alice).get(reverse("editorial:inbox")).status_code == 403


def test_it_asks_for_confirmation_saying_what_will_change_before_a_bulk_approval(alice, carol):
    claims = [proposed(alice), proposed(alice, Claim.STATUS_CONFIRMED)]
    response = client_for(carol).post(reverse("editorial:inbox_bulk"), {
        "action": "approve", "claims": [f"{c.pk}:{c.version}" for c in claims],
    })
    page = response.content.decode()
    assert "Approve 2 verdicts?" in page
    assert "confirmed (1)" in page and "disputed (1)" in page
    assert {reviewable(c).status for c in claims} == {Claim.STATUS_PENDING_APPROVAL}


def test_it_approves_every_confirmed_verdict_in_bulk(alice, carol):
    claims = [proposed(alice), proposed(alice, Claim.STATUS_CONFIRMED)]
    response = client_for(carol).post(reverse("editorial:inbox_bulk"), {
        "action": "approve", "confirm": "1", "claims": [f"{c.pk}:{c.version}" for c in claims],
    }, follow=True)
    assert "2 verdicts approved." in response.content.decode()
    assert [reviewable(c).status for c in claims] == [Claim.STATUS_DISPUTED, Claim.STATUS_CONFIRMED]


def test_it_skips_a_claim_that_changed_since_the_inbox_was_shown(alice, carol):
    claim = proposed(alice)
    stale = f"{claim.pk}:{claim.version - 1}"
    response = client_for(carol).post(reverse("editorial:inbox_bulk"), {
        "action": "approve", "confirm": "1", "claims": [stale],
    }, follow=True)
    assert f"Claim #{claim.pk} skipped" in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL


def test_it_says_to_tick_a_verdict_when_none_is_ticked(carol):
    response = client_for(carol).post(reverse("editorial:inbox_bulk"), {"action": "approve"})
    assert response.status_code == 400
    assert "Tick at least one verdict first." in response.content.decode()


def test_it_asks_why_before_sending_back_in_bulk(alice, carol):
    claim = proposed(alice)
    response = client_for(carol).post(reverse("editorial:inbox_bulk"), {
        "action": "send_back", "confirm": "1", "claims": [f"{claim.pk}:{claim.version}"],
    })
    assert response.status_code == 400
    assert "Say why the verdicts are sent back." in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL


def test_it_reads_the_navigation_counts_in_one_query(alice, carol):
    from editorial.inbox import nav_counts

    proposed(alice)
    carol.has_perm("editorial.approve_verdict")  # a request has loaded them already
    with CaptureQueriesContext(connection) as queries:
        counts = nav_counts(carol)
    assert counts == {"unread": 0, "to_approve": 1}
    assert len(queries) == 1


def test_it_speaks_french_in_the_inbox_and_its_confirmation(alice, carol):
    claims = [proposed(alice), proposed(alice)]
    client = client_for(carol)
    page = client.get(reverse("editorial:inbox"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "À approuver" in page and "Verdicts cochés\u202f:" in page
    page = client.post(reverse("editorial:inbox_bulk"), {
        "action": "approve", "claims": [f"{c.pk}:{c.version}" for c in claims],
    }, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Approuver 2 verdicts\u202f?" in page


def test_it_shows_the_proposed_verdict_and_its_author_in_the_queue(alice, carol):
    proposed(alice, Claim.STATUS_CONFIRMED)
    page = client_for(carol).get(reverse("editorial:queue")).content.decode()
    assert "alice proposes “confirmed”" in page
