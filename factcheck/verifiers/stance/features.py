"""What the stance judge compares in a pair of texts (`PairFeatures`): overlap, and the signs of a
contradiction with the words that show them (`Cue`, for the reason an editor reads)."""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon as lx
from .side import Side


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.02 * max(abs(x), abs(y), 1e-9)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.replace("-", " ").split() if len(w) > 2 or w.isupper())


def _name_match(key: str, others) -> bool:
    """Same name, same last word ('altman' / 'sam altman'), one inside the other, a shared part of
    a hyphenated name ('covid-19' / 'anti-covid'), or an acronym ('oms' / 'organisation mondiale …')."""
    if key in others:
        return True
    parts = key.replace("-", " ").split()
    for other in others:
        oparts = other.replace("-", " ").split()
        if parts[-1] == oparts[-1] and len(parts[-1]) > 2:
            return True
        if key in other or other in key:
            return True
        if set(p for p in parts if len(p) > 3) & set(p for p in oparts if len(p) > 3):
            return True
        if len(parts) == 1 and len(key) >= 2 and (key == _initials(other) or key.rstrip("s") == _initials(other)):
            return True
        if len(oparts) == 1 and len(other) >= 2 and other == _initials(key):
            return True
    return False


@dataclass
class Cue:
    """One sign of contradiction, with the words that show it (for the reason)."""

    code: str
    claim: str = ""
    evidence: str = ""


@dataclass
class PairFeatures:
    values: dict
    cues: list


FEATURE_NAMES = [
    "coverage_claim", "coverage_evidence", "jaccard", "shared_names", "vector_cosine",
    "polarity_mismatch", "negated_evidence_only", "negated_claim_only", "denial_evidence", "denial_claim",
    "antonym", "quantifier_mismatch", "number_mismatch", "number_match", "date_mismatch", "date_match",
    "name_mismatch", "place_mismatch", "person_mismatch", "substitutions", "cause_mismatch",
    "hedged_claim", "hedged_evidence", "unmatched_claim_share", "length_ratio",
    "negated_shared_mismatch", "rebuttal_evidence", "rebuttal_claim", "numbers_unmatched_share",
    "direction_mismatch", "near_copy_substitution",
    "contrast_claim", "contrast_evidence", "reporting_claim", "reporting_evidence",
]
# Contradiction cues only count when the two texts talk about the same thing: products with coverage.
INTERACTIONS = [
    "direction_mismatch", "negated_shared_mismatch", "polarity_mismatch", "negated_evidence_only", "negated_claim_only", "denial_evidence", "antonym",
    "quantifier_mismatch", "number_mismatch", "date_mismatch", "name_mismatch", "substitutions",
]
ALL_FEATURES = FEATURE_NAMES + [f"{name}*coverage" for name in INTERACTIONS]


def compare(claim: Side, evidence: Side) -> PairFeatures:
    c, e = claim, evidence
    cues: list[Cue] = []
    shared = c.lemmas & e.lemmas
    cov_c = len(shared) / len(c.lemmas) if c.lemmas else 0.0
    cov_e = len(shared) / len(e.lemmas) if e.lemmas else 0.0
    jacc = len(shared) / len(c.lemmas | e.lemmas) if (c.lemmas or e.lemmas) else 0.0
    shared_names = sum(1 for k in c.names if _name_match(k, e.names))
    cosine = 0.0
    if c.vector is not None and e.vector is not None:
        import numpy as np

        na, nb = float(np.linalg.norm(c.vector)), float(np.linalg.norm(e.vector))
        if na and nb:
            cosine = float(np.dot(c.vector, e.vector) / (na * nb))

    # polarity: negations and denials flip what a text asserts
    pol_c = (c.negations + (1 if c.denials else 0)) % 2
    pol_e = (e.negations + (1 if e.denials else 0)) % 2
    neg_e_only = int(e.negations > 0 and c.negations == 0)
    neg_c_only = int(c.negations > 0 and e.negations == 0)
    if e.denials and not c.denials:
        cues.append(Cue("denial", "", e.denials[0]))
    if c.denials and not e.denials:
        cues.append(Cue("negation_claim"))
    if neg_e_only:
        cues.append(Cue("negation_evidence"))
    elif neg_c_only:
        cues.append(Cue("negation_claim"))

    antonym = None
    for lemma in c.lemmas - e.lemmas:
        for opposite in lx.ANTONYM_OF.get(lemma, ()):
            if opposite in e.lemmas and opposite not in c.lemmas:
                antonym = (c.words.get(lemma, lemma), e.words.get(opposite, opposite))
                break
        if antonym:
            break
    if antonym:
        cues.append(Cue("antonym", *antonym))

    direction = None
    for dc, de in (("up", "down"), ("down", "up")):
        if dc in c.direction and de in e.direction and de not in c.direction and dc not in e.direction:
            direction = (c.direction[dc], e.direction[de])
    if direction and not antonym:
        cues.append(Cue("antonym", *direction))

    quant = None
    for kc, ke in (("universal", "none"), ("universal", "partial"), ("none", "universal"),
                   ("partial", "universal"), ("none", "partial"), ("partial", "none")):
        if kc in c.quantifiers and ke in e.quantifiers and kc not in e.quantifiers:
            quant = (c.quantifiers[kc], e.quantifiers[ke])
            break
    if quant:
        cues.append(Cue("quantifier", *quant))

    number_mismatch = number_match = 0
    for mine, theirs in ((c.numbers, e.numbers), (c.percents, e.percents)):
        if mine and theirs:
            if any(_close(x, y) for x in mine for y in theirs):
                number_match = 1
            else:
                x, y = next(iter(mine)), next(iter(theirs))
                number_mismatch = 1
                cues.append(Cue("number", mine[x], theirs[y]))
    date_mismatch = date_match = 0
    for mine, theirs in ((c.dates, e.dates), (c.years, e.years), (c.months, e.months), (c.weekdays, e.weekdays)):
        if mine and theirs:
            if set(mine) & set(theirs):
                date_match = 1
            elif not date_mismatch:
                date_mismatch = 1
                cues.append(Cue("date", next(iter(mine.values())), next(iter(theirs.values()))))

    name_mismatch = place_mismatch = person_mismatch = 0
    unmatched_c = [k for k in c.names if not _name_match(k, e.names)]
    unmatched_e = [k for k in e.names if not _name_match(k, c.names)]
    for kc in unmatched_c:
        kind = c.name_kind[kc]
        same_kind = [k for k in unmatched_e if e.name_kind[k] == kind]
        if same_kind:
            ke = same_kind[0]
            if kind == "place":
                place_mismatch = 1
            elif kind == "person":
                person_mismatch = 1
            name_mismatch = 1
            cues.append(Cue(kind, c.names[kc], e.names[ke]))
            break

    # substitutions: a content word replaced by another in the same slot
    subs = 0
    cause_mismatch = 0
    only_c = [l for l in c.lemmas - e.lemmas if c.by_pos.get(l) in ("NOUN", "VERB", "ADJ", "X")]
    only_e = [l for l in e.lemmas - c.lemmas if e.by_pos.get(l) in ("NOUN", "VERB", "ADJ", "X")]
    nominal = {"NOUN": "N", "X": "N", "ADJ": "A", "VERB": "V"}
    if c.causes and e.causes and not set(c.causes) & set(e.causes):
        cause_mismatch = 1
        lc, le = next(iter(c.causes)), next(iter(e.causes))
        cues.append(Cue("cause", c.causes[lc], e.causes[le]))
    for lc in only_c:
        prev_c, next_c = c.context.get(lc, ("", ""))
        for le in only_e:
            if nominal[e.by_pos[le]] != nominal[c.by_pos[lc]]:
                continue
            prev_e, next_e = e.context.get(le, ("", ""))
            if (prev_c and prev_c == prev_e and prev_c in shared) or (next_c and next_c == next_e and next_c in shared):
                subs += 1
                kind = "event" if c.by_pos.get(lc) == "VERB" else "object"
                if subs == 1:
                    cues.append(Cue(kind, c.words.get(lc, lc), e.words.get(le, le)))
                break
    unmatched_share = len(only_c) / max(len(c.lemmas), 1)
    length_ratio = min(len(c.lemmas), len(e.lemmas)) / max(len(c.lemmas), len(e.lemmas), 1)

    # a word both texts use, negated in one of them only: "a écrit" / "n'a pas écrit"
    flipped = sorted((c.negated ^ e.negated) & shared)
    if flipped:
        side = "negation_evidence" if flipped[0] in e.negated else "negation_claim"
        cues.append(Cue(side))
    claim_numbers = list(c.numbers) + list(c.percents)
    other_numbers = list(e.numbers) + list(e.percents)
    numbers_unmatched = (sum(1 for x in claim_numbers if not any(_close(x, y) for y in other_numbers))
                         / len(claim_numbers)) if claim_numbers and other_numbers else 0.0

    values = {
        "coverage_claim": cov_c, "coverage_evidence": cov_e, "jaccard": jacc,
        "shared_names": min(shared_names, 3) / 3, "vector_cosine": cosine,
        "polarity_mismatch": int(pol_c != pol_e), "negated_evidence_only": neg_e_only,
        "negated_claim_only": neg_c_only, "denial_evidence": int(bool(e.denials)),
        "denial_claim": int(bool(c.denials)), "antonym": int(antonym is not None),
        "quantifier_mismatch": int(quant is not None), "number_mismatch": number_mismatch,
        "number_match": number_match, "date_mismatch": date_mismatch, "date_match": date_match,
        "name_mismatch": name_mismatch, "place_mismatch": place_mismatch,
        "person_mismatch": person_mismatch, "substitutions": min(subs, 3) / 3,
        "cause_mismatch": cause_mismatch, "hedged_claim": int(c.hedged), "hedged_evidence": int(e.hedged),
        "unmatched_claim_share": unmatched_share, "length_ratio": length_ratio,
        "negated_shared_mismatch": min(len(flipped), 2) / 2, "rebuttal_evidence": min(e.rebuttals, 2) / 2,
        "rebuttal_claim": min(c.rebuttals, 2) / 2, "numbers_unmatched_share": numbers_unmatched,
        "direction_mismatch": int(direction is not None),
        # the same sentence with one word swapped: "3 200 tonnes de blé" / "3 200 tonnes de maïs"
        "near_copy_substitution": int(subs > 0 and min(cov_c, cov_e) >= 0.75),
        "contrast_claim": int(c.contrasts > 0), "contrast_evidence": int(e.contrasts > 0),
        "reporting_claim": min(c.reporting, 2) / 2, "reporting_evidence": min(e.reporting, 2) / 2,
    }
    relatedness = max(cov_c, cov_e)
    for name in INTERACTIONS:
        values[f"{name}*coverage"] = values[name] * relatedness
    return PairFeatures(values=values, cues=cues)
