"""The pipeline functions, run in this process (the worker tests run them through Celery)."""

import pytest

from factcheck.pipeline import batch, fanout, reruns
from factcheck.models import Article, Claim, Evidence, Verification
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, VerificationFactory

from .helpers import claim_in, reload, run_pending

FAILING = {"failing": "tests.verifier_doubles.FailingVerifier"}
ONLY_WORDING = ["wording"]


@pytest.fixture
def wording_only(settings):
    settings.FACTCHECK_ENABLED_VERIFIERS = ONLY_WORDING
    settings.FACTCHECK_EXTRA_VERIFIERS = {}
    return settings


def verifying(article, **kwargs):
    Article.objects.filter(pk=article.pk).update(state=Article.STATE_VERIFYING)
    return article


def test_it_creates_one_verification_per_claim_and_enabled_verifier(db, settings, django_capture_on_commit_callbacks):
    settings.FACTCHECK_EXTRA_VERIFIERS = {}
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=False) as sends:
        fanout.start_verification(claim.article_id)
    assert sorted(claim.verifications.values_list("verifier", flat=True)) == sorted(settings.FACTCHECK_ENABLED_VERIFIERS)
    assert (len(sends), reload(claim).pipeline_state) == (1, Claim.PIPELINE_VERIFYING)


def test_it_adds_nothing_when_verification_starts_twice(wording_only, db, django_capture_on_commit_callbacks):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=False):
        fanout.start_verification(claim.article_id)
        fanout.start_verification(claim.article_id)
    assert Verification.objects.filter(claim=claim).count() == 1


def test_it_keeps_one_set_of_evidence_when_a_verification_runs_twice(wording_only, db, django_capture_on_commit_callbacks):
    claim = claim_in("Selon plusieurs salariés, la direction aurait démissionné.")
    with django_capture_on_commit_callbacks(execute=False):
        [vid] = fanout.start_verification(claim.article_id)
    batch.run_batch([vid])
    Verification.objects.filter(pk=vid).update(state=Verification.STATE_PENDING)  # redelivered
    batch.run_batch([vid])
    assert Evidence.objects.filter(claim=claim).count() == 2  # hedged + anonymous, once each


def test_it_marks_the_article_done_once_every_verification_finished(wording_only, db, django_capture_on_commit_callbacks):
    claim = ClaimFactory(article=ArticleFactory(state=Article.STATE_EXTRACTING))
    with django_capture_on_commit_callbacks(execute=False):
        fanout.start_verification(claim.article_id)
    assert Article.objects.get(pk=claim.article_id).state == Article.STATE_VERIFYING
    run_pending()
    assert Article.objects.get(pk=claim.article_id).state == Article.STATE_DONE


def test_it_marks_an_article_without_claims_done_at_once(wording_only, db):
    article = ArticleFactory(state=Article.STATE_EXTRACTING)
    fanout.start_verification(article.pk)
    assert Article.objects.get(pk=article.pk).state == Article.STATE_DONE


def test_it_records_a_failing_verifier_and_still_finishes_the_others(wording_only, db, django_capture_on_commit_callbacks):
    wording_only.FACTCHECK_EXTRA_VERIFIERS = FAILING
    claim = claim_in("Selon plusieurs salariés, la direction aurait démissionné.")
    with django_capture_on_commit_callbacks(execute=False):
        fanout.start_verification(claim.article_id)
    run_pending()
    failed = Verification.objects.get(claim=claim, verifier="failing")
    assert (failed.state, failed.error) == (
        Verification.STATE_FAILED, "PermanentVerifierError: this verifier always fails (test double)")
    assert "Traceback" in failed.traceback
    claim = reload(claim)
    assert (claim.pipeline_state, claim.suggestion) == (Claim.PIPELINE_FAILED, Claim.SUGGEST_NEEDS_SOURCING)
    assert claim.article.state == Article.STATE_DONE


@pytest.mark.postgres  # SQLite does not enforce the key's column length the double relies on
def test_it_fails_only_the_verification_whose_evidence_cannot_be_stored(wording_only, db, django_capture_on_commit_callbacks):
    wording_only.FACTCHECK_EXTRA_VERIFIERS = {"unstorable": "tests.verifier_doubles.UnstorableVerifier"}
    claim = claim_in("Selon plusieurs salariés, la direction aurait démissionné.")
    with django_capture_on_commit_callbacks(execute=False):
        fanout.start_verification(claim.article_id)
    run_pending()
    failed = Verification.objects.get(claim=claim, verifier="unstorable")
    assert failed.state == Verification.STATE_FAILED and "DataError" in failed.error
    assert Verification.objects.get(claim=claim, verifier="wording").state == Verification.STATE_SUCCEEDED
    assert Evidence.objects.filter(claim=claim, verifier="wording").exists()
    assert not Evidence.objects.filter(claim=claim, verifier="unstorable").exists()


def test_it_keeps_evidence_another_article_brought_while_the_claim_was_being_verified(db):
    from datetime import timedelta

    from django.utils import timezone

    from factcheck.pipeline.sql import delete_stale_evidence as drop_stale_evidence

    claim = ClaimFactory()
    started = timezone.now()
    old = EvidenceFactory(claim=claim, verifier="corroboration", key="article:1")
    Evidence.objects.filter(pk=old.pk).update(updated_at=started - timedelta(seconds=5))
    mirrored = EvidenceFactory(claim=claim, verifier="corroboration", key="article:2")
    kept = EvidenceFactory(claim=claim, verifier="corroboration", key="article:3")
    drop_stale_evidence({(claim.pk, "corroboration"): [kept.key]}, before=started)
    assert sorted(Evidence.objects.filter(claim=claim).values_list("key", flat=True)) == sorted(
        [kept.key, mirrored.key])


def test_it_drops_only_the_keys_each_claims_verifier_no_longer_finds(db):
    from datetime import timedelta

    from django.utils import timezone

    from factcheck.pipeline.sql import delete_stale_evidence as drop_stale_evidence

    alice_claim, bob_claim = ClaimFactory.create_batch(2)
    rows = [(alice_claim, "corroboration", "article:1"), (alice_claim, "corroboration", "article:2"),
            (bob_claim, "corroboration", "article:1"), (bob_claim, "corroboration", "article:2"),
            (bob_claim, "wording", "hedged")]
    for claim, verifier, key in rows:
        EvidenceFactory(claim=claim, verifier=verifier, key=key)
    started = timezone.now()
    Evidence.objects.update(updated_at=started - timedelta(seconds=5))
    drop_stale_evidence({(alice_claim.pk, "corroboration"): ["article:1"],
                         (bob_claim.pk, "corroboration"): ["article:2"]}, before=started)
    assert sorted(Evidence.objects.values_list("claim_id", "verifier", "key")) == sorted([
        (alice_claim.pk, "corroboration", "article:1"), (bob_claim.pk, "corroboration", "article:2"),
        (bob_claim.pk, "wording", "hedged")])


def test_it_runs_a_failed_verification_again_on_request(wording_only, db, django_capture_on_commit_callbacks):
    claim = ClaimFactory(article=ArticleFactory(state=Article.STATE_DONE))
    failed = VerificationFactory(claim=claim, verifier="wording", state=Verification.STATE_FAILED, error="boom")
    with django_capture_on_commit_callbacks(execute=False) as sends:
        assert reruns.retry_verification(failed.pk)
    failed.refresh_from_db()
    assert (failed.state, failed.error, len(sends)) == (Verification.STATE_PENDING, "", 1)
    assert Article.objects.get(pk=claim.article_id).state == Article.STATE_VERIFYING


def test_it_reverifies_an_unchanged_article_on_request(wording_only, db, django_capture_on_commit_callbacks):
    claim = ClaimFactory(article=ArticleFactory(state=Article.STATE_EXTRACTING))
    with django_capture_on_commit_callbacks(execute=False):
        fanout.start_verification(claim.article_id)
    run_pending()
    with django_capture_on_commit_callbacks(execute=False) as sends:
        reruns.rerun_article(claim.article_id, reextract=False)
    assert Verification.objects.get(claim=claim).state == Verification.STATE_PENDING
    assert (len(sends), Article.objects.get(pk=claim.article_id).state) == (1, Article.STATE_VERIFYING)


def test_it_queues_a_forced_reextraction_on_request(db, django_capture_on_commit_callbacks):
    article = ArticleFactory(state=Article.STATE_DONE)
    with django_capture_on_commit_callbacks(execute=False) as sends:
        assert reruns.rerun_article(article.pk)
    assert (len(sends), Article.objects.get(pk=article.pk).state) == (1, Article.STATE_QUEUED)


def test_it_gives_up_on_a_verification_whose_worker_keeps_dying(wording_only, db, settings):
    claim = ClaimFactory()
    v = VerificationFactory(claim=claim, verifier="wording", attempts=settings.FACTCHECK_MAX_VERIFY_ATTEMPTS)
    batch.run_batch([v.pk])
    v.refresh_from_db()
    assert v.state == Verification.STATE_FAILED and "Gave up after" in v.error


def test_it_skips_a_verification_that_already_succeeded(wording_only, db):
    v = VerificationFactory(verifier="wording", state=Verification.STATE_SUCCEEDED)
    assert batch.run_batch([v.pk]) == (0, set())


def test_it_fails_a_verification_whose_verifier_is_not_installed(db):
    v = VerificationFactory(verifier="no_such_verifier")
    batch.run_batch([v.pk])
    v.refresh_from_db()
    assert v.state == Verification.STATE_FAILED and "not installed" in v.error


def test_it_supersedes_an_unfinished_verification_when_the_claim_changed(wording_only, db, django_capture_on_commit_callbacks):
    claim = ClaimFactory()
    stale = VerificationFactory(claim=claim, verifier="wording")
    with django_capture_on_commit_callbacks(execute=False):
        fanout.start_verification(claim.article_id)
    assert list(Verification.objects.filter(claim=claim).values_list("pk", flat=True)) != [stale.pk]
    assert Verification.objects.filter(claim=claim).count() == 1


def test_it_gives_an_earlier_article_the_evidence_a_later_one_brings(db, settings, django_capture_on_commit_callbacks):
    settings.FACTCHECK_ENABLED_VERIFIERS = ["corroboration"]
    settings.FACTCHECK_EXTRA_VERIFIERS = {}
    entities = [("OpenAI", "ORG"), ("Emmett Shear", "PER")]
    earlier = claim_in("Le conseil d’OpenAI a nommé Emmett Shear directeur général.", entities)
    later = claim_in("OpenAI's board named Emmett Shear chief executive.", entities, language="en")
    with django_capture_on_commit_callbacks(execute=False):
        fanout.start_verification(later.article_id)
    run_pending([later.article_id])
    mirrored = Evidence.objects.get(claim=earlier)
    assert (mirrored.stance, mirrored.source_claim_id) == (Evidence.STANCE_SUPPORTS, later.pk)
    assert reload(earlier).suggestion == Claim.SUGGEST_SUPPORTED
