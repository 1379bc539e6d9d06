"""What the broker knows: queue depths, and whether it answers at all.

Everything here is bounded in time: a dead broker is reported, never waited on. kombu's defaults
retry a lost connection for a long time (Celery publishes that way on purpose); monitoring and the
health check must instead answer within a few seconds, so every connection made here has its own
connect/socket timeouts and no retry loop.
"""

import logging

from django.conf import settings
from kombu import Connection

from factcheck.celery import app

log = logging.getLogger(__name__)
QUEUES = ("nlp", "verify", settings.CELERY_TASK_DEFAULT_QUEUE)
DEFAULT_TIMEOUT = 2.0


class BrokerUnavailable(ConnectionError):
    """The broker could not be reached within the time allowed."""


def broker_url():
    # Django settings first: what an operator (or a test's override_settings) set is what we check.
    return getattr(settings, "CELERY_BROKER_URL", None) or app.conf.broker_url


def transport_name():
    """'redis', 'filesystem', 'amqp', … (the serverless broker is 'filesystem')."""
    return broker_url().split("://", 1)[0].split("+", 1)[0]


def bounded_connection(timeout=DEFAULT_TIMEOUT):
    """A fresh connection (not from Celery's pool) that gives up after `timeout` seconds."""
    options = dict(getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {})
    if transport_name().startswith("redis"):
        options.update(
            socket_connect_timeout=timeout, socket_timeout=timeout, max_retries=0,
            retry_on_timeout=False,
        )
    return Connection(
        broker_url(), connect_timeout=timeout, transport_options=options,
        heartbeat=0,
    )


def connect(conn, timeout=DEFAULT_TIMEOUT):
    """Open `conn` once, with no backoff loop; raise BrokerUnavailable on failure."""
    try:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0,
                               interval_max=0, timeout=timeout)
        return conn
    except Exception as exc:  # kombu and redis raise many connection error types
        raise BrokerUnavailable(f"broker unreachable: {exc}") from exc


def supports_broadcast(conn):
    """Celery's remote control (inspect, ping) needs fanout exchanges on the broker."""
    try:
        return "fanout" in conn.transport.implements.exchange_type and transport_name() != "filesystem"
    except Exception:
        return False


def _depth(channel, name):
    try:
        _name, count, _consumers = channel.queue_declare(queue=name, passive=True)
        return count
    except Exception:  # a queue nobody declared yet holds nothing
        return 0


def queue_depths(timeout=DEFAULT_TIMEOUT, queues=QUEUES):
    """{queue: messages waiting}; raise BrokerUnavailable if the broker cannot be reached.

    Redis: the length of each queue's list (plus its priority lists); the serverless broker: the
    message files waiting in its folder. Both through kombu's passive queue_declare.
    """
    with bounded_connection(timeout) as conn:
        connect(conn, timeout)
        try:
            channel = conn.default_channel
            return {name: _depth(channel, name) for name in queues}
        except Exception as exc:
            raise BrokerUnavailable(f"broker unreachable: {exc}") from exc


def ping(timeout=DEFAULT_TIMEOUT):
    """Raise BrokerUnavailable unless the broker answers within `timeout` seconds."""
    queue_depths(timeout=timeout, queues=(settings.CELERY_TASK_DEFAULT_QUEUE,))
