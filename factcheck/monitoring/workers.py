"""Which workers are online, what they consume and what they are doing.

Two sources, combined:
- WorkerHeartbeat rows, written every 10 s by each worker (factcheck.worker_signals): works with
  every broker, including the serverless one that cannot answer broadcasts;
- Celery's remote inspect, when the broker supports broadcasts (Redis, RabbitMQ), with a short
  timeout: a worker that answers is online whatever its heartbeat says, and its reply lists the
  tasks it is running right now.

A worker that stopped cleanly deletes its heartbeat row; so that the page still says "offline"
rather than letting it vanish, the workers seen recently are remembered in the cache for a day.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone
from django_celery_results.models import TaskResult

from factcheck.celery import app
from factcheck.models import WorkerHeartbeat

from . import broker

log = logging.getLogger(__name__)
INSPECT_TIMEOUT = 1.0
KNOWN_KEY = "factcheck:monitoring:known-workers"
REMEMBER_FOR = timedelta(days=1)


@dataclass
class RunningTask:
    id: str
    name: str
    args: object = ""  # a list (inspect) or the result backend's text
    started: datetime | None = None

    @property
    def args_display(self):
        from .stats import display_args

        return display_args(self.args)

    @property
    def short_name(self):
        return self.name.rsplit(".", 1)[-1]

    @property
    def running_for(self):
        return timezone.now() - self.started if self.started else None


@dataclass
class Worker:
    hostname: str
    online: bool
    queues: list = field(default_factory=list)
    concurrency: int = 0
    last_seen: datetime | None = None
    started_at: datetime | None = None
    answered_inspect: bool = False
    tasks: list = field(default_factory=list)

    @property
    def busy(self):
        return len(self.tasks)


@dataclass
class WorkerReport:
    workers: list
    inspect_available: bool
    inspect_error: str = ""

    @property
    def online(self):
        return [w for w in self.workers if w.online]

    @property
    def offline(self):
        return [w for w in self.workers if not w.online]


def inspect_active(timeout=INSPECT_TIMEOUT, expected=None):
    """{hostname: [task info]} from the workers that answer within `timeout`.

    Returns None when the broker cannot broadcast (serverless broker) or cannot be reached.
    `expected`: stop waiting as soon as that many workers answered.
    """
    with broker.bounded_connection(timeout) as conn:
        broker.connect(conn, timeout)
        if not broker.supports_broadcast(conn):
            return None
        inspector = app.control.inspect(timeout=timeout, connection=conn, limit=expected or None)
        return inspector.active() or {}


def _started_at(value):
    if not value:
        return None
    try:
        return datetime.fromtimestamp(float(value), tz=timezone.get_current_timezone())
    except (TypeError, ValueError, OverflowError):
        return None


def _tasks_from_inspect(replies):
    return [
        RunningTask(
            id=t.get("id", ""), name=t.get("name") or t.get("type", ""),
            args=t.get("args") or [], started=_started_at(t.get("time_start")),
        )
        for t in replies
    ]


def _tasks_from_results(hostnames):
    """Tasks marked STARTED by the result backend (task_track_started), by worker."""
    by_worker = {}
    rows = TaskResult.objects.filter(status="STARTED", worker__in=hostnames).only(
        "task_id", "task_name", "task_args", "worker", "date_started", "date_created"
    )
    for row in rows[:500]:
        by_worker.setdefault(row.worker, []).append(
            RunningTask(id=row.task_id, name=row.task_name or "", args=row.task_args or "",
                        started=row.date_started or row.date_created)
        )
    return by_worker


def _remember(workers):
    now = timezone.now()
    known = cache.get(KNOWN_KEY) or {}
    for w in workers:
        if w.online:
            known[w.hostname] = {"queues": w.queues, "concurrency": w.concurrency,
                                 "last_seen": (w.last_seen or now).isoformat()}
    known = {
        host: info for host, info in known.items()
        if now - datetime.fromisoformat(info["last_seen"]) < REMEMBER_FOR
    }
    cache.set(KNOWN_KEY, known, int(REMEMBER_FOR.total_seconds()))
    return known


def forget(hostname=None):
    """Drop remembered workers (all when hostname is None)."""
    if hostname is None:
        cache.delete(KNOWN_KEY)
        return
    known = cache.get(KNOWN_KEY) or {}
    known.pop(hostname, None)
    cache.set(KNOWN_KEY, known, int(REMEMBER_FOR.total_seconds()))


def worker_report(broker_ok=True, timeout=INSPECT_TIMEOUT):
    """Every worker we know of, online or not. Never blocks longer than about `timeout`."""
    workers = {}
    for hb in WorkerHeartbeat.objects.all():
        workers[hb.hostname] = Worker(
            hostname=hb.hostname, online=hb.is_online, queues=list(hb.queues or []),
            concurrency=hb.concurrency, last_seen=hb.last_seen, started_at=hb.started_at,
        )
    replies, inspect_error = None, ""
    if broker_ok:
        expected = sum(1 for w in workers.values() if w.online) or None
        try:
            replies = inspect_active(timeout=timeout, expected=expected)
        except Exception as exc:  # a slow or dead broker only costs us the live view
            inspect_error = str(exc)
            log.info("worker inspect failed: %s", exc)
    inspect_available = replies is not None
    for hostname, tasks in (replies or {}).items():
        worker = workers.setdefault(hostname, Worker(hostname=hostname, online=True))
        worker.online = True
        worker.answered_inspect = True
        worker.last_seen = timezone.now()
        worker.tasks = _tasks_from_inspect(tasks)
    missing = [w.hostname for w in workers.values() if w.online and not w.answered_inspect]
    if missing:
        for hostname, tasks in _tasks_from_results(missing).items():
            workers[hostname].tasks = tasks
    known = _remember(workers.values())
    gone = [host for host in known if host not in workers]
    # The last task a gone worker finished says when it was last alive, if later than our memory.
    last_done = dict(
        TaskResult.objects.filter(worker__in=gone).values_list("worker")
        .annotate(last=Max("date_done")).order_by()
    ) if gone else {}
    for hostname in gone:
        info = known[hostname]
        seen = datetime.fromisoformat(info["last_seen"])
        if last_done.get(hostname) and last_done[hostname] > seen:
            seen = last_done[hostname]
        workers[hostname] = Worker(
            hostname=hostname, online=False, queues=info.get("queues", []),
            concurrency=info.get("concurrency", 0), last_seen=seen,
        )
    ordered = sorted(workers.values(), key=lambda w: (not w.online, w.hostname))
    return WorkerReport(ordered, inspect_available=inspect_available, inspect_error=inspect_error)
