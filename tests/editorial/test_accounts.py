import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_sends_an_anonymous_visitor_to_the_login_page():
    response = Client().get(reverse("editorial:queue"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/review/"


def test_it_lands_a_checker_on_the_queue_after_login():
    UserFactory(username="alice", role="checker")
    response = Client().post(reverse("login"), {"username": "alice", "password": "s3cret-pass"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("editorial:queue")


def test_it_ends_the_session_on_logout():
    alice = UserFactory(username="alice", role="checker")
    client = Client()
    client.force_login(alice)
    client.post(reverse("logout"))
    response = client.get(reverse("editorial:queue"))
    assert response["Location"].startswith("/accounts/login/")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_locks_the_account_after_repeated_failed_logins_and_says_so():
    UserFactory(username="alice", role="checker")
    client = Client()
    for _ in range(3):
        response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    response = client.post(reverse("login"), {"username": "alice", "password": "s3cret-pass"})
    assert response.status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_it_lets_the_chief_log_in_from_their_address_while_a_stranger_is_locked_out():
    UserFactory(username="chief", role="chief")
    stranger, chief = Client(REMOTE_ADDR="203.0.113.9"), Client(REMOTE_ADDR="198.51.100.4")
    for _ in range(4):
        stranger.post(reverse("login"), {"username": "chief", "password": "guess"})
    response = chief.post(reverse("login"), {"username": "chief", "password": "s3cret-pass"})
    assert response.status_code == 302


def test_it_serves_pages_with_a_policy_that_forbids_inline_scripts():
    alice = UserFactory(username="alice", role="checker")
    client = Client()
    client.force_login(alice)
    policy = client.get(reverse("editorial:queue"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
