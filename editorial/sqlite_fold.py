"""SQLite (`make run`): an `editorial_fold(text)` SQL function, so the queue's search ignores
accents and case there too ("senat" finds "Sénat"). PostgreSQL has unaccent (migration 0009)."""

import unicodedata
from functools import lru_cache

from django.db.models import Func, TextField

FUNCTION = "editorial_fold"


@lru_cache(maxsize=4096)
def fold(text):
    """Lower case, accents removed: "Sénat" → "senat"."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Fold(Func):
    function = FUNCTION
    output_field = TextField()


def register(sender, connection, **kwargs):
    """connection_created receiver: give each SQLite connection the function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, fold, deterministic=True)
