"""A small batch of short articles written for these tests, and the checks after a run."""

import signal
import time

import psutil
from django.db.models import Count

from factcheck.models import Article, Claim, Evidence, Verification
from factcheck.pipeline import dispatch
from factcheck.tasks.sweeper import sweep_stale_work
from tests.factories import SourceFactory

SLOW = {"FACTCHECK_EXTRA_VERIFIERS": "slow=tests.verifier_doubles.SlowVerifier",
        "FACTCHECK_SLOW_VERIFIER_SECONDS": "0.15"}


def body(n):
    return (
        f"Le conseil municipal de Valmont-{n} a voté mardi un budget de {n + 10} millions d’euros.\n"
        f"Selon plusieurs élus, la dette de la commune aurait baissé de {n + 2} % en un an.\n"
        f"Le maire, Jean Arnaud, a démenti toute hausse des impôts locaux pour {2020 + n}."
    )


def send_batch(count, offset=0):
    """Create `count` articles and hand them to the broker (the test transaction is committed)."""
    source = SourceFactory(name="Le Courrier de Valmont")
    articles = [
        Article.objects.create(title=f"Budget {n}", body=body(n + offset), language="fr", source=source)
        for n in range(count)
    ]
    for article in articles:
        dispatch.send_article(article.pk)
    return [a.pk for a in articles]


def kill_worker(worker):
    """SIGKILL the worker and its pool processes at once, as when its machine dies."""
    parent = psutil.Process(worker.proc.pid)
    family = parent.children(recursive=True) + [parent]
    for proc in family:
        try:
            proc.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            pass
    worker.proc.wait(timeout=10)


def all_done(ids):
    return Article.objects.filter(pk__in=ids, state=Article.STATE_DONE).count() == len(ids)


def sweep_until_done(ids, timeout=150, every=2.0, worker=None):
    """Run the sweeper as beat would (more often), until every article is done. When they are
    not, the failure says what the worker was doing (`worker`: a tests.conftest.WorkerProcess),
    since a CI run keeps nothing else of it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all_done(ids):
            return True
        sweep_stale_work()
        time.sleep(every)
    states = dict(Article.objects.filter(pk__in=ids).values_list("pk", "state"))
    raise AssertionError(f"articles not all done after {timeout}s: {states}"
                         + (worker_report(worker) if worker else ""))


def worker_report(worker, lines=40):
    """Whether the worker process lives and answers a ping, what it holds, its last log lines."""
    from factcheck.celery import app

    alive = worker.proc.poll() is None
    for _ in range(3):  # a pooled connection to the broker before its restart fails once
        try:
            inspect = app.control.inspect(destination=[worker.hostname], timeout=2.0)
            pong, active, reserved = (inspect.ping(), inspect.active(), inspect.reserved())
            break
        except Exception as exc:  # the broker itself may be the problem
            pong = active = reserved = f"{type(exc).__name__}: {exc}"
    tail = "\n".join(worker.log().splitlines()[-lines:])
    state = "alive" if alive else f"exited {worker.proc.returncode}"
    return (f"\nworker {worker.hostname}: {state}, ping {pong or 'no answer'}, active {active}, "
            f"reserved {reserved}\nits last log lines:\n{tail}")


def duplicates(ids):
    """Rows a repeated delivery could have doubled: claims, evidence, verifications."""
    claims = (Claim.objects.filter(article_id__in=ids, is_current=True)
              .values("article", "start", "end").annotate(n=Count("id")).filter(n__gt=1))
    evidence = (Evidence.objects.filter(claim__article_id__in=ids)
                .values("claim", "verifier", "key").annotate(n=Count("id")).filter(n__gt=1))
    verifications = (Verification.objects.filter(claim__article_id__in=ids)
                     .values("claim", "verifier").annotate(n=Count("id")).filter(n__gt=1))
    return list(claims) + list(evidence) + list(verifications)
