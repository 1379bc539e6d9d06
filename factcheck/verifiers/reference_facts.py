"""Reference facts: a small knowledge base editors keep in the admin (who is CEO since when, how
much was invested…). A claim naming a fact's subject and relation is checked against the value
that held on the date the claim gives, or else on the day the article was published.

A claim may name the post only by a role word ("X, successeur annoncé", "the new CEO",
"nouveau directeur") and leave the subject to its article: its restatement (`normalized`) and
the names its article gives (title, entities) then stand for the subject, but only for a claim
naming someone who holds or held that post in the facts."""

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.models import Claim, Evidence, ReferenceFact

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


# Words naming whoever takes a post, whatever the post (folded: no accents): nouns, then verbs.
SUCCESSOR_NOUNS = ("successeur", "successeure", "successor", "remplacant", "remplacante",
                   "replacement")
SUCCESSION_VERBS = ("succede", "succedera", "succeeds", "succeeded", "remplace", "replaces",
                    "replaced")
SUCCESSION_WORDS = SUCCESSOR_NOUNS + SUCCESSION_VERBS
# "nouveau directeur" names the post of "directeur général"; "new CEO" is the relation itself.
_NEW = ("nouveau", "nouvelle", "new")
# Who leaves, not who holds: "successeur de Sam Altman", "successor to Altman", "Altman's
# successor", "succède à Altman", "succeeds Altman".
_NOUNS = "|".join(SUCCESSOR_NOUNS)
_VERBS = "|".join(SUCCESSION_VERBS)
_PREDECESSOR = (r"(?<!\w)(?:(?:{nouns})\s+(?:de |du |d'|of |to )\s*|(?:{verbs})\s+(?:a |to )?)"
                r"{name}(?!\w)|(?<!\w){name}'s\s+(?:{nouns})(?!\w)")


def role_names(fact):
    """The relation's names and the words that name whoever holds the post."""
    names = relation_names(fact)
    heads = {fold(n).split()[0] for n in names if len(fold(n).split()) > 1}
    return names + [f"{new} {head}" for head in sorted(heads) for new in _NEW]


@lru_cache(maxsize=1024)
def _role_pattern(relation, aliases, names_a_person):
    """One regex for every way a claim may name the post (checked for every claim and fact)."""
    fact = ReferenceFact(relation=relation, aliases=aliases)
    words = [fold(r) for r in role_names(fact)] + (list(SUCCESSION_WORDS) if names_a_person else [])
    alternatives = "|".join(re.escape(w) for w in sorted({w for w in words if w}, key=len,
                                                          reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def names_role(fact, folded):
    """Does the claim name the fact's relation, or the post by a role word?"""
    pattern = _role_pattern(fact.relation, fact.aliases or "", not quantities(fact.value))
    return pattern.search(folded) is not None


def about(fact, folded):
    """Does the claim (folded text) name the fact's subject and, separately, its relation?"""
    subjects = [s for s in subject_names(fact) if contains_phrase(folded, s)]
    relations = [r for r in relation_names(fact) if contains_phrase(folded, r)]
    if any(fold(s) != fold(r) for s in subjects for r in relations):
        return True
    return bool(subjects) and names_role(fact, folded) and not relations


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


def predecessor(fact, folded):
    """Does the claim name the fact's value as the one a successor replaces ("successeur de Sam
    Altman", "succeeds Altman", "remplace Altman")?"""
    key = name_key(fact.value)
    if not key:
        return False
    names = {key, key.split()[-1]}
    return any(re.search(_PREDECESSOR.format(nouns=_NOUNS, verbs=_VERBS, name=re.escape(name)),
                         folded) for name in names)


def claimed(facts, folded):
    """Of the facts whose value the claim names, the one named nearest the relation ("Emmett
    Shear directeur général", not "après le départ de Sam Altman"), or None. One named as the
    predecessor of a successor is not the one the claim puts in the post."""
    relations = [p for f in facts[:1] for r in role_names(f) + list(SUCCESSION_WORDS)
                 if (p := _position(folded, r)) is not None]
    best = None
    for fact in facts:
        where = value_position(fact, folded)
        if where is None or predecessor(fact, folded):
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


def names_subject_in(facts, folded_article):
    """Does the claim's article (its title and names, folded) name the facts' subject?"""
    return any(contains_phrase(folded_article, s) for s in subject_names(facts[0]))


def check_group(facts, text, day, article_names=""):
    """Pure: facts sharing (subject, relation), the claim text (with its restatement), the
    claim's day, the names its article gives (folded) → findings.

    Names (who is CEO): the value the claim names is compared with the fact valid on `day`;
    a value that no longer (or not yet) held then contradicts it, both periods shown. Figures:
    the figure valid on `day` must agree. A claim naming a holder of the post and the post (or
    a role word: "successeur", "new CEO") without its subject is about the subject its article
    names."""
    folded = fold(text)
    if not any(about(f, folded) for f in facts):
        # Cheapest test first: most claims name nobody who ever held the post.
        if any(quantities(f.value) for f in facts) \
                or all(value_position(f, folded) is None for f in facts) \
                or not names_role(facts[0], folded) or claimed(facts, folded) is None \
                or not names_subject_in(facts, article_names):
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


@dataclass
class FactContext:
    """What check() reads: the fact groups, the claim's restatement, its article's names."""

    groups: list = field(default_factory=list)
    normalized: str = ""
    article_names: str = ""


class ReferenceFactsVerifier(Verifier):
    # 3: role words ("successeur", "new CEO") name the post; the restatement and the article's
    # names give the subject the claim leaves out.
    version = "3"

    def gather_many(self, claims):
        groups = self.facts()  # the same facts for every claim: read them once
        if not groups:
            return {c.pk: FactContext() for c in claims}
        ids = [c.pk for c in claims]
        # The claims' restatements (one query: the verification batch loads claims without
        # them); they name what the verbatim words leave to context, pronouns included.
        restated = dict(Claim.objects.filter(pk__in=ids).exclude(normalized="")
                        .values_list("pk", "normalized"))
        # The names the articles give, only for claims naming someone who holds or held a post
        # (most claims name none: no second query for them).
        holders = [f for facts in groups if not any(quantities(f.value) for f in facts)
                   for f in facts]
        naming = []
        for c in claims:
            folded = fold(f"{c.text} {restated.get(c.pk, '')}")
            if any(value_position(f, folded) is not None for f in holders):
                naming.append(c)
        names = {}
        if naming:
            for article_id, entities in Claim.objects.filter(
                    article_id__in={c.article_id for c in naming}, is_current=True
            ).values_list("article_id", "entities"):
                names.setdefault(article_id, set()).update(
                    e.get("text", "") for e in entities or [] if e.get("label") != "PER")
        return {c.pk: FactContext(groups, restated.get(c.pk, ""), fold(" ".join(
            [c.article.title or "", *sorted(names.get(c.article_id, ()))])))
            for c in claims}

    def gather(self, claim):
        return self.gather_many([claim])[claim.pk]

    @staticmethod
    def facts():
        groups = {}
        for fact in ReferenceFact.objects.order_by("subject", "relation", "-valid_from"):
            groups.setdefault((fold(fact.subject), fold(fact.relation)), []).append(fact)
        return list(groups.values())

    def check(self, claim, context) -> Result:
        context = context or FactContext()
        # The date the claim gives, else the article's day in the desk's time zone (not UTC's).
        day = date_in(claim.text) or describe.published(claim.article).date()
        # The restatement names what the verbatim words leave to context ("successeur annoncé
        # d'OpenAI"); the claim's own words come first, so a date or a name in them wins.
        text = f"{claim.text} {context.normalized}".strip()
        findings = []
        for facts in context.groups:
            findings.extend(check_group(facts, text, day, context.article_names))
        return Result(findings=findings)
