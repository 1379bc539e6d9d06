"""Two editors giving a verdict on the same claim at the same moment, on real PostgreSQL."""

import threading

import pytest
from django.apps import apps
from django.db import connection, connections

from editorial.models import Conflict, ReviewableClaim, Verdict
from editorial.roles import sync_role_groups
from factcheck.models import Claim
from tests.factories import ClaimFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(claim_pk, contenders):
    """Each contender gives its verdict in its own thread and connection, all released at once."""
    barrier = threading.Barrier(len(contenders))
    outcomes = {}

    def run(user, status, version):
        try:
            barrier.wait(timeout=10)
            ReviewableClaim.objects.get(pk=claim_pk).give_verdict(user, status, "reason", version=version)
            outcomes[user.username] = "saved"
        except Conflict as exc:
            outcomes[user.username] = exc.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=c) for c in contenders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.fixture(autouse=True)
def roles():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    sync_role_groups(apps)


def test_it_keeps_exactly_one_of_two_simultaneous_verdicts():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = ClaimFactory(score=0.3)
    outcomes = race(claim.pk, [(alice, Claim.STATUS_CONFIRMED, 0), (bob, Claim.STATUS_DISPUTED, 0)])
    assert sorted(o == "saved" for o in outcomes.values()) == [False, True]
    winner = next(name for name, o in outcomes.items() if o == "saved")
    assert Verdict.objects.filter(claim_id=claim.pk).get().author.username == winner
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_it_tells_the_loser_what_the_claim_became():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = ClaimFactory(score=0.3)
    outcomes = race(claim.pk, [(alice, Claim.STATUS_CONFIRMED, 0), (bob, Claim.STATUS_CONFIRMED, 0)])
    loser_message = next(o for o in outcomes.values() if o != "saved")
    assert "it is now “confirmed”" in loser_message
    assert "Your change was not saved" in loser_message
