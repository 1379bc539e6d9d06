"""Lists sent to PostgreSQL as array text (dbutil.array_text): the database reads the same
array as when the driver builds it from the list."""

import datetime
import decimal
import uuid

import pytest
from django.db import connection
from psycopg.types.json import Jsonb

from factcheck.dbutil import array_text

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

AWARE = datetime.datetime(2026, 12, 3, 7, 5, 9, 123456, tzinfo=datetime.timezone.utc)
PARIS = datetime.timezone(datetime.timedelta(hours=1))
COLUMNS = {
    "bigint": [1, -2, None, 2**62],
    "text": ['Il a dit « non », {sic} "NULL" \\ fin', "NULL", "", "a,b}{c", " espaces ",
             "ligne\nsuivante\ttab", "l’apostrophe 'simple'", None],
    "float8": [0.1, -3.5e-12, 1e300, 0.0, None],
    "boolean": [True, False, None],
    "timestamptz": [AWARE, AWARE.astimezone(PARIS), None],
    "date": [datetime.date(2023, 11, 19), None],
    "numeric": [decimal.Decimal("13.50"), None],
    "uuid": [uuid.UUID(int=7), None],
    "jsonb": [Jsonb({"why": 'a "quoted" \\ word', "n": [1, None]}), Jsonb([]), Jsonb("x"), None],
}


def read_back(sql_type, param):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT %s::{sql_type}[]", [param])
        return cursor.fetchone()[0]


@pytest.mark.parametrize("sql_type", sorted(COLUMNS))
def test_it_gives_the_database_the_array_the_driver_would(sql_type):
    values = COLUMNS[sql_type]
    assert read_back(sql_type, array_text(values)) == read_back(sql_type, values)


def test_it_leaves_values_of_other_types_to_the_driver():
    values = [b"\x00bytes", None]
    assert array_text(values) is values
    assert read_back("bytea", array_text(values)) == [b"\x00bytes", None]
