"""Earlier verdicts: the same claim, already reviewed in another article.

Near-duplicates (same wording, or trigram similarity ≥ 0.6) are linked into one cluster whatever
their status; those an editor already decided (confirmed, disputed, unverifiable) give their
verdict as evidence, with a link to the earlier claim. The verdict rows live in the editorial
app, which factcheck never imports: the claim's status and status_changed_at are enough here.
"""

from django.utils.translation import gettext as _

from factcheck.models import Claim, Evidence

from . import describe, reasons
from .base import Finding, Result, Verifier
from .search import NEAR_DUPLICATE, near_duplicates_many
from .stance import judge_many

STANCES = {
    Claim.STATUS_CONFIRMED: (Evidence.STANCE_SUPPORTS, 0.85),
    Claim.STATUS_DISPUTED: (Evidence.STANCE_CONTRADICTS, 0.85),
    Claim.STATUS_UNVERIFIABLE: (Evidence.STANCE_MENTIONS, 0.5),
}


# The stance judge reads a near-duplicate as saying the opposite ("a augmenté" / "a baissé"):
# its verdict bears the other way. A disputed opposite only hints that this one may be true.
OPPOSITE_STANCES = {
    Claim.STATUS_CONFIRMED: (Evidence.STANCE_CONTRADICTS, 0.75),
    Claim.STATUS_DISPUTED: (Evidence.STANCE_SUPPORTS, 0.5),
    Claim.STATUS_UNVERIFIABLE: (Evidence.STANCE_MENTIONS, 0.4),
}


def verdict_finding(claim, earlier, similarity, opposite=False):
    """Pure: the Finding for an earlier claim that has a verdict, or None. `opposite`: the judge
    reads the earlier claim as saying the opposite of this one."""
    if earlier.status not in STANCES:
        return None
    stance, confidence = (OPPOSITE_STANCES if opposite else STANCES)[earlier.status]
    day = describe.local_day(earlier.status_changed_at or earlier.updated_at)
    code = f"{'opposite' if opposite else 'checked_before'}_{earlier.status}"
    if opposite:
        explanation = reasons.render(reasons.reason_data(code, day=day), "", "en")
    else:
        explanation = _("Checked before: %(verdict)s on %(day)s (same claim in %(where)s)") % {
            "verdict": earlier.get_status_display(),
            "day": describe.short_date(earlier.status_changed_at or earlier.updated_at),
            "where": describe.where(earlier.article),
        }
    return Finding(
        key=f"claim:{earlier.pk}",
        kind=Evidence.KIND_EARLIER_VERDICT,
        stance=stance,
        confidence=round(confidence * min(1.0, 0.5 + similarity / 2), 2),
        explanation=explanation[:500],
        source_article_id=earlier.article_id,
        source_claim_id=earlier.pk,
        url=earlier.article.url,
        excerpt=describe.excerpt(earlier.text),
        data=reasons.reason_data(code, day=day),
    )


def opposites(claims, found):
    """{(claim pk, earlier pk)} of the near-duplicates with a verdict that the stance judge
    reads as contradicting the claim: one judge_many per language for the batch."""
    by_lang = {}
    for claim in claims:
        for earlier, _similarity in found.get(claim.pk, []):
            if earlier.status in STANCES and (earlier.language or "fr") == (claim.language or "fr"):
                by_lang.setdefault(claim.language or "fr", []).append((claim, earlier))
    flipped = set()
    for lang, pairs in by_lang.items():
        judgements = judge_many([(c.text, e.text) for c, e in pairs],
                                lang=lang if lang in ("fr", "en") else "fr")
        flipped |= {(c.pk, e.pk) for (c, e), j in zip(pairs, judgements)
                    if j.stance == "contradicts"}
    return flipped


class EarlierVerdictsVerifier(Verifier):
    # 2: the stance judge reads each near-duplicate with a verdict (an opposite claim's verdict
    # bears the other way); the reason stored as a code with the verdict's date.
    version = "2"

    def gather(self, claim):
        return self.gather_many([claim])[claim.pk]

    def gather_many(self, claims):
        found = near_duplicates_many(claims, threshold=NEAR_DUPLICATE)
        flipped = opposites(claims, found)
        return {c.pk: [(earlier, similarity, (c.pk, earlier.pk) in flipped)
                       for earlier, similarity in found.get(c.pk, [])] for c in claims}

    def check(self, claim, context) -> Result:
        result = Result()
        for earlier, similarity, opposite in context or []:
            if earlier.article_id == claim.article_id or similarity < NEAR_DUPLICATE:
                continue
            result.cluster_with.append(earlier.pk)
            finding = verdict_finding(claim, earlier, similarity, opposite)
            if finding:
                result.findings.append(finding)
        # The most recent verdict first: it is the one an editor wants to see.
        result.findings.sort(key=lambda f: -f.confidence)
        return result
