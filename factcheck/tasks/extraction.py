"""Extraction task (queue `nlp`, where the spaCy model is loaded once per worker process)."""

from celery import shared_task

from factcheck.pipeline import extraction
from factcheck.pipeline.errors import RETRY_POLICY


@shared_task(bind=True, **RETRY_POLICY)
def extract_article(self, article_id, force=False):
    """Extract, store and fan out. `force` re-extracts an unchanged text (an editor's re-run)."""
    return extraction.extract_article(article_id, force=force,
                                      retrying=bool(self.request.retries))
