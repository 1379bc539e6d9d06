"""What kind of claim a sentence makes.

Order matters: a question is never a fact; an opinion with no hard anchor is
an opinion even if it mentions Microsoft; speculation about the future is a
prediction; then causal, quantity, attribution, event.
"""

from __future__ import annotations

from .features import Sentence

CLAIM_TYPES = ("event", "quantity", "attribution", "prediction", "causal", "opinion", "other")


def anchors(s: Sentence) -> int:
    """Hard, checkable anchors: named entities, numbers, event words."""
    named = len({e["text"] for e in s.entities if e["label"] in ("PER", "ORG", "LOC")})
    return named + (2 if s.has_number else 0) + min(s.event_hits, 2)


def is_opinion(s: Sentence) -> bool:
    if s.first_person and not s.quoted:
        return True
    if s.subjective >= 3:
        return True
    return s.subjective >= 1 and anchors(s) == 0 or s.subjective >= 2 and anchors(s) <= 1


def classify(s: Sentence) -> str:
    if s.modality == "question":
        return "other"
    if is_opinion(s):
        return "opinion"
    if s.future or s.modal_prediction or (s.prediction_words and not s.past):
        return "prediction"
    if s.causal:
        return "causal"
    if s.has_number:
        return "quantity"
    if s.speaker or s.quoted or (s.reporting and s.lang == "en"):
        return "attribution"
    if s.event_hits or (s.entities and s.has_verb):
        return "event"
    return "other"
