"""Extraction: article text → stored claims. Runs on the `nlp` queue, where the spaCy model is
loaded once per worker process."""

import logging

from celery import shared_task
from django.db import transaction

from factcheck.models import Article, Claim, GazetteerEntry

from .errors import RETRY_POLICY, TRANSIENT_ERRORS
from .verification import start_verification

log = logging.getLogger(__name__)


@shared_task(bind=True, **RETRY_POLICY)
def extract_article(self, article_id):
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        log.info("article %s is gone, nothing to extract", article_id)
        return None
    if article.extracted_hash == article.content_hash and article.state == Article.STATE_DONE:
        return {"article": article_id, "skipped": "already extracted"}
    Article.objects.filter(pk=article_id).update(attempts=article.attempts + 1)
    article.set_state(Article.STATE_EXTRACTING)
    try:
        from factcheck import nlp  # imported here: the web process never needs spaCy

        extracted = next(
            nlp.extract(
                [article.body],
                lang=article.language or None,
                gazetteer=GazetteerEntry.active_entries(),
            )
        )
        created, updated, retired = store_claims(article_id, article.content_hash, extracted)
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:
        log.exception("extraction failed for article %s", article_id)
        article.set_state(Article.STATE_FAILED, error=f"{type(exc).__name__}: {exc}")
        return {"article": article_id, "failed": str(exc)}
    start_verification(article_id)
    return {"article": article_id, "created": created, "updated": updated, "retired": retired}


def store_claims(article_id, body_hash, extracted):
    """Store claims under a lock on the article row, so two runs at once give one result."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.content_hash != body_hash:
            # Edited while we were extracting: the edit enqueued its own extraction.
            return 0, 0, 0
        counts = Claim.objects.sync_for_article(article, extracted)
        language = article.language or (extracted[0].get("language", "") if extracted else "")
        Article.objects.filter(pk=article_id).update(
            extracted_hash=body_hash, language=language
        )
    return counts
