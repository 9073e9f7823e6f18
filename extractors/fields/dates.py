"""Swedish dates: "2024-03-14", "14 mars 2024", "den 14 mars 2024", "14/3 2024", "20240314",
and "2024-02.23" as OCR reads an ISO date's second hyphen (not exact); an English mail
header's "26 March 2024" too.

Month names damaged by OCR ("februari" read as "februan", "oktober" as "oktaber") are matched
fuzzily, but only between a plausible day and a four-digit year, where nothing else fits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from extractors.fields.text import fold

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
ENGLISH_MONTHS = {
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}
"""A printed mail from an English Outlook ("Sent: Tuesday, 26 March 2024 07:15"): the names
that differ from the Swedish ones."""
ABBREVIATIONS = {
    "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
FUZZY_MONTH_CUTOFF = 80

_YEAR = r"(?:19|20)\d{2}"
_DATE_PATTERNS = (
    ("iso", re.compile(rf"(?<![\d/])(?P<y>{_YEAR})\s?-\s?(?P<m>\d{{1,2}})\s?(?P<sep>[-.])\s?(?P<d>\d{{1,2}})(?![\d/])")),
    ("compact", re.compile(rf"(?<![\d/.,-])(?P<y>{_YEAR})(?P<m>\d{{2}})(?P<d>\d{{2}})(?![\d/-])")),
    ("text", re.compile(
        rf"(?<![\w-])(?:den\s+)?(?P<d>\d{{1,2}})(?::[ae]|\s*e)?\s+(?P<month>[^\W\d_]{{3,10}}|[^\W_]{{3,10}})"
        rf"\.?,?\s+(?P<y>{_YEAR})(?!\d)",
        re.IGNORECASE,
    )),
    ("numeric", re.compile(
        rf"(?<![\d/.,-])(?P<d>\d{{1,2}})(?P<sep>[/.])(?P<m>\d{{1,2}})(?:(?P=sep)|\s*-\s*|\s+)(?P<y>{_YEAR})(?![\d/])"
    )),
)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    date: date
    text: str
    exact: bool
    """False when a damaged month name was matched fuzzily."""


def month_number(word: str) -> tuple[int, bool] | None:
    """The month a (possibly OCR-damaged) Swedish month name means, and whether exactly."""
    key = word.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key], True
    if key in ENGLISH_MONTHS:
        return ENGLISH_MONTHS[key], True
    if key in ABBREVIATIONS:
        return ABBREVIATIONS[key], True
    folded = fold(key).replace("rn", "m")  # OCR reads "m" as "rn"
    if folded in MONTHS:
        return MONTHS[folded], False
    if len(folded) < 4 or not any(c.isalpha() for c in folded):
        return None
    best = process.extractOne(folded, MONTHS.keys(), scorer=fuzz.ratio,
                              score_cutoff=FUZZY_MONTH_CUTOFF)
    return (MONTHS[best[0]], False) if best else None


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date written in ``text``, left to right, overlapping readings removed."""
    found: list[DateMatch] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            exact = True
            if kind == "text":
                month = month_number(m.group("month"))
                if month is None:
                    continue
                month_value, exact = month
            else:
                month_value = int(m.group("m"))
                exact = kind != "iso" or m.group("sep") == "-"  # "2024-02.23": OCR's dot
            value = _valid(int(m.group("y")), month_value, int(m.group("d")))
            if value is not None:
                found.append(DateMatch(m.start(), m.end(), value, m.group(0), exact))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMatch] = []
    for d in found:
        if not out or d.start >= out[-1].end:
            out.append(d)
    return out


def parse_date(text: str) -> date | None:
    """A whole string written as one date ("14 mars 2024", "2024-03-14"), or None."""
    stripped = text.strip().rstrip(".").strip()
    for d in find_dates(stripped):
        if d.start == 0 and d.end == len(stripped):
            return d.date
    return None
