"""Lists of municipalities as Swedish coordination: "A, B och C kommuner", "Umeås och Vännäs
kommuner", "Solna kommun, Haninge", "Kommunen Gävle, Kommunen Sandviken".

A list is cut into items at commas, "och", "samt", "&", bullets, brackets and line breaks.
An item is taken when it names a municipality with its kind written ("Umeå kommun", "Solna
stad"), or when it is a bare name and the list's head or any item says kommun ("Skellefteå,
Umeås kommun"), or every item is a municipality's name as the registry writes it
("Östersund, Strömsund och Krokom"). Every name is a registry entry: written as the registry
writes it, in the genitive ("Umeås"), or — for OCR damage only — the entry it most resembles.
A table of SCB codes and names under a collaboration label is read by its rows, where a
row's code and name agree.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from config.registry import Organisation, load_registry
from extractors.fields.organisations import BARE_CONFIDENCE, Mention, choose, fuzzy_match
from extractors.fields.text import fold, outside

SEPARATOR = re.compile(
    r"\s*(?:[,;&\n/()]|\boch\b|\bsamt\b|\bsåväl som\b|(?<!\S)[-–•·*](?=\s))\s*", re.IGNORECASE)
"""Between items: commas, "och", line breaks, bullets ("- Luleå kommun - Piteå") and
brackets, whether they hold a remark ("Gotland (Region Gotland har även kommunens ansvar)")
or the names ("tre kommuner (Umeå, Vännäs och Robertsfors)")."""
KIND_WORDS = re.compile(r"\b(?:kommun(?:en|er|erna)?|stad|staden|städer(?:na)?)\b", re.IGNORECASE)
"""Words that say an item, or the list, is of municipalities."""
DAMAGED_KIND = re.compile(r"\b[kK][\w]{4,7}\b")
DAMAGED_KIND_SCORE = 80
"""rapidfuzz ratio from which a word is "kommun" or "kommuner" as OCR damaged it ("kommur")."""
KINDS = ("kommun", "kommuner", "kommunen", "kommunerna")
HEAD = re.compile(r"^(?:[^\W\d_]*[a-zåäö][^\W\d_]*\s*:?\s+){1,3}(?=[A-ZÅÄÖ])")
"""Lower-case words before the first name of a list: "är kommunerna Jönköping", "följande
(kommuner): Göteborg" once its kind word is taken out."""
OCR_SPECK = re.compile(r"[a-zåäö]{1,3}|\d{1,2}|[^\w\s]+")
"""A token in a scanned list that is a speck OCR read as letters or digits ("Västerås se e
stad", "Västerås rpg 2 stad"): no municipality's name has a lower-case word of three letters
or fewer, nor a figure."""
NAME = re.compile(r"[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?")
GENITIVE_CONFIDENCE = BARE_CONFIDENCE
LOST_CAPITAL = re.compile(r"[a-zåäö][a-zåäö-]{3,}")
LOST_CAPITAL_CONFIDENCE = 0.8
PLACE_SCORE = 80
"""rapidfuzz ratio from which a dateline's word is a municipality's name OCR damaged."""


@dataclass(frozen=True)
class Item:
    organisation: Organisation
    start: int
    end: int
    certainty: float


@cache
def _by_tail() -> dict[str, Organisation]:
    """Municipalities by their folded name less its first letter, where that is unique."""
    tails: dict[str, list[Organisation]] = {}
    for m in load_registry().municipalities.values():
        tails.setdefault(fold(m.short)[1:], []).append(m)
    return {tail: orgs[0] for tail, orgs in tails.items() if len(orgs) == 1}


def _lost_capital(text: str, start: int, end: int) -> Item | None:
    """A municipality with its kind word whose capital OCR read as another, small letter
    ("kjungby kommun"): the rest of the name must be the registry's, letter for letter."""
    item = text[start:end]
    kinds = _kind_words(item)
    if not kinds:
        return None
    word = item[:kinds[0][0]].strip(" .:")
    if not LOST_CAPITAL.fullmatch(word):
        return None
    org = _by_tail().get(fold(word)[1:])
    if org is None:
        return None
    offset = text.find(word, start, end)
    return Item(org, offset, offset + len(word), LOST_CAPITAL_CONFIDENCE)


@cache
def _by_short_name() -> dict[str, Organisation]:
    return {fold(m.short): m for m in load_registry().municipalities.values()}


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, at = [], start
    for sep in SEPARATOR.finditer(text, start, end):
        spans.append((at, sep.start()))
        at = sep.end()
    spans.append((at, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _kind_words(text: str) -> list[tuple[int, int]]:
    """Spans of the words that say kommun or stad, OCR damage ("kommur") included."""
    spans = [m.span() for m in KIND_WORDS.finditer(text)]
    for m in DAMAGED_KIND.finditer(text):
        word = fold(m.group(0))
        if word.startswith("kommunal"):
            continue  # "kommunal verksamhet": a word of its own, not "kommun" damaged
        if any(fuzz.ratio(word, kind) >= DAMAGED_KIND_SCORE for kind in KINDS) and \
                not any(s <= m.start() < e for s, e in spans):
            spans.append(m.span())
    return sorted(spans)


def _only_name(text: str, first: bool, last: bool) -> str | None:
    """The item's name when the item is a name and kind words only ("Umeås kommun",
    "Härnösands kommur"), else None. The first item may carry the list's head before the
    name ("är kommunerna Jönköping"); the last, the sentence going on after its kind word
    ("Bodens kommuner kring programmet")."""
    kinds = _kind_words(text)
    if last and kinds:
        text = text[:kinds[-1][1]]
    for s, e in reversed(kinds):
        text = text[:s] + " " * (e - s) + text[e:]
    rest = " ".join(t for t in text.split() if not OCR_SPECK.fullmatch(t)).strip(" .:")
    if first:
        rest = HEAD.sub("", rest)
    m = NAME.fullmatch(rest)
    return m.group(0) if m else None


def registry_name(name: str) -> Organisation | None:
    """A bare name as the registry writes it, or in the genitive ("Umeås", "Vännäs")."""
    folded = fold(name)
    known = _by_short_name()
    if folded in known:
        return known[folded]
    if folded.endswith("s") and not folded.endswith("ss"):
        return known.get(folded[:-1])
    return None


def place_name(word: str) -> bool:
    """A municipality's name as a place ("Gävle", "Umeå"), or as OCR damaged it ("Urneå")."""
    if registry_name(word) is not None:
        return True
    folded = fold(word).replace("rn", "m")  # OCR's commonest confusion: "rn" for "m"
    return len(folded) >= 4 and process.extractOne(
        folded, _by_short_name().keys(), scorer=fuzz.ratio, score_cutoff=PLACE_SCORE) is not None


def municipality_list(text: str, spans: Sequence[tuple[int, int]], mentions: list[Mention],
                      head_says_kommun: bool) -> list[Item]:
    """The municipalities a list names in ``text``'s ``spans`` (one, or the value lines of a
    form row), in order, each once."""
    items, wrapped = _wrapped_names(text, [_items(text, s, e) for s, e in spans], spans)
    items = _columns(text, items, mentions)
    says_kommun = head_says_kommun or any(_kind_words(text[s:e]) for s, e in spans) or \
        _all_registry_names(text, items)
    found: dict[str, Item] = {}
    for i, (s, e) in enumerate(items):
        item = wrapped.get((s, e)) or _item(
            text, s, e, [m for m in mentions if s <= m.start and m.end <= e],
            says_kommun, first=i == 0, last=i == len(items) - 1)
        if item and item.organisation.code not in found:
            found[item.organisation.code] = item
    return list(found.values())


def _wrapped_names(text: str, items: list[list[tuple[int, int]]],
                   spans: Sequence[tuple[int, int]],
                   ) -> tuple[list[tuple[int, int]], dict[tuple[int, int], Item]]:
    """The items in order, where a name wrapped over a line break ("Lilla" | "Edet",
    "Essunga" | "kommun", "Dals-" | "Ed") is one item spanning both lines, resolved here.

    Two items join when nothing but the line break stands between them — no comma, no
    "och" — and together they name a registry municipality that the first alone does not,
    or the second is only the kind word."""
    flat = [item for line in items for item in line]
    out: list[tuple[int, int]] = []
    wrapped: dict[tuple[int, int], Item] = {}
    i = 0
    while i < len(flat):
        s, e = flat[i]
        if i + 1 < len(flat) and _only_break_between(text, e, flat[i + 1][0], spans):
            joined = joined_name(text[s:e], text[flat[i + 1][0]:flat[i + 1][1]])
            if joined is not None:
                span = (s, flat[i + 1][1])
                out.append(span)
                wrapped[span] = Item(joined, *span, GENITIVE_CONFIDENCE)
                i += 2
                continue
        out.append((s, e))
        i += 1
    return out, wrapped


def _only_break_between(text: str, end: int, start: int,
                        spans: Sequence[tuple[int, int]]) -> bool:
    """Only a line break between ``end`` and ``start``: within a span, or from the end of one
    value line to the start of the next."""
    between = text[end:start]
    if not between.strip():
        return "\n" in between
    here = next((k for k, (s, e) in enumerate(spans) if s <= end <= e), None)
    if here is None or here + 1 >= len(spans):
        return False
    nxt = spans[here + 1]
    return nxt[0] <= start and not text[end:spans[here][1]].strip() and \
        not text[nxt[0]:start].strip()


def joined_name(first: str, second: str) -> Organisation | None:
    """The municipality two pieces of a name wrapped over a line break name together, where
    the first alone names none or the second is only its kind word."""
    second = second.strip()
    joined = first.rstrip() + second if first.rstrip().endswith("-") else f"{first} {second}"
    name = _only_name(joined, first=False, last=False)
    org = registry_name(name) if name else None
    if org is None:
        return None
    alone = _only_name(first, first=False, last=False)
    if alone is not None and registry_name(alone) is not None and \
            not KIND_WORDS.fullmatch(second):
        return None
    return org


def _columns(text: str, items: list[tuple[int, int]],
             mentions: list[Mention]) -> list[tuple[int, int]]:
    """Items that hold a municipality written with its kind and another name beside it — a
    list in two columns whose bullets OCR dropped ("Luleå kommun   Piteå", "Kiruna   Älvsbyns
    kommun") — cut at the written one's ends; items that are municipalities' names and
    nothing else, whose separators OCR lost ("Umea Skellefteå Lycksele"), cut at each."""
    out = []
    for s, e in items:
        municipal = sorted((m.start, m.end, m.explicit) for m in mentions
                           if s <= m.start and m.end <= e and any(
                               c.organisation.kind == "municipality" for c in m.candidates))
        inside = [(a, b) for a, b, explicit in municipal if explicit]
        if len(municipal) > 1 and not re.search(
                r"[^\W\d_]", outside(text, s, e, [(a, b) for a, b, _ in municipal])):
            inside = [(a, b) for a, b, _ in municipal]  # names whose separators OCR lost
        cuts = [s, *[p for span in inside for p in span], e]
        parts = [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]
        out.extend(parts if len(parts) > 1 else [(s, e)])
    return out


def _all_registry_names(text: str, items: list[tuple[int, int]]) -> bool:
    """A list of bare names, each a municipality as the registry writes it ("i samverkan
    med Östersund, Strömsund och Krokom"): a list of places after a collaboration cue is of
    municipalities even though no word says kommun. The list ends where an item begins in
    lower case; fuzzy matches do not count here."""
    names = []
    for i, (s, e) in enumerate(items):
        item = text[s:e].strip()
        if i > 0 and item[:1].islower():
            break  # the sentence goes on: "…och Krokom, samt med socialtjänsten"
        names.append(_only_name(item, first=i == 0, last=i == len(items) - 1))
    return bool(names) and all(n is not None and registry_name(n) is not None for n in names)


def _item(text: str, start: int, end: int, inside: list[Mention],
          says_kommun: bool, first: bool, last: bool) -> Item | None:
    municipal = [m for m in inside
                 if any(c.organisation.kind == "municipality" for c in m.candidates)]
    explicit = [m for m in municipal if m.explicit and any(
        c.explicit and c.organisation.kind == "municipality" for c in m.candidates)]
    if explicit:
        org, certainty = choose(explicit[0], prefer="municipality")
        return Item(org, explicit[0].start, explicit[0].end, certainty)
    name = _only_name(text[start:end], first, last)
    if name is None:
        return _lost_capital(text, start, end)
    if not says_kommun:
        return None
    offset = text.find(name, start, end)
    named = [m for m in municipal if m.start >= offset]
    if named:
        m = named[0]
        org, certainty = choose(m, prefer="municipality")
        return Item(org, m.start, m.end, certainty)
    org = registry_name(name)
    if org is not None:
        return Item(org, offset, offset + len(name), GENITIVE_CONFIDENCE)
    fuzzy = fuzzy_match(f"{name} kommun", prefer="municipality") or \
        fuzzy_match(name, prefer="municipality")
    if fuzzy and fuzzy[0].kind == "municipality":
        return Item(fuzzy[0], offset, offset + len(name), fuzzy[1])
    return None


CODED_ROW = re.compile(r"^\W*(?P<code>\d{4})\s+(?P<name>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)?)")
"""A table row that begins with a municipality's SCB code and its name ("2180 Gävle
Familjecentral / hembesök")."""
CODED_CONFIDENCE = 1.0


def coded_row(line: str) -> tuple[Organisation, int, int] | None:
    """The municipality a row names by its code and its name, where the two agree (the name
    as the registry writes it or in the genitive, one word or two); its name's span in
    ``line``."""
    m = CODED_ROW.match(line)
    if m is None:
        return None
    org = load_registry().municipalities.get(m.group("code"))
    if org is None:
        return None
    words = m.group("name").split()
    for n in (len(words), 1):
        named = registry_name(" ".join(words[:n]))
        if named is not None and named.code == org.code:
            return org, m.start("name"), m.start("name") + len(" ".join(words[:n]))
    return None


def coded_rows(lines: Iterable[tuple[int, str]]) -> list[Item]:
    """The municipalities of a table of codes and names below a collaboration label
    (``lines``: each line's offset and text, from the one below the label): one header line
    may come first, and the first other line after the rows ends them."""
    items: list[Item] = []
    for i, (offset, line) in enumerate(lines):
        row = coded_row(line)
        if row is None:
            if items or i > 0:
                break
            continue  # the table's header
        org, start, end = row
        items.append(Item(org, offset + start, offset + end, CODED_CONFIDENCE))
    return items
