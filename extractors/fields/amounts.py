"""Swedish money amounts, keeping the precision they were written with.

"1 285 000 kr", "834 000:-", "SEK 834 000", "2.345.000 kr", "2 345 tkr", "1,349 mnkr",
"1,3 miljoner kronor" (value 1 300 000, unit 100 000), "42 miljoner kronor", "en miljon
femtusen kronor" (extractors.fields.number_words), and as OCR reads
them: "2.1 miljoner kronor", "834 000--". Groups may be
separated by spaces, no-break spaces (U+00A0), thin spaces (U+2009, U+202F) or dots. A unit
may stand on the next line when a sentence wraps after the number ("(1,3\nmiljoner kronor)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from extractors.fields.number_words import find_worded_amounts
from extractors.model import Amount

_SEP = "[ \u00a0\u2009\u202f.]"
_SCALES: tuple[tuple[str, int], ...] = (
    (r"miljarder(?:\s+kronor)?|mdkr|mdr\s+kr", 1_000_000_000),
    (r"miljon(?:er)?(?:\s+(?:kronor|kr))?|milj\.?\s*(?:kronor|kr)|mnkr|mkr|msek|mn\s+kr", 1_000_000),
    (r"tkr|tsek|ksek|tusen\s+kronor|tusentals?\s+kronor", 1000),
    (r"kronor|kr\b\.?|sek\b|[:;.]-|-[-–]", 1),
)
"""Unit words by scale; ":-" also as OCR may read it: ";-", ".-", "--"."""
_UNIT = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _) in enumerate(_SCALES))
_GAP = r"[ \u00a0\u2009\u202f]*\n?[ \u00a0\u2009\u202f]*"
"""Between a number and its unit: spaces, and a line break where a sentence wraps."""
_ANY_UNIT = "|".join(pattern for pattern, _ in _SCALES)
_SPECK = r"[:;'’]"
"""A speck OCR read in a figure's group gap ("2:115 000 kronor"): taken only before a unit."""
_DASHED_GAP = "-"
"""...or a dash OCR read in a later gap ("12 050-000 kr"): never after the first group, where
it writes a range ("100-200 kr")."""
_GROUP_SPECKS = f"{_SPECK}|{_DASHED_GAP}"
_END = r"(?![\d/]|-\d)"
"""Not followed by more digits, a slash or a hyphen and digits (a date, a range, a reference)."""
AMOUNT_PATTERN = re.compile(
    rf"""
    (?<![\w/,.:-])(?:(?P<prefix>sek|kr)[ \u00a0\u2009\u202f]?)?
    (?:(?P<sign>[-\u2212\u2013\u2014])|(?<![\d/,.-]))
    (?P<number>(?!0\d)\d{{1,3}}{_SPECK}\d{{3}}(?:{_SEP}\d{{3}})*(?={_GAP}(?:{_ANY_UNIT})(?![^\W\d_]))
      |(?!0\d)\d{{1,3}}(?:{_SEP}\d{{3}})+{_DASHED_GAP}\d{{3}}(?:{_SEP}\d{{3}})*
        (?={_GAP}(?:{_ANY_UNIT})(?![^\W\d_]))
      |(?!0\d)\d{{1,4}}(?:{_SEP}\d{{3}}(?![\d]))+(?:,\d+)?{_END}
      |\d+[.;:]\d{{1,2}}(?={_GAP}(?:{_ANY_UNIT})(?![^\W\d_]))
      |(?!0\d)\d+(?:,\d+)?{_END})
    (?:{_GAP}(?:{_UNIT})(?![^\W\d_]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""A point before one or two digits and a unit is a decimal point ("2.1 miljoner kronor", as
OCR reads a comma); before three digits it groups thousands."""


_POINT_DECIMAL = re.compile(r"\d+\.\d{1,2}")
_MISREAD_COMMA = re.compile(r"(\d+)[;:](\d{1,2})")


@dataclass(frozen=True)
class AmountMatch:
    start: int
    end: int
    amount: Amount
    has_unit: bool
    """A currency or scale word (or "SEK" before) was written with the number."""
    clean: bool
    """False when the digit grouping looks damaged (mixed separators, a 4-digit group)."""
    text: str
    exact: Decimal = Decimal(0)
    """The kronor as written, öre kept ("214 411,16"); ``amount`` is rounded to whole kronor."""
    negative: bool = False
    """A minus sign written before the figure ("-4 975,55", "−8 450"): a cost table's
    correction row."""


def _scale(match: re.Match[str]) -> int | None:
    for i, (_, scale) in enumerate(_SCALES):
        if match.group(f"u{i}"):
            return scale
    return 1 if match.group("prefix") else None


def _number(text: str, scale: int) -> tuple[Amount, bool, Decimal] | None:
    """The amount a number written with ``scale`` stands for, whether its grouping is clean,
    and its exact value in kronor."""
    misread = _MISREAD_COMMA.fullmatch(text)  # "1;9 miljoner": OCR's comma
    if misread:
        text = f"{misread.group(1)},{misread.group(2)}"
    whole, _, fraction = text.partition("," if "," in text or not _POINT_DECIMAL.fullmatch(text)
                                        else ".")
    specked = misread is not None or re.search(_GROUP_SPECKS, whole) is not None
    whole = re.sub(_GROUP_SPECKS, " ", whole)
    groups = re.split(_SEP, whole)
    separators = set(re.findall(_SEP, whole))
    clean = not specked and len(separators) <= 1 and (len(groups) == 1 or len(groups[0]) <= 3)
    if len(groups) == 2 and "." in separators and scale >= 1_000_000 and not fraction:
        # "1.349 mnkr": a dot before three digits of millions is a decimal point.
        whole, fraction = groups[0], groups[1]
        groups = [whole]
    try:
        number = Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        return None
    step = Decimal(scale) / (Decimal(10) ** len(fraction)) if fraction else Decimal(scale)
    unit = max(1, int(step))
    value = int((number * scale).to_integral_value(rounding=ROUND_HALF_UP))
    return Amount(value, unit), clean, number * scale


def find_amounts(text: str) -> list[AmountMatch]:
    """Every number in ``text`` read as an amount, with or without a currency word."""
    out = []
    for m in AMOUNT_PATTERN.finditer(text):
        scale = _scale(m)
        parsed = _number(m.group("number"), scale or 1)
        if parsed is None:
            continue
        amount, clean, exact = parsed
        start = m.start("number") if m.group("sign") and not m.group("prefix") else m.start()
        out.append(AmountMatch(start, m.end(), amount, scale is not None, clean,
                               text[start:m.end()], exact, bool(m.group("sign"))))
    for start, end, value in find_worded_amounts(text):
        out.append(AmountMatch(start, end, Amount(value, 1), True, True, text[start:end],
                               Decimal(value)))
    return sorted(out, key=lambda a: a.start)


_DECLARABLE = r"tkr|tsek|ksek|tusentals?\s+kronor|tusen\s+kronor|mnkr|mkr|miljoner\s+kronor"
DECLARED_UNIT = re.compile(
    rf"\(\s*(?:belopp\s+)?(?:i\s+)?(?P<paren>{_DECLARABLE}|kr|kronor|sek)\s*\)"
    rf"|(?:\bi|(?<=[^\W\d_]),)\s+(?P<words>{_DECLARABLE})\b",
    re.IGNORECASE,
)
"""A unit written for figures elsewhere: a label's "(tkr)", a column's "Belopp (tkr)",
"Belopp i tkr", "Uppgifter i tusental kronor"."""


def declared_scale(text: str, *, throughout: bool = False) -> int | None:
    """The scale a label or column header declares for the bare figures under or after it.
    With ``throughout``, only a declaration for a whole account counts: "belopp i tkr",
    "Uppgifter i tusental kronor", not a column's "Belopp (tkr)"."""
    m = DECLARED_UNIT.search(text)
    if m is None or (throughout and not re.search(r"\bi\s", m.group(0), re.IGNORECASE)):
        return None
    unit = (m.group("paren") or m.group("words")).lower()
    for i, (pattern, scale) in enumerate(_SCALES):
        if re.fullmatch(pattern, unit, re.IGNORECASE):
            return scale
    return None


def with_scale(match: AmountMatch, scale: int) -> AmountMatch:
    """A bare figure read in the unit its label or column declares ("2 281,6" under "(tkr)")."""
    if match.has_unit:
        return match
    parsed = _number(match.text, scale)
    if parsed is None:
        return match
    amount, clean, exact = parsed
    return AmountMatch(match.start, match.end, amount, True, clean, match.text, exact,
                       match.negative)


def parse_amount(text: str) -> Amount | None:
    """A whole string written as one amount ("1 349 tkr", "834 000:-"), or None."""
    stripped = text.strip().rstrip(".").strip()
    if not stripped:
        return None
    for m in find_amounts(stripped):
        if m.start == 0 and m.end == len(stripped):
            return m.amount
    return None
