"""Submitting an article: every problem is a 400 with the form kept and one message that says
what to do; identical texts submitted at once make one article."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings

from factcheck.models import Article
from tests.factories import ArticleFactory, UserFactory

URL = "/articles/new/"
TEXT = "La piscine municipale de Vénissieux rouvrira le 3 juin après deux ans de travaux."


@pytest.fixture
def alice(db, client):
    user = UserFactory(username="alice", role="reporter")
    client.force_login(user)
    return user


def submit(client, **data):
    return client.post(URL, {"title": "Piscine", "body": "", **data})


def errors(response):
    html = response.content.decode()
    return html.count('class="errorlist')


@pytest.mark.django_db
def test_it_answers_400_and_keeps_what_was_typed_when_the_text_is_refused(client, alice):
    response = submit(client, title="Mon titre gardé", body="\u200b")
    assert response.status_code == 400 and 'value="Mon titre gardé"' in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_a_text_of_only_zero_width_spaces(client, alice):
    response = submit(client, body="\u200b\u200c\u200d\ufeff\u2060")
    assert "no visible characters" in response.content.decode() and Article.objects.count() == 0


@pytest.mark.django_db
def test_it_gives_one_error_for_a_nul_character_in_the_text(client, alice):
    response = submit(client, body="Le maire\x00 a démissionné.")
    assert (errors(response), "NUL character" in response.content.decode()) == (1, True)


@pytest.mark.django_db
@override_settings(FACTCHECK_MAX_ARTICLE_BYTES=2 * 1024 * 1024)
def test_it_says_how_much_too_large_a_text_just_over_the_limit_is(client, alice):
    response = submit(client, body="a" * (2 * 1024 * 1024 + 1))
    assert "1\xa0byte over the limit of 2.0\xa0MB" in response.content.decode()


@pytest.mark.django_db
def test_it_reads_an_upload_saved_as_utf16_with_its_byte_order_mark(client, alice):
    upload = SimpleUploadedFile("notepad.txt", TEXT.encode("utf-16"))
    submit(client, upload=upload)
    assert Article.objects.get().body == TEXT


@pytest.mark.django_db
def test_it_states_the_length_limits_in_the_form(client, alice):
    html = client.get(URL).content.decode()
    assert "At most 500 characters." in html and "Up to 2.0\xa0MB of text." in html


@pytest.mark.django_db
def test_it_refuses_a_title_of_invisible_characters(client, alice):
    response = submit(client, title="\u200b", body=TEXT)
    assert "Give the article a title." in response.content.decode() and Article.objects.count() == 0


@pytest.mark.django_db
def test_it_tells_the_second_of_two_simultaneous_submissions_that_the_article_exists(client, alice):
    # Both passed the duplicate check; the first is saved before the second is.
    from editorial.article_forms import ArticleForm

    second = ArticleForm({"title": "Piscine", "body": TEXT}, user=alice)
    assert second.is_valid()
    ArticleFactory(body=TEXT, submitted_by=alice)
    assert second.save() is None and "already on the desk" in str(second.non_field_errors())


@pytest.mark.django_db(transaction=True)
def test_it_makes_one_article_of_six_identical_texts_posted_at_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    user = UserFactory(username="bob", role="reporter")
    barrier, statuses = threading.Barrier(6), []

    def post():
        client = Client()
        client.force_login(user)
        barrier.wait()
        statuses.append(client.post(URL, {"title": "Piscine", "body": TEXT}).status_code)
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (Article.objects.count(), sorted(statuses)) == (1, [302] + [400] * 5)


@pytest.mark.django_db
def test_it_says_a_finished_article_without_claims_has_none_to_check(client, alice):
    article = ArticleFactory(submitted_by=alice, language="", state=Article.STATE_DONE)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "No checkable claim in this article" in html and "not detected yet" not in html


@pytest.mark.django_db
def test_it_explains_a_refused_text_in_french_to_a_french_reader(client, alice):
    client.cookies["django_language"] = "fr"
    response = submit(client, body="\u200b")
    assert "aucun caractère visible" in response.content.decode()


@pytest.mark.django_db
def test_it_states_the_length_limits_in_french_to_a_french_reader(client, alice):
    client.cookies["django_language"] = "fr"
    assert "500 caractères au plus." in client.get(URL).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_it_refuses_a_publication_date_the_desk_cannot_keep(client, alice, when):
    response = submit(client, body=TEXT, published_at=when)
    assert (response.status_code, Article.objects.count()) == (400, 0)
    assert "Give a publication date between" in response.content.decode()
