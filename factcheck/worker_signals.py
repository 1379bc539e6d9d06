"""Worker presence written to the database, so monitoring works with any broker (even the
serverless one, which cannot answer Celery's broadcast inspect)."""

import logging
import os
import sys
import threading

from celery import signals
from django.db import close_old_connections, connection
from django.utils import timezone

log = logging.getLogger(__name__)
_stop = threading.Event()


def _beat(sender):
    from factcheck.models import WorkerHeartbeat

    queues = sorted(q.name for q in sender.app.amqp.queues.consume_from.values())
    started = timezone.now()
    while not _stop.is_set():
        try:
            close_old_connections()
            WorkerHeartbeat.objects.update_or_create(
                hostname=sender.hostname,
                defaults={
                    "pid": os.getpid(),
                    "queues": queues,
                    "concurrency": sender.controller.concurrency or 0,
                    "started_at": started,
                    "last_seen": timezone.now(),
                },
            )
        except Exception:  # the database may be restarting: try again next beat
            log.warning("worker heartbeat not written", exc_info=True)
        finally:
            connection.close()
        _stop.wait(WorkerHeartbeat.BEAT_EVERY.total_seconds())


# Threads numpy's BLAS may start: each variable is read once, when its library loads.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@signals.worker_init.connect
def single_threaded_blas(**kwargs):
    """Pool processes (as many as cores) compute on one thread each. Left alone, OpenBLAS starts
    a thread per core in every pool process when spaCy loads numpy, and those threads spin
    waiting for work on the cores the other pool processes and PostgreSQL need (up to 7% more
    worker CPU in the pipeline benchmark, none at quieter times). Set in the worker's main
    process before any pool process is forked (numpy loads later, with the model, in each of
    them); an operator's own values are kept."""
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    if "numpy" in sys.modules:
        log.warning("numpy was loaded before the worker started: its BLAS thread count is "
                    "already set (%s)", ", ".join(BLAS_THREAD_VARIABLES))


@signals.worker_process_init.connect
def relax_pool_commits(**kwargs):
    """Pool processes write only pipeline data: their connections commit asynchronously."""
    from django.db.backends.signals import connection_created

    from factcheck.pipeline.sql import sessions_without_flush

    connection_created.connect(sessions_without_flush, dispatch_uid="factcheck-relaxed-session")


@signals.worker_process_init.connect
def prepare_pool_statements(**kwargs):
    """Pool processes bind parameters on the server and prepare what they run twice (psycopg
    keeps the last 100 statements prepared per connection). Set before their first connection:
    Celery drops the connections a pool process inherits."""
    from django.conf import settings
    from django.db import connections

    if not settings.FACTCHECK_WORKER_PREPARED_STATEMENTS:
        return
    for conn in connections.all():
        if conn.vendor == "postgresql":
            conn.settings_dict.setdefault("OPTIONS", {}).update(
                server_side_binding=True, prepare_threshold=1)


@signals.task_prerun.connect
@signals.task_postrun.connect
def recycle_connections(sender=None, **kwargs):
    """What Django does around a request: drop a connection that is too old (CONN_MAX_AGE) or
    broken (an error, a database restart), keep a good one for the next task. Not for a task
    run eagerly (apply()): it runs inside its caller's transaction and connection."""
    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    close_old_connections()


@signals.worker_ready.connect
def start_heartbeat(sender, **kwargs):
    _stop.clear()
    threading.Thread(target=_beat, args=(sender,), name="factcheck-heartbeat", daemon=True).start()


@signals.worker_shutdown.connect
def stop_heartbeat(sender, **kwargs):
    from factcheck.models import WorkerHeartbeat

    _stop.set()
    try:
        WorkerHeartbeat.objects.filter(hostname=sender.hostname).delete()
    except Exception:
        log.warning("worker heartbeat not removed", exc_info=True)
