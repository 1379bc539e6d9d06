"""/health/ for load balancers: database, broker and worker checks; 200 or 503 naming what failed.

No login. Anonymous callers get the status and the names of the failing checks; what each check
said (error text, addresses) and how long it took is for monitoring staff. Bounded in time: the broker check gives up after BROKER_TIMEOUT seconds with no retry
loop, so a stopped Redis answers 503 within a few seconds instead of hanging the probe.
"""

import time

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from factcheck.models import WorkerHeartbeat

from . import broker

BROKER_TIMEOUT = 2.0
# Who sees each check's error text and timing (the rest of the world: names of failing checks).
PERM_DETAILS = "factcheck.view_monitoring"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_broker():
    broker.ping(timeout=BROKER_TIMEOUT)


def check_worker():
    # Heartbeats live in the database: this works with every broker, and costs one query.
    fresh = [w for w in WorkerHeartbeat.objects.all() if w.is_online]
    if not fresh:
        raise RuntimeError("no worker has reported recently")


CHECKS = {"database": check_database, "broker": check_broker, "worker": check_worker}


def selected_checks(request):
    """All checks, or those named in ?only=database,broker (a container's liveness probe wants the
    web process and its database, not the workers)."""
    only = [name for name in request.GET.get("only", "").split(",") if name in CHECKS]
    return {name: CHECKS[name] for name in (only or CHECKS)}


@never_cache
@login_not_required
def health(request):
    results, timings = {}, {}
    for name, check in selected_checks(request).items():
        started = time.monotonic()
        try:
            check()
            results[name] = "ok"
        except Exception as exc:
            results[name] = f"failed: {exc}"
        timings[name] = round(time.monotonic() - started, 3)
    failed = [name for name, result in results.items() if result != "ok"]
    answer = {"status": "fail" if failed else "ok", "failed": failed}
    if request.user.has_perm(PERM_DETAILS):
        answer.update(checks=results, seconds=timings)
    return JsonResponse(answer, status=503 if failed else 200)
