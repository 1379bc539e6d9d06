"""The verification pipeline, as functions the tasks, commands, admin and monitoring call.

    extract_article (queue nlp) ─ store claims ─ start_verification
        → Verification rows (claim × verifier, keyed by input hash), sent after commit in batches
    verify_claims (queue verify) ─ run_batch: gather per batch, run per claim, one roll-up
        → roll_up_claims(batch's claims + mirrored claims), then Article.finish_if_verified()

Everything here is safe to run twice: rows are keyed by unique constraints, work is claimed with
row locks (SKIP LOCKED), and states only move forward with conditional updates. Whatever the
broker loses, the database still knows (pending/started rows) and the sweeper sends it again.
"""

import logging
import time
import traceback as tb

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.dbutil import relaxed_commit, update_rows
from factcheck.models import Article, Claim, ClaimCluster, Evidence, Verification
from factcheck.tasks.errors import TRANSIENT_ERRORS
from factcheck.verifiers import registry
from factcheck.verifiers.base import NOT_GATHERED, Verifier

log = logging.getLogger(__name__)
EVIDENCE_FIELDS = [
    "kind", "stance", "confidence", "explanation", "source_article", "source_claim",
    "reference_fact", "url", "excerpt", "updated_at",
]


# --- Fan-out ----------------------------------------------------------------------------------
def start_verification(article_id, force=False):
    """Create the verifications an article's current claims need and send them after commit.

    One row per (claim, verifier, input hash): a claim whose input did not change keeps its
    finished verification, unless `force` (an editor asked to re-verify) resets it to pending.
    A row left pending by a lost message is sent again. Returns the ids sent.
    """
    now = timezone.now()
    verifiers = registry.enabled_verifiers()
    with transaction.atomic():
        relaxed_commit()
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            log.info("article %s is gone, nothing to verify", article_id)
            return []
        claims = list(article.claims.filter(is_current=True).select_related("article"))
        rows = Verification.objects.filter(claim__in=claims)
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
                    to_create.append(Verification(
                        claim=claim, verifier=name, input_hash=key, created_at=now,
                        enqueued_at=now,
                    ))
                elif row.is_active:
                    to_send.append(row.pk)
                elif force:
                    to_reset.append(row.pk)
        if superseded:
            Verification.objects.filter(pk__in=superseded).delete()
        created = Verification.objects.bulk_create(to_create)
        if to_reset:
            reset(to_reset, now)
        ids = sorted(to_send + to_reset + [v.pk for v in created])
        busy_claims = {v.claim_id for v in created} | set(
            Verification.objects.filter(pk__in=to_send + to_reset).values_list("claim_id", flat=True)
        )
        if busy_claims:
            Claim.objects.filter(pk__in=busy_claims).update(pipeline_state=Claim.PIPELINE_VERIFYING)
        article.set_state(Article.STATE_VERIFYING)
        if ids:
            transaction.on_commit(lambda: send_verifications(ids))
    if not ids:
        finish_claims([c.pk for c in claims], article_ids=[article_id])
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


# --- Running verifications ----------------------------------------------------------------
def run_verification(verification_id, task_id=""):
    """Run one verification if it is still to do (its claim is rolled up in the same commit).
    Returns the ids of other claims given mirror evidence (to roll up), or None if skipped."""
    done, touched = run_batch([verification_id], task_id=task_id)
    return touched if done else None


def run_batch(verification_ids, task_id="", timings=None):
    """Run the verifications still to do among `verification_ids`, then roll up (together) the
    claims that ran and the claims given mirror evidence; returns (how many ran, ids of those
    other claims). `timings`, a dict, receives the roll-up's seconds and the articles concerned.

    First, in one commit, the rows nobody is working on are claimed (SELECT … FOR UPDATE SKIP
    LOCKED) and their attempt counted: duplicates in the queue skip them without using up
    attempts, and a worker killed mid-run still counts its attempt (a claim that kills every
    worker is given up after FACTCHECK_MAX_VERIFY_ATTEMPTS). Then each claim's verifications run
    in one transaction holding their row locks, so a duplicate delivery running at the same time
    skips them instead of writing twice. Transient errors propagate (the task retries); any other
    error marks that verification failed with its traceback, and the others go on.

    The roll-up comes once for the batch, after the claims' commits (it reads committed work
    under a lock on each claim row). A worker dying in between leaves claims with finished
    verifications not rolled up and their article in VERIFYING: the sweeper rolls up every
    claim of such an article before closing it (sweep_verifying_articles → finish_claims).
    """
    now = timezone.now()
    with transaction.atomic():
        relaxed_commit()
        free = list(
            Verification.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(verification_ids), state__in=Verification.ACTIVE_STATES)
            .order_by("claim_id", "pk").values_list("pk", "claim_id", "verifier")
        )
        if not free:
            return 0, set()
        Verification.objects.filter(pk__in=[pk for pk, _claim, _name in free]).update(
            state=Verification.STATE_STARTED, started_at=now, attempts=F("attempts") + 1,
            task_id=task_id or "",
        )
    by_claim, by_verifier = {}, {}
    for pk, claim_id, name in free:
        by_claim.setdefault(claim_id, []).append(pk)
        by_verifier.setdefault(name, set()).add(claim_id)
    contexts = gather_batch(by_verifier)
    done, touched, own = 0, set(), set()
    for claim_id, pks in by_claim.items():
        ran, claims = _run_for_claim(pks, contexts)
        if ran:
            done += ran
            own.add(claim_id)
            touched |= claims - {claim_id}
    started = time.perf_counter()
    articles = roll_up_claims(own | touched)
    if timings is not None:
        timings["rollup"] = time.perf_counter() - started
        timings["articles"] = articles
    return done, touched


def gather_batch(by_verifier):
    """Each verifier's database reads for all the batch's claims at once (gather_many: e.g. one
    candidate search for an article's claims instead of one per claim).

    Returns {(verifier name, claim id): context}. Reads only (READ COMMITTED, like the per-claim
    gather it replaces); a verifier whose gather_many fails for any non-transient reason simply
    gathers claim by claim in its own run, where a failure is recorded on its verification.
    """
    contexts = {}
    claims = None
    for name, claim_ids in by_verifier.items():
        verifier = registry.get(name)
        if verifier is None or type(verifier).gather_many is Verifier.gather_many:
            continue
        if claims is None:
            wanted = set().union(*by_verifier.values())
            claims = Claim.objects.select_related("article__source").in_bulk(wanted)
        try:
            with transaction.atomic():  # a failed query must not spoil a caller's transaction
                gathered = verifier.gather_many(
                    [claims[pk] for pk in sorted(claim_ids) if pk in claims])
        except TRANSIENT_ERRORS:
            raise
        except Exception:
            log.warning("verifier %s could not gather for a batch, gathering per claim", name,
                        exc_info=True)
            continue
        for claim_id, context in gathered.items():
            contexts[(name, claim_id)] = context
    return contexts


def _run_for_claim(pks, contexts=None):
    """One claim's verifications in one transaction: fewer round trips than one per row.
    The claim is rolled up afterwards, with the rest of the batch (run_batch)."""
    touched, succeeded, ran = set(), [], 0
    with transaction.atomic():
        relaxed_commit()
        rows = list(
            Verification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("claim__article__source")
            .filter(pk__in=pks, state__in=Verification.ACTIVE_STATES).order_by("pk")
        )
        kept = {}  # verifier name -> evidence keys it found, to drop the others at the end
        for verification in rows:
            ran += 1
            claim = verification.claim
            touched.add(claim.pk)
            if verification.attempts > settings.FACTCHECK_MAX_VERIFY_ATTEMPTS:
                verification.finish(
                    Verification.STATE_FAILED,
                    error=_("Gave up after %(n)d attempts: the worker was lost every time.")
                    % {"n": verification.attempts - 1},
                )
                continue
            verifier = registry.get(verification.verifier)
            if verifier is None:
                verification.finish(
                    Verification.STATE_FAILED,
                    error=_("Verifier “%(name)s” is not installed on this worker.")
                    % {"name": verification.verifier},
                )
                continue
            try:
                with transaction.atomic():  # a failing verifier leaves no half-written evidence
                    context = (contexts or {}).get((verification.verifier, claim.pk), NOT_GATHERED)
                    result = verifier.run(claim, context)
                    kept[verification.verifier] = store_findings(
                        claim, verification.verifier, result.findings, drop_stale=False)
                    if result.cluster_with:
                        ClaimCluster.link(claim, Claim.objects.filter(pk__in=result.cluster_with))
                    touched |= store_reciprocal(verifier, claim, result)
            except TRANSIENT_ERRORS:
                raise
            except Exception as exc:
                log.warning("verifier %s failed on claim %s", verification.verifier, claim.pk,
                            exc_info=True)
                verification.finish(Verification.STATE_FAILED,
                                    error=f"{type(exc).__name__}: {exc}",
                                    traceback=tb.format_exc())
                continue
            succeeded.append(verification.pk)
        if kept:
            drop_stale_evidence(rows[0].claim_id, kept)
        if succeeded:
            Verification.objects.filter(pk__in=succeeded).update(
                state=Verification.STATE_SUCCEEDED, finished_at=timezone.now(), error="",
                traceback="",
            )
    return ran, touched


def store_findings(claim, verifier_name, findings, drop_stale=True):
    """Upsert this verifier's evidence for the claim, keyed by (claim, verifier, key), and (with
    drop_stale) drop what it no longer finds: running it twice leaves the same rows.
    Returns the keys stored."""
    rows = [
        Evidence(
            claim=claim, verifier=verifier_name, key=f.key, kind=f.kind, stance=f.stance,
            confidence=round(max(0.0, min(f.confidence, 1.0)), 3), explanation=f.explanation,
            source_article_id=f.source_article_id, source_claim_id=f.source_claim_id,
            reference_fact_id=f.reference_fact_id, url=f.url, excerpt=f.excerpt,
        )
        for f in {f.key: f for f in findings}.values()
    ]
    if rows:
        Evidence.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["claim", "verifier", "key"],
            update_fields=EVIDENCE_FIELDS,
        )
    keys = [r.key for r in rows]
    if drop_stale:
        drop_stale_evidence(claim.pk, {verifier_name: keys})
    return keys


def drop_stale_evidence(claim_id, kept):
    """One DELETE for what the verifiers that just ran on a claim no longer find."""
    stale = Q()
    for verifier_name, keys in kept.items():
        stale |= Q(verifier=verifier_name) & ~Q(key__in=keys)
    Evidence.objects.filter(stale, claim_id=claim_id).delete()


def store_reciprocal(verifier, claim, result):
    """Give the claims this verification cites the mirror evidence, if they have none yet for
    this claim's article (get-or-create: their own run's findings win). Returns their ids."""
    cited = {f.source_claim_id for f in result.findings if f.source_claim_id}
    if not cited:
        return set()
    others = Claim.objects.select_related("article__source").in_bulk(cited)
    mirrored = verifier.reciprocal(claim, result, others)
    rows = [
        Evidence(
            claim=other, verifier=verifier.name, key=f.key, kind=f.kind, stance=f.stance,
            confidence=f.confidence, explanation=f.explanation,
            source_article_id=f.source_article_id, source_claim_id=f.source_claim_id,
            reference_fact_id=f.reference_fact_id, url=f.url, excerpt=f.excerpt,
        )
        for other, f in mirrored
    ]
    if rows:
        Evidence.objects.bulk_create(rows, ignore_conflicts=True)
    return {other.pk for other, _f in mirrored}


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
        claims = list(
            Claim.objects.select_for_update(no_key=True, of=("self",)).select_related("article")
            .filter(pk__in=ids).order_by("pk")
        )
        if not claims:
            return set()
        ids = [c.pk for c in claims]
        verifications, evidence = {}, {}
        for v in (Verification.objects.filter(claim_id__in=ids).order_by("created_at", "id")
                  .only("id", "claim_id", "verifier", "state", "created_at")):
            verifications.setdefault(v.claim_id, []).append(v)
        for e in Evidence.objects.filter(claim_id__in=ids):
            evidence.setdefault(e.claim_id, []).append(e)
        now = timezone.now()
        for claim in claims:
            claim.apply_roll_up(verifications.get(claim.pk, []), evidence.get(claim.pk, []))
            claim.updated_at = now
        update_rows(Claim, claims, Claim.ROLL_UP_FIELDS)
    return {c.article_id for c in claims}


def finish_articles(article_ids):
    """Close the articles (of those given) whose verifications are all finished."""
    articles = set(article_ids)
    closed = 0
    for article in Article.objects.filter(pk__in=articles, state=Article.STATE_VERIFYING):
        busy = Verification.objects.filter(
            claim__article_id=article.pk, claim__is_current=True,
            state__in=Verification.ACTIVE_STATES,
        ).exists()
        if busy:
            continue
        # Claims are rolled up once per batch, after their verifications commit: a worker that
        # died in between left some still marked verifying. Roll those up before closing.
        stragglers = Claim.objects.filter(
            article_id=article.pk, is_current=True, pipeline_state=Claim.PIPELINE_VERIFYING,
        ).values_list("pk", flat=True)
        roll_up_claims(list(stragglers))
        closed += article.finish_if_verified()
    return closed


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
