"""Check-worthiness in [0, 1].

Rewards what a fact-checker can verify (who, how many, what happened) and
penalises what they cannot (opinions, speculation, questions). Weights are
hand-set and tuned on eval/ (see docs/extraction.md), not learned.
"""

from __future__ import annotations

from .features import Sentence

# Claims at or above this score are "check-worthy" (used by eval and the UI's default filter).
CHECKWORTHY = 0.5
# Sentences below this are not returned. 0: opinions and questions are kept
# (ranked last) so an editor can still see them; verbless captions and
# fragments are dropped earlier, in the extractor.
MIN_SCORE = 0.0


def score(s: Sentence, claim_type: str) -> float:
    x = 0.25
    named = {e["text"] for e in s.entities if e["label"] in ("PER", "ORG")}
    places = {e["text"] for e in s.entities if e["label"] in ("LOC", "MISC")}
    # A subject resolved from context ("L'entreprise" → Nordelec) is as good as a name.
    x += 0.15 * min(len(named) + (1 if s.resolved_subject else 0), 2) + 0.05 * min(len(places), 1)
    if s.has_number:
        x += 0.2
    if s.has_date:
        x += 0.1
    x += 0.1 * min(s.event_hits, 2)
    if s.strong_event and named:
        x += 0.1
    if s.past:
        x += 0.1
    if s.speaker:
        x += 0.05
    if s.causal:
        x += 0.05
    # A named speaker's wording is theirs: judge the claim, not the adjectives.
    x -= (0.03 if s.quoted and s.speaker else 0.07) * min(s.subjective, 5)
    if s.first_person and not s.quoted:
        x -= 0.15
    if s.n_words < 5:
        x -= 0.15
    elif s.n_words > 60:
        x -= 0.05
    if s.headline:
        x -= 0.2           # the body usually says it again, in a full sentence
    if claim_type == "prediction":
        x -= 0.25
    elif claim_type == "opinion":
        x = min(x - 0.2, 0.4)
    if s.modality == "question":
        x = min(x, 0.15)   # rhetorical questions assert nothing
    return round(max(0.0, min(1.0, x)), 3)
