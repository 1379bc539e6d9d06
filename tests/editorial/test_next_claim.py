""""Save and next": after a verdict, the next claim this editor can decide."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.editorial.helpers import reviewable
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def next_after(user, claim):
    client = Client()
    client.force_login(user)
    return client.get(reverse("editorial:next_claim"), {"after": claim.pk})


def test_it_opens_the_highest_priority_claim_nobody_else_holds():
    alice = UserFactory(username="alice", role="checker")
    done = ClaimFactory(priority=0.9, score=0.3)
    held = ClaimFactory(priority=0.8, score=0.3)
    reviewable(held).take(UserFactory(username="bob", role="checker"))
    free = ClaimFactory(priority=0.5, score=0.3)
    ClaimFactory(priority=0.1, score=0.3)
    response = next_after(alice, done)
    assert response.url == free.get_absolute_url()


def test_it_goes_back_to_the_queue_when_nothing_is_left():
    alice = UserFactory(username="alice", role="checker")
    done = ClaimFactory(score=0.3)
    response = next_after(alice, done)
    assert response.url == reverse("editorial:queue")
