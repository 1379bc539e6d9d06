from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from editorial.models import AuditLogEntry, ClaimLease, Conflict, Locked, TransitionError, Verdict
from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

LOW, HIGH = 0.3, 0.9  # below / above EDITORIAL_FOUR_EYES_MIN_SCORE (0.7)


def test_it_puts_a_taken_claim_in_review_and_gives_its_taker_the_lease():
    alice = UserFactory(username="alice", role="checker")
    claim = reviewable(ClaimFactory())
    claim.take(alice)
    claim.refresh_from_db()
    assert claim.status == Claim.STATUS_IN_REVIEW
    assert claim.lease.holder == alice
    assert claim.assignee == alice


def test_it_tells_others_who_holds_the_claim_and_since_when():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = reviewable(ClaimFactory())
    claim.take(alice)
    with pytest.raises(Locked) as refused:
        reviewable(claim).take(bob)
    assert refused.value.message.startswith("Being checked by alice since ")


def test_it_refuses_a_verdict_from_someone_who_does_not_hold_the_claim():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = reviewable(ClaimFactory(score=LOW))
    claim.take(alice)
    with pytest.raises(Locked):
        reviewable(claim).give_verdict(bob, Claim.STATUS_CONFIRMED, "ok")
    assert reviewable(claim).status == Claim.STATUS_IN_REVIEW


def test_it_frees_a_claim_whose_lease_expired():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = reviewable(ClaimFactory())
    claim.take(alice)
    ClaimLease.objects.filter(claim=claim).update(expires_at=timezone.now() - timedelta(seconds=1))
    reviewable(claim).take(bob)
    assert ClaimLease.objects.get(claim=claim).holder == bob


def test_it_extends_the_lease_of_its_holder_on_renewal():
    alice = UserFactory(username="alice", role="checker")
    claim = reviewable(ClaimFactory())
    claim.take(alice)
    soon = timezone.now() + timedelta(seconds=5)
    ClaimLease.objects.filter(claim=claim).update(expires_at=soon)
    reviewable(claim).renew(alice)
    assert ClaimLease.objects.get(claim=claim).expires_at > soon + timedelta(seconds=60)


def test_it_makes_a_checker_verdict_on_a_low_score_claim_final():
    alice = UserFactory(username="alice", role="checker")
    claim = reviewable(ClaimFactory(score=LOW))
    claim.take(alice)
    verdict = claim.give_verdict(alice, Claim.STATUS_CONFIRMED, "Matches the minutes.")
    assert verdict.state == Verdict.STATE_FINAL
    assert reviewable(claim).status == Claim.STATUS_CONFIRMED
    assert not ClaimLease.objects.filter(claim=claim).exists()


def test_it_makes_a_checker_verdict_on_a_check_worthy_claim_wait_for_a_chief():
    alice = UserFactory(username="alice", role="checker")
    claim = reviewable(ClaimFactory(score=HIGH))
    claim.take(alice)
    verdict = claim.give_verdict(alice, Claim.STATUS_DISPUTED, "The minutes say otherwise.")
    assert verdict.state == Verdict.STATE_AWAITING_APPROVAL
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL


def test_it_makes_the_verdict_final_once_a_chief_approves_it():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    claim = reviewable(ClaimFactory(score=HIGH))
    claim.take(alice)
    claim.give_verdict(alice, Claim.STATUS_DISPUTED, "The minutes say otherwise.")
    reviewable(claim).approve(carol)
    claim = reviewable(claim)
    assert claim.status == Claim.STATUS_DISPUTED
    assert claim.verdicts.get().reviewed_by == carol


def test_it_makes_a_chiefs_own_verdict_under_the_policy_wait_for_another_chief():
    carol = UserFactory(username="carol", role="chief")
    dave = UserFactory(username="dave", role="chief")
    claim = reviewable(ClaimFactory(score=HIGH))
    claim.take(dave)
    claim.give_verdict(dave, Claim.STATUS_CONFIRMED, "fine")
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL
    with pytest.raises(TransitionError):
        reviewable(claim).approve(dave)
    reviewable(claim).approve(carol)
    assert reviewable(claim).status == Claim.STATUS_CONFIRMED


def test_it_returns_a_sent_back_verdict_to_review():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    claim = reviewable(ClaimFactory(score=HIGH))
    claim.give_verdict(alice, Claim.STATUS_CONFIRMED, "fine")
    reviewable(claim).send_back(carol, "Find a second source.")
    claim = reviewable(claim)
    assert claim.status == Claim.STATUS_IN_REVIEW
    assert claim.verdicts.get().state == Verdict.STATE_SENT_BACK


def test_it_refuses_a_dispute_without_rationale():
    alice = UserFactory(username="alice", role="checker")
    claim = reviewable(ClaimFactory(score=LOW))
    with pytest.raises(TransitionError):
        claim.give_verdict(alice, Claim.STATUS_DISPUTED, "  ")
    assert reviewable(claim).status == Claim.STATUS_NEW


def test_it_refuses_a_verdict_made_on_an_outdated_version():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = ClaimFactory(score=LOW)
    seen_by_alice, seen_by_bob = reviewable(claim), reviewable(claim)
    seen_by_bob.give_verdict(bob, Claim.STATUS_CONFIRMED, "ok", version=seen_by_bob.version)
    with pytest.raises(Conflict) as refused:
        seen_by_alice.give_verdict(alice, Claim.STATUS_DISPUTED, "no", version=0)
    assert "confirmed" in refused.value.message
    assert reviewable(claim).status == Claim.STATUS_CONFIRMED
    assert Verdict.objects.filter(claim=claim).count() == 1


def test_it_refuses_transitions_to_a_reporter():
    rita = UserFactory(username="rita", role="reporter")
    claim = reviewable(ClaimFactory(score=LOW))
    with pytest.raises(PermissionDenied):
        claim.take(rita)
    with pytest.raises(PermissionDenied):
        claim.give_verdict(rita, Claim.STATUS_CONFIRMED, "ok")


def test_it_lets_a_chief_force_unlock_a_claim():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    claim = reviewable(ClaimFactory())
    claim.take(alice)
    reviewable(claim).force_unlock(carol)
    assert not ClaimLease.objects.filter(claim=claim).exists()
    assert AuditLogEntry.objects.filter(claim=claim, action="force_unlock", actor=carol).exists()


def test_it_refuses_force_unlock_to_a_checker():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = reviewable(ClaimFactory())
    claim.take(alice)
    with pytest.raises(PermissionDenied):
        reviewable(claim).force_unlock(bob)


def test_it_reopens_a_decided_claim_with_a_reason():
    alice = UserFactory(username="alice", role="checker")
    claim = reviewable(ClaimFactory(score=LOW))
    claim.give_verdict(alice, Claim.STATUS_CONFIRMED, "ok")
    reviewable(claim).reopen(alice, "New figures were published.")
    assert reviewable(claim).status == Claim.STATUS_IN_REVIEW


def test_it_keeps_four_eyes_claims_reopenable_only_by_a_chief():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    dave = UserFactory(username="dave", role="chief")
    claim = reviewable(ClaimFactory(score=HIGH))
    claim.give_verdict(carol, Claim.STATUS_CONFIRMED, "ok")
    reviewable(claim).approve(dave)
    with pytest.raises(PermissionDenied):
        reviewable(claim).reopen(alice, "I disagree")


def test_it_assigns_a_claim_to_a_checker():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    claim = reviewable(ClaimFactory())
    claim.assign(carol, alice)
    assert reviewable(claim).assignee == alice


def test_it_refuses_to_assign_a_claim_to_a_reporter():
    rita = UserFactory(username="rita", role="reporter")
    carol = UserFactory(username="carol", role="chief")
    with pytest.raises(TransitionError):
        reviewable(ClaimFactory()).assign(carol, rita)


def test_it_logs_who_moved_the_claim_from_where_to_where_and_why():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    claim = reviewable(ClaimFactory(score=HIGH))
    claim.take(alice)
    claim.give_verdict(alice, Claim.STATUS_DISPUTED, "Budget was 3 M€, not 5.")
    reviewable(claim).approve(carol, "Agreed.")
    log = list(AuditLogEntry.objects.filter(claim=claim).order_by("id").values_list(
        "actor__username", "action", "from_status", "to_status", "rationale"))
    assert log == [
        ("alice", "take", "new", "in_review", ""),
        ("alice", "verdict", "in_review", "pending_approval", "Budget was 3 M€, not 5."),
        ("carol", "approve", "pending_approval", "disputed", "Agreed."),
    ]


def test_it_bumps_the_version_on_every_state_change():
    alice = UserFactory(username="alice", role="checker")
    claim = reviewable(ClaimFactory(score=LOW))
    claim.take(alice)
    claim.give_verdict(alice, Claim.STATUS_CONFIRMED, "ok")
    assert reviewable(claim).version == 2


def test_it_generates_claims_in_bulk():
    from django.core.management import call_command

    call_command("generate_claims", "25", "--outlets", "2", stdout=open("/dev/null", "w"))
    assert Claim.objects.filter(article__title__startswith="Bench article").count() == 25
