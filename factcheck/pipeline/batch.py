"""Running a batch of verifications (one `verify_claims` task): claim, gather, check, store,
then roll up the claims and close the articles that are done.

    claim   one commit: the rows nobody is working on are marked started, their attempt counted
    gather  each verifier's database reads, once for the batch (Verifier.gather_many)
    check   each verification runs its verifier, outside any transaction: a verifier that fails,
            even on a query of its own, spoils nothing else
    store   one commit for the batch: the rows still to do are locked (SKIP LOCKED), then evidence,
            stale evidence, clusters and states are written in a few statements
    mirror  evidence for the other articles' claims the batch cites, in a commit of its own
    roll up the batch's claims and the mirrored ones together (rollup.roll_up_claims), then close
            the articles with nothing left to verify

The store step writes only the rows this run holds: a duplicate delivery running at the same time
skips them (or finds them finished) and writes nothing, so every row is processed once. If a bulk
write fails for a reason other than a lost connection, the batch is stored again one
verification at a time, each in a savepoint, and the one that cannot be stored is marked failed
with its error while the others keep their evidence.
"""

import logging
import time
import traceback as tb
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.models import Claim, Verification
from factcheck.verifiers import registry, search
from factcheck.verifiers.base import NOT_GATHERED, Verifier

from . import clusters, evidence, pacing, recovery, rollup, sql
from .errors import TRANSIENT_ERRORS

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What one verification produced, before it is stored."""

    verification_id: int
    claim: Claim
    verifier: Verifier | None
    result: object = None  # verifiers.base.Result when it succeeded
    error: str = ""
    traceback: str = ""

    @property
    def succeeded(self):
        return self.result is not None


@dataclass
class Stored:
    ran: int = 0
    claims: set = field(default_factory=set)  # the batch's claims that ran
    mirrored: set = field(default_factory=set)  # other claims given mirror evidence
    articles: set = field(default_factory=set)  # the articles of the batch's claims
    held: set = field(default_factory=set)  # verification ids this run stored


def verify(verification_ids, task_id="", last_attempt=False, top_up=True):
    """The `verify_claims` task: run the batch, roll up its claims and close the articles with
    nothing left to do. Safe to receive twice or to run twice at once: finished rows are
    skipped, rows another worker is running are skipped (row locks), and the roll-up reads only
    committed work. Transient errors propagate for the task to retry, except on its
    `last_attempt`, where what is still active is failed, visibly. `top_up=False` (the
    fan-out sent all of its articles' work): no next batch to look for. Returns a summary."""
    verification_ids = list(verification_ids)
    done, touched, timings = 0, set(), {}
    started = time.perf_counter()
    try:
        done, touched = run_batch(verification_ids, task_id=task_id, timings=timings)
    except TRANSIENT_ERRORS as exc:
        if not last_attempt:
            raise
        log.error("giving up on %d verification(s) after repeated transient errors: %s",
                  len(verification_ids), exc)
        give_up(verification_ids, exc)
        # Their claims now show the failure (and the article can close).
        rollup.roll_up_claims(Verification.objects.filter(pk__in=verification_ids)
                              .values_list("claim_id", flat=True))
    verified_at = time.perf_counter()
    articles = timings.get("articles", set())  # those of every claim rolled up
    if not done:  # nothing ran here (done elsewhere, or given up): close the batch's articles
        articles = articles | set(Verification.objects.filter(pk__in=verification_ids)
                                  .values_list("claim__article_id", flat=True))
    closed = rollup.finish_articles(articles)
    # The next batch of the same articles, if any; those of the claims that ran are known.
    if top_up:
        pacing.after_batch(verification_ids, timings.get("own_articles") if done else None)
    seconds = {"verify": round(verified_at - started - timings.get("rollup", 0.0), 4),
               "rollup": round(timings.get("rollup", 0.0) + time.perf_counter() - verified_at, 4)}
    return {"verified": done, "claims": len(touched), "articles_done": closed, "seconds": seconds}


def run_batch(verification_ids, task_id="", timings=None):
    """Run the verifications still to do among `verification_ids`, then roll up, together, the
    claims that ran and the claims given mirror evidence; returns (how many ran, ids of those
    other claims). `timings`, a dict, receives the roll-up's seconds and the articles concerned.

    The roll-up comes after the batch's commit (it reads committed work under a lock on each
    claim row). A worker dying in between leaves claims with finished verifications not rolled
    up and their article in VERIFYING: the sweeper rolls up every claim of such an article
    before closing it.
    """
    stored = run_verifications(verification_ids, task_id=task_id)
    started = time.perf_counter()
    articles = rollup.roll_up_claims(stored.claims | stored.mirrored)
    if timings is not None:
        timings["rollup"] = time.perf_counter() - started
        timings["articles"] = articles
        timings["own_articles"] = stored.articles
    return stored.ran, stored.mirrored - stored.claims


def run_verifications(verification_ids, task_id=""):
    """Claim, gather, check, store and mirror (see the module's docstring). Returns Stored."""
    started = timezone.now()
    free = claim_rows(verification_ids, task_id, started)
    if not free:
        return Stored()
    claims = search.load_claims({c for _pk, c, _n, _a in free})
    by_verifier = {}
    for _pk, claim_id, name, _attempts in free:
        by_verifier.setdefault(name, set()).add(claim_id)
    contexts = gather(by_verifier, claims)
    articles = {claim.article_id for claim in claims.values()}
    outcomes = [check(pk, claims.get(claim_id), name, attempts, contexts)
                for pk, claim_id, name, attempts in free if claim_id in claims]
    try:
        stored = store(outcomes, started)
    except TRANSIENT_ERRORS:
        raise
    except Exception:
        log.warning("storing a batch of %d verifications failed, storing them one by one",
                    len(outcomes), exc_info=True)
        stored = store_one_by_one(outcomes, started)
    stored.articles = articles
    # Mirror evidence goes to other articles' claims, in a commit of its own: written in the
    # same one as this batch's evidence, two batches citing each other's claims would each
    # wait for the other's keys (a deadlock). A worker lost in between loses only the mirror.
    done = [o for o in outcomes if o.succeeded and o.verification_id in stored.held]
    if done:
        try:
            with sql.one_statement():  # reads, then one insert
                stored.mirrored = evidence.store_mirror_evidence(done)
        except TRANSIENT_ERRORS:
            raise
        except Exception:  # best effort: the batch's own results are stored already
            log.warning("mirror evidence of %d verifications not stored", len(done),
                        exc_info=True)
    return stored


def claim_rows(verification_ids, task_id="", now=None):
    """Mark the rows nobody is working on as started and count the attempt, in one commit:
    duplicates in the queue skip them without using up attempts, and a worker killed mid-run
    still counts its attempt (a claim that kills every worker is given up after
    FACTCHECK_MAX_VERIFY_ATTEMPTS). Returns [(pk, claim id, verifier, attempts)] by claim.
    One statement (sql.claim_verifications)."""
    now = now or timezone.now()
    with sql.one_statement():
        return sql.claim_verifications(verification_ids, now, task_id or "",
                                       recovery.current_worker())


def gather(by_verifier, claims):
    """Each verifier's database reads for all the batch's claims at once (gather_many: e.g. one
    candidate search for an article's claims instead of one per claim).

    Returns {(verifier name, claim id): context}. A verifier whose gather_many fails for any
    non-transient reason simply gathers claim by claim in check(), where a failure is recorded
    on its verification.
    """
    contexts = {}
    with search.sharing_candidates():
        for name, claim_ids in by_verifier.items():
            _gather_one(name, claim_ids, claims, contexts)
    return contexts


def _gather_one(name, claim_ids, claims, contexts):
    verifier = registry.get(name)
    if verifier is None or type(verifier).gather_many is Verifier.gather_many:
        return
    try:
        # In a caller's transaction (an eager run), a savepoint: a failed query must not spoil
        # it. In a worker, plain autocommit reads, without a transaction's two round trips.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            gathered = verifier.gather_many(
                [claims[pk] for pk in sorted(claim_ids) if pk in claims])
    except TRANSIENT_ERRORS:
        raise
    except Exception:
        log.warning("verifier %s could not gather for a batch, gathering per claim", name,
                    exc_info=True)
        return
    for claim_id, context in gathered.items():
        contexts[(name, claim_id)] = context


def check(verification_id, claim, name, attempts, contexts):
    """Run one verifier on one claim. Transient errors propagate (the task retries); any other
    error becomes the outcome's error, with its traceback, for staff to read."""
    verifier = registry.get(name)
    outcome = Outcome(verification_id, claim, verifier)
    if attempts > settings.FACTCHECK_MAX_VERIFY_ATTEMPTS:
        outcome.error = (_("Gave up after %(n)d attempts: the worker was lost every time.")
                         % {"n": attempts - 1})
    elif verifier is None:
        outcome.error = (_("Verifier “%(name)s” is not installed on this worker.")
                         % {"name": name})
    else:
        try:
            outcome.result = verifier.run(claim, contexts.get((name, claim.pk), NOT_GATHERED))
        except TRANSIENT_ERRORS:
            raise
        except Exception as exc:
            log.warning("verifier %s failed on claim %s", name, claim.pk, exc_info=True)
            outcome.error, outcome.traceback = f"{type(exc).__name__}: {exc}", tb.format_exc()
    return outcome


def hold(outcomes):
    """Lock the rows of these outcomes that are still to do and nobody else holds."""
    return set(Verification.objects.select_for_update(skip_locked=True)
               .filter(pk__in=[o.verification_id for o in outcomes],
                       state__in=Verification.ACTIVE_STATES)
               .order_by("pk").values_list("pk", flat=True))


def store(outcomes, started):
    """Store the outcomes of the rows this run still holds, in one commit.

    Lock order, the same in every batch so that two at once queue instead of deadlocking:
    verification rows (skipped if taken), then evidence keys (one statement, sorted), then
    claim rows (clusters.link_claims: one statement, sorted).
    """
    stored = Stored()
    with transaction.atomic():
        sql.commit_without_flush()
        # The succeeded rows are locked and marked in one statement: the commit makes their
        # state and their evidence visible together.
        stored.held = sql.succeed_verifications(
            [o.verification_id for o in outcomes if o.succeeded], timezone.now())
        failed = [o for o in outcomes if not o.succeeded]
        if failed:
            stored.held |= hold(failed)
        write([o for o in outcomes if o.verification_id in stored.held], stored, started,
              marked=True)
    return stored


def store_one_by_one(outcomes, started):
    """The slow path after a failed bulk write: one savepoint per verification; the one that
    cannot be stored is marked failed with its error."""
    stored = Stored()
    with transaction.atomic():
        sql.commit_without_flush()
        stored.held = hold(outcomes)
        for outcome in outcomes:
            if outcome.verification_id not in stored.held:
                continue
            try:
                with transaction.atomic():
                    write([outcome], stored, started)
            except TRANSIENT_ERRORS:
                raise
            except Exception as exc:
                log.warning("could not store verification %s", outcome.verification_id,
                            exc_info=True)
                outcome.result = None
                outcome.error, outcome.traceback = f"{type(exc).__name__}: {exc}", tb.format_exc()
                write([outcome], stored, started)
    return stored


def write(outcomes, stored, started, marked=False):
    """The writes for some outcomes, in a few statements whatever their number; `marked`: the
    succeeded ones are marked so already."""
    done = [o for o in outcomes if o.succeeded]
    for o in outcomes:
        if not o.succeeded:
            Verification(pk=o.verification_id).finish(
                Verification.STATE_FAILED, error=o.error, traceback=o.traceback)
    if done:
        evidence.store_findings(done, started)
        links = [(o.claim, o.result.cluster_with) for o in done if o.result.cluster_with]
        if links:
            clusters.link_claims(links)
        if not marked:
            Verification.succeeded([o.verification_id for o in done])
    stored.ran += len(outcomes)
    stored.claims |= {o.claim.pk for o in outcomes}


def give_up(verification_ids, exc):
    """Transient errors that outlived every retry: fail what is still active, visibly."""
    Verification.objects.filter(
        pk__in=verification_ids, state__in=Verification.ACTIVE_STATES
    ).update(
        state=Verification.STATE_FAILED, finished_at=timezone.now(),
        error=_("Gave up after repeated transient errors: %(error)s")
        % {"error": f"{type(exc).__name__}: {exc}"},
    )
