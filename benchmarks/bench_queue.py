"""Review queue speed on 100k claims: server time per page (p50/p95) and SQL queries per page.

Runs on its own PostgreSQL database (fc_bench_queue, created, migrated and dropped here) on the
server DATABASE_URL points to, so it never touches the desk's or the tests' data.
"""

import os
import statistics
import time

BENCH_DB = os.environ.get("BENCH_QUEUE_DB", "fc_bench_queue")
CLAIMS = int(os.environ.get("BENCH_QUEUE_CLAIMS", "100000"))
GOAL_P95_MS = 100
GOAL_QUERIES = 12


def _admin_connection(settings_dict):
    import psycopg

    return psycopg.connect(
        dbname="postgres", user=settings_dict.get("USER") or "postgres",
        password=settings_dict.get("PASSWORD") or None, host=settings_dict.get("HOST") or "127.0.0.1",
        port=settings_dict.get("PORT") or 5432, autocommit=True,
    )


def _recreate(settings_dict, create=True):
    with _admin_connection(settings_dict) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def _percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.test")
    django.setup()
    from django.conf import settings
    from django.db import connection, connections

    settings_dict = settings.DATABASES["default"]
    if not settings_dict["ENGINE"].endswith("postgresql"):
        return [{"name": "queue page p95", "value": None, "unit": "ms", "baseline": None,
                 "ratio": None, "goal": "needs DATABASE_URL=postgres://…"}]
    connections.close_all()
    _recreate(settings_dict)
    settings_dict["NAME"] = BENCH_DB
    connection.settings_dict["NAME"] = BENCH_DB
    try:
        return _measure()
    finally:
        connections.close_all()
        _recreate(settings_dict, create=False)


def _measure():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.conf import settings
    from django.test.utils import CaptureQueriesContext

    from factcheck.models import Claim, Source

    # Not setup_test_environment(): its instrumented template rendering would be measured too.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("generate_claims", str(CLAIMS), stdout=open(os.devnull, "w"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    setup_seconds = time.monotonic() - started

    User = get_user_model()
    checker = User.objects.create_user("bench-checker", password="x")
    checker.groups.add(Group.objects.get(name="checker"))
    chief = User.objects.create_user("bench-chief", password="x")
    chief.groups.add(Group.objects.get(name="chief"))
    mine = list(Claim.objects.filter(status="new").values_list("pk", flat=True)[:300])
    Claim.objects.filter(pk__in=mine).update(assignee=checker)
    outlet = Source.objects.order_by("pk").first().pk
    deep = Claim.objects.needing_decision().order_by("-priority", "-id").values_list("priority", "id")[5000]

    filters = [
        {}, {"mine": "on"}, {"contradiction": "on"}, {"language": "fr"}, {"modality": "hedged"},
        {"status": "in_review"}, {"outlet": outlet}, {"q": "bridge"}, {"size": 100},
        {"since": "2000-01-01", "until": "2100-01-01"}, {"after": f"{deep[0]!r}:{deep[1]}"},
        {"outlet": outlet, "language": "en", "contradiction": "on"}, {"q": "chômage", "modality": "hedged"},
    ]
    timings, queries = {"checker": [], "chief": []}, []
    for who, user in (("checker", checker), ("chief", chief)):
        client = Client()
        client.force_login(user)
        client.get("/review/")  # warm up connection, session and templates
        for i in range(50 if who == "checker" else 13):
            params = filters[i % len(filters)]
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get("/review/", params)
                elapsed = (time.perf_counter() - t0) * 1000
            assert response.status_code == 200, response.status_code
            timings[who].append(elapsed)
            queries.append(len(captured))

    # Baseline for deep pages: the same queue read with OFFSET instead of the keyset cursor.
    from editorial.views.queue import queue_page, queue_queryset

    def page_time(fn, repeat=5):
        samples = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            list(fn())
            samples.append((time.perf_counter() - t0) * 1000)
        return statistics.median(samples)

    offset_ms = page_time(lambda: queue_queryset(checker, {})[5000:5050])
    keyset_ms = page_time(lambda: queue_page(checker, {}, deep, 50)[0])

    # A search that matches nothing reads every open claim (no trigram index on claim text).
    client = Client()
    client.force_login(checker)
    no_match = []
    for _ in range(5):
        t0 = time.perf_counter()
        client.get("/review/", {"q": "zzzqqq"})
        no_match.append((time.perf_counter() - t0) * 1000)

    all_times = timings["checker"] + timings["chief"]
    p50, p95 = statistics.median(all_times), _percentile(all_times, 95)
    return [
        {"name": f"queue page p50 ({CLAIMS // 1000}k claims)", "value": p50, "unit": "ms",
         "baseline": None, "ratio": None, "goal": ""},
        {"name": f"queue page p95 ({CLAIMS // 1000}k claims)", "value": p95, "unit": "ms",
         "baseline": None, "ratio": None, "goal": f"< {GOAL_P95_MS} ms " + ("✓" if p95 < GOAL_P95_MS else "✗")},
        {"name": "queue page p95, chief (bulk form)", "value": _percentile(timings["chief"], 95),
         "unit": "ms", "baseline": None, "ratio": None, "goal": ""},
        {"name": "SQL queries per queue page (max)", "value": max(queries), "unit": "queries",
         "baseline": min(queries), "ratio": None,
         "goal": f"≤ {GOAL_QUERIES} " + ("✓" if max(queries) <= GOAL_QUERIES else "✗")},
        {"name": "search matching nothing (full scan)", "value": statistics.median(no_match),
         "unit": "ms", "baseline": None, "ratio": None, "goal": "needs a pg_trgm index"},
        {"name": "page 101 query: keyset vs OFFSET", "value": keyset_ms, "unit": "ms",
         "baseline": offset_ms, "ratio": offset_ms / keyset_ms if keyset_ms else None,
         "goal": "keyset faster"},
        {"name": "setup: migrate + generate_claims", "value": setup_seconds, "unit": "s",
         "baseline": None, "ratio": None, "goal": ""},
    ]
