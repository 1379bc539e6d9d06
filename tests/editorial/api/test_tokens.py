import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from editorial.models import ApiToken
from tests.factories import ClaimFactory, UserFactory

from .helpers import api_client

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def with_key(key):
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def created_key(page):
    """The key shown on the page answering "Create a token"."""
    response = page.post(reverse("api_token"), {"action": "create"})
    return response.context["new_key"], response


def test_it_creates_a_token_that_opens_the_api():
    checker = UserFactory(username="carl", role="checker")
    ClaimFactory()
    key, response = created_key(logged_in(checker))
    assert key in response.content.decode()
    assert with_key(key).get("/api/claims/").status_code == 200


def test_it_shows_a_new_token_only_once():
    page = logged_in(UserFactory(username="carl", role="checker"))
    key, _response = created_key(page)
    later = page.get(reverse("api_token")).content.decode()
    assert key not in later and key[:10] in later


def test_it_stores_no_token_that_can_be_read_back():
    checker = UserFactory(username="carl", role="checker")
    key, _response = created_key(logged_in(checker))
    stored = ApiToken.objects.filter(user=checker).values().get()
    assert not any(key in str(value) for value in stored.values())


def test_it_replaces_a_token_so_the_old_one_stops_working():
    checker = UserFactory(username="carl", role="checker")
    _token, old = ApiToken.issue(checker)
    logged_in(checker).post(reverse("api_token"), {"action": "create"})
    assert with_key(old).get("/api/claims/").status_code == 401


def test_it_refuses_a_revoked_token_with_401():
    checker = UserFactory(username="carl", role="checker")
    _token, key = ApiToken.issue(checker)
    logged_in(checker).post(reverse("api_token"), {"action": "revoke"})
    assert with_key(key).get("/api/claims/").status_code == 401


def test_it_shows_when_a_token_was_last_used():
    checker = UserFactory(username="carl", role="checker")
    token, key = ApiToken.issue(checker)
    with_key(key).get("/api/claims/")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_keeps_a_token_made_before_hashing_working():
    checker = UserFactory(username="carl", role="checker")
    old_key = Token.objects.create(user=checker).key
    migration = importlib.import_module("editorial.migrations.0011_api_tokens")
    migration.hash_existing_tokens(apps, None)
    assert not Token.objects.exists()
    assert with_key(old_key).get("/api/claims/").status_code == 200


def test_it_lists_tokens_in_the_admin_without_their_keys():
    checker = UserFactory(username="carl", role="checker")
    _token, key = ApiToken.issue(checker)
    admin = UserFactory(username="root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    page = logged_in(admin).get("/admin/editorial/apitoken/").content.decode()
    assert "carl" in page and key[:10] in page and key not in page


def test_it_revokes_a_token_from_the_admin():
    checker = UserFactory(username="carl", role="checker")
    token, key = ApiToken.issue(checker)
    admin = UserFactory(username="root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    logged_in(admin).post("/admin/editorial/apitoken/", {
        "action": "revoke", "_selected_action": [token.pk]})
    assert with_key(key).get("/api/claims/").status_code == 401
