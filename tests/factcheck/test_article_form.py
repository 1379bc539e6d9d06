"""Submitting an article: bad input gets a clear form error and nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from factcheck.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/articles/new/"


@pytest.fixture
def alice(client):
    user = UserFactory(username="alice", role="reporter")
    client.force_login(user)
    return user


def submit(client, **data):
    payload = {"title": "Budget municipal", "body": "", **data}
    return client.post(URL, payload)


def test_it_refuses_an_empty_article(client, alice):
    response = submit(client, body="   \n  ")
    assert "it is empty" in response.content.decode() and Article.objects.count() == 0


@override_settings(FACTCHECK_MAX_ARTICLE_BYTES=1000)
def test_it_refuses_an_article_over_the_size_limit(client, alice):
    response = submit(client, body="mot " * 400)
    assert "over the limit of" in response.content.decode() and Article.objects.count() == 0


def test_it_refuses_an_upload_that_is_not_utf8(client, alice):
    upload = SimpleUploadedFile("article.txt", "Élection à Créteil".encode("latin-1"))
    response = submit(client, upload=upload)
    assert "not UTF-8" in response.content.decode() and Article.objects.count() == 0


def test_it_refuses_a_binary_upload(client, alice):
    upload = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    response = submit(client, upload=upload)
    assert "binary" in response.content.decode() and Article.objects.count() == 0


def test_it_accepts_a_utf8_upload_with_typographic_quotes(client, alice):
    text = "“Nous avons signé”, a déclaré l’adjointe au maire."
    submit(client, upload=SimpleUploadedFile("a.txt", text.encode("utf-8")))
    assert Article.objects.get().body == text


def test_it_points_to_the_existing_article_when_the_text_is_a_duplicate(client, alice):
    existing = ArticleFactory(submitted_by=alice)
    response = submit(client, body=existing.body)
    assert f"/articles/{existing.pk}/" in response.content.decode()


def test_it_records_who_submitted_the_article(client, alice):
    submit(client, body="La piscine municipale rouvrira le 3 juin.", outlet="Le Courrier")
    article = Article.objects.get()
    assert (article.submitted_by, article.source.name) == (alice, "Le Courrier")


def test_it_lets_a_reporter_open_the_new_article_page(client, alice):
    assert client.get(URL).status_code == 200
