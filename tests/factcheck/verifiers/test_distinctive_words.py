import pytest

from factcheck.verifiers.distinctive import distinctive_words, wording_tsquery

CLAIM = "Le conseil municipal de Villeneuve a voté la fermeture de la piscine olympique en 2025."


def test_it_searches_a_claim_by_the_words_the_desk_holds_least_often_first():
    common = {"conseil": 1900, "municipal": 1500, "fermeture": 400}
    found = distinctive_words(CLAIM, common)
    assert found[:3] == ["villeneuve", "olympique", "piscine"]


def test_it_leaves_short_words_stop_words_and_numbers_out_of_a_claims_distinctive_words():
    found = distinctive_words(CLAIM, {})
    assert not {"le", "de", "la", "en", "2025"} & set(found) and "voté" in found


def test_it_asks_for_two_shared_distinctive_words_when_a_claim_has_three_or_more():
    query = wording_tsquery("La piscine olympique de Villeneuve.", {})
    pairs = {frozenset(word.strip(" '") for word in part.split("&")) for part in query.split("|")}
    assert pairs == {frozenset(p) for p in (("olympique", "piscine"), ("olympique", "villeneuve"),
                                            ("piscine", "villeneuve"))}


def test_it_asks_for_any_distinctive_word_of_a_claim_that_has_only_two():
    assert wording_tsquery("Villeneuve ferme.", {}) == "'villeneuve' | 'ferme'"


@pytest.mark.django_db
@pytest.mark.postgres
def test_it_runs_the_desks_database_without_jit_compilation():
    import psycopg

    from tests.conftest import worker_database_url

    # A new session, as every web and worker process opens: the setting is the database's own.
    with psycopg.connect(worker_database_url()) as other:
        assert other.execute("SHOW jit").fetchone()[0] == "off"


def test_it_does_not_search_a_claim_by_words_that_thousands_of_claims_hold():
    found = distinctive_words(CLAIM, {"conseil": 80000, "municipal": 3000})
    assert "conseil" not in found and "municipal" not in found and "villeneuve" in found
