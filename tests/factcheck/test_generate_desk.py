"""`manage.py generate_desk`: a generated desk the searches and the queue can be measured on."""

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from factcheck.models import Article, Claim, ClaimCluster, ClaimSearch, Source
from factcheck.verifiers import search
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
CLAIMS = 2000
UNTIL = "2026-06-30"


def generate(claims=CLAIMS, seed=1):
    out = io.StringIO()
    call_command("generate_desk", f"--claims={claims}", f"--seed={seed}", f"--until={UNTIL}",
                 stdout=out)
    return out.getvalue()


def name_counts():
    """How many claims name each name."""
    counts = Counter()
    for entities in Claim.objects.values_list("entities", flat=True):
        counts.update({e["text"] for e in entities})
    return counts


def test_it_writes_the_number_of_claims_asked_for():
    generate()
    assert Claim.objects.count() == CLAIMS


def test_it_keeps_each_claims_own_words_at_its_offsets_in_the_article():
    generate()
    for claim in Claim.objects.select_related("article"):
        assert claim.article.body[claim.start:claim.end] == claim.text
        for entity in claim.entities:
            assert claim.article.body[entity["start"]:entity["end"]] == entity["text"]


def test_it_writes_articles_of_five_to_sixty_claims():
    generate()
    sizes = Counter(Claim.objects.values_list("article_id", flat=True)).values()
    assert min(sizes) >= 5 and max(sizes) <= 60


def test_it_writes_french_and_english_articles_from_many_outlets():
    generate()
    languages = Counter(Article.objects.values_list("language", flat=True))
    assert languages["fr"] > 0.4 * sum(languages.values())
    assert languages["en"] > 0.2 * sum(languages.values())
    assert Source.objects.count() == 200


def test_it_names_a_few_names_often_and_most_names_rarely():
    generate()
    counts = name_counts()
    head_share = counts.most_common(1)[0][1] / CLAIMS
    assert 0.01 < head_share < 0.15
    assert len(counts) > CLAIMS / 2  # thousands of names, most of them seen once or twice
    assert sum(1 for n in counts.values() if n <= 2) > 0.5 * len(counts)


def test_it_prints_a_summary_of_the_desk():
    out = generate()
    top, _n = name_counts().most_common(1)[0]
    assert f"claims: {CLAIMS:,}" in out
    assert f"articles: {Article.objects.count():,}" in out
    assert f"most frequent name: {top}" in out


def test_it_adds_nothing_when_run_again_with_the_same_seed():
    generate()
    out = generate()
    assert Claim.objects.count() == CLAIMS
    assert "already stored" in out


def test_it_writes_the_same_desk_for_the_same_seed():
    generate()
    first = sorted(Article.objects.values_list("content_hash", flat=True))
    Article.objects.all().delete()
    generate()
    assert sorted(Article.objects.values_list("content_hash", flat=True)) == first


def test_it_adds_another_desk_with_another_seed():
    generate()
    generate(seed=2)
    assert Claim.objects.count() == 2 * CLAIMS


def test_it_refuses_a_number_of_claims_below_one():
    with pytest.raises(CommandError, match="at least 1"):
        generate(claims=0)


@pytest.mark.postgres
def test_it_fills_the_search_table_for_every_claim():
    generate()
    assert ClaimSearch.objects.count() == CLAIMS


@pytest.mark.postgres
def test_it_leaves_the_search_table_in_step_with_new_claims():
    generate()
    claim = ClaimFactory()
    assert ClaimSearch.objects.filter(claim=claim).exists()


@pytest.mark.postgres
def test_its_wire_copy_is_found_by_the_candidate_search():
    generate()
    taken_up = Claim.objects.filter(repeat_count=1).first()
    same_story = set(Claim.objects.filter(cluster=taken_up.cluster).exclude(
        article=taken_up.article).values_list("pk", flat=True))
    found = {match.pk for match, _sim in search.related_claims(taken_up)}
    assert same_story & found


def test_it_counts_the_articles_of_each_story_taken_up():
    generate()
    counted = {pk: n for pk, n in ClaimCluster.objects.values_list("pk", "article_count")}
    actual = Counter()
    for cluster_id, _article_id in set(Claim.objects.filter(cluster__isnull=False)
                                       .values_list("cluster_id", "article_id")):
        actual[cluster_id] += 1
    assert counted and counted == dict(actual)
