"""Reference facts: a small knowledge base editors keep in the admin (who is CEO since when, how
much was invested…). A claim naming a fact's subject and relation is checked against the value
that held on the day the article was published."""

from django.utils import dateformat
from django.utils.translation import gettext as _

from factcheck.models import Evidence, ReferenceFact

from . import describe
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


def mentions_value(fact, text, folded):
    """True, False (a different value of the same kind: a figure), or None (not mentioned)."""
    expected = quantities(fact.value)
    if expected:
        found = [q for q in quantities(text) if q.unit in {e.unit for e in expected}]
        if not found:
            return None
        return agreeing_quantities(expected, found)
    key = name_key(fact.value)
    if key and contains_phrase(folded, key):
        return True
    surname = key.split()[-1] if key else ""
    if len(key.split()) > 1 and len(surname) > 3 and contains_phrase(folded, surname):
        return True
    return None


def period(fact):
    fmt = lambda d: dateformat.format(d, "j M Y")  # noqa: E731
    if fact.valid_from and fact.valid_to:
        return f"{fmt(fact.valid_from)}–{fmt(fact.valid_to)}"
    if fact.valid_from:
        return _("since %(day)s") % {"day": fmt(fact.valid_from)}
    if fact.valid_to:
        return _("until %(day)s") % {"day": fmt(fact.valid_to)}
    return ""


def label(fact):
    when = period(fact)
    text = f"{fact.subject} {fact.relation} = {fact.value}"
    return f"{text} ({when})" if when else text


def finding(fact, stance, confidence, explanation):
    return Finding(
        key=f"fact:{fact.pk}", kind=Evidence.KIND_REFERENCE_FACT, stance=stance,
        confidence=confidence, explanation=explanation[:500], reference_fact_id=fact.pk,
        url=fact.source_url, excerpt=label(fact),
    )


def check_group(facts, text, day):
    """Pure: facts sharing (subject, relation), the claim text, the article's day → findings."""
    folded = fold(text)
    if not any(about(f, folded) for f in facts):
        return []
    holding = [f for f in facts if f.holds_on(day)]
    verdicts = {f.pk: mentions_value(f, text, folded) for f in facts}
    matched = [f for f in holding if verdicts[f.pk] is True]
    if matched:
        return [finding(f, Evidence.STANCE_SUPPORTS, 0.8,
                        _("Matches reference fact: %(fact)s") % {"fact": label(f)})
                for f in matched]
    if not holding:
        return []
    other_value = [f for f in facts if f not in holding and verdicts[f.pk] is True]
    wrong_figure = [f for f in holding if verdicts[f.pk] is False]
    if other_value or wrong_figure:
        fact = holding[0]
        return [finding(
            fact, Evidence.STANCE_CONTRADICTS, 0.7 if other_value else 0.75,
            _("Differs from reference fact on %(day)s: %(fact)s") % {
                "day": dateformat.format(day, "j M Y"), "fact": label(fact)},
        )]
    return []


class ReferenceFactsVerifier(Verifier):
    version = "1"

    def gather_many(self, claims):
        context = self.gather(None)  # the same facts for every claim: read them once
        return {c.pk: context for c in claims}

    def gather(self, claim):
        groups = {}
        for fact in ReferenceFact.objects.order_by("subject", "relation", "-valid_from"):
            groups.setdefault((fold(fact.subject), fold(fact.relation)), []).append(fact)
        return list(groups.values())

    def check(self, claim, context) -> Result:
        day = describe.published(claim.article).date()  # the desk's day, not UTC's
        findings = []
        for facts in context or []:
            findings.extend(check_group(facts, claim.text, day))
        return Result(findings=findings)
