"""Reference facts: a small knowledge base editors keep in the admin (who is CEO since when, how
much was invested…). A claim naming a fact's subject and relation is checked against the value
that held on the date the claim gives, or else on the day the article was published."""

import datetime
import re

from factcheck.models import Evidence, ReferenceFact

from . import describe, reasons
from .base import Finding, Result, Verifier
from .text import agreeing_quantities, contains_phrase, fold, name_key, quantities


def aliases(fact):
    return [a.strip() for a in (fact.aliases or "").split(",") if a.strip()]


def subject_names(fact):
    # Aliases are shared between subject and relation: a capitalised one that is not an acronym
    # ("Open AI") names the subject; "PDG", "directeur général" name the relation.
    return [fact.subject] + [a for a in aliases(fact) if a[:1].isupper() and not a.isupper()]


def relation_names(fact):
    return [fact.relation] + aliases(fact)


def about(fact, folded):
    """Does the claim (folded text) name the fact's subject and, separately, its relation?"""
    subjects = [s for s in subject_names(fact) if contains_phrase(folded, s)]
    relations = [r for r in relation_names(fact) if contains_phrase(folded, r)]
    return any(fold(s) != fold(r) for s in subjects for r in relations)


def _position(folded, phrase):
    """Where `phrase` first appears as whole words in already folded text, or None."""
    phrase = fold(phrase)
    if not phrase:
        return None
    match = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded)
    return match.start() if match else None


def value_position(fact, folded):
    """Where the claim names the fact's value (a name, or its surname), or None."""
    key = name_key(fact.value)
    if not key:
        return None
    found = _position(folded, key)
    surname = key.split()[-1]
    if found is None and len(key.split()) > 1 and len(surname) > 3:
        found = _position(folded, surname)
    return found


def mentions_value(fact, text, folded):
    """True, False (a different value of the same kind: a figure), or None (not mentioned)."""
    expected = quantities(fact.value)
    if expected:
        found = [q for q in quantities(text) if q.unit in {e.unit for e in expected}]
        if not found:
            return None
        return agreeing_quantities(expected, found)
    return True if value_position(fact, folded) is not None else None


def claimed(facts, folded):
    """Of the facts whose value the claim names, the one named nearest the relation ("Emmett
    Shear directeur général", not "après le départ de Sam Altman"), or None."""
    relations = [p for f in facts[:1] for r in relation_names(f)
                 if (p := _position(folded, r)) is not None]
    best = None
    for fact in facts:
        where = value_position(fact, folded)
        if where is None:
            continue
        distance = min((abs(where - r) for r in relations), default=0)
        if best is None or distance < best[0]:
            best = (distance, fact)
    return best[1] if best else None


_MONTHS = {m: i + 1 for i, names in enumerate([
    ("janvier", "january"), ("fevrier", "february"), ("mars", "march"), ("avril", "april"),
    ("mai", "may"), ("juin", "june"), ("juillet", "july"), ("aout", "august"),
    ("septembre", "september"), ("octobre", "october"), ("novembre", "november"),
    ("decembre", "december")]) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_FIRST = re.compile(rf"(?<!\w)(\d{{1,2}})(?:er)? ({_MONTH}) (\d{{4}})(?!\w)")
_MONTH_FIRST = re.compile(rf"(?<!\w)({_MONTH}) (\d{{1,2}}),? (\d{{4}})(?!\w)")


def date_in(text):
    """The first full date the claim itself gives ("le 20 novembre 2023", "November 20, 2023"),
    or None."""
    folded = fold(text)
    for pattern, order in ((_DAY_FIRST, (0, 1, 2)), (_MONTH_FIRST, (1, 0, 2))):
        match = pattern.search(folded)
        if match:
            day, month, year = (match.group(i + 1) for i in order)
            try:
                return datetime.date(int(year), _MONTHS[month], int(day))
            except ValueError:
                return None
    return None


def label(fact):
    return f"{fact.subject} {fact.relation} = {fact.value}"


def finding(fact, stance, confidence, code, day, **params):
    data = reasons.reason_data(code, day=day, fact=label(fact),
                               period=reasons.period(fact.valid_from, fact.valid_to), **params)
    return Finding(
        key=f"fact:{fact.pk}", kind=Evidence.KIND_REFERENCE_FACT, stance=stance,
        confidence=confidence, explanation=reasons.render(data, label(fact), "en")[:500],
        reference_fact_id=fact.pk, url=fact.source_url, excerpt=label(fact), data=data,
    )


def check_group(facts, text, day):
    """Pure: facts sharing (subject, relation), the claim text, the claim's day → findings.

    Names (who is CEO): the value the claim names is compared with the fact valid on `day`;
    a value that no longer (or not yet) held then contradicts it, both periods shown. Figures:
    the figure valid on `day` must agree."""
    folded = fold(text)
    if not any(about(f, folded) for f in facts):
        return []
    holding = [f for f in facts if f.holds_on(day)]
    figures = [f for f in facts if quantities(f.value)]
    if figures:
        verdicts = {f.pk: mentions_value(f, text, folded) for f in holding}
        matched = [f for f in holding if verdicts[f.pk] is True]
        if matched:
            return [finding(f, Evidence.STANCE_SUPPORTS, 0.8, "fact_matches", day) for f in matched]
        wrong = [f for f in holding if verdicts[f.pk] is False]
        return [finding(wrong[0], Evidence.STANCE_CONTRADICTS, 0.75, "fact_figure", day)] if wrong else []
    named = claimed(facts, folded)
    if named is None or not holding:
        return []
    if named in holding:
        return [finding(named, Evidence.STANCE_SUPPORTS, 0.8, "fact_matches", day)]
    return [finding(holding[0], Evidence.STANCE_CONTRADICTS, 0.7, "fact_changed", day,
                    claimed=named.value,
                    claimed_period=reasons.period(named.valid_from, named.valid_to))]


class ReferenceFactsVerifier(Verifier):
    # 2: the value named nearest the relation is compared with the fact valid on the claim's
    # date (its own, else the article's); reasons stored as codes with both dates.
    version = "2"

    def gather_many(self, claims):
        context = self.gather(None)  # the same facts for every claim: read them once
        return {c.pk: context for c in claims}

    def gather(self, claim):
        groups = {}
        for fact in ReferenceFact.objects.order_by("subject", "relation", "-valid_from"):
            groups.setdefault((fold(fact.subject), fold(fact.relation)), []).append(fact)
        return list(groups.values())

    def check(self, claim, context) -> Result:
        # The date the claim gives, else the article's day in the desk's time zone (not UTC's).
        day = date_in(claim.text) or describe.published(claim.article).date()
        findings = []
        for facts in context or []:
            findings.extend(check_group(facts, claim.text, day))
        return Result(findings=findings)
