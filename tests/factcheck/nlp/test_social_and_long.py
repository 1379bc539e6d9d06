"""Posts, repeats, caps, and long input: sensible claims, nothing silently lost."""

from factcheck import nlp

from .helpers import find

POST = (
    "🚨 LA MAIRIE DE BREST A FERMÉ LA PISCINE DE RECOUVRANCE DEPUIS LE 3 JANVIER 🚨\n"
    "@MairieDeBrest les travaux devaient durer deux mois 😡 #Brest #piscine https://t.co/Xy12\n"
    "merci pour rien 👏👏\n"
)


def test_it_merges_a_paragraph_pasted_three_times(extract_one):
    claims = extract_one(POST * 3)
    caps = [c for c in claims if "PISCINE" in c["text"]]
    assert len(caps) == 1
    assert caps[0]["occurrences"] == 3
    assert caps[0]["start"] < len(POST)


def test_it_leaves_hashtags_links_and_emoji_outside_the_claim(extract_one):
    claim = find(extract_one(POST), "les travaux devaient")
    assert claim["text"].endswith("deux mois")


def test_it_reads_a_line_in_capitals_as_a_sentence(extract_one):
    claim = find(extract_one(POST), "PISCINE")
    assert claim["text"].startswith("LA MAIRIE DE BREST A FERMÉ")
    assert claim["claim_type"] not in ("opinion", "other")


def test_it_keeps_the_best_claims_and_says_how_many_were_dropped(extract_one):
    body = " ".join(f"La commune numéro {i} a voté un budget de {i} millions d’euros le {i % 28 + 1} mars." for i in range(1, 31))
    body += " C’est vraiment formidable."
    claims = extract_one(body, max_claims=10)
    everything = extract_one(body)
    assert len(claims) == 10
    assert claims.dropped == len(everything) - 10
    assert [c["start"] for c in claims] == sorted(c["start"] for c in claims)
    assert min(c["score"] for c in claims) >= sorted((c["score"] for c in everything), reverse=True)[9]


def test_it_reports_nothing_dropped_without_a_cap(extract_one):
    assert extract_one("La mairie de Brest a voté un budget de 3 millions d’euros.").dropped == 0


def test_it_analyses_an_article_past_two_hundred_thousand_characters(extract_one):
    filler = "".join(f"La commune numéro {i} a publié son bulletin municipal.\n" for i in range(4_500))
    assert len(filler) > 200_000
    body = filler + "Le préfet du Finistère a fermé le port de Brest le 4 mars.\n"
    claim = find(extract_one(body), "Le préfet du Finistère")
    assert body[claim["start"] : claim["end"]] == claim["text"]


def test_it_returns_lists_that_behave_as_before():
    claims = next(nlp.extract(["La mairie de Brest a voté un budget de 3 millions d’euros."]))
    assert isinstance(claims, list) and claims == list(claims)


def test_it_leaves_the_reply_handles_outside_the_claim(extract_one):
    body = "@jean @MairieDeBrest la mairie a fermé l’école Jules Ferry lundi 🙄"
    claim = find(extract_one(body), "a fermé")
    assert claim["text"] == "la mairie a fermé l’école Jules Ferry lundi"


def test_it_merges_the_same_claim_shouted_again_in_one_post(extract_one):
    body = "La mairie a fermé la piscine de Recouvrance lundi. LA MAIRIE A FERMÉ LA PISCINE DE RECOUVRANCE LUNDI !!! 😡"
    claims = extract_one(body)
    piscine = [c for c in claims if "piscine" in c["text"].lower()]
    assert len(piscine) == 1 and piscine[0]["occurrences"] == 2
    assert piscine[0]["text"] == "La mairie a fermé la piscine de Recouvrance lundi."
