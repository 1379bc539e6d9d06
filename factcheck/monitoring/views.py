"""/monitoring/: the desk chief's view of the machinery. Chief and admin only (by permission
codename, so factcheck never imports editorial); actions are POST with CSRF."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_celery_results.models import TaskResult

from factcheck.pipeline import reruns as pipeline
from factcheck.models import Article, Feed, Verification

from . import broker, charts, stats
from .workers import worker_report

log = logging.getLogger(__name__)
VIEW = "factcheck.view_monitoring"
RERUN = "factcheck.rerun_pipeline"
POLL_SECONDS = 5


def _window(request):
    window = request.GET.get("window", "hour")
    return window if window in stats.WINDOWS else "hour"


def live_context(request):
    """Everything the self-refreshing part of the page shows. The database part never depends on
    the broker: with the broker down the page says so and shows what the database knows."""
    try:
        depths, broker_error = broker.queue_depths(), ""
    except broker.BrokerUnavailable as exc:
        depths, broker_error = {}, str(exc)
    report = worker_report(broker_ok=not broker_error)
    window = _window(request)
    starts, series = stats.throughput(window)
    by_key = {s.key: s for s in series}
    for s in series:
        s.label = {"done": _("tasks done"), "failed": _("tasks failed"),
                   "claims": _("claims extracted")}[s.key]
    step = stats.WINDOWS[window][1]
    return {
        "broker_error": broker_error,
        "broker_transport": broker.transport_name(),
        "depths": depths,
        "total_depth": sum(depths.values()),
        "report": report,
        "counts": stats.pipeline_counts(),
        "oldest": stats.oldest_pending(),
        "in_progress": stats.articles_in_progress(),
        "window": window,
        "windows": [("hour", _("last hour")), ("day", _("last day"))],
        "task_chart": charts.bar_chart(_("Tasks per minute"), _("per minute"), starts,
                                       [by_key["done"], by_key["failed"]], step),
        "claim_chart": charts.bar_chart(_("Claims extracted per minute"), _("per minute"),
                                        starts, [by_key["claims"]], step),
        "poll_seconds": POLL_SECONDS,
        "live_url": f"{reverse('monitoring:live')}?window={window}",
    }


def tasks_context(request):
    failed_only = request.GET.get("failed") == "1"
    return {
        "failed_only": failed_only,
        "tasks": stats.recent_tasks(failed_only=failed_only),
        "failed_verifications": stats.failed_verifications(),
        "failed_articles": stats.failed_articles(),
        "tasks_url": f"{reverse('monitoring:tasks')}{'?failed=1' if failed_only else ''}",
        "can_rerun": request.user.has_perm(RERUN),
    }


@permission_required(VIEW, raise_exception=True)
def dashboard(request):
    context = live_context(request)
    context.update(tasks_context(request))
    context["feeds"] = Feed.objects.select_related("outlet")
    return render(request, "monitoring/dashboard.html", context)


@permission_required(VIEW, raise_exception=True)
def live(request):
    """The part of the page htmx polls."""
    return render(request, "monitoring/_live.html", live_context(request))


@permission_required(VIEW, raise_exception=True)
def tasks(request):
    """Recent and failed tasks, polled separately (less often) by htmx."""
    return render(request, "monitoring/_tasks.html", tasks_context(request))


@permission_required(VIEW, raise_exception=True)
def task_detail(request, task_id):
    result = get_object_or_404(TaskResult, task_id=task_id)
    row = stats.TaskRow(result)
    row.verification = Verification.objects.filter(task_id=task_id).select_related("claim").first()
    if row.verification is None and "extract" in (result.task_name or "") and row.args:
        row.article_id = row.args[0] if isinstance(row.args[0], int) else None
    return render(request, "monitoring/task_detail.html", {
        "row": row, "can_rerun": request.user.has_perm(RERUN),
    })


@permission_required(VIEW, raise_exception=True)
def verification_detail(request, pk):
    verification = get_object_or_404(Verification.objects.select_related("claim__article"), pk=pk)
    task = TaskResult.objects.filter(task_id=verification.task_id).first() if verification.task_id else None
    return render(request, "monitoring/verification_detail.html", {
        "verification": verification, "task": task, "can_rerun": request.user.has_perm(RERUN),
    })


# --- Actions ----------------------------------------------------------------------------------

def _back(request):
    target = request.POST.get("next", "")
    if target.startswith("/monitoring/"):
        return redirect(target)
    return redirect("monitoring:dashboard")


@require_POST
@permission_required(RERUN, raise_exception=True)
def retry_verification(request, pk):
    verification = get_object_or_404(Verification, pk=pk)
    if verification.state != Verification.STATE_FAILED:
        messages.info(request, _("This verification has not failed: nothing to retry."))
        return _back(request)
    try:
        sent = pipeline.retry_verification(verification.pk)
    except Exception as exc:
        log.exception("retry of verification %s failed", verification.pk)
        messages.error(request, _("The retry could not be started: %(error)s") % {"error": exc})
        return _back(request)
    if sent is False:
        messages.info(request, _("A newer run of this verifier on this claim is already under way."))
        return _back(request)
    log.info("%s retried verification %s", request.user, verification.pk)
    messages.success(request, _("Verification %(verifier)s on claim %(claim)s sent again.") % {
        "verifier": verification.verifier, "claim": verification.claim_id,
    })
    return _back(request)


@require_POST
@permission_required(RERUN, raise_exception=True)
def rerun_article(request, pk):
    article = get_object_or_404(Article, pk=pk)
    reextract = request.POST.get("reextract", "1") != "0"
    try:
        pipeline.rerun_article(article.pk, reextract=reextract)
    except Exception as exc:
        log.exception("re-run of article %s failed", article.pk)
        messages.error(request, _("The re-run could not be started: %(error)s") % {"error": exc})
        return _back(request)
    log.info("%s re-ran article %s (reextract=%s)", request.user, article.pk, reextract)
    messages.success(request, _("“%(title)s” sent through the pipeline again.") % {
        "title": article.title,
    })
    return _back(request)
