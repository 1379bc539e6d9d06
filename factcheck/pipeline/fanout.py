"""Fan-out: one Verification row per (current claim, enabled verifier, input hash), sent to the
`verify` queue in batches after commit."""

import logging

from django.db import transaction
from django.utils import timezone

from factcheck.models import Article, Claim, Verification
from factcheck.verifiers import registry

from . import dispatch, pacing, rollup, sql

log = logging.getLogger(__name__)

# What the verifiers' input hashes and the fan-out read of a claim.
FAN_OUT_READS = ("id", "article_id", "fingerprint", "language", "modality", "entities",
                 "pipeline_state")


def start_verification(article_id, force=False):
    """Create the verifications an article's current claims need and send them after commit.

    A claim whose input did not change keeps its finished verification, unless `force` (an
    editor asked to re-verify) resets it to pending. A row left pending by a lost message is
    sent again. Returns the ids sent.
    """
    with transaction.atomic():
        sql.commit_without_flush()
        article = Article.locked(article_id)
        if article is None:
            log.info("article %s is gone, nothing to verify", article_id)
            return []
        ids = fan_out(article, force=force)
    if not ids:
        rollup.settle(article_id)
    return ids


def fan_out(article, force=False, also=()):
    """start_verification's work, inside the caller's transaction, which holds the article's
    row lock (extraction calls it in the transaction that stores the claims: one commit).
    `also`: article fields the caller changed, written with its state (Article.set_state).
    Returns the ids sent after commit; when there are none, the caller settles the article
    after its commit."""
    now = timezone.now()
    verifiers = registry.enabled_verifiers()
    claims = list(Claim.objects.filter(article=article, is_current=True)
                  .only(*FAN_OUT_READS).order_by("start"))
    for claim in claims:
        claim.article = article  # input_hash reads it: no query per claim
    rows = Verification.objects.filter(claim_id__in=[c.pk for c in claims]).values_list(
        "id", "claim_id", "verifier", "input_hash", "state")
    by_input = {(claim_id, name, key): (pk, state in Verification.ACTIVE_STATES)
                for pk, claim_id, name, key, state in rows}
    active = {(claim_id, name): pk for (claim_id, name, _key), (pk, is_active) in by_input.items()
              if is_active}
    to_create, to_reset, to_send, superseded = [], [], [], []
    for claim in claims:
        for name, verifier in verifiers.items():
            key = verifier.input_hash(claim)
            row = by_input.get((claim.pk, name, key))
            if row is None:
                old = active.get((claim.pk, name))
                if old is not None:
                    superseded.append(old)  # never finished and its input changed
                to_create.append({"claim_id": claim.pk, "verifier": name, "input_hash": key,
                                  "created_at": now, "enqueued_at": now})
            elif row[1]:
                to_send.append(row[0])
            elif force:
                to_reset.append(row[0])
    if superseded:
        Verification.objects.filter(pk__in=superseded).delete()
    created = sql.insert_verifications(to_create)
    if to_reset:
        reset(to_reset, now)
    # A big article's verifications beyond its window wait unsent; each finished batch sends
    # the next ones (pacing), so other articles' batches take turns with them.
    ids, later = pacing.split(sorted(to_send + to_reset + created))
    if later:
        Verification.objects.filter(pk__in=later).update(enqueued_at=None)
    again = set(to_send + to_reset)
    busy = ({row["claim_id"] for row in to_create}
            | {claim_id for (claim_id, _n, _k), (pk, _a) in by_input.items() if pk in again})
    # Claims extraction just created are verifying already: not written a second time.
    idle = [c.pk for c in claims if c.pk in busy and c.pipeline_state != Claim.PIPELINE_VERIFYING]
    if idle:
        Claim.objects.filter(pk__in=idle).update(pipeline_state=Claim.PIPELINE_VERIFYING)
    article.set_state(Article.STATE_VERIFYING, also=also)
    # Nothing left unsent: the batches need not look for their article's next one.
    dispatch.send_verifications_after_commit(ids, top_up=bool(later))
    return ids


def reset(ids, now=None):
    """Back to pending, as if new (attempts are kept: they count every run)."""
    Verification.objects.filter(pk__in=ids).update(
        state=Verification.STATE_PENDING, started_at=None, finished_at=None, error="",
        traceback="", enqueued_at=now or timezone.now(),
    )
