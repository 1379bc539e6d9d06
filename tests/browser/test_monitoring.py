"""The monitoring page in a real browser: what the chief sees, live refresh, retry, and 403s."""

import types

import pytest

from factcheck.models import Article, WorkerHeartbeat
from factcheck.monitoring import views, workers
from tests.factories import ArticleFactory, UserFactory, VerificationFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def forget_workers():
    workers.forget()
    yield
    workers.forget()


@pytest.fixture
def alice(transactional_db):
    return UserFactory(username="alice", role="chief")


@pytest.fixture
def csp_errors(page):
    """Console messages about the Content-Security-Policy (inline script or style refused)."""
    errors = []
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    return errors


def test_it_shows_the_chief_workers_queues_and_pipeline(page, login, alice, screenshot, csp_errors):
    WorkerHeartbeat.objects.create(hostname="worker1@desk", queues=["nlp", "verify"], concurrency=2)
    ArticleFactory(title="Budget de Lyon", state=Article.STATE_EXTRACTING)
    login(page, alice)
    page.goto("/monitoring/")
    worker = page.locator('tr[data-worker="worker1@desk"]')
    assert (worker.locator(".badge").inner_text(), page.locator("#in-progress").inner_text().count("Budget de Lyon")) == ("online", 1)
    screenshot(page, "monitoring")
    assert csp_errors == []


def test_it_refreshes_itself_without_reloading_the_page(page, login, alice):
    login(page, alice)
    page.goto("/monitoring/")
    page.evaluate("window.notReloaded = true")
    WorkerHeartbeat.objects.create(hostname="late@desk", queues=["nlp"], concurrency=1)
    page.locator('tr[data-worker="late@desk"]').wait_for(timeout=15_000)
    assert page.evaluate("window.notReloaded") is True


def test_it_retries_a_failed_verification_from_the_page(page, login, alice, monkeypatch):
    calls = []
    monkeypatch.setattr(views, "pipeline", types.SimpleNamespace(retry_verification=calls.append))
    verification = VerificationFactory(state="failed", verifier="wording", error="RuntimeError: boom")
    login(page, alice)
    page.goto("/monitoring/")
    page.locator(f'tr[data-verification="{verification.pk}"] button', has_text="Retry").click()
    page.wait_for_load_state()
    assert (page.locator(".messages").inner_text().strip(), calls) == (
        f"Verification wording on claim {verification.claim_id} sent again.", [verification.pk])


@pytest.mark.parametrize("role", ["checker", "reporter"])
def test_it_refuses_the_page_to_a_checker_or_reporter(page, login, transactional_db, role):
    login(page, UserFactory(username="bob", role=role))
    response = page.goto("/monitoring/")
    assert response.status == 403
