"""“Not a claim”: opinions and rhetoric leave the queue, stay in the audit log, are exported."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from editorial.models import STATUS_NOT_A_CLAIM, AuditLogEntry
from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.editorial.test_views import client_for
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

OPINION = "Ce budget est une honte pour la commune."


@pytest.fixture
def alice():
    return UserFactory(username="alice", role="checker")


def set_aside(user, claim, comment="An opinion."):
    return client_for(user).post(reverse("editorial:not_a_claim", args=[claim.pk]), {
        "comment": comment, "version": str(claim.version),
    }, follow=True)


def test_it_takes_a_claim_set_aside_out_of_the_queue(alice):
    claim = ClaimFactory(text=OPINION)
    set_aside(alice, claim)
    page = client_for(alice).get(reverse("editorial:queue")).content.decode()
    assert OPINION not in page
    assert reviewable(claim).status == STATUS_NOT_A_CLAIM


def test_it_keeps_the_decision_in_the_audit_log(alice):
    claim = ClaimFactory()
    page = set_aside(alice, claim, "Rhetoric.").content.decode()
    assert AuditLogEntry.objects.get(action="not_a_claim").rationale == "Rhetoric."
    assert "set aside as not a claim" in page and 'id="claim-status">not a claim<' in page


def test_it_exports_the_claims_set_aside_for_training(alice, capsys):
    claim = ClaimFactory(text=OPINION)
    ClaimFactory(text="Le budget a doublé.")
    set_aside(alice, claim, "Opinion.")
    call_command("export_not_a_claim")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["claim_id"], e["text"], e["label"], e["reason"]) for e in lines] == [
        (claim.pk, OPINION, "not_a_claim", "Opinion.")]


def test_it_lets_a_claim_set_aside_be_reopened(alice):
    claim = ClaimFactory(score=0.3)
    reviewable(claim).mark_not_a_claim(alice, "Opinion.")
    reviewable(claim).reopen(alice, "It states a figure after all.")
    assert reviewable(claim).status == Claim.STATUS_IN_REVIEW


def test_it_refuses_to_set_aside_a_claim_someone_else_holds(alice):
    claim = ClaimFactory()
    reviewable(claim).take(UserFactory(username="bob", role="checker"))
    response = set_aside(alice, reviewable(claim))
    assert response.status_code == 423
    assert reviewable(claim).status == Claim.STATUS_IN_REVIEW
