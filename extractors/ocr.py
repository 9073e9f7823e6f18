"""OCR of one page image with Tesseract: words, boxes in PDF points, confidences, lines.

Runs inside a page worker (OMP_THREAD_LIMIT=1 is set there). The image goes through
preprocess.clean_page first; Tesseract's pixel boxes are mapped back through the clean-up's
affine map and scaled from the image's dpi to points.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract
from PIL import Image
from spacy.lang.sv.stop_words import STOP_WORDS

from extractors.model import BBox, PageText, Word
from extractors.preprocess import clean_page, compose, rotate_quarter
from extractors.text_quality import text_quality

log = logging.getLogger(__name__)

TESSERACT_CONFIG = "--oem 1 --psm 3"
LINE_OVERLAP = 0.5
"""Words share a line when their vertical centres are within this share of the line height."""
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
RECHECK_BELOW = 0.85
"""Numbers read under this confidence are read again on their own (Tesseract, one line): at
0.80 a 150-dpi fax's 9 read as 3 still passes."""
RECHECK_MODES = ("--psm 7", "--psm 13")
"""A doubtful number is read again as one text line, then, if that reading does not agree
with the page's, as one raw line."""
RECHECK_MAX = 12
"""At most this many numbers per page are read again: each costs about 0.4 s."""
AGREED_CONFIDENCE = 0.9
"""Confidence of digits that two of the three readings agree on: Tesseract's own figure for
a digit next to a table rule's remnant is often under 0.6 when the digit is right."""
RECHECK_PAD = 10
"""White pixels kept around a number's words in its crop."""
SPECK_SIZE = 0.2
"""Share of the glyph height under which a blot in a number's crop is a speck."""


class Stopwatch:
    """Seconds spent per stage, summed over calls; the benchmark reads them."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def time(self, stage: str) -> "_Lap":
        return _Lap(self, stage)


class _Lap:
    def __init__(self, watch: Stopwatch, stage: str) -> None:
        self.watch, self.stage = watch, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self.start
        self.watch.seconds[self.stage] = self.watch.seconds.get(self.stage, 0.0) + elapsed


def _to_pil(gray: np.ndarray) -> Image.Image:
    image = Image.fromarray(gray)
    image.format = "BMP"  # pytesseract hands Tesseract a temp file; BMP skips PNG's deflate
    return image


@dataclass(frozen=True)
class RawWord:
    text: str
    box: tuple[int, int, int, int]
    """(left, top, width, height) in pixels of the image Tesseract read."""
    confidence: float
    line_key: tuple[int, int, int]
    """Tesseract's (block, paragraph, line)."""
    order: int


def tesseract_words(gray: np.ndarray, *, languages: str, timeout: float = 0) -> list[RawWord]:
    """Tesseract's words on ``gray``, confidences scaled to 0..1."""
    data = pytesseract.image_to_data(
        _to_pil(gray), lang=languages, config=TESSERACT_CONFIG,
        output_type=pytesseract.Output.DICT, timeout=timeout,
    )
    out = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        box = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        out.append(RawWord(text, box, max(0.0, min(1.0, conf / 100)), key, i))
    return out


def _digits(words: Iterable[RawWord]) -> str:
    return "".join(c for w in words for c in w.text if c.isdigit())


def _numeric(word: RawWord) -> bool:
    """Mostly digits: "580000", "50%", "2024-01-01"; not a name OCR put a digit in."""
    alnum = [c for c in word.text if c.isalnum()]
    return bool(alnum) and 2 * sum(c.isdigit() for c in alnum) >= len(alnum)


UNIT_WORDS = frozenset({"kr", "kr.", "tkr", "sek", "kronor", "mnkr", "mkr", "%", ":-"})


def _unit_or_speck(word: RawWord) -> bool:
    """A unit after a number, punctuation OCR read from a speck, or a short non-word ("Yo"
    for a "%"); not a word of the sentence ("tkr i statsbidrag")."""
    text = word.text.lower()
    return text in UNIT_WORDS or not any(c.isalnum() for c in text) or (
        len(text) <= 3 and text not in STOP_WORDS)


def _misread_unit(word: RawWord) -> bool:
    """A short word after a number that is neither a unit nor a thousands group: how
    Tesseract reads a "%" on photos and low-resolution faxes ("Yo", "%o", "96", "9%")."""
    text = word.text.lower()
    return (len(text) <= 3 and text not in UNIT_WORDS and any(c.isalnum() for c in text)
            and not (len(text) == 3 and text.isdigit()) and text not in STOP_WORDS)


ONE_MISREAD = frozenset({"I", "l", "|", "!", "]"})
"""What a leading 1 becomes at fax resolution ("I 200 000 kr")."""


def _speck_before(word: RawWord, number: RawWord) -> bool:
    """A short word just before a number that is punctuation, a 1 misread, or whose box runs
    into the number's: what OCR makes of a digit beside a rule's remnant."""
    if len(word.text) > 3:
        return False
    return (not any(c.isalnum() for c in word.text) or word.text in ONE_MISREAD
            or word.box[0] + word.box[2] > number.box[0])


def _number_spans(words: list[RawWord]) -> list[tuple[int, int]]:
    """(first, last) index of each doubtful number on a line: a run of numeric words, with
    the punctuation and units read between and after them, and the
    specks before them that may be digits misread ("a" for "424"). A number is doubtful when
    its digits are read under RECHECK_BELOW, a misread unit follows it or a misread 1
    precedes it."""
    spans = []
    i = 0
    while i < len(words):
        if not _numeric(words[i]):
            i += 1
            continue
        start = i
        while start > 0 and _speck_before(words[start - 1], words[start]) and (
            not spans or start - 1 > spans[-1][1]
        ):
            start -= 1
        j = i
        while j + 1 < len(words) and (_numeric(words[j + 1]) or _unit_or_speck(words[j + 1])):
            j += 1
        if (_digit_confidence(words[i:j + 1]) < RECHECK_BELOW
                or (j > i and _misread_unit(words[j]))
                or any(w.text in ONE_MISREAD for w in words[start:i])):
            spans.append((start, j))
        i = j + 1
    return spans


def despeckle(crop: np.ndarray) -> np.ndarray:
    """``crop`` (a line) without the specks of a dotted rule: components no bigger than
    SPECK_SIZE of the line's glyph height either way. A thousands point goes with them; a
    decimal comma, taller, stays."""
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 2:
        return crop
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    glyph = float(np.median(heights[heights >= heights.max() / 2]))
    limit = max(2.0, SPECK_SIZE * glyph)
    speck = (stats[:, cv2.CC_STAT_WIDTH] <= limit) & (stats[:, cv2.CC_STAT_HEIGHT] <= limit)
    speck[0] = False
    if not speck.any():
        return crop
    out = crop.copy()
    out[speck[labels]] = 255
    return out


def _read_line(gray: np.ndarray, box: tuple[int, int, int, int], *, mode: str,
               languages: str, timeout: float, line_key: tuple[int, int, int],
               order: int) -> list[RawWord]:
    """Words of one line cropped from ``gray`` (``box`` = left, top, right, bottom), boxes in
    ``gray``'s pixels."""
    left, top, right, bottom = box
    data = pytesseract.image_to_data(
        _to_pil(despeckle(gray[top:bottom, left:right])), lang=languages, config=f"--oem 1 {mode}",
        output_type=pytesseract.Output.DICT, timeout=timeout,
    )
    out = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        box = (left + data["left"][i], top + data["top"][i], data["width"][i], data["height"][i])
        out.append(RawWord(text, box, max(0.0, min(1.0, conf / 100)), line_key, order))
    return out


def _digit_confidence(words: list[RawWord]) -> float:
    return min((w.confidence for w in words if any(c.isdigit() for c in w.text)), default=0.0)


def _agreed(words: list[RawWord]) -> list[RawWord]:
    """A reading whose digits another one agrees with: digits at AGREED_CONFIDENCE at least."""
    return [RawWord(w.text, w.box, max(w.confidence, AGREED_CONFIDENCE)
                    if any(c.isdigit() for c in w.text) else w.confidence, w.line_key, w.order)
            for w in words]


def _reread(gray: np.ndarray, box: tuple[int, int, int, int], first: list[RawWord], *,
            languages: str, timeout: float, line_key: tuple[int, int, int]) -> list[RawWord]:
    """The reading to keep of a doubtful number: read again in each of RECHECK_MODES until
    two readings (the page's included) agree on the digits, then of the two the one whose
    other words are units rather than junk ("45 %" over "45 Yo"), the later, read from a clean
    crop, on a tie; else the one with the surest digits."""
    readings = [first]
    for mode in RECHECK_MODES:
        again = _read_line(gray, box, mode=mode, languages=languages, timeout=timeout,
                           line_key=line_key, order=first[0].order)
        for earlier in readings:
            if _digits(again) and _digits(again) == _digits(earlier):
                return _agreed(max(again, earlier, key=_well_formed))
        readings.append(again)
    return max(readings, key=_digit_confidence)


def _well_formed(words: list[RawWord]) -> int:
    """Words that are numbers or units, less the others."""
    return sum(1 if _numeric(w) or w.text.lower() in UNIT_WORDS else -1 for w in words)


def recheck_numbers(gray: np.ndarray, words: list[RawWord], *, languages: str,
                    timeout: float = 0) -> list[RawWord]:
    """``words`` with each doubtful number read again on its own crop, in RECHECK_MODES.

    Page segmentation is where table rules and specks hurt: a digit beside a rule's remnant is
    read as "4" or "“4" at 0.57, or two groups run together. Read alone, the same digits
    mostly come back clean, and two readings that agree are worth more than either's
    confidence.
    """
    lines: dict[tuple[int, int, int], list[RawWord]] = {}
    for w in words:
        lines.setdefault(w.line_key, []).append(w)
    replaced: dict[int, list[RawWord]] = {}
    budget = RECHECK_MAX
    height, width = gray.shape
    for key, line in lines.items():
        for first, last in _number_spans(line):
            if budget == 0:
                break
            budget -= 1
            span = line[first:last + 1]
            box = (max(0, min(w.box[0] for w in span) - RECHECK_PAD),
                   max(0, min(w.box[1] for w in span) - RECHECK_PAD),
                   min(width, max(w.box[0] + w.box[2] for w in span) + RECHECK_PAD),
                   min(height, max(w.box[1] + w.box[3] for w in span) + RECHECK_PAD))
            replaced[id(span[0])] = _reread(gray, box, span, languages=languages,
                                            timeout=timeout, line_key=key)
            replaced.update((id(w), []) for w in span[1:])
    out: list[RawWord] = []
    for w in words:
        out.extend(replaced.get(id(w), [w]))
    return out


def upside_down(words: list[RawWord]) -> bool:
    """Whether Tesseract read the page upside down: it then reads each line correctly but its
    words run right to left on the image."""
    lines: dict[tuple[int, int, int], list[RawWord]] = {}
    for w in words:
        lines.setdefault(w.line_key, []).append(w)
    forward = backward = 0
    for line in lines.values():
        for a, b in zip(line, line[1:]):
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


def group_lines(words: Iterable[Word], reading: Callable[[Word], BBox] | None = None) -> list[Word]:
    """Line indices for OCR words by geometry, top to bottom, left to right within a line.

    OCR tops differ by ascenders ("Belopp" against "ansökan"), so words join a line on the
    vertical centre: within LINE_OVERLAP of the line's median word height. Words in different
    table columns on the same baseline thereby share a line, as the text layer's do.
    ``reading`` gives each word's box in the upright, deskewed frame (default: its bbox);
    lines are found there, while the words keep their page boxes.
    """
    box = reading or (lambda w: w.bbox)
    ordered = sorted(words, key=lambda w: ((box(w)[1] + box(w)[3]) / 2, box(w)[0]))
    lines: list[list[Word]] = []
    centres: list[float] = []
    for w in ordered:
        centre = (box(w)[1] + box(w)[3]) / 2
        height = box(w)[3] - box(w)[1]
        if lines:
            line_height = float(np.median([box(x)[3] - box(x)[1] for x in lines[-1]]))
            if abs(centre - centres[-1]) <= LINE_OVERLAP * max(line_height, height):
                lines[-1].append(w)
                centres[-1] = float(np.mean([(box(x)[1] + box(x)[3]) / 2 for x in lines[-1]]))
                continue
        lines.append([w])
        centres.append(centre)
    out: list[Word] = []
    for i, line in enumerate(lines):
        for w in sorted(line, key=lambda w: box(w)[0]):
            out.append(Word(w.text, w.page, w.bbox, w.confidence, i))
    return out


def _pass(
    image: np.ndarray, to_source: np.ndarray, *, page: int, dpi: float, languages: str,
    timeout: float, watch: Stopwatch,
) -> list[Word]:
    with watch.time("tesseract"):
        raw = tesseract_words(image, languages=languages, timeout=timeout)
    with watch.time("recheck"):
        raw = recheck_numbers(image, raw, languages=languages, timeout=timeout)
    with watch.time("mapping"):
        points_per_px = 72.0 / dpi
        height, width = image.shape
        flipped = upside_down(raw)
        reading: dict[int, BBox] = {}
        words = []
        for r in raw:
            left, top, w, h = r.box
            upright = ((width - left - w, height - top - h, width - left, height - top) if flipped
                       else (left, top, left + w, top + h))
            word = Word(r.text, page, map_box(r.box, to_source, points_per_px), r.confidence)
            reading[id(word)] = upright
            words.append(word)
        return group_lines(words, lambda w: reading[id(w)])


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
                             deadline=deadline, watch=watch, deskew=deskew, rules=rules)
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
) -> list[Word] | None:
    """Words of the page turned upright by Tesseract's OSD, or None if it is upright/unknown."""
    with watch.time("orientation"):
        try:
            osd = pytesseract.image_to_osd(_to_pil(gray), output_type=pytesseract.Output.DICT,
                                           config="--psm 0", timeout=deadline())
        except pytesseract.TesseractError as exc:  # too few characters to tell
            log.debug("osd failed page=%s error=%s", page, str(exc).strip()[:80])
            return None
    rotation = int(osd.get("rotate", 0))
    if rotation % 360 == 0 or float(osd.get("orientation_conf", 0)) < OSD_MIN_ORIENTATION_CONFIDENCE:
        return None
    log.info("page turned page=%s rotate=%s conf=%s", page, rotation, osd.get("orientation_conf"))
    with watch.time("preprocess"):
        upright, back = rotate_quarter(gray, rotation)
        cleaned = clean_page(upright, deskew=deskew, rules=rules)
    return _pass(cleaned.image, compose(back, cleaned.to_source), page=page, dpi=dpi,
                 languages=languages, timeout=deadline(), watch=watch)

