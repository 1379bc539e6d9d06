from django.db import models
from django.utils.translation import gettext_lazy as _

from .claim import Claim


class ClaimSearch(models.Model):
    """What the verifiers search among the desk's claims: a copy of each claim's text, article,
    fingerprint, currency, speaker and publication day, kept in step by database triggers
    (PostgreSQL only; migrations 0002 and 0004), with a stored 'simple' full-text vector, the review
    queue's trigram indexes (0002), a GIN index on the 'simple' vectors, which also hold the
    publication week, for the candidate search's names and distinctive words within its window
    (0009, 0012), a b-tree on the article for the admin's search (0009) and one on the
    fingerprint.

    Why a table of its own: the pipeline updates each claim row several times (state, cluster,
    roll-up, priority), and PostgreSQL writes every index again for each new row version. On the
    claim table the search indexes grew several times over with dead entries, and every probe
    read them; the queue's trigram indexes computed each claim's trigrams again on every update.
    Here a row is written once per claim. Nothing in Python writes it; on SQLite it stays empty
    and the searches fall back to the claim table (factcheck/verifiers/search.py,
    editorial/queue.py).
    """

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    article_id = models.BigIntegerField()
    text = models.TextField()
    # Compared for equality only: one b-tree (Meta.indexes), not Django's second one for LIKE
    # (62 MB at a million claims, written for every claim).
    fingerprint = models.CharField(max_length=40)
    is_current = models.BooleanField(default=True)
    # For the review queue's search (editorial.queue), with the text: trigram indexes on
    # lower(text) and lower(speaker) (migration 0002_postgresql_search).
    speaker = models.CharField(max_length=300, blank=True, default="")
    # The article's publication day (its arrival when unknown), in UTC: the candidate search
    # looks at claims published near a claim's own day (migration 0004), through the week
    # the 'simple' vector holds (0012).
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("claim search entry")
        verbose_name_plural = _("claim search entries")
        indexes = [models.Index(fields=["fingerprint"], name="claimsearch_fingerprint")]

    def __str__(self):
        return self.text[:120]
