"""Claim spans: the article's own words, edges tidied.

A claim's `text` is `original[start:end]`; here only the ends move, never the
words in between: whitespace, the quotation marks around a quote, and the
social-media furniture that hangs off a sentence (trailing hashtags, links and
emoji, leading emoji, bullets and reply @handles) are left outside the span.
"""

from __future__ import annotations

import re

_QUOTE_MARKS = "«»“”\"„"
# Trailing furniture: hashtags, @handles, links, emoji and other symbols, runs of ! and ?.
_TAIL_RE = re.compile(r"(?:\s+(?:#\w[\w-]*|https?://\S+|www\.\S+)|[\s\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]+)+$")
# Leading furniture: emoji, bullets, and the @handles a reply starts with ("@jean @marie la mairie a…").
_HEAD_RE = re.compile(r"^(?:[\s\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]|[-–—•*>|]\s|@\w+\s)+")


def inside_quote_marks(norm: str, start: int, end: int) -> tuple[int, int]:
    """The words of a quotation, without its marks and the spaces next to them."""
    if start < end and norm[start] in _QUOTE_MARKS:
        start += 1
    if end > start and norm[end - 1] in _QUOTE_MARKS:
        end -= 1
    return trim_span(norm, norm, start, end)


def trim_span(original: str, norm: str, start: int, end: int) -> tuple[int, int]:
    chunk = norm[start:end]
    m = _TAIL_RE.search(chunk)
    if m and m.start() > 0 and any(ch.isalnum() for ch in chunk[: m.start()]):
        end = start + m.start()
        chunk = norm[start:end]
    m = _HEAD_RE.match(chunk)
    if m and m.end() < len(chunk):
        start += m.end()
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return start, end
