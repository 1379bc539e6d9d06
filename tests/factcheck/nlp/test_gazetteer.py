"""The built-in and editor gazetteers fix the model's entity mistakes."""

from factcheck import nlp


TEXT = "Microsoft fournit à OpenAI sa plateforme Azure depuis 2019, et Redmond a investi 13 milliards de dollars."


def labels(claims):
    return {e["text"]: e["label"] for c in claims for e in c["entities"]}


def test_it_does_not_tag_azure_as_a_person(extract_one):
    assert labels(extract_one(TEXT)).get("Azure") != "PER"


def test_it_tags_openai_and_microsoft_as_organisations(extract_one):
    got = labels(extract_one(TEXT))
    assert got.get("OpenAI") == "ORG" and got.get("Microsoft") == "ORG"


def test_it_does_not_take_a_capitalised_elision_for_a_place(extract_one):
    claims = extract_one("L’impact du départ de Hugo Ferrand s’annonce considérable pour Calyxa.")
    assert all(not e["text"].startswith(("L’", "L'")) or len(e["text"]) > 3 for c in claims for e in c["entities"])
    assert "L’" not in labels(claims)


def test_it_applies_an_editor_entry_without_reloading_the_model(extract_one):
    before = nlp.load("fr")
    text = "La coopérative Terrenoble a vendu 40 tonnes de blé à l’Algérie en mai."
    claims = extract_one(text, gazetteer=[("Terrenoble", "ORG", "fr")])
    assert labels(claims).get("Terrenoble") == "ORG"
    assert nlp.load("fr") is before


def test_it_ignores_an_editor_entry_for_another_language(extract_one):
    claims = extract_one("La coopérative Terrenoble a vendu 40 tonnes de blé en mai.", gazetteer=[("Terrenoble", "LOC", "en")])
    assert labels(claims).get("Terrenoble") != "LOC"
