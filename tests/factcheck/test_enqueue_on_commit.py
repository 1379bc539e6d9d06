"""Saving an article hands it to the real worker once the transaction commits."""

import pytest

from factcheck.models import Article
from tests.factories import UserFactory
from tests.utils import use_broker, wait_for

DEAD_BROKER = "redis://127.0.0.1:6398/0"
TEXT = (
    "Le conseil municipal de Lyon a voté mardi un budget de 12 millions d’euros pour les écoles.\n"
    "Selon l’adjoint aux finances, la dette de la ville aurait baissé de 5 % en un an."
)


@pytest.fixture
def alice(client, transactional_db):
    user = UserFactory(username="alice", role="reporter")
    client.force_login(user)
    return user


def test_it_sends_nothing_before_the_transaction_commits(db, client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(username="bob", role="reporter"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/articles/new/", {"title": "Budget", "body": TEXT})
    assert (len(callbacks), Article.objects.get().state) == (1, Article.STATE_PENDING)


@pytest.mark.worker
def test_it_extracts_claims_once_the_worker_receives_the_article(alice, client, celery_worker):
    client.post("/articles/new/", {"title": "Budget", "body": TEXT})
    article = Article.objects.get()
    wait_for(lambda: Article.objects.get(pk=article.pk).state == Article.STATE_DONE,
             timeout=120, message="the article to be processed")
    assert article.claims.exists()


@pytest.mark.worker
def test_it_keeps_the_article_pending_when_the_broker_is_down(alice, client, celery_worker):
    with use_broker(DEAD_BROKER):
        response = client.post("/articles/new/", {"title": "Budget", "body": TEXT})
    article = Article.objects.get()
    assert (response.status_code, article.state) == (302, Article.STATE_PENDING)
