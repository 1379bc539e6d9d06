"""The queue's filters from the query string: an invalid one is named and left out, the others
still apply; whatever the query string, a page (never a 500)."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.django import TestCase

from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def get_queue(params):
    client = Client()
    client.force_login(UserFactory(username="alice", role="checker"))
    return client.get(reverse("editorial:queue"), params)


def listed(response):
    return re.findall(r'class="claim-link"[^>]*>([^<]+)</a>', response.content.decode())


def two_claims():
    ClaimFactory(article=ArticleFactory(language="en"), language="en", text="Unemployment fell")
    ClaimFactory(text="Le chômage a baissé")


def test_it_keeps_the_other_filters_when_a_date_is_invalid():
    two_claims()
    response = get_queue({"language": "en", "since": "bad"})
    assert listed(response) == ["Unemployment fell"]
    assert "From: Enter a valid date. This filter was left out." in response.content.decode()


def test_it_names_an_unknown_status_and_keeps_the_search():
    two_claims()
    response = get_queue({"q": "chômage", "status": "bogus"})
    assert listed(response) == ["Le chômage a baissé"]
    assert "Status: Select a valid choice." in response.content.decode()


def test_it_answers_a_date_from_the_first_century_with_a_message():
    two_claims()
    response = get_queue({"since": "0001-01-01"})
    assert response.status_code == 200
    assert "This filter was left out." in response.content.decode()
    assert len(listed(response)) == 2


FILTER_NAMES = ["q", "status", "outlet", "language", "modality", "mine", "contradiction", "since",
                "until", "sort", "size", "page", "after"]
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
    st.sampled_from(["new", "in_review", "fr", "en", "hedged", "on", "score", "age", "outlet",
                     "0.5:1", "nan:1", "inf:3", "1:99999999999999999999", "\x00", "%", "_", "'", "\\"]),
)
QUERIES = st.dictionaries(st.sampled_from(FILTER_NAMES), VALUES, max_size=6)


class QueueFilterProperties(TestCase):
    """Hypothesis' Django TestCase: each example runs in its own transaction."""

    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="prop", role="checker")
        two_claims()

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(QUERIES)
    def test_it_answers_any_query_string_with_a_page(self, params):
        self.client.force_login(self.user)
        response = self.client.get(reverse("editorial:queue"), params)
        assert response.status_code == 200
