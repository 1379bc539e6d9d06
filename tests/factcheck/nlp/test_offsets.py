"""Offsets always point into the text the user gave, whatever was normalised."""

import pytest

CASES = {
    "typographic": "L’État a versé 3 millions d’euros à l’hôpital d’Orléans. « C’est insuffisant », a déclaré Marie Roux.",
    "emoji": "🔥🔥 Incroyable 😱 : la SNCF a supprimé 200 trains mardi 🚆. Les usagers sont furieux 😡.",
    "html": "<p>La société <b>Cyclia</b> a livré 1&nbsp;500 vélos à Lille.</p><p>Le maire s&rsquo;en félicite.</p>",
    "crlf": "Titre sans point\r\nLa région a voté 80 millions d’euros pour le port.\r\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_it_maps_sentence_offsets_back_to_the_original_text(extract_one, name):
    text = CASES[name]
    claims = extract_one(text)
    assert claims
    for c in claims:
        assert text[c["start"] : c["end"]] == c["sentence"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_it_maps_entity_offsets_back_to_the_original_text(extract_one, name):
    text = CASES[name]
    for c in extract_one(text):
        for e in c["entities"]:
            assert text[e["start"] : e["end"]] == e["text"]
            assert c["start"] <= e["start"] < e["end"] <= c["end"]
            assert e["label"] in ("PER", "ORG", "LOC", "MISC")


def test_it_keeps_html_tags_out_of_claims(extract_one):
    claims = extract_one(CASES["html"])
    assert all("<" not in c["text"] for c in claims)
    assert any("Cyclia" in c["text"] for c in claims)
