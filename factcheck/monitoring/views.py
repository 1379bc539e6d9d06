from django.contrib.auth.decorators import permission_required
from django.db.models import Count
from django.shortcuts import render

from factcheck.models import Article, WorkerHeartbeat

from .broker import queue_depths


@permission_required("factcheck.view_monitoring", raise_exception=True)
def dashboard(request):
    try:
        depths, broker_error = queue_depths(), ""
    except ConnectionError as exc:
        depths, broker_error = {}, str(exc)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "workers": WorkerHeartbeat.objects.all(),
            "depths": depths,
            "broker_error": broker_error,
            "article_states": Article.objects.values("state").annotate(n=Count("id")).order_by("state"),
        },
    )
