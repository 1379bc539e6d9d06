"""A webhook sent by the real Celery worker to a local receiver: signed, and retried after a 500."""

import json

import pytest

from editorial.models import WebhookDelivery
from tests.utils import wait_for

from .receiver import Receiver
from .test_delivery import final_verdict, subscribe, valid_signature

pytestmark = [pytest.mark.worker]


@pytest.mark.django_db(transaction=True)
def test_it_delivers_a_signed_webhook_retried_after_a_500(worker_factory):
    worker_factory(env={"FACTCHECK_FETCH_ALLOW_PRIVATE": "true",
                        "FACTCHECK_WEBHOOK_RETRY_SECONDS": "1"})
    with Receiver(statuses=[500, 200]) as receiver:
        subscribe(receiver.url, events=["verdict.final"])
        verdict = final_verdict()
        wait_for(lambda: WebhookDelivery.objects.filter(
            state=WebhookDelivery.STATE_SUCCEEDED).exists(), timeout=90,
            message="the webhook to be delivered")
    assert len(receiver.received) == 2
    assert all(valid_signature(headers, body, "s3cret") for headers, body in receiver.received)
    assert json.loads(receiver.received[1][1])["data"]["verdict"]["id"] == verdict.pk
    delivery = WebhookDelivery.objects.get()
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 200]
