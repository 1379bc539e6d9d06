"""The claim page and its transitions. Every POST works without JavaScript (post, redirect,
get); with htmx the same endpoints answer with the page and htmx swaps the claim panel."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.utils.translation import gettext as _

from factcheck.models import Evidence
from factcheck.verifiers.suggestion import source_of

from .. import policy
from ..forms import CommentForm, NoteForm, VerdictForm, VersionedForm, reviewers
from ..models import (
    InvalidVersion, Locked, Notification, ReviewableClaim, TransitionError, Verdict,
)
from ..models.lease import renew_seconds
from ..models.reviewable import PERM_APPROVE, PERM_ASSIGN, PERM_FORCE_UNLOCK, PERM_REVIEW
from ..templatetags.editorial_tags import status_label
from ..visibility import can_see_claim, mask_evidence, reader_reasons, sees_all, visible_claims
from .articles import highlight


def get_claim(request, pk, for_update=False):
    claim = get_object_or_404(
        ReviewableClaim.objects.select_related(
            "article", "article__source", "assignee", "cluster", "lease", "lease__holder"
        ),
        pk=pk,
    )
    user = request.user
    if not user.has_perm("factcheck.view_claim"):
        raise PermissionDenied
    if not can_see_claim(user, claim):
        raise PermissionDenied
    if for_update and not user.has_perm(PERM_REVIEW):
        raise PermissionDenied
    return claim


def paragraph_bounds(body, start, end):
    """The paragraph (line) of the article that holds the claim's span."""
    left = body.rfind("\n", 0, start) + 1
    right = body.find("\n", end)
    return left, len(body) if right == -1 else right


def claim_context(request, claim, verdict_form=None, feedback=None, feedback_kind="error",
                  kept_comment="", note_form=None):
    user = request.user
    # Opening the claim is reading what one was told about it.
    Notification.objects.filter(recipient=user, claim_id=claim.pk).mark_read()
    body = claim.article.body
    left, right = paragraph_bounds(body, claim.start, claim.end)
    paragraph = highlight(body[left:right], [(claim.start - left, claim.end - left, claim)], link=False)
    evidence = mask_evidence(user, list(
        claim.evidence.select_related("source_article", "source_article__source", "reference_fact")
        .order_by("stance", "-confidence")
    ))
    # In memory only, for this page: the reasons quote evidence, which may name unseen articles.
    claim.suggestion_reasons = [r["text"] for r in reader_reasons(
        user, claim.suggestion_reasons, evidence)]
    groups = []
    for stance, label in Evidence.STANCE_CHOICES:
        items = [e for e in evidence if e.stance == stance]
        if items:
            groups.append({"stance": stance, "label": label, "items": items})
    sources = {stance: len({source_of(e) for e in evidence if e.stance == stance
                            and e.kind != Evidence.KIND_WORDING})
               for stance in (Evidence.STANCE_SUPPORTS, Evidence.STANCE_CONTRADICTS)}
    cluster_claims = []
    if claim.cluster_id:
        cluster_claims = list(
            visible_claims(user, ReviewableClaim.objects.filter(cluster_id=claim.cluster_id))
            .exclude(pk=claim.pk)
            .select_related("article", "article__source").order_by("-created_at")[:20]
        )
        earlier = {}
        for verdict in Verdict.objects.filter(claim__in=cluster_claims).select_related("author"):
            earlier.setdefault(verdict.claim_id, []).append(verdict)
        for other in cluster_claims:
            other.earlier_verdicts = earlier.get(other.pk, [])
    # A wire story taken up by many outlets lists its 20 newest copies; the desk is told how
    # many articles there are in all (a reporter sees their own articles only: no count).
    cluster_articles = claim.repeats if sees_all(user) else 0
    if cluster_articles <= len(cluster_claims):
        cluster_articles = 0
    lease = claim.active_lease()
    verdicts = list(claim.verdicts.select_related("author", "reviewed_by", "published_by",
                                                  "withdrawn_by").prefetch_related("corrected_by"))
    can_decide = claim.can_decide(user)
    if verdict_form is None and can_decide:
        verdict_form = VerdictForm(initial={"version": claim.version}, claim=claim)
    return {
        "claim": claim,
        "paragraph": paragraph,
        "evidence_groups": groups,
        "sources_agree": sources[Evidence.STANCE_SUPPORTS],
        "sources_disagree": sources[Evidence.STANCE_CONTRADICTS],
        "still_verifying": claim.pipeline_state in (claim.PIPELINE_PENDING, claim.PIPELINE_VERIFYING),
        "cluster_claims": cluster_claims,
        "cluster_articles": cluster_articles,
        "history": claim.audit_log.select_related("actor").order_by("-created_at", "-id"),
        "verdicts": verdicts,
        # Publishing the new verdict then corrects the fact-check that is out.
        "published_before": any(v.is_published and not v.is_withdrawn for v in verdicts),
        "pending_verdict": claim.pending_verdict() if claim.status == claim.STATUS_PENDING_APPROVAL else None,
        "lease": lease,
        "holds_lease": lease is not None and lease.holder_id == user.pk,
        "can_review": user.has_perm(PERM_REVIEW),
        "can_decide": can_decide,
        "can_take": can_decide and not (lease and lease.holder_id == user.pk),
        "can_approve": user.has_perm(PERM_APPROVE),
        "can_assign": user.has_perm(PERM_ASSIGN) and claim.is_open,
        "can_force_unlock": user.has_perm(PERM_FORCE_UNLOCK) and lease is not None and lease.holder_id != user.pk,
        "can_reopen": user.has_perm(PERM_REVIEW) and claim.status in claim.VERDICT_STATUSES
        and (not claim.needs_approval or user.has_perm(PERM_APPROVE)),
        "verdict_form": verdict_form,
        "comment_form": CommentForm(initial={"version": claim.version}),
        "assignees": reviewers() if user.has_perm(PERM_ASSIGN) else [],
        "renew_seconds": renew_seconds(),
        "feedback": feedback,
        "feedback_kind": feedback_kind,
        "kept_comment": kept_comment,
        "sent_back": claim.last_sent_back(),
        "notes": claim.notes.select_related("author"),
        "note_form": note_form or NoteForm(),
        "against_note": against_note(claim),
    }


def against_note(claim):
    """Which verdict would go against the verifiers' suggestion (a warning, not a block)."""
    opposite = {claim.SUGGEST_SUPPORTED: claim.STATUS_DISPUTED,
                claim.SUGGEST_CONTRADICTED: claim.STATUS_CONFIRMED}.get(claim.suggestion)
    if opposite is None:
        return ""
    params = {"suggestion": claim.get_suggestion_display(), "verdict": status_label(opposite)}
    if policy.AGAINST_SUGGESTION in policy.approval_policy():
        return _("The verifiers suggest “%(suggestion)s”: a “%(verdict)s” verdict goes against it "
                 "and waits for a chief.") % params
    return _("The verifiers suggest “%(suggestion)s”: a “%(verdict)s” verdict goes against "
             "it.") % params


@require_GET
def claim_detail(request, pk):
    claim = get_claim(request, pk)
    return render(request, "editorial/claim_detail.html", claim_context(request, claim))


def respond(request, claim, success=None, error=None, status=200, verdict_form=None,
            kept_comment="", note_form=None, warning=None):
    """PRG without JavaScript; with htmx, the page itself (htmx swaps the claim panel).
    A refused change shows the page with what the person typed (verdict form, comment, note)."""
    if error is None and verdict_form is None and not request.htmx:
        if success:
            messages.success(request, success)
        if warning:
            messages.warning(request, warning)
        return redirect(claim.get_absolute_url())
    if request.htmx:
        claim = get_claim(request, claim.pk)
    feedback = error or " ".join(part for part in (success, warning) if part) or None
    context = claim_context(
        request, claim, verdict_form=verdict_form, feedback=feedback,
        feedback_kind="error" if error else "success", kept_comment=kept_comment,
        note_form=note_form,
    )
    return render(request, "editorial/claim_detail.html", context, status=status)


def transition(request, claim, action, success, kept_comment="", verdict_form=None, warning=None):
    """Run a transition; success is the message, or a function of the transition's result.
    When it is refused, the page keeps what was typed (kept_comment, verdict_form)."""
    kept = {"kept_comment": kept_comment, "verdict_form": verdict_form}
    try:
        result = action()
    except Locked as exc:
        return respond(request, _reload(request, claim), error=exc.message, status=423, **kept)
    except InvalidVersion as exc:
        return respond(request, _reload(request, claim), error=exc.message, status=400, **kept)
    except TransitionError as exc:  # Conflict included
        return respond(request, _reload(request, claim), error=exc.message, status=409, **kept)
    return respond(request, claim, success=success(result) if callable(success) else success,
                   warning=warning)


def _reload(request, claim):
    return get_claim(request, claim.pk)


def form_errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def refused_form(request, claim, form):
    """A malformed form (bad version, too long): 400 saying why, what was typed kept."""
    return respond(request, claim, error=form_errors(form), status=400,
                   kept_comment=request.POST.get("comment", ""))


def lease_version_refused(request, claim):
    """Lease changes may come without a version (the queue's Take); a malformed one is refused."""
    if "version" not in request.POST:
        return None
    form = VersionedForm(request.POST)
    return None if form.is_valid() else refused_form(request, claim, form)


@require_POST
def take(request, pk):
    claim = get_claim(request, pk, for_update=True)
    return lease_version_refused(request, claim) or transition(
        request, claim, lambda: claim.take(request.user), _("You hold this claim now."))


@require_POST
def release(request, pk):
    claim = get_claim(request, pk, for_update=True)
    return lease_version_refused(request, claim) or transition(
        request, claim, lambda: claim.release(request.user), _("Claim released."))


@require_POST
def renew(request, pk):
    """Polled by htmx while the holder's page is open."""
    claim = get_claim(request, pk, for_update=True)
    try:
        claim.renew(request.user)
    except Locked:
        pass
    return render_lease(request, get_claim(request, pk))


@require_GET
def lease_status(request, pk):
    return render_lease(request, get_claim(request, pk))


def render_lease(request, claim):
    lease = claim.active_lease()
    return render(request, "editorial/_lease.html", {
        "claim": claim, "lease": lease, "holds_lease": lease is not None and lease.holder_id == request.user.pk,
        "renew_seconds": renew_seconds(),
    })


@require_POST
def force_unlock(request, pk):
    claim = get_claim(request, pk, for_update=True)
    return lease_version_refused(request, claim) or transition(
        request, claim, lambda: claim.force_unlock(request.user), _("Lock released."))


@require_POST
def verdict(request, pk):
    claim = get_claim(request, pk, for_update=True)
    form = VerdictForm(request.POST, claim=claim)
    if not form.is_valid():
        error = _("Please correct the errors below.")
        if not claim.can_decide(request.user):
            # Say why no verdict can be given now, and keep the form as typed.
            error = _("This claim is “%(status)s”: no verdict can be given now. Your text is kept "
                      "below.") % {"status": claim.get_status_display()}
        return respond(request, claim, error=error, status=400, verdict_form=form)
    data = form.cleaned_data

    def give():
        return claim.give_verdict(
            request.user, data["verdict"], data["rationale"], data["sources"],
            data["correction_note"], version=data["version"],
        )

    def said(given):
        if given.state == Verdict.STATE_AWAITING_APPROVAL:
            return _("Verdict recorded; it awaits a chief's approval.")
        return _("Verdict recorded.")

    return transition(request, claim, give, said, verdict_form=form,
                      warning=form.against_suggestion())


def commented(request, pk, name, success):
    """approve, send_back, reopen, mark_not_a_claim: a comment and a well-formed version."""
    claim = get_claim(request, pk, for_update=True)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return refused_form(request, claim, form)
    comment, version = form.cleaned_data["comment"], form.cleaned_data["version"]
    method = getattr(claim, name)
    return transition(request, claim, lambda: method(request.user, comment, version=version),
                      success, kept_comment=comment)


@require_POST
def approve(request, pk):
    return commented(request, pk, "approve", _("Verdict approved."))


@require_POST
def send_back(request, pk):
    return commented(request, pk, "send_back", _("Verdict sent back to its author."))


@require_POST
def reopen(request, pk):
    return commented(request, pk, "reopen", _("Claim reopened."))


@require_POST
def not_a_claim(request, pk):
    return commented(request, pk, "mark_not_a_claim",
                     _("Set aside as not a claim: it left the queue."))


@require_POST
def add_note(request, pk):
    claim = get_claim(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return respond(request, claim, error=form_errors(form), status=400, note_form=form)
    try:
        _note, unknown = claim.add_note(request.user, form.cleaned_data["body"])
    except TransitionError as exc:
        return respond(request, claim, error=exc.message, status=400, note_form=form)
    warning = None
    if unknown:
        warning = _("Nobody was told for: %(names)s (no such user, or they cannot see this "
                    "claim).") % {"names": ", ".join("@" + name for name in unknown)}
    return respond(request, claim, success=_("Note added."), warning=warning)


def _id_or_none(value):
    """A primary key from a form value, or None when it is not one (never a database error)."""
    value = value.strip()
    if value.isascii() and value.isdecimal() and 0 < int(value) < 2**63:
        return int(value)
    return None


@require_POST
def assign(request, pk):
    claim = get_claim(request, pk, for_update=True)
    if not request.user.has_perm(PERM_ASSIGN):
        raise PermissionDenied
    assignee = None
    if request.POST.get("assignee"):
        assignee = get_user_model().objects.filter(
            pk=_id_or_none(request.POST["assignee"]), is_active=True).first()
        if assignee is None:
            return respond(request, claim, error=_("Choose the assignee from the list: there is no "
                                                   "active user %(id)s.")
                           % {"id": request.POST["assignee"][:40]}, status=400)
    return transition(request, claim, lambda: claim.assign(request.user, assignee),
                      _("Assignment saved."))
