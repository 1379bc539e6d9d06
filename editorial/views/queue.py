from django.shortcuts import get_object_or_404, render

from factcheck.models import Claim


def queue(request):
    claims = (
        Claim.objects.needing_decision()
        .select_related("article", "article__source", "assignee")
        .order_by("-article__created_at", "-score", "start")[:100]
    )
    return render(request, "editorial/queue.html", {"claims": claims})


def claim_detail(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("article", "article__source"), pk=pk)
    return render(request, "editorial/claim_detail.html", {"claim": claim})
