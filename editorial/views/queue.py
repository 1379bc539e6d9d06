"""The review queue: claims needing a decision, best first, with keyset pagination."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_GET, require_POST

from factcheck.models import Article, Claim

from ..forms import BulkForm, QueueFilterForm
from ..models import ReviewableClaim, TransitionError
from ..models.reviewable import PERM_ASSIGN, PERM_REVIEW

PAGE_SIZE = 50


def parse_cursor(value):
    """'priority:id' → (float, int), or None when absent or malformed."""
    try:
        priority, pk = (value or "").split(":")
        return float(priority), int(pk)
    except ValueError:
        return None


def queue_queryset(user, filters, statuses=None):
    """Claims matching the queue filters, best first (no joins unless a filter needs one)."""
    qs = ReviewableClaim.objects.filter(is_current=True)
    status = filters.get("status")
    if statuses is None:
        statuses = [status] if status else list(Claim.OPEN_STATUSES)
    qs = qs.filter(status__in=statuses) if len(statuses) > 1 else qs.filter(status=statuses[0])
    if filters.get("outlet"):
        qs = qs.filter(article__source=filters["outlet"])
    if filters.get("language"):
        qs = qs.filter(language=filters["language"])
    if filters.get("modality"):
        qs = qs.filter(modality=filters["modality"])
    if filters.get("mine"):
        qs = qs.filter(assignee=user)
    if filters.get("contradiction"):
        qs = qs.filter(has_contradiction=True)
    tz = timezone.get_current_timezone()
    if filters.get("since"):
        qs = qs.filter(created_at__gte=datetime.combine(filters["since"], time.min, tz))
    if filters.get("until"):
        qs = qs.filter(created_at__lte=datetime.combine(filters["until"], time.max, tz))
    if filters.get("q"):
        q = filters["q"]
        # Titles are matched in a subquery on articles (ten times fewer rows than claims) rather
        # than through a join, which would make PostgreSQL sort every open claim.
        titles = Article.objects.filter(title__icontains=q).values("pk")
        qs = qs.filter(Q(text__icontains=q) | Q(speaker__icontains=q) | Q(article_id__in=titles))
    return qs.order_by("-priority", "-id")


def queue_page(user, filters, cursor, size):
    """One page of the queue: [claims], has_next. Two queries whatever the size.

    First the ids, read per status from the (status, -priority, -id) index and merged (UNION ALL
    of one index walk per status: no sort of every open claim), then the rows with what the page
    shows, joined.
    """
    status = filters.get("status")
    statuses = [status] if status else list(Claim.OPEN_STATUSES)
    if not connection.features.supports_slicing_ordering_in_compound:
        statuses = [statuses]  # SQLite (make run): one plain query over all the statuses
    else:
        statuses = [[one] for one in statuses]
    branches = []
    for group in statuses:
        branch = queue_queryset(user, filters, group)
        if cursor:
            priority, pk = cursor
            branch = branch.filter(Q(priority__lt=priority) | Q(priority=priority, id__lt=pk))
        branches.append(branch.values_list("id", "priority")[: size + 1])
    if len(branches) > 1:
        ids_query = branches[0].union(*branches[1:], all=True).order_by("-priority", "-id")[: size + 1]
    else:
        ids_query = branches[0]
    ids = [pk for pk, _priority in ids_query]
    has_next = len(ids) > size
    ids = ids[:size]
    rows = (
        ReviewableClaim.objects.filter(pk__in=ids)
        .select_related("article", "article__source", "assignee", "lease", "lease__holder")
        .defer("article__body", "sentence", "entities")
    )
    position = {pk: i for i, pk in enumerate(ids)}
    return sorted(rows, key=lambda c: position[c.pk]), has_next


@require_GET
def queue(request):
    if not request.user.has_perm(PERM_REVIEW):
        # Reporters land here after logging in: their place is their own articles.
        if request.user.has_perm("factcheck.view_article"):
            return redirect("factcheck:articles")
        raise PermissionDenied
    form = QueueFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    size = filters.get("size") or PAGE_SIZE
    cursor = parse_cursor(request.GET.get("after"))
    claims, has_next = queue_page(request.user, filters, cursor, size)
    now = timezone.now()
    # One reverse() per page, not several per row: the queue renders up to 200 rows.
    claim_url = reverse("editorial:claim", args=[0]).replace("/0/", "/{}/")
    take_url = reverse("editorial:take", args=[0]).replace("/0/", "/{}/")
    article_url = reverse("factcheck:article", args=[0]).replace("/0/", "/{}/")
    for claim in claims:
        claim.url, claim.take_url = claim_url.format(claim.pk), take_url.format(claim.pk)
        claim.article_url = article_url.format(claim.article_id)
        lease = getattr(claim, "lease", None)  # None when there is no lease row
        claim.current_lease = lease if lease is not None and lease.expires_at > now else None
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
        "form": form, "claims": claims, "next_query": next_query, "first_query": first_query,
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
