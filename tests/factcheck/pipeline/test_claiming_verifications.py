"""A verification batch first claims its rows: those nobody is working on become started,
with the attempt counted; finished rows and rows another worker holds are left alone."""

import pytest
from django.db import connection

from factcheck.models import Verification
from factcheck.pipeline.batch import claim_rows
from tests.factories import VerificationFactory

from .helpers import holding


def test_it_starts_the_waiting_verifications_and_counts_their_attempt(db):
    waiting = VerificationFactory(attempts=1)
    done = VerificationFactory(state=Verification.STATE_SUCCEEDED)
    claimed = claim_rows([waiting.pk, done.pk], task_id="task-1")
    waiting.refresh_from_db()
    assert claimed == [(waiting.pk, waiting.claim_id, waiting.verifier, 2)]
    assert (waiting.state, waiting.attempts, waiting.task_id) == (Verification.STATE_STARTED, 2, "task-1")


def test_it_leaves_a_finished_verification_as_it_was(db):
    done = VerificationFactory(state=Verification.STATE_SUCCEEDED, attempts=1)
    assert claim_rows([done.pk]) == []
    done.refresh_from_db()
    assert (done.state, done.attempts) == (Verification.STATE_SUCCEEDED, 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_skips_a_verification_another_worker_holds():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    held_row, free_row = VerificationFactory(), VerificationFactory()
    release, thread = holding(lambda: Verification.objects.select_for_update().get(pk=held_row.pk))
    try:
        claimed = claim_rows([held_row.pk, free_row.pk])
    finally:
        release.set()
        thread.join()
    held_row.refresh_from_db()
    assert [row[0] for row in claimed] == [free_row.pk]
    assert (held_row.state, held_row.attempts) == (Verification.STATE_PENDING, 0)
