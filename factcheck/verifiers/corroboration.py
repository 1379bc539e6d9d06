"""Corroboration across sources: other articles on the desk reporting the same event.

Two claims report the same event when they share names (people, organisations) and either the
kind of event (appointment, investment, vote… in French or English) or most of their wording.
Then the stance: a denial on one side only, or a different figure or year, is a contradiction;
otherwise the other outlet supports the claim. Related claims that share a name but not the
event are kept as "mentions", a few at most.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from factcheck.models import Claim, Evidence

from . import describe
from .base import Finding, Result, Verifier
from .search import NEAR_DUPLICATE, RELATED_TRIGRAM, related_claims, related_claims_many
from .text import Names, agreeing_quantities, analyse, disagreeing_quantities, overlap_of

MAX_SUPPORTS = 5
MAX_MENTIONS = 2
# One finding per other article: a contradiction first, then support, then a mention.
STANCE_RANK = {Evidence.STANCE_CONTRADICTS: 3, Evidence.STANCE_SUPPORTS: 2, Evidence.STANCE_MENTIONS: 1}


@dataclass
class Comparison:
    same_event: bool
    stance: str | None
    confidence: float
    detail: str = ""  # what differs, for the explanation


def names_of(claim) -> Names:
    """The claim's Names, kept on the instance while its entities stay the same list."""
    cached = claim.__dict__.get("_factcheck_names")
    if cached is None or cached[0] is not claim.entities:
        cached = claim.__dict__["_factcheck_names"] = (claim.entities, Names.of(claim.entities))
    return cached[1]


def compare(claim, other, similarity=0.0) -> Comparison:
    """Pure: how `other` (a claim from another article) bears on `claim`."""
    a, b = analyse(claim.text), analyse(other.text)
    mine, theirs = names_of(claim), names_of(other)
    names_a, names_b = mine.all, theirs.all
    shared = theirs.shared(names_a)
    smaller = min(len(names_a), len(names_b)) or 1
    overlap = max(similarity, overlap_of(a, b))
    same_kind = bool(a.concepts & b.concepts) or overlap >= RELATED_TRIGRAM
    same_event = same_kind and (len(shared) >= 2 or (shared and len(shared) / smaller >= 1.0))
    if not same_event and not shared and overlap >= NEAR_DUPLICATE:
        same_event = True  # same wording, no names to compare (e.g. an unnamed quantity)
    if not same_event:
        # Two outlets naming different people for the same role at the same organisation.
        persons_a, persons_b = mine.persons, theirs.persons
        others_shared = shared - persons_a - persons_b
        if (others_shared and len(a.concepts & b.concepts) >= 2 and persons_a and persons_b
                and not theirs.shared(persons_a) and not mine.shared(persons_b)
                and a.negated == b.negated):
            return Comparison(True, Evidence.STANCE_CONTRADICTS, 0.55,
                              f"{', '.join(sorted(persons_b))} ≠ {', '.join(sorted(persons_a))}")
        if shared and a.concepts & b.concepts:
            return Comparison(False, Evidence.STANCE_MENTIONS, 0.3)
        return Comparison(False, None, 0.0)
    if a.negated != b.negated:
        return Comparison(True, Evidence.STANCE_CONTRADICTS, 0.7, "negation")
    differing = disagreeing_quantities(a.quantities, b.quantities)
    if differing:
        mine, theirs = differing
        return Comparison(True, Evidence.STANCE_CONTRADICTS, 0.75, f"{theirs.text} ≠ {mine.text}")
    if a.years and b.years and not a.years & b.years:
        return Comparison(True, Evidence.STANCE_CONTRADICTS, 0.6,
                          f"{min(b.years)} ≠ {min(a.years)}")
    confidence = 0.5 + 0.1 * min(len(shared), 3)
    if agreeing_quantities(a.quantities, b.quantities):
        confidence += 0.1
    if overlap >= 0.5:
        confidence += 0.05
    return Comparison(True, Evidence.STANCE_SUPPORTS, round(min(confidence, 0.9), 2))


def explain(comparison, other):
    where = describe.where(other.article)
    if comparison.stance == Evidence.STANCE_SUPPORTS:
        return _("Reported the same way by %(where)s") % {"where": where}
    if comparison.stance == Evidence.STANCE_MENTIONS:
        return _("Related report in %(where)s") % {"where": where}
    if comparison.detail == "negation":
        return _("%(where)s reports it the other way round (denial or negation)") % {"where": where}
    return _("%(where)s disagrees: %(detail)s") % {"where": where, "detail": comparison.detail}


def finding_for(claim, other, comparison):
    return Finding(
        key=f"article:{other.article_id}",
        kind=Evidence.KIND_ARTICLE,
        stance=comparison.stance,
        confidence=comparison.confidence,
        explanation=explain(comparison, other)[:500],
        source_article_id=other.article_id,
        source_claim_id=other.pk,
        url=other.article.url,
        excerpt=describe.excerpt(other.text),
    )


class CorroborationVerifier(Verifier):
    # 2: "successeur"/"successor" name an appointment (factcheck.verifiers.text.CONCEPTS).
    version = "2"

    def reciprocal(self, claim, result, others):
        """Evidence the claims found now get about this one: [(other claim, Finding)].

        An article verified before this one arrived could not see it; rather than verify it
        again, it gets the mirror finding (same comparison, from its side).
        """
        mirrored = []
        for finding in result.findings:
            other = others.get(finding.source_claim_id)
            if other is None or finding.stance == Evidence.STANCE_MENTIONS:
                continue
            comparison = compare(other, claim)
            if comparison.stance in (Evidence.STANCE_SUPPORTS, Evidence.STANCE_CONTRADICTS):
                mirrored.append((other, finding_for(other, claim, comparison)))
        return mirrored

    def gather(self, claim):
        return related_claims(claim)

    def gather_many(self, claims):
        # One candidate search for the whole batch (an article's claims) instead of one each.
        return related_claims_many(claims)

    def check(self, claim, context) -> Result:
        if claim.modality == Claim.MODALITY_QUESTION:
            return Result()  # a question asserts nothing to corroborate
        best = {}  # per other article, its claim that bears most on this one
        for other, similarity in context or []:
            if other.article_id == claim.article_id or other.modality == Claim.MODALITY_QUESTION:
                continue
            comparison = compare(claim, other, similarity)
            if comparison.stance is None:
                continue
            rank = (STANCE_RANK[comparison.stance], comparison.confidence)
            if other.article_id not in best or rank > best[other.article_id][0]:
                best[other.article_id] = (rank, comparison, other)
        found = {"supports": [], "contradicts": [], "mentions": []}
        for _rank, comparison, other in best.values():
            found[comparison.stance].append((comparison, other))
        for stance in found:
            found[stance].sort(key=lambda pair: -pair[0].confidence)
        # Findings (an explanation and an excerpt each) only for the comparisons kept.
        kept = [finding_for(claim, other, comparison) for comparison, other in
                found["contradicts"] + found["supports"][:MAX_SUPPORTS]
                + found["mentions"][:MAX_MENTIONS]]
        others = {other.pk: other for _rank, _comparison, other in best.values()}
        return Result(findings=kept, cited={f.source_claim_id: others[f.source_claim_id]
                                            for f in kept})
