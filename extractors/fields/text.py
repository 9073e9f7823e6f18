"""Folding text for matching that survives OCR: case, Swedish letters, digits inside words."""
from __future__ import annotations

import re
from collections.abc import Iterable

_LETTERS = str.maketrans({
    "å": "a", "ä": "a", "á": "a", "à": "a", "â": "a", "ö": "o", "ø": "o", "ó": "o", "ò": "o",
    "ô": "o", "é": "e", "è": "e", "ê": "e", "ü": "u", "ú": "u", "í": "i", "ï": "i",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "–": "-", "—": "-",
})
_IN_WORD_DIGITS = str.maketrans({"6": "o", "0": "o", "1": "l"})
_HAS_LETTER = re.compile(r"[^\W\d_]")


def fold(text: str) -> str:
    """Lower case without diacritics; in a word with letters, digits OCR confuses become letters.

    "Örebro" and "6rebro" both fold to "orebro"; "2024" stays "2024".
    """
    folded = text.lower().translate(_LETTERS)
    if _HAS_LETTER.search(folded) and any(c.isdigit() for c in folded) and " " not in folded:
        folded = folded.translate(_IN_WORD_DIGITS)
    return folded


def outside(text: str, start: int, end: int, spans: Iterable[tuple[int, int]]) -> str:
    """``text[start:end]`` with ``spans`` cut out, each clipped to it: what a line says
    besides the names or figures found on it."""
    rest, at = [], start
    for a, b in sorted(spans):
        a, b = max(a, start), min(b, end)
        if a > at:
            rest.append(text[at:a])
        at = max(at, b)
    rest.append(text[at:end])
    return "".join(rest)
