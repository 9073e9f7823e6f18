"""Lines, and one searchable text per document whose characters map back to words.

Parsers need rows, a value on the same line as the label beside it: pdf_text gives them for
text layers, extractors.reading.ocr (group_lines, in the deskewed, upright image) for scans.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from extractors.model import BBox, DocumentText, PageText, Word

NOISE_TOKEN = re.compile(r"^[|\[\]{}_—–=~©®°¢•·«»'\"`´”“‘’,;:.!?\\/<>*+-]+$")
"""Table rules and specks that OCR reads as characters; they carry no text."""
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
"""pdfminer's stand-in for a glyph without a Unicode mapping (a bullet in a Type 1 font)."""


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


def _without_unmapped_glyphs(w: Word) -> Word:
    """The word without "(cid:127)" stand-ins: they carry no text, but letters that would
    make a list of names ("(cid:127) Göteborgs Stad") look like prose."""
    if "(cid:" not in w.text:
        return w
    return replace(w, text=UNMAPPED_GLYPH.sub("", w.text))


def group_lines(page: PageText) -> list[Line]:
    """The page's words as lines, top to bottom, each in reading order.

    Text-layer pages keep the lines pdf_text gave them, words left to right. OCR pages keep
    the lines extractors.reading.ocr found in the upright, deskewed image, in its order: the words'
    page boxes of a scan read skewed or turned would not sort into rows. Rule specks go.
    """
    words = [w for w in map(_without_unmapped_glyphs, page.words) if w.text.strip()]
    ocr = page.source == "ocr"
    if ocr:
        words = [w for w in words if not NOISE_TOKEN.match(w.text)]
    lines: dict[int, list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    return [
        Line(page.number, tuple(ws if ocr else sorted(ws, key=lambda w: w.frame[0])))
        for _, ws in sorted(lines.items())
    ]


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
