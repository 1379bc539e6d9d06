"""Pool processes compute on one thread each: the worker already runs one per core, and BLAS
threads of their own would spin on the cores the others need."""

import os

import psutil
import pytest

from factcheck.models import Article
from factcheck.tasks.extraction import extract_article
from factcheck.worker_signals import BLAS_THREAD_VARIABLES, single_threaded_blas
from tests.factories import ArticleFactory
from tests.utils import wait_for

from .helpers import ONE_CLAIM_ARTICLE


@pytest.mark.worker
def test_it_runs_each_pool_process_on_a_single_thread_once_spacy_is_loaded(transactional_db, worker_factory):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("on one core BLAS starts no thread of its own anyway")
    worker = worker_factory(concurrency=2)
    article = ArticleFactory(body=ONE_CLAIM_ARTICLE, language="fr", state=Article.STATE_QUEUED)
    extract_article.apply_async(args=[article.pk])
    wait_for(lambda: Article.objects.get(pk=article.pk).state == Article.STATE_DONE,
             timeout=120, message="the article to be extracted and verified")
    pool = psutil.Process(worker.proc.pid).children()
    assert len(pool) == 2
    assert [p.num_threads() for p in pool] == [1, 1]


def test_it_keeps_a_thread_count_the_operator_set(monkeypatch):
    for name in BLAS_THREAD_VARIABLES:  # set, then removed: the test's end restores them
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    single_threaded_blas()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
    assert os.environ["OMP_NUM_THREADS"] == "1"
