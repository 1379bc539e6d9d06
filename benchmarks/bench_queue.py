"""Review queue speed on 100k claims: server time per page (p50/p95) and SQL queries per page.

Runs on its own PostgreSQL database (fc_bench_queue, created, migrated and dropped here) on the
server DATABASE_URL points to, so it never touches the desk's or the tests' data.

Wall-clock times follow the machine's load (a shared 2-core box); the CPU time of the request's
thread (time.thread_time: Python work, not time spent waiting for PostgreSQL or for a core) moves
much less, so both are reported. Baselines are measured in the same run: the search as it was
compiled before (icontains, titles in a subquery per status) and, at the end, the search with the
trigram indexes proposed for factcheck (claim.speaker, article.title; created only in this
throw-away database — they are not in factcheck's migrations).
"""

import os
import statistics
import sys
import time

from benchmarks.support import missing_services, recreate_database

BENCH_DB = os.environ.get("BENCH_QUEUE_DB", "fc_bench_queue")
CLAIMS = int(os.environ.get("BENCH_QUEUE_CLAIMS", "100000"))
GOAL_P95_MS = 100
GOAL_QUERIES = 12


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
    missing = missing_services("queue page p95", "ms")
    if missing:
        return missing
    connections.close_all()
    recreate_database(settings_dict, BENCH_DB)
    settings_dict["NAME"] = BENCH_DB
    connection.settings_dict["NAME"] = BENCH_DB
    try:
        return _measure()
    finally:
        connections.close_all()
        recreate_database(settings_dict, BENCH_DB, create=False)


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
        {"sort": "score"}, {"sort": "age"}, {"sort": "outlet"}, {"q": "chomage ministre"},
        {"q": "senat"}, {"q": "bridge", "page": "3"},
    ]
    load_before = os.getloadavg()[0]
    timings, cpu, queries, per_filter = {"checker": [], "chief": []}, [], [], {}
    for who, user in (("checker", checker), ("chief", chief)):
        client = Client()
        client.force_login(user)
        client.get("/review/")  # warm up connection, session and templates
        for i in range(2 * len(filters) if who == "checker" else len(filters)):
            params = filters[i % len(filters)]
            with CaptureQueriesContext(connection) as captured:
                t0, c0 = time.perf_counter(), time.thread_time()
                response = client.get("/review/", params)
                elapsed = (time.perf_counter() - t0) * 1000
                cpu.append((time.thread_time() - c0) * 1000)
            assert response.status_code == 200, response.status_code
            timings[who].append(elapsed)
            per_filter.setdefault(str(params), []).append(elapsed)
            queries.append(len(captured))

    slowest = sorted(per_filter.items(), key=lambda item: -statistics.median(item[1]))[:5]
    print("  slowest queue pages (median ms): " + "; ".join(
        f"{name} {statistics.median(times):.0f}" for name, times in slowest), file=sys.stderr)

    # Baseline for deep pages: the same queue read with OFFSET instead of the keyset cursor.
    from editorial.queue import queue_ids, queue_page, queue_queryset

    def page_time(fn, repeat=5):
        samples = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            list(fn())
            samples.append((time.perf_counter() - t0) * 1000)
        return statistics.median(samples)

    offset_ms = page_time(lambda: queue_queryset(checker, {})[5000:5050])
    keyset_ms = page_time(lambda: queue_page(checker, {}, deep, 50)[0])

    # Searches: the ids query as compiled now against the same filters compiled as before
    # (Django's icontains: UPPER(col) LIKE UPPER(…), which no trigram index serves, and the
    # titles matched in a subquery, i.e. once per status branch).
    from django.db.models import Q

    from factcheck.models import Article

    def legacy_ids(q, **extra):
        titles = Article.objects.filter(title__icontains=q).values("pk")
        search = Q(text__icontains=q) | Q(speaker__icontains=q) | Q(article_id__in=titles)
        branches = [
            Claim.objects.filter(is_current=True, status=status, **extra).filter(search)
            .order_by("-priority", "-id").values_list("id", "priority")[:51]
            for status in Claim.OPEN_STATUSES
        ]
        return branches[0].union(*branches[1:], all=True).order_by("-priority", "-id")[:51]

    def current_ids(q, **extra):
        return queue_ids(checker, {"q": q, **extra}, None, 50)[0]

    searches = {}
    for label, q, extra in (("common term", "bridge", {}), ("rare title", "article 1234", {}),
                            ("no match", "zzzqqq", {}), ("outlet and term", "bench outlet 3 bridge", {})):
        searches[label] = (page_time(lambda: current_ids(q, **extra), 3),
                           page_time(lambda: legacy_ids(q, **extra), 3))

    def no_match_page():
        client = Client()
        client.force_login(checker)
        samples = []
        for _ in range(5):
            t0 = time.perf_counter()
            client.get("/review/", {"q": "zzzqqq"})
            samples.append((time.perf_counter() - t0) * 1000)
        return statistics.median(samples)

    no_match = no_match_page()
    load_after = os.getloadavg()[0]

    all_times = timings["checker"] + timings["chief"]
    p50, p95 = statistics.median(all_times), _percentile(all_times, 95)

    def row(name, value, unit, baseline=None, goal="", ratio=True):
        ratio = baseline / value if ratio and baseline is not None and value else None
        return {"name": name, "value": value, "unit": unit, "baseline": baseline, "ratio": ratio,
                "goal": goal}

    return [
        row(f"queue page p50 ({CLAIMS // 1000}k claims)", p50, "ms"),
        row(f"queue page p95 ({CLAIMS // 1000}k claims)", p95, "ms",
            goal=f"< {GOAL_P95_MS} ms " + ("✓" if p95 < GOAL_P95_MS else "✗")),
        row("queue page p95, chief (bulk form)", _percentile(timings["chief"], 95), "ms"),
        row("queue page CPU time p50 (Python)", statistics.median(cpu), "ms"),
        row("queue page CPU time p95 (Python)", _percentile(cpu, 95), "ms"),
        row("SQL queries per queue page (max; min)", max(queries), "queries", min(queries),
            f"≤ {GOAL_QUERIES} " + ("✓" if max(queries) <= GOAL_QUERIES else "✗"), ratio=False),
        row("search ids, common term: now vs before", searches["common term"][0], "ms",
            searches["common term"][1], "ratio = before / now"),
        row("search ids, rare title: now vs before", searches["rare title"][0], "ms",
            searches["rare title"][1]),
        row("search ids, no match: now vs before", searches["no match"][0], "ms",
            searches["no match"][1]),
        # Four words, two of them in every title or outlet name: the claims of every article are
        # candidates (the search before this looked for the words as one phrase: no baseline).
        row("search ids, outlet name and a term", searches["outlet and term"][0], "ms", ratio=False),
        # Served by the full-text indexes on the search table and article titles (editorial 0009).
        row("search page, no match", no_match, "ms", None, f"< {GOAL_P95_MS} ms"),
        row("page 101 query: keyset vs OFFSET", keyset_ms, "ms", offset_ms, "keyset faster"),
        row("load average (1 min) before; after", load_before, "", load_after, ratio=False),
        row("setup: migrate + generate_claims", setup_seconds, "s"),
    ]
