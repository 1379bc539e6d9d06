"""Which errors are worth a retry: the ones that go away by themselves."""

from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

TRANSIENT_ERRORS = (
    OperationalError,  # database restarting, connection dropped, lock timeout
    InterfaceError,
    BrokerOperationalError,
    ConnectionError,
    TimeoutError,
)
# Exponential backoff with jitter, capped.
RETRY_POLICY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 6,
}
