"""Rule-based sentence boundaries, set before the parser.

The French parser's own splits are poor on news copy (it cuts "a récemment
ébranlé | le monde…" and glues a caption to the next paragraph). We set
`is_sent_start` on every token; the parser then respects those boundaries.
`extract()` already feeds one line per Doc (newlines are hard boundaries);
the newline rule here is for callers that run `nlp(text)` on a whole article.
"""

from __future__ import annotations

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


def _starts_sentence(tok) -> bool:
    t = tok.text
    return t[:1].isupper() or t[:1].isdigit() or t in OPENERS


@Language.factory("factcheck_sentences", default_config={"max_tokens": MAX_SENT_TOKENS})
def make_sentence_boundaries(nlp: Language, name: str, max_tokens: int):
    return SentenceBoundaries(max_tokens)


class SentenceBoundaries:
    def __init__(self, max_tokens: int = MAX_SENT_TOKENS):
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        starts = [False] * n
        starts[0] = True
        ended = False   # saw final punctuation, waiting for the next start
        since = 0       # tokens since the last boundary
        for i in range(1, n):
            prev, tok = doc[i - 1], doc[i]
            since += 1
            if "\n" in prev.whitespace_ or "\n" in prev.text or prev.text.isspace():
                starts[i], ended = not tok.is_space or "\n" in prev.text, False
                if starts[i]:
                    since = 0
                continue
            if prev.text in FINAL_PUNCT or prev.text.endswith(("?", "!")) and len(prev.text) > 1 and not prev.text[0].isalnum():
                ended = True
            if ended and tok.text in CLOSERS and not prev.whitespace_:
                continue  # « … ! » : the closing quote belongs to the sentence
            if ended and not tok.is_space:
                ended = False
                if _starts_sentence(tok):
                    starts[i], since = True, 0
                    continue
            if since >= self.max_tokens and prev.text in SOFT_BREAKS or since >= self.max_tokens * 2:
                starts[i], since = True, 0
        for tok, start in zip(doc, starts):
            tok.is_sent_start = start
        return doc
