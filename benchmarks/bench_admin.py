"""Admin list pages on 100k claims: server time of the article, claim, evidence and verdict lists.

Runs on its own PostgreSQL database (fc_bench_admin, created, migrated and dropped here). A tenth
of the articles get long bodies (BENCH_ADMIN_BODY_KB, default 40 KB: a long read), and one is a
790 KB text of 13,000 claims, since the article list once grouped its claim counts by every
column, the body included, and the claim list read each row's article text. The baseline,
measured in the same run, is the article list page with its queryset as it was (Count("claims")
on every column, the body read).

Set BENCH_ADMIN_DB to an already filled database (e.g. by `generate_claims 100000`) to measure
it as it is: it is then neither filled nor dropped.
"""

import os
import statistics
import time

from benchmarks.support import missing_services, recreate_database

CLAIMS = int(os.environ.get("BENCH_ADMIN_CLAIMS", "100000"))
BODY_KB = int(os.environ.get("BENCH_ADMIN_BODY_KB", "40"))
GOAL_MS = 1000
PAGES = [
    ("article list", "/admin/factcheck/article/"),
    ("article list sorted by claims", "/admin/factcheck/article/?o=5"),
    ("claim list", "/admin/factcheck/claim/"),
    ("claim list, filtered", "/admin/factcheck/claim/?status__exact=new&language__exact=fr"),
    ("claim list, search", "/admin/factcheck/claim/?q=bridge"),
    ("evidence list", "/admin/factcheck/evidence/"),
    ("verdict list", "/admin/editorial/verdict/"),
    ("audit log", "/admin/editorial/auditlogentry/"),
]


def run():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.test")
    django.setup()
    from django.conf import settings
    from django.db import connection, connections

    settings_dict = settings.DATABASES["default"]
    missing = missing_services("admin lists", "ms")
    if missing:
        return missing
    existing = os.environ.get("BENCH_ADMIN_DB")
    name = existing or "fc_bench_admin"
    connections.close_all()
    if not existing:
        recreate_database(settings_dict, name)
    settings_dict["NAME"] = name
    connection.settings_dict["NAME"] = name
    try:
        return _measure(fill=not existing)
    finally:
        connections.close_all()
        if not existing:
            recreate_database(settings_dict, name, create=False)


def _median_ms(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _fill():
    from django.core.management import call_command
    from django.db import connection

    from factcheck.models import Article

    call_command("migrate", verbosity=0, interactive=False)
    call_command("generate_claims", str(CLAIMS), stdout=open(os.devnull, "w"))
    long_ones = list(Article.objects.order_by("pk").values_list("pk", flat=True)[::10])
    with connection.cursor() as cursor:
        # Same claims, longer text after them: the spans stay valid.
        cursor.execute(
            "UPDATE factcheck_article SET body = body || repeat(%s, %s) WHERE id = ANY(%s)",
            ["\nLe conseil municipal a débattu longuement du budget. ", BODY_KB * 1024 // 55,
             long_ones],
        )
    _big_article()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _big_article(claims=13_000, size=790 * 1024):
    from factcheck.models import Article, Claim
    from factcheck.models.claim import fingerprint

    sentence = "Le maire a inauguré {n} logements neufs."
    lines = [sentence.format(n=n) for n in range(claims)]
    body = "\n".join(lines)
    body += "\n" + "x" * max(0, size - len(body))
    article = Article.objects.create(title="A very long article", body=body, language="fr",
                                     state=Article.STATE_DONE)
    rows, pos = [], 0
    for line in lines:
        rows.append(Claim(article=article, start=pos, end=pos + len(line), sentence=line, text=line,
                          fingerprint=fingerprint(line), language="fr", score=0.9,
                          claim_type="quantity", priority=2.0))
        pos += len(line) + 1
    Claim.objects.bulk_create(rows, batch_size=2000)


def _measure(fill):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.test import Client

    from factcheck.models import Article, Claim

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if fill:
        _fill()
    root, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True})
    client = Client()
    client.force_login(root)
    claims = Claim.objects.count()

    from django.contrib import admin

    article_admin = type(admin.site._registry[Article])

    def as_before(self, request):
        # The list's queryset before: every article column in the GROUP BY, the body included.
        return (admin.ModelAdmin.get_queryset(self, request)
                .annotate(n_claims=Count("claims", filter=Q(claims__is_current=True))))

    pages = list(PAGES)
    big = Article.objects.filter(title="A very long article").values_list("pk", flat=True).first()
    if big:
        pages.append(("page of a 13,000-claim article", f"/admin/factcheck/article/{big}/change/"))
    rows = []
    for label, url in pages:
        client.get(url)  # warm up

        def page(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        value = _median_ms(page)
        row = {"name": f"admin {label}, {claims:,} claims (median of 5)", "value": round(value),
               "unit": "ms", "baseline": None, "ratio": None,
               "goal": f"< {GOAL_MS} ms {'✓' if value < GOAL_MS else '✗'}"}
        if label == "article list":
            current = article_admin.get_queryset
            article_admin.get_queryset = as_before
            try:
                before = _median_ms(page, repeat=3)
            finally:
                article_admin.get_queryset = current
            row.update(baseline=round(before), ratio=round(before / value, 1))
        rows.append(row)
    return rows
