"""Only the chief (and admins) see the machinery; everyone else gets 403, actions are POST only."""

import pytest

from tests.factories import ArticleFactory, UserFactory, VerificationFactory

pytestmark = pytest.mark.django_db

PAGES = ["/monitoring/", "/monitoring/live/", "/monitoring/tasks/"]


@pytest.mark.parametrize("role", ["checker", "reporter"])
@pytest.mark.parametrize("url", PAGES)
def test_it_refuses_the_monitoring_pages_to_a_checker_or_reporter(client, role, url):
    client.force_login(UserFactory(username="bob", role=role))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["checker", "reporter"])
def test_it_refuses_a_retry_to_a_checker_or_reporter(client, role):
    verification = VerificationFactory(state="failed")
    client.force_login(UserFactory(username="bob", role=role))
    assert client.post(f"/monitoring/verifications/{verification.pk}/retry/").status_code == 403


@pytest.mark.parametrize("role", ["checker", "reporter"])
def test_it_refuses_an_article_rerun_to_a_checker_or_reporter(client, role):
    article = ArticleFactory(state="failed")
    client.force_login(UserFactory(username="bob", role=role))
    assert client.post(f"/monitoring/articles/{article.pk}/rerun/").status_code == 403


@pytest.mark.parametrize("role", ["checker", "reporter"])
def test_it_refuses_a_task_detail_to_a_checker_or_reporter(client, role):
    client.force_login(UserFactory(username="bob", role=role))
    assert client.get("/monitoring/tasks/some-task-id/").status_code == 403


def test_it_shows_the_page_to_the_chief(chief_client):
    assert chief_client.get("/monitoring/").status_code == 200


def test_it_shows_the_page_to_an_admin(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/monitoring/").status_code == 200


def test_it_accepts_actions_only_as_post(chief_client):
    verification = VerificationFactory(state="failed")
    assert chief_client.get(f"/monitoring/verifications/{verification.pk}/retry/").status_code == 405


def test_it_refuses_an_action_without_csrf_token(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    article = ArticleFactory(state="failed")
    assert client.post(f"/monitoring/articles/{article.pk}/rerun/").status_code == 403


def test_it_links_the_page_from_the_menu_for_the_chief(chief_client):
    assert 'href="/monitoring/"' in chief_client.get("/articles/").content.decode()


def test_it_hides_the_link_from_a_checker(client, bob):
    client.force_login(bob)
    assert 'href="/monitoring/"' not in client.get("/articles/").content.decode()
