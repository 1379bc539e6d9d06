"""Every admin form answers bad or empty input with a page (its errors), never a 500."""

import pytest
from django.contrib import admin
from django.test import Client

from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db
MODELS = sorted(f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry)


@pytest.fixture
def root_client(db):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("data", [{}, {"claim": "abc", "article": "abc", "author": "abc",
                                       "published_at_0": "0001-01-01", "valid_from": "0001-01-01",
                                       "body": "\x00", "title": "\u200b", "text": "x" * 5000}])
def test_it_answers_an_admin_add_form_with_a_page_whatever_is_posted(root_client, model, data):
    app, name = model.split(".")
    response = root_client.post(f"/admin/{app}/{name}/add/", data)
    assert response.status_code in (200, 302, 403)


@pytest.mark.parametrize("model", ["factcheck.article", "factcheck.claim"])
def test_it_answers_an_admin_change_form_with_a_page_whatever_is_posted(root_client, model):
    claim = ClaimFactory(article=ArticleFactory())
    obj = claim.article if model == "factcheck.article" else claim
    app, name = model.split(".")
    response = root_client.post(f"/admin/{app}/{name}/{obj.pk}/change/", {"body": "\x00", "speaker": "x" * 400})
    assert response.status_code == 200
