"""The suggested verdict: evidence in, (suggestion, confidence, reasons) out. Pure."""

from dataclasses import dataclass, field

from factcheck.models import Claim, Evidence

CONTRADICTION_THRESHOLD = 0.5
SUPPORT_THRESHOLD = 0.5
MAX_REASONS = 4


@dataclass
class Suggestion:
    suggestion: str = Claim.SUGGEST_UNKNOWN
    confidence: float = 0.0
    # {"text", "key", "reason", "params"} per reason (reason_entry).
    reasons: list[dict] = field(default_factory=list)
    has_contradiction: bool = False


def combined(confidences):
    """Independent pieces of evidence add up: 1 - Π(1 - c)."""
    remaining = 1.0
    for c in confidences:
        remaining *= 1.0 - max(0.0, min(c, 1.0))
    return 1.0 - remaining


def source_of(evidence):
    """What counts as one source: the outlet a finding names in its data, else its key."""
    data = getattr(evidence, "data", None) or {}
    return data.get("source") or evidence.key


def once_per_source(evidence):
    """The most confident piece of each source (evidence sorted best first): one outlet, many
    articles, is one confirmation."""
    seen, kept = set(), []
    for e in evidence:
        if source_of(e) not in seen:
            seen.add(source_of(e))
            kept.append(e)
    return kept


def asserts(claim):
    """Opinions and questions state nothing to confirm or dispute."""
    return claim.claim_type != "opinion" and claim.modality != Claim.MODALITY_QUESTION


def suggest(evidence, asserted=True) -> Suggestion:
    """Contradictions weigh as much as support; wording signals only ask for sourcing. A claim
    that asserts nothing (`asserted` False: an opinion, a question) is never suggested
    confirmed or disputed."""
    evidence = sorted(evidence, key=lambda e: (-e.confidence, e.key))
    wording = [e for e in evidence if e.kind == Evidence.KIND_WORDING]
    supports = once_per_source([e for e in evidence if asserted
                                and e.stance == Evidence.STANCE_SUPPORTS
                                and e.kind != Evidence.KIND_WORDING])
    contradicts = once_per_source([e for e in evidence if asserted
                                   and e.stance == Evidence.STANCE_CONTRADICTS
                                   and e.kind != Evidence.KIND_WORDING])
    s = combined(e.confidence for e in supports)
    c = combined(e.confidence for e in contradicts)
    result = Suggestion(has_contradiction=any(
        e.confidence >= CONTRADICTION_THRESHOLD for e in contradicts))
    if c >= CONTRADICTION_THRESHOLD and c >= s:
        result.suggestion, result.confidence = Claim.SUGGEST_CONTRADICTED, c * (1 - s / 2)
        ordered = contradicts + supports
    elif s >= SUPPORT_THRESHOLD:
        result.suggestion, result.confidence = Claim.SUGGEST_SUPPORTED, s * (1 - c / 2)
        # A contradiction is always shown, even when support wins.
        ordered = supports[:MAX_REASONS - 1] + contradicts[:1] + supports[MAX_REASONS - 1:]
    elif wording:
        result.suggestion = Claim.SUGGEST_NEEDS_SOURCING
        result.confidence = combined(e.confidence for e in wording)
        ordered = wording
    else:
        ordered = []
    if result.suggestion != Claim.SUGGEST_NEEDS_SOURCING:
        ordered = ordered + wording
    result.confidence = round(result.confidence, 2)
    result.reasons = [reason_entry(e) for e in ordered[:MAX_REASONS]]
    return result


def reason_entry(evidence):
    """What the claim keeps of a reason: the evidence's key (to mask it as its evidence is
    masked), its code and params (rendered in the reader's language) and its English text (logs,
    and the fallback for a reason without a code)."""
    data = getattr(evidence, "data", None) or {}
    entry = {"text": evidence.explanation, "key": evidence.key}
    if data.get("reason"):
        entry.update(reason=data["reason"], params=data.get("params") or {})
    return entry
