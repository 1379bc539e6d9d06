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
import logging
from itertools import islice
from typing import Iterator

from . import langdetect, vocab_budget
from .claim_types import classify
from .features import Sentence, analyse
from .gazetteer import apply as apply_gazetteer
from .quotes import attribute_quotes, inline_speaker
from .scoring import MIN_SCORE, score
from .subjects import resolve, strip_quotes
from .textprep import Prepared, display, prepare

log = logging.getLogger(__name__)

ENTITY_LABELS = {"PER", "ORG", "LOC", "MISC"}
# Articles handled together: enough pieces for efficient batching, few
# enough that the first results come quickly and memory stays bounded.
ARTICLES_PER_GROUP = 32


def normalise_lang(lang: str | None) -> str | None:
    if not lang:
        return None
    lang = lang.lower().split("-")[0].split("_")[0]
    return lang if lang in langdetect.SUPPORTED else None


def extract(texts, lang=None, gazetteer=None, batch_size=64, load=None) -> Iterator[list[dict]]:
    if isinstance(texts, str):
        texts = [texts]
    forced = normalise_lang(lang)
    it = iter(texts)
    while True:
        group = list(islice(it, ARTICLES_PER_GROUP))
        if not group:
            return
        yield from _extract_group(group, forced, gazetteer, batch_size, load)


def _extract_group(group, forced, gazetteer, batch_size, load) -> list[list[dict]]:
    preps = [prepare(t if isinstance(t, str) else str(t or "")) for t in group]
    langs = [forced or langdetect.detect(p.normalised) for p in preps]
    sentences: list[list[Sentence]] = [[] for _ in preps]
    for lang in sorted(set(langs)):
        todo = [
            (piece.text, (ti, piece))
            for ti, p in enumerate(preps)
            if langs[ti] == lang
            for piece in p.pieces
        ]
        if not todo:
            continue
        # Similar lengths batch together: less padding in the CNN/parser batches.
        todo.sort(key=lambda item: len(item[0]))
        nlp = load(lang)
        apply_gazetteer(nlp, lang, gazetteer)
        with vocab_budget.zone(nlp, chars=sum(len(text) for text, _info in todo)):
            for doc, (ti, piece) in nlp.pipe(todo, as_tuples=True, batch_size=batch_size):
                for sent in doc.sents:
                    if sent.text.strip():
                        sentences[ti].append(analyse(sent, lang, piece.start, piece.line))
    out = []
    for p, lang, sents in zip(preps, langs, sentences):
        if p.truncated:
            log.warning("article of %d chars: only the first %d analysed", len(p.original), len(p.normalised))
        out.append(claims_for_article(p, sents, lang))
    return out


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


def claims_for_article(p: Prepared, sents: list[Sentence], lang: str) -> list[dict]:
    sents.sort(key=lambda s: s.start)
    norm, orig = p.normalised, p.original
    harmonise_entities(sents, orig)
    quotes = attribute_quotes(norm, lang)
    starts = [q.start for q in quotes]
    speaker_lines = {q.speaker_line[0] for q in quotes if q.speaker_line}  # line starts
    for s in sents:
        s.text = orig[s.start : s.end]
        ls, le = _line_bounds(norm, s.start)
        s.whole_line = s.start <= ls and s.end >= le
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
                    s.quote_span = (q.start, q.end)
        cues = {c.lower() for c in s.hedge_cues}
        if not s.quoted and (s.reporting or cues & {"selon", "d'après", "according to"}):
            s.speaker = inline_speaker(norm[s.start : s.end], lang, s.entities, s.start)

    # Write inserted elisions the way the article does.
    apostrophe = "’" if orig.count("’") > orig.count("'") else "'"
    claims = []
    for i, s in enumerate(sents):
        if s.speaker_line or not s.has_verb or s.n_words < 3:
            continue
        if s.n_words > 20 and s.diversity < 0.3:
            continue  # "mot mot mot…", pasted tables: not prose
        if s.quote_span:
            text = strip_quotes(display(orig, norm, *s.quote_span))
        else:
            text = display(orig, norm, s.start, s.end)
            text = strip_quotes(text) if s.quoted else text
        text, s.resolved_subject = resolve(sents, i, text, lang, apostrophe)
        ctype = classify(s)
        sc = score(s, ctype)
        if sc < MIN_SCORE:
            continue
        claims.append({
            "text": text,
            "sentence": s.text,
            "start": s.start,
            "end": s.end,
            "score": sc,
            "claim_type": ctype,
            "modality": s.modality,
            "quoted": s.quoted,
            "speaker": s.speaker,
            "entities": [
                {k: e[k] for k in ("text", "label", "start", "end")}
                for e in s.entities if e["label"] in ENTITY_LABELS
            ],
            "language": lang,
        })
    return claims
