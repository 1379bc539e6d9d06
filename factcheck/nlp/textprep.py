"""Length-preserving text preparation.

Every transformation here keeps the analysed text exactly as long as the
original, character for character, so an offset into the analysed text *is*
an offset into the original. That is what lets `extract()` promise
`original[start:end]` whatever we normalise (HTML, typographic quotes, odd
spaces) without carrying an offset map around.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Lines longer than this are cut into pieces for the parser (at a clause or
# word boundary) so one pathological "sentence" cannot blow up doc size.
MAX_PIECE_CHARS = 3_000

_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_TAG_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_ENTITY_RE = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# Tags that end a block of text: they become a newline, i.e. a hard sentence
# boundary, exactly like a line break in a plain-text article.
_BLOCK_TAGS = {
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "tr", "td", "th", "table", "section", "article", "header",
    "footer", "figcaption", "figure", "title", "hr", "pre", "dd", "dt",
}
_HTML_HINT_RE = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*|!--)>?")

# One character in, one character out.
_CHAR_MAP = str.maketrans({
    "\u2019": "'",   # typographic apostrophe: the French models saw ASCII ' far more
    "\u02bc": "'",
    "\u2018": "'",
    "\u00a0": " ",   # non-breaking spaces (French puts them before ; : ! ? and inside «»)
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200b": " ",   # zero-width space: a token separator in practice
    "\ufeff": " ",
    "\r": "\n",      # CRLF → two newlines: still one hard boundary
    "\u2028": "\n",
    "\u2029": "\n",
    "\t": " ",
})


def looks_like_html(text: str) -> bool:
    """Cheap guess: at least two tag-like things."""
    return len(_HTML_HINT_RE.findall(text[:20_000], )) >= 2


def _blank(match: re.Match, newline: bool = False) -> str:
    n = len(match.group(0))
    if newline and n:
        return "\n" + " " * (n - 1)
    return " " * n


def strip_html(text: str) -> str:
    """Replace markup by spaces (block tags by a newline + spaces), decode
    entities padded with spaces: same length as the input."""
    text = _SCRIPT_RE.sub(lambda m: _blank(m, newline=True), text)
    text = _COMMENT_RE.sub(_blank, text)
    text = _TAG_RE.sub(
        lambda m: _blank(m, newline=m.group(1).lower() in _BLOCK_TAGS), text
    )

    def entity(m: re.Match) -> str:
        decoded = html.unescape(m.group(0))
        if len(decoded) != 1:  # unknown entity: leave it as is
            return m.group(0)
        # The decoded char goes last so it touches the following word: "l&rsquo;Etat"
        # → "l     'Etat" would split the elision; "l'     Etat" keeps it.
        return decoded + " " * (len(m.group(0)) - 1)

    return _ENTITY_RE.sub(entity, text)


def normalise(text: str) -> str:
    """The text the pipeline sees. Same length as `text`, always."""
    if looks_like_html(text):
        text = strip_html(text)
    out = text.translate(_CHAR_MAP)
    assert len(out) == len(text)
    return out


@dataclass(frozen=True)
class Piece:
    """A slice of the normalised article handed to spaCy as one Doc."""

    start: int      # offset of text[0] in the original article
    text: str
    line: int       # index of the source line (lines are hard boundaries)


_CUT_RE = re.compile(r"[.;:!?,]\s|\s")


def _cut_long(line: str, base: int, line_no: int, limit: int) -> list[Piece]:
    pieces = []
    pos = 0
    while len(line) - pos > limit:
        window = line[pos : pos + limit]
        # Prefer a clause boundary in the second half of the window, else any
        # space, else a hard cut (a 10k-char token of digits or emoji).
        cut = -1
        for m in re.finditer(r"[.;:!?,]\s", window):
            if m.end() > limit // 2:
                cut = m.end()
        if cut < 0:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        pieces.append(Piece(base + pos, line[pos : pos + cut], line_no))
        pos += cut
    pieces.append(Piece(base + pos, line[pos:], line_no))
    return pieces


def split_pieces(norm: str, limit: int = MAX_PIECE_CHARS) -> list[Piece]:
    """Cut the normalised text into lines (hard boundaries), long lines into
    pieces; blank lines are dropped. Offsets are into the original text."""
    pieces: list[Piece] = []
    pos = 0
    for line_no, line in enumerate(norm.split("\n")):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped or not any(ch.isalnum() for ch in stripped):
            continue
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        pieces.extend(_cut_long(body, start + lead, line_no, limit))
    return pieces


@dataclass
class Prepared:
    original: str
    normalised: str
    pieces: list[Piece]


def prepare(text: str | None) -> Prepared:
    """The whole text, always: long articles are cut into pieces of at most
    MAX_PIECE_CHARS for spaCy, never truncated. Refusing what is too long to
    analyse in time is the caller's decision (the article form's size limit)."""
    original = text or ""
    norm = normalise(shout_to_case(original))
    return Prepared(original, norm, split_pieces(norm))


_WORD_RE = re.compile(r"[^\W\d_]+")


def _lower_word(m: re.Match) -> str:
    word = m.group(0)
    low = word.lower()
    if len(low) != len(word):
        return word
    # A word that opens a sentence keeps its capital: the sentence rules look for it.
    before = m.string[: m.start()].rstrip(" \t\"«“'")
    if not before or before[-1] in ".!?…":
        low = word[0] + low[1:]
    return low


_SHOUT_RUN = 4  # consecutive words in capitals that make a shouted passage


def shout_to_case(text: str) -> str:
    """Passages typed in capitals ("LA MAIRIE A FERMÉ L'ÉCOLE !!!") lower-cased
    for the models, which read capitals as names; same length. A line mostly in
    capitals is lowered whole; elsewhere, runs of four or more words in
    capitals. Short capital words inside normal text (SNCF, OMS) are left alone."""
    if not any(ch.isupper() for ch in text):
        return text
    out = []
    for line in text.split("\n"):
        words = list(_WORD_RE.finditer(line))
        caps = [m.group(0).isupper() for m in words]
        if len(words) >= 4 and sum(caps) >= 0.6 * len(words):
            line = _WORD_RE.sub(_lower_word, line)
        elif sum(caps) >= _SHOUT_RUN:
            chars = list(line)
            run: list[re.Match] = []
            for m, upper in zip(words + [None], caps + [False]):
                if upper:
                    run.append(m)
                    continue
                if len(run) >= _SHOUT_RUN:
                    for r in run:
                        chars[r.start() : r.end()] = _lower_word(r)
                run = []
            line = "".join(chars)
        out.append(line)
    return "\n".join(out)


def display(original: str, norm: str, start: int, end: int) -> str:
    """Readable text of original[start:end]: markup dropped, entities decoded,
    whitespace runs collapsed; typographic characters of plain text kept."""
    chunk = original[start:end]
    if norm[start:end] == chunk.translate(_CHAR_MAP):
        return chunk  # nothing stripped: keep the author's characters exactly
    out = []
    for o, n in zip(chunk, norm[start:end]):
        if n == o.translate(_CHAR_MAP):
            out.append(o)
        elif o == "&":
            out.append(n)          # decoded entity (&nbsp; → space)
        elif n == "\n":
            out.append(" ")        # block tag: words on both sides stay apart
        # else: markup or entity padding, dropped
    return " ".join("".join(out).split())
