"""Four eyes by policy: which verdicts wait for a chief, and what a verdict must carry.

Settings (factcheck/settings/base.py): EDITORIAL_APPROVAL_POLICY (flags below; docs/review.md
gives the shares of claims each holds back),
EDITORIAL_FOUR_EYES_MIN_SCORE (the score flag's threshold) and EDITORIAL_VERDICTS_NEEDING_SOURCES.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from factcheck.models import Claim

DISPUTED = "disputed"
CORRECTION_NOTE = "correction_note"
AGAINST_SUGGESTION = "against_suggestion"
SCORE = "score"
HEDGED = "hedged"
QUOTE = "quote"
# Measured on 7 Dec 2026 (docs/review.md): with the score threshold at 0.9, these flags hold back
# the verdicts on about 28% of the factual claims of the labelled documents, against 81% for the
# score alone at 0.7.
DEFAULT_POLICY = (DISPUTED, CORRECTION_NOTE, AGAINST_SUGGESTION, SCORE, HEDGED, QUOTE)
# Flags that depend on the claim only: every verdict on such a claim waits for a chief.
CLAIM_FLAGS = (SCORE, HEDGED, QUOTE)

REASON_LABELS = {
    DISPUTED: _("a disputed verdict"),
    CORRECTION_NOTE: _("a public correction note"),
    AGAINST_SUGGESTION: _("against the verifiers' suggestion"),
    SCORE: _("a check-worthy claim"),
    HEDGED: _("a hedged claim"),
    QUOTE: _("a quote of a named person"),
}

# The verdict each suggestion leans to; a verdict of the other kind goes against it.
_OPPOSITE = {
    Claim.SUGGEST_SUPPORTED: Claim.STATUS_DISPUTED,
    Claim.SUGGEST_CONTRADICTED: Claim.STATUS_CONFIRMED,
}

# Longest free text the desk stores (characters); the forms state and enforce them.
MAX_RATIONALE = 10_000
MAX_COMMENT = 2_000
MAX_CORRECTION_NOTE = 2_000
MAX_SOURCES = 5_000
MAX_NOTE = 5_000


def approval_policy():
    return tuple(settings.EDITORIAL_APPROVAL_POLICY)


def four_eyes_min_score():
    return settings.EDITORIAL_FOUR_EYES_MIN_SCORE


def verdicts_needing_sources():
    return tuple(getattr(
        settings, "EDITORIAL_VERDICTS_NEEDING_SOURCES",
        (Claim.STATUS_CONFIRMED, Claim.STATUS_DISPUTED),
    ))


def goes_against_suggestion(claim, status):
    return _OPPOSITE.get(claim.suggestion) == status


def score_needs_approval(claim):
    return SCORE in approval_policy() and claim.score >= four_eyes_min_score()


def claim_reasons(claim):
    """The policy's flags that hold back every verdict on `claim`, whatever it says."""
    policy = approval_policy()
    reasons = []
    if score_needs_approval(claim):
        reasons.append(SCORE)
    # Confirming a rumour or putting words in a named person's mouth are the costly mistakes.
    if HEDGED in policy and claim.modality == Claim.MODALITY_HEDGED:
        reasons.append(HEDGED)
    if QUOTE in policy and (claim.speaker or "").strip():
        reasons.append(QUOTE)
    return reasons


def approval_reasons(claim, status, correction_note=""):
    """Why a verdict must wait for a chief under the policy: a list of flags, empty when none."""
    policy = approval_policy()
    reasons = []
    if DISPUTED in policy and status == Claim.STATUS_DISPUTED:
        reasons.append(DISPUTED)
    if CORRECTION_NOTE in policy and (correction_note or "").strip():
        reasons.append(CORRECTION_NOTE)
    if AGAINST_SUGGESTION in policy and goes_against_suggestion(claim, status):
        reasons.append(AGAINST_SUGGESTION)
    reasons.extend(claim_reasons(claim))
    return reasons


def reason_labels(reasons):
    return [str(REASON_LABELS.get(reason, reason)) for reason in reasons]
