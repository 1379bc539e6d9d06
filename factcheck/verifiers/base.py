"""What every verifier shares: the result types and the input hash."""

import hashlib
import json
from dataclasses import dataclass, field


class PermanentVerifierError(Exception):
    """A verifier cannot handle this claim; retrying will not help (shown to staff)."""


@dataclass
class Finding:
    """One piece of evidence, before it is stored as an Evidence row."""

    key: str  # unique per claim and verifier: what the evidence is about ("claim:12", "fact:3")
    kind: str
    stance: str
    confidence: float
    explanation: str
    source_article_id: int | None = None
    source_claim_id: int | None = None
    reference_fact_id: int | None = None
    url: str = ""
    excerpt: str = ""
    # Stored as Evidence.data: the reason as a code and its params (rendered at display time).
    data: dict = field(default_factory=dict)


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    # Near-duplicate claims to put in the same cluster as this one.
    cluster_with: list[int] = field(default_factory=list)
    # Claims the findings cite, by id, as check() had them (reciprocal() needs them: not loaded
    # again). Optional: those missing are loaded.
    cited: dict = field(default_factory=dict)


NOT_GATHERED = object()


class Verifier:
    """Base class. Subclasses set `version` and implement `check` (and `gather` if they read)."""

    name = ""  # set by the registry from the settings key
    # Bump when the logic changes: the input hash changes, so claims are verified again.
    version = "1"

    def input_hash(self, claim):
        """What this verifier is given, hashed: same input, same verification row."""
        article = claim.article
        published = article.published_at.date().isoformat() if article.published_at else ""
        payload = {
            "verifier": self.name,
            "version": self.version,
            "fingerprint": claim.fingerprint,
            "language": claim.language,
            "modality": claim.modality,
            "entities": sorted(e.get("text", "") for e in claim.entities or []),
            "published": published,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def gather(self, claim):
        """Read what `check` needs from the database. Default: nothing."""
        return None

    def check(self, claim, context) -> Result:
        raise NotImplementedError

    def gather_many(self, claims):
        """{claim.pk: context} for several claims (a task's batch): override to read the
        database once for all of them. Default: nothing gathered ahead, run() gathers per claim."""
        return {}

    def run(self, claim, context=NOT_GATHERED) -> Result:
        """Check the claim, with its context from gather_many() when given."""
        if context is NOT_GATHERED:
            context = self.gather(claim)
        result = self.check(claim, context)
        if isinstance(result, list):
            result = Result(findings=result)
        return result

    def reciprocal(self, claim, result, others):
        """Findings for the claims `result` cites, about `claim`: [(other claim, Finding)].
        Default: none. `others` maps claim id → Claim for the cited claims."""
        return []
