"""One claim per checkable clause.

A French sentence often packs several checkable statements: "La ville a fermé
trois écoles et le département a supprimé 40 postes", "Le groupe, qui emploie
150 000 personnes, a annoncé…", "…, une manœuvre qui pourrait redéfinir le
paysage". The parser's tree gives the clauses: a finite verb attached as a
coordinated verb (`conj`), a relative clause (`acl:relcl`) or an adverbial
clause (`advcl`) heads a clause of its own. Every token belongs to the
nearest clause head above it, so each clause has its own words, flags and
score; its span runs from its first to its last own word (a clause nested in
the middle of another stays inside the outer one's span).

Not split: sentences holding a quotation (the quote is the claim, whole),
complement clauses ("a annoncé que…": what was announced belongs to the
announcement), infinitive and participle phrases, and any split that would
leave a part of fewer than three words.
"""

from __future__ import annotations

from dataclasses import dataclass

SPLIT_DEPS = {"conj", "acl:relcl", "advcl"}
KINDS = {"conj": "conj", "acl:relcl": "relcl", "advcl": "advcl"}
MIN_WORDS = 3
_QUOTE_CHARS = set("«»“”\"")
# Edge tokens that are not part of what a clause says: ", et", "mais", trailing commas.
_EDGE_DEPS = {"cc", "punct"}


@dataclass
class Clause:
    head: object          # the clause's head token (None: the sentence is not split)
    tokens: list          # its own tokens, in order, edges trimmed
    kind: str             # main, conj, relcl, advcl


def _finite(tok) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "cop" for c in tok.children):
        return False
    if "Fin" in tok.morph.get("VerbForm"):
        return True
    return any(c.dep_.startswith(("aux", "cop")) and "Fin" in c.morph.get("VerbForm") for c in tok.children)


def _verb_tagged_noun(tok) -> bool:
    """"L'analyse … dévoile les dessous…": the small model tags some present-tense
    verbs as nouns yet gives them a subject and an object."""
    deps = {c.dep_ for c in tok.children}
    return tok.pos_ == "NOUN" and "nsubj" in deps and "obj" in deps


def _words(tokens) -> int:
    return sum(1 for t in tokens if t.is_alpha or t.like_num)


def _trim(tokens: list) -> list:
    i, j = 0, len(tokens)
    while i < j and (tokens[i].dep_ in _EDGE_DEPS or tokens[i].is_punct or tokens[i].is_space
                     or not tokens[i].dep_ and tokens[i].lower_ in _EN_COORD):
        i += 1
    # The final full stop hangs from the main verb even when another clause ends the sentence.
    if j - i > 1 and tokens[j - 1].is_punct and tokens[j - 2].i != tokens[j - 1].i - 1:
        j -= 1
    # Keep the sentence's final punctuation on the clause that ends the sentence.
    while j > i and (tokens[j - 1].dep_ == "cc" or tokens[j - 1].is_space
                     or tokens[j - 1].is_punct and tokens[j - 1].text not in (".", "!", "?", "…", "...")):
        j -= 1
    return tokens[i:j]


def split_clauses(span) -> list[Clause]:
    toks = list(span)
    whole = [Clause(None, toks, "main")]
    if len(toks) < 2 * MIN_WORDS or any(ch in _QUOTE_CHARS for ch in span.text):
        return whole
    root = span.root
    heads = {root.i}
    for t in toks:
        if t.dep_ in SPLIT_DEPS and t.i != root.i and _finite(t):
            heads.add(t.i)
    if len(heads) == 1:
        return whole
    owner: dict[int, list] = {h: [] for h in heads}
    for t in toks:
        a, seen = t, 0
        while a.i not in heads and a.head is not a and seen < 60:
            a, seen = a.head, seen + 1
        owner[a.i if a.i in heads else root.i].append(t)
    parts = []
    for h in sorted(heads, key=lambda i: owner[i][0].i if owner[i] else i):
        own = _trim(owner[h])
        if not own:
            continue
        head = span.doc[h]
        kind = "main" if h == root.i else KINDS[head.dep_]
        parts.append(Clause(head, own, kind))
    # A fragment too small to say anything goes back to the clause it hangs from.
    if len(parts) < 2 or any(_words(p.tokens) < MIN_WORDS for p in parts):
        return whole
    # What is left of the main clause must still have a verb of its own ("Emmett Shear,
    # successeur annoncé," is what a misparse leaves when it takes "se voit" for a
    # subordinate clause); the small model tags some verbs as nouns with a subject and an object.
    main = next(p for p in parts if p.kind == "main")
    if not any(_finite(t) or _verb_tagged_noun(t) for t in main.tokens):
        return whole
    parts.sort(key=lambda p: (p.kind != "main", p.tokens[0].i))
    return parts


# English has no parser on PyPI: its clauses are found on the surface.
_EN_RELATIVE = {"which", "who"}
_EN_COORD = {"and", "but"}
_EN_SUBJECTS = {"he", "she", "it", "they", "we", "i", "the", "its", "their", "his", "her"}


def split_clauses_surface(span) -> list[Clause]:
    """English: ", which/who …" is a relative clause (to the next comma or the end);
    ", and/but" or ";" followed by a new subject (a pronoun, "the", a capitalised word)
    starts a coordinated clause. The same size rules as the French split apply."""
    toks = list(span)
    whole = [Clause(None, toks, "main")]
    if len(toks) < 2 * MIN_WORDS or any(ch in _QUOTE_CHARS for ch in span.text):
        return whole
    kind_of = ["main"] * len(toks)
    i = 1
    while i < len(toks) - 1:
        prev, tok, nxt = toks[i - 1], toks[i], toks[i + 1]
        if prev.text == "," and tok.lower_ in _EN_RELATIVE:
            j = i
            while j < len(toks) and toks[j].text != ",":
                kind_of[j] = "relcl"
                j += 1
            i = j
            continue
        if (prev.text in (",", ";") and tok.lower_ in _EN_COORD
                and (nxt.lower_ in _EN_SUBJECTS or nxt.text[:1].isupper())):
            for j in range(i, len(toks)):
                kind_of[j] = "conj"
            break
        i += 1
    if "relcl" not in kind_of and "conj" not in kind_of:
        return whole
    groups: dict[str, list] = {}
    for t, kind in zip(toks, kind_of):
        groups.setdefault(kind, []).append(t)
    parts = [Clause(g[0], _trim(g), kind) for kind, g in groups.items()]
    parts = [p for p in parts if p.tokens]
    if len(parts) < 2 or any(_words(p.tokens) < MIN_WORDS for p in parts):
        return whole
    parts.sort(key=lambda p: (p.kind != "main", p.tokens[0].i))
    return parts
