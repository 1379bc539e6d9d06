"""/health/ for load balancers: database, broker and worker checks; 200 or 503 naming what failed."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from factcheck.models import WorkerHeartbeat

from .broker import queue_depths


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_broker():
    queue_depths(timeout=2.0)


def check_worker():
    if not any(w.is_online for w in WorkerHeartbeat.objects.all()):
        raise RuntimeError("no worker has reported recently")


CHECKS = {"database": check_database, "broker": check_broker, "worker": check_worker}


@never_cache
@login_not_required
def health(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:
            results[name] = f"failed: {exc}"
    failed = [name for name, result in results.items() if result != "ok"]
    return JsonResponse(
        {"status": "fail" if failed else "ok", "failed": failed, "checks": results},
        status=503 if failed else 200,
    )
