"""The demo desk, extracted and verified in this process: what an editor sees suggested."""

from datetime import date, datetime, timezone as dt_timezone

import pytest
from django.core.management import call_command

from factcheck.models import Claim, Evidence
from factcheck.verifiers.reference_facts import ReferenceFactsVerifier
from tests.factories import ReferenceFactFactory

from .helpers import claim_in, run_pending

pytestmark = pytest.mark.django_db

SHEAR = "a nommé dimanche soir Emmett Shear directeur général par intérim"
APPOINTED = ("Le conseil d’OpenAI a nommé Emmett Shear directeur général par intérim, deux jours "
             "après le départ de Sam Altman.")


@pytest.fixture
def demo_desk():
    call_command("load_demo")
    run_pending()
    return Claim.objects.filter(is_current=True)


def test_it_suggests_no_opinion_or_question_as_likely_confirmed_or_disputed(demo_desk):
    suggested = demo_desk.filter(suggestion__in=[Claim.SUGGEST_SUPPORTED,
                                                 Claim.SUGGEST_CONTRADICTED])
    assert suggested.exists()
    assert not suggested.filter(claim_type="opinion").exists()
    assert not suggested.filter(modality=Claim.MODALITY_QUESTION).exists()


def test_it_withdraws_the_suggestion_from_a_demo_claim_read_as_an_opinion(demo_desk):
    from factcheck.pipeline.rollup import roll_up_claims

    claim = demo_desk.get(text__contains=SHEAR)
    Claim.objects.filter(pk=claim.pk).update(claim_type="opinion")
    roll_up_claims([claim.pk])
    claim.refresh_from_db()
    assert claim.suggestion == Claim.SUGGEST_UNKNOWN


def test_it_supports_the_shear_appointment_with_the_fact_valid_on_its_day(demo_desk):
    claim = demo_desk.get(text__contains=SHEAR)
    fact = claim.evidence.get(kind=Evidence.KIND_REFERENCE_FACT)
    assert (fact.stance, fact.reference_fact.value) == (Evidence.STANCE_SUPPORTS, "Emmett Shear")
    assert fact.data["params"]["day"] == "2023-11-20"


@pytest.fixture
def ceo_facts(db):
    kwargs = {"subject": "OpenAI", "relation": "CEO", "aliases": "directeur général, PDG"}
    return (ReferenceFactFactory(value="Emmett Shear", valid_from=date(2023, 11, 19),
                                 valid_to=date(2023, 11, 21), **kwargs),
            ReferenceFactFactory(value="Sam Altman", valid_from=date(2023, 11, 22), **kwargs))


def facts_for(claim):
    verifier = ReferenceFactsVerifier()
    verifier.name = "reference_facts"
    return verifier.run(claim).findings


def test_it_contradicts_an_appointment_the_fact_had_moved_on_from_with_both_dates(ceo_facts):
    claim = claim_in(APPOINTED, published_at=datetime(2023, 11, 25, 9, tzinfo=dt_timezone.utc))
    [finding] = facts_for(claim)
    assert (finding.stance, finding.reference_fact_id) == (Evidence.STANCE_CONTRADICTS,
                                                           ceo_facts[1].pk)
    assert "Nov. 25, 2023" in finding.explanation
    assert "from Nov. 19, 2023 to Nov. 21, 2023" in finding.explanation


def test_it_compares_a_claim_with_the_fact_valid_on_the_date_it_gives(ceo_facts):
    claim = claim_in("Le 20 novembre 2023, Emmett Shear était directeur général d’OpenAI.",
                     published_at=datetime(2024, 6, 1, 9, tzinfo=dt_timezone.utc))
    [finding] = facts_for(claim)
    assert (finding.stance, finding.reference_fact_id) == (Evidence.STANCE_SUPPORTS,
                                                           ceo_facts[0].pk)


def test_it_tells_a_french_editor_both_dates_of_a_fact_that_had_changed(ceo_facts):
    from factcheck.verifiers import reasons

    claim = claim_in(APPOINTED, published_at=datetime(2023, 11, 25, 9, tzinfo=dt_timezone.utc))
    [finding] = facts_for(claim)
    shown = reasons.render(finding.data, lang="fr")
    assert shown.startswith("Le 25 novembre 2023, le fait de référence disait autre chose\u202f:")
    assert "Emmett Shear l’était du 19 novembre 2023 au 21 novembre 2023" in shown


def test_it_keeps_the_suggestion_s_reasons_as_codes_a_french_editor_reads_in_french(demo_desk):
    from factcheck.verifiers import reasons

    claim = demo_desk.get(text__contains=SHEAR)
    shown = [reasons.render_entry(r, "fr") for r in claim.suggestion_reasons]
    assert any(r.startswith("Conforme au fait de référence valable le 20 novembre 2023")
               for r in shown)
    assert not any("Matches the reference fact" in r for r in shown)
