"""What kind of claim a sentence makes.

Order matters: a question is never a fact; an opinion with no hard anchor is
an opinion even if it mentions Microsoft; speculation about the future is a
prediction; then causal, quantity, attribution, event.
"""

from __future__ import annotations

from . import lexicon as lx
from .features import Sentence

CLAIM_TYPES = ("event", "quantity", "attribution", "prediction", "causal", "opinion", "other")


def anchors(s: Sentence) -> int:
    """Hard, checkable anchors: named entities, numbers, event words."""
    named = len({e["text"] for e in s.entities if e["label"] in ("PER", "ORG", "LOC")})
    return named + (2 if s.has_number else 0) + (1 if s.has_date else 0) + min(s.event_hits, 2)


def scheduled(s: Sentence) -> bool:
    """A future with a date, an amount or a source is an announced plan
    ("sera présenté le 12 juin", "prendra ses fonctions lundi"): checkable."""
    return s.has_date or s.has_number or bool(s.reporting) or bool(s.speaker)


def is_opinion(s: Sentence) -> bool:
    # "Je trouve que…" is a view; "ma cousine a vu 3 cas", "my landlord raised my rent by $400" are testimony.
    if s.first_person and not s.quoted and not (s.has_number or s.has_date):
        return True
    if (set(s.words) & lx.EVALUATIVE_VERBS[s.lang] and s.event_hits == 0
            and not (s.has_number or s.has_date)):
        return True
    if s.subjective >= 3:
        return True
    return s.subjective >= 1 and anchors(s) == 0 or s.subjective >= 2 and anchors(s) <= 1


def classify(s: Sentence) -> str:
    if s.modality == "question":
        return "other"
    if s.quoted and s.speaker:
        return "attribution"   # "X said Y" is checkable whatever Y is
    if is_opinion(s):
        return "opinion"
    if s.modal_prediction or ((s.future or s.prediction_words) and not s.past and not scheduled(s)):
        return "prediction"
    if s.causal:
        return "causal"
    if s.has_number:
        return "quantity"
    if s.event_hits and s.entities:
        return "event"         # "X hired Y, the company said": the hire is the claim
    if s.speaker or s.quoted or (s.reporting and s.lang == "en"):
        return "attribution"
    if s.event_hits or (s.entities and s.has_verb):
        return "event"
    return "other"
