"""End-to-end pipeline speed: N articles ingested → all verified, through a real worker.

Runs on its own PostgreSQL database (fc_bench_pipeline, created, migrated and dropped here) on
the server DATABASE_URL points to, and on Redis db 14 of the server CELERY_BROKER_URL points to,
with its own `celery worker` (concurrency 2, the machine's cores). The baseline is bare spaCy
(`factcheck.nlp.bare_pipeline`) on the same texts in this process, measured right before and
right after each run (median of three passes each). The batched run is repeated
(BENCH_PIPELINE_REPEATS, 5), each
time on a fresh database with a fresh worker, and the run with the median ratio is reported,
every ratio beside it.

Texts: articles assembled at run time from sentences of ../shared/corpus (beside the checkout) and the demo
articles (a sentence recurs in several articles, as wire copy does), nothing copied into the
project. Rows: words/s end to end (batched fan-out, the default), the same with one task per
(claim, verifier), a wire day (BENCH_PIPELINE_WIRE_ARTICLES articles from the same sentences in
BENCH_PIPELINE_WIRE_OUTLETS outlets: what grows with the copies of a story), and where the time goes: the worker's CPU, the local PostgreSQL server's CPU
(the machine is CPU-bound: wall time is about their sum over 2 cores), and the stages (NLP, DB
writes, verification, broker/queueing).

This machine is a virtual one whose host takes back part of the CPU at times (steal time, up to
a third of it in some seconds): bare spaCy's rate moved from 4,700 to 8,200 words/s within
minutes. So the baseline is measured right before and right after each run (their geometric
mean), the steal share during the runs is printed, and so is the ratio in CPU time, which
steal does not inflate: bare spaCy's CPU-seconds against the run's CPU-seconds (worker,
PostgreSQL, this process's ingest) shared by the 2 cores.
"""

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks.support import missing_services, recreate_database

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = os.environ.get("BENCH_PIPELINE_DB", "fc_bench_pipeline")
BENCH_REDIS_DB = os.environ.get("BENCH_PIPELINE_REDIS_DB", "14")
ARTICLES = int(os.environ.get("BENCH_PIPELINE_ARTICLES", "24"))
# One task per (claim, verifier) is measured on fewer articles: it is the slow variant.
ARTICLES_UNBATCHED = int(os.environ.get("BENCH_PIPELINE_ARTICLES_UNBATCHED", "8"))
# The batched run is repeated (fresh database and worker each time): the host's noise moves a
# single ratio by a tenth or more.
REPEATS = int(os.environ.get("BENCH_PIPELINE_REPEATS", "5"))
# A wire day: many articles built from the same sentences, spread over many outlets (a wire
# story taken up everywhere), once; 0 skips it. Each sentence comes back in about
# WIRE_ARTICLES * 12 / 66 articles: what grows with the number of copies shows here.
WIRE_ARTICLES = int(os.environ.get("BENCH_PIPELINE_WIRE_ARTICLES", "240"))
WIRE_OUTLETS = int(os.environ.get("BENCH_PIPELINE_WIRE_OUTLETS", "40"))
SENTENCES_PER_ARTICLE = 12
CORPUS = ROOT.parent / "shared" / "corpus"  # the shared folder beside the checkout
GOAL = 0.5
# The pool's stages, as the tasks time them (the "seconds" of their results).
STAGES = ("nlp", "store", "fanout", "verify", "rollup")


def _sentences():
    from factcheck.demo import loader  # after django.setup(): it imports the models

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] if CORPUS.is_dir() else []
    texts += [a["body"] for a in loader.read("articles.json") if a["language"] == "fr"]
    pool = []
    for text in texts:
        for line in text.splitlines():
            pool += [s.strip() for s in re.split(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ý«“])", line) if len(s.split()) >= 5]
    return sorted(set(pool))


def articles(n, seed=5):
    rng = random.Random(seed)
    pool = _sentences()
    return ["\n".join(rng.sample(pool, min(SENTENCES_PER_ARTICLE, len(pool)))) for _ in range(n)]


def _words(texts):
    return sum(len(t.split()) for t in texts)


def _with_path(url, path):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


def _switch_broker(app, url):
    app.conf.broker_url = app.conf.broker_read_url = app.conf.broker_write_url = url
    app._pool = None
    app.amqp._producer_pool = None


class Worker:
    def __init__(self, db_url, broker_url, batch_size, log_path, concurrency=2, name="bench"):
        env = dict(os.environ, DATABASE_URL=db_url, CELERY_BROKER_URL=broker_url,
                   DJANGO_SETTINGS_MODULE="factcheck.settings.test",
                   FACTCHECK_VERIFY_BATCH_SIZE=str(batch_size), PYTHONUNBUFFERED="1")
        env.pop("FACTCHECK_EXTRA_VERIFIERS", None)
        from factcheck.celery import WORKER_QUEUES

        self.hostname = f"{name}-{batch_size}-{os.getpid()}@localhost"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "-Q", WORKER_QUEUES,
             "-c", str(concurrency), "-n", self.hostname, "--loglevel", "WARNING"],
            cwd=ROOT, env=env, stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
        )

    def wait_ready(self, app, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("bench worker exited at start")
            if app.control.ping(destination=[self.hostname], timeout=1.0):
                return
        raise RuntimeError("bench worker did not answer")

    def cpu_seconds(self):
        """CPU time (user + system) of the worker and its pool processes so far: a figure that
        other load on a shared machine disturbs less than wall time."""
        import psutil

        try:
            parent = psutil.Process(self.proc.pid)
            return _cpu_of([parent] + parent.children(recursive=True))
        except psutil.NoSuchProcess:
            return 0.0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _cpu_of(processes):
    """User + system CPU seconds of these processes so far (those gone meanwhile count 0)."""
    import psutil

    total = 0.0
    for proc in processes:
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def _postgres_cpu(db_url):
    """CPU seconds so far of the PostgreSQL server's processes (backends, WAL writer,
    checkpointer, autovacuum), when the server runs on this machine; None otherwise. On a
    2-core machine the run's wall time is about (worker + PostgreSQL CPU) / 2, so this is the
    other half of where the time goes. A process that exits during the run takes its time with
    it: a lower bound."""
    import psutil

    if (urlsplit(db_url).hostname or "localhost") not in ("localhost", "127.0.0.1", "::1"):
        return None
    return _cpu_of(p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres")


def _ingest(texts, tag, outlets=1):
    """What `manage.py ingest` does: create each article in its own transaction and send it
    after that commit (the worker starts on the first while the others are being written).
    The articles go to `outlets` outlets in turn."""
    from django.db import transaction

    from factcheck.models import Article, Source
    from factcheck.pipeline import dispatch

    sources = [Source.objects.get_or_create(name=f"Bench {tag}" + (f" {k}" if k else ""))[0]
               for k in range(outlets)]
    created = []
    for i, text in enumerate(texts):
        with transaction.atomic():
            article = Article.objects.create(title=f"{tag} {i}", body=f"{tag} {i}.\n{text}",
                                             language="fr", source=sources[i % outlets])
            dispatch.enqueue_article(article)
        created.append(article)
    return [a.pk for a in created]


def _wait_done(ids, timeout=900):
    """Wait until every article is done; returns when the last one was closed (the worker's
    own timestamp, as a time.time() value): polling every 0.1 s would add up to 0.1 s."""
    from django.db.models import Max

    from factcheck.models import Article

    deadline = time.monotonic() + timeout
    done = Article.objects.filter(pk__in=ids, state=Article.STATE_DONE)
    while time.monotonic() < deadline:
        if done.count() == len(ids):
            return done.aggregate(last=Max("state_changed_at"))["last"].timestamp()
        time.sleep(0.1)
    raise RuntimeError("bench articles not done in time")


def _breakdown(since):
    """Seconds spent per stage, from the results the tasks stored (django-db backend)."""
    from django_celery_results.models import TaskResult

    stages = dict.fromkeys(STAGES, 0.0)
    tasks = {"extract": 0, "verify": 0}
    for row in TaskResult.objects.filter(date_done__gte=since, status="SUCCESS"):
        result = json.loads(row.result or "null") or {}
        if row.task_name.endswith("extract_article"):
            tasks["extract"] += 1
        elif row.task_name.endswith("verify_claims"):
            tasks["verify"] += 1
        for key, value in (result.get("seconds") or {}).items():
            stages[key] = stages.get(key, 0.0) + value
    return stages, tasks


def _host_times():
    """(steal, total) jiffies of all CPUs so far, from /proc/stat; None where it is missing."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal [guest guest_nice, counted in user]
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def steal_share(before, after):
    """Share of the machine's CPU time the hypervisor took between two _host_times()."""
    if before is None or after is None or after[1] <= before[1]:
        return None
    return (after[0] - before[0]) / (after[1] - before[1])


def _pipeline_run(app, db_url, broker, batch_size, texts, tag, log_dir, outlets=1):
    from django.utils import timezone

    worker = Worker(db_url, broker, batch_size, log_dir / f"bench-worker-{batch_size}.log")
    try:
        worker.wait_ready(app)
        _wait_done(_ingest(articles(4, seed=99), f"warm-up {tag}"))  # loads spaCy in the pool
        since = timezone.now()
        cpu = {"worker": worker.cpu_seconds(), "postgres": _postgres_cpu(db_url),
               "ingest": time.process_time()}
        host = _host_times()
        started = time.time()  # the same clock as the worker's timestamps (one machine)
        ids = _ingest(texts, tag, outlets)
        elapsed = _wait_done(ids) - started
        cpu = {"worker": worker.cpu_seconds() - cpu["worker"],
               "postgres": None if cpu["postgres"] is None
               else _postgres_cpu(db_url) - cpu["postgres"],
               # this process: the ingest, then polling for the end (a few ms)
               "ingest": time.process_time() - cpu["ingest"],
               "steal": steal_share(host, _host_times())}
    finally:
        worker.stop()
    stages, tasks = _breakdown(since)
    return elapsed, stages, tasks, cpu


def run():
    import tempfile

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.test")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections

    from factcheck import nlp
    from factcheck.celery import app

    settings_dict = settings.DATABASES["default"]
    broker_url = settings.CELERY_BROKER_URL
    missing = missing_services("pipeline end-to-end", "words/s", broker=True)
    if missing:
        return missing
    texts = articles(ARTICLES)
    words = _words(texts)
    print(f"bench_pipeline: {len(_sentences())} distinct sentences, {ARTICLES} articles, "
          f"{words} words", file=sys.stderr)

    # Baseline: bare spaCy on the same texts, one process, model loaded beforehand; measured
    # again right before each run, so that each ratio compares like with like on a busy host.
    bare = nlp.bare_pipeline("fr")
    list(bare.pipe(texts[:4]))

    def bare_pass():
        """(words/s, CPU-seconds) of bare spaCy on the texts, the median of three passes: one
        pass moved by a tenth with the host's load."""
        passes = []
        for _ in range(3):
            started, cpu = time.perf_counter(), time.process_time()
            for _doc in bare.pipe(texts, batch_size=64):
                pass
            passes.append((words / (time.perf_counter() - started), time.process_time() - cpu))
        return sorted(passes)[1]

    def measured(run):
        """run() between two baseline passes: (baseline words/s, bare CPU-seconds, run's
        result). The host's speed drifts within minutes: the geometric mean of the passes
        before and after is the baseline this run had."""
        before = bare_pass()
        result = run()
        after = bare_pass()
        return (before[0] * after[0]) ** 0.5, (before[1] * after[1]) ** 0.5, result

    original_name = settings_dict["NAME"]
    bench_broker = _with_path(broker_url, f"/{BENCH_REDIS_DB}")
    db_url = _with_path(os.environ.get("DATABASE_URL", ""), f"/{BENCH_DB}")
    previous_broker = app.conf.broker_write_url
    _switch_broker(app, bench_broker)
    log_dir = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    rows = []

    def fresh_database():
        connections.close_all()
        recreate_database(settings_dict, BENCH_DB)
        settings_dict["NAME"] = connection.settings_dict["NAME"] = BENCH_DB
        call_command("migrate", verbosity=0)
        app.control.purge()

    def report(label, batch, baseline, bare_cpu, elapsed, stages, tasks, cpu,
               goal=f">= {GOAL} of bare spaCy"):
        rate = _words(batch) / elapsed
        rows.append({"name": f"pipeline end-to-end, {label} ({len(batch)} articles, "
                             f"{_words(batch)} words, {elapsed:.2f} s)",
                     "value": rate, "unit": "words/s", "baseline": baseline,
                     "ratio": rate / baseline, "goal": goal})
        if cpu["steal"] is not None:
            rows.append({"name": f"  {label}: CPU the host took back during the run (steal)",
                         "value": 100 * cpu["steal"], "unit": "%", "baseline": None,
                         "ratio": None, "goal": "0 on a machine of one's own"})
        if cpu["postgres"] is not None:
            # Bare spaCy's CPU for these texts against the run's CPU shared by the 2 cores.
            bare_batch = bare_cpu * _words(batch) / words
            run_cpu = cpu["worker"] + cpu["postgres"] + cpu["ingest"]
            rows.append({"name": f"  {label}: the same ratio in CPU time (2 cores, no steal)",
                         "value": run_cpu, "unit": "CPU-s", "baseline": bare_batch,
                         "ratio": 2 * bare_batch / run_cpu,
                         "goal": "worker + PostgreSQL + ingest vs bare spaCy"})
        rows.append({"name": f"  {label}: worker CPU (all its processes, during the run)",
                     "value": cpu["worker"], "unit": "s", "baseline": None, "ratio": None,
                     "goal": f"{_words(batch) / cpu['worker']:,.0f} words per worker CPU-second"
                     if cpu["worker"] else ""})
        if cpu["postgres"] is not None:
            machine = cpu["worker"] + cpu["postgres"]
            rows.append({"name": f"  {label}: PostgreSQL CPU (local server, during the run)",
                         "value": cpu["postgres"], "unit": "s", "baseline": None,
                         "ratio": cpu["postgres"] / machine if machine else None,
                         "goal": "share of worker + PostgreSQL CPU"})
            rows.append({"name": f"  {label}: worker + PostgreSQL CPU per wall second",
                         "value": machine / elapsed, "unit": "cores", "baseline": None,
                         "ratio": None, "goal": "2 cores here: near 2 means CPU-bound"})
        busy = sum(stages.values())
        for stage, seconds in stages.items():
            rows.append({"name": f"  {label}: {stage} (sum over 2 processes)", "value": seconds,
                         "unit": "s", "baseline": None,
                         "ratio": seconds / busy if busy else None, "goal": "share of busy time"})
        # Wall time the 2 pool processes were not busy in a task: broker round trips,
        # prefetch waits, result writes, the first and last articles' lone stages.
        rows.append({"name": f"  {label}: idle/overhead (2 x wall - busy)",
                     "value": max(0.0, 2 * elapsed - busy), "unit": "s", "baseline": None,
                     "ratio": None,
                     "goal": f"{tasks['extract']} extract + {tasks['verify']} verify tasks"})

    try:
        # The batched pipeline (the default) REPEATS times, each on a fresh database with its
        # own worker: the run with the median ratio is reported, with every ratio beside it.
        batch_size = int(os.environ.get("FACTCHECK_VERIFY_BATCH_SIZE", "64"))
        runs = []
        for _ in range(REPEATS):
            fresh_database()
            baseline, bare_cpu, (elapsed, stages, tasks, cpu) = measured(
                lambda: _pipeline_run(app, db_url, bench_broker, batch_size, texts,
                                      f"b{batch_size}", log_dir))
            runs.append((words / elapsed / baseline, baseline, bare_cpu, elapsed, stages,
                         tasks, cpu))
        ratios = [run[0] for run in runs]
        runs.sort(key=lambda run: run[0])
        report("batched", texts, *runs[len(runs) // 2][1:])
        rows.append({"name": f"  batched: ratio of each of the {len(ratios)} runs", "value": None,
                     "unit": "", "baseline": None, "ratio": None,
                     "goal": ", ".join(f"{r:.2f}" for r in ratios) + " (median above)"})
        # One task per (claim, verifier): the slow variant, once, on fewer articles.
        unbatched = texts[:ARTICLES_UNBATCHED]
        fresh_database()
        baseline, bare_cpu, result = measured(
            lambda: _pipeline_run(app, db_url, bench_broker, 1, unbatched, "b1", log_dir))
        report("one task per (claim, verifier)", unbatched, baseline, bare_cpu, *result)
        if WIRE_ARTICLES:
            wire = articles(WIRE_ARTICLES, seed=7)
            fresh_database()
            baseline, bare_cpu, result = measured(
                lambda: _pipeline_run(app, db_url, bench_broker, batch_size, wire, "wire",
                                      log_dir, outlets=WIRE_OUTLETS))
            report(f"wire day, {WIRE_OUTLETS} outlets", wire, baseline, bare_cpu, *result,
                   goal="no goal of its own: against the batched row, the cost of the copies")
    finally:
        _switch_broker(app, previous_broker)
        connections.close_all()
        recreate_database(settings_dict, BENCH_DB, create=False)
        settings_dict["NAME"] = connection.settings_dict["NAME"] = original_name
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from benchmarks.__main__ import print_table

    print_table(run())
