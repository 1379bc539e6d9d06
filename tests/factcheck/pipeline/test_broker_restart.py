"""Redis stops mid-batch and comes back empty: the sweeper still brings every article to done.

This module drives its own redis-server on a spare port (no persistence, so the restart loses
every queued message, as a crashed broker would) and points both this process's Celery app and
a worker at it.
"""

import shutil
import subprocess
import time

import pytest

from tests.conftest import WorkerProcess, worker_database_url
from tests.services import reachable
from tests.utils import use_broker, wait_for

from factcheck.models import Verification

from .workload import SLOW, all_done, duplicates, send_batch, sweep_until_done

PORT = 6391
BROKER = f"redis://127.0.0.1:{PORT}/0"

pytestmark = [pytest.mark.worker]


class RedisServer:
    def __init__(self, port):
        self.port, self.proc = port, None

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: reachable("127.0.0.1", self.port), timeout=10, message="redis-server")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def own_redis():
    if shutil.which("redis-server") is None or reachable("127.0.0.1", PORT):
        pytest.skip(f"needs redis-server and a free port {PORT}")
    server = RedisServer(PORT)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker_on_own_redis(own_redis, django_db_setup, transactional_db, tmp_path, settings):
    settings.FACTCHECK_STALE_AFTER_SECONDS = 4
    db_url = worker_database_url()
    if db_url is None:
        pytest.skip("needs PostgreSQL (the worker shares the test database)")
    with use_broker(BROKER):
        worker = WorkerProcess(db_url, BROKER, tmp_path, env=SLOW).start()
        yield worker
        worker.stop()


def test_it_brings_every_article_to_done_after_the_broker_restarts_empty(own_redis, worker_on_own_redis):
    ids = send_batch(8, offset=200)
    wait_for(lambda: Verification.objects.filter(claim__article_id__in=ids, state="succeeded").exists(),
             timeout=90, message="the worker to get going")
    own_redis.stop()
    time.sleep(2)
    own_redis.start()
    assert not all_done(ids)
    sweep_until_done(ids, timeout=150, worker=worker_on_own_redis)
    assert duplicates(ids) == []
