from .audit import AuditLogEntry
from .lease import ClaimLease
from .reviewable import Conflict, Locked, ReviewableClaim, TransitionError
from .verdict import Verdict
from .webhook import WebhookAttempt, WebhookDelivery, WebhookSubscription

__all__ = [
    "AuditLogEntry", "ClaimLease", "Conflict", "Locked", "ReviewableClaim", "TransitionError",
    "Verdict", "WebhookAttempt", "WebhookDelivery", "WebhookSubscription",
]
