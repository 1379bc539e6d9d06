"""The pipeline's bulk writes (factcheck.pipeline.sql): what they store is what was given,
whatever the text holds."""

import pytest
from django.db import connection

from factcheck.models import Claim, Evidence, Verification
from factcheck.pipeline import sql
from tests.factories import ClaimFactory

# What an array literal must escape: quotes, braces, commas, backslashes, the word NULL.
AWKWARD = ['Il a dit « non », {sic} "NULL" \\ fin', "NULL", "", "a,b}{c"]


def test_it_stores_evidence_text_exactly_as_written(db):
    claim = ClaimFactory()
    rows = [{"claim_id": claim.pk, "verifier": "wording", "key": f"k{i}", "kind": "wording",
             "stance": "mentions", "confidence": 0.5, "explanation": text, "excerpt": text}
            for i, text in enumerate(AWKWARD)]
    sql.upsert_evidence(rows)
    stored = dict(Evidence.objects.filter(claim=claim).values_list("key", "explanation"))
    assert stored == {f"k{i}": text for i, text in enumerate(AWKWARD)}


def test_it_updates_each_row_with_its_own_values(db):
    claims = ClaimFactory.create_batch(3)
    for claim, text in zip(claims, AWKWARD):
        claim.suggestion_reasons = [text, {"why": text}]
        claim.priority = 0.25
    sql.update_claims(claims, ["suggestion_reasons", "priority"])
    stored = {c.pk: (c.suggestion_reasons, c.priority) for c in Claim.objects.all()}
    assert stored == {c.pk: ([t, {"why": t}], 0.25) for c, t in zip(claims, AWKWARD)}


def test_it_returns_the_new_ids_in_the_order_of_the_rows(db):
    claim = ClaimFactory()
    names = ["wording", "corroboration", "reference_facts", "earlier_verdicts"]
    ids = sql.insert_verifications([{"claim_id": claim.pk, "verifier": name, "input_hash": name}
                                    for name in names])
    assert [Verification.objects.get(pk=pk).verifier for pk in ids] == names


def upsert_finding(claim, confidence):
    sql.upsert_evidence([{"claim_id": claim.pk, "verifier": "corroboration", "key": "article:7",
                          "kind": "article", "stance": "supports", "confidence": confidence,
                          "explanation": "Reported the same way by Le Progrès"}])
    return Evidence.objects.get(claim=claim)


@pytest.mark.postgres
def test_it_leaves_an_upserted_row_that_already_holds_the_values_as_it_was(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite rewrites the row (bulk_create's upsert)")
    claim = ClaimFactory()
    first = upsert_finding(claim, 0.7)
    again = upsert_finding(claim, 0.7)
    assert (again.pk, again.updated_at) == (first.pk, first.updated_at)


def test_it_rewrites_an_upserted_row_whose_values_changed(db):
    claim = ClaimFactory()
    first = upsert_finding(claim, 0.7)
    changed = upsert_finding(claim, 0.8)
    assert (changed.pk, changed.confidence) == (first.pk, 0.8)
    assert changed.updated_at > first.updated_at
