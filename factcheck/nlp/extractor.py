"""extract(): texts in, claims out.

Flow per group of articles:
  prepare (length-preserving normalisation, lines → pieces)
  → detect language → nlp.pipe over all pieces of the group (one Doc per
    line: newlines are hard boundaries, Docs stay small)
  → per-sentence features, inside `nlp.memory_zone()` once the worker's vocab
    has grown by its budget (vocab_budget: common words are kept, memory stays
    bounded)
  → article-level passes on plain data: quotes and speakers, headlines,
    claim type, score, self-contained claim text.
"""

from __future__ import annotations

import bisect
import dataclasses
from itertools import islice
from typing import Iterator

from . import langdetect, vocab_budget
from .claim_types import classify
from .features import Sentence, analyse
from .gazetteer import apply as apply_gazetteer
from .quotes import PRONOUN_ATTRIBUTION, attribute_quotes, inline_speaker
from .claimlist import ClaimList, claim_key
from .restate import restate
from .scoring import rank
from .spans import inside_quote_marks as _inside_quote_marks, trim_span
from .textprep import Prepared, prepare

ENTITY_LABELS = {"PER", "ORG", "LOC", "MISC"}
# Articles handled together: enough pieces for efficient batching, few
# enough that the first results come quickly and memory stays bounded.
ARTICLES_PER_GROUP = 32


def normalise_lang(lang: str | None) -> str | None:
    if not lang:
        return None
    lang = lang.lower().split("-")[0].split("_")[0]
    return lang if lang in langdetect.SUPPORTED else None


def extract(texts, lang=None, gazetteer=None, batch_size=64, load=None, max_claims=None) -> Iterator[list[dict]]:
    if isinstance(texts, str):
        texts = [texts]
    forced = normalise_lang(lang)
    it = iter(texts)
    while True:
        group = list(islice(it, ARTICLES_PER_GROUP))
        if not group:
            return
        yield from _extract_group(group, forced, gazetteer, batch_size, load, max_claims)


def _extract_group(group, forced, gazetteer, batch_size, load, max_claims=None) -> list[list[dict]]:
    preps, langs, sentences = analyse_group(group, forced, gazetteer, batch_size, load)
    return [claims_for_article(p, sents, lang, max_claims) for p, lang, sents in zip(preps, langs, sentences)]


def analyse_group(group, forced, gazetteer, batch_size, load):
    """Prepared texts, their languages and their clause features (plain data)."""
    preps = [prepare(t if isinstance(t, str) else str(t or "")) for t in group]
    langs = [forced or langdetect.detect(p.normalised) for p in preps]
    sentences: list[list[Sentence]] = [[] for _ in preps]
    for lang in sorted(set(langs)):
        todo, repeats, firsts = [], [], {}
        for ti, p in enumerate(preps):
            if langs[ti] != lang:
                continue
            for piece in p.pieces:
                # A paragraph pasted again is analysed once: the same words give the same clauses.
                first = firsts.setdefault((ti, piece.text), piece)
                if first is piece:
                    todo.append((piece.text, (ti, piece)))
                else:
                    repeats.append((ti, piece, first))
        if not todo:
            continue
        # Similar lengths batch together: less padding in the CNN/parser batches.
        todo.sort(key=lambda item: len(item[0]))
        nlp = load(lang)
        apply_gazetteer(nlp, lang, gazetteer)
        by_piece: dict[tuple[int, int], list[Sentence]] = {}
        # The group's full length, repeats included: a long text runs in a zone (vocab_budget).
        chars = sum(len(text) for text, _info in todo) + sum(len(piece.text) for _ti, piece, _f in repeats)
        with vocab_budget.zone(nlp, chars=chars):
            for doc, (ti, piece) in nlp.pipe(todo, as_tuples=True, batch_size=batch_size):
                found = by_piece.setdefault((ti, piece.start), [])
                for sent in doc.sents:
                    if sent.text.strip():
                        found.extend(analyse(sent, lang, piece.start, piece.line))
                sentences[ti].extend(found)
        for ti, piece, first in repeats:
            delta = piece.start - first.start
            sentences[ti].extend(shifted(s, delta, piece.line) for s in by_piece[(ti, first.start)])
    return preps, langs, sentences


def shifted(s: Sentence, delta: int, line: int) -> Sentence:
    """The clause of a repeated paragraph, moved to where the repeat is."""
    return dataclasses.replace(
        s, start=s.start + delta, end=s.end + delta, sent_start=s.sent_start + delta,
        sent_end=s.sent_end + delta, line=line,
        entities=[{**e, "start": e["start"] + delta, "end": e["end"] + delta} for e in s.entities],
        hedge_cues=list(s.hedge_cues), reporting=list(s.reporting), words=list(s.words), verbs=set(s.verbs),
    )


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    e = len(text) if e < 0 else e
    line = text[s:e]
    return s + len(line) - len(line.lstrip()), e - (len(line) - len(line.rstrip()))


_TITLES = {"m.", "mme", "mr", "mrs", "ms", "dr", "président", "ministre", "maire", "sénateur", "député"}


def harmonise_entities(sents: list[Sentence], orig: str) -> None:
    """Article-level entity fixes on plain data.

    News style names a person in full first ("Sam Altman", then "Altman"),
    so a lone capitalised word tagged PER that never appears as the end of a
    full name is, far more often, a company the model does not know
    ("fragilise Calyxa"): relabel it ORG. Then one label per surface form,
    the gazetteer's or else the most frequent."""
    ents = [e for s in sents for e in s.entities]
    surnames = {e["text"].split()[-1] for e in ents if e["label"] == "PER" and len(e["text"].split()) > 1}
    for e in ents:
        e["text"] = orig[e["start"] : e["end"]]
        if (e["label"] == "PER" and not e["gazetteer"] and " " not in e["text"]
                and e["text"] not in surnames
                and orig[max(0, e["start"] - 12) : e["start"]].split()[-1:] not in [[t] for t in _TITLES]):
            e["label"] = "ORG"
    votes: dict[str, dict[str, int]] = {}
    for e in ents:
        v = votes.setdefault(e["text"], {})
        v[e["label"]] = v.get(e["label"], 0) + (100 if e["gazetteer"] else 1)
    for e in ents:
        v = votes[e["text"]]
        e["label"] = max(v, key=v.get)


def _pronoun_speakers(sents: list[Sentence], norm: str) -> None:
    """« … », a-t-il précisé: the quote is the last named speaker's, or else
    the last person named before it."""
    last = ""
    for s in sents:
        if s.quoted and not s.speaker and s.quote_span:
            after = norm[s.quote_span[1] : s.sent_end + 1].lstrip(" »”\"")
            if PRONOUN_ATTRIBUTION.match(after):
                s.speaker = last
        if s.speaker:
            last = s.speaker
        else:
            people = [e["text"] for e in s.entities if e["label"] == "PER" and " " in e["text"]]
            if people:
                last = people[-1]


def annotate(p: Prepared, sents: list[Sentence], lang: str) -> list[Sentence]:
    """Article-level passes on plain data: entities, quotes and speakers,
    headlines, restatements, type and score. Returns the clauses that can
    be claims, in text order."""
    sents.sort(key=lambda s: (s.sent_start, s.start))
    norm, orig = p.normalised, p.original
    harmonise_entities(sents, orig)
    quotes = attribute_quotes(norm, lang)
    starts = [q.start for q in quotes]
    speaker_lines = {q.speaker_line[0] for q in quotes if q.speaker_line}  # line starts
    for s in sents:
        s.text = orig[s.sent_start : s.sent_end]
        ls, le = _line_bounds(norm, s.sent_start)
        s.whole_line = s.sent_start <= ls and s.sent_end >= le
        s.headline = s.whole_line and not s.final_punct
        body = sum(1 for ch in norm[s.start : s.end] if not ch.isspace()) or 1
        if norm.rfind("\n", 0, s.start) + 1 in speaker_lines:
            s.speaker_line = True
        # Quotes are sorted and disjoint: walk back from the last one that
        # starts before the sentence ends (keeps 2 MB pastes linear-ish).
        k = bisect.bisect_left(starts, s.end) - 1
        while k >= 0 and quotes[k].end > s.start:
            q = quotes[k]
            k -= 1
            inside = sum(1 for ch in norm[max(s.start, q.start) : min(s.end, q.end)] if not ch.isspace())
            # Mostly quotation, or «…», a déclaré X: the claim is the quotation.
            opens_with_quote = q.start <= s.start < q.end or (q.start >= s.start and not norm[s.start : q.start].strip())
            if inside / body > 0.5 or (opens_with_quote and inside / body > 0.3 and q.speaker):
                s.quoted = True
                s.speaker = s.speaker or q.speaker
                if q.start >= s.start and q.end <= s.end:
                    s.quote_span = _inside_quote_marks(norm, q.start, q.end)
        cues = {c.lower() for c in s.hedge_cues}
        if not s.quoted and (s.reporting or cues & {"selon", "d'après", "according to"}):
            s.speaker = inline_speaker(norm[s.sent_start : s.sent_end], lang, s.entities, s.sent_start)

    _pronoun_speakers(sents, norm)
    # Write inserted elisions the way the article does.
    apostrophe = "’" if orig.count("’") > orig.count("'") else "'"
    kept = []
    for i, s in enumerate(sents):
        # Verbless lines are captions and headlines, except a figure stated in a post:
        # "1 250 € pour un studio de 18 m² dans le 11e", "42,3 degrés relevés à Carpentras".
        if s.speaker_line or s.n_words < 3 or not (s.has_verb or s.has_number and s.n_words >= 5):
            continue
        if s.n_words > 20 and s.diversity < 0.3:
            continue  # "mot mot mot…", pasted tables: not prose
        if s.quote_span:
            s.start, s.end = s.quote_span
        s.start, s.end = trim_span(orig, norm, s.start, s.end)
        if s.end <= s.start:
            continue
        s.normalized, s.resolved_subject = restate(sents, i, orig, norm, lang, apostrophe)
        ctype = classify(s)
        s.claim_type, s.score = rank(s, ctype)
        kept.append(s)
    return kept


def claims_for_article(p: Prepared, sents: list[Sentence], lang: str, max_claims: int | None = None) -> ClaimList:
    orig = p.original
    claims = ClaimList()
    seen: dict[str, dict] = {}
    for s in annotate(p, sents, lang):
        text = orig[s.start : s.end]
        key = claim_key(text)
        first = seen.get(key)
        if first is not None:
            # The same words again (a pasted paragraph, a refrain): one claim, counted.
            first["occurrences"] += 1
            continue
        claim = seen[key] = {
            "text": text,
            "sentence": s.text,
            "start": s.start,
            "end": s.end,
            "sentence_start": s.sent_start,
            "sentence_end": s.sent_end,
            "normalized": s.normalized,
            "occurrences": 1,
            "score": s.score,
            "claim_type": s.claim_type,
            "modality": s.modality,
            "quoted": s.quoted,
            "speaker": s.speaker,
            "entities": [
                {k: e[k] for k in ("text", "label", "start", "end")}
                for e in s.entities if e["label"] in ENTITY_LABELS
            ],
            "language": lang,
        }
        claims.append(claim)
    if max_claims is not None and len(claims) > max_claims:
        best = sorted(claims, key=lambda c: (-c["score"], c["start"]))[: max(0, max_claims)]
        keep = {id(c) for c in best}
        claims.dropped = len(claims) - len(best)
        claims[:] = [c for c in claims if id(c) in keep]
    return claims
