"""A worker killed mid-batch, with beat running and the default settings: its work is sent
again promptly (not after the sweeper's five minutes), through real workers on Redis and
PostgreSQL."""

import time

import pytest
from django.conf import settings

from factcheck.models import Verification
from tests.conftest import worker_database_url
from tests.utils import wait_for

from .beat import BeatProcess
from .workload import SLOW, all_done, duplicates, kill_worker, send_batch, worker_report

pytestmark = [pytest.mark.worker]


@pytest.fixture
def beat(transactional_db, session_worker_factory, tmp_path):
    process = BeatProcess(worker_database_url(), settings.CELERY_BROKER_URL,
                          tmp_path / "beat.log").start()
    yield process
    process.stop()


def held_by(worker, ids):
    return Verification.objects.filter(claim__article_id__in=ids, worker=worker.hostname,
                                       state=Verification.STATE_STARTED)


def test_it_sends_again_within_60_s_what_a_killed_worker_held(transactional_db, worker_factory, beat):
    first = worker_factory(env=SLOW, concurrency=2)
    ids = send_batch(8, offset=400)
    wait_for(lambda: held_by(first, ids).exists(), timeout=90, message="the first worker to take a batch")
    kill_worker(first)
    killed_at = time.monotonic()
    worker_factory(env=SLOW, concurrency=2)
    wait_for(lambda: not held_by(first, ids).exists(), timeout=60 - (time.monotonic() - killed_at),
             interval=1.0, message="the killed worker's verifications to be sent again")


def test_it_finishes_every_article_within_180_s_of_a_worker_killed_mid_batch(transactional_db, worker_factory, beat):
    first = worker_factory(env=SLOW, concurrency=2)
    ids = send_batch(8, offset=300)
    wait_for(lambda: held_by(first, ids).exists() and Verification.objects.filter(
        claim__article_id__in=ids, state=Verification.STATE_SUCCEEDED).exists(),
        timeout=90, message="the first worker to be mid-batch")
    kill_worker(first)
    killed_at = time.monotonic()
    second = worker_factory(env=SLOW, concurrency=2)
    try:
        wait_for(lambda: all_done(ids), timeout=180 - (time.monotonic() - killed_at),
                 interval=1.0, message="every article to be done")
    except AssertionError as exc:
        raise AssertionError(f"{exc}{worker_report(second)}\nbeat:\n{beat.log()[-2000:]}") from None
    assert duplicates(ids) == []
