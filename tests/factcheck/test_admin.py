"""The admin, tuned for the desk (as the chief and an admin use it)."""

import re
import types

import pytest

from editorial.models import AuditLogEntry
from factcheck import admin as factcheck_admin
from factcheck import admin_search
from factcheck.models import GazetteerEntry, ReferenceFact
from tests.factories import (
    ArticleFactory, ClaimFactory, EvidenceFactory, GazetteerEntryFactory, ReferenceFactFactory,
    SourceFactory, UserFactory, VerificationFactory,
)

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", role="chief")


@pytest.fixture
def admin_client(client):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    return client


@pytest.fixture
def chief_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def pipeline(monkeypatch):
    calls = []
    fake = types.SimpleNamespace(
        rerun_article=lambda pk, reextract=True: calls.append(("rerun", pk, reextract)),
        retry_verification=lambda pk: calls.append(("retry", pk)),
        calls=calls,
    )
    monkeypatch.setattr(factcheck_admin, "reruns", fake)
    return fake


def second_claim(article, **kwargs):
    start = article.body.index("\n") + 1
    return ClaimFactory(article=article, start=start, end=len(article.body), **kwargs)


# --- Articles ---------------------------------------------------------------------------------

def test_it_shows_an_article_with_its_claims_inline(admin_client):
    claim = ClaimFactory(text="Le budget a été voté mardi.")
    page = text(admin_client.get(f"/admin/factcheck/article/{claim.article_id}/change/"))
    assert "Le budget a été voté mardi." in page


def test_it_shows_the_pipeline_state_of_an_article(admin_client):
    article = ArticleFactory(state="verifying")
    ClaimFactory(article=article, pipeline_state="verified")
    page = text(admin_client.get(f"/admin/factcheck/article/{article.pk}/change/"))
    assert ("verifying" in page, "verified: 1" in page) == (True, True)


def test_it_re_extracts_the_selected_articles(chief_client, pipeline):
    article = ArticleFactory()
    chief_client.post("/admin/factcheck/article/", {"action": "reextract", "_selected_action": [article.pk]})
    assert pipeline.calls == [("rerun", article.pk, True)]


def test_it_re_verifies_the_selected_articles_without_re_extracting(chief_client, pipeline):
    article = ArticleFactory()
    chief_client.post("/admin/factcheck/article/", {"action": "reverify", "_selected_action": [article.pk]})
    assert pipeline.calls == [("rerun", article.pk, False)]


def test_it_says_how_many_articles_were_sent_again(chief_client, pipeline):
    articles = ArticleFactory.create_batch(2)
    response = chief_client.post("/admin/factcheck/article/", {
        "action": "reextract", "_selected_action": [a.pk for a in articles]}, follow=True)
    assert "2 articles sent through the pipeline again." in text(response)


def test_it_keeps_a_checker_out_of_the_admin(client):
    client.force_login(UserFactory(username="bob", role="checker"))
    response = client.get("/admin/factcheck/article/")
    assert response.status_code == 302 and "/admin/login/" in response.url


# --- Claims -----------------------------------------------------------------------------------

def test_it_filters_claims_by_score_range(admin_client):
    article = ArticleFactory()
    ClaimFactory(article=article, text="high one", score=0.9)
    second_claim(article, text="low one", score=0.1)
    page = text(admin_client.get("/admin/factcheck/claim/?score=high"))
    assert ("high one" in page, "low one" in page) == (True, False)


def test_it_filters_claims_by_outlet(admin_client):
    ClaimFactory(text="from Le Monde", article=ArticleFactory(source=SourceFactory(name="Le Monde")))
    other = ClaimFactory(text="from Libé", article=ArticleFactory(source=SourceFactory(name="Libé")))
    page = text(admin_client.get(f"/admin/factcheck/claim/?article__source__id__exact={other.article.source_id}"))
    assert ("from Libé" in page, "from Le Monde" in page) == (True, False)


def test_it_searches_claims_by_wording(admin_client):
    ClaimFactory(text="La dette a baissé de 5 %.")
    assert "La dette a baissé" in text(admin_client.get("/admin/factcheck/claim/?q=dette"))


def test_it_does_not_count_every_claim_when_searching(admin_client):
    article = ArticleFactory()
    ClaimFactory(article=article, text="La dette a baissé de 5 %.")
    second_claim(article, text="Le budget a été voté.")
    page = text(admin_client.get("/admin/factcheck/claim/?q=dette"))
    assert ("1 result ( Show all )" in page, "total" in page) == (True, False)


def test_it_shows_the_audit_fields_of_a_claim_read_only(admin_client):
    claim = ClaimFactory()
    html = admin_client.get(f"/admin/factcheck/claim/{claim.pk}/change/").content.decode()
    assert ('name="fingerprint"' in html, 'name="version"' in html, "Fingerprint" in html) == (False, False, True)


# --- Evidence and verifications ---------------------------------------------------------------

def test_it_shows_evidence_without_letting_anyone_edit_it(admin_client):
    evidence = EvidenceFactory()
    html = admin_client.get(f"/admin/factcheck/evidence/{evidence.pk}/change/").content.decode()
    assert ('name="_save"' in html, f"/admin/factcheck/claim/{evidence.claim_id}/change/" in html) == (False, True)


def test_it_refuses_to_add_evidence_by_hand(admin_client):
    assert admin_client.get("/admin/factcheck/evidence/add/").status_code == 403


def test_it_shows_a_verification_read_only_with_its_traceback(admin_client):
    verification = VerificationFactory(state="failed", traceback="Traceback …\nValueError: boom")
    html = admin_client.get(f"/admin/factcheck/verification/{verification.pk}/change/").content.decode()
    assert ("ValueError: boom" in html, 'name="_save"' in html) == (True, False)


def test_it_retries_the_selected_failed_verifications(admin_client, pipeline):
    failed, ok = VerificationFactory(state="failed"), VerificationFactory(state="succeeded")
    admin_client.post("/admin/factcheck/verification/", {"action": "retry", "_selected_action": [failed.pk, ok.pk]})
    assert pipeline.calls == [("retry", failed.pk)]


# --- Knowledge --------------------------------------------------------------------------------

FACT = {"subject": "OpenAI", "relation": "CEO", "value": "Sam Altman", "aliases": "",
        "valid_from": "", "valid_to": "", "source_url": "https://example.org/a", "notes": ""}


def test_it_adds_a_reference_fact_and_records_who_did(chief_client, alice):
    chief_client.post("/admin/factcheck/referencefact/add/", FACT)
    assert ReferenceFact.objects.get().created_by == alice


def test_it_refuses_a_fact_that_ends_before_it_starts(chief_client):
    response = chief_client.post("/admin/factcheck/referencefact/add/",
                                 dict(FACT, valid_from="2024-05-01", valid_to="2024-01-01"))
    assert "A fact cannot end before it starts." in text(response)


def test_it_refuses_a_fact_contradicting_another_over_the_same_period(chief_client):
    ReferenceFactFactory(subject="OpenAI", relation="CEO", value="Sam Altman")
    response = chief_client.post("/admin/factcheck/referencefact/add/", dict(FACT, value="Someone Else"))
    assert "This period overlaps" in text(response)


def test_it_accepts_successive_values_over_separate_periods(chief_client):
    ReferenceFactFactory(subject="OpenAI", relation="CEO", value="Sam Altman", valid_to="2023-11-17")
    chief_client.post("/admin/factcheck/referencefact/add/",
                      dict(FACT, value="Emmett Shear", valid_from="2023-11-20", valid_to="2023-11-21"))
    assert ReferenceFact.objects.count() == 2


def test_it_tidies_the_aliases_of_a_fact(chief_client):
    chief_client.post("/admin/factcheck/referencefact/add/", dict(FACT, aliases=" Open AI ,, open ai, OAI "))
    assert ReferenceFact.objects.get().aliases == "Open AI, OAI"


def test_it_refuses_a_gazetteer_name_already_there_in_another_case(chief_client):
    GazetteerEntryFactory(text="OpenAI", label="ORG", language="any")
    response = chief_client.post("/admin/factcheck/gazetteerentry/add/",
                                 {"text": "openai", "label": "ORG", "language": "any", "active": "on"})
    assert "is already in the gazetteer" in text(response)


def test_it_stores_a_gazetteer_name_with_its_spaces_tidied(chief_client):
    chief_client.post("/admin/factcheck/gazetteerentry/add/",
                      {"text": "  Banque   de France ", "label": "ORG", "language": "fr", "active": "on"})
    assert GazetteerEntry.objects.get().text == "Banque de France"


# --- Users and the audit log ------------------------------------------------------------------

def test_it_lists_users_with_their_roles(admin_client):
    UserFactory(username="bob", role="checker")
    assert re.search(r"bob .*checker", text(admin_client.get("/admin/auth/user/")))


def test_it_filters_users_by_role(admin_client):
    from django.contrib.auth.models import Group

    UserFactory(username="bob", role="checker")
    UserFactory(username="carol", role="reporter")
    checker = Group.objects.get(name="checker")
    page = text(admin_client.get(f"/admin/auth/user/?groups__id__exact={checker.pk}"))
    assert ("bob" in page, "carol" in page) == (True, False)


def test_it_filters_the_audit_log_by_action(admin_client, alice):
    AuditLogEntry.objects.create(actor=alice, action="verdict", rationale="sourced by INSEE")
    AuditLogEntry.objects.create(actor=alice, action="take", rationale="taking it")
    page = text(admin_client.get("/admin/editorial/auditlogentry/?action__exact=verdict"))
    assert ("sourced by INSEE" in page, "taking it" in page) == (True, False)


def test_it_searches_the_audit_log_by_actor(admin_client, alice):
    bob = UserFactory(username="bob", role="checker")
    AuditLogEntry.objects.create(actor=alice, action="take", rationale="alice took")
    AuditLogEntry.objects.create(actor=bob, action="take", rationale="bob took")
    page = text(admin_client.get("/admin/editorial/auditlogentry/?q=bob"))
    assert ("bob took" in page, "alice took" in page) == (True, False)


def test_it_lets_nobody_edit_the_audit_log(admin_client, alice):
    entry = AuditLogEntry.objects.create(actor=alice, action="take")
    html = admin_client.get(f"/admin/editorial/auditlogentry/{entry.pk}/change/").content.decode()
    assert 'name="_save"' not in html


def test_it_shows_the_admin_in_french(admin_client):
    admin_client.cookies["django_language"] = "fr"
    assert "Administration" in text(admin_client.get("/admin/"))


def test_it_counts_each_articles_current_claims_in_the_article_list(admin_client):
    counted = ArticleFactory(body="Une phrase.\nUne autre phrase.\nUne troisième.")
    ClaimFactory(article=counted, start=0, end=11)
    ClaimFactory(article=counted, start=12, end=29)
    ClaimFactory(article=counted, start=30, end=44, is_current=False)
    ArticleFactory(body="Sans affirmation.")
    response = admin_client.get("/admin/factcheck/article/")
    counts = {a.pk: a.n_claims for a in response.context["cl"].result_list}
    assert sorted(counts.values()) == [0, 2] and counts[counted.pk] == 2


@pytest.mark.postgres
def test_it_lists_the_newest_claims_a_frequent_word_finds(admin_client, monkeypatch):
    monkeypatch.setattr(admin_search, "MATCH_LIMIT", 1)
    article = ArticleFactory()
    ClaimFactory(article=article, text="La dette ancienne a baissé.")
    second_claim(article, text="La dette nouvelle a grimpé.")
    page = text(admin_client.get("/admin/factcheck/claim/?q=dette"))
    assert ("dette nouvelle" in page, "dette ancienne" in page) == (True, False)


@pytest.mark.postgres
def test_it_finds_claims_by_a_word_of_their_article_title(admin_client):
    ClaimFactory(text="Le budget a été voté.", article=ArticleFactory(title="Parlement en séance"))
    ClaimFactory(text="La dette a baissé.", article=ArticleFactory(title="Finances"))
    page = text(admin_client.get("/admin/factcheck/claim/?q=parlement"))
    assert ("budget a été voté" in page, "dette a baissé" in page) == (True, False)


@pytest.mark.postgres
def test_it_says_about_when_the_whole_claim_list_is_counted_from_statistics(admin_client, monkeypatch):
    from django.db import connection

    monkeypatch.setattr(factcheck_admin, "ESTIMATE_FROM", 1)
    ClaimFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE factcheck_claim")
    assert "about 3 claims" in text(admin_client.get("/admin/factcheck/claim/"))
