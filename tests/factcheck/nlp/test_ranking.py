"""Opinions, evaluations and predictions rank below every factual claim."""

from factcheck.nlp import checkworthy
from factcheck.nlp.scoring import FACTUAL_TYPES

from .helpers import find

TECH = (
    "Nordelec a recruté jeudi Léa Martin et Hugo Blanc, licenciés la veille par le conseil de Calyxa. "
    "Calyxa fournit depuis décembre 2021 les serveurs de Nordelec. "
    "Trois directions régionales ont déjà reçu des consignes de gel des embauches. "
    "Voici une métamorphose qui promet de remodeler tout le secteur. "
    "L’avenir de Calyxa semble incertain. "
    "Quels seront les prochains coups sur l’échiquier ?"
)


def test_it_ranks_opinions_below_every_factual_claim(extract_one):
    claims = extract_one(TECH)
    factual = [c for c in claims if c["claim_type"] in FACTUAL_TYPES]
    opinions = [find(claims, "métamorphose"), find(claims, "avenir de Calyxa")]
    assert factual
    assert all(o["claim_type"] in ("opinion", "prediction") for o in opinions)
    assert max(o["score"] for o in opinions) < min(c["score"] for c in factual)


def test_it_keeps_a_dated_service_fact_as_a_checkworthy_claim(extract_one):
    claim = find(extract_one(TECH), "depuis décembre 2021")
    assert claim["claim_type"] in FACTUAL_TYPES and claim["score"] >= 0.5


def test_it_keeps_a_fact_without_a_name_as_a_checkworthy_claim(extract_one):
    claim = find(extract_one(TECH), "Trois directions régionales")
    assert claim["score"] >= 0.5


def test_it_ranks_an_opinion_piece_facts_first(extract_one):
    body = (
        "La réforme du collège est un naufrage annoncé. "
        "Le ministère a changé trois fois les programmes de sciences depuis 2017. "
        "Les professeurs sont épuisés et personne ne les écoute. "
        "Il est temps de faire confiance aux enseignants."
    )
    ranked = sorted(extract_one(body), key=lambda c: -c["score"])
    assert "programmes de sciences" in ranked[0]["text"]


def test_it_ships_a_model_that_prefers_a_fact_to_an_opinion(extract_one):
    assert checkworthy.load_model() is not None
    claims = extract_one("La mairie a voté lundi un budget de 12 millions d’euros. C’est une décision vraiment formidable.")
    assert find(claims, "a voté lundi")["score"] > find(claims, "formidable")["score"]


def test_it_keeps_an_opinion_below_a_weak_fact_whatever_the_model_says(monkeypatch):
    from factcheck.nlp import scoring
    from factcheck.nlp.features import Sentence

    fact = Sentence(start=0, end=10, line=0, has_date=True, n_words=8)
    opinion = Sentence(start=20, end=30, line=0, n_words=8, subjective=2)
    monkeypatch.setattr(checkworthy, "probability", lambda feats, model: 0.99 if "f:subjective=2" in feats else 0.01)
    _type, fact_score = scoring.rank(fact, "event")
    opinion_type, opinion_score = scoring.rank(opinion, "opinion")
    assert opinion_type == "opinion"
    assert opinion_score < fact_score
