"""A claim naming a post's holder by a role word ("successeur", "new CEO", "nouveau directeur"),
its subject left to the article, compared with the reference fact valid on its date."""

from datetime import date, datetime, timezone as dt_timezone
from pathlib import Path

import pytest

from factcheck.article_text import clean_body
from factcheck.demo.loader import read
from factcheck.models import Article, Claim, Evidence, ReferenceFact
from factcheck.tasks.extraction import extract_article
from factcheck.verifiers import reasons
from factcheck.verifiers.reference_facts import ReferenceFactsVerifier
from tests.factcheck.pipeline.helpers import claim_in
from tests.factories import ArticleFactory, ClaimFactory, ReferenceFactFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
DURING_INTERIM = datetime(2023, 11, 20, 9, tzinfo=dt_timezone.utc)
AFTER_RETURN = datetime(2023, 11, 27, 9, tzinfo=dt_timezone.utc)


@pytest.fixture
def port_facts(db):
    kwargs = {"subject": "Armor Logistique", "relation": "CEO",
              "aliases": "directeur général, chief executive, PDG"}
    return (ReferenceFactFactory(value="Nadia Kerbrat", valid_from=date(2021, 3, 1),
                                 valid_to=date(2024, 1, 31), **kwargs),
            ReferenceFactFactory(value="Paul Le Gall", valid_from=date(2024, 2, 1), **kwargs))


def facts_for(claim):
    verifier = ReferenceFactsVerifier()
    verifier.name = "reference_facts"
    return verifier.run(claim).findings


def in_article_about(text, subject, published_at, normalized="", language="fr"):
    """The claim, in an article whose other sentences name `subject`, and its restatement."""
    claim = claim_in(text, [("Paul Le Gall", "PER")], language=language,
                     published_at=published_at, title="Le port en travaux")
    ClaimFactory(article=claim.article, start=1, end=2,
                 entities=[{"text": subject, "label": "ORG"}])
    if normalized:
        claim.normalized = normalized
        claim.save(update_fields=["normalized"])
    return claim


def test_it_reads_the_subject_of_a_successor_claim_from_its_restatement(port_facts):
    claim = claim_in("Paul Le Gall, son successeur désigné, reprend le dossier du terminal.",
                     published_at=datetime(2024, 3, 5, 9, tzinfo=dt_timezone.utc))
    claim.normalized = ("Paul Le Gall, successeur désigné d’Armor Logistique, reprend le "
                        "dossier du terminal.")
    claim.save(update_fields=["normalized"])
    [finding] = facts_for(claim)
    assert (finding.stance, finding.reference_fact_id) == (Evidence.STANCE_SUPPORTS,
                                                           port_facts[1].pk)


def test_it_reads_the_subject_of_a_successor_claim_from_its_article(port_facts):
    claim = in_article_about("Paul Le Gall, le successeur, hérite d’un chantier difficile.",
                             "Armor Logistique", datetime(2024, 3, 5, 9, tzinfo=dt_timezone.utc))
    [finding] = facts_for(claim)
    assert (finding.stance, finding.reference_fact_id) == (Evidence.STANCE_SUPPORTS,
                                                           port_facts[1].pk)


def test_it_contradicts_a_successor_who_was_not_in_the_post_on_the_article_s_day(port_facts):
    claim = in_article_about("Paul Le Gall, nouveau directeur, hérite d’un chantier difficile.",
                             "Armor Logistique", datetime(2023, 6, 5, 9, tzinfo=dt_timezone.utc))
    [finding] = facts_for(claim)
    assert (finding.stance, finding.reference_fact_id) == (Evidence.STANCE_CONTRADICTS,
                                                           port_facts[0].pk)
    shown = reasons.render(finding.data, lang="en")
    assert "June 5, 2023" in shown and "since Feb. 1, 2024" in shown


def test_it_reads_an_english_new_ceo_in_an_article_about_the_company(port_facts):
    claim = in_article_about("The new CEO, Paul Le Gall, promised to reopen the terminal.",
                             "Armor Logistique", datetime(2024, 3, 5, 9, tzinfo=dt_timezone.utc),
                             language="en")
    [finding] = facts_for(claim)
    assert finding.stance == Evidence.STANCE_SUPPORTS


@pytest.mark.parametrize("text, language", [
    ("Le successeur de Nadia Kerbrat a pris ses fonctions lundi.", "fr"),
    ("Nadia Kerbrat's successor took office on Monday.", "en"),
])
def test_it_does_not_put_the_predecessor_of_a_successor_in_the_post(port_facts, text, language):
    claim = in_article_about(text, "Armor Logistique",
                             datetime(2024, 3, 5, 9, tzinfo=dt_timezone.utc), language=language)
    assert facts_for(claim) == []


def test_it_says_nothing_of_a_successor_in_an_article_that_names_another_company(port_facts):
    claim = in_article_about("Paul Le Gall, le successeur, hérite d’un chantier difficile.",
                             "Brest Métropole", datetime(2024, 3, 5, 9, tzinfo=dt_timezone.utc))
    assert facts_for(claim) == []


@pytest.mark.skipif(not (CORPUS / "fr-microsoft-recrute-altman.txt").exists(),
                    reason="../shared/corpus is not beside the checkout")
@pytest.mark.parametrize("published_at, stance, value", [
    (DURING_INTERIM, Evidence.STANCE_SUPPORTS, "Emmett Shear"),
    (AFTER_RETURN, Evidence.STANCE_CONTRADICTS, "Sam Altman"),
])
def test_it_compares_the_corpus_successor_claim_with_the_fact_valid_on_its_day(
        published_at, stance, value):
    for row in read("reference_facts.json"):
        ReferenceFactFactory(**row)
    body = clean_body((CORPUS / "fr-microsoft-recrute-altman.txt").read_text(encoding="utf-8"))
    article = ArticleFactory(title="Microsoft et OpenAI", body=body, language="fr",
                             published_at=published_at, state=Article.STATE_QUEUED)
    extract_article.apply(args=[article.pk])
    # The claim that names neither OpenAI nor the post, but "successeur".
    claim = Claim.objects.get(article=article, is_current=True,
                              text__contains="successeur annonc")
    [finding] = facts_for(Claim.objects.for_verification().get(pk=claim.pk))
    fact = ReferenceFact.objects.get(pk=finding.reference_fact_id)
    assert (finding.stance, fact.value) == (stance, value)
    assert finding.data["params"]["day"] == published_at.date().isoformat()
