"""Lines by geometry, and one searchable text per document whose characters map back to words.

OCR emits words in block order, so a two-column table comes out as the label column and then
the value column, and a slightly rotated scan splits one row into several Tesseract lines.
Parsers need rows: words are regrouped into lines by their vertical position after removing
the page's skew, so a value sits on the same line as the label beside it.
"""
from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from extractors.model import BBox, DocumentText, PageText, Word

NOISE_TOKEN = re.compile(r"^[|\[\]{}_—–=~©®°¢•·«»'\"`´”“‘’,;:.!?\\/<>*+-]+$")
"""Table rules and specks that OCR reads as characters; they carry no text."""
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
"""pdfminer's stand-in for a glyph without a Unicode mapping (a bullet in a Type 1 font)."""
MAX_SKEW = 0.11
"""Largest slope (dy/dx) accepted as page skew, about 6 degrees (as preprocess deskews)."""


@dataclass(frozen=True)
class Line:
    page: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return union_bbox(self.words)


def union_bbox(words: Iterable[Word]) -> BBox:
    ws = list(words)
    return (
        min(w.bbox[0] for w in ws),
        min(w.bbox[1] for w in ws),
        max(w.bbox[2] for w in ws),
        max(w.bbox[3] for w in ws),
    )


def _center_y(w: Word) -> float:
    return (w.bbox[1] + w.bbox[3]) / 2


def _height(w: Word) -> float:
    return max(1.0, w.bbox[3] - w.bbox[1])


def _skew(words: Sequence[Word], line_height: float) -> float:
    """The page's slope from neighbouring words that OCR put on one line."""
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    slopes = []
    for ws in by_line.values():
        ws.sort(key=lambda w: w.bbox[0])
        for a, b in itertools.pairwise(ws):
            dx = (b.bbox[0] + b.bbox[2]) / 2 - (a.bbox[0] + a.bbox[2]) / 2
            if 0 < b.bbox[0] - a.bbox[2] < 2 * line_height and dx > 0:
                slopes.append((_center_y(b) - _center_y(a)) / dx)
    if len(slopes) < 5:
        return 0.0
    slope = statistics.median(slopes)
    return slope if abs(slope) <= MAX_SKEW else 0.0


def _without_unmapped_glyphs(w: Word) -> Word:
    """The word without "(cid:127)" stand-ins: they carry no text, but letters that would
    make a list of names ("(cid:127) Göteborgs Stad") look like prose."""
    if "(cid:" not in w.text:
        return w
    return replace(w, text=UNMAPPED_GLYPH.sub("", w.text))


def group_lines(page: PageText) -> list[Line]:
    """The page's words as lines top to bottom, each left to right, by geometry.

    Text-layer pages keep the lines pdf_text gave them; OCR pages are regrouped: words whose
    deskewed vertical centres lie within half a line height of a line's centre join it.
    """
    words = [w for w in map(_without_unmapped_glyphs, page.words) if w.text.strip()]
    if page.source != "ocr":
        lines: dict[int, list[Word]] = {}
        for w in words:
            lines.setdefault(w.line, []).append(w)
        return [
            Line(page.number, tuple(sorted(ws, key=lambda w: w.bbox[0])))
            for _, ws in sorted(lines.items())
        ]
    words = [w for w in words if not NOISE_TOKEN.match(w.text)]
    if not words:
        return []
    line_height = statistics.median(_height(w) for w in words)
    slope = _skew(words, line_height)

    def level(w: Word) -> float:
        return _center_y(w) - slope * (w.bbox[0] + w.bbox[2]) / 2

    rows: list[list[Word]] = []
    centres: list[float] = []
    for w in sorted(words, key=level):
        y = level(w)
        tolerance = 0.5 * max(line_height, min(_height(w), 2 * line_height))
        if rows and abs(y - centres[-1]) <= tolerance:
            rows[-1].append(w)
            centres[-1] = statistics.fmean(level(x) for x in rows[-1])
        else:
            rows.append([w])
            centres.append(y)
    return [Line(page.number, tuple(sorted(ws, key=lambda w: w.bbox[0]))) for ws in rows]


@dataclass
class Flow:
    """A document's lines joined by newlines; each character offset maps back to its word."""

    text: str
    lines: list[Line]
    line_starts: list[int]
    word_spans: list[tuple[int, int, Word]]
    """(start, end, word) for every word, in text order."""

    def words_in(self, start: int, end: int) -> list[Word]:
        return [w for s, e, w in self.word_spans if s < end and e > start]

    def line_index(self, offset: int) -> int:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def line_span(self, index: int) -> tuple[int, int]:
        start = self.line_starts[index]
        return start, start + len(self.lines[index].text)

    def prose_text(self) -> str:
        """The text with a space for each line break where a sentence wraps (the next line
        goes on in lower case), so a name or phrase split by the wrap ("Falu\nkommun och")
        is one phrase; offsets are those of ``text``."""
        chars = list(self.text)
        for start in self.line_starts[1:]:
            if self.text[start:start + 1].islower():
                chars[start - 1] = " "
        return "".join(chars)


def build_flow(doc: DocumentText) -> Flow:
    lines = [line for page in doc.pages for line in group_lines(page)]
    parts: list[str] = []
    starts: list[int] = []
    spans: list[tuple[int, int, Word]] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        for i, w in enumerate(line.words):
            if i:
                offset += 1
            spans.append((offset, offset + len(w.text), w))
            offset += len(w.text)
        parts.append(line.text)
        offset += 1
    return Flow("\n".join(parts), lines, starts, spans)
