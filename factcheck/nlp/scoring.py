"""Check-worthiness in [0, 1].

`score()` is the hand-set score of earlier versions: it rewards what a
fact-checker can verify (who, how many, what happened) and penalises what they
cannot (opinions, speculation, questions). `rank()` gives it, with the
clause's words and flags, to the trained model (checkworthy.py) and places
the model's probability in the band of the claim's type, so that sorting by
score puts facts before opinions and predictions, and those before questions.
"""

from __future__ import annotations

from . import checkworthy
from .features import Sentence

# Claims at or above this score are "check-worthy" (used by eval and the UI's default filter).
CHECKWORTHY = 0.5


FACTUAL_TYPES = ("event", "quantity", "attribution", "causal")
# Score bands, so that ranking by score puts every factual claim above every
# opinion or prediction and those above questions:
#   factual, check-worthy       [0.5, 1]
#   factual, not check-worthy   [0.3, 0.5)
#   opinion, prediction         [0.15, 0.3)
#   question, other             [0, 0.15)
FACTUAL_FLOOR, OPINION_FLOOR = 0.3, 0.15


def rank(s: Sentence, claim_type: str) -> tuple[str, float]:
    """(claim type, score) of a clause: the hand-set score below and, when
    the trained model is there (checkworthy.py), its probability."""
    hand = s.hand_score = score(s, claim_type)
    if claim_type == "other" and s.modality != "question":
        claim_type = "event"  # a statement with no name or event word: the model decides its worth
    model = checkworthy.load_model()
    p = checkworthy.probability(checkworthy.features(s, hand), model) if model else hand
    s.model_p = p
    # The model says "not worth checking" and nothing hard anchors it: an opinion.
    if (claim_type in FACTUAL_TYPES and p < 0.25 and not (s.has_number or s.has_date)
            and s.modality != "question"):
        claim_type = "opinion"
    if claim_type in FACTUAL_TYPES:
        # The model is confident (many claims near 1.0): half of the hand-set score keeps the
        # ranking among check-worthy claims readable, without leaving the band.
        x = (p + max(hand, CHECKWORTHY)) / 2 if p >= CHECKWORTHY else \
            FACTUAL_FLOOR + (CHECKWORTHY - FACTUAL_FLOOR) * p / CHECKWORTHY
    elif claim_type in ("opinion", "prediction"):
        x = OPINION_FLOOR + (FACTUAL_FLOOR - OPINION_FLOOR) * p
    else:
        x = OPINION_FLOOR * p
    x = min(x, 1.0)
    # The bands must not touch: a rounded 0.29999 must stay below 0.3.
    top = {"opinion": FACTUAL_FLOOR, "prediction": FACTUAL_FLOOR}.get(claim_type)
    if claim_type not in FACTUAL_TYPES:
        top = top or OPINION_FLOOR
        x = min(x, top - 0.001)
    return claim_type, round(max(0.0, x), 3)


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
