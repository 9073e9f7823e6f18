"""Field labels as documents write them, and where they sit in a document's text.

A label counts where a form puts one: at the start of a line (table rules and specks before
it aside) or followed by a colon, so "Kommun" labels "Kommun Botkyrka kommun" but not the
"kommun" inside "Botkyrka kommun". A few sentence labels ("i samverkan med") count anywhere.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span

from extractors.fields.language import language
from extractors.fields.layout import Flow
from extractors.fields.nlp import Phrases
from extractors.fields.text import fold

NOISE_PREFIX = re.compile(r"^(?:[\W\d_]+|\b[^\W\d_]\b|\s)*$")
"""What may precede a label on its line: specks, rules, and a stray OCR letter ("L Erhållet")."""
ANNEX_PREFIX = re.compile(r"\s*bilaga\s*\d*\s*[.:]?\s*$")
"""An annex's number before the heading its table answers ("Bilaga 1. Samverkande kommuner")."""
FUZZY_LABEL_CUTOFF = 88
FUZZY_COLON_CUTOFF = 82
"""A phrase that begins its line and ends in a colon stands where a label does: OCR may have
damaged more of it ("Samvernxanue kommuner:" 88, "Samverkanuge kommmer:" 85)."""
FUZZY_FIELDS = ("requested", "received", "used", "unused", "date", "organisation", "collaborating")


@dataclass(frozen=True)
class Label:
    field: str
    phrase: str
    priority: float
    line: int
    start: int
    end: int
    """Where the label's own words end (after a colon, if any)."""
    value_end: int
    """Where its value ends: the next label on the line, or the line's end."""
    exact: bool = True
    """False for a label recognised fuzzily through OCR damage ("Ej förbrukade medet")."""


NEGATED = re.compile(r"(?:ej|inte|icke)\s", re.IGNORECASE)
"""A label that begins with a negation may wrap in prose ("... under året. Ej\nförbrukade
medel, 235 000 kronor, återbetalas"): read as a whole, its tail is no "förbrukade medel"."""


@cache
def _phrases() -> Phrases:
    table: dict[str, list[str]] = {}
    for field, phrases in language().labels.items():
        table.setdefault(field, []).extend(phrases)
    for phrase, field in language().sentence_labels.items():
        table.setdefault(field, []).append(phrase)
    return Phrases(table)


@cache
def _priorities() -> dict[tuple[str, str], float]:
    out = {(f, fold(p)): prio for f, ps in language().labels.items() for p, prio in ps.items()}
    out |= {(f, fold(p)): 0.7 for p, f in language().sentence_labels.items()}
    return out


def find_labels(doc: Doc, flow: Flow,
                names: Sequence[tuple[int, int]] = ()) -> list[Label]:
    """Labels in form position, in text order, each with the span its value may take.

    A label word inside an organisation's name (``names``: "Motala kommun:" ending a list of
    municipalities, "Region Skåne" under "Samverkanspart") is part of the name, not a label.
    """
    priorities = _priorities()
    found: list[tuple[str, str, int, int, int]] = []
    # Where a label may stand is settled before overlaps are (_may_label).
    for hit in _phrases().find(doc, keep=lambda span: _may_label(flow, span)):
        if any(s <= hit.start and hit.end <= e and (s, e) != (hit.start, hit.end)
               for s, e in names):
            continue
        anywhere = hit.key in language().sentence_labels.values()
        line = flow.line_index(hit.start)
        _, line_end = flow.line_span(line)
        if hit.end > line_end:
            if not (anywhere or NEGATED.match(flow.text[hit.start:hit.end])
                    or re.match(r"[ \t]*:", flow.text[hit.end:])):
                continue
            # a sentence label, or one ending on its colon, wrapped onto the next line
            line = flow.line_index(hit.end - 1)
            _, line_end = flow.line_span(line)
        colon = re.match(r"\s*:", flow.text[hit.end:line_end])
        end = hit.end + (colon.end() if colon else 0)
        found.append((hit.key, fold(flow.text[hit.start:hit.end]), line, hit.start, end))
    found += _fuzzy_labels(flow, {ln for _, _, ln, _, _ in found})
    found += _list_intros(flow, {ln for _, _, ln, _, _ in found})
    found += _header_row_labels(doc, flow, found)
    found.sort(key=lambda f: f[3])
    found = [f for i, f in enumerate(found) if not _qualifies(flow, found[:i], f)]
    labels = []
    for i, (field, phrase, line, start, end) in enumerate(found):
        _, line_end = flow.line_span(line)
        following = [s for _, _, ln, s, _ in found[i + 1:] if ln == line and s >= end]
        value_end = min(following, default=line_end)
        priority = priorities.get((field, " ".join(phrase.split())), 0.5)
        exact = (field, " ".join(phrase.split())) in priorities
        labels.append(Label(field, phrase, priority if exact else 0.5, line, start, end,
                            value_end, exact))
    return labels


INCLUDING = re.compile(r"\b(?:inklusive|inkl|exklusive|exkl)\.?\s*$")


def _qualifies(flow: Flow, before: list[tuple[str, str, int, int, int]],
               label: tuple[str, str, int, int, int]) -> bool:
    """Whether a phrase only qualifies what stands before it on its line ("Erhållet bidrag
    inklusive kvarvarande medel: 12 906 000 kr"): part of that label's words, no label."""
    _, _, line, start, _ = label
    previous = [f for f in before if f[2] == line]
    after = previous[-1][4] if previous else flow.line_span(line)[0]
    return bool(INCLUDING.search(fold(flow.text[after:start])))


@cache
def _sentence_phrases() -> frozenset[str]:
    return frozenset(" ".join(fold(p).split()) for p in language().sentence_labels)


def _may_label(flow: Flow, span: Span) -> bool:
    """Whether a phrase stands where a label may: so that "belopp (kr)" inside "Rekvirerat
    belopp (kr)" does not, as the longer match, hide the label that begins the line."""
    if " ".join(fold(span.text).split()) in _sentence_phrases():
        return True
    line_start, line_end = flow.line_span(flow.line_index(span.start_char))
    if span.end_char > line_end:
        return True
    after = flow.text[span.end_char:line_end]
    before = flow.text[line_start:span.start_char]
    return bool(re.match(r"\s*:", after) or NOISE_PREFIX.match(before)
                or ANNEX_PREFIX.match(fold(before)))


def _continues_sentence(flow: Flow, line: int) -> bool:
    """Whether a line goes on with the sentence above ("... 5 802 300 kronor har\nförbrukats.
    Återstående ..."): its first word is no form's label, however like one it reads."""
    if line == 0:
        return False
    above = flow.lines[line - 1].text.rstrip()
    current = flow.lines[line].text.lstrip()
    return bool(current) and current[0].islower() and not above.endswith((".", ":", "!", "?"))


@cache
def _fuzzy_choices() -> tuple[list[str], list[str]]:
    texts, fields = [], []
    for field in FUZZY_FIELDS:
        for phrase in language().labels[field]:
            if len(phrase) >= 8:
                texts.append(fold(phrase))
                fields.append(field)
    return texts, fields


def _fuzzy_labels(flow: Flow, labelled: set[int]) -> list[tuple[str, str, int, int, int]]:
    """Labels OCR damaged beyond folding, at the start of lines that have no exact label."""
    texts, fields = _fuzzy_choices()
    out = []
    for line_no, line in enumerate(flow.lines):
        if line_no in labelled or _continues_sentence(flow, line_no):
            continue
        line_start, _ = flow.line_span(line_no)
        offsets, words, offset = [], [], line_start
        for w in line.words:
            speck = re.match(r"[\W_]*", w.text).end()  # "_ErhAallet": a speck glued before
            offsets.append(offset + speck)
            words.append(w.text[speck:])
            offset += len(w.text) + 1
        first = next((i for i, w in enumerate(words) if len(w) > 1 and w[0].isalpha()), None)
        if first is None:
            continue
        best = None
        for n in range(1, min(5, len(words) - first) + 1):
            candidate = fold(" ".join(words[first:first + n]))
            colon = candidate.endswith(":")
            hit = process.extractOne(candidate.rstrip(":"), texts, scorer=fuzz.ratio,
                                     score_cutoff=FUZZY_COLON_CUTOFF if colon
                                     else FUZZY_LABEL_CUTOFF)
            if hit and (best is None or hit[1] > best[0][1]):
                best = (hit, n)
        if best:
            (_, _, index), n = best
            end = offsets[first + n - 1] + len(words[first + n - 1])
            out.append((fields[index], "~" + texts[index], line_no, offsets[first], end))
    return out


def _list_intros(flow: Flow, labelled: set[int]) -> list[tuple[str, str, int, int, int]]:
    """A line introducing the municipalities taking part ("Samtliga sex kommuner i Halland
    deltar:"): a collaboration label whose value is the list below it."""
    out = []
    for line_no, line in enumerate(flow.lines):
        if line_no in labelled or not language().list_intro.match(fold(line.text)):
            continue
        start, end = flow.line_span(line_no)
        out.append(("collaborating", "~" + fold(line.text), line_no, start, end))
    return out


ACCOUNT_FIELDS = ("received", "used", "unused")
"""A return report's account: what was received, used and left unused."""
FIGURE_ROW = re.compile(r"^[^\w]*\d[\W\d_]*(?:\s(?:kr|tkr|sek|kronor)\.?[\W\d_]*)*$",
                        re.IGNORECASE)
"""A line of figures and nothing else (units aside): the row under a header of posts."""


def _header_row_labels(doc: Doc, flow: Flow, found: list[tuple[str, str, int, int, int]]
                       ) -> list[tuple[str, str, int, int, int]]:
    """An account laid out across: a line without figures that heads columns of two or more
    of its posts ("Erhållet bidrag  Personal  …  Förbrukat  Ej förbrukat") over a row of
    figures (a wrapped header line between at most). Each post there is a label, wherever on
    the line it stands."""
    by_line: dict[int, list[tuple[str, str, int, int, int]]] = {}
    for hit in _phrases().find(doc):
        if hit.key not in ACCOUNT_FIELDS:
            continue
        line = flow.line_index(hit.start)
        _, line_end = flow.line_span(line)
        if hit.end <= line_end:
            by_line.setdefault(line, []).append(
                (hit.key, fold(flow.text[hit.start:hit.end]), line, hit.start, hit.end))
    out = []
    for line, hits in by_line.items():
        if len({h[0] for h in hits}) < 2 or re.search(r"\d", flow.lines[line].text) or \
                not any(FIGURE_ROW.match(flow.lines[n].text)
                        for n in range(line + 1, min(line + 3, len(flow.lines)))):
            continue
        out.extend(h for h in hits if not any(s <= h[3] < e for _, _, _, s, e in found))
    return out
