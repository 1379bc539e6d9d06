"""The sweeper sends again what never reached the broker or got lost."""

from datetime import timedelta

import pytest
from django.utils import timezone

from factcheck.models import Article
from factcheck.pipeline.sweeper import sweep_articles
from tests.factories import ArticleFactory
from tests.utils import use_broker, wait_for

DEAD_BROKER = "redis://127.0.0.1:6398/0"


def age(article, **delta):
    Article.objects.filter(pk=article.pk).update(state_changed_at=timezone.now() - timedelta(**delta))


@pytest.mark.worker
def test_it_processes_an_article_that_was_saved_while_the_broker_was_down(transactional_db, celery_worker):
    article = ArticleFactory(state=Article.STATE_PENDING, body="La mairie a fermé le pont Wilson lundi.")
    age(article, minutes=1)
    sweep_articles()
    wait_for(lambda: Article.objects.get(pk=article.pk).state == Article.STATE_DONE, timeout=120,
             message="the swept article to be processed")


def test_it_leaves_a_just_saved_article_to_its_own_commit_hook(db):
    article = ArticleFactory(state=Article.STATE_PENDING)
    assert sweep_articles() == 0 and Article.objects.get(pk=article.pk).state == Article.STATE_PENDING


def test_it_resends_an_article_queued_too_long_ago(db):
    article = ArticleFactory(state=Article.STATE_QUEUED)
    age(article, hours=1)
    assert sweep_articles() == 1


def test_it_leaves_an_article_pending_while_the_broker_stays_down(db):
    article = ArticleFactory(state=Article.STATE_QUEUED)
    age(article, hours=1)
    with use_broker(DEAD_BROKER):
        sweep_articles()
    assert Article.objects.get(pk=article.pk).state == Article.STATE_PENDING


def test_it_sends_nothing_twice_when_run_twice_in_a_row(db):
    article = ArticleFactory(state=Article.STATE_QUEUED)
    age(article, hours=1)
    assert [sweep_articles(), sweep_articles()] == [1, 0]
