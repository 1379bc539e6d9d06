"""What the chief sees on /monitoring/ (no worker process needed: heartbeats and results are rows)."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_celery_results.models import TaskResult

from factcheck.celery import app
from factcheck.models import Article, Claim, WorkerHeartbeat
from tests.factories import ArticleFactory, ClaimFactory, VerificationFactory

pytestmark = pytest.mark.django_db
DEAD_BROKER = "redis://127.0.0.1:6399/0"


def text(response):
    """The page as a reader sees it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def row(response, attribute, value):
    """The text of the table row carrying data-<attribute>="<value>"."""
    html = response.content.decode()
    match = re.search(rf'<tr[^>]*data-{attribute}="{re.escape(str(value))}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no row with data-{attribute}={value}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.fixture
def redis_broker(settings):
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("queue depth test reads a Redis broker")
    # Earlier tests may have left messages with no worker to take them: start and end empty.
    purge_queues()
    yield
    purge_queues()


def purge_queues():
    with app.connection_for_write() as conn:
        for queue in ("nlp", "verify", "celery"):
            conn.default_channel.queue_purge(queue)


def test_it_shows_a_worker_with_a_fresh_heartbeat_as_online(chief_client):
    WorkerHeartbeat.objects.create(hostname="w1@desk", queues=["nlp", "verify"], concurrency=4)
    assert row(chief_client.get("/monitoring/"), "worker", "w1@desk").split()[:5] == [
        "w1@desk", "online", "nlp,", "verify", "4"]


def test_it_shows_a_worker_silent_for_a_minute_as_offline(chief_client):
    WorkerHeartbeat.objects.create(hostname="w1@desk", last_seen=timezone.now() - timedelta(minutes=1))
    assert "offline" in row(chief_client.get("/monitoring/"), "worker", "w1@desk")


def test_it_keeps_showing_a_worker_that_stopped_cleanly_as_offline(chief_client):
    heartbeat = WorkerHeartbeat.objects.create(hostname="w1@desk", queues=["nlp"])
    chief_client.get("/monitoring/")
    heartbeat.delete()  # what a worker does on a clean shutdown
    assert "offline" in row(chief_client.get("/monitoring/"), "worker", "w1@desk")


def test_it_says_so_when_no_worker_is_online(chief_client):
    assert "No worker is online" in text(chief_client.get("/monitoring/"))


def test_it_shows_the_tasks_a_worker_is_running(chief_client):
    WorkerHeartbeat.objects.create(hostname="w1@desk", queues=["nlp"])
    TaskResult.objects.create(task_id="t1", task_name="factcheck.tasks.extraction.extract_article",
                              task_args="(42,)", status="STARTED", worker="w1@desk")
    assert "extract_article 42" in row(chief_client.get("/monitoring/"), "worker", "w1@desk")


def test_it_shows_the_depth_of_each_queue(chief_client, redis_broker):
    for _ in range(3):
        app.send_task("factcheck.tasks.extraction.extract_article", args=[0], queue="nlp")
    assert row(chief_client.get("/monitoring/"), "queue", "nlp") == "nlp 3"


def test_it_counts_articles_by_pipeline_state(chief_client):
    ArticleFactory.create_batch(2, state=Article.STATE_EXTRACTING)
    assert row(chief_client.get("/monitoring/"), "count", "article-extracting") == "extracting claims 2"


def test_it_counts_claims_by_verification_state(chief_client):
    ClaimFactory(pipeline_state=Claim.PIPELINE_FAILED)
    assert row(chief_client.get("/monitoring/"), "count", "claim-failed") == "a verifier failed 1"


def test_it_counts_verifications_by_state(chief_client):
    VerificationFactory(state="failed")
    assert row(chief_client.get("/monitoring/"), "count", "verification-failed") == "failed 1"


def test_it_names_the_oldest_waiting_article_and_its_age(chief_client):
    ArticleFactory(title="Old one", state=Article.STATE_QUEUED)
    Article.objects.filter(title="Old one").update(state_changed_at=timezone.now() - timedelta(hours=2))
    ArticleFactory(title="New one", state=Article.STATE_QUEUED)
    page = text(chief_client.get("/monitoring/"))
    assert "Article Old one queued waiting for 2 hours" in page


def test_it_shows_a_progress_bar_for_an_article_being_verified(chief_client):
    article = ArticleFactory(state=Article.STATE_VERIFYING)
    ClaimFactory(article=article, pipeline_state=Claim.PIPELINE_VERIFIED)
    ClaimFactory(article=article, start=article.body.index("\n") + 1, end=len(article.body),
                 pipeline_state=Claim.PIPELINE_VERIFYING)
    response = chief_client.get("/monitoring/")
    assert ('<progress max="2" value="1"' in response.content.decode(),
            "1 of 2 claims verified" in row(response, "article", article.pk)) == (True, True)


def test_it_lists_a_failed_verification_with_its_error(chief_client):
    verification = VerificationFactory(state="failed", error="RuntimeError: verifier exploded")
    assert "RuntimeError: verifier exploded" in row(chief_client.get("/monitoring/"), "verification", verification.pk)


def test_it_offers_to_retry_a_failed_verification(chief_client):
    verification = VerificationFactory(state="failed")
    html = chief_client.get("/monitoring/").content.decode()
    assert f'action="/monitoring/verifications/{verification.pk}/retry/"' in html


def test_it_shows_the_traceback_of_a_failed_task_to_staff(chief_client):
    TaskResult.objects.create(task_id="t-fail", task_name="factcheck.tasks.verification.run_verifier",
                              status="FAILURE", traceback="Traceback (most recent call last):\nValueError: boom")
    assert "Traceback (most recent call last): ValueError: boom" in text(chief_client.get("/monitoring/tasks/t-fail/"))


def test_it_lists_recent_tasks_with_their_duration(chief_client):
    now = timezone.now()
    TaskResult.objects.create(task_id="t-ok", task_name="factcheck.tasks.extraction.extract_article",
                              task_args="(7,)", status="SUCCESS", date_started=now - timedelta(seconds=3),
                              date_done=now)
    assert re.search(r"^extract_article 7 SUCCESS — 3\.0\d s", row(chief_client.get("/monitoring/"), "task", "t-ok"))


def test_it_filters_failed_tasks_only(chief_client):
    TaskResult.objects.create(task_id="t-ok", task_name="a.ok", status="SUCCESS", date_done=timezone.now())
    TaskResult.objects.create(task_id="t-bad", task_name="a.bad", status="FAILURE", date_done=timezone.now(),
                              traceback="Traceback\nKeyError: 3")
    html = chief_client.get("/monitoring/?failed=1").content.decode()
    assert ('data-task="t-bad"' in html, 'data-task="t-ok"' in html) == (True, False)


def test_it_draws_tasks_done_per_minute_as_a_chart(chief_client):
    for i in range(3):
        TaskResult.objects.create(task_id=f"t{i}", task_name="a.ok", status="SUCCESS", date_done=timezone.now())
    html = chief_client.get("/monitoring/").content.decode()
    assert re.search(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" class="series-done"><title>[^<]*tasks done: 3', html)


def test_it_draws_the_last_day_on_request(chief_client):
    TaskResult.objects.create(task_id="t-old", task_name="a.ok", status="SUCCESS")
    # date_done is auto_now: move it back afterwards.
    TaskResult.objects.filter(task_id="t-old").update(date_done=timezone.now() - timedelta(hours=5))
    assert 'class="series-done"><title>' not in chief_client.get("/monitoring/").content.decode()
    html = chief_client.get("/monitoring/?window=day").content.decode()
    assert 'class="series-done"><title>' in html


def test_it_polls_a_partial_to_refresh_itself(chief_client):
    html = chief_client.get("/monitoring/").content.decode()
    assert 'hx-get="/monitoring/live/?window=hour" hx-trigger="every 5s"' in html


def test_it_serves_the_refreshed_part_without_the_page_around_it(chief_client):
    html = chief_client.get("/monitoring/live/").content.decode()
    assert (html.lstrip().startswith('<div id="live"'), "<html" in html) == (True, False)


def test_it_says_the_broker_is_down_in_a_banner(chief_client, settings):
    settings.CELERY_BROKER_URL = DEAD_BROKER
    assert "The broker cannot be reached." in text(chief_client.get("/monitoring/"))


def test_it_still_shows_what_the_database_knows_when_the_broker_is_down(chief_client, settings):
    settings.CELERY_BROKER_URL = DEAD_BROKER
    ArticleFactory(state=Article.STATE_QUEUED)
    assert row(chief_client.get("/monitoring/"), "count", "article-queued") == "queued 1"


def test_it_answers_within_seconds_when_the_broker_is_down(chief_client, settings):
    settings.CELERY_BROKER_URL = DEAD_BROKER
    started = time.monotonic()
    chief_client.get("/monitoring/")
    assert time.monotonic() - started < 5


def test_it_shortens_a_batch_of_ids_in_the_task_list(chief_client):
    TaskResult.objects.create(task_id="t-batch", task_name="factcheck.tasks.verification.verify_claims",
                              task_args=str(([1, 2, 3, 4, 5, 6, 7],)), status="SUCCESS")
    assert "1, 2, 3, 4, 5 … (7 ids)" in row(chief_client.get("/monitoring/"), "task", "t-batch")


@pytest.mark.postgres
def test_it_says_about_for_the_verified_claims_of_a_large_desk(chief_client, monkeypatch):
    from django.db import connection

    from factcheck.monitoring import stats

    monkeypatch.setattr(stats, "ESTIMATE_FROM", 1)
    ClaimFactory.create_batch(2, pipeline_state=Claim.PIPELINE_VERIFIED)
    ClaimFactory(pipeline_state=Claim.PIPELINE_FAILED)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE factcheck_claim")
    response = chief_client.get("/monitoring/")
    assert (row(response, "count", "claim-verified"), row(response, "count", "claim-failed")) == (
        "verified about 2", "a verifier failed 1")
