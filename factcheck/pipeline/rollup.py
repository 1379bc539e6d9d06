"""Roll-up and closing: a claim's verifications and evidence become its suggested verdict,
reasons, pipeline state and priority; an article whose current claims have nothing left to
verify is closed (VERIFYING → DONE)."""

from django.db import transaction
from django.utils import timezone

from factcheck.models import Claim, Verification
from factcheck.verifiers.suggestion import asserts, suggest

from . import sql

# What a roll-up writes on a claim.
ROLL_UP_FIELDS = (
    "pipeline_state", "suggestion", "suggestion_confidence", "suggestion_reasons",
    "has_contradiction", "priority", "updated_at",
)
# What it reads of a claim and its article (apply_roll_up, Claim.compute_priority).
ROLL_UP_READS = ("article", "score", "repeat_count", "claim_type", "modality", *ROLL_UP_FIELDS,
                 "article__published_at", "article__created_at")


def apply_roll_up(claim, verifications, evidence):
    """Set the roll-up fields of `claim` (not saved) from its verifications, oldest first (only
    the latest per verifier counts), and its evidence."""
    latest = {}
    for v in verifications:
        latest[v.verifier] = v
    states = {v.state for v in latest.values()}
    if states & set(Verification.ACTIVE_STATES):
        claim.pipeline_state = Claim.PIPELINE_VERIFYING
    elif Verification.STATE_FAILED in states:
        claim.pipeline_state = Claim.PIPELINE_FAILED
    else:
        claim.pipeline_state = Claim.PIPELINE_VERIFIED
    result = suggest(list(evidence), asserted=asserts(claim))
    claim.suggestion = result.suggestion
    claim.suggestion_confidence = result.confidence
    claim.suggestion_reasons = result.reasons
    claim.has_contradiction = result.has_contradiction
    claim.compute_priority()


def roll_up_claims(claim_ids):
    """Roll up these claims together, in a handful of queries; returns their article ids.

    Each claim row is locked (FOR NO KEY UPDATE, in id order, in one statement) so that two
    roll-ups sharing claims queue instead of deadlocking, and concurrent roll-ups of a claim
    apply one after the other. Only the claim rows are locked, not their articles. Inside the
    caller's transaction when there is one.
    """
    ids = sorted(set(claim_ids))
    if not ids:
        return set()
    with transaction.atomic(savepoint=False):
        sql.commit_without_flush()
        claims = list(sql.lock_claims(ids, ROLL_UP_READS).values())
        if not claims:
            return set()
        verifications, evidence = sql.roll_up_inputs([c.pk for c in claims])
        now, changed = timezone.now(), []
        for claim in claims:
            before = [getattr(claim, f) for f in ROLL_UP_FIELDS]
            apply_roll_up(claim, verifications.get(claim.pk, []), evidence.get(claim.pk, []))
            if [getattr(claim, f) for f in ROLL_UP_FIELDS] != before:
                claim.updated_at = now
                changed.append(claim)
        # Unchanged rows are not written: every new row version of a claim costs an entry in
        # each of its indexes, and a claim cited by a new article often keeps its suggestion.
        sql.update_claims(changed, ROLL_UP_FIELDS)
    return {c.article_id for c in claims}


def finish_articles(article_ids):
    """Close the articles (of those given) whose verifications are all finished; returns how
    many were closed.

    Called by every task that finishes verifications, after its own commit: whichever commits
    last sees all the others' work and closes the article. One conditional statement: an
    article given new work meanwhile stays open, and closing twice is harmless.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    # Claims are rolled up once per batch, after their verifications commit: a worker that
    # died in between left some still marked verifying. Roll those of the articles ready to
    # close up before closing them.
    roll_up_claims(sql.claims_left_verifying(ids))
    return sql.close_verified_articles(ids, timezone.now())


def finish_claims(claim_ids, article_ids=()):
    """Roll up the claims (together), then close the articles whose verifications are all
    finished."""
    return finish_articles(set(article_ids) | roll_up_claims(claim_ids))


def settle(article_id):
    """Nothing to run for the article (every verification finished before): roll up its
    claims and close it, after the fan-out's commit."""
    claims = Claim.objects.filter(article_id=article_id, is_current=True)
    finish_claims(list(claims.values_list("pk", flat=True)), article_ids=[article_id])
