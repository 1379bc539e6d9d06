"""The sweeper's part in verification: lost verifications are sent again, stuck articles closed."""

from datetime import timedelta

from django.utils import timezone

from factcheck.models import Article, Verification
from factcheck.pipeline.sweeper import sweep_verifications, sweep_verifying_articles
from tests.factories import ArticleFactory, ClaimFactory, VerificationFactory


def long_ago():
    return timezone.now() - timedelta(hours=1)


def test_it_sends_again_a_verification_pending_too_long(db, django_capture_on_commit_callbacks):
    VerificationFactory(enqueued_at=long_ago())
    with django_capture_on_commit_callbacks(execute=False) as sends:
        assert sweep_verifications() == 1
    assert len(sends) == 1


def test_it_sends_again_a_verification_started_by_a_worker_that_died(db, django_capture_on_commit_callbacks):
    VerificationFactory(state=Verification.STATE_STARTED, started_at=long_ago())
    with django_capture_on_commit_callbacks(execute=False):
        assert sweep_verifications() == 1


def test_it_leaves_a_recently_sent_verification_alone(db):
    VerificationFactory(enqueued_at=timezone.now())
    assert sweep_verifications() == 0


def test_it_sends_a_lost_verification_once_when_run_twice_in_a_row(db, django_capture_on_commit_callbacks):
    VerificationFactory(enqueued_at=long_ago())
    with django_capture_on_commit_callbacks(execute=False):
        assert [sweep_verifications(), sweep_verifications()] == [1, 0]


def test_it_closes_an_article_left_verifying_with_nothing_left_to_do(db):
    article = ArticleFactory(state=Article.STATE_VERIFYING)
    VerificationFactory(claim=ClaimFactory(article=article), state=Verification.STATE_SUCCEEDED)
    Article.objects.filter(pk=article.pk).update(state_changed_at=long_ago())
    assert sweep_verifying_articles() == 1
    assert Article.objects.get(pk=article.pk).state == Article.STATE_DONE


def test_it_leaves_open_an_article_whose_verifications_are_still_running(db):
    article = ArticleFactory(state=Article.STATE_VERIFYING)
    VerificationFactory(claim=ClaimFactory(article=article), enqueued_at=timezone.now())
    Article.objects.filter(pk=article.pk).update(state_changed_at=long_ago())
    assert sweep_verifying_articles() == 0
