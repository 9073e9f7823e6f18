"""Tick boxes on a scanned page: found by their shape, read by the ink inside them.

Tesseract reads a box glyph as letters: a ticked box as "DB", "PJ", "Nl]" or "X", an empty
one as "CJ", "Oo", "[]" or nothing, so the field stage cannot tell which option of a form is
ticked. A box is a small square outline: a connected blot of ink 2–7 mm a side, its sides
near equal, ink in its four corners and along the whole of each edge (an "O", a "D" or a
serif "H" has not), enclosing paper: parted by the tick's strokes, or one piece inside a thin
outline (a bold "n" whose feet touch encloses a small counter between thick stems). It is
ticked when the ink inside, clear of the outline, is more than a scan's noise. The words
Tesseract read over a box give way to one word, ☒ or ☐, with the box's pixel box.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractors.reading.preprocess import ink_mask
from extractors.reading.tesseract import RawWord

TICKED = "☒"
EMPTY = "☐"
MIN_SIDE_MM = 2.2
MAX_SIDE_MM = 7.0
"""A printed tick box is 2.5–6 mm a side; a photo's page fills less than its image."""
A4_WIDTH_MM = 210.0
UNSET_DPI = 72.0
"""Images without a resolution come as 72 dpi: their scale is then the page's width, as A4."""
SQUARE = 0.2
"""Sides may differ by this share of the longer one (a photo's perspective, a scan's blur)."""
EDGE_BAND = 0.1
"""Each edge is looked for in a band this share of the side deep."""
EDGE_COVER = 0.9
"""Share of an edge's length its band must have ink on in one run: a box's outline runs
corner to corner; a round letter's does not reach its corners, a serif H's top has a gap."""
SPECK_ROW = 0.15
"""A row or column at the edge of a blot with ink over at most this share of its length is
dust stuck to an outline, not the outline..."""
TRIM = 0.1
"""...when within this share of the side from the edge."""
CORNER = 0.1
"""Each corner of a box has ink within this share of its side (two pixels at least): an "o",
an "n" or a "D" leaves a corner empty."""
BORDER = 0.25
"""An empty box's outline is at most this share of its side thick along the middle half of
three of its edges at least: a bold "O"'s or "n"'s stems are thicker."""
HOLES = 0.1
"""Share of a box's area that is paper enclosed by its outline and its tick, at least, when the
tick parts the inside (a heavy cross in a small box leaves four triangles of an eighth)..."""
ONE_HOLE = 0.3
"""...and when the inside is one piece of paper: an empty box's inside is most of it, a bold
serif "n" whose feet touch encloses an eighth."""
INSET = 0.25
"""The inside, where a tick's ink is counted, lies this share of the side within the box:
clear of the outline and its blur."""
TICK_INK = 0.06
"""Share of the inside that is ink in a ticked box: a cross or a check mark's strokes cover
15–30 %, a scan's noise in an empty box a few pixels."""
SOLID_INK = 0.95
"""More inside ink than this is a solid square (a bullet), not a box: a bold cross at low
resolution fills two thirds."""
HALF_SCALE_PX_PER_MM = 8.0
"""At this many pixels a millimetre (200 dpi) and more boxes are looked for at half size:
a box is still 10 pixels wide there, and the look costs a quarter."""
COVER = 0.5
"""A word gives way to a box when this share of the word lies in the box."""
MARKER_CONFIDENCE = 0.9


@dataclass(frozen=True)
class TickBox:
    box: tuple[int, int, int, int]
    """(left, top, width, height) in pixels of the image it was found on."""
    ticked: bool
    ink: float
    """Share of the inside that is ink."""


def pixels_per_mm(width_px: int, dpi: float) -> float:
    """The page image's scale: its dpi, or its width as an A4 page's when the dpi is unset."""
    if dpi > UNSET_DPI:
        return dpi / 25.4
    return width_px / A4_WIDTH_MM


def _half(ink: np.ndarray) -> np.ndarray:
    """An ink mask at half size, a pixel ink when any of its 2×2 block is: thin outlines
    stay whole."""
    h, w = ink.shape[0] // 2 * 2, ink.shape[1] // 2 * 2
    return np.maximum.reduce([ink[0:h:2, 0:w:2], ink[1:h:2, 0:w:2],
                              ink[0:h:2, 1:w:2], ink[1:h:2, 1:w:2]])


def _longest_run(covered: np.ndarray) -> float:
    """The longest run of True in ``covered`` as a share of its length."""
    edges = np.diff(np.concatenate([[0], covered.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return float((ends - starts).max()) / len(covered) if len(starts) else 0.0


def _enclosed(shape: np.ndarray) -> tuple[int, float]:
    """How many pieces of paper a blot (boolean) encloses, and their share of its bounding
    box."""
    h, w = shape.shape
    _, _, stats, _ = cv2.connectedComponentsWithStats((~shape).astype(np.uint8), connectivity=4)
    left, top = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    right = left + stats[1:, cv2.CC_STAT_WIDTH]
    bottom = top + stats[1:, cv2.CC_STAT_HEIGHT]
    inside = (left > 0) & (top > 0) & (right < w) & (bottom < h)
    return int(inside.sum()), float(stats[1:, cv2.CC_STAT_AREA][inside].sum()) / (h * w)


def _thickness(shape: np.ndarray) -> float:
    """How thick the ink along the top edge of a blot (boolean) is: the median, over the
    middle half of that edge, of its first run of ink from the top, as a share of its height."""
    h, w = shape.shape
    middle = shape[:, w // 4:w - w // 4]
    first = np.where(middle.any(axis=0), np.argmax(middle, axis=0), h)
    depth = np.arange(h)[:, None]
    # Ink from the first inked row down to the first paper after it.
    after = (depth >= first[None, :]) & ~middle
    end = np.where(after.any(axis=0), np.argmax(after, axis=0), h)
    return float(np.median(end - first)) / h


def _trimmed(shape: np.ndarray) -> tuple[int, int, int, int]:
    """The blot's (boolean) bounding box less the dust stuck to its outline: (left, top,
    width, height) within it."""

    def span(share: np.ndarray) -> tuple[int, int]:
        reach = max(1, round(TRIM * len(share)))
        first, last = 0, len(share) - 1
        while first < reach and share[first] <= SPECK_ROW:
            first += 1
        while last > len(share) - 1 - reach and share[last] <= SPECK_ROW:
            last -= 1
        return first, last - first + 1

    top, height = span(shape.mean(axis=1))
    left, width = span(shape.mean(axis=0))
    return left, top, width, height


def _outline(shape: np.ndarray) -> bool:
    """Whether a blot (boolean, its bounding box) is a square's outline: ink in its four corners
    and along the whole of each of its four edges, enclosing paper: parted by a tick, or
    whole inside a thin outline."""
    h, w = shape.shape
    cy, cx = max(2, round(CORNER * h)), max(2, round(CORNER * w))
    if not (shape[:cy, :cx].any() and shape[:cy, -cx:].any() and shape[-cy:, :cx].any()
            and shape[-cy:, -cx:].any()):
        return False
    band_y, band_x = max(2, round(EDGE_BAND * h) + 1), max(2, round(EDGE_BAND * w) + 1)
    if min(_longest_run(shape[:band_y].any(axis=0)),
           _longest_run(shape[-band_y:].any(axis=0)),
           _longest_run(shape[:, :band_x].any(axis=1)),
           _longest_run(shape[:, -band_x:].any(axis=1))) < EDGE_COVER:
        return False
    holes, share = _enclosed(shape)
    if holes > 1:  # a tick parts the inside, and runs into the outline where it will
        return share >= HOLES
    thickness = sorted((_thickness(shape), _thickness(shape[::-1]), _thickness(shape.T),
                        _thickness(shape.T[::-1])))
    return holes == 1 and share >= ONE_HOLE and thickness[2] <= BORDER


def find_boxes(gray: np.ndarray, px_per_mm: float) -> list[TickBox]:
    """Tick boxes on a cleaned page image (8-bit grayscale), top to bottom."""
    ink = ink_mask(gray)
    scale = 1
    if px_per_mm >= HALF_SCALE_PX_PER_MM:
        ink, scale = _half(ink), 2
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    lo, hi = MIN_SIDE_MM * px_per_mm / scale, MAX_SIDE_MM * px_per_mm / scale
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    longer = np.maximum(widths, heights)
    candidates = np.flatnonzero((widths >= lo) & (heights >= lo) & (longer <= hi)
                                & (np.abs(widths - heights) <= SQUARE * longer))
    found = []
    for i in candidates[candidates > 0]:
        x, y, w, h = (int(v) for v in stats[i, :4])
        shape = labels[y:y + h, x:x + w] == i
        left, top, w, h = _trimmed(shape)
        if min(w, h) < lo or abs(w - h) > SQUARE * max(w, h):
            continue
        x, y = x + left, y + top
        if not _outline(shape[top:top + h, left:left + w]):
            continue
        dx, dy = max(1, round(INSET * w)), max(1, round(INSET * h))
        inside = ink[y + dy:y + h - dy, x + dx:x + w - dx]
        if inside.size == 0:
            continue
        share = float(np.count_nonzero(inside)) / inside.size
        if share > SOLID_INK:
            continue
        found.append(TickBox((x * scale, y * scale, w * scale, h * scale), share >= TICK_INK,
                             round(share, 3)))
    return sorted(found, key=lambda b: (b.box[1], b.box[0]))


def _inside(word: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> float:
    """Share of ``word``'s area that lies in ``box`` (both left, top, width, height)."""
    wx, wy, ww, wh = word
    bx, by, bw, bh = box
    across = min(wx + ww, bx + bw) - max(wx, bx)
    down = min(wy + wh, by + bh) - max(wy, by)
    if across <= 0 or down <= 0:
        return 0.0
    return across * down / max(1, ww * wh)


def mark_boxes(words: list[RawWord], boxes: list[TickBox]) -> list[RawWord]:
    """``words`` with those read over a tick box replaced by one word, ☒ or ☐, on the box.

    A box no word was read over gets its word too. The marker keeps the place of the first
    word it replaces in Tesseract's line; a new one has a line of its own, which the page's
    lines (found by geometry) then join to the text beside it.
    """
    out = list(words)
    for n, tick in enumerate(boxes):
        x, y, w, h = tick.box
        pad_x, pad_y = w // 4, h // 4
        reach = (x - pad_x, y - pad_y, w + 2 * pad_x, h + 2 * pad_y)
        under = [word for word in out if _inside(word.box, reach) >= COVER]
        key = under[0].line_key if under else (-1, -1, -1 - n)
        order = under[0].order if under else -1 - n
        marker = RawWord(TICKED if tick.ticked else EMPTY, tick.box, MARKER_CONFIDENCE, key, order)
        out = [word for word in out if word not in under]
        out.append(marker)
    return sorted(out, key=lambda word: word.order) if boxes else out
