"""Ingesting tasks (queue `celery`): a desk upload read row by row."""

from celery import shared_task

from factcheck import bulk


@shared_task
def run_bulk_import(import_id):
    """Read a bulk file uploaded on the desk; a second run finds it done and does nothing."""
    return bulk.run_import(import_id)
