"""Which errors are worth a retry (the ones that go away by themselves), and how long to wait."""

import random

from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

TRANSIENT_ERRORS = (
    OperationalError,  # database restarting, connection dropped, lock timeout, deadlock
    InterfaceError,
    BrokerOperationalError,
    ConnectionError,
    TimeoutError,
)
# Exponential backoff with jitter, capped: Celery's autoretry options of the tasks.
RETRY_BACKOFF_SECONDS = 2
RETRY_BACKOFF_MAX_SECONDS = 120
MAX_RETRIES = 6
RETRY_POLICY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": RETRY_BACKOFF_SECONDS,
    "retry_backoff_max": RETRY_BACKOFF_MAX_SECONDS,
    "retry_jitter": True,
    "max_retries": MAX_RETRIES,
}


def backoff(retries):
    """Seconds before retry number `retries` + 1: exponential with full jitter, capped (the
    same policy as RETRY_POLICY, for a task that retries by hand)."""
    ceiling = min(RETRY_BACKOFF_MAX_SECONDS, RETRY_BACKOFF_SECONDS * 2 ** retries)
    return random.uniform(0, ceiling)
