"""Retry a failed verification, re-run an article: the monitoring page calls the pipeline contract."""

import types

import pytest

from factcheck.monitoring import views
from tests.factories import ArticleFactory, VerificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline(monkeypatch):
    """Stands in for factcheck.pipeline: records what it was asked to do."""
    calls = []
    fake = types.SimpleNamespace(
        retry_verification=lambda pk: calls.append(("retry", pk)),
        rerun_article=lambda pk, reextract=True: calls.append(("rerun", pk, reextract)),
        calls=calls,
    )
    monkeypatch.setattr(views, "pipeline", fake)
    return fake


def test_it_retries_a_failed_verification(chief_client, pipeline):
    verification = VerificationFactory(state="failed")
    chief_client.post(f"/monitoring/verifications/{verification.pk}/retry/")
    assert pipeline.calls == [("retry", verification.pk)]


def test_it_tells_the_chief_the_verification_was_sent_again(chief_client, pipeline):
    verification = VerificationFactory(state="failed", verifier="wording")
    response = chief_client.post(f"/monitoring/verifications/{verification.pk}/retry/", follow=True)
    assert f"Verification wording on claim {verification.claim_id} sent again." in response.content.decode()


def test_it_does_not_retry_a_verification_that_has_not_failed(chief_client, pipeline):
    verification = VerificationFactory(state="succeeded")
    chief_client.post(f"/monitoring/verifications/{verification.pk}/retry/")
    assert pipeline.calls == []


def test_it_reruns_a_whole_article_with_re_extraction(chief_client, pipeline):
    article = ArticleFactory(state="failed")
    chief_client.post(f"/monitoring/articles/{article.pk}/rerun/")
    assert pipeline.calls == [("rerun", article.pk, True)]


def test_it_returns_to_the_page_the_action_came_from(chief_client, pipeline):
    article = ArticleFactory(state="failed")
    response = chief_client.post(f"/monitoring/articles/{article.pk}/rerun/", {"next": "/monitoring/?failed=1"})
    assert response.url == "/monitoring/?failed=1"


def test_it_never_redirects_outside_monitoring_after_an_action(chief_client, pipeline):
    article = ArticleFactory(state="failed")
    response = chief_client.post(f"/monitoring/articles/{article.pk}/rerun/", {"next": "https://evil.example/"})
    assert response.url == "/monitoring/"


def test_it_reports_a_pipeline_error_instead_of_crashing(chief_client, monkeypatch):
    def boom(pk):
        raise RuntimeError("broker unreachable")

    monkeypatch.setattr(views, "pipeline", types.SimpleNamespace(retry_verification=boom))
    verification = VerificationFactory(state="failed")
    response = chief_client.post(f"/monitoring/verifications/{verification.pk}/retry/", follow=True)
    assert "The retry could not be started: broker unreachable" in response.content.decode()


def test_it_says_so_when_a_newer_run_is_already_under_way(chief_client, monkeypatch):
    monkeypatch.setattr(views, "pipeline", types.SimpleNamespace(retry_verification=lambda pk: False))
    verification = VerificationFactory(state="failed")
    response = chief_client.post(f"/monitoring/verifications/{verification.pk}/retry/", follow=True)
    assert "already under way" in response.content.decode()
