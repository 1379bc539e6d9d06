"""One claim per checkable clause, each with its own span and flags."""

from .helpers import find


def _by_text(claims, start):
    hits = [c for c in claims if c["text"].startswith(start)]
    assert hits, f"no claim starting {start!r} in {[c['text'] for c in claims]}"
    return hits[0]


def test_it_gives_each_coordinated_clause_its_own_claim(extract_one):
    body = "La ville a fermé trois écoles et le département a supprimé 40 postes d’enseignants."
    claims = extract_one(body)
    first, second = _by_text(claims, "La ville a fermé"), _by_text(claims, "le département a supprimé")
    assert first["end"] <= second["start"]
    assert first["sentence"] == second["sentence"] == body


def test_it_flags_a_hedged_relative_clause_inside_an_asserted_sentence(extract_one):
    body = "Calyxa fournit les serveurs du projet, un élément sans lequel Nordelec pourrait se retrouver à l’arrêt."
    claims = extract_one(body)
    assert _by_text(claims, "Calyxa fournit")["modality"] == "asserted"
    assert _by_text(claims, "sans lequel Nordelec")["modality"] == "hedged"


def test_it_flags_a_hedged_qui_clause_after_an_asserted_fact(extract_one):
    body = "Le groupe Talmont a racheté Lumio en mars, une manœuvre qui pourrait redéfinir le marché du vélo."
    claims = extract_one(body)
    assert _by_text(claims, "Le groupe Talmont a racheté")["modality"] == "asserted"
    assert _by_text(claims, "qui pourrait redéfinir")["modality"] == "hedged"


def test_it_flags_aurait_in_a_subordinate_clause(extract_one):
    body = "Le maire de Vannes a démissionné lundi parce que le conseil aurait refusé son budget."
    claims = extract_one(body)
    assert _by_text(claims, "Le maire de Vannes")["modality"] == "asserted"
    assert _by_text(claims, "parce que le conseil aurait")["modality"] == "hedged"


def test_it_extends_selon_to_a_coordinated_clause(extract_one):
    body = "Selon la préfecture, la ville a fermé trois écoles et le département a supprimé 40 postes."
    claims = extract_one(body)
    assert all(c["modality"] == "hedged" for c in claims)


def test_it_keeps_a_complement_clause_with_its_reporting_verb(extract_one):
    body = "La ministre a annoncé que les trains de nuit seraient supprimés en décembre."
    claims = extract_one(body)
    assert len(claims) == 1
    assert find(claims, "seraient supprimés")["text"] == body


def test_it_flags_a_conditional_that_is_the_main_verb_of_a_quotation(extract_one):
    body = "« Les rivières du massif pourraient disparaître d’ici à la fin du siècle », a averti l’hydrologue Anne Roy."
    assert find(extract_one(body), "pourraient disparaître")["modality"] == "hedged"


def test_it_leaves_a_quotation_asserted_when_its_conditional_is_subordinate(extract_one):
    body = "« Il a dit que le maire pourrait partir », a déclaré Paul Roy."
    assert find(extract_one(body), "le maire pourrait")["modality"] == "asserted"
