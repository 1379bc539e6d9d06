"""The admin goes through the desk's workflow: review fields are read-only, verdicts are given on
the claim page, a corrected article text is checked and extracted again; lists stay light."""

import types

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck import admin as factcheck_admin
from factcheck.models import Article, Claim
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief_client(client):
    client.force_login(UserFactory(username="chief", role="chief"))
    return client


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def reruns(monkeypatch):
    calls = []
    fake = types.SimpleNamespace(rerun_article=lambda pk, reextract=True: calls.append((pk, reextract)))
    monkeypatch.setattr(factcheck_admin, "reruns", fake)
    return calls


def article_form(article, **changes):
    data = {"title": article.title, "url": article.url, "source": article.source_id or "",
            "language": article.language, "published_at_0": "", "published_at_1": "",
            "body": article.body, "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0",
            "claims-MIN_NUM_FORMS": "0", "claims-MAX_NUM_FORMS": "1000", "_save": "Save"}
    data.update(changes)
    return data


def claim_form(claim, **changes):
    data = {"text": claim.text, "sentence": claim.sentence, "speaker": claim.speaker, "quoted": "", "claim_type": claim.claim_type,
            "modality": claim.modality, "language": claim.language, "score": claim.score,
            "entities": "[]", "status": claim.status, "cluster": "", "is_current": "on",
            "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "0", "evidence-MAX_NUM_FORMS": "1000",
            "verifications-TOTAL_FORMS": "0", "verifications-INITIAL_FORMS": "0",
            "verifications-MIN_NUM_FORMS": "0", "verifications-MAX_NUM_FORMS": "1000", "_save": "Save"}
    data.update(changes)
    return data


def test_it_does_not_let_the_admin_set_a_claims_status(chief_client):
    claim = ClaimFactory()
    response = chief_client.post(f"/admin/factcheck/claim/{claim.pk}/change/",
                                 claim_form(claim, status="confirmed", speaker="Le maire"))
    claim.refresh_from_db()
    # The rest of the form was saved: only the status was left alone.
    assert (response.status_code, claim.speaker, claim.status) == (302, "Le maire", Claim.STATUS_NEW)


def test_it_shows_a_claims_status_and_version_read_only(admin_client):
    claim = ClaimFactory()
    html = admin_client.get(f"/admin/factcheck/claim/{claim.pk}/change/").content.decode()
    assert 'name="status"' not in html and 'name="version"' not in html


def test_it_does_not_offer_to_add_a_verdict_in_the_admin(chief_client):
    response = chief_client.post("/admin/editorial/verdict/add/", {"to_status": "confirmed"})
    assert response.status_code == 403


def test_it_does_not_let_the_admin_add_a_verdict_even_for_a_superuser(admin_client):
    claim = ClaimFactory()
    response = admin_client.post("/admin/editorial/verdict/add/", {
        "claim": claim.pk, "from_status": "new", "to_status": "confirmed", "state": "final"})
    assert response.status_code == 403


def test_it_extracts_an_article_again_when_its_text_changes_in_the_admin(admin_client, reruns):
    article = ArticleFactory()
    admin_client.post(f"/admin/factcheck/article/{article.pk}/change/",
                      article_form(article, body=article.body + "\nLe maire a démissionné hier."))
    assert reruns == [(article.pk, True)]


def test_it_does_not_extract_again_when_only_the_title_changes(admin_client, reruns):
    article = ArticleFactory()
    admin_client.post(f"/admin/factcheck/article/{article.pk}/change/",
                      article_form(article, title="Titre corrigé"))
    assert (Article.objects.get(pk=article.pk).title, reruns) == ("Titre corrigé", [])


def test_it_refuses_in_the_admin_a_text_that_another_article_has(admin_client, reruns):
    article, other = ArticleFactory(), ArticleFactory(title="L'autre article")
    response = admin_client.post(f"/admin/factcheck/article/{article.pk}/change/",
                                 article_form(article, body=other.body))
    assert response.status_code == 200 and "Another article has this text" in response.content.decode()
    assert Article.objects.get(pk=article.pk).body == article.body


def test_it_refuses_in_the_admin_a_text_of_only_invisible_characters(admin_client, reruns):
    article = ArticleFactory()
    response = admin_client.post(f"/admin/factcheck/article/{article.pk}/change/",
                                 article_form(article, body="\u200b\u200b"))
    assert "no visible characters" in response.content.decode() and reruns == []


def test_it_counts_only_current_claims_in_the_article_list(admin_client):
    article = ArticleFactory(title="Compté")
    ClaimFactory(article=article)
    ClaimFactory(article=article, is_current=False)
    ClaimFactory(article=article, start=article.body.index("\n") + 1, end=len(article.body))
    html = admin_client.get("/admin/factcheck/article/").content.decode()
    assert '<td class="field-claim_count">2</td>' in html


def test_it_reads_no_article_text_for_the_article_list(admin_client):
    ArticleFactory(body="Un texte très long. " * 50)
    with CaptureQueriesContext(connection) as queries:
        admin_client.get("/admin/factcheck/article/")
    assert [q["sql"] for q in queries if '"factcheck_article"."body"' in q["sql"]] == []


def test_it_reads_no_article_text_for_the_claim_list(admin_client):
    ClaimFactory()
    with CaptureQueriesContext(connection) as queries:
        admin_client.get("/admin/factcheck/claim/")
    assert [q["sql"] for q in queries if '"factcheck_article"."body"' in q["sql"]] == []


def test_it_states_the_length_limits_of_a_reference_facts_fields(chief_client):
    html = chief_client.get("/admin/factcheck/referencefact/add/").content.decode()
    assert "At most 2000 characters." in html and "At most 200 characters." in html


def test_it_refuses_reference_fact_notes_over_their_limit(chief_client):
    response = chief_client.post("/admin/factcheck/referencefact/add/", {
        "subject": "OpenAI", "relation": "CEO", "value": "Sam Altman", "aliases": "",
        "source_url": "https://example.org/", "notes": "n" * 2001})
    assert response.status_code == 200 and "at most 2000 characters" in response.content.decode()


def test_it_sends_an_article_added_in_the_admin_to_the_pipeline(
        admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as sends:
        admin_client.post("/admin/factcheck/article/add/", article_form(
            Article(title="Ajouté", language="fr", body="Le pont Wilson rouvrira le 2 mai.")))
    assert (Article.objects.get().title, len(sends)) == ("Ajouté", 1)


def test_it_refuses_in_the_admin_a_publication_date_the_desk_cannot_keep(admin_client, reruns):
    article = ArticleFactory()
    response = admin_client.post(f"/admin/factcheck/article/{article.pk}/change/", article_form(
        article, published_at_0="0001-01-01", published_at_1="00:00"))
    assert "Give a publication date between" in response.content.decode()


def test_it_shows_the_first_claims_of_a_long_article_and_links_to_all_of_them(admin_client, monkeypatch):
    monkeypatch.setattr(factcheck_admin.ClaimInline, "max_shown", 2)
    article = ArticleFactory(body="Un.\nDeux.\nTrois.")
    for start, end in ((0, 3), (4, 9), (10, 16)):
        ClaimFactory(article=article, start=start, end=end)
    html = admin_client.get(f"/admin/factcheck/article/{article.pk}/change/").content.decode()
    assert html.count('class="field-text"') == 2 and f"?article__exact={article.pk}" in html


def test_it_finds_claims_by_every_word_of_the_search_across_text_speaker_and_title(admin_client):
    article = ArticleFactory(title="Budget de Lyon")
    ClaimFactory(article=article, text="La dette a baissé.", speaker="Grégory Doucet")
    other = ArticleFactory(title="Budget de Lille")
    ClaimFactory(article=other, text="La dette a monté.", speaker="")
    page = admin_client.get("/admin/factcheck/claim/?q=DETTE+doucet+budget").content.decode()
    assert ("La dette a baissé." in page, "La dette a monté." in page) == (True, False)


def test_it_finds_claims_by_a_quoted_phrase(admin_client):
    ClaimFactory(text="Le pont a rouvert lundi.")
    ClaimFactory(article=ArticleFactory(), text="Lundi, le pont a rouvert.")
    page = admin_client.get('/admin/factcheck/claim/?q="pont a rouvert lundi"').content.decode()
    assert ("Le pont a rouvert lundi." in page, "Lundi, le pont a rouvert." in page) == (True, False)
