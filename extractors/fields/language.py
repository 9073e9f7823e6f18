"""Swedish grant language, loaded from ``config/language.toml`` (data, not code).

The file's phrases are a small pattern language over folded text (see the file's header):
``a|b`` one word of several, ``word*`` a word that begins so, ``[a|b]`` an optional word.
This module compiles them once and answers the questions the field readers ask: which role
a clause gives an amount, where a sentence states an amount as nothing.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import config
from extractors.fields.text import fold

LANGUAGE_FILE = Path(config.__file__).with_name("language.toml")


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """A phrase of the file's pattern language as a regular expression over folded text."""
    parts: list[str] = []
    for i, token in enumerate(phrase.split()):
        optional = token.startswith("[") and token.endswith("]")
        words = token.strip("[]").split("|")
        alternatives = "|".join(
            re.escape(fold(w[:-1])) + r"\w*" if w.endswith("*") else re.escape(fold(w)) + r"\b"
            for w in words
        )
        if i == 0:
            if optional:
                raise ValueError(f"a phrase may not begin with an optional word: {phrase!r}")
            parts.append(rf"\b(?:{alternatives})")
        elif optional:
            parts.append(rf"(?:\s+(?:{alternatives}))?")
        else:
            parts.append(rf"\s+(?:{alternatives})")
    return re.compile("".join(parts))


def _any(phrases: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{compile_phrase(p).pattern})" for p in phrases))


@dataclass(frozen=True)
class Role:
    role: str
    cues: tuple[re.Pattern[str], ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class ZeroStatement:
    role: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    roles: tuple[Role, ...]
    """In the order they are checked: a negated verb's role before the verb's."""
    zero: tuple[ZeroStatement, ...]
    decision_cues: re.Pattern[str]
    not_decided: re.Pattern[str]
    decides: re.Pattern[str]
    decision_examples: tuple[str, ...]
    document_types: dict[str, dict[str, float]]
    document_type_references: re.Pattern[str]
    """Phrases that, right before a type cue, make it name another document; ends at $."""
    labels: dict[str, dict[str, float]]
    sentence_labels: dict[str, str]
    confidence: dict[str, float]
    label_filler: frozenset[str]
    """Folded words that may stand between a label and its amount."""
    zero_values: frozenset[str]
    """Folded words a form writes for an amount of nothing."""
    list_intro: re.Pattern[str]
    """A folded line introducing the list of collaborating municipalities below it."""
    list_intro_examples: tuple[str, ...]

    def cues(self, role: str) -> tuple[re.Pattern[str], ...]:
        return next((r.cues for r in self.roles if r.role == role), ())


def parse_language(data: dict) -> Language:
    return Language(
        roles=tuple(Role(r["role"], tuple(compile_phrase(c) for c in r["cues"]),
                         tuple(r.get("examples", ()))) for r in data["roles"]),
        zero=tuple(ZeroStatement(z["role"], _any(z["statements"]), tuple(z.get("examples", ())),
                                 tuple(z.get("counter_examples", ()))) for z in data["zero"]),
        decision_cues=_any(data["decision"]["cues"]),
        not_decided=_any(data["decision"]["not_decided"]),
        decides=_any(data["decision"]["decides"]),
        decision_examples=tuple(data["decision"].get("examples", ())),
        document_types={t: {p: float(w) for p, w in cues.items()}
                        for t, cues in data["document_types"].items()},
        document_type_references=re.compile(
            "(?:" + _any(data["document_type_references"]["before"]).pattern + r")\s*$"),
        labels={f: {p: float(w) for p, w in phrases.items()}
                for f, phrases in data["labels"].items()},
        sentence_labels=dict(data["sentence_labels"]),
        confidence={k: float(v) for k, v in data["confidence"].items()},
        label_filler=frozenset(fold(w) for w in data["label_filler"]["words"]),
        zero_values=frozenset(fold(w) for w in data["zero_values"]["words"]),
        list_intro=re.compile(
            r"(?=.*\bkommuner(?:na)?\b)(?=.*\b(?:"
            + "|".join(re.escape(fold(v)) for v in data["list_intro"]["verbs"])
            + r")\b).*:\s*$"),
        list_intro_examples=tuple(data["list_intro"]["examples"]),
    )


@cache
def language() -> Language:
    return parse_language(tomllib.loads(LANGUAGE_FILE.read_text(encoding="utf-8")))


def role_of(folded: str, clause: tuple[int, int], start: int, end: int,
            roles: tuple[str, ...]) -> tuple[str, int] | None:
    """The role of the amount at ``start:end`` from the cue nearest to it in its clause, of
    ``roles``, and how far the cue stands from it; None when the clause has no cue.

    A text span that an earlier role's cue took ("ej förbrukade") is not read again as a
    later role's ("förbrukade").
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[bool, int, str]] = []
    segment = _segment(folded, clause, start, end)
    for role in language().roles:
        for pattern in role.cues:
            for m in pattern.finditer(folded, *clause):
                if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in taken):
                    continue
                taken.append(m.span())
                if role.role not in roles or start <= m.start() < end:
                    continue
                distance = start - m.end() if m.end() <= start else m.start() - end
                if distance >= 0:
                    outside = not (segment[0] <= m.start() and m.end() <= segment[1])
                    found.append((outside, distance, role.role))
    if not found:
        return None
    _, distance, role = min(found)
    return role, distance


SEGMENT_BREAK = re.compile(r"[,;](?=\s)|\s(?:och|samt|men)\s")


def _segment(folded: str, clause: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The part of the clause between commas (or "och") around ``start:end``: a cue there
    says more than a nearer one across a comma ("Förbrukat belopp uppgår till 11 905 000
    kronor, och ej förbrukade medel om 869 000 kronor")."""
    lo, hi = clause
    before = [m.end() for m in SEGMENT_BREAK.finditer(folded, lo, start)]
    after = SEGMENT_BREAK.search(folded, end, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def zero_statements(folded: str, start: int = 0, end: int | None = None
                    ) -> list[tuple[str, int, int]]:
    """Where the text states an amount as nothing: (role, start, end) per statement."""
    stop = len(folded) if end is None else end
    return [(z.role, m.start(), m.end()) for z in language().zero
            for m in z.pattern.finditer(folded, start, stop)]
