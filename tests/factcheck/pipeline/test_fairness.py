"""A big article cannot delay the others: through a real worker on Redis and PostgreSQL, a
one-sentence article submitted while a big one is being verified is done within 30 s."""

import time

import pytest

from factcheck.models import Article, Verification
from factcheck.pipeline import dispatch
from tests.utils import wait_for

from .helpers import ONE_CLAIM_ARTICLE
from .workload import worker_report

pytestmark = [pytest.mark.worker]

# Each verification of the big article's claims takes half a second more: together, far more
# than 30 s of verification work (the default cap keeps 200 claims).
SLOWER = {"FACTCHECK_EXTRA_VERIFIERS": "slow=tests.verifier_doubles.SlowVerifier",
          "FACTCHECK_SLOW_VERIFIER_SECONDS": "0.5"}


def big_body(sentences):
    return "\n".join(
        f"Le conseil municipal de Valmont-{n} a voté mardi un budget de {n + 10} millions d’euros."
        for n in range(sentences))


def submit(title, body):
    article = Article.objects.create(title=title, body=body, language="fr")
    dispatch.send_article(article.pk)
    return article.pk


def test_it_finishes_a_small_article_within_30_s_behind_a_big_one(transactional_db, worker_factory):
    worker = worker_factory(env=SLOWER, concurrency=2)
    big = submit("Budgets", big_body(600))
    wait_for(lambda: Verification.objects.filter(claim__article_id=big,
                                                 state=Verification.STATE_STARTED).exists(),
             timeout=90, message="the big article's verification to start")
    small = submit("Morlaix", ONE_CLAIM_ARTICLE)
    submitted = time.monotonic()
    try:
        wait_for(lambda: Article.objects.get(pk=small).state == Article.STATE_DONE,
                 timeout=30, interval=0.5, message="the small article to be done")
    except AssertionError as exc:
        raise AssertionError(f"{exc}{worker_report(worker)}") from None
    waited = time.monotonic() - submitted
    assert Article.objects.get(pk=big).state == Article.STATE_VERIFYING, (
        f"the big article was done first: no proof of fairness (small one took {waited:.1f}s)")
