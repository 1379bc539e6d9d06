"""Queue depths and worker inspection: read from whichever broker is configured, bounded in time."""

import time

import pytest
from kombu import Exchange, Queue

from factcheck.monitoring import broker
from factcheck.monitoring.workers import worker_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def filesystem_broker(settings, tmp_path):
    """The serverless broker `make run` uses, in a temporary folder."""
    (tmp_path / "queue").mkdir()
    (tmp_path / "control").mkdir()
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path / "queue"), "data_folder_out": str(tmp_path / "queue"),
        "control_folder": str(tmp_path / "control"), "store_processed": False,
    }


def publish(queue_name, count):
    queue = Queue(queue_name, Exchange(queue_name, type="direct"), routing_key=queue_name)
    with broker.bounded_connection() as conn:
        producer = conn.Producer()
        for i in range(count):
            producer.publish({"n": i}, exchange=queue.exchange, routing_key=queue_name,
                             declare=[queue], serializer="json")


def test_it_reads_queue_depths_from_the_serverless_broker(filesystem_broker):
    publish("verify", 2)
    assert broker.queue_depths() == {"nlp": 0, "verify": 2, "celery": 0}


def test_it_does_not_try_to_inspect_workers_through_the_serverless_broker(filesystem_broker):
    assert worker_report().inspect_available is False


def test_it_raises_broker_unavailable_for_a_dead_redis_within_seconds(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6399/0"
    started = time.monotonic()
    with pytest.raises(broker.BrokerUnavailable):
        broker.queue_depths()
    assert time.monotonic() - started < 5


def test_it_waits_about_a_second_at_most_for_workers_to_answer(settings):
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("inspect needs a broadcast-capable broker")
    started = time.monotonic()
    worker_report()
    assert time.monotonic() - started < 2.5
