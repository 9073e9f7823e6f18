"""Words with positions from a PDF page's text layer (pdfplumber), grouped into lines."""
from __future__ import annotations

from collections.abc import Iterable

from extractors.model import Word
from extractors.reading.form_fields import annotation_words

LINE_TOLERANCE = 3.0
"""Words whose tops are within this many points belong to the same line."""


def assign_lines(words: Iterable[Word]) -> list[Word]:
    """Give words line indices top to bottom, and order them left to right within a line."""
    ordered = sorted(words, key=lambda w: (w.bbox[1], w.bbox[0]))
    lines: list[list[Word]] = []
    for w in ordered:
        if lines and abs(w.bbox[1] - lines[-1][0].bbox[1]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    out: list[Word] = []
    for i, line in enumerate(lines):
        for w in sorted(line, key=lambda w: w.bbox[0]):
            out.append(Word(w.text, w.page, w.bbox, w.confidence, i))
    return out


def page_words(page, number: int) -> list[Word]:
    """The text layer of one pdfplumber page, with the values filled into its form, as words
    with line indices."""
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    words = [
        Word(w["text"], number, (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])))
        for w in raw
    ]
    return assign_lines(words + annotation_words(page, number, words))
