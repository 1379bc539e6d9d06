"""Published fact-checks: the public page of a verdict (no login) and the chief's publish and
withdraw actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..models import TransitionError, Verdict
from ..publishing import claim_review, json_ld, rating_name
from ..roles import PERM_APPROVE


@require_GET
@login_not_required
def review(request, pk):
    """A published verdict for everyone; an unpublished one does not exist for the public."""
    verdict = get_object_or_404(
        Verdict.objects.published().select_related("claim__article__source", "corrects")
        .prefetch_related("corrected_by"), pk=pk
    )
    state = verdict.public_state()
    language = get_language()
    context = {
        "verdict": verdict,
        "claim": verdict.claim,
        "article": verdict.claim.article,
        "rating": rating_name(verdict.to_status, language),
        "state": state,
        "correction": verdict.correction(),
        "previous_rating": (rating_name(verdict.corrects.to_status, language)
                            if verdict.corrects_id else ""),
        # Only the fact-check that stands rates the claim for search engines and aggregators.
        "json_ld": (json_ld(claim_review(verdict, request.build_absolute_uri))
                    if state == "current" else ""),
    }
    return render(request, "editorial/public/review.html", context)


@require_POST
def publish(request, pk):
    verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
    if not request.user.has_perm(PERM_APPROVE):
        raise PermissionDenied
    try:
        verdict.publish(request.user)
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Verdict published: its public page is online."))
    return redirect(verdict.claim.get_absolute_url())


@require_POST
def withdraw(request, pk):
    """A chief retracts a published verdict, with a public note saying why."""
    verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
    if not request.user.has_perm(PERM_APPROVE):
        raise PermissionDenied
    try:
        verdict.withdraw(request.user, request.POST.get("note", ""))
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Verdict withdrawn: its public page says so."))
    return redirect(verdict.claim.get_absolute_url())
