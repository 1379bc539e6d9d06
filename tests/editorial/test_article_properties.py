"""Property-based: whatever is typed, pasted, uploaded or ingested, the desk answers with a page
or a clear error, never a 500, and never stores an article whose pages then break."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from factcheck import article_text
from factcheck.models import Article
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PROPERTY = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
# What an HTTP request or a file can carry: any code point but lone surrogates.
chars = st.characters(blacklist_categories=("Cs",))
texts = st.text(chars, max_size=300)
# Texts that look like articles some of the time, so that the saving path is exercised too.
bodies = st.one_of(texts, st.lists(st.sampled_from(
    ["Le maire a démissionné lundi.", "\u200b", "\x00", "\r\n", "  ", "Ça coûte 3 M€.", "<script>",
     "«\u202fOui\u202f»", "\ufeff", "é" * 3]), max_size=12).map("".join))

# Texts the desk accepts unless something else in them is wrong (each one new: no duplicates).
articles = st.builds(lambda n, tail: f"Le conseil municipal a voté le budget {n}. {tail}",
                     st.uuids(), texts)


@pytest.fixture
def reporter(db):
    return UserFactory(username="prop-reporter", role="reporter")


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def assert_pages_render(client, article):
    for url in (article.get_absolute_url(), f"/articles/{article.pk}/status/", "/articles/"):
        assert client.get(url).status_code == 200, url


@PROPERTY
@given(title=st.one_of(st.just("Titre"), texts), body=st.one_of(bodies, articles),
       url=st.one_of(st.just(""), st.just("https://example.org/a"), texts),
       language=st.one_of(st.sampled_from(["", "fr", "en"]), texts),
       published_at=st.one_of(st.just(""), texts, st.datetimes().map(lambda d: d.isoformat()),
                              st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59",
                                               "1799-12-31T23:59", "2020-02-30T10:00"])),
       outlet=st.one_of(st.just(""), texts))
def test_it_answers_any_article_form_with_a_page_or_a_clear_error(
        reporter, title, body, url, language, published_at, outlet):
    client = client_for(reporter)
    before = set(Article.objects.values_list("pk", flat=True))
    response = client.post("/articles/new/", {"title": title, "body": body, "url": url,
                                               "language": language, "published_at": published_at,
                                               "outlet": outlet})
    assert response.status_code in (302, 400)
    event(f"status {response.status_code}")
    new = Article.objects.exclude(pk__in=before)
    assert new.count() == (1 if response.status_code == 302 else 0)
    if response.status_code == 400:
        assert 'class="errorlist' in response.content.decode()
    for article in new:
        assert_pages_render(client, article)


@PROPERTY
@given(title=texts, body=articles, language=st.sampled_from(["", "fr", "en"]),
       published_at=st.one_of(
           st.just(""), st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59"]),
           st.datetimes(datetime(1700, 1, 1), datetime(3100, 1, 1)).map(lambda d: d.isoformat(sep=" "))),
       outlet=texts)
def test_it_stores_only_articles_whose_pages_render(
        reporter, title, body, language, published_at, outlet):
    client = client_for(reporter)
    response = client.post("/articles/new/", {"title": title, "body": body, "language": language,
                                               "published_at": published_at, "outlet": outlet})
    assert response.status_code in (302, 400)
    event(f"status {response.status_code}")
    if response.status_code == 302:
        assert_pages_render(client, Article.objects.get(pk=response.url.rstrip("/").split("/")[-1]))


@PROPERTY
@given(data=st.binary(max_size=400))
def test_it_decodes_any_bytes_to_text_or_says_why_not(data):
    try:
        text = article_text.decode(data)
    except ValidationError as error:
        assert error.messages and all(message for message in error.messages)
    else:
        assert isinstance(text, str) and "\x00" not in text


@PROPERTY
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    min_size=1, max_size=200),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_it_reads_back_any_text_saved_in_a_unicode_encoding(text, encoding):
    # Plain UTF-8 has no byte-order mark of its own: a text starting with U+FEFF reads as one.
    expected = text.removeprefix("\ufeff") if encoding == "utf-8" else text
    assert article_text.decode(text.encode(encoding)) == expected


@PROPERTY
@given(data=st.one_of(st.binary(max_size=400), bodies.map(lambda t: t.encode("utf-8")),
                      bodies.map(lambda t: t.encode("utf-16"))))
def test_it_answers_any_uploaded_file_with_a_page_or_a_clear_error(reporter, data):
    client = client_for(reporter)
    response = client.post("/articles/new/", {"title": "Fichier", "body": "",
                                               "upload": SimpleUploadedFile("a.txt", data)})
    assert response.status_code in (302, 400)
    event(f"status {response.status_code}")
    if response.status_code == 302:
        assert_pages_render(client, Article.objects.get(pk=response.url.rstrip("/").split("/")[-1]))


@PROPERTY
@given(data=st.one_of(st.binary(min_size=1, max_size=400), bodies.map(lambda t: t.encode("utf-8")),
                      bodies.map(lambda t: t.encode("utf-16"))))
def test_it_ingests_any_file_or_skips_it_with_a_reason(reporter, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("ingest") / "article.txt"
    path.write_bytes(data)
    before = set(Article.objects.values_list("pk", flat=True))
    try:
        call_command("ingest", str(path), "--source", "Propriétés")
    except CommandError:
        assert not Article.objects.exclude(pk__in=before).exists()
    client = client_for(UserFactory(username="prop-chief", role="chief"))
    for article in Article.objects.exclude(pk__in=before):
        assert_pages_render(client, article)
