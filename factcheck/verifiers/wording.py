"""Wording signals: hedged or anonymous sourcing, superlatives, figures without a source.
None of them says the claim is false; together they say it needs sourcing."""

import re

from factcheck.models import Claim, Evidence

from . import reasons
from .base import Finding, Result, Verifier
from .text import fold, original_words, quantities

_ANONYMOUS = re.compile(
    r"(?<!\w)(?:selon (?:plusieurs|des|certaines?|nos|de nombreux) \w+|sous couvert d'anonymat|"
    r"une source (?:proche|interne|bien informee)|des sources?|source proche|"
    r"selon nos informations|d'apres nos informations|il se dit|on murmure|"
    r"according to (?:sources|people|several|some)|anonymous|sources? (?:say|said|familiar|close)|"
    r"people familiar|reportedly|allegedly|rumou?r\w*|rumeurs?)(?!\w)"
)
_HEDGE = re.compile(
    r"(?<!\w)(?:aurai(?:en)?t|serai(?:en)?t|pourrai(?:en)?t|devrai(?:en)?t|semble\w*|"
    r"apparemment|probablement|peut-etre|reportedly|allegedly|may|might|could|"
    r"appears? to|seems? to|is said to|are said to)(?!\w)"
)
_SUPERLATIVE = re.compile(
    r"(?<!\w)(?:le plus|la plus|les plus|jamais|record|historique|sans precedent|inedit\w*|"
    r"premier(?:e)? au monde|the (?:most|biggest|largest|highest|lowest|best|worst)|"
    r"\w+est ever|ever (?:made|seen|recorded)|unprecedented|all-time|record-breaking)(?!\w)"
)
_ATTRIBUTION = re.compile(
    r"(?<!\w)(?:selon|d'apres|a declare|a affirme|affirme|indique|a indique|annonce|a annonce|"
    r"precise|rapporte|estime|according to|said|says|told|stated|announced|reported|"
    r"filings?|figures?|donnees|chiffres|rapport|report|etude|study)(?!\w)"
)


def signals(claim):
    """Pure: [(key, confidence, params)] for the wording of one claim; the key is also the
    reason's code (factcheck.verifiers.reasons)."""
    folded = fold(claim.text)
    found = []
    if claim.modality == Claim.MODALITY_HEDGED or _HEDGE.search(folded):
        found.append(("hedged", 0.6, {}))
    match = _ANONYMOUS.search(folded)
    if match:
        found.append(("anonymous", 0.7, {"words": original_words(claim.text, *match.span())}))
    match = _SUPERLATIVE.search(folded)
    if match:
        found.append(("superlative", 0.5, {"words": original_words(claim.text, *match.span())}))
    attributed = claim.quoted or claim.speaker or _ATTRIBUTION.search(folded)
    if quantities(claim.text) and not attributed:
        found.append(("unattributed_figure", 0.5, {}))
    return found


def finding(key, confidence, params):
    data = reasons.reason_data(key, **params)
    return Finding(key=f"wording:{key}", kind=Evidence.KIND_WORDING,
                   stance=Evidence.STANCE_MENTIONS, confidence=confidence,
                   explanation=reasons.render(data, key, "en")[:500], data=data)


class WordingVerifier(Verifier):
    # 2: the reason stored as a code and its words, shown in the reader's language.
    version = "2"

    def check(self, claim, context) -> Result:
        return Result(findings=[finding(*signal) for signal in signals(claim)])
