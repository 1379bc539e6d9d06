"""The review queue: claims needing a decision, best first, sortable, searchable, paginated.

The query and the rows' display values live in editorial.queue, the filters in
editorial.queue_filters.
"""


from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_GET, require_POST

from factcheck.models import Claim

from ..forms import BulkForm
from ..models import ReviewableClaim, TransitionError
from ..models.reviewable import PERM_ASSIGN, PERM_REVIEW
from ..queue import (
    PAGE_SIZE, next_for, order_explanation, parse_cursor, parse_id, prepare_rows, queue_page, uses_keyset,
)
from ..queue_filters import SORT_CHOICES, SORT_PRIORITY, QueueFilterForm


def _query(request, **changes):
    """The current query string with some parameters changed (None removes one)."""
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return params.urlencode()


@require_GET
def queue(request):
    if not request.user.has_perm(PERM_REVIEW):
        # Reporters land here after logging in: their place is their own articles.
        if request.user.has_perm("factcheck.view_article"):
            return redirect("factcheck:articles")
        raise PermissionDenied
    form = QueueFilterForm(request.GET)
    filters, problems = form.applied()
    size = filters.get("size") or PAGE_SIZE
    keyset = uses_keyset(filters)
    cursor = parse_cursor(request.GET.get("after")) if keyset else None
    claims, has_next = queue_page(request.user, filters, cursor, size)
    rows = prepare_rows(claims, request.user, timezone.now())
    page = filters.get("page") or 1
    next_query = first_query = None
    if has_next:
        next_query = (_query(request, after=f"{claims[-1].priority!r}:{claims[-1].pk}", page=None) if keyset
                      else _query(request, page=str(page + 1), after=None))
    if cursor or (not keyset and page > 1):
        first_query = _query(request, after=None, page=None)
    current_sort = filters.get("sort") or SORT_PRIORITY
    sorts = {
        code: {"current": code == current_sort,
               "query": _query(request, sort=None if code == SORT_PRIORITY else code, after=None, page=None)}
        for code, _label in SORT_CHOICES
    }
    is_chief = request.user.has_perm(PERM_ASSIGN)
    context = {
        "form": form, "claims": claims, "rows": rows, "next_query": next_query, "first_query": first_query,
        "bulk_form": BulkForm() if is_chief else None, "is_chief": is_chief, "problems": problems,
        "order_line": order_explanation(filters), "sorts": sorts,
    }
    template = "editorial/_queue_results.html" if request.htmx and request.htmx.target == "queue-results" else "editorial/queue.html"
    return render(request, template, context)


@require_GET
def next_claim(request):
    """"Save and next": the best claim this editor can decide now, other than the one just done."""
    if not request.user.has_perm(PERM_REVIEW):
        raise PermissionDenied
    claim = next_for(request.user, exclude=parse_id(request.GET.get("after")))
    if claim is None:
        messages.info(request, _("Nothing else to review for now."))
        return redirect("editorial:queue")
    return redirect(claim.get_absolute_url())


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
