"""Bulk files of articles: upload, the page whose progress bar moves while a worker reads the
file (htmx polls the status part), and the rejected rows as CSV."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from factcheck import bulk

from ..bulk_forms import BulkImportForm
from ..visibility import visible_bulk_imports


@require_http_methods(["GET", "POST"])
@permission_required("factcheck.add_article", raise_exception=True)
def bulk_new(request):
    form = BulkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            return redirect(form.save(request.user))
        return render(request, "factcheck/bulk_form.html", {"form": form}, status=400)
    recent = visible_bulk_imports(request.user).defer("content", "rejected")[:10]
    return render(request, "factcheck/bulk_form.html", {"form": form, "recent": recent})


def _job(request, pk):
    return get_object_or_404(visible_bulk_imports(request.user).defer("content"), pk=pk)


@require_GET
@permission_required("factcheck.add_article", raise_exception=True)
def bulk_import(request, pk):
    return render(request, "factcheck/bulk_import.html", {"job": _job(request, pk)})


@require_GET
@permission_required("factcheck.add_article", raise_exception=True)
def bulk_import_status(request, pk):
    """The part of the page that moves while the file is read (polled by htmx)."""
    return render(request, "factcheck/_bulk_status.html", {"job": _job(request, pk)})


@require_GET
@permission_required("factcheck.add_article", raise_exception=True)
def bulk_rejected(request, pk):
    job = _job(request, pk)
    response = HttpResponse(bulk.rejected_csv(job.rejected), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rejected-rows-{job.pk}.csv"'
    return response
