"""With a real worker process on Postgres + Redis: presence, stopping, failing and retrying."""


import re
import signal

import pytest

from factcheck.pipeline import fanout
from factcheck.models import Article, Verification
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from tests.utils import wait_for

pytestmark = [pytest.mark.worker]
FAILING = {"FACTCHECK_EXTRA_VERIFIERS": "failing=tests.verifier_doubles.FailingVerifier"}


@pytest.fixture
def chief(client, transactional_db):
    client.force_login(UserFactory(username="alice", role="chief"))
    return client


def worker_row(client, hostname):
    html = client.get("/monitoring/").content.decode()
    match = re.search(rf'<tr[^>]*data-worker="{re.escape(hostname)}"[^>]*>(.*?)</tr>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else ""


def test_it_shows_a_running_worker_online_with_its_queues(chief, worker_factory):
    worker = worker_factory(queues="nlp,verify")
    assert wait_for(lambda: "online nlp, verify" in worker_row(chief, worker.hostname), timeout=30,
                    message="the worker to show online")


def test_it_shows_a_stopped_worker_offline(chief, worker_factory):
    worker = worker_factory()
    wait_for(lambda: "online" in worker_row(chief, worker.hostname), timeout=30, message="online")
    worker.stop()
    assert wait_for(lambda: "offline" in worker_row(chief, worker.hostname), timeout=60,
                    message="the stopped worker to show offline")


def test_it_shows_a_killed_worker_offline_within_a_minute(chief, worker_factory):
    worker = worker_factory()
    wait_for(lambda: "online" in worker_row(chief, worker.hostname), timeout=30, message="online")
    worker.stop(sig=signal.SIGKILL)  # no clean shutdown: its heartbeat row stays, and goes stale
    assert wait_for(lambda: "offline" in worker_row(chief, worker.hostname), timeout=60, interval=2,
                    message="the killed worker to show offline")


def test_it_lists_a_failing_verification_and_retry_runs_it_again(chief, worker_factory, settings):
    worker_factory(env=FAILING)
    # The verifications are created here, with the failing verifier among them, so whichever
    # worker of the session runs them (this one, or a shared one without the double, which then
    # fails it as "not installed"), "failing" ends failed.
    settings.FACTCHECK_EXTRA_VERIFIERS = dict([FAILING["FACTCHECK_EXTRA_VERIFIERS"].split("=")])
    claim = ClaimFactory(article=ArticleFactory(state=Article.STATE_EXTRACTING))
    fanout.start_verification(claim.article_id)
    failed = wait_for(
        lambda: Verification.objects.filter(claim=claim, verifier="failing", state="failed").first(),
        timeout=120, message="a failed verification",
    )
    assert f'data-verification="{failed.pk}"' in chief.get("/monitoring/").content.decode()
    chief.post(f"/monitoring/verifications/{failed.pk}/retry/")

    def ran_again():
        again = Verification.objects.get(pk=failed.pk)
        return again.state == "failed" and again.attempts > failed.attempts

    assert wait_for(ran_again, timeout=60, message="the verification to run again")
