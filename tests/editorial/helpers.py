"""Small helpers shared by the editorial tests (plain functions, not fixtures)."""

from editorial.models import ReviewableClaim


def reviewable(claim):
    return ReviewableClaim.objects.get(pk=claim.pk)
