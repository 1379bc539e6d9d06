"""A claim is the article's own words: text == body[start:end], whatever the input."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.nlp.claimlist import claim_key

from .helpers import find

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"
DEMO = json.loads((ROOT / "factcheck" / "demo" / "articles.json").read_text(encoding="utf-8"))

# Pieces of posts and articles, glued at random: words, names, numbers, quotes, emoji, tags, links.
FRAGMENTS = [
    "La mairie de Brest a fermé l’école Jules Ferry lundi", "le conseil a voté 3 millions d’euros",
    "« Nous n’avons reçu aucune consigne », a déclaré Paul Roy", "qui emploie 1 200 personnes",
    "et le département a supprimé 40 postes", "Il s’agit d’une première", "Selon la préfecture,",
    "L’entreprise aurait perdu 35 millions", "GRÈVE TOTALE DEMAIN À LA SNCF", "c’est une honte",
    "😡😡", "🔥", "#greve", "#Brest", "@MairieDeBrest", "https://t.co/AbC123", "!!!", "???", ".", ",",
    "\n", "\n\n", " ", "<p>", "</b>", "&nbsp;", "“", "”", "’", "\u202f", "\t", "3,5 %", "2024",
    "Claire Vasseur", "Microsoft", "tous les trains sont annulés", "The mayor resigned on Monday",
]


def _assert_verbatim(body, claims):
    for c in claims:
        assert c["text"] == body[c["start"] : c["end"]]
        assert c["sentence"] == body[c["sentence_start"] : c["sentence_end"]]
        assert c["sentence_start"] <= c["start"] < c["end"] <= c["sentence_end"]
        assert c["text"] == c["text"].strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), min_size=1, max_size=25).map(" ".join))
def test_it_keeps_every_claim_verbatim_for_any_messy_text(extract_one, body):
    _assert_verbatim(body, extract_one(body))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400))
def test_it_keeps_every_claim_verbatim_for_arbitrary_characters(extract_one, body):
    _assert_verbatim(body, extract_one(body))


def _articles():
    bodies = [(f"demo:{a['title'][:30]}", a["body"]) for a in DEMO]
    if CORPUS.is_dir():
        bodies += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    return bodies


@pytest.mark.parametrize("name,body", _articles(), ids=[n for n, _b in _articles()])
def test_it_gives_the_articles_own_words_and_no_repeated_claim(extract_one, name, body):
    claims = extract_one(body)
    assert claims
    _assert_verbatim(body, claims)
    keys = [claim_key(c["text"]) for c in claims]
    assert len(keys) == len(set(keys))
    for c in claims:
        if c["quoted"]:
            assert c["normalized"] == ""


def test_it_never_rewrites_a_quotation(extract_one):
    body = "« Il n’y a aucun plan de suppression de postes à ce stade », a déclaré Paul Roy, directeur de Ferrovia."
    claim = find(extract_one(body), "aucun plan")
    assert claim["text"] == "Il n’y a aucun plan de suppression de postes à ce stade"
    assert claim["normalized"] == ""
    assert claim["quoted"] and claim["speaker"] == "Paul Roy"


@pytest.mark.parametrize("sentence", [
    "Il s’agit d’un commandement unifié des trois armées.",
    "Il y a désormais 14 agences dans la région.",
    "Il faut 300 millions d’euros pour achever le chantier.",
])
def test_it_does_not_restate_an_impersonal_il(extract_one, sentence):
    body = f"L’OMS a publié mardi son rapport annuel sur la tuberculose. {sentence}"
    claim = find(extract_one(body), sentence[:12])
    assert claim["normalized"] == ""


def test_it_does_not_put_a_company_name_before_an_adjective(extract_one):
    body = ("Ferrovia a publié ses comptes mardi. Le groupe ferroviaire, qui emploie 150 000 personnes, "
            "a annoncé la fermeture de 12 guichets.")
    claims = extract_one(body)
    main = find(claims, "a annoncé la fermeture")
    assert "Ferrovia ferroviaire" not in main["normalized"]


def test_it_restates_a_relative_clause_with_its_antecedent(extract_one):
    body = "Le groupe ferroviaire, qui emploie 150 000 personnes, a annoncé mardi la fermeture de 12 guichets."
    claim = next(c for c in extract_one(body) if c["text"].startswith("qui emploie"))
    assert claim["normalized"] == "Le groupe ferroviaire emploie 150 000 personnes"


def test_it_leaves_the_preposition_out_of_a_relative_clause_antecedent(extract_one):
    body = "Ainsi, à Mira Murati, qui assurait l’intérim depuis vendredi, le conseil a préféré Emmett Shear."
    claim = next(c for c in extract_one(body) if c["text"].startswith("qui assurait"))
    assert claim["normalized"] == "Mira Murati assurait l’intérim depuis vendredi"
