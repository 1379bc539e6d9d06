"""What a verification batch writes as evidence: its findings (upserted by key), the keys its
verifiers no longer find (deleted), and the mirror evidence for the claims it cites."""

from factcheck.verifiers import search
from factcheck.verifiers.base import Verifier

from . import sql

CONFIDENCE_DECIMALS = 3


def evidence_row(claim, verifier_name, finding):
    """The Evidence row for a finding, as the sql module's inserts take it."""
    return {
        "claim_id": claim.pk, "verifier": verifier_name, "key": finding.key,
        "kind": finding.kind, "stance": finding.stance,
        "confidence": round(max(0.0, min(finding.confidence, 1.0)), CONFIDENCE_DECIMALS),
        "explanation": finding.explanation, "source_article_id": finding.source_article_id,
        "source_claim_id": finding.source_claim_id, "reference_fact_id": finding.reference_fact_id,
        "url": finding.url, "excerpt": finding.excerpt, "data": finding.data,
    }


def evidence_order(row):
    """Every batch writes evidence keys in this order, so two batches at once queue on their
    keys instead of deadlocking."""
    return row["claim_id"], row["verifier"], row["key"]


def store_findings(outcomes, started):
    """Upsert the outcomes' findings as evidence keyed by (claim, verifier, key), then delete
    the keys their verifiers no longer find among the rows written before `started` (a newer
    row is mirror evidence from a batch running at the same time). Running a verification twice
    leaves the same rows."""
    rows, kept = [], {}
    for o in outcomes:
        findings = {f.key: f for f in o.result.findings}  # one row per key
        kept[(o.claim.pk, o.verifier.name)] = list(findings)
        rows += [evidence_row(o.claim, o.verifier.name, f) for f in findings.values()]
    sql.upsert_evidence(sorted(rows, key=evidence_order))
    sql.delete_stale_evidence(kept, before=started)


def store_mirror_evidence(outcomes):
    """Give the claims these verifications cite the mirror evidence, if they have none yet for
    this claim's article (insert or ignore: their own run's findings win). Returns the ids of
    those given a new row: the others' evidence did not change, their roll-up stands."""
    outcomes = [o for o in outcomes
                if type(o.verifier).reciprocal is not Verifier.reciprocal and o.result.findings]
    others = {}
    for o in outcomes:
        others.update(o.result.cited)
    missing = {f.source_claim_id for o in outcomes for f in o.result.findings
               if f.source_claim_id and f.source_claim_id not in others}
    if missing:
        others.update(search.load_claims(missing))
    rows = []
    for o in outcomes:
        mine = {pk: others[pk] for pk in
                {f.source_claim_id for f in o.result.findings} if pk in others}
        if mine:
            rows += [evidence_row(other, o.verifier.name, f)
                     for other, f in o.verifier.reciprocal(o.claim, o.result, mine)]
    return sql.insert_mirror_evidence(sorted(rows, key=evidence_order))


