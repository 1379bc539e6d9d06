"""Running a batch of verifications (one `verify_claims` task): claim, gather, check, store.

    claim   one commit: the rows nobody is working on are marked started, their attempt counted
    gather  each verifier's database reads, once for the batch (Verifier.gather_many)
    check   each verification runs its verifier, outside any transaction: a verifier that fails,
            even on a query of its own, spoils nothing else
    store   one commit for the batch: the rows still to do are locked (SKIP LOCKED), then evidence,
            stale evidence, clusters, mirror evidence and states are written in a few statements

The store step writes only the rows this run holds: a duplicate delivery running at the same time
skips them (or finds them finished) and writes nothing, so every row is processed once. If a bulk
write fails for a reason other than a lost connection, the batch is stored again one
verification at a time, each in a savepoint, and the one that cannot be stored is marked failed
with its error while the others keep their evidence.
"""

import logging
import traceback as tb
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.dbutil import any_of, array_text, insert_rows, relaxed_commit, select_rows
from factcheck.models import Claim, ClaimCluster, Evidence, Verification
from factcheck.tasks.errors import TRANSIENT_ERRORS
from factcheck.verifiers import registry, search
from factcheck.verifiers.base import NOT_GATHERED, Verifier

log = logging.getLogger(__name__)
EVIDENCE_FIELDS = [
    "kind", "stance", "confidence", "explanation", "source_article", "source_claim",
    "reference_fact", "url", "excerpt", "updated_at",
]


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
    held: set = field(default_factory=set)  # verification ids this run stored


def run_batch(verification_ids, task_id=""):
    """Run the verifications still to do among `verification_ids`. Returns Stored."""
    started = timezone.now()
    free = claim_rows(verification_ids, task_id, started)
    if not free:
        return Stored()
    claims = Claim.objects.in_bulk_for_verification({c for _pk, c, _n, _a in free})
    by_verifier = {}
    for _pk, claim_id, name, _attempts in free:
        by_verifier.setdefault(name, set()).add(claim_id)
    contexts = gather(by_verifier, claims)
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
    # Mirror evidence goes to other articles' claims, in a commit of its own: written in the
    # same one as this batch's evidence, two batches citing each other's claims would each
    # wait for the other's keys (a deadlock). A worker lost in between loses only the mirror.
    done = [o for o in outcomes if o.succeeded and o.verification_id in stored.held]
    if done:
        try:
            with transaction.atomic():
                relaxed_commit()
                stored.mirrored = store_reciprocal(done)
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
    FACTCHECK_MAX_VERIFY_ATTEMPTS). Returns [(pk, claim id, verifier, attempts)] by claim."""
    now = now or timezone.now()
    if connection.vendor == "postgresql":
        free = _claim_rows_in_one_statement(list(verification_ids), task_id or "", now)
        return sorted(free, key=lambda row: (row[1], row[0]))
    with transaction.atomic():
        free = list(
            Verification.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(verification_ids), state__in=Verification.ACTIVE_STATES)
            .order_by("claim_id", "pk").values_list("pk", "claim_id", "verifier", "attempts")
        )
        if free:
            Verification.objects.filter(pk__in=[row[0] for row in free]).update(
                state=Verification.STATE_STARTED, started_at=now,
                attempts=F("attempts") + 1, task_id=task_id or "",
            )
    return [(pk, claim_id, name, attempts + 1) for pk, claim_id, name, attempts in free]


def _claim_rows_in_one_statement(ids, task_id, now):
    """claim_rows on PostgreSQL: the rows are locked (SKIP LOCKED), marked and returned by one
    autocommit UPDATE, where the portable path takes a transaction, a SELECT and an UPDATE, for
    every batch. Returns (pk, claim id, verifier, attempts counting this one)."""
    table = Verification._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} v SET state = %s, started_at = %s, attempts = v.attempts + 1, "
            f"task_id = %s FROM (SELECT id FROM {table} WHERE id = ANY(%s::bigint[]) "
            "AND state = ANY(%s::text[]) "
            "ORDER BY id FOR UPDATE SKIP LOCKED) AS free WHERE v.id = free.id "
            "RETURNING v.id, v.claim_id, v.verifier, v.attempts",
            [Verification.STATE_STARTED, now, task_id, array_text(ids),
             array_text(list(Verification.ACTIVE_STATES))],
        )
        return cursor.fetchall()


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
    ids, ids_params = any_of("id", [o.verification_id for o in outcomes])
    active, active_params = any_of("state", Verification.ACTIVE_STATES, "text")
    return {pk for (pk,) in select_rows(Verification, ["id"], f"{ids} AND {active}",
                                         ids_params + active_params,
                                         lock="FOR UPDATE SKIP LOCKED")}


def store(outcomes, started):
    """Store the outcomes of the rows this run still holds, in one commit.

    Lock order, the same in every batch so that two at once queue instead of deadlocking:
    verification rows (skipped if taken), then evidence keys (one statement, sorted), then
    claim rows (ClaimCluster.link_many: one statement, sorted).
    """
    stored = Stored()
    with transaction.atomic():
        relaxed_commit()
        stored.held = hold(outcomes)
        write([o for o in outcomes if o.verification_id in stored.held], stored, started)
    return stored


def store_one_by_one(outcomes, started):
    """The slow path after a failed bulk write: one savepoint per verification; the one that
    cannot be stored is marked failed with its error."""
    stored = Stored()
    with transaction.atomic():
        relaxed_commit()
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


def write(outcomes, stored, started):
    """The writes for some outcomes, in a few statements whatever their number."""
    done = [o for o in outcomes if o.succeeded]
    for o in outcomes:
        if not o.succeeded:
            Verification(pk=o.verification_id).finish(
                Verification.STATE_FAILED, error=o.error, traceback=o.traceback)
    if done:
        drop_stale_evidence(store_evidence(done), before=started)
        links = [(o.claim, o.result.cluster_with) for o in done if o.result.cluster_with]
        if links:
            ClaimCluster.link_many(links)
        Verification.succeeded([o.verification_id for o in done])
    stored.ran += len(outcomes)
    stored.claims |= {o.claim.pk for o in outcomes}


def evidence_row(claim, verifier_name, finding):
    """The Evidence row for a finding, as insert_rows takes it."""
    return {
        "claim_id": claim.pk, "verifier": verifier_name, "key": finding.key,
        "kind": finding.kind, "stance": finding.stance,
        "confidence": round(max(0.0, min(finding.confidence, 1.0)), 3),
        "explanation": finding.explanation, "source_article_id": finding.source_article_id,
        "source_claim_id": finding.source_claim_id, "reference_fact_id": finding.reference_fact_id,
        "url": finding.url, "excerpt": finding.excerpt,
    }


def store_evidence(outcomes):
    """Upsert the findings as evidence keyed by (claim, verifier, key): running a verification
    twice leaves the same rows. Returns {(claim id, verifier): keys stored}."""
    rows, kept = [], {}
    for o in outcomes:
        findings = {f.key: f for f in o.result.findings}  # one row per key
        kept[(o.claim.pk, o.verifier.name)] = list(findings)
        rows += [evidence_row(o.claim, o.verifier.name, f) for f in findings.values()]
    insert_rows(Evidence, sorted(rows, key=evidence_order),
                update=(["claim", "verifier", "key"], EVIDENCE_FIELDS))
    return kept


def evidence_order(row):
    """Every batch writes evidence keys in this order (see store)."""
    return row["claim_id"], row["verifier"], row["key"]


def drop_stale_evidence(kept, before):
    """One DELETE for what the verifiers that just ran no longer find: {(claim id, verifier):
    keys kept}. Only rows written before this run started: a row written since is mirror
    evidence from a batch running at the same time, about an article this run could not see
    yet (see store_reciprocal)."""
    if not kept:
        return
    if connection.vendor == "postgresql":
        # The same as the portable filter below, in a statement whose text is the same for any
        # batch: the pairs and the kept keys as arrays.
        pairs = list(kept)
        keys = [(claim_id, name, key) for (claim_id, name), ks in kept.items() for key in ks]
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM factcheck_evidence e "
                "USING unnest(%s::bigint[], %s::text[]) AS k(claim_id, verifier) "
                "WHERE e.claim_id = k.claim_id AND e.verifier = k.verifier "
                "AND e.updated_at < %s AND (e.claim_id, e.verifier, e.key) NOT IN "
                "(SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[]))",
                [array_text([p[0] for p in pairs]), array_text([p[1] for p in pairs]), before,
                 *(array_text([k[i] for k in keys]) for i in range(3))])
        return
    stale = Q()
    for (claim_id, verifier_name), keys in kept.items():
        stale |= Q(claim_id=claim_id, verifier=verifier_name) & ~Q(key__in=keys)
    Evidence.objects.filter(stale, updated_at__lt=before).delete()


def store_reciprocal(outcomes):
    """Give the claims these verifications cite the mirror evidence, if they have none yet for
    this claim's article (insert or ignore: their own run's findings win). Returns their ids."""
    outcomes = [o for o in outcomes
                if type(o.verifier).reciprocal is not Verifier.reciprocal and o.result.findings]
    others = {}
    for o in outcomes:
        others.update(o.result.cited)
    missing = {f.source_claim_id for o in outcomes for f in o.result.findings
               if f.source_claim_id and f.source_claim_id not in others}
    if missing:
        others.update(Claim.objects.in_bulk_for_verification(missing))
    rows = []
    for o in outcomes:
        mine = {pk: others[pk] for pk in
                {f.source_claim_id for f in o.result.findings} if pk in others}
        if mine:
            rows += [evidence_row(other, o.verifier.name, f)
                     for other, f in o.verifier.reciprocal(o.claim, o.result, mine)]
    insert_rows(Evidence, sorted(rows, key=evidence_order), ignore_conflicts=True)
    return {row["claim_id"] for row in rows}
