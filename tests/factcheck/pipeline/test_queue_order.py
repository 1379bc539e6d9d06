"""A worker takes from its queues in the order -Q lists them (celery, verify, nlp): the sweeper is
never starved, and the verifications waiting run before the next extraction (claims wait less
for their verification)."""

import pytest
from django_celery_results.models import TaskResult

from factcheck.models import Article, Claim, Verification
from factcheck.tasks.extraction import extract_article
from factcheck.tasks.sweeper import sweep_stale_work
from factcheck.tasks.verification import verify_claims
from tests.factories import ArticleFactory, ClaimFactory, VerificationFactory
from tests.utils import wait_for

from .helpers import ONE_CLAIM_ARTICLE

pytestmark = [pytest.mark.worker]


def finished_times(verifications):
    return list(Verification.objects.filter(pk__in=[v.pk for v in verifications])
                .values_list("finished_at", flat=True))


def test_it_runs_the_waiting_verifications_before_the_next_extraction(transactional_db, worker_factory):
    article = ArticleFactory(body=ONE_CLAIM_ARTICLE, language="fr", state=Article.STATE_QUEUED)
    waiting = [VerificationFactory(claim=ClaimFactory()) for _ in range(3)]
    # Sent before any worker runs: the extraction first, then the verifications one by one.
    extract_article.apply_async(args=[article.pk])
    for verification in waiting:
        verify_claims.apply_async(args=[[verification.pk]])
    worker_factory(concurrency=1)
    wait_for(lambda: Article.objects.get(pk=article.pk).state == Article.STATE_DONE
             and None not in finished_times(waiting),
             timeout=120, message="the extraction and the verifications to run")
    last_verified = max(finished_times(waiting))
    extracted = min(Claim.objects.filter(article=article).values_list("created_at", flat=True))
    assert last_verified < extracted


def test_it_runs_the_sweeper_before_the_verifications_waiting(transactional_db, worker_factory):
    waiting = [VerificationFactory(claim=ClaimFactory()) for _ in range(3)]
    for verification in waiting:
        verify_claims.apply_async(args=[[verification.pk]])
    sweep = sweep_stale_work.apply_async()
    worker_factory(concurrency=1)
    swept = wait_for(lambda: TaskResult.objects.filter(task_id=sweep.id, status="SUCCESS").first(),
                     timeout=120, message="the sweeper to run")
    wait_for(lambda: None not in finished_times(waiting), timeout=120,
             message="the verifications to run")
    first_verified = min(finished_times(waiting))
    assert swept.date_done < first_verified
