import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from factcheck.models import Article
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_creates_the_demo_accounts_on_an_empty_desk():
    call_command("load_demo", "--no-extract")
    users = get_user_model().objects
    assert users.get(username="checker").groups.filter(name="checker").exists()


def test_it_lets_the_demo_chief_log_in_with_the_documented_password(client):
    call_command("load_demo", "--no-extract")
    response = client.post("/accounts/login/", {"username": "chief", "password": "factcheck-demo"})
    assert response.status_code == 302 and response.url == "/review/"


def test_it_creates_no_demo_account_when_the_desk_has_users():
    UserFactory(username="alice")
    call_command("load_demo", "--no-extract")
    assert not get_user_model().objects.filter(username="chief").exists()


def test_it_loads_the_demo_articles_only_once():
    call_command("load_demo", "--no-extract")
    count = Article.objects.count()
    call_command("load_demo", "--no-extract")
    assert Article.objects.count() == count > 0
