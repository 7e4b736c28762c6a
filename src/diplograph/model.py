"""The plain types every stage takes and returns.

The data flows: RawDocument (text/readers) -> Document (text/prepare: cleaned text with an
offset map, date, language) -> Mention (registry/gazetteer) -> Fact (extract/) -> records
(export/). Nothing here does work beyond small conversions, so every stage can be tested alone.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any

FACT_TYPES = (
    "partnership", "membership", "visit", "meeting", "agreement",
    "participation", "hosting", "cooperation", "claim",
)
MODALITIES = ("asserted", "planned", "negated")


@dataclass
class RawDocument:
    """A document exactly as read. `original` is the decoded input (the HTML source for HTML,
    the text layer for PDF): every evidence offset points into it."""

    id: str
    source: str                       # path, URL, "-" or "corpus.jsonl#12"
    original: str
    kind: str = "text"                # text | html | pdf
    date: str | None = None           # a date given with the input (corpus field, --date)
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. {"html_date": "2024-05-01", "title": ...}
    bytes_read: int = 0


@dataclass
class ReadError:
    """An input that could not be read: reported by name and reason, never fatal to a batch."""

    source: str
    reason: str


class CleanText:
    """Cleaned text plus, for every cleaned character, the index of the original character it
    came from. A substituted character (a line break read as a space) maps to the character it
    replaced; removed characters simply have no entry. Offsets only ever increase."""

    __slots__ = ("text", "offsets", "original_length")

    def __init__(self, text: str, offsets: array | list[int], original_length: int):
        if len(offsets) != len(text):
            raise ValueError(f"offset map has {len(offsets)} entries for {len(text)} characters")
        self.text = text
        self.offsets = offsets if isinstance(offsets, array) else array("q", offsets)
        self.original_length = original_length

    @classmethod
    def identity(cls, text: str) -> "CleanText":
        return cls(text, array("q", range(len(text))), len(text))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the cleaned span [start, end) to the smallest original span that holds it."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside cleaned text of {len(self.text)}")
        return self.offsets[start], self.offsets[end - 1] + 1

    def compose(self, inner: "CleanText") -> "CleanText":
        """`inner` cleans self.text further; the result maps straight to self's original."""
        offsets = array("q", (self.offsets[i] for i in inner.offsets))
        return CleanText(inner.text, offsets, self.original_length)

    def __len__(self) -> int:
        return len(self.text)


@dataclass
class Document:
    """A document ready for extraction."""

    raw: RawDocument
    clean: CleanText
    date: str | None = None           # ISO 8601 prefix: YYYY, YYYY-MM or YYYY-MM-DD
    date_source: str | None = None    # where the date came from: "given", "byline", "dateline", "url", ...
    language: str | None = None

    @property
    def id(self) -> str:
        return self.raw.id

    @property
    def text(self) -> str:
        return self.clean.text

    def evidence(self, start: int, end: int) -> "Evidence":
        """Evidence for the cleaned span [start, end), in original offsets."""
        o_start, o_end = self.clean.to_original(start, end)
        return Evidence(o_start, o_end, self.raw.original[o_start:o_end])


@dataclass(frozen=True)
class Mention:
    """A name found in the cleaned text and what it resolves to."""

    start: int                        # offsets into the cleaned text
    end: int
    text: str
    id: str                           # canonical id: ISO alpha-3, org id, person name, project name
    kind: str                         # country | org | person | project | event | group | city
    via: str = "name"                 # name | acronym | demonym | capital | former | title | surname ...
    country: str | None = None        # for persons and cities: the country they stand for
    members: tuple[str, ...] = ()     # for groups: the countries they expand to


@dataclass
class Evidence:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Fact:
    doc: str
    type: str
    args: dict[str, Any]
    time: dict[str, str | None] = field(default_factory=lambda: {"start": None, "end": None})
    modality: str = "asserted"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    rule: str = ""                    # the rule that produced it (shown by --explain)
    trigger: str = ""                 # the words the rule used

    def key(self) -> tuple:
        """Identity of the fact within a document, for removing duplicates."""
        def freeze(v: Any) -> Any:
            if isinstance(v, list):
                return tuple(sorted(map(str, v)))
            return v
        return (self.type, self.modality, tuple(sorted((k, freeze(v)) for k, v in self.args.items())),
                tuple(sorted(self.time.items())))

    def as_record(self, explain: bool = False) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "doc": self.doc, "type": self.type, "args": self.args, "time": self.time,
            "modality": self.modality, "evidence": [e.as_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
        }
        if explain:
            rec["rule"] = self.rule
            rec["trigger"] = self.trigger
        return rec


@dataclass(frozen=True)
class DateMention:
    """A date or period written in the cleaned text, resolved to ISO 8601 prefixes."""

    start: int                        # offsets into the cleaned text
    end: int
    text: str
    value: str                        # YYYY, YYYY-MM or YYYY-MM-DD (the start for a period)
    end_value: str | None = None      # the end of a period ("2019-2022", "from 2019 to 2023")
    relative: bool = False            # resolved against the document date ("last year")
