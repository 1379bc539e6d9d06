"""The verification pipeline, as functions the tasks, commands, admin and monitoring call.

    extract_article (queue nlp) ─ store claims ─ start_verification
        → Verification rows (claim × verifier, keyed by input hash), sent after commit in batches
    verify_claims (queue verify) ─ run_batch: gather per batch, run per claim, one roll-up
        → roll_up_claims(batch's claims + mirrored claims), then Article.finish_verified()

Everything here is safe to run twice: rows are keyed by unique constraints, work is claimed with
row locks (SKIP LOCKED), and states only move forward with conditional updates. Whatever the
broker loses, the database still knows (pending/started rows) and the sweeper sends it again.
"""

import logging
import time
from collections import namedtuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck import verification_batch
from factcheck.dbutil import (
    any_of, insert_rows, relaxed_commit, rows_where_in, select_rows, update_rows,
)
from factcheck.models import Article, Claim, Evidence, Verification
from factcheck.verifiers import registry

log = logging.getLogger(__name__)


# --- Fan-out ----------------------------------------------------------------------------------
def start_verification(article_id, force=False):
    """Create the verifications an article's current claims need and send them after commit.

    One row per (claim, verifier, input hash): a claim whose input did not change keeps its
    finished verification, unless `force` (an editor asked to re-verify) resets it to pending.
    A row left pending by a lost message is sent again. Returns the ids sent.
    """
    with transaction.atomic():
        relaxed_commit()
        article = Article.locked(article_id)
        if article is None:
            log.info("article %s is gone, nothing to verify", article_id)
            return []
        ids = fan_out(article, force=force)
    if not ids:
        settle(article_id)
    return ids


def settle(article_id):
    """Nothing to run for the article (every verification finished before): roll up its claims
    and close it, after the fan-out's commit."""
    claims = Claim.objects.filter(article_id=article_id, is_current=True).values_list("pk", flat=True)
    finish_claims(list(claims), article_ids=[article_id])


def fan_out(article, force=False, also=()):
    """start_verification's work, inside the caller's transaction, which holds the article's
    row lock (extraction calls it in the transaction that stores the claims: one commit).
    `also`: article fields the caller changed, written with its state (Article.set_state).
    Returns the ids sent after commit; when there are none, the caller settles the article
    after its commit."""
    now = timezone.now()
    verifiers = registry.enabled_verifiers()
    # Only what the input hashes and the states below read.
    claims = select_rows(
        Claim, ["id", "article_id", "fingerprint", "language", "modality", "entities",
                "pipeline_state"], "article_id = %s AND is_current", [article.pk],
        order_by=("start",), instances=True)
    for claim in claims:
        claim.article = article  # input_hash reads it: no query per claim
    rows = select_rows(Verification, ["id", "claim_id", "verifier", "input_hash", "state"],
                       *any_of("claim_id", [c.pk for c in claims]), instances=True)
    by_input = {(v.claim_id, v.verifier, v.input_hash): v for v in rows}
    active = {(v.claim_id, v.verifier): v for v in by_input.values() if v.is_active}
    to_create, to_reset, to_send, superseded = [], [], [], []
    for claim in claims:
        for name, verifier in verifiers.items():
            key = verifier.input_hash(claim)
            row = by_input.get((claim.pk, name, key))
            if row is None:
                old = active.get((claim.pk, name))
                if old is not None:
                    superseded.append(old.pk)  # never finished and its input changed
                to_create.append({"claim_id": claim.pk, "verifier": name, "input_hash": key,
                                  "created_at": now, "enqueued_at": now})
            elif row.is_active:
                to_send.append(row.pk)
            elif force:
                to_reset.append(row.pk)
    if superseded:
        Verification.objects.filter(pk__in=superseded).delete()
    created = insert_rows(Verification, to_create, returning=True)
    if to_reset:
        reset(to_reset, now)
    ids = sorted(to_send + to_reset + created)
    again = set(to_send + to_reset)
    busy = ({row["claim_id"] for row in to_create}
            | {v.claim_id for v in by_input.values() if v.pk in again})
    # Claims extraction just created are verifying already: not written a second time.
    idle = [c.pk for c in claims if c.pk in busy and c.pipeline_state != Claim.PIPELINE_VERIFYING]
    if idle:
        Claim.objects.filter(pk__in=idle).update(pipeline_state=Claim.PIPELINE_VERIFYING)
    article.set_state(Article.STATE_VERIFYING, also=also)
    if ids:
        transaction.on_commit(lambda: send_verifications(ids))
    return ids


def reset(ids, now=None):
    """Back to pending, as if new (attempts are kept: they count every run)."""
    Verification.objects.filter(pk__in=ids).update(
        state=Verification.STATE_PENDING, started_at=None, finished_at=None, error="",
        traceback="", enqueued_at=now or timezone.now(),
    )


def send_verifications(ids):
    """Send verification ids in batches. A broker that is down leaves them pending: the sweeper
    sends them later. Returns the number of tasks sent."""
    from factcheck.tasks.verification import verify_claims

    size = max(1, settings.FACTCHECK_VERIFY_BATCH_SIZE)
    sent = 0
    for start in range(0, len(ids), size):
        try:
            verify_claims.apply_async(args=[ids[start:start + size]], retry=False)
        except Exception as exc:  # kombu raises many connection error types
            log.warning("broker unavailable, %d verification(s) stay pending: %s",
                        len(ids) - start, exc)
            break
        sent += 1
    return sent


# --- Running verifications (factcheck.verification_batch) ------------------------------------
def run_verification(verification_id, task_id=""):
    """Run one verification if it is still to do, and roll up its claim. Returns the ids of
    other claims given mirror evidence, or None if it was skipped."""
    done, touched = run_batch([verification_id], task_id=task_id)
    return touched if done else None


def run_batch(verification_ids, task_id="", timings=None):
    """Run the verifications still to do among `verification_ids` (verification_batch), then
    roll up, together, the claims that ran and the claims given mirror evidence; returns (how
    many ran, ids of those other claims). `timings`, a dict, receives the roll-up's seconds and
    the articles concerned.

    The roll-up comes after the batch's commit (it reads committed work under a lock on each
    claim row). A worker dying in between leaves claims with finished verifications not rolled
    up and their article in VERIFYING: the sweeper rolls up every claim of such an article
    before closing it (sweep_verifying_articles → finish_claims).
    """
    stored = verification_batch.run_batch(verification_ids, task_id=task_id)
    started = time.perf_counter()
    articles = roll_up_claims(stored.claims | stored.mirrored)
    if timings is not None:
        timings["rollup"] = time.perf_counter() - started
        timings["articles"] = articles
    return stored.ran, stored.mirrored - stored.claims


def give_up(verification_ids, exc):
    """Transient errors that outlived every retry: fail what is still active, visibly."""
    Verification.objects.filter(
        pk__in=verification_ids, state__in=Verification.ACTIVE_STATES
    ).update(
        state=Verification.STATE_FAILED, finished_at=timezone.now(),
        error=_("Gave up after repeated transient errors: %(error)s")
        % {"error": f"{type(exc).__name__}: {exc}"},
    )


# --- Roll-up and completion ---------------------------------------------------------------
def finish_claims(claim_ids, article_ids=()):
    """Roll up the claims (together), then close the articles whose verifications are all
    finished."""
    articles = set(article_ids) | roll_up_claims(claim_ids)
    return finish_articles(articles)


# What a roll-up reads of a claim's verifications and evidence (Claim.apply_roll_up).
RolledVerification = namedtuple("RolledVerification", "claim_id verifier state")
RolledEvidence = namedtuple("RolledEvidence", "claim_id key kind stance confidence explanation")
# What a roll-up reads and writes of a claim (Claim.apply_roll_up, Claim.compute_priority).
ROLL_UP_READS = ("id", "article_id", "score", "repeat_count", *Claim.ROLL_UP_FIELDS,
                 "article__id", "article__published_at", "article__created_at")


def roll_up_claims(claim_ids):
    """Claim.roll_up() for many claims in a handful of queries; returns their article ids.

    Same result as rolling each up on its own (Claim.apply_roll_up is the shared logic), under
    the same lock on each claim row, taken in id order in one statement so that two bulk
    roll-ups sharing claims queue instead of deadlocking. Only the claim rows are locked (not
    their articles). Inside the caller's transaction when there is one.
    """
    ids = sorted(set(claim_ids))
    if not ids:
        return set()
    with transaction.atomic(savepoint=False):
        relaxed_commit()
        claims = list(Claim.objects.loaded_with(ids, ROLL_UP_READS, lock=True).values())
        if not claims:
            return set()
        ids = [c.pk for c in claims]
        # Plain rows with the attributes apply_roll_up reads: building model instances for
        # every piece of evidence of dozens of claims cost more than the queries.
        verifications, evidence = {}, {}
        for v in map(RolledVerification._make, rows_where_in(
                Verification, RolledVerification._fields, "claim_id", ids,
                order_by=("created_at", "id"))):
            verifications.setdefault(v.claim_id, []).append(v)
        for e in map(RolledEvidence._make, rows_where_in(
                Evidence, RolledEvidence._fields, "claim_id", ids)):
            evidence.setdefault(e.claim_id, []).append(e)
        now, changed = timezone.now(), []
        for claim in claims:
            before = [getattr(claim, f) for f in Claim.ROLL_UP_FIELDS]
            claim.apply_roll_up(verifications.get(claim.pk, []), evidence.get(claim.pk, []))
            if [getattr(claim, f) for f in Claim.ROLL_UP_FIELDS] != before:
                claim.updated_at = now
                changed.append(claim)
        # Unchanged rows are not written: every new row version of a claim costs an entry in
        # each of its indexes, and a claim cited by a new article often keeps its suggestion.
        update_rows(Claim, changed, Claim.ROLL_UP_FIELDS)
    return {c.article_id for c in claims}


def finish_articles(article_ids):
    """Close the articles (of those given) whose verifications are all finished."""
    ids = set(article_ids)
    if not ids:
        return 0
    # Claims are rolled up once per batch, after their verifications commit: a worker that
    # died in between left some still marked verifying. Roll those of the articles ready to
    # close up before closing them.
    ready, params = Article.verified_where(ids)
    stragglers = select_rows(
        Claim, ["id"], f"is_current AND pipeline_state = %s AND article_id IN "
        f"(SELECT id FROM {Article._meta.db_table} WHERE {ready})",
        [Claim.PIPELINE_VERIFYING] + params)
    roll_up_claims([pk for (pk,) in stragglers])
    return Article.finish_verified(ids)


# --- Re-runs (admin, monitoring page, `reverify`) -------------------------------------------
def retry_verification(verification_id):
    """Run one failed verification again (sent after commit). Returns True if it was reset."""
    with transaction.atomic():
        v = Verification.objects.select_for_update().filter(
            pk=verification_id, state=Verification.STATE_FAILED
        ).select_related("claim").first()
        if v is None:
            return False
        if Verification.objects.filter(claim_id=v.claim_id, verifier=v.verifier,
                                       state__in=Verification.ACTIVE_STATES).exists():
            return False  # a newer run of this verifier is already under way
        reset([v.pk])
        Claim.objects.filter(pk=v.claim_id).update(pipeline_state=Claim.PIPELINE_VERIFYING)
        reopen(v.claim.article_id)
        transaction.on_commit(lambda: send_verifications([v.pk]))
    return True


def retry_failed():
    """Retry every failed verification that is still the latest for its claim and verifier."""
    retried = 0
    for pk in Verification.objects.filter(state=Verification.STATE_FAILED).values_list("pk", flat=True):
        retried += retry_verification(pk)
    return retried


def reverify_claim(claim_id, verifiers=None):
    """Run the enabled verifiers (or only `verifiers`) on one claim again."""
    with transaction.atomic():
        claim = Claim.objects.select_related("article").filter(pk=claim_id).first()
        if claim is None:
            return []
        ids = []
        for name, verifier in registry.enabled_verifiers().items():
            if verifiers and name not in verifiers:
                continue
            key = verifier.input_hash(claim)
            active = Verification.objects.filter(
                claim=claim, verifier=name, state__in=Verification.ACTIVE_STATES).first()
            if active is not None and active.input_hash != key:
                active.delete()
                active = None
            row, created = Verification.objects.get_or_create(
                claim=claim, verifier=name, input_hash=key,
                defaults={"enqueued_at": timezone.now()},
            )
            if not created and not row.is_active:
                reset([row.pk])
            ids.append(row.pk)
        if ids:
            Claim.objects.filter(pk=claim.pk).update(pipeline_state=Claim.PIPELINE_VERIFYING)
            reopen(claim.article_id)
            transaction.on_commit(lambda: send_verifications(sorted(ids)))
    return ids


def rerun_article(article_id, *, reextract=True):
    """Re-extract (even if the text is unchanged) and re-verify every claim of an article.

    With reextract=False, only the verifiers run again on the current claims.
    """
    from factcheck.tasks.extraction import extract_article

    if not reextract:
        reopen(article_id, force=True)
        return start_verification(article_id, force=True)
    with transaction.atomic():
        updated = Article.objects.filter(pk=article_id).update(
            state=Article.STATE_QUEUED, state_changed_at=timezone.now(), attempts=0, error=""
        )
        if updated:
            transaction.on_commit(lambda: _send_extraction(extract_article, article_id))
    return bool(updated)


def _send_extraction(task, article_id):
    try:
        task.apply_async(args=[article_id], kwargs={"force": True}, retry=False)
    except Exception as exc:
        # The sweeper picks up queued articles that wait too long.
        log.warning("broker unavailable, article %s waits for the sweeper: %s", article_id, exc)


def reopen(article_id, force=False):
    """A done (or failed, with force) article has work again: back to verifying."""
    states = [Article.STATE_DONE, Article.STATE_FAILED] if force else [Article.STATE_DONE]
    Article.objects.filter(pk=article_id, state__in=states).update(
        state=Article.STATE_VERIFYING, state_changed_at=timezone.now()
    )


def verdict_given(claim_id):
    """An editor decided on a claim: re-run "earlier verdicts" on the rest of its cluster, so
    the same claim elsewhere shows the new verdict. For the editorial app to call."""
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None or claim.cluster_id is None:
        return 0
    mates = Claim.objects.filter(cluster_id=claim.cluster_id, is_current=True).exclude(pk=claim_id)
    return sum(bool(reverify_claim(pk, verifiers=["earlier_verdicts"]))
               for pk in mates.values_list("pk", flat=True))


# --- Status -------------------------------------------------------------------------------
def status_counts():
    """Counts by state for `pipeline_status` and the monitoring page."""
    from django.db.models import Count

    def by(qs, field):
        return {row[field]: row["n"] for row in qs.values(field).annotate(n=Count("id")).order_by()}

    return {
        "articles": by(Article.objects.all(), "state"),
        "claims": by(Claim.objects.filter(is_current=True), "pipeline_state"),
        "verifications": by(Verification.objects.all(), "state"),
    }
