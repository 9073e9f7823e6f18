"""OCR of one page image with Tesseract: words, boxes in PDF points, confidences, lines.

Runs inside a page worker (OMP_THREAD_LIMIT=1 is set there). The image goes through
preprocess.clean_page first, is read (extractors.reading.tesseract), its doubtful numbers read again
(extractors.reading.reread), the words over tick boxes replaced by ☒ or ☐
(extractors.reading.checkboxes), the page turned when it was read sideways or upside down; Tesseract's
pixel boxes are mapped back through the clean-up's affine map and scaled to points.
"""
from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import replace

import numpy as np
import pytesseract

from extractors.model import BBox, PageText, Word
from extractors.reading.checkboxes import find_boxes, mark_boxes, pixels_per_mm
from extractors.reading.preprocess import clean_page, compose, rotate_quarter
from extractors.reading.reread import recheck_numbers
from extractors.reading.tesseract import RawWord, tesseract_words, to_pil
from extractors.reading.text_quality import text_quality

log = logging.getLogger(__name__)

LINE_OVERLAP = 0.5
"""Words share a line when their vertical centres are within this share of the line height."""
TALL_WORD = 1.8
"""A word this many times taller than the line it would join belongs to a line of its own."""
OSD_MIN_WORDS = 8
OSD_MAX_CONFIDENCE = 0.55
"""Orientation is checked only when the first pass reads fewer words than OSD_MIN_WORDS or
their mean confidence is under this: an upright page never pays for OSD."""
OSD_MIN_ORIENTATION_CONFIDENCE = 1.0
SIDEWAYS_SHARE = 0.5
"""A page whose words of three letters or more are mostly taller than wide lies turned by a
quarter: Tesseract reads vertical lines well enough to pass the checks above, but as a
column of one-word lines."""
SIDEWAYS_KEEP = 0.8
"""The upright reading of such a page is kept when its summed confidence is this share of the
sideways one's at least."""


class Stopwatch:
    """Seconds spent per stage, summed over calls; the benchmark reads them."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def time(self, stage: str) -> _Lap:
        return _Lap(self, stage)


class _Lap:
    def __init__(self, watch: Stopwatch, stage: str) -> None:
        self.watch, self.stage = watch, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self.start
        self.watch.seconds[self.stage] = self.watch.seconds.get(self.stage, 0.0) + elapsed


def upside_down(words: list[RawWord]) -> bool:
    """Whether Tesseract read the page upside down: it then reads each line correctly but its
    words run right to left on the image."""
    lines: dict[tuple[int, int, int], list[RawWord]] = {}
    for w in words:
        lines.setdefault(w.line_key, []).append(w)
    forward = backward = 0
    for line in lines.values():
        for a, b in itertools.pairwise(line):
            if b.box[0] > a.box[0]:
                forward += 1
            elif b.box[0] < a.box[0]:
                backward += 1
    return backward > forward


def sideways(words: Iterable[Word]) -> bool:
    """Whether most longer words' boxes stand upright: text running down or up the page."""
    long = [w for w in words if sum(c.isalnum() for c in w.text) >= 3]
    tall = sum(1 for w in long if w.bbox[3] - w.bbox[1] > w.bbox[2] - w.bbox[0])
    return bool(long) and tall > SIDEWAYS_SHARE * len(long)


def map_box(box: tuple[int, int, int, int], to_source: np.ndarray, points_per_px: float) -> BBox:
    """A pixel box on the cleaned image as a PDF-point box on the page (axis-aligned hull)."""
    left, top, width, height = box
    corners = np.array([[left, top, 1], [left + width, top, 1],
                        [left, top + height, 1], [left + width, top + height, 1]], dtype=float)
    src = corners @ to_source.T
    x0, y0 = src.min(axis=0)
    x1, y1 = src.max(axis=0)
    return (float(x0 * points_per_px), float(y0 * points_per_px),
            float(x1 * points_per_px), float(y1 * points_per_px))


def _points(box: tuple[float, float, float, float], points_per_px: float) -> BBox:
    return (box[0] * points_per_px, box[1] * points_per_px,
            box[2] * points_per_px, box[3] * points_per_px)


def _sized(line: list[Word]) -> list[Word]:
    """The words that size and place a line: specks ("'", "=") do neither."""
    return [w for w in line if any(c.isalnum() for c in w.text)] or line


def group_lines(words: Iterable[Word]) -> list[Word]:
    """Line indices for OCR words by geometry, top to bottom, left to right within a line.

    OCR tops differ by ascenders ("Belopp" against "ansökan"), so words join a line on the
    vertical centre: within LINE_OVERLAP of the line's median word height. Words in different
    table columns on the same baseline thereby share a line, as the text layer's do.
    Lines are found in the upright, deskewed frame the page was read in (Word.frame), while
    the words keep their page boxes.
    """
    ordered = sorted(words, key=lambda w: ((w.frame[1] + w.frame[3]) / 2, w.frame[0]))
    lines: list[list[Word]] = []
    centres: list[float] = []
    for w in ordered:
        centre = (w.frame[1] + w.frame[3]) / 2
        height = w.frame[3] - w.frame[1]
        if lines:
            sized = _sized(lines[-1])
            line_height = max(x.frame[3] - x.frame[1] for x in sized)
            # A word much taller than a line of several (a written digit reaching into the
            # line above) does not widen it.
            tall = len(sized) > 1 and height > TALL_WORD * line_height
            reach = line_height if tall else max(line_height, height)
            if abs(centre - centres[-1]) <= LINE_OVERLAP * reach:
                lines[-1].append(w)
                centres[-1] = float(np.mean([(x.frame[1] + x.frame[3]) / 2
                                             for x in _sized(lines[-1])]))
                continue
        lines.append([w])
        centres.append(centre)
    out: list[Word] = []
    for i, line in enumerate(lines):
        for w in sorted(line, key=lambda w: w.frame[0]):
            out.append(replace(w, line=i))
    return out


def _pass(
    image: np.ndarray, to_source: np.ndarray, *, page: int, dpi: float, languages: str,
    timeout: float, watch: Stopwatch,
) -> list[Word]:
    with watch.time("tesseract"):
        raw = tesseract_words(image, languages=languages, timeout=timeout)
    with watch.time("recheck"):
        raw = recheck_numbers(image, raw, languages=languages, timeout=timeout)
    with watch.time("checkboxes"):
        raw = mark_boxes(raw, find_boxes(image, pixels_per_mm(image.shape[1], dpi)))
    with watch.time("mapping"):
        points_per_px = 72.0 / dpi
        height, width = image.shape
        flipped = upside_down(raw)
        words = []
        for r in raw:
            left, top, w, h = r.box
            upright = ((width - left - w, height - top - h, width - left, height - top) if flipped
                       else (left, top, left + w, top + h))
            words.append(Word(r.text, page, map_box(r.box, to_source, points_per_px),
                              r.confidence, upright=_points(upright, points_per_px)))
        return group_lines(words)


def ocr_page(
    gray: np.ndarray,
    *,
    page: int,
    dpi: float,
    languages: str = "swe+eng",
    deadline: Callable[[], float] = lambda: 0,
    watch: Stopwatch | None = None,
    deskew: bool = True,
    rules: bool = True,
) -> PageText:
    """Read one grayscale page image (``dpi`` pixels per inch) into a PageText.

    ``deadline`` gives the seconds left for Tesseract calls (0: no limit).
    """
    watch = watch or Stopwatch()
    height_px, width_px = gray.shape
    with watch.time("preprocess"):
        cleaned = clean_page(gray, deskew=deskew, rules=rules)
    words = _pass(cleaned.image, cleaned.to_source, page=page, dpi=dpi, languages=languages,
                  timeout=deadline(), watch=watch)
    mean = sum(w.confidence for w in words) / len(words) if words else 0.0
    lying = sideways(words)
    if len(words) < OSD_MIN_WORDS or mean < OSD_MAX_CONFIDENCE or lying:
        turned = _reoriented(gray, page=page, dpi=dpi, languages=languages,
                             deadline=deadline, watch=watch, deskew=deskew, rules=rules,
                             lying=lying)
        # Read sideways, the words may be as sure as upright, but their lines are columns.
        surer = SIDEWAYS_KEEP if lying else 1.0
        if turned is not None and (sum(w.confidence for w in turned)
                                   > surer * sum(w.confidence for w in words)):
            words = turned
    confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
    quality = text_quality(w.text for w in words) * confidence if words else 0.0
    return PageText(number=page, width=width_px * 72.0 / dpi, height=height_px * 72.0 / dpi,
                    words=words, source="ocr", quality=round(quality, 3))


def _reoriented(
    gray: np.ndarray, *, page: int, dpi: float, languages: str,
    deadline: Callable[[], float], watch: Stopwatch, deskew: bool, rules: bool,
    lying: bool = False,
) -> list[Word] | None:
    """Words of the page turned upright by Tesseract's OSD, or None if it is upright/unknown.

    A page whose words already stand on end (``lying``) is turned a quarter even where OSD
    is unsure (a bold typewriter face gets 0.7 where 1.0 is asked, and then as often names
    the wrong quarter): both quarters are read and the surer kept."""
    with watch.time("orientation"):
        try:
            osd = pytesseract.image_to_osd(to_pil(gray), output_type=pytesseract.Output.DICT,
                                           config="--psm 0", timeout=deadline())
        except pytesseract.TesseractError as exc:  # too few characters to tell
            log.debug("osd failed page=%s error=%s", page, str(exc).strip()[:80])
            osd = {}
    rotation = int(osd.get("rotate", 0)) % 360
    sure = float(osd.get("orientation_conf", 0)) >= OSD_MIN_ORIENTATION_CONFIDENCE
    if rotation and sure:
        rotations = [rotation]
    elif lying:
        rotations = [90, 270]
    else:
        return None
    log.info("page turned page=%s rotate=%s conf=%s", page, rotations, osd.get("orientation_conf"))
    readings = [_turned(gray, r, page=page, dpi=dpi, languages=languages, deadline=deadline,
                        watch=watch, deskew=deskew, rules=rules) for r in rotations]
    return max(readings, key=lambda words: sum(w.confidence for w in words))


def _turned(gray: np.ndarray, rotation: int, *, page: int, dpi: float, languages: str,
            deadline: Callable[[], float], watch: Stopwatch, deskew: bool,
            rules: bool) -> list[Word]:
    with watch.time("preprocess"):
        upright, back = rotate_quarter(gray, rotation)
        cleaned = clean_page(upright, deskew=deskew, rules=rules)
    return _pass(cleaned.image, compose(back, cleaned.to_source), page=page, dpi=dpi,
                 languages=languages, timeout=deadline(), watch=watch)

