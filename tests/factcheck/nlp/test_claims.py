"""What a desk editor sees from extract(): claims, their flags and offsets."""

from .helpers import find

ARTICLE = (
    "Nordelec remanie sa direction\n"
    "Le conseil de Nordelec a nommé jeudi Claire Vasseur directrice générale. "
    "Le groupe fermerait deux usines en Lorraine l’an prochain.\n"
    "“Nous allons recruter 300 ingénieurs d’ici à 2026.”\n"
    "Claire Vasseur, directrice générale de Nordelec\n"
    "Faut-il y voir la fin d’une époque ?\n"
)


def test_it_flags_a_french_conditional_as_hedged(extract_one):
    claim = find(extract_one(ARTICLE), "fermerait deux usines")
    assert claim["modality"] == "hedged"


def test_it_keeps_a_plain_past_tense_fact_asserted(extract_one):
    claim = find(extract_one(ARTICLE), "a nommé jeudi")
    assert claim["modality"] == "asserted"


def test_it_attributes_a_quote_line_to_the_name_on_the_next_line(extract_one):
    claim = find(extract_one(ARTICLE), "recruter 300 ingénieurs")
    assert claim["quoted"] is True
    assert claim["speaker"] == "Claire Vasseur"


def test_it_does_not_turn_the_speaker_line_into_a_claim(extract_one):
    claims = extract_one(ARTICLE)
    assert not [c for c in claims if c["sentence"].startswith("Claire Vasseur, directrice")]


def test_it_takes_the_speaker_from_a_declare(extract_one):
    text = "« Les caisses sont vides », a déclaré Paul Girard, maire de Vannes, mardi soir."
    claim = find(extract_one(text), "Les caisses sont vides")
    assert claim["quoted"] is True
    assert claim["speaker"] == "Paul Girard"


def test_it_takes_the_speaker_from_selon(extract_one):
    claim = find(extract_one("Selon Météo-France, le mois de juillet a été le plus chaud depuis 1947."), "juillet")
    assert claim["speaker"] == "Météo-France"
    assert claim["modality"] == "hedged"


def test_it_keeps_a_rhetorical_question_out_of_the_top_claims(extract_one):
    claims = sorted(extract_one(ARTICLE), key=lambda c: -c["score"])
    top = [c["sentence"] for c in claims[:3]]
    assert not any("Faut-il" in s for s in top)
    assert find(claims, "Faut-il")["modality"] == "question"


def test_it_ranks_an_opinion_below_a_factual_claim(extract_one):
    claims = extract_one(
        "La mairie de Rennes a voté lundi un budget de 12 millions d’euros pour les écoles. "
        "C’est une décision formidable et vraiment courageuse."
    )
    fact, opinion = find(claims, "a voté lundi"), find(claims, "formidable")
    assert opinion["claim_type"] == "opinion"
    assert fact["score"] > opinion["score"]


def test_it_does_not_glue_a_headline_to_the_next_sentence(extract_one):
    claims = extract_one(ARTICLE)
    assert all(not c["sentence"].startswith("Nordelec remanie") or "\n" not in c["sentence"] for c in claims)
    assert find(claims, "Le conseil de Nordelec")["sentence"].startswith("Le conseil de Nordelec")


def test_it_makes_a_successor_appointment_a_top_event_with_its_company(extract_one):
    text = (
        "Les conséquences pour Calyxa\n"
        "Le départ du fondateur fragilise Calyxa, déjà très endettée. "
        "Julie Moreau, successeure désignée, prendra ses fonctions lundi. "
        "Les marchés attendent des signaux de Calyxa sur sa stratégie."
    )
    claims = extract_one(text)
    claim = find(claims, "Julie Moreau")
    assert claim["claim_type"] == "event"
    assert claim["score"] == max(c["score"] for c in claims)
    assert claim["text"] == text[claim["start"]:claim["end"]]
    assert "Calyxa" in claim["normalized"] and claim["normalized"].startswith("Julie Moreau")


def test_it_resolves_an_epithet_to_the_company_in_the_restatement(extract_one):
    claim = find(extract_one("Le géant de Redmond a investi 10 milliards de dollars dans Lumio en 2023."), "Redmond")
    assert claim["normalized"].startswith("Microsoft a investi")
    assert claim["text"].startswith("Le géant de Redmond a investi")


def test_it_resolves_a_leading_pronoun_to_the_person_named_before(extract_one):
    claims = extract_one("Le milliardaire Arnaud Delcourt a racheté le journal La Vigie. Il a promis de garder les 85 journalistes.")
    assert find(claims, "Il a promis")["normalized"].startswith("Arnaud Delcourt a promis")


def test_it_types_a_number_claim_as_quantity(extract_one):
    claim = find(extract_one("Les exportations de vin ont progressé de 12 % en 2023."), "12 %")
    assert claim["claim_type"] == "quantity"
