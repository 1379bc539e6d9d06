"""Post-NER clean-up of the French model's usual mistakes.

Runs after `ner`. Gazetteer entities come from the ruler placed before the
NER and are never touched here (they are proper names by construction).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

# Job titles the NER tags as MISC ("CoFondateur & CTO"): not entities.
TITLE_WORDS = {
    "ceo", "cto", "cfo", "coo", "pdg", "dg", "président", "présidente", "directeur",
    "directrice", "fondateur", "fondatrice", "cofondateur", "cofondatrice", "co-fondateur",
    "co-fondatrice", "&", "et", "de", "du", "général", "générale", "founder", "co-founder",
    "president", "chief", "executive", "officer", "and", "of", "ministre", "minister",
}
# Sentence-initial words the NER likes to promote to entities.
NOT_NAMES = {
    "quels", "quel", "quelle", "quelles", "voici", "voilà", "ceci", "cela", "il", "elle",
    "ils", "elles", "nous", "on", "selon", "cependant", "ainsi", "alors", "post-scriptum",
}


PARTICLES = {"de", "du", "des", "d'", "la", "le", "les", "l'", "et", "&", "van", "von", "der", "da", "di"}
CUT_POS = {"ADP", "VERB", "AUX", "DET", "PRON", "SCONJ", "CCONJ", "NUM"}


def _is_elision(text: str) -> bool:
    return len(text) <= 3 and text.endswith(("'", "’"))


@Language.factory("factcheck_entity_fixes")
def make_entity_fixes(nlp: Language, name: str):
    return EntityFixes()


class EntityFixes:
    def __call__(self, doc: Doc) -> Doc:
        fixed = []
        changed = False
        for ent in doc.ents:
            if ent.ent_id_ == "gazetteer":
                fixed.append(ent)
                continue
            span = ent
            # "L'impact" (ORG), "s'" (LOC): drop the elided article, keep the
            # rest only if it still looks like a name.
            while len(span) and _is_elision(span[0].text):
                span = doc[span.start + 1 : span.end]
            # "La Vigie pour un euro symbolique": the span ran on past the name.
            for k in range(1, len(span)):
                t = span[k]
                if t.text[:1].islower() and t.lower_ not in PARTICLES and t.pos_ in CUT_POS:
                    span = doc[span.start : span.start + k]
                    break
            while len(span) > 1 and span[-1].lower_ in PARTICLES | {",", "-"}:
                span = doc[span.start : span.end - 1]
            keep = bool(len(span)) and span.text[:1].isupper()
            if keep and len(span) == 1 and span.text.lower() in NOT_NAMES:
                keep = False
            if keep and all(t.lower_ in TITLE_WORDS or t.is_punct for t in span):
                keep = False
            if keep and len(span) == 1 and span[0].pos_ in ("DET", "PRON", "ADV", "ADP", "VERB", "AUX", "NOUN") and span[0].is_sent_start:
                keep = False
            if keep:
                if (span.start, span.end) != (ent.start, ent.end):
                    span = Span(doc, span.start, span.end, label=ent.label_)
                    changed = True
                fixed.append(span)
            else:
                changed = True
        if changed:
            doc.ents = fixed
        return doc
