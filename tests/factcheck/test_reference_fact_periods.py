"""A reference fact's period: it cannot end before it starts, nor overlap another value of the
same subject and relation (the reference-facts verifier would contradict itself)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from factcheck.models import ReferenceFact

pytestmark = pytest.mark.django_db
SOURCE = "https://example.org/annonce"


def fact(value, start, end=None, **extra):
    return ReferenceFact(subject="Régie des eaux de Morlaix", relation="directrice", value=value,
                         valid_from=start, valid_to=end, source_url=SOURCE, **extra)


def test_it_refuses_a_period_that_overlaps_another_value():
    fact("Anne Le Goff", date(2020, 1, 1), date(2023, 6, 30)).save()
    with pytest.raises(ValidationError, match="overlaps"):
        fact("Yann Kerbrat", date(2023, 1, 1)).full_clean()


def test_it_accepts_the_next_value_once_the_previous_one_ended():
    fact("Anne Le Goff", date(2020, 1, 1), date(2023, 6, 30)).save()
    fact("Yann Kerbrat", date(2023, 7, 1)).full_clean()


def test_it_refuses_a_fact_that_ends_before_it_starts():
    with pytest.raises(ValidationError, match="cannot end before"):
        fact("Anne Le Goff", date(2023, 1, 1), date(2022, 1, 1)).full_clean()
