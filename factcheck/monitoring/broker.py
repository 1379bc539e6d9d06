"""What the broker knows: queue depths. Bounded in time: a dead broker is reported, not waited on."""

import logging

from django.conf import settings

from factcheck.celery import app

log = logging.getLogger(__name__)
QUEUES = ("nlp", "verify", settings.CELERY_TASK_DEFAULT_QUEUE)


def queue_depths(timeout=2.0):
    """{queue: message count}, or raise ConnectionError if the broker cannot be reached."""
    try:
        with app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            channel = conn.default_channel
            depths = {}
            for name in QUEUES:
                try:
                    _name, count, _consumers = channel.queue_declare(queue=name, passive=True)
                except Exception:  # a queue nobody declared yet holds nothing
                    count = 0
                depths[name] = count
            return depths
    except Exception as exc:
        raise ConnectionError(f"broker unreachable: {exc}") from exc
