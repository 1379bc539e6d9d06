from .article import Article, Source
from .bulk import BulkImport
from .claim import Claim, ClaimCluster
from .evidence import Evidence
from .feed import Feed
from .knowledge import GazetteerEntry, ReferenceFact
from .search import ClaimSearch
from .verification import Verification
from .worker import WorkerHeartbeat

__all__ = [
    "Article",
    "BulkImport",
    "Claim",
    "ClaimCluster",
    "ClaimSearch",
    "Evidence",
    "Feed",
    "GazetteerEntry",
    "ReferenceFact",
    "Source",
    "Verification",
    "WorkerHeartbeat",
]
