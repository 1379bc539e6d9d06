"""What extract() returns for one text: a list of claim dicts, plus counts.

`ClaimList` is a plain `list` (existing callers iterate, index, serialise it
as before) that also says how many claims a cap dropped:

    claims = next(extract([body], max_claims=200))
    claims.dropped      # claims found but not kept (the lowest scores)
"""

from __future__ import annotations

import re

_KEY_RE = re.compile(r"\w+")


class ClaimList(list):
    dropped: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.dropped = 0


def claim_key(text: str) -> str:
    """Two claims are the same claim when they have the same words: case,
    punctuation, emoji and spacing aside (a paragraph pasted again, a post
    repeating its message in capitals)."""
    return " ".join(_KEY_RE.findall(text.casefold()))
