import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .services import START_HINT, reachable, redis_reachable, require

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Runs before the test database is created: fail (CI) or skip clearly if Postgres is down."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
        require(reachable(host, port), f"PostgreSQL at {host}:{port}", START_HINT)


def worker_database_url():
    """The URL of the test database pytest-django created, for processes we start."""
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        return None
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{connection.settings_dict['NAME']}"


class WorkerProcess:
    """A real `celery worker` subprocess on the test database and the test broker."""

    def __init__(self, db_url, broker_url, log_dir, queues=None, concurrency=2, env=None):
        from factcheck.celery import WORKER_QUEUES

        queues = queues or WORKER_QUEUES
        self.db_url, self.broker_url = db_url, broker_url
        self.extra_env = env or {}
        self.queues, self.concurrency = queues, concurrency
        self.log_dir = log_dir
        self.proc = None
        self.hostname = None

    def start(self, timeout=90):
        from factcheck.celery import app

        self.hostname = f"test-{uuid.uuid4().hex[:8]}@localhost"
        env = dict(
            os.environ, DATABASE_URL=self.db_url, CELERY_BROKER_URL=self.broker_url,
            DJANGO_SETTINGS_MODULE="factcheck.settings.test", PYTHONUNBUFFERED="1",
            **self.extra_env,
        )
        self.log_path = self.log_dir / f"{self.hostname.split('@')[0]}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "-Q", self.queues,
             "-c", str(self.concurrency), "-n", self.hostname, "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=self.log_path.open("w"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited at start:\n{self.log_path.read_text()[-3000:]}")
            if app.control.ping(destination=[self.hostname], timeout=1.0):
                return self
        raise RuntimeError(f"worker did not answer within {timeout}s:\n{self.log_path.read_text()[-3000:]}")

    def stop(self, sig=None):
        if self.proc and self.proc.poll() is None:
            if sig is None:
                self.proc.terminate()
            else:
                self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log(self):
        return self.log_path.read_text() if self.log_path.exists() else ""


@pytest.fixture(scope="session")
def session_worker_factory(django_db_setup, django_db_blocker, tmp_path_factory):
    """Start real workers; every one started is stopped at the end of the session."""
    from django.conf import settings

    from factcheck.celery import app

    broker = settings.CELERY_BROKER_URL
    require(redis_reachable(broker), f"Redis broker at {broker}", START_HINT)
    db_url = worker_database_url()
    require(db_url is not None, "PostgreSQL (the worker shares the test database)",
            "Set DATABASE_URL to a postgres:// URL.")
    app.control.purge()
    started = []
    log_dir = tmp_path_factory.mktemp("workers")

    def start(**kwargs):
        worker = WorkerProcess(db_url, broker, log_dir, **kwargs).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def worker_factory(session_worker_factory, only_own_workers):
    """Workers for one test, with the settings it asks for (env, queues, concurrency): no
    other worker runs beside them, and they are stopped when the test ends."""
    started = []

    def start(**kwargs):
        started.append(session_worker_factory(**kwargs))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture(scope="session")
def shared_worker_slot():
    return {"worker": None}


@pytest.fixture
def celery_worker(session_worker_factory, shared_worker_slot):
    """One real worker shared by the tests that just need work done (started on first use)."""
    worker = shared_worker_slot["worker"]
    if worker is None or worker.proc.poll() is not None:
        shared_worker_slot["worker"] = worker = session_worker_factory()
    return worker


@pytest.fixture
def only_own_workers(shared_worker_slot):
    """Stop the shared worker: a test that starts workers with their own settings (or kills
    them) must be sure no other worker takes its tasks. The next test needing it restarts it."""
    worker = shared_worker_slot["worker"]
    if worker is not None:
        worker.stop()
        shared_worker_slot["worker"] = None


@pytest.fixture(autouse=True)
def default_language():
    """A request in French (a French editor's) leaves French active in this thread: put the
    default back, so that a later test reading a translated message reads it in English."""
    yield
    from django.utils import translation

    translation.deactivate()
