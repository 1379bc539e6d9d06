"""A worker keeps the words it meets until its vocab budget is spent, then stops growing."""

import pytest

from factcheck import nlp
from factcheck.nlp import vocab_budget


@pytest.fixture
def french():
    return nlp.load("fr")


def test_it_keeps_new_words_while_the_budget_lasts(french, monkeypatch):
    monkeypatch.setenv("FACTCHECK_NLP_VOCAB_BUDGET", str(vocab_budget.grown(french) + 10_000))
    list(nlp.extract(["Le groupe Quarvelindo a racheté la société Plumatrix hier."]))
    assert "Quarvelindo" in french.vocab.strings


def test_it_drops_the_new_words_of_an_article_once_the_budget_is_spent(french, monkeypatch):
    monkeypatch.setenv("FACTCHECK_NLP_VOCAB_BUDGET", "0")
    before = len(french.vocab.strings)
    claims = next(nlp.extract(["Le groupe Brindavolux a racheté la société Zempratil hier."]))
    assert "Brindavolux" not in french.vocab.strings
    assert len(french.vocab.strings) == before
    assert any("Brindavolux" in c["text"] for c in claims)  # the article itself lost nothing


def test_it_reads_a_malformed_budget_as_the_default(monkeypatch):
    monkeypatch.setenv("FACTCHECK_NLP_VOCAB_BUDGET", "lots")
    assert vocab_budget.budget() == vocab_budget.DEFAULT_BUDGET


def test_it_drops_the_words_of_a_very_long_text_even_while_the_budget_lasts(french, monkeypatch):
    monkeypatch.setenv("FACTCHECK_NLP_VOCAB_BUDGET", str(vocab_budget.grown(french) + 10_000))
    filler = "Le conseil a voté le budget hier. " * (vocab_budget.MAX_KEPT_CHARS // 30)
    list(nlp.extract([filler + "Le groupe Travendolix a racheté la société Pelumbrin."]))
    assert "Travendolix" not in french.vocab.strings
