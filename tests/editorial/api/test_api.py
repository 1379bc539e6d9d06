import pytest
from django.urls import reverse

from factcheck.models import Article, Claim, Evidence
from tests.editorial.helpers import decide, reviewable
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, UserFactory

from .helpers import api_client

pytestmark = pytest.mark.django_db


def reporter(name):
    return UserFactory(username=name, role="reporter")


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_it_refuses_a_request_without_a_token():
    ClaimFactory()
    assert api_client().get("/api/claims/").status_code == 401


def test_it_refuses_a_wrong_token():
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/claims/").status_code == 401


def test_it_reads_claims_with_a_token():
    claim = ClaimFactory()
    assert ids(api_client(UserFactory(role="checker")).get("/api/claims/")) == [claim.pk]


def test_it_never_lists_another_reporters_article_to_a_reporter():
    alice, bob = reporter("alice"), reporter("bob")
    mine = ArticleFactory(submitted_by=alice)
    ArticleFactory(submitted_by=bob, title="Bob's scoop")
    assert ids(api_client(alice).get("/api/articles/")) == [mine.pk]


def test_it_answers_404_to_a_reporter_asking_for_another_reporters_article():
    alice, bob = reporter("alice"), reporter("bob")
    theirs = ArticleFactory(submitted_by=bob)
    assert api_client(alice).get(f"/api/articles/{theirs.pk}/").status_code == 404


def test_it_never_shows_a_reporter_the_claims_of_another_reporters_article():
    alice, bob = reporter("alice"), reporter("bob")
    mine = ClaimFactory(article=ArticleFactory(submitted_by=alice))
    theirs = ClaimFactory(article=ArticleFactory(submitted_by=bob))
    client = api_client(alice)
    assert ids(client.get("/api/claims/", {"status": "all"})) == [mine.pk]
    assert client.get(f"/api/claims/{theirs.pk}/").status_code == 404


def test_it_never_shows_a_reporter_the_verdicts_on_another_reporters_claims():
    alice, bob = reporter("alice"), reporter("bob")
    theirs = ClaimFactory(score=0.3, article=ArticleFactory(submitted_by=bob))
    reviewable(theirs).give_verdict(UserFactory(role="checker"), "confirmed", "ok")
    assert ids(api_client(alice).get("/api/verdicts/")) == []


def test_it_hides_the_article_behind_evidence_a_reporter_may_not_see():
    alice, bob = reporter("alice"), reporter("bob")
    claim = ClaimFactory(article=ArticleFactory(submitted_by=alice))
    secret = ArticleFactory(submitted_by=bob, title="R2 SECRET scoop")
    EvidenceFactory(claim=claim, source_article=secret, excerpt="the secret sentence",
                    url="https://bob.example/scoop")
    response = api_client(alice).get(f"/api/claims/{claim.pk}/")
    [evidence] = response.json()["evidence"]
    assert evidence["stance"] == Evidence.STANCE_SUPPORTS
    assert "SECRET" not in response.content.decode()
    assert (evidence["source_article"], evidence["excerpt"], evidence["url"]) == (None, "", "")


def test_it_shows_the_desk_the_article_behind_evidence():
    claim = ClaimFactory()
    source = ArticleFactory(title="Le Courrier du soir")
    EvidenceFactory(claim=claim, source_article=source)
    response = api_client(UserFactory(role="checker")).get(f"/api/claims/{claim.pk}/")
    [evidence] = response.json()["evidence"]
    assert (evidence["source_article"], evidence["source_article_title"]) == (
        source.pk, "Le Courrier du soir")


def test_it_filters_claims_with_the_queue_filters():
    english = ClaimFactory(language="en")
    ClaimFactory(language="fr")
    client = api_client(UserFactory(role="checker"))
    assert ids(client.get("/api/claims/", {"language": "en"})) == [english.pk]


def test_it_lists_claims_needing_a_decision_unless_asked_for_all():
    open_claim = ClaimFactory(score=0.3)
    decided = ClaimFactory(score=0.3)
    reviewable(decided).give_verdict(UserFactory(role="checker"), "confirmed", "ok")
    client = api_client(UserFactory(role="checker"))
    assert ids(client.get("/api/claims/")) == [open_claim.pk]
    assert set(ids(client.get("/api/claims/", {"status": "all"}))) == {open_claim.pk, decided.pk}


@pytest.mark.parametrize("params", [{"since": "bad"}, {"status": "bogus"}, {"since": "0001-01-01"}])
def test_it_answers_400_naming_a_bad_filter(params):
    response = api_client(UserFactory(role="checker")).get("/api/claims/", params)
    assert response.status_code == 400
    assert list(response.json()) == list(params)


def test_it_pages_claims_in_queue_order_with_a_cursor():
    high, low = ClaimFactory(priority=0.9), ClaimFactory(priority=0.2)
    client = api_client(UserFactory(role="checker"))
    first = client.get("/api/claims/", {"size": 1}).json()
    second = client.get(first["next"]).json()
    assert [r["id"] for r in first["results"] + second["results"]] == [high.pk, low.pk]
    assert second["next"] is None


def test_it_gives_the_verifiers_suggestion_with_a_claim():
    claim = ClaimFactory(suggestion=Claim.SUGGEST_CONTRADICTED, suggestion_confidence=0.8,
                         suggestion_reasons=["Another outlet gives 12 M€."])
    data = api_client(UserFactory(role="checker")).get(f"/api/claims/{claim.pk}/").json()
    assert data["suggestion"] == {"verdict": "contradicted", "confidence": 0.8,
                                  "reasons": ["Another outlet gives 12 M€."],
                                  "reason_codes": [None]}


def test_it_lists_published_reviews_to_anyone():
    claim = ClaimFactory(score=0.3)
    chief = UserFactory(username="chiefb", role="chief")
    verdict = decide(claim, chief, "disputed", "Wrong figure.")
    ClaimFactory(score=0.3)
    verdict.publish(chief)
    [review] = api_client().get("/api/reviews/").json()["results"]
    assert review["id"] == verdict.pk
    assert review["claim_review"]["claimReviewed"] == claim.text


def test_it_keeps_unpublished_verdicts_out_of_the_reviews():
    claim = ClaimFactory(score=0.3)
    verdict = reviewable(claim).give_verdict(UserFactory(role="checker"), "disputed", "Wrong.")
    assert api_client().get("/api/reviews/").json()["results"] == []
    assert api_client().get(f"/api/reviews/{verdict.pk}/").status_code == 404


def test_it_submits_an_article_by_text():
    alice = reporter("alice")
    response = api_client(alice).post("/api/articles/", {
        "title": "Budget vote", "body": "Le conseil a voté un budget de 12 millions d'euros.",
        "outlet": "Le Courrier", "language": "fr",
    }, format="json")
    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert (article.submitted_by, article.source.name) == (alice, "Le Courrier")


def test_it_refuses_an_article_already_on_the_desk_with_a_400():
    existing = ArticleFactory()
    response = api_client(reporter("alice")).post(
        "/api/articles/", {"title": "Again", "body": existing.body}, format="json")
    assert response.status_code == 400
    assert "already" in response.json()["non_field_errors"][0]


def test_it_refuses_an_empty_article_with_a_400_naming_the_body():
    response = api_client(reporter("alice")).post(
        "/api/articles/", {"title": "Nothing", "body": "   "}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["body"]
    assert not Article.objects.exists()


def test_it_refuses_article_submission_without_the_permission():
    viewer = UserFactory(username="viewer")
    response = api_client(viewer).post("/api/articles/", {"title": "T", "body": "B"}, format="json")
    assert response.status_code == 403


def test_it_serves_the_openapi_schema_and_its_docs():
    client = api_client()
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/claims/" in schema.json()["paths"]
    assert client.get(reverse("api:docs")).status_code == 200


def test_it_stores_a_publication_date_with_a_far_offset_in_utc():
    response = api_client(reporter("alice")).post("/api/articles/", {
        "title": "Budget", "body": "Le conseil a voté le budget.",
        "published_at": "2026-03-01T10:00:00+19:30",
    }, format="json")
    assert response.status_code == 201, response.content
    assert Article.objects.get().published_at.isoformat() == "2026-02-28T14:30:00+00:00"


def test_it_refuses_a_publication_date_in_year_one_with_a_400():
    response = api_client(reporter("alice")).post("/api/articles/", {
        "title": "Budget", "body": "Le conseil a voté le budget.", "published_at": "0001-01-01T00:00:00",
    }, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["published_at"]


def test_it_refuses_a_list_where_a_date_is_expected_with_a_400():
    response = api_client(reporter("alice")).post("/api/articles/", {
        "title": "Budget", "body": "Le conseil a voté le budget.", "published_at": [[], []],
    }, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["published_at"]


@pytest.mark.parametrize("params", [{"after": "not-a-cursor"}, {"size": "0"}, {"size": "abc"}])
def test_it_answers_400_to_a_page_address_it_did_not_give(params):
    ClaimFactory()
    response = api_client(UserFactory(role="checker")).get("/api/claims/", params)
    assert response.status_code == 400
    assert list(response.json()) == list(params)


def test_it_pages_claims_of_several_statuses_in_one_order():
    checker = UserFactory(role="checker")
    top = ClaimFactory(score=0.3, priority=0.9)
    bottom = ClaimFactory(score=0.3, priority=0.1)
    decided = ClaimFactory(score=0.3, priority=0.5)
    reviewable(decided).give_verdict(checker, "confirmed", "ok")
    client = api_client(checker)
    seen, url = [], "/api/claims/?status=all&size=1"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == [top.pk, decided.pk, bottom.pk]
