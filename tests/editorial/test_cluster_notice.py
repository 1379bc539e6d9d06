"""A verdict reaches the same claim in other articles: their "earlier verdicts" check runs again."""

import pytest

from factcheck.models import Claim, ClaimCluster, Verification
from tests.editorial.helpers import reviewable
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_rechecks_the_same_claim_elsewhere_once_a_verdict_is_final(django_capture_on_commit_callbacks):
    cluster = ClaimCluster.objects.create(label="Le budget des écoles")
    claim = reviewable(ClaimFactory(score=0.3, cluster=cluster))
    elsewhere = ClaimFactory(cluster=cluster)
    alice = UserFactory(username="alice", role="checker")
    claim.take(alice)
    with django_capture_on_commit_callbacks(execute=True):
        claim.give_verdict(alice, Claim.STATUS_CONFIRMED, "Matches the council minutes.")
    assert Verification.objects.filter(claim=elsewhere, verifier="earlier_verdicts").exists()


def test_it_waits_for_the_chief_before_telling_the_rest_of_the_cluster(django_capture_on_commit_callbacks):
    cluster = ClaimCluster.objects.create(label="Le budget des écoles")
    claim = reviewable(ClaimFactory(score=0.9, cluster=cluster))
    elsewhere = ClaimFactory(cluster=cluster)
    alice = UserFactory(username="alice", role="checker")
    claim.take(alice)
    with django_capture_on_commit_callbacks(execute=True):
        claim.give_verdict(alice, Claim.STATUS_DISPUTED, "The council voted a different sum.")
    assert not Verification.objects.filter(claim=elsewhere, verifier="earlier_verdicts").exists()
