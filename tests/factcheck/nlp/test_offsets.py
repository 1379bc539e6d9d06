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
        assert text[c["sentence_start"] : c["sentence_end"]] == c["sentence"]
        assert c["sentence_start"] <= c["start"] < c["end"] <= c["sentence_end"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_it_maps_entity_offsets_back_to_the_original_text(extract_one, name):
    text = CASES[name]
    for c in extract_one(text):
        for e in c["entities"]:
            assert text[e["start"] : e["end"]] == e["text"]
            assert c["sentence_start"] <= e["start"] < e["end"] <= c["sentence_end"]
            assert e["label"] in ("PER", "ORG", "LOC", "MISC")


def test_it_starts_and_ends_html_claims_on_words_not_markup(extract_one):
    text = CASES["html"]
    claims = extract_one(text)
    assert any("Cyclia" in c["text"] for c in claims)
    for c in claims:
        assert c["text"] == text[c["start"] : c["end"]]
        assert c["text"][0] not in "<&" and c["text"][-1] != ">"
