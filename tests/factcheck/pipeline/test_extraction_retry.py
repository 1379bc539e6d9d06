"""An extraction whose attempt met a transient error is finished by its retry, not left for the
sweeper (the retry used to find the article EXTRACTING and skip it as a duplicate)."""

from django.db import OperationalError

from factcheck.pipeline import fanout
from factcheck.models import Article, Verification
from factcheck.tasks.extraction import extract_article
from tests.factories import ArticleFactory

BODY = ("Le conseil municipal de Brest a voté mardi un budget de 48 millions d'euros "
        "pour la rénovation du port, selon le maire.")


def test_it_finishes_an_extraction_whose_first_attempt_hit_a_deadlock(db, monkeypatch):
    article = ArticleFactory(body=BODY, language="fr", state=Article.STATE_QUEUED)
    real, calls = fanout.fan_out, []

    def deadlocked_once(article, force=False, also=()):
        calls.append(article.pk)
        if len(calls) == 1:
            raise OperationalError("deadlock detected")
        return real(article, force=force, also=also)

    monkeypatch.setattr(fanout, "fan_out", deadlocked_once)
    extract_article.apply(args=[article.pk])  # eager: the retry runs at once
    article.refresh_from_db()
    assert (len(calls), article.state) == (2, Article.STATE_VERIFYING)
    assert Verification.objects.filter(claim__article=article).exists()
