"""Regions and municipalities named in text: exact (folded) phrase matches, fuzzy as a fallback.

Every variant from config.registry ("Region Örebro län", "Örebro läns region", "Malmös stad",
"KOMMUNEN KALMAR", bare "Sörmland") is a phrase; a name OCR damaged beyond folding
("Region Orebro lin") is found with rapidfuzz, at a lower confidence.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span

from config.registry import Organisation, OrgKind, load_registry
from extractors.model import OrgRef
from extractors.fields.nlp import Phrases, parse
from extractors.fields.text import fold

FUZZY_CUTOFF = 86
"""rapidfuzz ratio (0..100) a damaged name must reach against a variant to count."""
EXACT_CONFIDENCE = 1.0
BARE_CONFIDENCE = 0.85
"""A bare place name ("Kalmar") whose kind is guessed, not written."""


@dataclass(frozen=True)
class Candidate:
    organisation: Organisation
    explicit: bool
    literal: bool = False
    """The text matched a variant letter for letter (not only folded): "Håbo" is not "Habo"."""


@dataclass(frozen=True)
class Mention:
    """One place in a text where an organisation is named, and every organisation it may be."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]

    @property
    def explicit(self) -> bool:
        return any(c.explicit for c in self.candidates)


def _key(org: Organisation, explicit: bool) -> str:
    return f"{org.kind}:{org.code}:{int(explicit)}"


@cache
def _variants() -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = {}
    for v in load_registry().variants():
        by_key.setdefault(_key(v.organisation, v.explicit), []).append(v.text)
    return by_key


@cache
def _literal_variants() -> dict[str, frozenset[str]]:
    return {key: frozenset(" ".join(t.lower().split()) for t in texts)
            for key, texts in _variants().items()}


@cache
def org_phrases() -> Phrases:
    return Phrases(_variants())


@cache
def _fuzzy_choices() -> tuple[list[str], list[Candidate]]:
    """Folded variant texts (explicit ones, and bare names long enough to be distinctive)."""
    registry = load_registry()
    texts: list[str] = []
    candidates: list[Candidate] = []
    for key, variants in _variants().items():
        kind, code, explicit = key.split(":")
        org = registry.get(code)
        for text in variants:
            if explicit == "1" or len(text) >= 6:
                texts.append(fold(text))
                candidates.append(Candidate(org, explicit == "1"))
    return texts, candidates


def _candidate(key: str, text: str) -> Candidate:
    _, code, explicit = key.split(":")
    literal = " ".join(text.lower().split()) in _literal_variants()[key]
    return Candidate(load_registry().get(code), explicit == "1", literal)


LABEL_KIND = re.compile(r"(?:region|kommun|landsting)\b", re.IGNORECASE)


def _not_a_labels_kind(span: Span) -> bool:
    """Whether a match may be a name: a kind word after a slash is a form label's
    alternative ("Sökande kommun/region Stockholms stad"), not the start of a name."""
    text = span.doc.text
    return not (span.start_char > 0 and text[span.start_char - 1] == "/"
                and LABEL_KIND.match(text, span.start_char))


def mentions(doc: Doc) -> list[Mention]:
    """Organisation names in a parsed text, longest match at each place, in text order."""
    grouped: dict[tuple[int, int], list[Candidate]] = {}
    for hit in org_phrases().find(doc, keep=_not_a_labels_kind):
        grouped.setdefault((hit.start, hit.end), []).append(
            _candidate(hit.key, doc.text[hit.start:hit.end])
        )
    return [Mention(s, e, tuple(c)) for (s, e), c in sorted(grouped.items())]


def choose(mention: Mention, prefer: OrgKind | None = None) -> tuple[Organisation, float]:
    """The organisation a mention most likely means, and how sure that is.

    A name whose kind is written ("Region Gotland", "Gotlands kommun") decides; a bare name
    goes to ``prefer`` when given, else to the region ("Sörmland"), else the municipality.
    """
    literal = [c for c in mention.candidates if c.literal]
    candidates = literal or list(mention.candidates)
    explicit = [c for c in candidates if c.explicit]
    pool = explicit or candidates
    kinds = {c.organisation.kind for c in pool}
    if prefer in kinds:
        pool = [c for c in pool if c.organisation.kind == prefer]
    elif "region" in kinds and not explicit:
        pool = [c for c in pool if c.organisation.kind == "region"]
    chosen = pool[0]
    confidence = EXACT_CONFIDENCE if chosen.explicit else BARE_CONFIDENCE
    if len({c.organisation.code for c in pool}) > 1:
        confidence *= 0.7
    return chosen.organisation, confidence


def fuzzy_match(text: str, prefer: OrgKind | None = None) -> tuple[Organisation, float] | None:
    """The organisation a damaged name most resembles, with a confidence below an exact match."""
    folded = fold(" ".join(text.split()))
    if len(folded) < 4:
        return None
    texts, candidates = _fuzzy_choices()
    hits = process.extract(folded, texts, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
    if not hits:
        return None
    best = max(hits, key=lambda h: (h[1], candidates[h[2]].organisation.kind == prefer))
    candidate = candidates[best[2]]
    return candidate.organisation, 0.8 * best[1] / 100


def as_ref(org: Organisation) -> OrgRef:
    return OrgRef(code=org.code, kind=org.kind, name=org.name)


def find_organisation(text: str) -> OrgRef | None:
    """The organisation a whole string names ("Malmös stad", "Region Örebro län"), or None."""
    stripped = text.strip(" \t\n:;,.|")
    if not stripped:
        return None
    found = mentions(parse(stripped))
    covering = [m for m in found if m.start == 0 and m.end == len(stripped)]
    if covering:
        return as_ref(choose(covering[0])[0])
    explicit = [m for m in found if m.explicit]
    if explicit:
        return as_ref(choose(explicit[0])[0])
    fuzzy = fuzzy_match(stripped)
    if fuzzy:
        return as_ref(fuzzy[0])
    return as_ref(choose(found[0])[0]) if found else None


MAIL_DOMAIN = re.compile(r"@(?:[a-z0-9-]+\.)*?(?P<name>[a-z0-9-]+)[.,]\s?se\b", re.IGNORECASE)
"""A Swedish mail address's organisation label: "regionvasterbotten" in
"lena.holm@regionvasterbotten.se", "uppsala" in "…@uppsala.se"."""
NOT_SENDERS = frozenset({"socialstyrelsen", "regeringskansliet", "gmail", "hotmail", "outlook"})


@cache
def _domain_names() -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    """Regions by the name after "region" in their domains ("vasterbotten", "jonkopingslan"),
    municipalities by their whole name ("uppsala"), but not a county's only municipality,
    whose domain is the region's as much ("gotland")."""
    regions: dict[str, Organisation] = {}
    municipalities: dict[str, Organisation] = {}
    for o in load_registry().all():
        if o.kind == "region":
            county = fold(o.short).replace(" ", "")
            stem = county.removesuffix("lan")
            own = fold(o.name).removeprefix("region ").replace(" ", "")
            for key in (county, stem, stem.removesuffix("s"), own):
                regions.setdefault(key, o)
        else:
            municipalities[fold(o.short).replace(" ", "")] = o
    per_county = Counter(o.code[:2] for o in municipalities.values())
    return regions, {name: o for name, o in municipalities.items()
                     if not (name in regions and per_county[o.code[:2]] == 1)}


def mail_domain_organisation(text: str) -> tuple[Organisation, int, int] | None:
    """The organisation a mail address in ``text`` belongs to by its domain, where the domain
    spells a region ("region" + its name) or a municipality's name whole; None when no
    address does or two name different organisations."""
    regions, municipalities = _domain_names()
    found: dict[str, tuple[Organisation, int, int]] = {}
    for m in MAIL_DOMAIN.finditer(text):
        name = fold(m.group("name")).replace("-", "")
        if name in NOT_SENDERS:
            continue
        org = regions.get(name.removeprefix("region")) if name.startswith("region") \
            else municipalities.get(name)
        if org is not None:
            found.setdefault(org.code, (org, m.start("name"), m.end("name")))
    return next(iter(found.values())) if len(found) == 1 else None
