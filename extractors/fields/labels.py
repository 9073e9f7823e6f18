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
from spacy.tokens import Doc

from extractors.fields.layout import Flow
from extractors.fields.nlp import Phrases
from extractors.fields.text import fold

# field -> phrase -> priority (higher wins when two labels give the same field)
LABELS: dict[str, dict[str, float]] = {
    "requested": {
        "rekvirerat belopp": 1.0, "rekvirerat": 0.9, "rekvirerat statsbidrag": 1.0,
        "sökt belopp": 1.0, "ansökt belopp": 1.0, "belopp som rekvireras": 1.0,
        "rekvirerade medel": 1.0, "rekvireras": 0.8, "begärt belopp": 1.0,
        "rekvirerad summa": 1.0, "summa att rekvirera": 1.0, "belopp att rekvirera": 1.0,
        "rekvirerat bidrag": 1.0, "sökt bidrag": 1.0, "sökt statsbidrag": 1.0,
        "ansökt bidrag": 1.0,
    },
    "amount": {"belopp": 0.5, "beslutat belopp": 0.8, "belopp (kr)": 0.1},
    "received": {
        "erhållet statsbidrag": 1.0, "erhållet bidrag": 1.0, "erhållna medel": 1.0,
        "erhållet belopp": 1.0, "beviljat belopp": 0.9, "beviljat bidrag": 0.9,
        "beviljade medel": 0.9, "utbetalt": 0.8, "utbetalt belopp": 0.9,
        "utbetalda medel": 0.9, "mottaget bidrag": 0.9, "erhållet": 0.8,
        "utbetalt statsbidrag": 0.9, "mottaget statsbidrag": 0.9, "mottagna medel": 0.9,
        "tilldelat belopp": 0.8, "tilldelade medel": 0.8, "beviljat statsbidrag": 0.9,
    },
    "used": {
        "förbrukat": 1.0, "förbrukade medel": 1.0, "förbrukat belopp": 1.0,
        "använda medel": 1.0, "använt belopp": 1.0, "summa förbrukade medel": 0.8,
        "totalt förbrukat": 0.9, "förbrukat bidrag": 1.0, "summa förbrukat": 0.9,
        "nyttjade medel": 1.0, "utnyttjade medel": 1.0, "använt bidrag": 1.0,
        "redovisade kostnader": 0.9, "totala kostnader": 0.8, "upparbetade kostnader": 0.9,
        "summa kostnader": 0.7, "kostnader totalt": 0.7, "summa redovisade kostnader": 0.8,
        "totalt kostnader": 0.7,
    },
    "unused": {
        "ej förbrukade medel": 1.0, "ej förbrukat": 1.0, "ej använda medel": 1.0,
        "återbetalas": 0.8, "kvarvarande medel": 0.7, "att återbetala": 0.9,
        "outnyttjade medel": 1.0, "medel att återbetala": 1.0, "ej nyttjade medel": 1.0,
        "ej utnyttjade medel": 1.0, "återbetalningsbelopp": 1.0, "belopp att återbetala": 1.0,
        "kvar att återbetala": 1.0, "ej använt belopp": 1.0,
    },
    "date": {
        "datum": 1.0, "sammanträdesdatum": 1.0, "underskriftsdatum": 1.0,
        "beslutsdatum": 1.0, "ort och datum": 1.0, "daterad": 0.9,
    },
    "period": {
        "redovisningsperiod": 1.0, "period": 1.0, "avser perioden": 1.0, "bidragsperiod": 1.0,
        "kostnadsperiod": 1.0, "verksamhetsperiod": 1.0,
    },
    "organisation": {
        "organisation": 1.0, "sökande": 1.0, "sökande organisation": 1.0, "avsändare": 0.9,
        "huvudman": 0.9, "rekvirent": 1.0, "organisationens namn": 1.0, "organisationsnamn": 1.0,
        "från": 0.6, "mottagare": 0.8, "bidragsmottagare": 1.0, "mottagare av bidraget": 1.0,
        "mottagare av statsbidraget": 1.0,
    },
    "municipality": {"kommun": 1.0, "kommunens namn": 1.0, "sökande kommun": 1.0},
    "region": {"region": 0.9, "regionens namn": 1.0, "sökande region": 1.0},
    "collaborating": {
        "samverkande kommuner": 1.0, "samverkande kommun": 1.0, "samverkanskommuner": 1.0,
        "samverkanskommun": 1.0, "kommuner som samverkar": 1.0, "deltagande kommuner": 1.0,
        "samverkanspart": 0.9, "samverkansparter": 0.9, "samverkande kommuner (namn)": 1.0,
        "kommuner i samverkan": 1.0, "medverkande kommuner": 1.0, "berörda kommuner": 0.9,
        "samarbetskommuner": 1.0, "kommuner som deltar": 1.0, "kommuner som ingår": 0.9,
    },
    "reference": {
        "diarienummer": 1.0, "diarienr": 1.0, "dnr": 1.0, "ärendenummer": 1.0,
        "beteckning": 0.8, "vår beteckning": 1.0, "vår referens": 0.9,
    },
    "their_reference": {
        "er beteckning": 1.0, "er referens": 1.0, "ert datum": 1.0, "er skrivelse": 1.0,
        "ert dnr": 1.0, "ert diarienummer": 1.0,
    },
    "table_header": {"kostnadsslag": 1.0, "ekonomisk redovisning": 1.0, "kostnadspost": 1.0},
    "table_total": {"summa": 1.0, "totalt": 1.0, "total": 1.0, "summa kostnader": 1.0},
}
ANYWHERE = {
    "i samverkan med": "collaborating_sentence",
    "samverkan sker med": "collaborating_sentence",
    "samverka med": "collaborating_sentence",
    "samverkar med": "collaborating_sentence",
    "samarbete med": "collaborating_sentence",
    "samarbetar med": "collaborating_sentence",
    "tillsammans med": "collaborating_sentence",
    "samverkande kommuner är": "collaborating_sentence",
    "samverkande kommun är": "collaborating_sentence",
}
"""Sentence cues for collaborating municipalities; only names with their kind written
("Gävle kommun") count after them."""
NOISE_PREFIX = re.compile(r"^(?:[\W\d_]+|\b[^\W\d_]\b|\s)*$")
"""What may precede a label on its line: specks, rules, and a stray OCR letter ("L Erhållet")."""
FUZZY_LABEL_CUTOFF = 88
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
    for field, phrases in LABELS.items():
        table.setdefault(field, []).extend(phrases)
    for phrase, field in ANYWHERE.items():
        table.setdefault(field, []).append(phrase)
    return Phrases(table)


@cache
def _priorities() -> dict[tuple[str, str], float]:
    out = {(f, fold(p)): prio for f, ps in LABELS.items() for p, prio in ps.items()}
    out |= {(f, fold(p)): 0.7 for p, f in ANYWHERE.items()}
    return out


def find_labels(doc: Doc, flow: Flow,
                names: Sequence[tuple[int, int]] = ()) -> list[Label]:
    """Labels in form position, in text order, each with the span its value may take.

    A label word inside an organisation's name (``names``: "Motala kommun:" ending a list of
    municipalities, "Region Skåne" under "Samverkanspart") is part of the name, not a label.
    """
    priorities = _priorities()
    found: list[tuple[str, str, int, int, int]] = []
    for hit in _phrases().find(doc):
        if any(s <= hit.start and hit.end <= e and (s, e) != (hit.start, hit.end)
               for s, e in names):
            continue
        anywhere = hit.key in ANYWHERE.values()
        line = flow.line_index(hit.start)
        line_start, line_end = flow.line_span(line)
        if hit.end > line_end:
            if not (anywhere or NEGATED.match(flow.text[hit.start:hit.end])):
                continue
            line = flow.line_index(hit.end - 1)  # a sentence label wrapped onto the next line
            line_start, line_end = flow.line_span(line)
        before = flow.text[line_start:hit.start]
        after = flow.text[hit.end:line_end]
        colon = re.match(r"\s*:", after)
        if not (anywhere or colon or NOISE_PREFIX.match(before)):
            continue
        end = hit.end + (colon.end() if colon else 0)
        found.append((hit.key, fold(flow.text[hit.start:hit.end]), line, hit.start, end))
    found += _fuzzy_labels(flow, {ln for _, _, ln, _, _ in found})
    found.sort(key=lambda f: f[3])
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


@cache
def _fuzzy_choices() -> tuple[list[str], list[str]]:
    texts, fields = [], []
    for field in FUZZY_FIELDS:
        for phrase in LABELS[field]:
            if len(phrase) >= 8:
                texts.append(fold(phrase))
                fields.append(field)
    return texts, fields


def _fuzzy_labels(flow: Flow, labelled: set[int]) -> list[tuple[str, str, int, int, int]]:
    """Labels OCR damaged beyond folding, at the start of lines that have no exact label."""
    texts, fields = _fuzzy_choices()
    out = []
    for line_no, line in enumerate(flow.lines):
        if line_no in labelled:
            continue
        line_start, _ = flow.line_span(line_no)
        offsets, words, offset = [], [], line_start
        for w in line.words:
            offsets.append(offset)
            words.append(w.text)
            offset += len(w.text) + 1
        first = next((i for i, w in enumerate(words) if len(w) > 1 and w[0].isalpha()), None)
        if first is None:
            continue
        best = None
        for n in range(1, min(5, len(words) - first) + 1):
            candidate = fold(" ".join(words[first:first + n]))
            hit = process.extractOne(candidate, texts, scorer=fuzz.ratio,
                                     score_cutoff=FUZZY_LABEL_CUTOFF)
            if hit and (best is None or hit[1] > best[0][1]):
                best = (hit, n)
        if best:
            (_, _, index), n = best
            end = offsets[first + n - 1] + len(words[first + n - 1])
            out.append((fields[index], "~" + texts[index], line_no, offsets[first], end))
    return out
