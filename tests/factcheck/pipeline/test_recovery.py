"""Prompt recovery: what a worker that stopped heart-beating held is sent again at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from factcheck.models import Article, Verification, WorkerHeartbeat
from factcheck.pipeline import dispatch, recovery
from tests.factories import ArticleFactory, ClaimFactory, VerificationFactory


def ago(seconds):
    return timezone.now() - timedelta(seconds=seconds)


@pytest.fixture
def sent(monkeypatch):
    """Article ids sent to extraction (the broker itself is not needed here)."""
    ids = []
    monkeypatch.setattr(dispatch, "_send", lambda name, args, kwargs=None: ids.append(args[0]))
    return ids


def heartbeat(hostname, last_seen, started_at=None):
    return WorkerHeartbeat.objects.create(hostname=hostname, last_seen=last_seen,
                                          started_at=started_at or ago(3600))


def started_by(worker, seconds_ago=60, **kwargs):
    return VerificationFactory(state=Verification.STATE_STARTED, worker=worker,
                               started_at=ago(seconds_ago), **kwargs)


def test_it_sends_again_the_verifications_of_a_worker_that_stopped_heart_beating(db, django_capture_on_commit_callbacks):
    heartbeat("dead@host", last_seen=ago(40))
    row = started_by("dead@host")
    with django_capture_on_commit_callbacks(execute=False) as sends:
        assert recovery.recover()["verifications"] == 1
    row.refresh_from_db()
    assert (row.state, len(sends)) == (Verification.STATE_PENDING, 1)


def test_it_leaves_alone_the_verifications_of_a_worker_still_heart_beating(db):
    heartbeat("alive@host", last_seen=ago(5))
    row = started_by("alive@host")
    assert recovery.recover()["verifications"] == 0
    row.refresh_from_db()
    assert row.state == Verification.STATE_STARTED


def test_it_sends_again_the_verifications_of_a_worker_whose_heartbeat_is_gone(db, django_capture_on_commit_callbacks):
    row = started_by("vanished@host")
    with django_capture_on_commit_callbacks(execute=False):
        recovery.recover()
    row.refresh_from_db()
    assert row.state == Verification.STATE_PENDING


def test_it_sends_again_what_a_worker_held_before_it_started_again_under_the_same_name(db, django_capture_on_commit_callbacks):
    heartbeat("same@host", last_seen=ago(2), started_at=ago(20))
    row = started_by("same@host", seconds_ago=60)
    with django_capture_on_commit_callbacks(execute=False):
        recovery.recover()
    row.refresh_from_db()
    assert row.state == Verification.STATE_PENDING


def test_it_keeps_the_attempts_of_a_verification_sent_again(db, django_capture_on_commit_callbacks):
    row = started_by("vanished@host", attempts=2)
    with django_capture_on_commit_callbacks(execute=False):
        recovery.recover()
    row.refresh_from_db()
    assert row.attempts == 2


def test_it_sends_again_an_article_whose_extracting_worker_is_lost(db, sent):
    article = ArticleFactory(state=Article.STATE_EXTRACTING, worker="dead@host")
    Article.objects.filter(pk=article.pk).update(state_changed_at=ago(60))
    assert recovery.recover()["articles"] == 1
    assert sent == [article.pk]
    assert Article.objects.get(pk=article.pk).state == Article.STATE_QUEUED


def test_it_leaves_alone_an_article_a_live_worker_is_extracting(db, sent):
    heartbeat("alive@host", last_seen=ago(5))
    article = ArticleFactory(state=Article.STATE_EXTRACTING, worker="alive@host")
    Article.objects.filter(pk=article.pk).update(state_changed_at=ago(60))
    recovery.recover()
    assert (sent, Article.objects.get(pk=article.pk).state) == ([], Article.STATE_EXTRACTING)


def test_it_closes_an_article_its_last_worker_left_verifying(db):
    article = ArticleFactory(state=Article.STATE_VERIFYING)
    VerificationFactory(claim=ClaimFactory(article=article), state=Verification.STATE_SUCCEEDED,
                        finished_at=ago(60))
    Article.objects.filter(pk=article.pk).update(state_changed_at=ago(90))
    assert recovery.recover()["closed"] == 1
    assert Article.objects.get(pk=article.pk).state == Article.STATE_DONE


def test_it_leaves_open_an_article_whose_last_verification_just_finished(db):
    article = ArticleFactory(state=Article.STATE_VERIFYING)
    VerificationFactory(claim=ClaimFactory(article=article), state=Verification.STATE_SUCCEEDED,
                        finished_at=ago(1))
    Article.objects.filter(pk=article.pk).update(state_changed_at=ago(90))
    recovery.recover()
    assert Article.objects.get(pk=article.pk).state == Article.STATE_VERIFYING


def sent_earlier(seconds_ago=60):
    return VerificationFactory(state=Verification.STATE_PENDING, enqueued_at=ago(seconds_ago))


def test_it_sends_again_a_waiting_batch_when_a_worker_was_just_lost(db, django_capture_on_commit_callbacks):
    heartbeat("dead@host", last_seen=ago(40))
    row = sent_earlier()
    with django_capture_on_commit_callbacks(execute=False) as sends:
        assert recovery.recover()["waiting"] == 1
    row.refresh_from_db()
    assert (len(sends), row.enqueued_at > ago(5)) == (1, True)


def test_it_leaves_waiting_batches_in_the_queue_while_every_worker_is_alive(db, django_capture_on_commit_callbacks):
    heartbeat("alive@host", last_seen=ago(5))
    sent_earlier()
    with django_capture_on_commit_callbacks(execute=False) as sends:
        assert recovery.recover()["waiting"] == 0
    assert sends == []


def test_it_leaves_waiting_batches_to_the_sweeper_once_a_loss_is_old(db, django_capture_on_commit_callbacks):
    heartbeat("dead@host", last_seen=ago(600))
    sent_earlier(seconds_ago=900)
    with django_capture_on_commit_callbacks(execute=False):
        assert recovery.recover()["waiting"] == 0


def test_it_does_not_send_a_batch_again_that_an_earlier_run_sent_again(db, django_capture_on_commit_callbacks):
    heartbeat("dead@host", last_seen=ago(50))
    sent_earlier(seconds_ago=25)  # sent again by the run before, after the worker died
    with django_capture_on_commit_callbacks(execute=False):
        assert recovery.recover()["waiting"] == 0


def test_it_sends_again_a_queued_article_when_a_worker_was_just_lost(db, sent):
    heartbeat("dead@host", last_seen=ago(40))
    article = ArticleFactory(state=Article.STATE_QUEUED)
    Article.objects.filter(pk=article.pk).update(state_changed_at=ago(60))
    recovery.recover()
    assert sent == [article.pk]
