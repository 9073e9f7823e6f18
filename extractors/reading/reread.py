"""A second reading of doubtful numbers, each on its own crop of the cleaned page.

Page segmentation is where table rules and specks hurt: a digit beside a rule's remnant is read
as "4" or "“4" at 0.57, two groups run together, a "%" becomes "Yo" and a leading 1 an "I".
Read alone, the same digits mostly come back clean, and two readings that agree are worth
more than either's confidence.
"""
from __future__ import annotations

from collections.abc import Iterable

import cv2
import numpy as np
from spacy.lang.sv.stop_words import STOP_WORDS

from extractors.reading.preprocess import ink_mask
from extractors.reading.tesseract import RawWord, tesseract_words

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
    the punctuation and units read between and after them, and the specks before them (back
    to the previous number) that may be digits misread ("a" for "424"). A number is doubtful
    when its digits are read under RECHECK_BELOW, a misread unit follows it or a misread 1
    precedes it."""
    spans = []
    i = previous_end = 0
    while i < len(words):
        if not _numeric(words[i]):
            i += 1
            continue
        start = i
        while start > previous_end and _speck_before(words[start - 1], words[start]):
            start -= 1
        j = i
        while j + 1 < len(words) and (_numeric(words[j + 1]) or _unit_or_speck(words[j + 1])):
            j += 1
        if (_digit_confidence(words[i:j + 1]) < RECHECK_BELOW
                or (j > i and _misread_unit(words[j]))
                or any(w.text in ONE_MISREAD for w in words[start:i])):
            spans.append((start, j))
        i = previous_end = j + 1
    return spans


def despeckle(crop: np.ndarray) -> np.ndarray:
    """``crop`` (a line) without the specks of a dotted rule: components no bigger than
    SPECK_SIZE of the line's glyph height either way. A thousands point goes with them; a
    decimal comma, taller, stays."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink_mask(crop), connectivity=8)
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
    ``gray``'s pixels, all on ``line_key`` at ``order``."""
    left, top, right, bottom = box
    words = tesseract_words(despeckle(gray[top:bottom, left:right]), languages=languages,
                            timeout=timeout, mode=mode)
    return [RawWord(w.text, (w.box[0] + left, w.box[1] + top, w.box[2], w.box[3]), w.confidence,
                    line_key, order) for w in words]


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
    """``words`` with each doubtful number read again on its own crop, in RECHECK_MODES."""
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
