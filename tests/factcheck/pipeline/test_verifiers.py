"""Each verifier on its own, on factory-made claims (no Celery)."""

from datetime import date, datetime, timedelta, timezone as dt_timezone

import pytest

from factcheck.models import Article, Claim, Evidence
from factcheck.models.claim import fingerprint
from factcheck.verifiers.corroboration import CorroborationVerifier, compare
from factcheck.verifiers.earlier_verdicts import EarlierVerdictsVerifier
from factcheck.verifiers.reference_facts import ReferenceFactsVerifier
from factcheck.verifiers.wording import WordingVerifier, signals
from tests.factories import ArticleFactory, ClaimFactory, ReferenceFactFactory, SourceFactory

from .helpers import claim_in

APPOINTED_FR = "Le conseil d’OpenAI a nommé Emmett Shear directeur général par intérim dimanche."
APPOINTED_EN = "OpenAI's board named Emmett Shear interim chief executive on Sunday."
NOV_20 = datetime(2023, 11, 20, 9, tzinfo=dt_timezone.utc)


def run(verifier, claim):
    verifier.name = verifier.name or type(verifier).__name__
    return verifier.run(claim)


# --- Corroboration -------------------------------------------------------------------------
@pytest.mark.django_db
def test_it_finds_another_outlet_reporting_the_same_appointment_in_another_language():
    claim = claim_in(APPOINTED_FR, [("OpenAI", "ORG"), ("Emmett Shear", "PER")], published_at=NOV_20)
    other = claim_in(APPOINTED_EN, [("OpenAI", "ORG"), ("Emmett Shear", "PER")], language="en",
                     source=SourceFactory(name="Global Tech Wire"), published_at=NOV_20)
    [finding] = run(CorroborationVerifier(), claim).findings
    assert (finding.stance, finding.source_claim_id) == (Evidence.STANCE_SUPPORTS, other.pk)
    assert finding.explanation == "Global Tech Wire (20 Nov 2023): the evidence reports the same facts"


@pytest.mark.django_db
def test_it_flags_two_outlets_giving_different_figures_as_a_contradiction():
    claim = claim_in("Microsoft aurait investi 10 milliards de dollars dans OpenAI depuis 2019.",
                     [("Microsoft", "ORG"), ("OpenAI", "ORG")])
    claim_in("Microsoft has invested 13 billion dollars in OpenAI since 2019.",
             [("Microsoft", "ORG"), ("OpenAI", "ORG")], language="en")
    [finding] = run(CorroborationVerifier(), claim).findings
    assert finding.stance == Evidence.STANCE_CONTRADICTS
    assert "different figure: 10 milliards de dollars ≠ 13 billion dollars" in finding.explanation


def test_it_treats_a_denial_of_the_same_event_as_a_contradiction():
    denial = Claim(text="Sam Altman n’a pas été nommé chez Microsoft, affirme un porte-parole",
                   entities=[{"text": "Sam Altman", "label": "PER"}, {"text": "Microsoft", "label": "ORG"}])
    report = Claim(text="Microsoft hires Sam Altman to lead a new AI research team",
                   entities=[{"text": "Microsoft", "label": "ORG"}, {"text": "Sam Altman", "label": "PER"}])
    assert compare(denial, report).stance == Evidence.STANCE_CONTRADICTS


def test_it_reads_a_named_successor_as_the_same_appointment():
    successor = Claim(text="Emmett Shear, successeur désigné à la tête d’OpenAI, devra rassurer les salariés.",
                      entities=[{"text": "Emmett Shear", "label": "PER"}, {"text": "OpenAI", "label": "ORG"}])
    report = Claim(text=APPOINTED_FR,
                   entities=[{"text": "OpenAI", "label": "ORG"}, {"text": "Emmett Shear", "label": "PER"}])
    assert compare(successor, report).stance == Evidence.STANCE_SUPPORTS


def test_it_flags_two_outlets_naming_different_people_for_the_same_post():
    one = Claim(text="OpenAI a nommé Emmett Shear directeur général",
                entities=[{"text": "OpenAI", "label": "ORG"}, {"text": "Emmett Shear", "label": "PER"}])
    two = Claim(text="OpenAI a nommé Mira Murati directrice générale",
                entities=[{"text": "OpenAI", "label": "ORG"}, {"text": "Mira Murati", "label": "PER"}])
    assert compare(one, two).stance == Evidence.STANCE_CONTRADICTS


def test_it_does_not_read_not_only_as_a_denial():
    one = Claim(text="Microsoft n’est pas seulement un investisseur dans OpenAI.",
                entities=[{"text": "Microsoft", "label": "ORG"}, {"text": "OpenAI", "label": "ORG"}])
    two = Claim(text="Microsoft a investi dans OpenAI.",
                entities=[{"text": "Microsoft", "label": "ORG"}, {"text": "OpenAI", "label": "ORG"}])
    assert compare(one, two).stance == Evidence.STANCE_SUPPORTS


@pytest.mark.django_db
def test_it_ignores_claims_of_the_same_article():
    claim = claim_in(APPOINTED_FR, [("OpenAI", "ORG"), ("Emmett Shear", "PER")])
    assert run(CorroborationVerifier(), claim).findings == []


@pytest.mark.django_db
def test_it_does_not_corroborate_a_question():
    claim = claim_in("OpenAI a-t-il nommé Emmett Shear directeur général ?",
                     [("OpenAI", "ORG"), ("Emmett Shear", "PER")], modality="question")
    claim_in(APPOINTED_EN, [("OpenAI", "ORG"), ("Emmett Shear", "PER")], language="en")
    assert run(CorroborationVerifier(), claim).findings == []


# --- Earlier verdicts ----------------------------------------------------------------------
@pytest.mark.django_db
def test_it_shows_the_verdict_given_last_week_on_the_same_claim():
    earlier = claim_in(APPOINTED_FR, [("OpenAI", "ORG")], source=SourceFactory(name="Tech Matin"))
    Claim.objects.filter(pk=earlier.pk).update(status=Claim.STATUS_DISPUTED, status_changed_at=NOV_20)
    claim = claim_in(APPOINTED_FR.replace("dimanche", "dimanche soir"), [("OpenAI", "ORG")])
    result = run(EarlierVerdictsVerifier(), claim)
    [finding] = result.findings
    assert (finding.stance, finding.source_claim_id) == (Evidence.STANCE_CONTRADICTS, earlier.pk)
    assert finding.explanation.startswith("Checked before: disputed on 20 Nov")


@pytest.mark.django_db
def test_it_reads_the_verdict_on_the_opposite_claim_the_other_way():
    earlier = claim_in("Le prix du gazole a augmenté de 5 % en janvier dans le Finistère.",
                       source=SourceFactory(name="Tech Matin"))
    Claim.objects.filter(pk=earlier.pk).update(status=Claim.STATUS_CONFIRMED, status_changed_at=NOV_20)
    claim = claim_in("Le prix du gazole a baissé de 5 % en janvier dans le Finistère.")
    [finding] = run(EarlierVerdictsVerifier(), claim).findings
    assert (finding.stance, finding.data["reason"]) == (Evidence.STANCE_CONTRADICTS,
                                                       "opposite_confirmed")


@pytest.mark.django_db
def test_it_clusters_a_near_duplicate_that_nobody_reviewed_yet_without_evidence():
    earlier = claim_in(APPOINTED_FR)
    claim = claim_in(APPOINTED_FR.replace("dimanche", "ce dimanche"))
    result = run(EarlierVerdictsVerifier(), claim)
    assert (result.cluster_with, result.findings) == ([earlier.pk], [])


# --- Reference facts -----------------------------------------------------------------------
@pytest.fixture
def ceo_facts(db):
    interim = ReferenceFactFactory(value="Emmett Shear", aliases="directeur général, chief executive, PDG",
                                   valid_from=date(2023, 11, 19), valid_to=date(2023, 11, 21))
    back = ReferenceFactFactory(value="Sam Altman", aliases="directeur général, chief executive, PDG",
                                valid_from=date(2023, 11, 22))
    return interim, back


def test_it_supports_a_claim_matching_the_fact_that_held_on_the_publication_day(ceo_facts):
    claim = claim_in(APPOINTED_FR, published_at=NOV_20)
    [finding] = run(ReferenceFactsVerifier(), claim).findings
    assert (finding.stance, finding.reference_fact_id) == (Evidence.STANCE_SUPPORTS, ceo_facts[0].pk)
    assert finding.explanation == ("Matches the reference fact valid on Nov. 20, 2023: OpenAI CEO = "
                                   "Emmett Shear (from Nov. 19, 2023 to Nov. 21, 2023)")


def test_it_contradicts_a_claim_naming_who_held_the_post_at_another_time(ceo_facts):
    claim = claim_in("Sam Altman est le directeur général d’OpenAI.", published_at=NOV_20)
    [finding] = run(ReferenceFactsVerifier(), claim).findings
    assert (finding.stance, finding.reference_fact_id) == (Evidence.STANCE_CONTRADICTS, ceo_facts[0].pk)


def test_it_checks_a_figure_against_the_reference_amount(db):
    ReferenceFactFactory(subject="Microsoft", relation="investment in OpenAI", value="13 billion dollars",
                         aliases="investi, invested")
    claim = claim_in("Microsoft aurait investi 10 milliards de dollars dans OpenAI.")
    [finding] = run(ReferenceFactsVerifier(), claim).findings
    assert finding.stance == Evidence.STANCE_CONTRADICTS


def test_it_says_nothing_when_the_claim_names_the_subject_but_not_the_relation(ceo_facts):
    claim = claim_in("OpenAI a présenté un nouveau modèle.", published_at=NOV_20)
    assert run(ReferenceFactsVerifier(), claim).findings == []


# --- Wording -------------------------------------------------------------------------------
def keys(text, **kwargs):
    return [key for key, _c, _e in signals(Claim(text=text, **kwargs))]


def test_it_flags_anonymous_sourcing():
    assert "anonymous" in keys("Selon plusieurs salariés, la direction va partir.")


def test_it_flags_hedged_wording():
    assert "hedged" in keys("La commune aurait dépensé 2 millions d’euros.")


def test_it_flags_a_superlative():
    assert "superlative" in keys("This is the biggest investment this city has ever made.")


def test_it_flags_a_figure_without_a_source():
    assert keys("The project costs 18 million dollars.") == ["unattributed_figure"]


def test_it_leaves_an_attributed_plain_statement_alone():
    assert keys("The project costs 18 million dollars, according to the council.") == []


@pytest.mark.django_db
def test_it_turns_wording_signals_into_evidence_rows_that_mention_the_claim():
    claim = claim_in("Selon plusieurs salariés, la direction aurait démissionné.")
    findings = run(WordingVerifier(), claim).findings
    assert {f.stance for f in findings} == {Evidence.STANCE_MENTIONS}


@pytest.mark.django_db
def test_it_gives_a_wording_signal_in_french_to_a_french_editor():
    from factcheck.verifiers import reasons

    claim = claim_in("Selon plusieurs salariés, la direction va partir.")
    [finding] = run(WordingVerifier(), claim).findings
    # The article's words as written (accents and capitals kept), in French typography.
    assert reasons.render(finding.data, finding.explanation, "fr") == (
        "Source anonyme ou vague (\u00ab\u202fSelon plusieurs salariés\u202f\u00bb)")


# --- Batched candidate search -------------------------------------------------------------
MONEY = [("Microsoft", "ORG"), ("OpenAI", "ORG")]


@pytest.mark.django_db
def test_it_finds_for_each_claim_of_a_batch_the_other_outlets_reporting_it():
    from factcheck.verifiers import search

    names = [("OpenAI", "ORG"), ("Emmett Shear", "PER")]
    appointed = claim_in(APPOINTED_FR, names)
    invested = claim_in("Microsoft aurait investi 10 milliards de dollars dans OpenAI.", MONEY)
    same_article = claim_in("Microsoft a investi dans OpenAI.", MONEY)
    same_article.article = appointed.article
    same_article.save()
    english = claim_in(APPOINTED_EN, names, language="en")
    other_figure = claim_in("Microsoft a investi 13 milliards de dollars dans OpenAI.", MONEY)
    found = search.related_claims_many([appointed, invested])
    assert english.pk in [c.pk for c, _sim in found[appointed.pk]]
    assert other_figure.pk in [c.pk for c, _sim in found[invested.pk]]
    assert same_article.pk not in [c.pk for c, _sim in found[appointed.pk]]


@pytest.mark.django_db
def test_it_finds_another_outlets_report_when_its_own_outlet_repeats_the_claim_more_often():
    from factcheck.verifiers import search

    names = [("OpenAI", "ORG"), ("Emmett Shear", "PER")]
    own = SourceFactory(name="Le Quotidien du Numérique")
    claim = claim_in(APPOINTED_FR, names, source=own, published_at=NOV_20)
    for day in range(search.RELATED_LIMIT + 1):  # its own follow-ups, worded closer than the wire
        claim_in(f"{APPOINTED_FR} (mise à jour {day})", names, source=own, published_at=NOV_20)
    wire = claim_in(APPOINTED_EN, names, language="en", source=SourceFactory(name="Global Tech Wire"),
                    published_at=NOV_20)
    [finding] = run(CorroborationVerifier(), claim).findings
    assert (finding.stance, finding.source_claim_id) == (Evidence.STANCE_SUPPORTS, wire.pk)


@pytest.mark.django_db
def test_it_finds_the_same_claim_reworded_as_a_near_duplicate_and_not_a_merely_related_one():
    from factcheck.verifiers import search

    claim = claim_in(APPOINTED_FR, [("OpenAI", "ORG")])
    reworded = claim_in(APPOINTED_FR.replace("dimanche", "ce dimanche"), [("OpenAI", "ORG")])
    related = claim_in("OpenAI a présenté un nouveau modèle de langage mardi.", [("OpenAI", "ORG")])
    [(match, similarity)] = search.near_duplicates_many([claim], threshold=0.6)[claim.pk]
    assert match.pk == reworded.pk and similarity >= 0.6
    assert related.pk not in [c.pk for c, _sim in search.near_duplicates(claim)]


@pytest.mark.django_db
def test_it_no_longer_offers_a_retired_claim_as_corroboration():
    from factcheck.verifiers import search

    claim = claim_in(APPOINTED_FR, [("OpenAI", "ORG"), ("Emmett Shear", "PER")])
    retired = claim_in(APPOINTED_EN, [("OpenAI", "ORG"), ("Emmett Shear", "PER")], language="en")
    assert retired.pk in [c.pk for c, _sim in search.related_claims(claim)]
    Claim.objects.filter(pk=retired.pk).update(is_current=False)
    assert retired.pk not in [c.pk for c, _sim in search.related_claims(claim)]


@pytest.mark.django_db
def test_it_finds_the_same_candidates_when_a_batch_shares_its_searches():
    from factcheck.verifiers import search

    names = [("OpenAI", "ORG"), ("Emmett Shear", "PER")]
    money = [("Microsoft", "ORG"), ("OpenAI", "ORG")]
    batch = [claim_in(APPOINTED_FR, names),
             claim_in("Microsoft a investi 10 milliards de dollars dans OpenAI.", money)]
    claim_in(APPOINTED_EN, names, language="en")
    claim_in(APPOINTED_FR.replace("dimanche", "ce dimanche"), names)
    retired = claim_in(APPOINTED_FR.replace("dimanche", "lundi"), names)
    Claim.objects.filter(pk=retired.pk).update(is_current=False)  # a near-duplicate still
    claim_in("Microsoft a investi 13 milliards de dollars dans OpenAI.", money)
    claim_in("Dimanche, le directeur général de Twitch a rejoint le conseil.", [("Twitch", "ORG")])  # 0.42

    def found(results):
        return {pk: [(c.pk, round(sim, 4)) for c, sim in matches] for pk, matches in results.items()}

    alone = found(search.related_claims_many(batch)), found(search.near_duplicates_many(batch))
    with search.sharing_candidates():
        shared = found(search.near_duplicates_many(batch)), found(search.related_claims_many(batch))
    assert alone == (shared[1], shared[0])
    assert retired.pk in [pk for pk, _sim in alone[1][batch[0].pk]]


@pytest.mark.django_db
@pytest.mark.postgres
def test_it_leaves_out_other_outlets_reports_published_outside_the_candidate_window():
    from factcheck.verifiers import search

    names = [("OpenAI", "ORG"), ("Emmett Shear", "PER")]
    claim = claim_in(APPOINTED_FR, names, published_at=NOV_20)
    window = timedelta(days=search.CANDIDATE_WINDOW_DAYS)
    inside = claim_in(APPOINTED_EN, names, language="en", published_at=NOV_20 - window)
    outside = claim_in(APPOINTED_EN.replace(".", "!"), names, language="en",
                       published_at=NOV_20 + window + timedelta(days=1))
    found = [c.pk for c, _sim in search.related_claims(claim)]
    assert inside.pk in found and outside.pk not in found


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.parametrize("weekday", range(7))
def test_it_finds_a_rewording_published_a_week_before_or_after_whatever_the_weekday(weekday):
    from factcheck.verifiers import search

    day = NOV_20 + timedelta(days=weekday)  # NOV_20 is a Monday: each day of one week
    text = "Le conseil municipal de Plouzané a voté la fermeture de la piscine Kerhuel."
    claim = claim_in(text, published_at=day)
    window = timedelta(days=search.CANDIDATE_WINDOW_DAYS)
    before = claim_in(text.replace("a voté", "vote"), published_at=day - window)
    after = claim_in(text.replace("a voté", "votera"), published_at=day + window)
    too_late = claim_in(text.replace("a voté", "avait voté"), published_at=day + window + timedelta(days=1))
    found = [c.pk for c, _sim in search.related_claims(claim)]
    assert (before.pk in found, after.pk in found, too_late.pk in found) == (True, True, False)


@pytest.mark.django_db
@pytest.mark.postgres
def test_it_finds_the_same_wording_published_at_any_date():
    from factcheck.verifiers import search

    claim = claim_in(APPOINTED_FR, published_at=NOV_20)
    # The same words (the same fingerprint) in another article.
    a_year_later = claim_in(APPOINTED_FR.replace(".", " !"), published_at=NOV_20 + timedelta(days=365))
    assert a_year_later.pk in [c.pk for c, _sim in search.near_duplicates(claim)]


@pytest.mark.django_db
@pytest.mark.postgres
def test_it_follows_an_article_whose_publication_date_changes():
    from factcheck.verifiers import search

    names = [("OpenAI", "ORG"), ("Emmett Shear", "PER")]
    claim = claim_in(APPOINTED_FR, names, published_at=NOV_20)
    other = claim_in(APPOINTED_EN, names, language="en", published_at=NOV_20 + timedelta(days=400))
    other.article.published_at = NOV_20
    other.article.save()
    assert other.pk in [c.pk for c, _sim in search.related_claims(claim)]


@pytest.mark.django_db
def test_it_finds_every_rewording_of_a_claim_among_many_other_claims():
    from factcheck.verifiers import search

    # Many claims sharing words with it (a project, a number, a year): only the rewordings
    # share its distinctive words, and every one of them must be found.
    claim = claim_in(APPOINTED_FR, [("OpenAI", "ORG")])
    days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    rewordings = {claim_in(APPOINTED_FR.replace("dimanche", day)).pk for day in days}
    topics = ["La mairie de Lyon", "Le club de Marseille", "La banque Calyxa", "Le port du Havre",
              "Le syndicat des pilotes", "La région Bretagne", "Le musée d’Orsay"]
    actions = ["a ouvert un concours pour", "a reporté sa décision sur", "a voté un budget pour",
               "a annoncé des travaux pour", "a publié un rapport sur", "a refusé de commenter"]
    for topic in topics:
        for number, action in enumerate(actions):
            claim_in(f"{topic} {action} {number + 3} nouveaux projets en 2025.")
    found = {c.pk for c, _sim in search.near_duplicates_many([claim])[claim.pk]}
    assert found == rewordings


@pytest.mark.django_db
def test_it_gives_each_copy_of_a_wire_sentence_the_similarity_of_its_wording():
    from factcheck.verifiers import search

    def copy_in_another_outlet(text):
        """The sentence word for word, in an article that goes on differently."""
        article = ArticleFactory(body=f"{text}\nLa suite diffère : {Article.objects.count()}.")
        return ClaimFactory(article=article, start=0, end=len(text), sentence=text, text=text,
                            fingerprint=fingerprint(text)).pk

    claim = claim_in(APPOINTED_FR, [("OpenAI", "ORG")])
    reworded = APPOINTED_FR.replace("dimanche", "dimanche soir")
    copies = {copy_in_another_outlet(APPOINTED_FR) for _ in range(4)}
    rewordings = {copy_in_another_outlet(reworded) for _ in range(3)}
    found = {c.pk: sim for c, sim in search.near_duplicates_many([claim])[claim.pk]}
    assert set(found) == copies | rewordings
    assert {found[pk] for pk in copies} == {1.0}
    [rewording_similarity] = {round(found[pk], 4) for pk in rewordings}
    assert rewording_similarity == pytest.approx(search.similarity(APPOINTED_FR, reworded), abs=0.02)
