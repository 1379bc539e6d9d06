"""Review transitions, on an editorial-side proxy of factcheck's Claim (factcheck never imports
editorial). Wagtail-workflow style: the states are Claim's constants; each transition is one
atomic method that checks permission and state, records, saves with a version check and logs."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from factcheck.models import Claim

from ..roles import PERM_APPROVE, PERM_ASSIGN, PERM_FORCE_UNLOCK, PERM_REVIEW
from .audit import AuditLogEntry
from .lease import ClaimLease, lease_duration
from .verdict import Verdict

__all__ = ["PERM_APPROVE", "PERM_ASSIGN", "PERM_FORCE_UNLOCK", "PERM_REVIEW", "ReviewableClaim"]


class TransitionError(Exception):
    """A transition that the claim's current state does not allow; the message is for editors."""

    def __init__(self, message, claim=None):
        super().__init__(message)
        self.message = str(message)
        self.claim = claim


class Conflict(TransitionError):
    """Somebody changed the claim since the editor loaded it: nothing was saved."""


class Locked(TransitionError):
    """Another editor holds the claim."""

    def __init__(self, lease):
        super().__init__(lease.message(), lease.claim)
        self.lease = lease


def four_eyes_min_score():
    return settings.EDITORIAL_FOUR_EYES_MIN_SCORE


def _require(user, perm):
    if not (user and user.is_authenticated and user.has_perm(perm)):
        raise PermissionDenied(perm)


class ReviewableClaim(Claim):
    """A claim as the review desk sees it: take, verdict, approve, send back, reopen, assign."""

    class Meta:
        proxy = True
        verbose_name = _("claim under review")
        verbose_name_plural = _("claims under review")
        # Checked as editorial.<codename> (editorial.roles.PERM_…).
        permissions = [
            ("review_claim", _("Can take claims and give verdicts")),
            ("approve_verdict", _("Can approve or send back verdicts")),
            ("assign_claim", _("Can assign claims to checkers")),
            ("force_unlock", _("Can release another editor's lock")),
        ]

    # --- reading ------------------------------------------------------------------------------
    @property
    def needs_approval(self):
        """Four-eyes: a checker's verdict on a check-worthy claim waits for a chief."""
        return self.score >= four_eyes_min_score()

    def active_lease(self):
        try:
            lease = self.lease
        except ClaimLease.DoesNotExist:
            return None
        return lease if lease.is_active else None

    def pending_verdict(self):
        return self.verdicts.filter(state=Verdict.STATE_AWAITING_APPROVAL).first()

    def can_decide(self, user):
        """Would a verdict from this user be accepted now (ignoring a stale form)?"""
        if not user.has_perm(PERM_REVIEW) or self.status not in self.DECIDABLE_STATUSES:
            return False
        lease = self.active_lease()
        return lease is None or lease.holder_id == user.pk

    DECIDABLE_STATUSES = (Claim.STATUS_NEW, Claim.STATUS_IN_REVIEW)

    # --- machinery ----------------------------------------------------------------------------
    def _lock(self, expected_version=None):
        """Re-read this row under a row lock; a stale version means somebody got there first."""
        # refresh_from_db also forgets the cached lease, so the lease is read fresh after this.
        self.refresh_from_db(from_queryset=type(self).objects.select_for_update(no_key=True))
        if expected_version is not None and int(expected_version) != self.version:
            raise Conflict(self.conflict_message(), self)

    def conflict_message(self):
        last = (
            AuditLogEntry.objects.filter(claim_id=self.pk).select_related("actor").first()
        )
        if last and last.actor:
            return gettext(
                "Somebody changed this claim while you were looking at it: it is now “%(status)s” "
                "(%(who)s, %(action)s). Your change was not saved; check the current state below."
            ) % {
                "status": self.get_status_display(), "who": last.actor.get_username(),
                "action": last.get_action_display(),
            }
        return gettext(
            "Somebody changed this claim while you were looking at it: it is now “%(status)s”. "
            "Your change was not saved; check the current state below."
        ) % {"status": self.get_status_display()}

    def _save_state(self, **changes):
        """UPDATE … WHERE version = n: never overwrite a change made meanwhile."""
        if "status" in changes and changes["status"] != self.status:
            changes["status_changed_at"] = timezone.now()
        changes["updated_at"] = timezone.now()
        updated = type(self).objects.filter(pk=self.pk, version=self.version).update(
            version=F("version") + 1, **changes
        )
        if updated != 1:
            raise Conflict(self.conflict_message(), self)
        for field, value in changes.items():
            setattr(self, field, value)
        self.version += 1

    def _log(self, user, action, from_status, rationale="", **data):
        return AuditLogEntry.objects.create(
            actor=user, action=action, claim_id=self.pk, article_id=self.article_id,
            from_status=from_status, to_status=self.status, rationale=rationale, data=data,
        )

    def _check_lease(self, user):
        lease = self.active_lease()
        if lease is not None and lease.holder_id != user.pk:
            raise Locked(lease)
        return lease

    # --- transitions --------------------------------------------------------------------------
    @transaction.atomic
    def take(self, user):
        """Hold the claim for a while; others then see who is on it and cannot give a verdict."""
        _require(user, PERM_REVIEW)
        self._lock()
        if self.status not in self.DECIDABLE_STATUSES:
            raise TransitionError(
                gettext("This claim is “%(status)s”: there is nothing to take.")
                % {"status": self.get_status_display()}, self,
            )
        self._check_lease(user)
        now = timezone.now()
        lease, _created = ClaimLease.objects.update_or_create(
            claim_id=self.pk,
            defaults={"holder": user, "taken_at": now, "expires_at": now + lease_duration()},
        )
        from_status = self.status
        changes = {"status": self.STATUS_IN_REVIEW}
        if self.assignee_id is None:
            changes["assignee"] = user
        self._save_state(**changes)
        self._log(user, "take", from_status)
        return lease

    @transaction.atomic
    def renew(self, user):
        """Extend the holder's lease (the claim page calls this while it stays open)."""
        _require(user, PERM_REVIEW)
        lease = ClaimLease.objects.select_for_update().filter(claim_id=self.pk).first()
        if lease is None or (lease.holder_id != user.pk):
            if lease is not None and lease.is_active:
                raise Locked(lease)
            return None
        lease.expires_at = timezone.now() + lease_duration()
        lease.save(update_fields=["expires_at"])
        return lease

    @transaction.atomic
    def release(self, user):
        _require(user, PERM_REVIEW)
        self._lock()
        deleted, _ = ClaimLease.objects.filter(claim_id=self.pk, holder=user).delete()
        if deleted:
            self._log(user, "release", self.status)
        return bool(deleted)

    @transaction.atomic
    def force_unlock(self, user):
        _require(user, PERM_FORCE_UNLOCK)
        self._lock()
        lease = ClaimLease.objects.filter(claim_id=self.pk).select_related("holder").first()
        if lease is None or not lease.is_active:
            raise TransitionError(gettext("Nobody holds this claim."), self)
        holder = lease.holder.get_username()
        lease.delete()
        self._log(user, "force_unlock", self.status, holder=holder)

    @transaction.atomic
    def give_verdict(self, user, status, rationale="", sources=(), correction_note="",
                     version=None):
        """Record a verdict. Final at once, or awaiting a chief when four-eyes applies."""
        _require(user, PERM_REVIEW)
        if status not in self.VERDICT_STATUSES:
            raise TransitionError(gettext("Unknown verdict."), self)
        rationale = (rationale or "").strip()
        if status == self.STATUS_DISPUTED and not rationale:
            raise TransitionError(gettext("A disputed verdict needs a rationale."), self)
        self._lock(version)
        if self.status not in self.DECIDABLE_STATUSES:
            raise Conflict(
                gettext("This claim is already “%(status)s”: your verdict was not saved.")
                % {"status": self.get_status_display()}, self,
            ) if version is None else Conflict(self.conflict_message(), self)
        self._check_lease(user)
        from_status = self.status
        awaiting = self.needs_approval and not user.has_perm(PERM_APPROVE)
        verdict = Verdict.objects.create(
            claim_id=self.pk, author=user, from_status=from_status, to_status=status,
            rationale=rationale, sources=list(sources), correction_note=correction_note or "",
            state=Verdict.STATE_AWAITING_APPROVAL if awaiting else Verdict.STATE_FINAL,
        )
        self._save_state(status=self.STATUS_PENDING_APPROVAL if awaiting else status)
        ClaimLease.objects.filter(claim_id=self.pk).delete()
        self._log(
            user, "verdict", from_status, rationale, verdict=status, verdict_id=verdict.pk,
            sources=list(sources), awaiting_approval=awaiting,
        )
        if not awaiting:
            self._tell_cluster()
        return verdict

    def _tell_cluster(self):
        """Once decided, the same claim in other articles shows this verdict as a suggestion."""
        if self.cluster_id:
            from factcheck.pipeline import reruns

            claim_id = self.pk
            transaction.on_commit(lambda: reruns.verdict_given(claim_id))

    def _pending_for_review(self, user, version):
        _require(user, PERM_APPROVE)
        self._lock(version)
        if self.status != self.STATUS_PENDING_APPROVAL:
            raise Conflict(
                gettext("This claim is “%(status)s”: there is no verdict awaiting approval.")
                % {"status": self.get_status_display()}, self,
            )
        verdict = self.verdicts.select_for_update().filter(
            state=Verdict.STATE_AWAITING_APPROVAL
        ).first()
        if verdict is None:
            raise TransitionError(gettext("No verdict awaits approval."), self)
        return verdict

    @transaction.atomic
    def approve(self, user, comment="", version=None):
        verdict = self._pending_for_review(user, version)
        if verdict.author_id == user.pk:
            raise TransitionError(
                gettext("Four eyes: somebody else must approve your own verdict."), self
            )
        from_status = self.status
        verdict.state = Verdict.STATE_APPROVED
        verdict.reviewed_by, verdict.reviewed_at = user, timezone.now()
        verdict.review_comment = comment or ""
        verdict.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
        self._save_state(status=verdict.to_status)
        self._log(user, "approve", from_status, comment or "", verdict_id=verdict.pk,
                  author=verdict.author.get_username())
        self._tell_cluster()
        return verdict

    @transaction.atomic
    def send_back(self, user, comment, version=None):
        comment = (comment or "").strip()
        if not comment:
            raise TransitionError(gettext("Say why the verdict is sent back."), self)
        verdict = self._pending_for_review(user, version)
        from_status = self.status
        verdict.state = Verdict.STATE_SENT_BACK
        verdict.reviewed_by, verdict.reviewed_at = user, timezone.now()
        verdict.review_comment = comment
        verdict.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_comment"])
        self._save_state(status=self.STATUS_IN_REVIEW)
        self._log(user, "send_back", from_status, comment, verdict_id=verdict.pk,
                  author=verdict.author.get_username())
        return verdict

    @transaction.atomic
    def reopen(self, user, rationale, version=None):
        """Put a decided claim back in the queue (a chief's call when four-eyes applied)."""
        _require(user, PERM_REVIEW)
        rationale = (rationale or "").strip()
        if not rationale:
            raise TransitionError(gettext("Say why the claim is reopened."), self)
        self._lock(version)
        if self.status not in self.VERDICT_STATUSES:
            raise Conflict(
                gettext("This claim is “%(status)s”: only a decided claim can be reopened.")
                % {"status": self.get_status_display()}, self,
            )
        if self.needs_approval:
            _require(user, PERM_APPROVE)
        from_status = self.status
        self._save_state(status=self.STATUS_IN_REVIEW)
        self._log(user, "reopen", from_status, rationale)

    @transaction.atomic
    def assign(self, user, assignee, rationale=""):
        _require(user, PERM_ASSIGN)
        if assignee is not None and not assignee.has_perm(PERM_REVIEW):
            raise TransitionError(
                gettext("%(user)s cannot review claims.") % {"user": assignee.get_username()}, self
            )
        self._lock()
        if not self.is_open:
            raise TransitionError(
                gettext("This claim is “%(status)s”: it cannot be assigned.")
                % {"status": self.get_status_display()}, self,
            )
        previous = self.assignee.get_username() if self.assignee_id else ""
        self._save_state(assignee=assignee)
        self._log(user, "assign", self.status, rationale, previous=previous,
                  assignee=assignee.get_username() if assignee else "")


def expire_stale_leases(now=None):
    """Delete leases past their expiry (they already count as free; this only tidies)."""
    deleted, _ = ClaimLease.objects.expired(now).delete()
    return deleted
