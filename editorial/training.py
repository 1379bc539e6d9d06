"""What editors teach the extraction: claims they set aside as not a claim (opinions,
rhetoric), exported as negative examples for the extraction's training data."""

from .models import STATUS_NOT_A_CLAIM, AuditLogEntry


def not_a_claim_examples():
    """One dict per claim currently set aside, by claim id, with the editor's reason."""
    # The latest decision per claim (a claim reopened and set aside again has two).
    entries = (
        AuditLogEntry.objects.filter(action="not_a_claim", claim__status=STATUS_NOT_A_CLAIM)
        .select_related("claim", "actor").order_by("claim_id", "-created_at", "-id")
    )
    seen = set()
    for entry in entries:
        if entry.claim_id in seen:
            continue
        seen.add(entry.claim_id)
        claim = entry.claim
        yield {
            "label": STATUS_NOT_A_CLAIM,
            "claim_id": claim.pk,
            "article_id": claim.article_id,
            "language": claim.language,
            "text": claim.text,
            "sentence": claim.sentence,
            "start": claim.start,
            "end": claim.end,
            "claim_type": claim.claim_type,
            "score": claim.score,
            "reason": entry.rationale,
            "editor": entry.actor.get_username() if entry.actor_id else "",
            "decided_at": entry.created_at.isoformat(),
        }

