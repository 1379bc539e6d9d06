"""Which stored claim a newly extracted one is, when extraction runs again on an article.

First the same span, then the same wording (the text was edited above it), then the same
sentence: a sentence stored as one claim and now split into clauses (or clauses now one claim)
keeps its id, review status and history on the clause that overlaps it most.
"""

from factcheck.models.claim import fingerprint, wording_key


def match_claims(body, extracted, existing):
    """{index in `extracted`: stored claim}, each stored claim matched at most once."""
    by_span = {(c.start, c.end): c for c in existing}
    by_wording = {}
    for c in existing:
        by_wording.setdefault(wording_key(c.sentence, c.text), c)
    matches, taken = {}, set()
    for i, item in enumerate(extracted):
        claim = by_span.get((item["start"], item["end"]))
        if claim is None:
            claim = by_wording.get(wording_key(item["sentence"], item["text"]))
        if claim is not None and claim.pk not in taken:
            taken.add(claim.pk)
            matches[i] = claim
    left = [c for c in existing if c.pk not in taken]
    if left:
        matches.update(match_by_sentence(
            body, [(i, item) for i, item in enumerate(extracted) if i not in matches], left))
    return matches


def match_by_sentence(body, items, claims):
    """{item index: claim} for items and claims of the same sentence whose spans overlap, the
    largest overlaps first. Quadratic in what the first two keys left over, which is a few
    claims unless the extractor itself changed."""
    pairs = []
    sentence_keys = {claim.pk: fingerprint(claim.sentence) for claim in claims}
    for i, item in items:
        item_key = fingerprint(item["sentence"])
        for claim in claims:
            same_sentence = sentence_keys[claim.pk] == item_key
            shared = overlap(body, item, claim, same_sentence)
            if shared > 0:
                pairs.append((-shared, i, claim.start, claim))
    pairs.sort(key=lambda pair: pair[:3])
    matches, taken = {}, set()
    for _shared, i, _start, claim in pairs:
        if i not in matches and claim.pk not in taken:
            matches[i] = claim
            taken.add(claim.pk)
    return matches


def overlap(body, item, claim, same_sentence):
    """Characters `item` and the stored `claim` share inside one sentence; 0 when they are not
    in the same sentence. `same_sentence`: both sentences read the same."""
    sentence_start, sentence_end = item.get("sentence_start"), item.get("sentence_end")
    if (sentence_start is not None and sentence_start <= claim.start
            and claim.end <= sentence_end and body[claim.start:claim.end] == claim.text):
        # The stored words are still where they were, inside this sentence.
        return min(item["end"], claim.end) - max(item["start"], claim.start)
    if not same_sentence:
        return 0
    # The same sentence moved (text edited above it): compare places within the sentence.
    claim_start = claim.sentence.find(claim.text)
    item_start = (item["start"] - sentence_start if sentence_start is not None
                  else item["sentence"].find(item["text"]))
    if claim_start < 0 or item_start < 0:
        return 0
    return (min(item_start + len(item["text"]), claim_start + len(claim.text))
            - max(item_start, claim_start))
