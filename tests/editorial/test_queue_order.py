"""The queue explains itself: priority and waiting time shown, sortable, the order in one line."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factcheck.models import Claim, ClaimCluster
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def queue_page(**params):
    client = Client()
    client.force_login(UserFactory(username="alice", role="checker"))
    return client.get(reverse("editorial:queue"), params).content.decode()


def listed(page):
    return re.findall(r'class="claim-link"[^>]*>([^<]+)</a>', page)


def three_claims():
    now = timezone.now()
    specs = [("Zeta outlet claim", "Zeta", 0.9, 0.2, 1), ("Alpha outlet claim", "Alpha", 0.1, 0.5, 30),
             ("Mid outlet claim", "Mid", 0.5, 0.9, 3)]
    for text, outlet, score, priority, days in specs:
        claim = ClaimFactory(article=ArticleFactory(source=SourceFactory(name=outlet)), text=text,
                             score=score, priority=priority)
        Claim.objects.filter(pk=claim.pk).update(created_at=now - timedelta(days=days))


def test_it_shows_each_claim_s_priority_and_how_long_it_has_waited():
    three_claims()
    page = queue_page()
    assert re.search(r"<td>0\.90</td>\s*<td><time[^>]*>3 days</time>", page)


@pytest.mark.parametrize("sort, expected", [
    ("", ["Mid outlet claim", "Alpha outlet claim", "Zeta outlet claim"]),
    ("score", ["Zeta outlet claim", "Mid outlet claim", "Alpha outlet claim"]),
    ("age", ["Alpha outlet claim", "Mid outlet claim", "Zeta outlet claim"]),
    ("outlet", ["Alpha outlet claim", "Mid outlet claim", "Zeta outlet claim"]),
])
def test_it_sorts_the_queue(sort, expected):
    three_claims()
    assert listed(queue_page(sort=sort)) == expected


def test_it_explains_the_order_in_one_line():
    ClaimFactory()
    page = queue_page()
    assert ("Order: highest priority first. Priority = 50% check-worthiness + 20% recency "
            "(halves every 3 days) + 15% repeats in other articles + 15% contradiction found.") in page


def test_it_pages_a_sorted_queue_without_repeating_a_claim():
    three_claims()
    first, second = queue_page(sort="score", size=2), queue_page(sort="score", size=2, page=2)
    assert listed(first) + listed(second) == ["Zeta outlet claim", "Mid outlet claim", "Alpha outlet claim"]


def test_it_says_in_how_many_other_articles_a_wire_claim_appears_however_many_they_are():
    cluster = ClaimCluster.objects.create(label="wire", article_count=9)
    ClaimFactory(text="Wire claim", cluster=cluster, repeat_count=Claim.REPEATS_CAP)
    assert "in 8 articles" in queue_page()
