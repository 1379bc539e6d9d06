"""Built-in gazetteer and the EntityRuler plumbing for editor-maintained entries.

The statistical French NER tags tech companies and platforms as PER/MISC
("OpenAI" → MISC, "Redmond" → PER, "Azure" → PER). Entries here are matched
before the NER runs, and the NER keeps pre-set entities, so they win.

Editors add entries in the admin (`GazetteerEntry`: text, label, language);
the Celery task passes them to `extract(gazetteer=...)` as
`(text, label, language)` tuples. Re-applying them only rebuilds the ruler's
phrase patterns (~0.5 s for 500 entries) and is skipped when the set is
unchanged (hash), so the model is never reloaded for it.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

LABELS = ("PER", "ORG", "LOC", "MISC")
RULER_NAME = "factcheck_gazetteer"

# (text, label, language) — language "any" applies to every pipeline.
DEFAULT_ENTRIES: tuple[tuple[str, str, str], ...] = (
    ("OpenAI", "ORG", "any"),
    ("Open AI", "ORG", "any"),
    ("Open Ai", "ORG", "any"),
    ("Microsoft", "ORG", "any"),
    ("Google", "ORG", "any"),
    ("Alphabet", "ORG", "any"),
    ("Apple", "ORG", "any"),
    ("Amazon", "ORG", "any"),
    ("Meta", "ORG", "any"),
    ("Facebook", "ORG", "any"),
    ("Nvidia", "ORG", "any"),
    ("NVIDIA", "ORG", "any"),
    ("Anthropic", "ORG", "any"),
    ("Mistral AI", "ORG", "any"),
    ("DeepMind", "ORG", "any"),
    ("Tesla", "ORG", "any"),
    ("WiziShop", "ORG", "any"),
    ("Twitter", "ORG", "any"),
    ("Reuters", "ORG", "any"),
    ("AFP", "ORG", "any"),
    ("Bloomberg", "ORG", "any"),
    ("Union européenne", "ORG", "fr"),
    # French institutions whose lower-case words cut the NER's spans short.
    ("Cour des comptes", "ORG", "fr"),
    ("Conseil d'État", "ORG", "fr"),
    ("Conseil constitutionnel", "ORG", "fr"),
    ("Cour de cassation", "ORG", "fr"),
    ("Assemblée nationale", "ORG", "fr"),
    ("Banque de France", "ORG", "fr"),
    ("Banque centrale européenne", "ORG", "fr"),
    ("Insee", "ORG", "fr"),
    ("Météo-France", "ORG", "fr"),
    ("European Union", "ORG", "en"),
    # Cloud platforms and products: the NER reads a capitalised word after
    # "plateforme" as a person.
    ("Azure", "MISC", "any"),
    ("Microsoft Azure", "MISC", "any"),
    ("AWS", "MISC", "any"),
    ("Amazon Web Services", "ORG", "any"),
    ("Google Cloud", "MISC", "any"),
    ("ChatGPT", "MISC", "any"),
    ("GPT-4", "MISC", "any"),
    ("Copilot", "MISC", "any"),
    ("Windows", "MISC", "any"),
    ("iPhone", "MISC", "any"),
    # Places the NER misreads as people.
    ("Redmond", "LOC", "any"),
    ("Cupertino", "LOC", "any"),
    ("Mountain View", "LOC", "any"),
    ("Menlo Park", "LOC", "any"),
    ("Silicon Valley", "LOC", "any"),
    ("San Francisco", "LOC", "any"),
    ("Bruxelles", "LOC", "fr"),
    ("Brussels", "LOC", "en"),
)

# Epithets newsrooms use instead of a name: "le géant de Redmond" is
# Microsoft. Lower-case keys; matched at the start of a subject.
EPITHETS: dict[str, str] = {
    "le géant de redmond": "Microsoft",
    "la firme de redmond": "Microsoft",
    "la société de redmond": "Microsoft",
    "l'entreprise de redmond": "Microsoft",
    "le groupe de redmond": "Microsoft",
    "the redmond giant": "Microsoft",
    "the redmond-based company": "Microsoft",
    "le géant de mountain view": "Google",
    "la firme de mountain view": "Google",
    "the mountain view giant": "Google",
    "la firme à la pomme": "Apple",
    "le géant de cupertino": "Apple",
    "la firme de cupertino": "Apple",
    "the cupertino giant": "Apple",
    "le géant de menlo park": "Meta",
    "la firme de menlo park": "Meta",
    "le créateur de chatgpt": "OpenAI",
}


def entries_for(lang: str, extra: Iterable[tuple[str, str, str]] | None) -> list[tuple[str, str]]:
    """Default + editor entries that apply to `lang`, as (text, label).
    Later entries override earlier ones for the same text."""
    chosen: dict[str, str] = {}
    for text, label, language in list(DEFAULT_ENTRIES) + list(extra or ()):
        text = (text or "").strip()
        label = (label or "").strip().upper()
        if not text or label not in LABELS:
            continue
        if (language or "any") not in ("any", lang):
            continue
        chosen[text] = label
    return sorted(chosen.items())


def fingerprint(entries: list[tuple[str, str]]) -> str:
    h = hashlib.sha1()
    for text, label in entries:
        h.update(f"{text}\x1f{label}\x1e".encode())
    return h.hexdigest()


def _variants(text: str) -> set[str]:
    # The pipeline sees ASCII apostrophes (textprep) but editors type either.
    return {text, text.replace("\u2019", "'")}


def apply(nlp, lang: str, extra: Iterable[tuple[str, str, str]] | None = None) -> None:
    """Make the pipeline's ruler hold exactly default + `extra` (cheap no-op
    when unchanged)."""
    if RULER_NAME not in nlp.pipe_names:
        return
    entries = entries_for(lang, extra)
    key = fingerprint(entries)
    ruler = nlp.get_pipe(RULER_NAME)
    if getattr(ruler, "_factcheck_key", None) == key:
        return
    ruler.clear()
    patterns = []
    for text, label in entries:
        for variant in _variants(text):
            # Exact case only: a case-insensitive "Apple"/"Meta" would tag
            # ordinary words.
            patterns.append({"label": label, "pattern": variant, "id": "gazetteer"})
    ruler.add_patterns(patterns)
    ruler._factcheck_key = key
