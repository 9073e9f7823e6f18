"""What kind of document it is, and which grant program it is about.

Both are scored from cue phrases matched on folded words; a cue in the title (the first lines)
weighs more than one in the body. Program phrases are data (config/programs.toml).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from config.programs import ProgramCatalog, default_programs
from extractors.fields.language import language
from extractors.fields.nlp import PhraseHit, Phrases
from extractors.fields.text import fold

TITLE_WEIGHT = 3.0
"""How much more a cue counts in the title lines than in the body."""
MIN_TYPE_SCORE = 2.0

FUZZY_MIN_LENGTH = 8
FUZZY_PROGRAM_SCORE = 85
"""rapidfuzz ratio from which a word is taken for a program phrase OCR damaged: one or two
letters off in sixteen."""
FUZZY_WEIGHT = 0.5
COMPOUND_MIN_REST = 4
"""A title word that begins with a one-word cue and goes on for at least this many letters
("Rekvisitionsblankett", "Återrapporteringsformulär") is a compound of that cue."""


PROSE_WORDS = 8
REFERENCE_WEIGHT = 0.25
"""A body cue that names another document ("enligt Socialstyrelsens anvisningar") counts this
much of its weight: the document refers to that kind of document, it is not one."""
GENITIVE_NAME = re.compile(r"\b[A-ZÅÄÖ]\w+s\s+$")


def _refers_to_another(text: str, start: int) -> bool:
    """Whether the cue at ``start`` follows an owner in the genitive ("Socialstyrelsens
    anvisningar") or a referring phrase ("enligt", "med hänvisning till") on its line. A cue
    that begins its line is a title's or a form's own word, and refers to nothing."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40):start]
    return bool(GENITIVE_NAME.search(before) or
                language().document_type_references.search(fold(before)))


@dataclass(frozen=True)
class Classification:
    value: str | None
    confidence: float
    hit: PhraseHit | None
    """The cue that weighed most, for evidence."""


@cache
def _type_phrases() -> Phrases:
    return Phrases({t: cues.keys() for t, cues in language().document_types.items()})


@cache
def _cue_weights() -> dict[tuple[str, str], float]:
    return {(t, fold(cue)): w for t, cues in language().document_types.items()
            for cue, w in cues.items()}


_PROGRAM_PHRASES: dict[int, tuple[ProgramCatalog, Phrases]] = {}


def _program_phrases(catalog: ProgramCatalog) -> Phrases:
    """Phrases per catalog object (catalogs are loaded once; they hold dicts, so no lru key)."""
    entry = _PROGRAM_PHRASES.get(id(catalog))
    if entry is None or entry[0] is not catalog:
        entry = (catalog, Phrases({p.id: p.phrases for p in catalog}))
        _PROGRAM_PHRASES[id(catalog)] = entry
    return entry[1]


def _compound_hits(doc: Doc, title_end: int, exact: list[PhraseHit]) -> list[PhraseHit]:
    """Title words that are compounds of a one-word cue and matched no cue themselves."""
    covered = {(h.start, h.end) for h in exact}
    weights = _cue_weights()
    stems = sorted(((t, cue) for t, cue in weights if " " not in cue and len(cue) >= 5),
                   key=lambda tc: -len(tc[1]))
    hits = []
    for token in doc:
        if token.idx >= title_end:
            break
        span = (token.idx, token.idx + len(token.text))
        if span in covered or not token.is_alpha:
            continue
        for doc_type, cue in stems:
            if token.norm_.startswith(cue) and len(token.norm_) - len(cue) >= COMPOUND_MIN_REST:
                hits.append(PhraseHit(doc_type, span[0], span[1], 1))
                break
    return hits


def _outside(hits: list[PhraseHit], ignore: Sequence[tuple[int, int]]) -> list[PhraseHit]:
    return [h for h in hits if not any(s <= h.start < e for s, e in ignore)]


def _modifiers(text: str, hits: list[PhraseHit], title_end: int) -> set[tuple[int, int]]:
    """Title cues of another type after the title's first cue on its line: the first names
    what the document is, the later ones what it is about ("Anvisningar för rekvisition",
    "Rutin – rekvisition och återrapportering")."""
    in_title = [h for h in hits if h.start < title_end]
    if not in_title:
        return set()
    head = min(in_title, key=lambda h: h.start)
    line_end = text.find("\n", head.end)
    line_end = len(text) if line_end < 0 else line_end
    return {(h.start, h.end) for h in in_title
            if h.key != head.key and head.end <= h.start < line_end}


def _in_running_text(text: str, hits: list[PhraseHit], title_end: int) -> set[tuple[int, int]]:
    """Heading cues inside a sentence rather than naming it ("Socialstyrelsen har i anvisningar
    inbjudit kommuner att rekvirera medel"): on a line of PROSE_WORDS words or more, and not
    among its first words. A title begins with what it is ("Anvisningar om statsbidrag ...")."""
    out = set()
    for h in hits:
        if h.start >= title_end:
            continue
        line_start = text.rfind("\n", 0, h.start) + 1
        line_end = text.find("\n", h.start)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        if len(line.split()) >= PROSE_WORDS and len(text[line_start:h.start].split()) >= 2:
            out.add((h.start, h.end))
    return out


def _score(hits: list[PhraseHit], weight_of, title_end: int,
           untitled: set[tuple[int, int]] | None = None,
           phrase_of=None) -> Classification:
    """Cues scored by weight; one in the title counts TITLE_WEIGHT times, unless it is among
    ``untitled``. With ``phrase_of``, each phrase counts once, where it weighs most: a long
    instruction that names "rekvisition" ten times is about requisitions, not one."""
    weights: dict[tuple[str, str | int], float] = {}
    best: dict[str, tuple[float, PhraseHit]] = {}
    untitled = untitled or set()
    for i, hit in enumerate(hits):
        titled = hit.start < title_end and (hit.start, hit.end) not in untitled
        w = weight_of(hit) * (TITLE_WEIGHT if titled else 1.0)
        key = (hit.key, phrase_of(hit) if phrase_of else i)
        weights[key] = max(weights.get(key, 0.0), w)
        if hit.key not in best or w > best[hit.key][0]:
            best[hit.key] = (w, hit)
    scores: dict[str, float] = {}
    for (kind, _), w in weights.items():
        scores[kind] = scores.get(kind, 0.0) + w
    if not scores:
        return Classification(None, 0.0, None)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    top, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = min(1.0, 0.5 + 0.5 * (score - runner_up) / score)
    return Classification(top, confidence * (1.0 if score >= MIN_TYPE_SCORE else 0.5),
                          best[top][1])


def document_type(doc: Doc, title_end: int,
                  ignore: Sequence[tuple[int, int]] = ()) -> Classification:
    """The document type from its cues; ``title_end`` is where the title lines end.

    Cues inside ``ignore`` (the values of "Er beteckning: Anvisningar 2024-02-06", which
    name another document) do not count. A compound title word weighs as its cue. Only the
    title line's first cue and cues of its type weigh as title (``_modifiers``).
    """
    weights = _cue_weights()

    def weight(hit: PhraseHit) -> float:
        text = " ".join(fold(doc.text[hit.start:hit.end]).split())
        if (hit.key, text) in weights:
            own = weights[(hit.key, text)]
        else:
            stems = [(len(cue), w) for (t, cue), w in weights.items()
                     if t == hit.key and " " not in cue and text.startswith(cue)]
            own = max(stems)[1] if stems else 1.0
        if _refers_to_another(doc.text, hit.start):
            return own * REFERENCE_WEIGHT
        return own

    exact = _type_phrases().find(doc)
    hits = sorted(_outside([*exact, *_compound_hits(doc, title_end, exact)], ignore),
                  key=lambda h: h.start)
    untitled = _modifiers(doc.text, hits, title_end) | _in_running_text(doc.text, hits, title_end)
    result = _score(hits, weight, title_end, untitled,
                    phrase_of=lambda h: " ".join(fold(doc.text[h.start:h.end]).split()))
    if result.value is None:
        return Classification("other", 0.5, None)
    return result


def _program_words(catalog: ProgramCatalog) -> dict[str, str]:
    """Folded one-word program phrases long enough to recognise through OCR damage."""
    return {fold(phrase): p.id for p in catalog for phrase in p.phrases
            if " " not in phrase and len(phrase) >= FUZZY_MIN_LENGTH}


def _fuzzy_program_hits(doc: Doc, catalog: ProgramCatalog,
                        exact: list[PhraseHit]) -> list[PhraseHit]:
    """Words a letter or two away from a one-word program phrase ("hembeséksprogram",
    "hembesdksprogram" as OCR reads hembesöksprogram), outside the exact hits."""
    words = _program_words(catalog)
    if not words:
        return []
    covered = [(h.start, h.end) for h in exact]
    hits = []
    for token in doc:
        if len(token.text) < FUZZY_MIN_LENGTH or any(s <= token.idx < e for s, e in covered):
            continue
        match = process.extractOne(token.norm_, words.keys(), scorer=fuzz.ratio,
                                   score_cutoff=FUZZY_PROGRAM_SCORE)
        if match:
            hits.append(PhraseHit(words[match[0]], token.idx, token.idx + len(token.text), 1))
    return hits


def program(doc: Doc, title_end: int, catalog: ProgramCatalog | None = None) -> Classification:
    """The program whose phrases the document uses most (longer phrases count more; a word
    recognised only through OCR damage counts FUZZY_WEIGHT). Each phrase counts once, where
    it weighs most: a pilot's report that names its "hembesök" in every table row is about
    the pilot its title names in full."""
    catalog = catalog or default_programs()
    exact = _program_phrases(catalog).find(doc)
    fuzzy = _fuzzy_program_hits(doc, catalog, exact)
    inexact = {(h.start, h.end) for h in fuzzy}
    result = _score(sorted([*exact, *fuzzy], key=lambda h: h.start),
                    lambda h: FUZZY_WEIGHT if (h.start, h.end) in inexact else float(h.tokens),
                    title_end, phrase_of=lambda h: (h.start, h.end) if (h.start, h.end) in inexact
                    else " ".join(fold(doc.text[h.start:h.end]).split()))
    if {h.key for h in [*exact, *fuzzy]} == {result.value}:
        sole = SOLE_PROGRAM_CONFIDENCE if exact else SOLE_DAMAGED_PROGRAM_CONFIDENCE
        return Classification(result.value, max(result.confidence, sole), result.hit)
    return result


def program_hits(doc: Doc, catalog: ProgramCatalog | None = None) -> list[PhraseHit]:
    return _program_phrases(catalog or default_programs()).find(doc)


SOLE_PROGRAM_CONFIDENCE = 0.95
"""A program named, however weakly (once, outside the title: "Återrapportering av 2023 års
statsbidrag för hembesöksprogram" under a letter's address), where no other program is named
anywhere: on every labelled set (dev, B, the generated corpora, c1–c5) such a document's
program was right 406 times in 406."""
SOLE_DAMAGED_PROGRAM_CONFIDENCE = 0.85
"""The same, where OCR damaged every mention by a letter or two ("hembeséksprogram"): 16 in
16 on the labelled sets, 6 of them on c6, scored before this rule was looked at again. The
damaged word's low OCR confidence does not lower it further (Reading.ocr_tolerant)."""
RESEMBLANCE_SCORE = 60
RESEMBLANCE_MARGIN = 10
"""A line resembles a program's name (rapidfuzz partial ratio) from this score, and by this
margin more than any other program's."""
GRANT_PREFIX = re.compile(r"^statsbidrag (?:for|till) ")
"""Words every program's name begins with, which say nothing about which program."""
RESEMBLANCE_CONFIDENCE = 0.4
"""Under the review threshold: the program was guessed from a damaged name."""


def resembling_program(text: str, catalog: ProgramCatalog | None = None) -> Classification:
    """The program whose name a line resembles clearly more than any other's, where OCR
    damaged the name past recognition as words ("utökade homhacäkenrogram inom
    barnhälsovården", "hemhes: gram inom barunänvvar"); sent to review."""
    catalog = catalog or default_programs()
    names = {p.id: GRANT_PREFIX.sub("", fold(p.name)) for p in catalog}
    best: dict[str, tuple[float, int, int]] = {}
    lines = text.split("\n")
    offset = 0
    for i, line in enumerate(lines):
        window = " ".join(lines[i:i + 2])  # a name wraps onto the next line
        folded = fold(window)
        for key, name in names.items():
            if len(folded) < len(name) * 0.6:
                continue
            score = fuzz.partial_ratio(name, folded)
            if score > best.get(key, (0.0, 0, 0))[0]:
                best[key] = (score, offset, offset + len(window))
        offset += len(line) + 1
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    if not ranked or ranked[0][1][0] < RESEMBLANCE_SCORE:
        return Classification(None, 0.0, None)
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
    key, (score, start, end) = ranked[0]
    if score - runner_up < RESEMBLANCE_MARGIN:
        return Classification(None, 0.0, None)
    return Classification(key, RESEMBLANCE_CONFIDENCE, PhraseHit(key, start, end, 1))
