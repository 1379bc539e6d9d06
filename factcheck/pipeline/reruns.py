"""Running work again on request: the admin's and the monitoring page's buttons, the
`reverify` command, and an editor's verdict that other claims of its cluster should show."""

from django.db import transaction
from django.utils import timezone

from factcheck.models import Article, Claim, Verification
from factcheck.verifiers import registry

from . import dispatch, fanout

EARLIER_VERDICTS = "earlier_verdicts"


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
        fanout.reset([v.pk])
        Claim.objects.filter(pk=v.claim_id).update(pipeline_state=Claim.PIPELINE_VERIFYING)
        reopen(v.claim.article_id)
        dispatch.send_verifications_after_commit([v.pk])
    return True


def retry_failed():
    """Retry every failed verification that is still the latest for its claim and verifier."""
    failed = Verification.objects.filter(state=Verification.STATE_FAILED)
    return sum(retry_verification(pk) for pk in failed.values_list("pk", flat=True))


def reverify_claim(claim_id, verifiers=None):
    """Run the enabled verifiers (or only `verifiers`) on one claim again; returns the ids."""
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
            row, created = Verification.objects.get_or_create(
                claim=claim, verifier=name, input_hash=key,
                defaults={"enqueued_at": timezone.now()},
            )
            if not created and not row.is_active:
                fanout.reset([row.pk])
            ids.append(row.pk)
        if ids:
            Claim.objects.filter(pk=claim.pk).update(pipeline_state=Claim.PIPELINE_VERIFYING)
            reopen(claim.article_id)
            dispatch.send_verifications_after_commit(sorted(ids))
    return ids


def rerun_article(article_id, *, reextract=True):
    """Re-extract (even if the text is unchanged) and re-verify every claim of an article.
    With reextract=False, only the verifiers run again on the current claims."""
    if not reextract:
        reopen(article_id, force=True)
        return fanout.start_verification(article_id, force=True)
    with transaction.atomic():
        updated = Article.objects.filter(pk=article_id).update(
            state=Article.STATE_QUEUED, state_changed_at=timezone.now(), attempts=0, error=""
        )
        if updated:
            transaction.on_commit(lambda: dispatch.send_reextraction(article_id))
    return bool(updated)


def reopen(article_id, force=False):
    """A done (or failed, with force) article has work again: back to verifying."""
    states = [Article.STATE_DONE, Article.STATE_FAILED] if force else [Article.STATE_DONE]
    Article.objects.filter(pk=article_id, state__in=states).update(
        state=Article.STATE_VERIFYING, state_changed_at=timezone.now()
    )


def verdict_given(claim_id):
    """An editor decided on a claim: re-run "earlier verdicts" on the rest of its cluster, so
    the same claim elsewhere shows the new verdict. Returns how many claims were sent."""
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None or claim.cluster_id is None:
        return 0
    mates = Claim.objects.filter(cluster_id=claim.cluster_id, is_current=True).exclude(pk=claim_id)
    return sum(bool(reverify_claim(pk, verifiers=[EARLIER_VERDICTS]))
               for pk in mates.values_list("pk", flat=True))
