"""A claim's restatement (`normalized`) and how often it appears in its article, wherever an
editor or a script reads the claim: the claim page, the queue, the API and the exports."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.editorial.api.helpers import api_client
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

RESTATED = "Microsoft fournit à OpenAI sa puissance de calcul."


def checker_client(language="en"):
    client = Client()
    client.force_login(UserFactory(role="checker"))
    client.cookies["django_language"] = language
    return client


def restated_claim(**kwargs):
    return ClaimFactory(normalized=RESTATED, occurrences=3, **kwargs)


def test_it_shows_the_restatement_under_the_claim_on_its_page():
    claim = restated_claim()
    html = checker_client().get(claim.get_absolute_url()).content.decode()
    assert "Restated:</span>" in html and f">{RESTATED}</span></p>" in html


def test_it_shows_how_many_times_the_claim_appears_on_its_page():
    claim = restated_claim()
    html = checker_client().get(claim.get_absolute_url()).content.decode()
    assert "appears 3 times in the article" in html


def test_it_says_it_in_french_on_the_claim_page():
    claim = restated_claim()
    html = checker_client("fr").get(claim.get_absolute_url()).content.decode()
    assert "apparaît 3 fois dans l’article" in html


def test_it_shows_no_restatement_when_there_is_none():
    claim = ClaimFactory(normalized="", occurrences=1)
    html = checker_client().get(claim.get_absolute_url()).content.decode()
    assert "Restated:" not in html and "appears" not in html


def test_it_shows_the_restatement_and_repeats_in_the_queue_row():
    restated_claim()
    html = checker_client().get(reverse("editorial:queue")).content.decode()
    assert RESTATED in html and "appears 3 times in the article" in html


def test_it_gives_the_restatement_and_occurrences_in_the_api():
    claim = restated_claim()
    data = api_client(UserFactory(role="checker")).get(f"/api/claims/{claim.pk}/").json()
    assert (data["normalized"], data["occurrences"]) == (RESTATED, 3)


def export(kind):
    response = checker_client().get(reverse("editorial:export", args=[kind]), {"status": "all"})
    return b"".join(response.streaming_content).decode("utf-8")


def test_it_exports_the_restatement_and_occurrences_as_jsonl():
    restated_claim()
    [row] = [json.loads(line) for line in export("jsonl").splitlines()]
    assert (row["normalized"], row["occurrences"]) == (RESTATED, 3)


def test_it_exports_the_restatement_as_csv():
    restated_claim()
    [row] = csv.DictReader(io.StringIO(export("csv").lstrip("\ufeff")))
    assert (row["normalized"], row["occurrences"]) == (RESTATED, "3")
