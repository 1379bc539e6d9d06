"""Fairness in process: a big article's verifications are sent a window at a time, the next
batch when one finishes (the claims cap is nlp.extract's: test_claim_cap.py)."""

import pytest

from factcheck.models import Verification
from factcheck.pipeline import dispatch, pacing, recovery
from factcheck.pipeline.extraction import store_claims
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SENTENCES = [f"Le conseil de Valmont-{n} a voté un budget de {n + 10} millions d’euros."
             for n in range(6)]
BODY = "\n".join(SENTENCES)


def extracted():
    items = []
    for sentence in SENTENCES:
        start = BODY.index(sentence)
        items.append({"text": sentence, "sentence": sentence, "start": start,
                      "end": start + len(sentence), "score": 0.5, "claim_type": "event",
                      "modality": "asserted", "quoted": False, "speaker": "", "entities": [],
                      "language": "fr"})
    return items


@pytest.fixture
def sent(monkeypatch):
    """Verification ids handed to the broker, as each task would carry them."""
    batches = []
    monkeypatch.setattr(dispatch, "_send", lambda name, args, kwargs=None: batches.append(args[0]))
    return batches


@pytest.fixture
def small_window(settings):
    """Batches of 2 verifications, 2 batches per article, one verifier: a window of 4 claims."""
    settings.FACTCHECK_VERIFY_BATCH_SIZE = 2
    settings.FACTCHECK_VERIFY_BATCHES_PER_ARTICLE = 2
    settings.FACTCHECK_ENABLED_VERIFIERS = ["wording"]
    return settings


def big_article(django_capture_on_commit_callbacks):
    article = ArticleFactory(body=BODY, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        store_claims(article.pk, article.content_hash, extracted())
    return article


def sent_ids(batches):
    return [pk for batch in batches for pk in batch]


def test_it_sends_only_a_window_of_a_big_articles_verifications(small_window, sent, django_capture_on_commit_callbacks):
    big_article(django_capture_on_commit_callbacks)
    assert (len(sent_ids(sent)), Verification.objects.count()) == (4, 6)


def test_it_sends_the_next_batch_of_an_article_when_one_is_done(small_window, sent, django_capture_on_commit_callbacks):
    big_article(django_capture_on_commit_callbacks)
    first = sent[0]
    Verification.succeeded(first)
    with django_capture_on_commit_callbacks(execute=True):
        pacing.after_batch(first)
    assert len(set(sent_ids(sent))) == 6


def test_it_keeps_an_article_within_its_window_when_topped_up_twice(small_window, sent, django_capture_on_commit_callbacks):
    big_article(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        pacing.after_batch(sent[0])
        pacing.after_batch(sent[0])
    assert len(sent_ids(sent)) == 4


def test_it_sends_the_rest_of_an_article_whose_finishing_worker_died(small_window, sent, django_capture_on_commit_callbacks):
    big_article(django_capture_on_commit_callbacks)
    Verification.succeeded(sent_ids(sent))  # done, but nobody sent the next batch
    with django_capture_on_commit_callbacks(execute=True):
        recovery.recover()
    assert len(set(sent_ids(sent))) == 6


def test_it_sends_every_verification_of_an_article_within_its_window(settings, sent, django_capture_on_commit_callbacks):
    settings.FACTCHECK_ENABLED_VERIFIERS = ["wording"]
    big_article(django_capture_on_commit_callbacks)
    assert len(sent_ids(sent)) == 6
