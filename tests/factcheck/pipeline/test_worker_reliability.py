"""At-least-once without duplicates, through real workers on Redis and PostgreSQL."""

import pytest
from celery.result import AsyncResult

from factcheck.models import Article, Claim, Evidence, Verification
from factcheck.tasks.extraction import extract_article
from factcheck.tasks.verification import verify_claims
from tests.utils import wait_for

from tests.factories import VerificationFactory

from .helpers import claim_in
from .workload import SLOW, all_done, duplicates, kill_worker, send_batch, sweep_until_done

pytestmark = [pytest.mark.worker]


@pytest.fixture
def start_worker(worker_factory):
    """Workers for this test only (worker_factory stops them at its end)."""
    return worker_factory


@pytest.fixture
def quick_sweeper(settings):
    settings.FACTCHECK_STALE_AFTER_SECONDS = 4
    return settings


def test_it_brings_every_article_to_done_when_a_worker_is_killed_mid_batch(transactional_db, start_worker, quick_sweeper):
    first = start_worker(env=SLOW, concurrency=2)
    ids = send_batch(8)
    wait_for(lambda: Verification.objects.filter(claim__article_id__in=ids, state="succeeded").exists(),
             timeout=90, message="the first worker to get going")
    assert not all_done(ids)
    kill_worker(first)
    second = start_worker(env=SLOW, concurrency=2)
    sweep_until_done(ids, worker=second)
    assert duplicates(ids) == []
    assert not Claim.objects.filter(article_id__in=ids).exclude(pipeline_state=Claim.PIPELINE_VERIFIED).exists()


def test_it_records_a_failing_verifier_while_the_others_finish(transactional_db, start_worker):
    start_worker(env={"FACTCHECK_EXTRA_VERIFIERS": "failing=tests.verifier_doubles.FailingVerifier"})
    [article_id] = send_batch(1, offset=40)
    wait_for(lambda: all_done([article_id]), timeout=120, message="the article to be done")
    rows = Verification.objects.filter(claim__article_id=article_id)
    failed = rows.filter(verifier="failing")
    assert failed.exists() and set(failed.values_list("state", flat=True)) == {Verification.STATE_FAILED}
    assert "always fails" in failed.first().error
    assert set(rows.exclude(verifier="failing").values_list("state", flat=True)) == {Verification.STATE_SUCCEEDED}
    assert Evidence.objects.filter(claim__article_id=article_id).exists()


def test_it_gives_one_result_when_the_same_verification_task_runs_twice_at_once(transactional_db, start_worker):
    start_worker(env=SLOW, concurrency=2)
    claim = claim_in("Selon plusieurs salariés, la direction aurait démissionné lundi.")
    Article.objects.filter(pk=claim.article_id).update(state=Article.STATE_VERIFYING)
    ids = [VerificationFactory(claim=claim, verifier=name).pk for name in ("wording", "slow", "corroboration")]
    results = [verify_claims.apply_async(args=[ids]) for _ in range(2)]
    outcomes = [AsyncResult(r.id).get(timeout=90) for r in results]
    assert sum(o["verified"] for o in outcomes) == len(ids)
    assert Evidence.objects.filter(claim=claim, verifier="wording").count() == 2
    assert Article.objects.get(pk=claim.article_id).state == Article.STATE_DONE


def test_it_stores_claims_once_when_the_same_extraction_runs_twice_at_once(transactional_db, start_worker):
    start_worker(concurrency=2)
    [article_id] = send_batch(1, offset=80)
    extract_article.apply_async(args=[article_id], kwargs={"force": True})
    wait_for(lambda: all_done([article_id]) and not Verification.objects.filter(
        claim__article_id=article_id, state__in=Verification.ACTIVE_STATES).exists(),
        timeout=120, message="both extractions to finish")
    assert duplicates([article_id]) == []
    assert Claim.objects.filter(article_id=article_id).count() >= 2
