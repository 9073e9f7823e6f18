"""How usable a page's text is: the share of its words that look like Swedish.

A scanned PDF's own OCR text layer can be damaged (seed 003: "hélsovardens", "6kad", "f6r"):
å/ä/ö read as é, 6, d or dropped. A word counts against the page when it

- mixes lowercase letters and digits ("6kad", "f6r", "16per"),
- holds a character Swedish text does not use (é outside the few loanwords, glyph ids, �),
- is a common Swedish word with its å/ä/ö stripped ("for", "ar", "pa", "nar"), or
- is not in the lexicon (spaCy's Swedish stop words and the registry's place names) and
  the page as a whole has lost its å/ä/ö: it has (almost) none although it is long enough
  to need them, or more words with é than with å/ä/ö (a short form whose "Jönköpings län"
  became "Jdnképings lén").

The score is 1 − the share of such words, so a clean page scores near 1.0.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

SWEDISH_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzåäöéü")
_LOANWORD_ACCENT = re.compile(r"^[^é]*[^éaeiouyåäö]é(n|s|ns|er|erna|ernas)?$")
"""é as Swedish loanwords have it, last and after a consonant: "idé", "kommittén", "entréer";
not "hélsa" nor "Luleé"."""
PUNCTUATION = frozenset(".,;:!?()[]{}\"'«»–—−-/\\%§&@+*=<>#°|_~^`´’‘”“…•·$€£☒☐")
MIN_WORDS_FOR_DIACRITIC_TEST = 40
"""Below this many letter words a page may well lack å/ä/ö."""
MIN_DIACRITIC_SHARE = 0.004
"""Swedish prose has about 4 % å/ä/ö among its letters; a tenth of that is damage."""
MIN_ACCENTED_WORDS = 2
"""Words with é a page needs, more than it has words with å/ä/ö, to have lost its å/ä/ö."""

WORDS_IN_THEIR_OWN_RIGHT = frozenset({"an", "far", "over", "sa", "saga", "lange", "gar", "latt"})
"""Stripped forms that are real Swedish or English words themselves."""

_MIXED = re.compile(r"[a-zåäö][0-9]|[0-9][a-zåäö]{2,}")
_LETTERS = re.compile(r"[^\W\d_]+")


def _strip_diacritics(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@cache
def lexicon() -> frozenset[str]:
    """Lowercase Swedish words known without a dictionary: stop words and place names."""
    from spacy.lang.sv.stop_words import STOP_WORDS

    from config.registry import load_registry

    words = {w.lower() for w in STOP_WORDS}
    for org in load_registry().all():
        for part in re.split(r"[\s-]+", f"{org.name} {org.short}"):
            words.add(part.lower())
    return frozenset(words)


@cache
def stripped_lexicon_words() -> frozenset[str]:
    """Stop words with å/ä/ö written as a/o ("for", "pa"): what a damaged layer makes of them.

    Place names are left out: "Ånge" stripped is the verb "ange".
    """
    from spacy.lang.sv.stop_words import STOP_WORDS

    known = lexicon()
    stripped = {s for w in STOP_WORDS if (s := _strip_diacritics(w)) != w and s not in known}
    return frozenset(stripped - WORDS_IN_THEIR_OWN_RIGHT)


def word_is_damaged(word: str) -> bool:
    """Whether one token shows the marks of a broken text layer or a bad OCR read."""
    lower = word.lower()
    if "(cid:" in lower or "\ufffd" in lower:
        return True
    core = lower.strip("".join(PUNCTUATION))
    if not core:
        return False
    if _MIXED.search(core) and not core.isupper():
        letters = sum(c.isalpha() for c in core)
        digits = sum(c.isdigit() for c in core)
        if letters and digits and not (word.isupper() or core[0].isdigit() and letters <= 2):
            return True
    for c in core:
        if c.isalpha() and c not in SWEDISH_LETTERS:
            return True
        if not (c.isalnum() or c in PUNCTUATION):
            return True
    if "é" in core and not _LOANWORD_ACCENT.match(core.strip("()")):
        return True
    return core in stripped_lexicon_words()


def _lost_diacritics(tokens: list[str]) -> bool:
    """Whether the page's å/ä/ö have gone: too few for its length, or fewer than its é."""
    letter_words = [m for w in tokens for m in _LETTERS.findall(w.lower())]
    with_swedish = sum(1 for w in letter_words if any(c in "åäö" for c in w))
    with_accent = sum(1 for w in letter_words if "é" in w)
    if with_accent >= MIN_ACCENTED_WORDS and with_accent > with_swedish:
        return True
    if len(letter_words) < MIN_WORDS_FOR_DIACRITIC_TEST:
        return False
    letters = "".join(letter_words)
    return sum(letters.count(c) for c in "åäö") / len(letters) < MIN_DIACRITIC_SHARE


def text_quality(words: Iterable[str]) -> float:
    """Share of words that look like Swedish, 0..1; 1.0 for a page without words."""
    tokens = [w for w in words if w.strip()]
    if not tokens:
        return 1.0
    damaged = sum(word_is_damaged(w) for w in tokens)
    if _lost_diacritics(tokens):
        known = lexicon()
        damaged += sum(
            1 for w in tokens
            if (core := w.lower().strip("".join(PUNCTUATION))).isalpha()
            and core not in known and not word_is_damaged(w)
        )
    return max(0.0, 1.0 - damaged / len(tokens))
