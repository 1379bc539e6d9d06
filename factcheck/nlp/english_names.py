"""Reduced-mode English NER: capitalised-word runs, labelled by cues.

There is no English pipeline on PyPI, so English runs on `spacy.blank("en")`.
This gives the desk *some* entities (gazetteer first, then this) instead of
none; labels are guesses from titles and company suffixes, MISC otherwise.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

PERSON_TITLES = {"mr", "mrs", "ms", "dr", "sir", "president", "ceo", "minister", "senator", "judge", "professor", "chief", "executive"}
ORG_SUFFIXES = {"inc", "corp", "corporation", "ltd", "llc", "plc", "group", "bank", "university", "agency", "ministry", "commission", "council", "company"}
PLACE_CUES = {"in", "from", "to", "at", "near"}
STOP_CAPS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you",
    "but", "and", "or", "if", "when", "while", "after", "before", "in", "on", "at", "for", "as",
    "according", "however", "meanwhile", "yesterday", "today", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "there", "his", "her", "its", "their", "our", "what",
    "why", "how", "who", "will", "can", "could", "would", "should", "may", "might", "is", "was",
}


@Language.factory("factcheck_english_names")
def make_english_names(nlp: Language, name: str):
    return EnglishNames()


class EnglishNames:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            if tok.text[:1].isupper() and tok.is_alpha and tok.lower_ not in STOP_CAPS and not tok.ent_type_:
                j = i + 1
                while j < n and doc[j].text[:1].isupper() and doc[j].is_alpha and not doc[j].ent_type_:
                    j += 1
                # A lone capitalised word opening a sentence is usually just
                # a capitalised word.
                if not (tok.is_sent_start and j - i == 1):
                    label = "MISC"
                    prev = doc[i - 1].lower_.rstrip(".") if i else ""
                    last = doc[j - 1].lower_
                    if prev in PERSON_TITLES or (j - i == 2 and last not in ORG_SUFFIXES and prev != "the"):
                        label = "PER"
                    if last in ORG_SUFFIXES or prev == "the":
                        label = "ORG"
                    elif prev in PLACE_CUES and j - i == 1:
                        label = "LOC"
                    spans.append(Span(doc, i, j, label=label))
                i = j
            else:
                i += 1
        if spans:
            doc.ents = filter_spans(list(doc.ents) + spans)
        return doc
