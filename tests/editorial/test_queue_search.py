"""The review queue's search by speaker, and by wording when a term is in many claims. On
PostgreSQL both go through the search table (a trigger's copy of each claim)."""

import pytest
from django.test import Client
from django.urls import reverse

from editorial import queue
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def queue_page(q):
    client = Client()
    client.force_login(UserFactory(username="alice", role="checker"))
    return client.get(reverse("editorial:queue"), {"q": q}).content.decode()


def test_it_finds_a_claim_by_who_said_it():
    ClaimFactory(text="Unemployment fell last year", quoted=True, speaker="Jeanne Martin")
    ClaimFactory(text="The port doubled its traffic", quoted=True, speaker="Paul Durand")
    page = queue_page("martin")
    assert "Unemployment fell" in page and "The port doubled" not in page


def test_it_finds_a_claim_by_its_corrected_speaker():
    claim = ClaimFactory(text="Unemployment fell last year", quoted=True, speaker="Jeanne Martin")
    claim.speaker = "Louise Bernard"
    claim.save(update_fields=["speaker"])
    assert "Unemployment fell" in queue_page("bernard")
    assert "Unemployment fell" not in queue_page("martin")


def test_it_lists_every_match_of_a_term_found_in_many_claims(monkeypatch):
    monkeypatch.setattr(queue, "CLAIM_IDS_MAX", 1)  # more matches than are read up front
    for town in ("Lyon", "Lille", "Nantes"):
        ClaimFactory(text=f"The bridge in {town} cost 40 million")
    ClaimFactory(text="Schools got more teachers")
    page = queue_page("bridge")
    assert all(f"The bridge in {town}" in page for town in ("Lyon", "Lille", "Nantes"))
    assert "Schools got" not in page
