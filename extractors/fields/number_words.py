"""Amounts written in Swedish words: "en miljon sjuhundratjugotvåtusen kronor",
"trehundraåttiofemtusen kronor", "två miljoner kronor".

Forms put the amount in words beside the figure ("Belopp med bokstäver") and decisions may
state it in words alone. Number words run together into one word below a million
("sjuhundratjugotvåtusen") and stand apart around "miljon(er)"; only a run of them followed by
"kronor" or "kr" counts as an amount, so "två kommuner" or "en miljon invånare" is no money.
"""
from __future__ import annotations

import re

SMALL: dict[str, int] = {
    "noll": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19,
    "tjugo": 20, "tjugu": 20, "trettio": 30, "fyrtio": 40, "förtio": 40, "femtio": 50, "sextio": 60,
    "sjuttio": 70, "åttio": 80, "nittio": 90,
}
SMALL |= {word.translate(str.maketrans("åäö", "aao")): value for word, value in SMALL.items()}
"""OCR loses the rings and dots: "trehundraattiofemtusen"."""
HUNDRED = "hundra"
THOUSAND = "tusen"
LARGE: dict[str, int] = {"miljon": 10**6, "miljoner": 10**6, "miljard": 10**9, "miljarder": 10**9}

_PARTS = sorted([*SMALL, HUNDRED, THOUSAND, *LARGE], key=len, reverse=True)
_PART = "|".join(_PARTS)
_TOKEN = re.compile(_PART)
_WORD = rf"(?:{_PART})+"
WORDED_AMOUNT = re.compile(
    rf"(?<![^\W\d_])(?P<words>{_WORD}(?:[ \u00a0-]+{_WORD})*)\s+(?:svenska\s+)?(?:kronor|kr\b)",
    re.IGNORECASE,
)
"""A run of number words, then the currency."""
WORDED_PERCENT = re.compile(rf"(?<![^\W\d_])(?P<words>{_WORD})\s+procent\b", re.IGNORECASE)
"""A percentage in words: "tjugofem procent", "fyrtio procent"."""


def parse_number_words(text: str) -> int | None:
    """The number that Swedish number words stand for, or None when they do not make one."""
    tokens: list[str] = []
    for word in re.split(r"[ \u00a0-]+", text.strip().lower()):
        position = 0
        while position < len(word):
            m = _TOKEN.match(word, position)
            if m is None:
                return None
            tokens.append(m.group())
            position = m.end()
    if not tokens or not _well_formed(tokens):
        return None
    total = current = 0
    for token in tokens:
        if token in SMALL:
            current += SMALL[token]
        elif token == HUNDRED:
            current = (current or 1) * 100
        elif token == THOUSAND:
            total += (current or 1) * 1000
            current = 0
        else:
            total += (current or 1) * LARGE[token]
            current = 0
    return total + current


def _well_formed(tokens: list[str]) -> bool:
    """Each multiplier at most once, larger ones first, and no two small words in a row that
    do not add up as Swedish writes them (tens before units: "tjugotvå", never "tvåtjugo")."""
    seen: list[int] = []
    previous_small: int | None = None
    for token in tokens:
        if token in SMALL:
            value = SMALL[token]
            if previous_small is not None and not (
                previous_small % 10 == 0 and previous_small >= 20 and 0 < value < 10
            ):
                return False
            previous_small = value
            continue
        previous_small = None
        scale = 100 if token == HUNDRED else 1000 if token == THOUSAND else LARGE[token]
        if scale == 100:
            if seen and seen[-1] == 100:
                return False
            seen.append(100)
            continue
        if any(s <= scale for s in seen if s != 100):
            return False
        seen = [s for s in seen if s != 100] + [scale]
    return True


def find_worded_amounts(text: str) -> list[tuple[int, int, int]]:
    """(start, end, kronor) of every amount written in words and followed by its currency."""
    out = []
    for m in WORDED_AMOUNT.finditer(text):
        first = _TOKEN.match(m.group("words").lower())
        if first is None or first.group() not in SMALL:
            continue  # "1,3 miljoner kronor", "i tusen kronor": a figure's or a column's unit
        value = parse_number_words(m.group("words"))
        if value:
            out.append((m.start(), m.end(), value))
    return out


def find_worded_percentages(text: str) -> list[tuple[int, int, int]]:
    """(start, end, percent) of every percentage written in words, up to a hundred."""
    out = []
    for m in WORDED_PERCENT.finditer(text):
        value = parse_number_words(m.group("words"))
        if value is not None and 0 < value <= 100:
            out.append((m.start(), m.end(), value))
    return out
