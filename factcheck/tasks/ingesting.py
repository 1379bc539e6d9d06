"""Ingesting tasks (queue `celery`): a desk upload read row by row, the feeds polled."""

from celery import shared_task

from factcheck import bulk, feeds


@shared_task
def run_bulk_import(import_id):
    """Read a bulk file uploaded on the desk; a second run finds it done and does nothing."""
    return bulk.run_import(import_id)


@shared_task
def poll_feeds():
    """Beat, every minute: read the feeds that are due and take their new entries."""
    return feeds.poll_due()


@shared_task
def resume_bulk_imports():
    """Beat: send again the uploads whose reading was lost."""
    return bulk.resume_stale()
