"""/health/ for load balancers: no login, 200 when all is well, 503 naming what failed, quickly."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from factcheck.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db
DEAD_BROKER = "redis://127.0.0.1:6399/0"


@pytest.fixture
def worker_alive(db):
    return WorkerHeartbeat.objects.create(hostname="w1@desk", queues=["nlp"])


def test_it_answers_200_when_database_broker_and_worker_are_fine(client, worker_alive):
    response = client.get("/health/")
    assert (response.status_code, response.json()["status"]) == (200, "ok")


def test_it_needs_no_login(client, worker_alive):
    assert client.get("/health/").status_code != 302


def test_it_answers_503_naming_the_broker_when_the_broker_is_down(client, settings, worker_alive):
    settings.CELERY_BROKER_URL = DEAD_BROKER
    response = client.get("/health/")
    assert (response.status_code, response.json()["failed"]) == (503, ["broker"])


def test_it_answers_within_a_few_seconds_when_the_broker_is_down(client, settings, worker_alive):
    settings.CELERY_BROKER_URL = DEAD_BROKER
    started = time.monotonic()
    client.get("/health/")
    assert time.monotonic() - started < 5


def test_it_answers_503_naming_the_worker_when_no_worker_reported(client):
    response = client.get("/health/")
    assert (response.status_code, response.json()["failed"]) == (503, ["worker"])


def test_it_counts_a_silent_worker_as_missing(client):
    WorkerHeartbeat.objects.create(hostname="w1@desk", last_seen=timezone.now() - timedelta(minutes=5))
    assert client.get("/health/").json()["failed"] == ["worker"]


@pytest.fixture
def broken_database(monkeypatch):
    from factcheck.monitoring import health

    def broken():
        raise RuntimeError("connection refused by 10.0.0.7:5432")

    monkeypatch.setitem(health.CHECKS, "database", broken)


@pytest.fixture
def staff_client(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="chief", role="chief"))
    return client


def test_it_answers_503_naming_the_database_when_it_fails(client, worker_alive, broken_database):
    response = client.get("/health/")
    assert (response.status_code, response.json()["failed"]) == (503, ["database"])


def test_it_shows_an_anonymous_caller_no_error_text(client, worker_alive, broken_database):
    response = client.get("/health/")
    assert "10.0.0.7" not in response.content.decode()


def test_it_shows_monitoring_staff_what_each_check_said(staff_client, worker_alive, broken_database):
    response = staff_client.get("/health/")
    assert response.json()["checks"]["database"] == "failed: connection refused by 10.0.0.7:5432"


def test_it_is_never_cached(client, worker_alive):
    assert "no-cache" in client.get("/health/")["Cache-Control"]


def test_it_runs_only_the_checks_asked_for(staff_client):
    response = staff_client.get("/health/?only=database")
    assert (response.status_code, list(response.json()["checks"])) == (200, ["database"])
