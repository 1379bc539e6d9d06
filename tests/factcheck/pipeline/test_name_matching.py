"""Names shared by two claims: a surname alone names the person its full name names."""

import random

import pytest

from factcheck.models import Evidence
from factcheck.verifiers.corroboration import compare
from factcheck.verifiers.text import Names

from .helpers import claim_in


@pytest.mark.django_db
def test_it_corroborates_a_report_that_names_the_person_by_surname_only():
    full = claim_in("Le conseil d’OpenAI a nommé Emmett Shear directeur général par intérim.",
                    [("OpenAI", "ORG"), ("Emmett Shear", "PER")])
    surname = claim_in("OpenAI a nommé Shear directeur général par intérim dimanche soir.",
                       [("OpenAI", "ORG"), ("Shear", "PER")])
    assert compare(full, surname).stance == Evidence.STANCE_SUPPORTS
    assert compare(surname, full).stance == Evidence.STANCE_SUPPORTS


def same_name(a, b):
    """The rule, pair by pair: the same name, or a one-word name (3+ letters) ending the other."""
    short, long_ = sorted((a.split(), b.split()), key=len)
    return a == b or (len(short) == 1 and len(long_) > 1 and short[0] == long_[-1]
                      and len(short[0]) > 2)


def test_it_matches_the_same_names_as_comparing_every_pair():
    # The index answers what the rule answers pair by pair, on names of one to three words
    # drawn from a small vocabulary (so that surnames and short words recur).
    rng = random.Random(7)
    vocabulary = ["al", "sam", "altman", "shear", "emmett", "open", "ai", "openai", "li", "ng"]

    def some_names():
        return {" ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 3)))
                for _ in range(rng.randint(0, 4))}

    for _ in range(2000):
        mine, theirs = some_names(), some_names()
        entities = [{"text": name, "label": "PER"} for name in theirs]
        expected = {a for a in mine if any(same_name(a, b) for b in theirs)}
        assert Names.of(entities).shared(mine) == expected
