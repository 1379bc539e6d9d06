"""The review queue: claims needing a decision, best first, with keyset pagination.

The query and the rows' display values live in editorial.queue (re-exported here).
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_GET, require_POST

from factcheck.models import Claim

from ..forms import BulkForm, QueueFilterForm
from ..models import ReviewableClaim, TransitionError
from ..models.reviewable import PERM_ASSIGN, PERM_REVIEW
from ..queue import PAGE_SIZE, parse_cursor, prepare_rows, queue_page, queue_queryset  # noqa: F401


# Dates the database can compare with once turned to UTC: 0001-01-01 in Paris is still year 0 there.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def dates_in_range(form):
    """False (with a form error saying which dates work) when a date filter is out of range."""
    for name in ("since", "until"):
        day = form.cleaned_data.get(name)
        if day and not EARLIEST_DAY <= day <= LATEST_DAY:
            form.add_error(name, _("Choose a date between %(first)s and %(last)s.") % {
                "first": date_format(EARLIEST_DAY), "last": date_format(LATEST_DAY)})
    return not form.errors


@require_GET
def queue(request):
    if not request.user.has_perm(PERM_REVIEW):
        # Reporters land here after logging in: their place is their own articles.
        if request.user.has_perm("factcheck.view_article"):
            return redirect("factcheck:articles")
        raise PermissionDenied
    form = QueueFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() and dates_in_range(form) else {}
    size = filters.get("size") or PAGE_SIZE
    cursor = parse_cursor(request.GET.get("after"))
    claims, has_next = queue_page(request.user, filters, cursor, size)
    rows = prepare_rows(claims, request.user, timezone.now())
    next_query = None
    if has_next:
        params = request.GET.copy()
        params["after"] = f"{claims[-1].priority!r}:{claims[-1].pk}"
        next_query = params.urlencode()
    first_query = None
    if cursor:
        params = request.GET.copy()
        params.pop("after", None)
        first_query = params.urlencode()
    is_chief = request.user.has_perm(PERM_ASSIGN)
    context = {
        "form": form, "claims": claims, "rows": rows, "next_query": next_query, "first_query": first_query,
        "bulk_form": BulkForm() if is_chief else None, "is_chief": is_chief,
    }
    template = "editorial/_queue_results.html" if request.htmx and request.htmx.target == "queue-results" else "editorial/queue.html"
    return render(request, template, context)


@require_POST
@permission_required(PERM_ASSIGN, raise_exception=True)
def bulk(request):
    """Chiefs: assign, reassign or mark unverifiable several claims at once."""
    form = BulkForm(request.POST)
    back = request.POST.get("next") or ""
    if not back.startswith("/review/"):
        back = "/review/"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    action, done, failed = form.cleaned_data["action"], 0, []
    for claim in ReviewableClaim.objects.filter(pk__in=[c.pk for c in form.cleaned_data["claims"]]):
        try:
            if action == "assign":
                claim.assign(request.user, form.cleaned_data["assignee"])
            else:
                claim.give_verdict(request.user, Claim.STATUS_UNVERIFIABLE,
                                   form.cleaned_data["rationale"])
            done += 1
        except (TransitionError, PermissionDenied) as exc:
            failed.append(f"#{claim.pk}: {getattr(exc, 'message', '') or _('not allowed')}")
    if done:
        messages.success(request, ngettext("%(n)d claim updated.", "%(n)d claims updated.", done) % {"n": done})
    for message in failed:
        messages.error(request, message)
    return redirect(back)
