from .audit import AuditLogEntry
from .lease import ClaimLease
from .reviewable import Conflict, Locked, ReviewableClaim, TransitionError
from .verdict import Verdict

__all__ = [
    "AuditLogEntry", "ClaimLease", "Conflict", "Locked", "ReviewableClaim", "TransitionError",
    "Verdict",
]
