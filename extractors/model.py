"""Plain data that flows through extraction: words with positions, page texts, and the fields.

Bounding boxes are in PDF points, (x0, top, x1, bottom) from the page's top-left corner, as
pdfplumber gives them; OCR boxes are mapped back to the same space.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

BBox = tuple[float, float, float, float]
TextSource = Literal["text", "ocr", "none"]
DocumentType = Literal["requisition", "return_report", "decision", "instruction", "other"]
AMOUNT_KEYS = ("requested", "received", "used", "unused", "decided")


def centre_inside(box: BBox, outer: BBox) -> bool:
    """Whether ``box``'s centre lies within ``outer`` (a word on a form field or a picture)."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= x <= outer[2] and outer[1] <= y <= outer[3]


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    """1-based page number."""
    bbox: BBox
    confidence: float = 1.0
    """0..1; 1.0 for a usable text layer, Tesseract's word confidence / 100 for OCR."""
    line: int = 0
    """Index of the line on its page, top to bottom, as the reading order gives it."""
    upright: BBox | None = None
    """The box in the frame the page was read in, turned upright and deskewed (OCR of a
    turned or skewed scan); None where that is ``bbox``. Geometry between words — columns,
    rows, a header above a figure — holds in this frame; ``bbox`` is where the word stands on
    the page as stored, and what evidence shows."""

    @property
    def frame(self) -> BBox:
        """The box for geometry between words: ``upright`` where the page was read turned."""
        return self.upright or self.bbox


@dataclass
class PageText:
    number: int
    width: float
    height: float
    words: list[Word]
    source: TextSource
    quality: float = 1.0
    """How usable the text is, 0..1 (share of words that look like Swedish)."""
    error: str | None = None
    """Why the page has no text (Swedish, for users), e.g. over the time limit."""

    @property
    def text(self) -> str:
        lines: dict[int, list[str]] = {}
        for w in self.words:
            lines.setdefault(w.line, []).append(w.text)
        return "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))


@dataclass
class DocumentText:
    """Every page's text of one document, and why it could not be read if it could not."""

    pages: list[PageText]
    media_type: str
    error: str | None = None

    @property
    def ocr(self) -> bool:
        return any(p.source == "ocr" for p in self.pages)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)


@dataclass(frozen=True)
class Evidence:
    field: str
    """Record key, dotted for nested values: "amounts.requested", "organisation"."""
    text: str
    page: int
    bbox: BBox
    confidence: float
    """How likely the value is right: the calibrated probability (extractors.fields.calibration)."""
    source: str = ""
    """Which reader produced the value (extractors.fields.readers), a feature of calibration."""
    certainty: float = 1.0
    """How sure the reading was of its parse and match, before the words' OCR confidence."""
    word_confidence: float = 1.0
    """The lowest OCR confidence of the words that decide the value."""
    raw_confidence: float | None = None
    """The hand-made confidence (certainty × word confidence) before calibration."""

    def as_record(self) -> dict:
        return {
            "field": self.field,
            "text": self.text,
            "page": self.page,
            "bbox": [round(v, 1) for v in self.bbox],
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Amount:
    """An amount in whole kronor with the precision it was written with.

    ``unit`` is the value of one step in the last digit written: 1 for "1 349 000 kr",
    1000 for "1 349 tkr", 100000 for "1,3 miljoner kronor".
    """

    value: int
    unit: int = 1


@dataclass(frozen=True)
class OrgRef:
    code: str
    kind: Literal["region", "municipality"]
    name: str

    def as_record(self) -> dict:
        return {"name": self.name, "kind": self.kind, "code": self.code}


@dataclass(frozen=True)
class ItemisedTable:
    """An itemised table (ekonomisk redovisning): its rows' amounts and its stated total."""

    rows: tuple[int | float, ...]
    """Kronor; öre kept (a float) where the table writes them."""
    total: int | float
    page: int
    bbox: BBox


@dataclass
class Extraction:
    """The fields read from one document. Absent values are None / empty."""

    document_type: DocumentType = "other"
    program: str | None = None
    grant_year: int | None = None
    organisation: OrgRef | None = None
    amounts: dict[str, Amount] = field(default_factory=dict)
    document_date: date | None = None
    collaborating_municipalities: list[OrgRef] = field(default_factory=list)
    municipal_share_percent: float | None = None
    reference: str | None = None
    tables: list[ItemisedTable] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def confidence(self, field_name: str) -> float | None:
        """The lowest confidence among the evidence for ``field_name``; None if not read."""
        values = [e.confidence for e in self.evidence if e.field == field_name]
        return min(values) if values else None

    def has(self, field_name: str) -> bool:
        """Whether the record carries a value for a (dotted) field name."""
        if field_name.startswith("amounts."):
            return field_name.split(".", 1)[1] in self.amounts
        value = getattr(self, field_name, None)
        return bool(value) if isinstance(value, list) else value is not None
