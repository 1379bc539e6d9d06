from .api_token import ApiToken
from .audit import AuditLogEntry
from .lease import ClaimLease
from .note import Note
from .notification import Notification
from .reviewable import (
    STATUS_NOT_A_CLAIM, Conflict, InvalidVersion, Locked, ReviewableClaim, TransitionError,
)
from .verdict import Verdict
from .webhook import WebhookAttempt, WebhookDelivery, WebhookSubscription

__all__ = [
    "ApiToken", "AuditLogEntry", "ClaimLease", "Conflict", "InvalidVersion", "Locked", "Note", "Notification",
    "ReviewableClaim", "STATUS_NOT_A_CLAIM", "TransitionError", "Verdict", "WebhookAttempt",
    "WebhookDelivery", "WebhookSubscription",
]
