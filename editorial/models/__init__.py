from .audit import AuditLogEntry
from .lease import ClaimLease
from .verdict import Verdict

__all__ = ["AuditLogEntry", "ClaimLease", "Verdict"]
