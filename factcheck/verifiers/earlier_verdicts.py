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
from .search import NEAR_DUPLICATE, near_duplicates, near_duplicates_many

STANCES = {
    Claim.STATUS_CONFIRMED: (Evidence.STANCE_SUPPORTS, 0.85),
    Claim.STATUS_DISPUTED: (Evidence.STANCE_CONTRADICTS, 0.85),
    Claim.STATUS_UNVERIFIABLE: (Evidence.STANCE_MENTIONS, 0.5),
}


def verdict_finding(claim, earlier, similarity):
    """Pure: the Finding for an earlier claim that has a verdict, or None."""
    if earlier.status not in STANCES:
        return None
    stance, confidence = STANCES[earlier.status]
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
        data=reasons.reason_data(f"checked_before_{earlier.status}",
                                 day=describe.local_day(earlier.status_changed_at
                                                           or earlier.updated_at)),
    )


class EarlierVerdictsVerifier(Verifier):
    # 2: the reason stored as a code with the verdict's date (shown with its year).
    version = "2"

    def gather(self, claim):
        return near_duplicates(claim, threshold=NEAR_DUPLICATE)

    def gather_many(self, claims):
        return near_duplicates_many(claims, threshold=NEAR_DUPLICATE)

    def check(self, claim, context) -> Result:
        result = Result()
        for earlier, similarity in context or []:
            if earlier.article_id == claim.article_id or similarity < NEAR_DUPLICATE:
                continue
            result.cluster_with.append(earlier.pk)
            finding = verdict_finding(claim, earlier, similarity)
            if finding:
                result.findings.append(finding)
        # The most recent verdict first: it is the one an editor wants to see.
        result.findings.sort(key=lambda f: -f.confidence)
        return result
