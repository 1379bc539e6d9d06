"""What the review desk reads on a claim: suggestion, reasons, contradiction, cluster, priority."""

from datetime import timedelta

import pytest
from django.utils import timezone

from factcheck.models import Claim, ClaimCluster, Evidence
from factcheck.pipeline import rollup
from factcheck.pipeline.clusters import link_claims
from factcheck.verifiers.suggestion import suggest
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory


def ev(stance, confidence=0.7, kind=Evidence.KIND_ARTICLE, explanation="x"):
    return Evidence(stance=stance, confidence=confidence, kind=kind, explanation=explanation, key=explanation)


def texts(reasons):
    return [r["text"] for r in reasons]


def test_it_suggests_supported_with_the_outlets_as_reasons():
    result = suggest([ev("supports", explanation="Reported the same way by Tech Matin (20 Nov)")])
    assert (result.suggestion, texts(result.reasons)) == (
        Claim.SUGGEST_SUPPORTED, ["Reported the same way by Tech Matin (20 Nov)"])


def test_it_lets_a_contradiction_outweigh_equal_support():
    result = suggest([ev("supports"), ev("contradicts", explanation="y")])
    assert (result.suggestion, result.has_contradiction) == (Claim.SUGGEST_CONTRADICTED, True)


def test_it_shows_a_contradiction_among_the_reasons_even_when_support_wins():
    result = suggest([ev("supports", 0.9, explanation="a"), ev("supports", 0.9, explanation="b"),
                      ev("contradicts", 0.55, explanation="c")])
    assert result.suggestion == Claim.SUGGEST_SUPPORTED and "c" in texts(result.reasons)


def test_it_asks_for_sourcing_when_only_wording_signals_were_found():
    result = suggest([ev("mentions", 0.6, kind=Evidence.KIND_WORDING, explanation="Hedged wording")])
    assert (result.suggestion, texts(result.reasons)) == (Claim.SUGGEST_NEEDS_SOURCING,
                                                          ["Hedged wording"])


def test_it_suggests_nothing_without_evidence():
    assert suggest([]).suggestion == Claim.SUGGEST_UNKNOWN


@pytest.mark.django_db
def test_it_stores_the_roll_up_on_the_claim():
    claim = ClaimFactory()
    EvidenceFactory(claim=claim, stance="contradicts", confidence=0.8, explanation="Tech Matin disagrees")
    rollup.roll_up_claims([claim.pk])
    claim.refresh_from_db()
    assert (claim.suggestion, claim.has_contradiction, texts(claim.suggestion_reasons)) == (
        Claim.SUGGEST_CONTRADICTED, True, ["Tech Matin disagrees"])


@pytest.mark.django_db
def test_it_puts_a_contradicted_claim_ahead_of_an_otherwise_equal_one():
    calm, disputed = ClaimFactory(), ClaimFactory()
    EvidenceFactory(claim=disputed, stance="contradicts", confidence=0.8)
    rollup.roll_up_claims([calm.pk])
    rollup.roll_up_claims([disputed.pk])
    calm.refresh_from_db()
    disputed.refresh_from_db()
    assert disputed.priority > calm.priority


def test_it_ranks_a_fresh_claim_above_an_old_one():
    now = timezone.now()
    fresh = Claim(score=0.5, article=ArticleFactory.build(published_at=now))
    old = Claim(score=0.5, article=ArticleFactory.build(published_at=now - timedelta(days=30)))
    assert fresh.compute_priority(now) > old.compute_priority(now)


def link(claim, others):
    """Put `claim` and its near-duplicates `others` in one cluster; returns the cluster."""
    return ClaimCluster.objects.get(pk=link_claims([(claim, [o.pk for o in others])])[claim.pk])


@pytest.mark.django_db
def test_it_counts_the_other_articles_repeating_a_claim_and_ranks_it_higher():
    first, second, third = ClaimFactory(), ClaimFactory(), ClaimFactory()
    before = first.compute_priority()
    link(third, [first])
    cluster = link(second, [first])
    first.refresh_from_db()
    assert (first.cluster_id, first.repeat_count) == (cluster.pk, 2)
    assert first.priority > before


@pytest.mark.django_db
def test_it_merges_two_clusters_when_a_claim_links_them():
    a, b, c = ClaimFactory(), ClaimFactory(), ClaimFactory()
    one, two = link(a, []), link(b, [])
    merged = link(c, [a, b])
    assert set(Claim.objects.filter(pk__in=[a.pk, b.pk, c.pk]).values_list("cluster", flat=True)) == {merged.pk}
    assert merged.pk == min(one.pk, two.pk)


@pytest.mark.django_db
def test_it_clusters_together_the_claims_of_a_batch_that_repeat_the_same_earlier_claim():
    earlier, other = ClaimFactory(), ClaimFactory()
    link(other, [])
    x, y = ClaimFactory(), ClaimFactory()
    link_claims([(x, [earlier.pk]), (y, [earlier.pk, other.pk])])
    clusters = set(Claim.objects.filter(pk__in=[earlier.pk, other.pk, x.pk, y.pk])
                   .values_list("cluster", flat=True))
    assert len(clusters) == 1
    assert Claim.objects.get(pk=earlier.pk).repeat_count == 3


@pytest.mark.django_db
def test_it_rolls_up_many_claims_at_once_as_it_would_one_by_one():
    claims = [ClaimFactory() for _ in range(3)]
    EvidenceFactory(claim=claims[0], stance="contradicts", confidence=0.8, explanation="Tech Matin disagrees")
    EvidenceFactory(claim=claims[1], stance="supports", confidence=0.7, explanation="Same in Le Soir")
    EvidenceFactory(claim=claims[1], stance="supports", confidence=0.6, explanation="Same in Le Temps")
    fields = rollup.ROLL_UP_FIELDS[:-1]  # all but updated_at
    for claim in claims:
        rollup.roll_up_claims([claim.pk])
    one_by_one = [Claim.objects.values(*fields).get(pk=c.pk) for c in claims]
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        suggestion=Claim.SUGGEST_UNKNOWN, suggestion_reasons=[], has_contradiction=False, priority=0)
    assert rollup.roll_up_claims([c.pk for c in claims]) == {c.article_id for c in claims}
    assert [Claim.objects.values(*fields).get(pk=c.pk) for c in claims] == one_by_one


@pytest.mark.django_db
def test_it_counts_every_article_repeating_a_wire_claim_beyond_what_the_priority_reads():
    original = ClaimFactory()
    for _ in range(Claim.REPEATS_CAP + 3):
        cluster = link(ClaimFactory(), [original])
    original = Claim.objects.select_related("cluster").get(pk=original.pk)
    assert (original.repeats, original.repeat_count) == (Claim.REPEATS_CAP + 3, Claim.REPEATS_CAP)
    assert cluster.article_count == Claim.REPEATS_CAP + 4


@pytest.mark.django_db
def test_it_leaves_a_merged_cluster_counting_no_article():
    a, b, c = ClaimFactory(), ClaimFactory(), ClaimFactory()
    one, two = link(a, []), link(b, [])
    merged = link(c, [a, b])
    emptied = ClaimCluster.objects.get(pk=max(one.pk, two.pk))
    assert (merged.article_count, emptied.article_count) == (3, 0)
