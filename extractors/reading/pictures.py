"""Pictures on a page with a text layer: a pasted screenshot of an account or a filled form.

A letter written in Word may say "se sammanställning nedan" and hold the figures only in a
picture: its text layer has every word but those. A picture large enough to hold text (not a
logo nor a signature) and with no text-layer words over it (not a letterhead's background) is
read by OCR, and its words join the page's, placed where the picture stands.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from extractors.model import BBox, PageText, Word, centre_inside
from extractors.reading.ocr import Stopwatch, ocr_page

MIN_PICTURE_SHARE = 0.04
"""Share of the page a picture covers to be read: a screenshot of a form or an account is
10–25 % of an A4 page; a logo or a signature is under 2 %."""
MIN_PICTURE_SIDE = 0.25
"""Share of the page's width a picture spans at least: a line of figures needs the room."""
WHOLE_PAGE = 0.9
"""Share of the page an image covers to be the page (a scan), not a picture on it."""


def picture_boxes(images: Sequence[BBox], words: Sequence[Word], width: float,
                  height: float) -> list[BBox]:
    """The pictures of a text page to read: big enough to hold text, short of the whole
    page (a scan), and with no text-layer word standing on them."""
    page_area = width * height
    out = []
    for box in images:
        x0, top, x1, bottom = box
        area = (x1 - x0) * (bottom - top)
        if area < MIN_PICTURE_SHARE * page_area or area >= WHOLE_PAGE * page_area or \
                x1 - x0 < MIN_PICTURE_SIDE * width:
            continue
        if any(centre_inside(w.bbox, box) for w in words):
            continue
        out.append(box)
    return out


def read_pictures(gray: np.ndarray, dpi: float, boxes: Sequence[BBox], *, page: int,
                  languages: str, deadline: Callable[[], float],
                  watch: Stopwatch) -> list[list[Word]]:
    """The OCR lines of the pictures, in page points. The page is rendered at ``dpi`` and
    read with everything but the pictures painted white: the clean-up's rule finder measures
    rules against the page, and on a picture cut out alone a letter's stem is as long."""
    scale = dpi / 72
    only = np.full_like(gray, 255)
    for x0, top, x1, bottom in boxes:
        rows = slice(max(0, int(top * scale)), int(bottom * scale) + 1)
        cols = slice(max(0, int(x0 * scale)), int(x1 * scale) + 1)
        only[rows, cols] = gray[rows, cols]
    read: PageText = ocr_page(only, page=page, dpi=dpi, languages=languages,
                              deadline=deadline, watch=watch)
    lines = _by_line(read.words)
    return [lines[k] for k in sorted(lines)]


def with_picture_lines(words: Sequence[Word], picture_lines: Sequence[list[Word]]) -> list[Word]:
    """The text layer's lines and the pictures' lines as one page, top to bottom."""
    lines = [*_by_line(words).values(), *picture_lines]
    lines.sort(key=lambda line: sum(w.bbox[1] for w in line) / len(line))
    return [replace(w, line=i) for i, line in enumerate(lines) for w in line]


def _by_line(words: Sequence[Word]) -> dict[int, list[Word]]:
    lines: dict[int, list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    return lines
