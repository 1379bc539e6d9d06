import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.editorial.api.helpers import api_client
from tests.editorial.helpers import decide
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def body(response):
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))


def jsonl_rows(response):
    return [json.loads(line) for line in body(response).splitlines()]


def checker():
    return UserFactory(username="carl", role="checker")


def test_it_exports_the_claims_the_queue_filters_keep_as_csv():
    english = ClaimFactory(language="en")
    ClaimFactory(language="fr")
    response = logged_in(checker()).get(reverse("editorial:export", args=["csv"]), {"language": "en"})
    assert response["Content-Type"].startswith("text/csv")
    assert [row["claim_id"] for row in csv_rows(response)] == [str(english.pk)]


def test_it_exports_each_claim_with_its_latest_verdict_as_jsonl():
    claim = ClaimFactory(score=0.3)
    chief = UserFactory(username="chiefc", role="chief")
    decide(claim, chief, "disputed", "Wrong figure.", ["https://a.example/x"]).publish(chief)
    [row] = jsonl_rows(logged_in(checker()).get(
        reverse("editorial:export", args=["jsonl"]), {"status": "all"}))
    assert (row["claim_id"], row["verdict"], row["rationale"], row["sources"]) == (
        claim.pk, "disputed", "Wrong figure.", ["https://a.example/x"])
    assert row["public_url"].endswith(reverse("review", args=[claim.verdicts.get().pk]))


def test_it_never_exports_another_reporters_claims():
    alice = UserFactory(username="alice", role="reporter")
    bob = UserFactory(username="bob", role="reporter")
    mine = ClaimFactory(article=ArticleFactory(submitted_by=alice))
    ClaimFactory(article=ArticleFactory(submitted_by=bob, title="Bob's scoop"))
    rows = jsonl_rows(logged_in(alice).get(reverse("editorial:export", args=["jsonl"]), {"status": "all"}))
    assert [row["claim_id"] for row in rows] == [mine.pk]


def test_it_keeps_a_spreadsheet_from_reading_a_claim_as_a_formula():
    article = ArticleFactory(body='=HYPERLINK("https://evil.example","click") coûte 3 M€.\nSuite.')
    ClaimFactory(article=article)
    [row] = csv_rows(logged_in(checker()).get(reverse("editorial:export", args=["csv"])))
    assert row["claim"].startswith("'=HYPERLINK")


def test_it_answers_400_naming_a_bad_filter_instead_of_exporting_everything():
    ClaimFactory()
    response = logged_in(checker()).get(reverse("editorial:export", args=["csv"]), {"since": "bad"})
    assert response.status_code == 400
    assert "since" in response.content.decode()


def test_it_links_the_export_from_the_queue_page_with_its_filters():
    ClaimFactory(language="en")
    page = logged_in(checker()).get(reverse("editorial:queue"), {"language": "en"}).content.decode()
    assert reverse("editorial:export", args=["csv"]) + "?language=en" in page


def test_it_exports_through_the_api_with_a_token():
    claim = ClaimFactory()
    client = api_client(checker())
    response = client.get("/api/exports/claims.jsonl", HTTP_ACCEPT="application/jsonl")
    assert [row["claim_id"] for row in jsonl_rows(response)] == [claim.pk]
    assert client.get("/api/exports/claims.csv", {"status": "bogus"}).status_code == 400
