"""Small helpers for the pipeline tests (factories live in tests/factories.py)."""

import threading

from django.db import connections, transaction

from factcheck.models import Claim
from factcheck.models.claim import fingerprint
from tests.factories import ArticleFactory, ClaimFactory


# A one-sentence French article, for tests that only need an extraction to run through a real
# worker.
ONE_CLAIM_ARTICLE = ("Le conseil municipal de Morlaix a voté mardi un budget de 9 millions "
                     "d’euros pour le port, selon le maire.")


def claim_in(text, entities=(), language="fr", modality="asserted", **article_kwargs):
    """A stored claim whose article body is exactly `text`; entities as (text, label) pairs."""
    article = ArticleFactory(body=text, language=language, **article_kwargs)
    return ClaimFactory(
        article=article, start=0, end=len(text), sentence=text, text=text,
        fingerprint=fingerprint(text), language=language, modality=modality,
        entities=[{"text": t, "label": label, "start": 0, "end": 0} for t, label in entities],
    )


def reload(claim):
    return Claim.objects.select_related("article__source").get(pk=claim.pk)


def run_pending(article_ids=None):
    """What the worker would do, in this process: every pending verification, then roll-ups."""
    from factcheck.models import Verification
    from factcheck.pipeline import batch, rollup

    rows = Verification.objects.filter(state__in=Verification.ACTIVE_STATES)
    if article_ids is not None:
        rows = rows.filter(claim__article_id__in=article_ids)
    ids = list(rows.values_list("pk", flat=True))
    claim_ids = set(Verification.objects.filter(pk__in=ids).values_list("claim_id", flat=True))
    for pk in ids:
        claim_ids |= batch.run_batch([pk])[1]
    rollup.finish_claims(claim_ids)


def holding(lock):
    """Run `lock()` in a transaction of another connection (another worker, as far as row locks
    go) and keep that transaction open until the returned event is set. Returns (release,
    thread): set release, then join the thread."""
    held, release = threading.Event(), threading.Event()

    def run():
        try:
            with transaction.atomic():
                lock()
                held.set()
                release.wait(timeout=20)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    assert held.wait(timeout=10)
    return release, thread
