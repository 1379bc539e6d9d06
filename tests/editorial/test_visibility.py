"""Reporters are kept apart: a reporter sees their own articles and claims, and what the desk
found elsewhere only as "another article on the desk"."""

import pytest

from factcheck.models import ClaimCluster, Evidence
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, UserFactory

pytestmark = pytest.mark.django_db
SECRET = "R2 SECRET scoop Renault"


@pytest.fixture
def reporter_a(db):
    return UserFactory(username="reporter-a", role="reporter")


@pytest.fixture
def reporter_b(db):
    return UserFactory(username="reporter-b", role="reporter")


@pytest.fixture
def a_claim(reporter_a):
    return ClaimFactory(article=ArticleFactory(submitted_by=reporter_a, title="A's own article"))


@pytest.fixture
def b_claim(reporter_b):
    article = ArticleFactory(submitted_by=reporter_b, title=SECRET, url="https://example.org/scoop")
    return ClaimFactory(article=article)


@pytest.fixture
def evidence_from_b(a_claim, b_claim):
    return EvidenceFactory(
        claim=a_claim, source_article=b_claim.article, source_claim=b_claim,
        url=b_claim.article.url, excerpt="the scoop's exact sentence",
        explanation=f"Reported the same way by “{SECRET}” (3 Dec)",
    )


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_it_hides_the_title_of_another_reporters_article_cited_as_evidence(
        client, reporter_a, a_claim, evidence_from_b):
    status, html = page(client, reporter_a, a_claim.get_absolute_url())
    assert status == 200 and SECRET not in html


def test_it_hides_the_link_address_and_excerpt_of_evidence_from_an_unseen_article(
        client, reporter_a, a_claim, evidence_from_b, b_claim):
    _status, html = page(client, reporter_a, a_claim.get_absolute_url())
    leaks = [b_claim.article.get_absolute_url(), "example.org/scoop", "the scoop's exact sentence"]
    assert [leak for leak in leaks if leak in html] == []


def test_it_shows_evidence_from_an_unseen_article_as_another_article_on_the_desk(
        client, reporter_a, a_claim, evidence_from_b):
    _status, html = page(client, reporter_a, a_claim.get_absolute_url())
    assert "Reported the same way by another article on the desk" in html


def test_it_shows_the_desk_where_the_evidence_comes_from(client, a_claim, evidence_from_b):
    checker = UserFactory(username="checker", role="checker")
    _status, html = page(client, checker, a_claim.get_absolute_url())
    assert SECRET in html and "example.org/scoop" in html


def test_it_names_a_reporters_own_other_article_cited_as_evidence(client, reporter_a, a_claim):
    mine = ArticleFactory(submitted_by=reporter_a, title="My earlier piece")
    EvidenceFactory(claim=a_claim, source_article=mine, explanation="Reported the same way by mine")
    _status, html = page(client, reporter_a, a_claim.get_absolute_url())
    assert "My earlier piece" in html


def test_it_leaves_another_reporters_claim_out_of_the_same_claim_elsewhere(
        client, reporter_a, a_claim, b_claim):
    cluster = ClaimCluster.objects.create(label="Renault")
    for claim in (a_claim, b_claim):
        claim.cluster = cluster
        claim.save(update_fields=["cluster"])
    _status, html = page(client, reporter_a, a_claim.get_absolute_url())
    assert SECRET not in html and b_claim.get_absolute_url() not in html


def test_it_hides_an_earlier_verdict_found_in_another_reporters_article(
        client, reporter_a, a_claim, b_claim):
    EvidenceFactory(claim=a_claim, kind=Evidence.KIND_EARLIER_VERDICT, verifier="earlier_verdicts",
                    source_article=b_claim.article, source_claim=b_claim,
                    explanation=f"Checked before: confirmed on 3 Dec (same claim in “{SECRET}”)")
    _status, html = page(client, reporter_a, a_claim.get_absolute_url())
    assert SECRET not in html and "Checked before, in another article on the desk" in html


def test_it_hides_another_reporters_article_in_the_suggestions_reasons(
        client, reporter_a, a_claim, evidence_from_b):
    a_claim.suggestion_reasons = [evidence_from_b.explanation]
    a_claim.save()
    _status, html = page(client, reporter_a, a_claim.get_absolute_url())
    assert SECRET not in html and html.count("Reported the same way by another article on the desk") == 2


def test_it_refuses_another_reporters_claim_page(client, reporter_a, b_claim):
    status, _html = page(client, reporter_a, b_claim.get_absolute_url())
    assert status == 403


def test_it_lists_only_a_reporters_own_articles(client, reporter_a, a_claim, b_claim):
    _status, html = page(client, reporter_a, "/articles/")
    assert "A&#x27;s own article" in html and SECRET not in html


def test_it_refuses_another_reporters_article_status_fragment(client, reporter_a, b_claim):
    status, _html = page(client, reporter_a, f"/articles/{b_claim.article.pk}/status/")
    assert status == 403


def test_it_does_not_name_another_reporters_article_when_the_text_is_a_duplicate(
        client, reporter_a, b_claim):
    client.force_login(reporter_a)
    response = client.post("/articles/new/", {"title": "Copie", "body": b_claim.article.body})
    html = response.content.decode()
    assert (response.status_code, SECRET in html, "already on the desk" in html) == (400, False, True)


def test_it_names_the_existing_article_to_the_desk_when_the_text_is_a_duplicate(client, b_claim):
    chief = UserFactory(username="chief", role="chief")
    client.force_login(chief)
    response = client.post("/articles/new/", {"title": "Copie", "body": b_claim.article.body})
    assert b_claim.article.get_absolute_url() in response.content.decode()
