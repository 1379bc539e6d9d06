"""Review transitions, on an editorial-side proxy of factcheck's Claim (factcheck never imports
editorial). Wagtail-workflow style: the states are Claim's constants; each transition is one
atomic method that checks permission and state, records, saves with a version check and logs."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _

from factcheck.models import Claim

from .. import policy
from ..roles import PERM_APPROVE, PERM_ASSIGN, PERM_FORCE_UNLOCK, PERM_REVIEW
from ..visibility import can_see_claim
from .audit import AuditLogEntry
from .errors import Conflict, InvalidVersion, Locked, TransitionError  # noqa: F401 (re-exported)
from .lease import ClaimLease, lease_duration
from .note import Note, mentioned_usernames
from .notification import Notification, notify
from .verdict import Verdict

__all__ = ["PERM_APPROVE", "PERM_ASSIGN", "PERM_FORCE_UNLOCK", "PERM_REVIEW", "ReviewableClaim"]

# Opinions and rhetoric: out of the queue, kept for the audit log and the extraction's training
# data. factcheck's Claim will declare it; the column is a CharField, so the value stores today.
STATUS_NOT_A_CLAIM = Claim.STATUS_NOT_A_CLAIM


def parse_version(value):
    """A form's version as an int; InvalidVersion when it is missing or malformed."""
    try:
        version = int(str(value).strip())
    except (TypeError, ValueError):
        version = -1
    if version < 0:
        raise InvalidVersion(gettext(
            "This form's version (“%(value)s”) is missing or not a number: nothing was saved. "
            "Reload the page and try again."
        ) % {"value": "" if value is None else str(value)[:20]})
    return version


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
        """Four eyes by claim: every verdict on a claim this check-worthy, hedged or quoting a
        named person waits for a chief (under the policy's flags)."""
        return bool(policy.claim_reasons(self))

    @property
    def is_not_a_claim(self):
        return self.status == STATUS_NOT_A_CLAIM

    def get_status_display(self):
        if self.status == STATUS_NOT_A_CLAIM:
            return gettext("not a claim")
        return super().get_status_display()

    def last_sent_back(self):
        """The verdict a chief sent back, while the claim waits for its author again."""
        if self.status != self.STATUS_IN_REVIEW:
            return None
        latest = self.verdicts.select_related("reviewed_by").first()
        return latest if latest and latest.state == Verdict.STATE_SENT_BACK else None

    def live_token(self):
        """What an open page must show again when it changes: the version (every transition
        bumps it) and the lock (taking, releasing and force-unlocking do not all bump it)."""
        lease = self.active_lease()
        if lease is None:
            return f"{self.version}-free"
        return f"{self.version}-{lease.holder_id}-{lease.taken_at.timestamp():.6f}"

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
        if expected_version is not None and parse_version(expected_version) != self.version:
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
        """Give up one's own lease; somebody else's stays theirs (a chief can force-unlock)."""
        _require(user, PERM_REVIEW)
        self._lock()
        lease = self.active_lease()
        if lease is None:
            raise TransitionError(gettext("Nobody holds this claim: there is nothing to release."), self)
        if lease.holder_id != user.pk:
            raise Locked(lease, gettext(
                "%(holder)s holds this claim, not you: it stays theirs. Only a chief can "
                "force-unlock it."
            ) % {"holder": lease.holder.get_username()})
        lease.delete()
        self._log(user, "release", self.status)
        return True

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
        if len(rationale) > policy.MAX_RATIONALE or len(correction_note or "") > policy.MAX_CORRECTION_NOTE:
            raise TransitionError(gettext("The rationale or the correction note is too long."), self)
        self._lock(version)
        if self.status not in self.DECIDABLE_STATUSES:
            raise Conflict(
                gettext("This claim is already “%(status)s”: your verdict was not saved.")
                % {"status": self.get_status_display()}, self,
            ) if version is None else Conflict(self.conflict_message(), self)
        self._check_lease(user)
        from_status = self.status
        # Under the policy even a chief's own verdict waits: another chief approves it.
        reasons = policy.approval_reasons(self, status, correction_note)
        awaiting = bool(reasons)
        verdict = Verdict.objects.create(
            claim_id=self.pk, author=user, from_status=from_status, to_status=status,
            rationale=rationale, sources=list(sources), correction_note=correction_note or "",
            state=Verdict.STATE_AWAITING_APPROVAL if awaiting else Verdict.STATE_FINAL,
            approval_reasons=reasons,
        )
        self._save_state(status=self.STATUS_PENDING_APPROVAL if awaiting else status)
        ClaimLease.objects.filter(claim_id=self.pk).delete()
        self._log(
            user, "verdict", from_status, rationale, verdict=status, verdict_id=verdict.pk,
            sources=list(sources), awaiting_approval=awaiting, approval_reasons=reasons,
        )
        if not awaiting:
            self._decided(user, status)
        return verdict

    def _decided(self, user, status):
        """A final verdict: the cluster learns it, the article's reporter is told."""
        self._tell_cluster()
        reporter = self.article.submitted_by if self.article.submitted_by_id else None
        notify(reporter, Notification.KIND_VERDICT, self, user,
               detail=dict(Claim.STATUS_CHOICES).get(status, status))

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
        notify(verdict.author, Notification.KIND_APPROVED, self, user, detail=comment or "")
        self._decided(user, verdict.to_status)
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
        # Back on its author's desk: assigned to them, under their "Assigned to me".
        author = verdict.author if verdict.author.is_active else None
        self._save_state(status=self.STATUS_IN_REVIEW, assignee=author)
        self._log(user, "send_back", from_status, comment, verdict_id=verdict.pk,
                  author=verdict.author.get_username())
        notify(verdict.author, Notification.KIND_SENT_BACK, self, user, detail=comment)
        return verdict

    @transaction.atomic
    def reopen(self, user, rationale, version=None):
        """Put a decided claim back in the queue (a chief's call when four-eyes applied)."""
        _require(user, PERM_REVIEW)
        rationale = (rationale or "").strip()
        if not rationale:
            raise TransitionError(gettext("Say why the claim is reopened."), self)
        self._lock(version)
        if self.status not in (*self.VERDICT_STATUSES, STATUS_NOT_A_CLAIM):
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
        if assignee is not None and assignee.username != previous:
            notify(assignee, Notification.KIND_ASSIGNED, self, user, detail=rationale)

    @transaction.atomic
    def mark_not_a_claim(self, user, rationale="", version=None):
        """Opinion or rhetoric: out of the queue, kept in the audit log and the training export."""
        _require(user, PERM_REVIEW)
        rationale = (rationale or "").strip()
        if len(rationale) > policy.MAX_RATIONALE:
            raise TransitionError(gettext("The rationale is too long."), self)
        self._lock(version)
        if self.status not in self.DECIDABLE_STATUSES:
            raise Conflict(
                gettext("This claim is “%(status)s”: only a claim waiting for a decision can be "
                        "set aside as not a claim.") % {"status": self.get_status_display()}, self,
            ) if version is None else Conflict(self.conflict_message(), self)
        self._check_lease(user)
        from_status = self.status
        self._save_state(status=STATUS_NOT_A_CLAIM)
        ClaimLease.objects.filter(claim_id=self.pk).delete()
        self._log(user, "not_a_claim", from_status, rationale)

    @transaction.atomic
    def add_note(self, user, body):
        """A note in the claim's thread; the people it mentions (who can see the claim) are told.
        Returns the note and the mentioned names that are nobody here or cannot see the claim."""
        body = (body or "").strip()
        if not body:
            raise TransitionError(gettext("Write something first."), self)
        if len(body) > policy.MAX_NOTE:
            raise TransitionError(gettext("This note is too long."), self)
        note = Note.objects.create(claim_id=self.pk, author=user, body=body)
        mentioned = [person for person in Note.mentioned_users(body) if self.visible_to(person)]
        note.mentions.set(mentioned)
        for person in mentioned:
            notify(person, Notification.KIND_MENTION, self, user, detail=body)
        known = {person.username for person in mentioned}
        return note, [name for name in mentioned_usernames(body) if name not in known]

    def visible_to(self, user):
        """Whether `user` may read this claim (the desk's one visibility rule)."""
        return user.has_perm("factcheck.view_claim") and can_see_claim(user, self)


def expire_stale_leases(now=None):
    """Delete leases past their expiry (they already count as free; this only tidies)."""
    deleted, _ = ClaimLease.objects.expired(now).delete()
    return deleted
