"""Rule-based sentence boundaries, set before the parser.

The French parser's own splits are poor on news copy (it cuts "a récemment
ébranlé | le monde…" and glues a caption to the next paragraph). We set
`is_sent_start` on every token; the parser then respects those boundaries.
`extract()` already feeds one line per Doc (newlines are hard boundaries);
the newline rule here is for callers that run `nlp(text)` on a whole article.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

FINAL_PUNCT = {".", "!", "?", "…", "?!", "!?", "...", "!!", "??"}
CLOSERS = {"»", "”", '"', "'", ")", "]", "’"}
OPENERS = {"«", "“", '"', "(", "[", "-", "–", "—", "‘"}
# A sentence is forced to end after this many tokens, at the next comma or
# semicolon if one comes soon: bounds parser work on 10k-char run-ons and
# keeps claims short.
MAX_SENT_TOKENS = 80
SOFT_BREAKS = {",", ";", ":"}


@Language.factory("factcheck_sentences", default_config={"max_tokens": MAX_SENT_TOKENS})
def make_sentence_boundaries(nlp: Language, name: str, max_tokens: int):
    return SentenceBoundaries(max_tokens)


class SentenceBoundaries:
    def __init__(self, max_tokens: int = MAX_SENT_TOKENS):
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        flags = []      # 1 = starts a sentence, -1 = does not (SENT_START values)
        ended = False   # saw final punctuation, waiting for the next start
        since = 0       # tokens since the last boundary
        prev = None
        for tok in doc:
            if prev is None:
                flags.append(1)
                prev = tok
                continue
            start = False
            ptext, text = prev.text, tok.text
            since += 1
            if "\n" in prev.whitespace_ or "\n" in ptext:
                start, ended = True, False
            elif tok.is_space:
                pass  # runs of spaces (stripped HTML) never start a sentence
            else:
                if ptext in FINAL_PUNCT or (len(ptext) > 1 and ptext[-1] in "?!" and not ptext[0].isalnum()):
                    ended = True
                if ended and text in CLOSERS and not prev.whitespace_:
                    pass  # « … ! » : the closing quote belongs to the sentence
                elif ended:
                    ended = False
                    start = text[:1].isupper() or text[:1].isdigit() or text in OPENERS
                if not start and (since >= self.max_tokens and ptext in SOFT_BREAKS or since >= self.max_tokens * 2):
                    start = True
            if start:
                since = 0
            flags.append(1 if start else -1)
            prev = tok
        # One array write instead of a Token.is_sent_start setter per token
        # (each setter call re-checks the whole doc's annotation state).
        doc.from_array([SENT_START], numpy.asarray(flags, dtype="int32").astype("uint64").reshape(-1, 1))
        return doc
