"""Relevance and independence of the evidence corroboration gives (items 3 and 4 of the honest
evidence issue), on factory-made claims, the stance judge included."""

from datetime import datetime, timezone as dt_timezone

import pytest

from factcheck.models import Claim, Evidence
from factcheck.pipeline.rollup import apply_roll_up
from factcheck.verifiers.corroboration import CorroborationVerifier
from factcheck.verifiers.suggestion import suggest
from tests.factories import EvidenceFactory, SourceFactory, UserFactory

from .helpers import claim_in

pytestmark = pytest.mark.django_db

NAMES = [("Port de Brest", "LOC"), ("Armor Logistique", "ORG")]
DOCKED = "Le cargo d’Armor Logistique a accosté lundi au Port de Brest avec 3 200 tonnes de blé."
DOCKED_AGAIN = ("Lundi, le cargo d’Armor Logistique a accosté au Port de Brest, chargé de "
                "3 200 tonnes de blé.")
NOV_20 = datetime(2023, 11, 20, 9, tzinfo=dt_timezone.utc)


def corroboration(claim):
    verifier = CorroborationVerifier()
    verifier.name = "corroboration"
    return verifier.run(claim)


def test_it_finds_the_same_event_told_by_another_outlet():
    claim = claim_in(DOCKED, NAMES, source=SourceFactory(name="Ouest Matin"))
    other = claim_in(DOCKED_AGAIN, NAMES, source=SourceFactory(name="Le Télégramme du Port"))
    [finding] = corroboration(claim).findings
    assert (finding.stance, finding.source_claim_id) == (Evidence.STANCE_SUPPORTS, other.pk)


def test_it_does_not_use_an_article_submitted_for_checking_by_the_same_outlet():
    outlet = SourceFactory(name="Ouest Matin")
    claim = claim_in(DOCKED, NAMES, source=outlet)
    claim_in(DOCKED_AGAIN, NAMES, source=outlet, submitted_by=UserFactory(role="reporter"))
    assert corroboration(claim).findings == []


def test_it_does_not_use_another_article_of_the_claims_own_outlet():
    outlet = SourceFactory(name="Ouest Matin")
    claim = claim_in(DOCKED, NAMES, source=outlet)
    claim_in(DOCKED_AGAIN, NAMES, source=outlet)
    assert corroboration(claim).findings == []


def test_it_does_not_use_an_article_still_waiting_for_its_own_check():
    claim = claim_in(DOCKED, NAMES, source=SourceFactory(name="Ouest Matin"))
    claim_in(DOCKED_AGAIN, NAMES, source=SourceFactory(name="Le Télégramme du Port"),
             submitted_by=UserFactory(role="reporter"))
    assert corroboration(claim).findings == []


def test_it_gives_no_mirror_evidence_from_an_article_waiting_for_its_check():
    waiting = claim_in(DOCKED, NAMES, source=SourceFactory(name="Ouest Matin"),
                       submitted_by=UserFactory(role="reporter"))
    other = claim_in(DOCKED_AGAIN, NAMES, source=SourceFactory(name="Le Télégramme du Port"))
    verifier = CorroborationVerifier()
    result = verifier.run(waiting)
    assert verifier.reciprocal(waiting, result, {other.pk: other}) == []


def test_it_counts_two_articles_of_one_outlet_once():
    claim = claim_in(DOCKED, NAMES, source=SourceFactory(name="Ouest Matin"))
    outlet = SourceFactory(name="Le Télégramme du Port")
    claim_in(DOCKED_AGAIN, NAMES, source=outlet)
    claim_in("Selon la capitainerie, 3 200 tonnes de blé sont arrivées au Port de Brest lundi "
             "à bord d’un cargo affrété par Armor Logistique.", NAMES, source=outlet)
    assert len(corroboration(claim).findings) == 1


def test_it_counts_a_syndicated_text_once():
    claim = claim_in(DOCKED, NAMES, source=SourceFactory(name="Ouest Matin"))
    claim_in(DOCKED_AGAIN, NAMES, source=SourceFactory(name="Le Télégramme du Port"))
    claim_in(DOCKED_AGAIN.replace("Lundi,", "Ce lundi,"), NAMES,
             source=SourceFactory(name="Brest Info"))
    assert len(corroboration(claim).findings) == 1


def test_it_does_not_take_shared_names_for_the_same_event():
    claim = claim_in(DOCKED, NAMES, source=SourceFactory(name="Ouest Matin"))
    claim_in("Armor Logistique recrute quarante dockers au Port de Brest pour l’été.", NAMES,
             source=SourceFactory(name="Le Télégramme du Port"))
    assert corroboration(claim).findings == []


def test_it_suggests_nothing_for_an_opinion_however_strong_the_evidence():
    claim = claim_in("Le cargo d’Armor Logistique est une honte pour le Port de Brest.", NAMES)
    Claim.objects.filter(pk=claim.pk).update(claim_type="opinion")
    claim.refresh_from_db()
    evidence = [EvidenceFactory(claim=claim, confidence=0.9), EvidenceFactory(claim=claim)]
    apply_roll_up(claim, [], evidence)
    assert claim.suggestion == Claim.SUGGEST_UNKNOWN


def test_it_suggests_nothing_for_a_question_however_strong_the_evidence():
    claim = claim_in("Le cargo a-t-il accosté au Port de Brest ?", NAMES, modality="question")
    evidence = [EvidenceFactory(claim=claim, stance=Evidence.STANCE_CONTRADICTS, confidence=0.9)]
    apply_roll_up(claim, [], evidence)
    assert claim.suggestion == Claim.SUGGEST_UNKNOWN


def test_it_counts_one_outlet_once_in_the_suggestion():
    claim = claim_in(DOCKED, NAMES)
    same_outlet = {"source": "source:7"}
    evidence = [EvidenceFactory(claim=claim, confidence=0.4, data=same_outlet),
                EvidenceFactory(claim=claim, confidence=0.4, data=same_outlet)]
    assert suggest(evidence).suggestion == Claim.SUGGEST_UNKNOWN
