from .article import Article, Source
from .claim import Claim, ClaimCluster
from .evidence import Evidence
from .knowledge import GazetteerEntry, ReferenceFact
from .verification import Verification
from .worker import WorkerHeartbeat

__all__ = [
    "Article",
    "Claim",
    "ClaimCluster",
    "Evidence",
    "GazetteerEntry",
    "ReferenceFact",
    "Source",
    "Verification",
    "WorkerHeartbeat",
]
