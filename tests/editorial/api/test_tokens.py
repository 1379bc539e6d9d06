import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.factories import ClaimFactory, UserFactory

from .helpers import api_client

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_it_creates_a_token_that_opens_the_api():
    checker = UserFactory(username="carl", role="checker")
    ClaimFactory()
    page = logged_in(checker)
    page.post(reverse("api_token"), {"action": "create"})
    key = Token.objects.get(user=checker).key
    assert key in page.get(reverse("api_token")).content.decode()
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/claims/").status_code == 200


def test_it_replaces_a_token_so_the_old_one_stops_working():
    checker = UserFactory(username="carl", role="checker")
    old = Token.objects.create(user=checker).key
    logged_in(checker).post(reverse("api_token"), {"action": "create"})
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert client.get("/api/claims/").status_code == 401


def test_it_revokes_a_token():
    checker = UserFactory(username="carl", role="checker")
    Token.objects.create(user=checker)
    logged_in(checker).post(reverse("api_token"), {"action": "revoke"})
    assert not Token.objects.filter(user=checker).exists()


def test_it_lists_tokens_in_the_admin():
    Token.objects.create(user=UserFactory(username="carl", role="checker"))
    admin = UserFactory(username="root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    response = logged_in(admin).get("/admin/authtoken/tokenproxy/")
    assert response.status_code == 200 and "carl" in response.content.decode()
