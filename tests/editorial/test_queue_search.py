"""The review queue's search: every word, in the claim or its article, accents and case aside,
best matches first. On PostgreSQL through the search table (a trigger's copy of each claim)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from editorial import queue

from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def queue_page(q, **params):
    client = Client()
    client.force_login(UserFactory(username="alice", role="checker"))
    return client.get(reverse("editorial:queue"), {"q": q, **params}).content.decode()


def listed(page):
    """The claim texts of the page, in order."""
    return re.findall(r'class="claim-link"[^>]*>([^<]+)</a>', page)


def test_it_finds_a_claim_by_who_said_it():
    ClaimFactory(text="Unemployment fell last year", quoted=True, speaker="Jeanne Martin")
    ClaimFactory(text="The port doubled its traffic", quoted=True, speaker="Paul Durand")
    assert listed(queue_page("martin")) == ["Unemployment fell last year"]


def test_it_finds_a_claim_by_its_corrected_speaker():
    claim = ClaimFactory(text="Unemployment fell last year", quoted=True, speaker="Jeanne Martin")
    claim.speaker = "Louise Bernard"
    claim.save(update_fields=["speaker"])
    assert "Unemployment fell" in queue_page("bernard")
    assert "Unemployment fell" not in queue_page("martin")


def test_it_finds_an_accented_word_typed_without_accent_or_capital():
    ClaimFactory(text="Le Sénat a rejeté la réforme des retraites")
    ClaimFactory(text="La mairie a rénové trois écoles")
    assert listed(queue_page("senat")) == ["Le Sénat a rejeté la réforme des retraites"]


def test_it_needs_every_word_of_the_search():
    ClaimFactory(text="Le groupe annonce la suppression de 2000 postes en France")
    ClaimFactory(text="Le groupe ouvre 300 postes à Lyon")
    assert listed(queue_page("suppression postes")) == [
        "Le groupe annonce la suppression de 2000 postes en France"]


def test_it_finds_the_words_across_the_claim_and_its_article_title():
    article = ArticleFactory(title="Microsoft hires OpenAI's former chief")
    ClaimFactory(article=article, text="Sam Altman joins the company to lead a new AI team")
    ClaimFactory(text="Sam Altman returns to OpenAI")
    assert listed(queue_page("Altman Microsoft")) == ["Sam Altman joins the company to lead a new AI team"]


def test_it_finds_a_claim_by_its_outlet():
    outlet = SourceFactory(name="Ouest-Éclair")
    ClaimFactory(article=ArticleFactory(source=outlet), text="Le port a doublé son trafic")
    ClaimFactory(text="Le chômage a baissé")
    assert listed(queue_page("Ouest-Éclair")) == ["Le port a doublé son trafic"]


def test_it_lists_claims_holding_the_words_before_those_matching_only_by_title():
    by_title = ArticleFactory(title="Le budget des écoles")
    ClaimFactory(article=by_title, text="La commune a dépensé 5 millions", priority=0.9)
    ClaimFactory(text="Le budget des écoles a doublé", priority=0.1)
    assert listed(queue_page("budget écoles")) == [
        "Le budget des écoles a doublé", "La commune a dépensé 5 millions"]


def test_it_keeps_the_priority_order_among_equal_matches():
    ClaimFactory(text="The bridge in Lyon cost 40 million", priority=0.2)
    ClaimFactory(text="The bridge in Lille cost 40 million", priority=0.8)
    ClaimFactory(text="Schools got more teachers", priority=0.5)
    assert listed(queue_page("bridge")) == [
        "The bridge in Lille cost 40 million", "The bridge in Lyon cost 40 million"]


@pytest.mark.postgres  # on SQLite every word is required as typed
def test_it_ignores_words_too_common_to_search():
    ClaimFactory(text="Le Sénat a rejeté la réforme")
    assert listed(queue_page("le sénat")) == ["Le Sénat a rejeté la réforme"]


def test_it_finds_a_decided_claim_under_its_status():
    ClaimFactory(text="Le port a doublé son trafic", status="confirmed")
    ClaimFactory(text="Le port a doublé ses quais")
    assert listed(queue_page("doublé trafic", status="confirmed")) == ["Le port a doublé son trafic"]


def test_it_leaves_decided_claims_out_of_the_search_of_claims_needing_a_decision():
    ClaimFactory(text="Le port a doublé son trafic", status="confirmed")
    ClaimFactory(text="Le port a doublé son trafic de conteneurs", status="in_review")
    assert listed(queue_page("doublé trafic")) == ["Le port a doublé son trafic de conteneurs"]


def test_it_pages_through_search_results_without_repeating_a_claim():
    for i in range(5):
        ClaimFactory(text=f"The bridge number {i} cost {i} million", priority=i / 10)
    first = queue_page("bridge", size=3)
    second = queue_page("bridge", size=3, page=2)
    assert len(listed(first)) == 3 and len(listed(second)) == 2
    assert not set(listed(first)) & set(listed(second))


def test_it_lists_every_match_of_a_term_found_in_many_claims(monkeypatch):
    monkeypatch.setattr(queue, "CLAIM_IDS_MAX", 1)  # more matches than are read up front
    for priority, town in ((0.3, "Lyon"), (0.9, "Lille"), (0.6, "Nantes")):
        ClaimFactory(text=f"The bridge in {town} cost 40 million", priority=priority)
    ClaimFactory(text="Schools got more teachers")
    assert listed(queue_page("bridge")) == [
        f"The bridge in {town} cost 40 million" for town in ("Lille", "Nantes", "Lyon")]


def test_it_reads_a_search_page_in_at_most_twelve_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(30):
        ClaimFactory(text=f"Le budget des écoles numéro {i}", quoted=True, speaker="Mme X")
    ClaimFactory(article=ArticleFactory(title="Le budget des écoles"), text="La commune a dépensé 5 millions")
    client = Client()
    client.force_login(UserFactory(username="carol", role="chief"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("editorial:queue"), {"q": "budget écoles", "size": 40})
    assert len(response.context["claims"]) == 31
    assert len(captured) <= 12, len(captured)


def holding_the_words_then_by_title(by_title=3):
    """Three claims holding "budget écoles", then `by_title` claims of an article so titled,
    each group in falling priority."""
    for i in range(3):
        ClaimFactory(text=f"Le budget des écoles numéro {i}", priority=0.9 - i / 10)
    titled = ArticleFactory(title="Le budget des écoles")
    for i in range(by_title):
        ClaimFactory(article=titled, start=0, end=10 + i, text=f"La commune a dépensé {i} millions",
                     priority=0.5 - i / 10)


def test_it_pages_on_into_claims_matching_by_title_after_those_holding_the_words():
    holding_the_words_then_by_title()
    pages = [listed(queue_page("budget écoles", size=2, page=n)) for n in (1, 2, 3)]
    assert pages == [
        ["Le budget des écoles numéro 0", "Le budget des écoles numéro 1"],
        ["Le budget des écoles numéro 2", "La commune a dépensé 0 millions"],
        ["La commune a dépensé 1 millions", "La commune a dépensé 2 millions"],
    ]


def test_it_lists_a_term_found_in_many_claims_by_priority_across_the_statuses_needing_a_decision(monkeypatch):
    monkeypatch.setattr(queue, "CLAIM_IDS_MAX", 1)  # more matches than are read up front
    for priority, status in ((0.4, "new"), (0.9, "in_review"), (0.6, "pending_approval"), (0.7, "new")):
        ClaimFactory(text=f"The bridge cost {priority} million ({status})", status=status, priority=priority)
    ClaimFactory(text="The bridge cost 1 million (confirmed)", status="confirmed", priority=1)
    assert listed(queue_page("bridge")) == [
        "The bridge cost 0.9 million (in_review)", "The bridge cost 0.7 million (new)",
        "The bridge cost 0.6 million (pending_approval)", "The bridge cost 0.4 million (new)"]


def test_it_pages_on_into_title_matches_after_a_term_found_in_many_claims(monkeypatch):
    monkeypatch.setattr(queue, "CLAIM_IDS_MAX", 1)
    holding_the_words_then_by_title(by_title=2)
    assert listed(queue_page("budget écoles", size=2, page=3)) == ["La commune a dépensé 1 millions"]
