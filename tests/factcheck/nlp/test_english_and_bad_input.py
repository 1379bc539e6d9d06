"""Reduced English mode and hostile input: no crash, sensible output, bounded time."""

import sys
import subprocess
import time

from factcheck import nlp

from .helpers import find


def test_it_extracts_english_claims_in_reduced_mode(extract_one):
    claims = extract_one(
        'Orbital Labs has hired Dana Whitfield as chief technology officer. "We will launch in May," said Tom Becker. '
        "The deal may be worth $2 billion, according to Reuters. Is this a new space race?"
    )
    assert {c["language"] for c in claims} == {"en"}
    assert find(claims, "We will launch")["speaker"] == "Tom Becker"
    assert find(claims, "may be worth")["modality"] == "hedged"
    assert find(claims, "space race")["modality"] == "question"


def test_it_detects_the_language_of_each_text():
    fr, en = nlp.extract(["Le gouvernement a annoncé une baisse des impôts.", "The government announced a tax cut on Monday."])
    assert fr[0]["language"] == "fr" and en[0]["language"] == "en"


def test_it_returns_no_claims_for_empty_text(extract_one):
    assert extract_one("") == []
    assert extract_one("   \n\n  ") == []


def test_it_survives_only_emoji(extract_one):
    assert extract_one("😀🔥🚀" * 200) == []


def test_it_survives_only_numbers(extract_one):
    assert isinstance(extract_one("12 345 67,8 2023 " * 300), list)


RUN_ON = (
    "le conseil municipal de Brest a voté une subvention de 3 millions d’euros pour rénover les écoles, "
    "la préfecture a autorisé la construction d’un parc éolien au large de Quimper, "
    "les syndicats de la SNCF ont appelé à une grève de quarante-huit heures en Bretagne, "
    "le tribunal de Rennes a condamné l’ancien maire à deux ans de prison avec sursis, "
    "la coopérative laitière a embauché cinquante salariés dans son usine de Landerneau, "
    "le département du Finistère a réduit de 8 % son budget consacré aux routes, "
)


def test_it_cuts_a_single_10000_character_sentence_into_bounded_claims(extract_one):
    text = "Selon la région, " + (RUN_ON * 30)[:10_000]
    start = time.perf_counter()
    claims = extract_one(text)
    assert time.perf_counter() - start < 30
    assert claims and all(len(c["sentence"]) < 2_000 for c in claims)
    assert all(text[c["sentence_start"] : c["sentence_end"]] == c["sentence"] for c in claims)
    assert all(text[c["start"] : c["end"]] == c["text"] for c in claims)


def test_it_handles_two_megabytes_in_bounded_time(extract_one):
    text = ("La région a voté mardi un budget de 80 millions d’euros pour le port de Brest.\n" * 30_000)[: 2_000_000]
    start = time.perf_counter()
    claims = extract_one(text)
    assert time.perf_counter() - start < 120
    assert claims and claims[-1]["end"] <= len(text)


def test_it_handles_mixed_languages_in_one_text(extract_one):
    claims = extract_one("Le maire a démissionné hier. The mayor resigned yesterday, officials said. Il sera remplacé lundi.")
    assert claims and all(c["language"] in ("fr", "en") for c in claims)


def test_it_accepts_a_single_string_and_none_items():
    out = list(nlp.extract([None, "Le maire a démissionné hier."]))
    assert out[0] == [] and len(out) == 2


def test_it_does_not_load_a_model_on_import():
    code = "import sys, factcheck.nlp; assert not any(m.startswith('spacy') for m in sys.modules), 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_it_reads_would_after_said_as_reported_speech_not_a_hedge(extract_one):
    claims = extract_one("Carver Motors said on Tuesday it would close its plant in Lima, cutting 1,150 jobs.", lang="en")
    assert claims[0]["modality"] == "asserted"


def test_it_still_hedges_a_would_of_its_own(extract_one):
    claims = extract_one("The merger would create the largest airline in the region, with 140 destinations.", lang="en")
    assert claims[0]["modality"] == "hedged"


def test_it_gives_an_english_relative_clause_its_own_claim_and_restatement(extract_one):
    body = "Carver Motors, which employs 4,000 people, said on Tuesday it would close its plant in Lima."
    claim = next(c for c in extract_one(body, lang="en") if c["text"].startswith("which"))
    assert claim["text"] == "which employs 4,000 people"
    assert claim["normalized"] == "Carver Motors employs 4,000 people"


def test_it_flags_a_hedged_english_clause_after_an_asserted_one(extract_one):
    body = "The council voted 7 to 2 on Tuesday, and the mayor reportedly plans to veto the decision."
    claims = extract_one(body, lang="en")
    assert [c["modality"] for c in claims] == ["asserted", "hedged"]
    assert claims[1]["text"].startswith("the mayor reportedly")
