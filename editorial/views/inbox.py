"""The chief's inbox: approve or send back verdicts, one by one or in bulk after a
confirmation that says what will change."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_GET, require_POST

from ..forms import InboxBulkForm
from ..inbox import apply_bulk, inbox_rows
from ..models import Verdict
from ..models.reviewable import PERM_APPROVE
from ..templatetags.editorial_tags import status_label


@require_GET
@permission_required(PERM_APPROVE, raise_exception=True)
def inbox(request):
    return render(request, "editorial/inbox.html", {"rows": inbox_rows(request.user)})


def confirmation(request, form):
    """What the bulk action will change, before it does."""
    picked = dict(form.cleaned_data["claims"])
    verdicts = {
        v.claim_id: v for v in Verdict.objects.filter(
            claim_id__in=picked, state=Verdict.STATE_AWAITING_APPROVAL,
        ).select_related("author", "claim")
    }
    action = form.cleaned_data["action"]
    outcomes = Counter(
        status_label(v.to_status) if action == "approve" else _("in review, back with its author")
        for v in verdicts.values()
    )
    return render(request, "editorial/inbox_confirm.html", {
        "form": form, "action": action, "verdicts": list(verdicts.values()),
        "versions": [f"{pk}:{version}" for pk, version in form.cleaned_data["claims"]],
        "outcomes": sorted(outcomes.items()),
        "gone": [pk for pk in picked if pk not in verdicts],
    })


@require_POST
@permission_required(PERM_APPROVE, raise_exception=True)
def bulk(request):
    form = InboxBulkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return render(request, "editorial/inbox.html", {
            "rows": inbox_rows(request.user), "bulk_form": form,
            "ticked": set(request.POST.getlist("claims")),
        }, status=400)
    if request.POST.get("confirm") != "1":
        return confirmation(request, form)
    action = form.cleaned_data["action"]
    done, skipped = apply_bulk(request.user, action, form.cleaned_data["claims"],
                               form.cleaned_data["comment"])
    if done:
        messages.success(request, (
            ngettext("%(n)d verdict approved.", "%(n)d verdicts approved.", len(done))
            if action == "approve" else
            ngettext("%(n)d verdict sent back.", "%(n)d verdicts sent back.", len(done))
        ) % {"n": len(done)})
    for pk, why in skipped:
        messages.error(request, _("Claim #%(pk)s skipped: %(why)s") % {"pk": pk, "why": why})
    return redirect("editorial:inbox")


