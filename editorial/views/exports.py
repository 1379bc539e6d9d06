"""Downloads of the queue's claims and verdicts (CSV, JSON Lines) with the page's filters."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..claim_filters import ClaimFilterForm
from ..exports import FORMATS, claim_rows, export_lines, filename


def download(fmt, rows):
    response = StreamingHttpResponse(export_lines(fmt, rows), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(fmt)}"'
    return response


@require_GET
def export(request, fmt):
    if not request.user.has_perm("factcheck.view_claim"):
        raise PermissionDenied
    form = ClaimFilterForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        message = _("Nothing exported, a filter is wrong (%(problems)s).") % {"problems": problems}
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    rows = claim_rows(request.user, form.cleaned_data,
                      request.build_absolute_uri)
    return download(fmt, rows)
