"""The labelled sentences (factcheck/nlp/data/labelled/) as documents.

Each document keeps its sentences' offsets in the text built from them, so a
claim is matched to the gold sentence it lies in. Every fourth document of
each file (positions 4, 8, 12… counting from 1) is the test set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "factcheck" / "nlp" / "data" / "labelled"
TEST_EVERY = 4


@dataclass
class Gold:
    text: str
    start: int
    end: int
    worthy: bool
    modality: str       # asserted, hedged, question
    quoted: bool
    speaker: str
    repeat: bool = False  # the same sentence already appeared in this document


@dataclass
class Document:
    name: str
    lang: str
    genre: str          # wire, opinion, interview, social, press
    test: bool
    text: str = ""
    sentences: list = field(default_factory=list)


_MODALITY = {"a": "asserted", "h": "hedged", "q": "question"}


def parse_line(line: str) -> tuple[bool, str, bool, str, str]:
    head, speaker, sentence = (part.strip() for part in line.split("|", 2))
    label, modality, quoted = head.split()
    if label not in ("C", "N") or modality not in _MODALITY or quoted not in ("Q", "-"):
        raise ValueError(f"bad label line: {line!r}")
    return label == "C", _MODALITY[modality], quoted == "Q", speaker, sentence


def load(data_dir: Path = DATA_DIR) -> list[Document]:
    docs = []
    for path in sorted(data_dir.glob("*.txt")):
        lang, genre = path.stem.split("-", 1)
        joiner = "\n" if genre == "social" else " "
        current = None
        position = 0
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            if raw.startswith("## "):
                position += 1
                current = Document(raw[3:].strip(), lang, genre, test=position % TEST_EVERY == 0)
                docs.append(current)
                continue
            worthy, modality, quoted, speaker, sentence = parse_line(raw)
            if current.text:
                current.text += joiner
            start = len(current.text)
            current.text += sentence
            seen = any(g.text == sentence for g in current.sentences)
            current.sentences.append(Gold(sentence, start, len(current.text), worthy, modality, quoted, speaker, seen))
    return docs


def gold_for(doc: Document, start: int) -> Gold | None:
    """The gold sentence a claim starting at `start` lies in."""
    for g in doc.sentences:
        if g.start <= start < g.end:
            return g
    return None
