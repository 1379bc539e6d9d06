"""What the database knows about the pipeline: counts by state, oldest waiting work, recent and
failed tasks, throughput. Works whether or not the broker is up."""

import ast
import re
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncMinute
from django.utils import timezone
from django_celery_results.models import TaskResult

from factcheck.models import Article, Claim, Verification
from factcheck.models.estimates import ESTIMATE_FROM, estimated_rows, rounded

FAILED_STATES = ("FAILURE",)
DONE_STATES = ("SUCCESS",)


@dataclass
class StateCount:
    value: str
    label: str
    n: int
    about: bool = False  # an estimate: the page says "about"


def counts_by(qs, field, choices, finished=None):
    """[StateCount] for each of `choices`. With `finished` (a state nearly every row reaches)
    and a large table, the other states are counted exactly (an index on them serves the count)
    and `finished` is the estimated total minus them, rounded and marked as an estimate."""
    estimate = estimated_rows(qs) if finished else None
    if estimate is None or estimate < ESTIMATE_FROM:
        rows = dict(qs.values_list(field).annotate(n=Count("id")).order_by())
        return [StateCount(value, label, rows.get(value, 0)) for value, label in choices]
    others = [value for value, _label in choices if value != finished]
    rows = dict(qs.filter(**{f"{field}__in": others}).values_list(field).annotate(n=Count("id"))
                .order_by())
    rest = rounded(estimate - sum(rows.values()))
    return [StateCount(value, label, rest, about=True) if value == finished
            else StateCount(value, label, rows.get(value, 0)) for value, label in choices]


def pipeline_counts():
    return {
        "articles": counts_by(Article.objects.all(), "state", Article.STATE_CHOICES,
                              finished=Article.STATE_DONE),
        # Served by the partial index claim_unverified; the verified claims are estimated.
        "claims": counts_by(Claim.objects.filter(is_current=True), "pipeline_state",
                            Claim.PIPELINE_CHOICES, finished=Claim.PIPELINE_VERIFIED),
        # A claim has a verification per verifier: the succeeded ones are estimated as well
        # (the index on the state serves the others).
        "verifications": counts_by(Verification.objects.all(), "state",
                                   Verification.STATE_CHOICES, finished=Verification.STATE_SUCCEEDED),
    }


@dataclass
class Oldest:
    kind: str
    label: str
    state: str
    since: object
    url: str = ""

    @property
    def age(self):
        return timezone.now() - self.since


def oldest_pending():
    """The oldest article and the oldest verification still waiting or running."""
    found = []
    article = (Article.objects.filter(state__in=Article.ACTIVE_STATES)
               .order_by("state_changed_at").only("id", "title", "state", "state_changed_at").first())
    if article:
        found.append(Oldest("article", article.title, article.get_state_display(),
                            article.state_changed_at, article.get_absolute_url()))
    verification = (Verification.objects.filter(state__in=Verification.ACTIVE_STATES)
                    .order_by("created_at").select_related("claim").first())
    if verification:
        found.append(Oldest("verification", f"{verification.verifier} · {verification.claim}",
                            verification.get_state_display(), verification.created_at))
    return found


@dataclass
class ArticleProgress:
    article: Article
    total: int
    finished: int

    @property
    def indeterminate(self):
        # Until claims are extracted there is nothing to count.
        return self.article.state in (Article.STATE_PENDING, Article.STATE_QUEUED,
                                      Article.STATE_EXTRACTING) or not self.total

    @property
    def percent(self):
        return round(100 * self.finished / self.total) if self.total else 0


def articles_in_progress(limit=20):
    articles = list(
        Article.objects.filter(state__in=Article.ACTIVE_STATES).order_by("state_changed_at")
        .annotate(
            n_claims=Count("claims", filter=Q(claims__is_current=True)),
            n_finished=Count("claims", filter=Q(
                claims__is_current=True,
                claims__pipeline_state__in=[Claim.PIPELINE_VERIFIED, Claim.PIPELINE_FAILED],
            )),
        )
        .only("id", "title", "state", "state_changed_at")[:limit]
    )
    return [ArticleProgress(a, a.n_claims, a.n_finished) for a in articles]


_IDS = re.compile(r"\d+")


def parse_args(text):
    """TaskResult stores args as repr text ("(12,)" or "[12]"); give back a list when we can."""
    if not text:
        return []
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return [int(x) for x in _IDS.findall(text)[:5]]
    if isinstance(value, str):  # result_extended may store a quoted repr
        return parse_args(value) if value != text else []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def display_args(args):
    """Ids as a reader wants them: "12" or "81, 82, 83, 84, 85 … (28 ids)" for a batch."""
    if isinstance(args, str):
        args = parse_args(args)
    args = list(args or [])
    if len(args) == 1 and isinstance(args[0], (list, tuple)):
        args = list(args[0])
    shown = ", ".join(str(a) for a in args[:5])
    return f"{shown} … ({len(args)} ids)" if len(args) > 5 else shown


@dataclass
class TaskRow:
    result: TaskResult
    verification: Verification | None = None
    article_id: int | None = None

    @property
    def short_name(self):
        return (self.result.task_name or "").rsplit(".", 1)[-1]

    @property
    def args(self):
        return parse_args(self.result.task_args)

    @property
    def args_display(self):
        return display_args(self.args)

    @property
    def duration(self):
        start = self.result.date_started or self.result.date_created
        if start and self.result.date_done and self.result.status not in ("STARTED", "PENDING"):
            return self.result.date_done - start
        return None

    @property
    def failed(self):
        return self.result.status in FAILED_STATES

    @property
    def error(self):
        """The exception line: the last line of the traceback, else the stored result."""
        if not self.failed:
            return ""
        lines = (self.result.traceback or "").strip().splitlines()
        return lines[-1] if lines else (self.result.result or "")


def recent_tasks(failed_only=False, limit=50):
    qs = TaskResult.objects.order_by("-date_created")
    if failed_only:
        qs = qs.filter(status__in=FAILED_STATES)
    rows = [TaskRow(r) for r in qs[:limit]]
    by_task_id = {
        v.task_id: v for v in Verification.objects.filter(
            task_id__in=[r.result.task_id for r in rows]
        ).exclude(task_id="")
    }
    for row in rows:
        row.verification = by_task_id.get(row.result.task_id)
        name = row.result.task_name or ""
        args = row.args
        if row.verification is None and "extract" in name and args and isinstance(args[0], int):
            row.article_id = args[0]
    return rows


def failed_verifications(limit=50):
    return list(
        Verification.objects.filter(state=Verification.STATE_FAILED)
        .select_related("claim", "claim__article").order_by("-finished_at", "-created_at")[:limit]
    )


def failed_articles(limit=20):
    return list(Article.objects.filter(state=Article.STATE_FAILED)
                .order_by("-state_changed_at").only("id", "title", "error", "state_changed_at")[:limit])


# --- Throughput -------------------------------------------------------------------------------

WINDOWS = {
    # name: (span, minutes per bar)
    "hour": (timedelta(hours=1), 1),
    "day": (timedelta(days=1), 20),
}


@dataclass
class Series:
    key: str
    label: str
    rates: list  # mean per-minute rate in each bucket
    counts: list  # how many in each bucket

    @property
    def total(self):
        return sum(self.counts)

    @property
    def peak(self):
        return max(self.rates, default=0)


def _per_minute(qs, field, since):
    """{minute (aware datetime, floored): count} for rows of qs whose `field` is after since."""
    rows = (qs.filter(**{f"{field}__gte": since})
            .annotate(minute=TruncMinute(field)).values("minute").annotate(n=Count("pk"))
            .order_by())
    return {row["minute"]: row["n"] for row in rows}


def throughput(window="hour", now=None):
    """Tasks done, tasks failed and claims extracted, per minute, over the window.

    Returns (bucket start times, [Series]). The day view groups minutes in buckets of 20 and
    shows the mean rate per minute in each, so both views read in the same unit.
    """
    span, step = WINDOWS.get(window, WINDOWS["hour"])
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    n_buckets = int(span.total_seconds() // 60 // step)
    first = now - timedelta(minutes=step * (n_buckets - 1))
    starts = [first + timedelta(minutes=step * i) for i in range(n_buckets)]
    sources = [
        ("done", "tasks done", _per_minute(TaskResult.objects.filter(status__in=DONE_STATES),
                                            "date_done", first)),
        ("failed", "tasks failed", _per_minute(TaskResult.objects.filter(status__in=FAILED_STATES),
                                                "date_done", first)),
        ("claims", "claims extracted", _per_minute(Claim.objects.all(), "created_at", first)),
    ]
    series = []
    for key, label, minutes in sources:
        counts = [0] * n_buckets
        for minute, n in minutes.items():
            index = int((minute - first).total_seconds() // 60 // step)
            if 0 <= index < n_buckets:
                counts[index] += n
        series.append(Series(key, label, [c / step for c in counts], counts))
    return starts, series
