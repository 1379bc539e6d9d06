"""Corroboration across sources: other outlets on the desk reporting the same event.

Relevance first: two claims may report the same event when they share names (people,
organisations) and either the kind of event (appointment, investment, vote… in French or
English) or most of their wording; shared names alone are not enough. The stance judge
(factcheck.verifiers.stance) then reads each such pair, all of a batch at once: "unrelated"
drops the candidate, "supports" and "contradicts" become evidence with the judge's reason.

Independence: an outlet counts once (its own other articles are not sources), so does a text
syndicated to several outlets, and an article submitted to the desk is no source until checked.
"""

from dataclasses import dataclass

from factcheck.models import Claim, Evidence

from . import describe, reasons
from .base import Finding, Result, Verifier
from .search import NEAR_DUPLICATE, RELATED_TRIGRAM, related_claims_many, similarity
from .stance import Judgement, judge_many
from .stance.reasons import english
from .text import (Names, agreeing_quantities, analyse, disagreeing_quantities, fold,
                   overlap_of)

MAX_SUPPORTS = 5
# What compare() lets the judge look at: the same event by names and kind of event.
JUDGED = (Evidence.STANCE_SUPPORTS, Evidence.STANCE_CONTRADICTS)
# What the judge's answer keeps: "unrelated" drops the candidate.
KEPT = (Evidence.STANCE_SUPPORTS, Evidence.STANCE_CONTRADICTS)


@dataclass
class Comparison:
    same_event: bool
    stance: str | None
    confidence: float
    reason_code: str = "same_facts"  # a code of factcheck.verifiers.stance.reasons
    reason_params: dict | None = None

    def judgement(self):
        """This rule's answer as the judge gives one: for pairs in two languages, which the
        judge cannot read together."""
        params = self.reason_params or {}
        return Judgement(stance=self.stance, confidence=self.confidence,
                         reason=english(self.reason_code, params), reason_code=self.reason_code,
                         reason_params=params)


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
            return Comparison(True, Evidence.STANCE_CONTRADICTS, 0.55, "person",
                              {"claim": ", ".join(sorted(persons_a)),
                               "evidence": ", ".join(sorted(persons_b))})
        if shared and a.concepts & b.concepts:
            return Comparison(False, Evidence.STANCE_MENTIONS, 0.3)
        return Comparison(False, None, 0.0)
    if a.negated != b.negated:
        return Comparison(True, Evidence.STANCE_CONTRADICTS, 0.7,
                          "negation_claim" if a.negated else "negation_evidence")
    differing = disagreeing_quantities(a.quantities, b.quantities)
    if differing:
        mine, theirs = differing
        return Comparison(True, Evidence.STANCE_CONTRADICTS, 0.75, "number",
                          {"claim": mine.text, "evidence": theirs.text})
    if a.years and b.years and not a.years & b.years:
        return Comparison(True, Evidence.STANCE_CONTRADICTS, 0.6, "date",
                          {"claim": str(min(a.years)), "evidence": str(min(b.years))})
    confidence = 0.5 + 0.1 * min(len(shared), 3)
    if agreeing_quantities(a.quantities, b.quantities):
        confidence += 0.1
    if overlap >= 0.5:
        confidence += 0.05
    return Comparison(True, Evidence.STANCE_SUPPORTS, round(min(confidence, 0.9), 2))


def outlet_key(article):
    """What counts as one source: the outlet, or the article when its outlet is unknown."""
    return ("source", article.source_id) if article.source_id else ("article", article.pk)


def awaiting_check(claim):
    """A claim of an article submitted to the desk for checking, with no verdict yet: it is what
    the desk checks, not a source."""
    return bool(getattr(claim.article, "submitted_by_id", None)) and \
        claim.status not in Claim.VERDICT_STATUSES


def may_corroborate(claim, other):
    """Independence: another outlet's article, not itself waiting to be checked."""
    return (other.article_id != claim.article_id
            and other.modality != Claim.MODALITY_QUESTION
            and outlet_key(other.article) != outlet_key(claim.article)
            and not awaiting_check(other))


def candidates(claim, found):
    """Pure: the (other, similarity, comparison) worth judging, for the same event by the names
    and the kind of event (shared names alone are not enough)."""
    kept = []
    for other, trigram in found or []:
        if not may_corroborate(claim, other):
            continue
        comparison = compare(claim, other, trigram)
        if comparison.same_event and comparison.stance in JUDGED:
            kept.append((other, trigram, comparison))
    return kept


def judged(claims_and_candidates):
    """{claim.pk: [(other, comparison, judgement)]}: every pair of the batch in one judge_many
    per language (one spaCy pass over the distinct texts)."""
    by_lang = {}
    for claim, found in claims_and_candidates:
        for other, _similarity, comparison in found:
            by_lang.setdefault(claim.language or "fr", []).append((claim, other, comparison))
    result = {claim.pk: [] for claim, _found in claims_and_candidates}
    for lang, triples in by_lang.items():
        # The judge reads both texts in one language; across languages the names and the
        # kind of event (compare) are all there is to go on.
        for claim, other, comparison in [t for t in triples
                                         if (t[1].language or "fr") != (t[0].language or "fr")]:
            result[claim.pk].append((other, comparison, comparison.judgement()))
        triples = [t for t in triples if (t[1].language or "fr") == (t[0].language or "fr")]
        if not triples:
            continue
        judgements = judge_many([(c.text, o.text) for c, o, _cmp in triples],
                                lang=lang if lang in ("fr", "en") else "fr")
        for (claim, other, comparison), judgement in zip(triples, judgements):
            if judgement.stance == "supports" and comparison.stance == Evidence.STANCE_CONTRADICTS:
                # A figure, a year or a denial that differs for the same event is a named
                # contradiction; the judge weighs it against the rest of the wording.
                judgement = comparison.judgement()
            result[claim.pk].append((other, comparison, judgement))
    return result


def explain(judgement, other):
    return f"{describe.where(other.article)}: {judgement.reason}"


def finding_for(claim, other, judgement):
    return Finding(
        key=f"article:{other.article_id}",
        kind=Evidence.KIND_ARTICLE,
        stance=judgement.stance,
        confidence=judgement.confidence,
        explanation=explain(judgement, other)[:500],
        source_article_id=other.article_id,
        source_claim_id=other.pk,
        url=other.article.url,
        excerpt=describe.excerpt(other.text),
        data={**reasons.reason_data(judgement.reason_code, **judgement.reason_params),
              "source": "%s:%s" % outlet_key(other.article)},
    )


def independent(pairs):
    """Pure: [(other, judgement)] best first → one per outlet and one per wording (syndicated
    copies of one text count once)."""
    kept, outlets, texts = [], set(), []
    for other, judgement in pairs:
        key = outlet_key(other.article)
        text = fold(other.text)
        if key in outlets or other.fingerprint in {o.fingerprint for o, _j in kept} or any(
                similarity(text, t) >= NEAR_DUPLICATE for t in texts):
            continue
        outlets.add(key)
        texts.append(text)
        kept.append((other, judgement))
    return kept


class CorroborationVerifier(Verifier):
    # 3: the stance judge decides (unrelated candidates dropped, no "mentions"); one source per
    # outlet and per syndicated text; articles awaiting their own check are not sources.
    version = "3"

    def reciprocal(self, claim, result, others):
        """Evidence the claims found now get about this one: [(other claim, Finding)].

        An article verified before this one arrived could not see it; rather than verify it
        again, it gets the mirror finding (judged from its side).
        """
        mirrored = [others[f.source_claim_id] for f in result.findings
                    if f.source_claim_id in others]
        found = judged([(o, candidates(o, [(claim, 0.0)])) for o in mirrored])
        return [(other, finding_for(other, claim, judgement))
                for other in mirrored for _c, _cmp, judgement in found[other.pk]
                if judgement.stance in KEPT]

    def gather(self, claim):
        return self.gather_many([claim])[claim.pk]

    def gather_many(self, claims):
        # One candidate search and one judge_many for the whole batch (an article's claims).
        found = related_claims_many(claims)
        return judged([(c, candidates(c, found.get(c.pk)))
                       if c.modality != Claim.MODALITY_QUESTION else (c, [])
                       for c in claims])

    def check(self, claim, context) -> Result:
        if claim.modality == Claim.MODALITY_QUESTION:
            return Result()  # a question asserts nothing to corroborate
        kept = [(other, judgement) for other, _comparison, judgement in context or []
                if judgement.stance in KEPT]
        # A contradiction first, then the most confident.
        kept.sort(key=lambda pair: (pair[1].stance != Evidence.STANCE_CONTRADICTS,
                                    -pair[1].confidence, pair[0].pk))
        kept = independent(kept)
        contradicts = [p for p in kept if p[1].stance == Evidence.STANCE_CONTRADICTS]
        supports = [p for p in kept if p[1].stance == Evidence.STANCE_SUPPORTS][:MAX_SUPPORTS]
        findings = [finding_for(claim, other, judgement)
                    for other, judgement in contradicts + supports]
        return Result(findings=findings, cited={other.pk: other
                                                for other, _j in contradicts + supports})
