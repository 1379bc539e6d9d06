"""Celery tasks of the editorial side: thin, one call into the domain each."""

from celery import shared_task

from .webhooks import delivery, events


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id):
    """One attempt at a webhook delivery; the next one later (backoff) while it may retry."""
    wait = delivery.deliver(delivery_id)
    if wait is not None:
        raise self.retry(countdown=wait)


@shared_task
def sweep_webhooks():
    """Send again the webhook deliveries whose task never ran (broker down, task lost)."""
    return delivery.send_overdue()


@shared_task
def announce_pipeline_events():
    """article.done and claim.created for the webhooks subscribed to them."""
    return events.announce_pipeline_events()
