"""The lemmatizer's index as sets: the shipped model's lemmas, on words the process never met."""

from pathlib import Path

from factcheck import nlp
from factcheck.demo import loader as demo
from factcheck.nlp.lemma_index import TABLE, index_as_sets

# The shared folder beside the checkout (../shared); its articles add words when it is there.
CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


def _texts():
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] if CORPUS.is_dir() else []
    texts += [row["body"] for row in demo.read("articles.json") if row["language"] == "fr"]
    return texts + [
        "Les sénatrices auraient refusé les amendements proposés ; les députés s'abstiendront.",
        "Elle était partie, ils reviendront : chevaux, yeux, travaux et œufs compris.",
    ]


def _lemmas(pipeline, texts):
    return [(t.text, t.pos_, t.lemma_) for doc in pipeline.pipe(texts) for t in doc]


def test_it_gives_the_lemmas_of_the_shipped_lemmatizer():
    texts = _texts()
    # Fresh pipelines: neither lemmatizer has cached any of these words.
    shipped, indexed = nlp.bare_pipeline("fr"), nlp.bare_pipeline("fr")
    index_as_sets(indexed)
    assert _lemmas(indexed, texts) == _lemmas(shipped, texts)


def test_it_holds_the_known_lemmas_as_sets_in_the_assembled_pipeline():
    table = nlp.load("fr").get_pipe("lemmatizer").lookups.get_table(TABLE)
    shipped = nlp.bare_pipeline("fr").get_pipe("lemmatizer").lookups.get_table(TABLE)
    assert {pos: frozenset(forms) for pos, forms in shipped.items()} == dict(table.items())
