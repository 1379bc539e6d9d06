"""A verifier whose read for the whole batch fails in the database still verifies each claim,
reading claim by claim, and the batch's other verifiers are not disturbed: inside a caller's
transaction (an eager run) as in a worker's autocommit session."""

import pytest

from factcheck.pipeline import fanout
from factcheck.models import Evidence, Verification

from .helpers import claim_in, run_pending

CLAIM = "Selon plusieurs salariés, la direction aurait démissionné."


@pytest.fixture
def ungatherable(settings):
    settings.FACTCHECK_ENABLED_VERIFIERS = ["wording"]
    settings.FACTCHECK_EXTRA_VERIFIERS = {"ungatherable": "tests.verifier_doubles.UngatherableVerifier"}
    return settings


def verify_one_claim(django_capture_on_commit_callbacks):
    claim = claim_in(CLAIM)
    with django_capture_on_commit_callbacks(execute=False):
        fanout.start_verification(claim.article_id)
    run_pending()
    return claim


def states(claim):
    return dict(Verification.objects.filter(claim=claim).values_list("verifier", "state"))


def test_it_reads_claim_by_claim_when_the_batch_read_fails_in_a_transaction(ungatherable, db, django_capture_on_commit_callbacks):
    claim = verify_one_claim(django_capture_on_commit_callbacks)
    assert states(claim) == {"wording": Verification.STATE_SUCCEEDED, "ungatherable": Verification.STATE_SUCCEEDED}
    assert Evidence.objects.get(claim=claim, verifier="ungatherable").explanation == "gathered for this claim alone"


def test_it_reads_claim_by_claim_when_the_batch_read_fails_in_autocommit(ungatherable, transactional_db, django_capture_on_commit_callbacks):
    claim = verify_one_claim(django_capture_on_commit_callbacks)
    assert states(claim) == {"wording": Verification.STATE_SUCCEEDED, "ungatherable": Verification.STATE_SUCCEEDED}
    assert Evidence.objects.filter(claim=claim, verifier="wording").exists()
