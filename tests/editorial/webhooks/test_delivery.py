import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from editorial.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from editorial.webhooks import delivery, events
from factcheck.models import Article
from tests.editorial.helpers import decide
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

from tests.rebinding import PUBLIC, rebinding_resolver

from .receiver import Receiver

pytestmark = pytest.mark.django_db
allow_private = override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=True)


def subscribe(url, events=("verdict.final", "review.published"), secret="s3cret"):
    return WebhookSubscription.objects.create(url=url, events=list(events), secret=secret)


def final_verdict():
    chief = UserFactory(username="chiefw", role="chief")
    return decide(ClaimFactory(score=0.3), chief, "disputed", "Wrong figure.")


def valid_signature(headers, body, secret):
    """What a receiver does (docs/publishing.md): recompute and compare."""
    fields = dict(part.split("=", 1) for part in headers["X-Factcheck-Signature"].split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


@allow_private
def test_it_sends_a_final_verdict_signed_with_the_subscriptions_secret():
    with Receiver() as receiver:
        subscribe(receiver.url)
        verdict = final_verdict()
        [pending] = WebhookDelivery.objects.all()
        assert delivery.deliver(pending.pk) is None
    [(headers, body)] = receiver.received
    assert valid_signature(headers, body, "s3cret")
    sent = json.loads(body)
    assert (sent["event"], sent["data"]["verdict"]["id"]) == ("verdict.final", verdict.pk)
    assert WebhookDelivery.objects.get().state == WebhookDelivery.STATE_SUCCEEDED


@override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=False)
def test_it_refuses_a_name_that_resolves_to_a_private_address_when_connecting(monkeypatch):
    with Receiver() as receiver:
        port = receiver.server.server_address[1]
        answers = rebinding_resolver(monkeypatch, "hooks.rebind.example")
        subscribe(f"http://hooks.rebind.example:{port}/hook")
        final_verdict()
        pending = WebhookDelivery.objects.get()
        assert delivery.deliver(pending.pk) is None
    assert receiver.received == [] and answers == [PUBLIC, "127.0.0.1"]
    pending.refresh_from_db()
    assert pending.state == WebhookDelivery.STATE_FAILED
    assert "127.0.0.1" in pending.attempt_log.get().error


@allow_private
def test_it_tries_again_later_after_a_500_and_logs_each_attempt():
    with Receiver(statuses=[500, 200]) as receiver:
        subscribe(receiver.url)
        final_verdict()
        pending = WebhookDelivery.objects.get()
        assert delivery.deliver(pending.pk) > 0
        assert delivery.deliver(pending.pk) is None
    pending.refresh_from_db()
    assert pending.state == WebhookDelivery.STATE_SUCCEEDED
    assert [a.status_code for a in pending.attempt_log.all()] == [500, 200]


@allow_private
@override_settings(FACTCHECK_WEBHOOK_MAX_ATTEMPTS=2)
def test_it_gives_up_after_the_last_attempt():
    with Receiver(statuses=[503]) as receiver:
        subscribe(receiver.url)
        final_verdict()
        pending = WebhookDelivery.objects.get()
        delivery.deliver(pending.pk)
        assert delivery.deliver(pending.pk) is None
    pending.refresh_from_db()
    assert (pending.state, pending.attempts) == (WebhookDelivery.STATE_FAILED, 2)


@override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=False)
def test_it_refuses_to_send_to_a_private_address():
    with Receiver() as receiver:
        WebhookSubscription.objects.create(url=receiver.url, events=["verdict.final"])
        final_verdict()
        pending = WebhookDelivery.objects.get()
        assert delivery.deliver(pending.pk) is None
    assert receiver.received == []
    pending.refresh_from_db()
    assert pending.state == WebhookDelivery.STATE_FAILED
    assert "private" in pending.attempt_log.get().error


def test_it_records_events_only_for_the_subscriptions_that_asked_for_them():
    wants = subscribe("https://partner.example/hook", events=["verdict.final"])
    subscribe("https://other.example/hook", events=["review.published"])
    final_verdict()
    assert [d.subscription for d in WebhookDelivery.objects.all()] == [wants]


def test_it_records_a_published_review_with_its_claimreview():
    subscribe("https://partner.example/hook", events=["review.published"])
    verdict = final_verdict()
    verdict.publish(UserFactory(username="chiefp", role="chief"))
    [sent] = WebhookDelivery.objects.all()
    assert sent.event == "review.published"
    assert sent.payload["claim_review"]["@type"] == "ClaimReview"


def test_it_does_nothing_for_a_delivery_already_made():
    subscribe("https://partner.example/hook")
    final_verdict()
    done = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=done.pk).update(state=WebhookDelivery.STATE_SUCCEEDED)
    assert delivery.deliver(done.pk) is None
    assert not done.attempt_log.exists()


@override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=False)
def test_it_refuses_a_private_address_in_the_admin_form():
    chief = UserFactory(username="chiefa", role="chief")
    client = Client()
    client.force_login(chief)
    response = client.post("/admin/editorial/webhooksubscription/add/", {
        "url": "http://127.0.0.1:9/hook", "events": ["verdict.final"], "secret": "x", "active": "on",
    })
    assert response.status_code == 200 and "private" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_it_lets_a_chief_send_a_failed_delivery_again(django_capture_on_commit_callbacks):
    chief = UserFactory(username="chiefa", role="chief")
    subscribe("https://partner.example/hook")
    final_verdict()
    failed = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=failed.pk).update(state=WebhookDelivery.STATE_FAILED, attempts=6)
    client = Client()
    client.force_login(chief)
    with django_capture_on_commit_callbacks(execute=False):
        client.post("/admin/editorial/webhookdelivery/", {
            "action": "send_again", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert (failed.state, failed.attempts) == (WebhookDelivery.STATE_PENDING, 0)


def test_it_finds_a_delivery_whose_task_never_ran():
    subscribe("https://partner.example/hook")
    final_verdict()
    stuck = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - timedelta(minutes=5))
    assert delivery.overdue() == [stuck.pk]


def test_it_leaves_alone_a_delivery_waiting_for_its_retry():
    subscribe("https://partner.example/hook")
    final_verdict()
    waiting = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=waiting.pk).update(
        attempts=3, created_at=timezone.now() - timedelta(hours=1))
    WebhookAttempt.objects.create(delivery=waiting, status_code=500)
    assert delivery.overdue() == []


def test_it_announces_a_finished_article_once_however_often_the_sweep_runs():
    subscribe("https://partner.example/hook", events=["article.done"])
    article = ArticleFactory(state=Article.STATE_DONE, state_changed_at=timezone.now())
    ArticleFactory(state=Article.STATE_VERIFYING, state_changed_at=timezone.now())
    events.announce_pipeline_events()
    events.announce_pipeline_events()
    [sent] = WebhookDelivery.objects.all()
    assert (sent.event, sent.payload["article"]["id"]) == ("article.done", article.pk)


def test_it_announces_each_new_claim_once():
    subscribe("https://partner.example/hook", events=["claim.created"])
    first = ClaimFactory()
    events.announce_pipeline_events()
    second = ClaimFactory()
    events.announce_pipeline_events()
    announced = [d.payload["claim"]["id"] for d in WebhookDelivery.objects.order_by("id")]
    assert announced == [first.pk, second.pk]


def test_it_does_not_announce_what_happened_before_the_subscription():
    ClaimFactory()
    ArticleFactory(state=Article.STATE_DONE, state_changed_at=timezone.now() - timedelta(hours=1))
    subscribe("https://partner.example/hook", events=["claim.created", "article.done"])
    assert events.announce_pipeline_events() == 0
