"""Small helpers shared by the editorial tests (plain functions, not fixtures)."""

from editorial.models import ReviewableClaim


def reviewable(claim):
    return ReviewableClaim.objects.get(pk=claim.pk)


def decide(claim, author, status, rationale="", sources=(), correction_note=""):
    """A decided claim, through the workflow: `author`'s verdict, approved by another chief when
    the four-eyes policy holds it back. Returns the verdict, as stored."""
    from editorial.models import Verdict
    from tests.factories import UserFactory

    claim = reviewable(claim)
    verdict = claim.give_verdict(author, status, rationale, sources, correction_note)
    if verdict.state == Verdict.STATE_AWAITING_APPROVAL:
        approver = UserFactory(username=f"approver{verdict.pk}", role="chief")
        reviewable(claim).approve(approver, "Seen.")
    return Verdict.objects.get(pk=verdict.pk)
