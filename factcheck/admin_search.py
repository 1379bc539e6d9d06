"""The admin claim list's search, served by indexes on PostgreSQL: claim text and speaker from the
search table (trigrams of lower(text), lower(speaker); migration 0002), article titles (trigrams)
and the search table's article (0009); each word in every claim the list shows (current or not),
the newest MATCH_LIMIT claims found.

Django's own search compiles `UPPER(column) LIKE UPPER(…)` over the claim table joined to the
articles, which no index serves: over a second at 100k claims on a busy machine.
"""

from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.db.models.lookups import Contains, IContains
from django.utils.text import smart_split, unescape_string_literal

from .models import Article, ClaimSearch


class ILike(IContains):
    """`column ILIKE '%value%'` on PostgreSQL (escaped as for icontains), which trigram indexes
    serve; elsewhere plain icontains."""

    def as_postgresql(self, compiler, connection):
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} ILIKE {rhs_sql}", (*lhs_params, *rhs_params)


def words(search_term):
    """The admin's terms: words, or "quoted phrases", as Django's own search splits them."""
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit.strip():
            yield bit


# A search matches at most this many claims, the newest: a word in one claim of eight (a
# frequent name, "millions") matched 120,000 claims at a million, and reading them all took
# seconds; its newest are found in tens of milliseconds, walking back from the newest claim.
MATCH_LIMIT = 2000
# The newest articles whose title has a word that count as matching it.
TITLE_LIMIT = 500


def search_claims(claims, search_term):
    """`claims` among the newest MATCH_LIMIT whose text, speaker or article title contains
    every word of `search_term`, or None off PostgreSQL (the search table is empty there: use
    Django's own search)."""
    if connection.vendor != "postgresql":
        return None
    entries = ClaimSearch.objects.all()
    for word in words(search_term):
        # lower(column) LIKE lower(word): what the indexes hold, and a third of ILIKE's work
        # when so many rows match that PostgreSQL reads the table instead.
        lowered = word.lower()
        # The articles whose title has the word, as a list: PostgreSQL then or-s the search
        # table's indexes (text, speaker, article; migration 0009), where a subquery made it
        # read the table (2 s for a word found nowhere at a million claims).
        titles = list(Article.objects.filter(ILike(F("title"), word)).order_by("-pk")
                      .values_list("pk", flat=True)[:TITLE_LIMIT])
        entries = entries.filter(Q(Contains(Lower("text"), lowered))
                                 | Q(Contains(Lower("speaker"), lowered))
                                 | Q(article_id__in=titles))
    # PostgreSQL reads the trigram indexes for a rare word, and the search table from its
    # newest row back for a frequent one, stopping at the limit (its statistics on lower(text)
    # tell which).
    newest = entries.order_by("-claim_id").values("claim_id")[:MATCH_LIMIT]
    return claims.filter(pk__in=newest)
