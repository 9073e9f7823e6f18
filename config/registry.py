"""The 21 regions and 290 municipalities with SCB codes, and the ways documents write them.

Loaded once per process from ``config/data/`` (copied from the checked reference data).
Gotland is both a region (09) and a municipality (0980). A municipality is named as SCB and
the municipalities write it: the place name in the genitive before "kommun" ("Gotlands
kommun", "Halmstads kommun", "Uppsala kommun"), unless it calls itself otherwise
(``municipality_names.csv``: "Malmö stad", "Göteborgs Stad", "Falu kommun", "Kalmar kommun");
documents may still write any of its forms.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

DATA_DIR = Path(__file__).with_name("data")
OrgKind = Literal["region", "municipality"]


@dataclass(frozen=True)
class Organisation:
    code: str
    kind: OrgKind
    name: str
    """The name used in records: "Region Örebro län", "Botkyrka kommun", "Malmö stad"."""
    short: str
    """The bare place name: "Örebro län" for a region's county, "Botkyrka" for a municipality."""
    region_code: str

    def as_record(self) -> dict[str, str]:
        return {"name": self.name, "kind": self.kind, "code": self.code}


@dataclass(frozen=True)
class Variant:
    """One way a document writes an organisation; ``explicit`` when the kind is spelled out."""

    text: str
    organisation: Organisation
    explicit: bool


def _genitive(name: str) -> str:
    return name if name[-1] in "sxzSXZ" else name + "s"


def municipality_name(short: str) -> str:
    """"Gotland" → "Gotlands kommun", "Uppsala" → "Uppsala kommun", "Kalix" → "Kalix kommun":
    a place name ending in a consonant takes the genitive s (exceptions are in the data)."""
    if short[-1].lower() in "aeiouyåäö":
        return f"{short} kommun"
    return f"{_genitive(short)} kommun"


def _strip_genitive(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def region_variants(org: Organisation) -> list[Variant]:
    """Every way a region is written, each also in the genitive ("Region Sörmlands rekvisition"),
    and with "Region" shortened ("Reg. Dalarna")."""
    own = org.name
    county = org.short
    stem = county.removesuffix(" län")
    bare = {stem, _strip_genitive(stem)}
    if own.startswith("Region "):
        bare.add(own.removeprefix("Region ").removesuffix(" län"))
    if own.endswith("regionen"):
        bare.add(own.removesuffix("regionen"))
    texts_explicit = {own, county, f"{county}s region", f"Regionen i {county}", f"Landstinget i {county}"}
    for b in bare:
        texts_explicit |= {f"Region {b}", f"{b}s region" if not b.endswith("s") else f"{b} region",
                           f"{b}regionen", f"Region {b} län", f"{b} läns landsting",
                           f"Reg. {b}", f"Reg {b}"}
    texts_explicit |= {_genitive(t) for t in texts_explicit}
    variants = [Variant(t, org, True) for t in texts_explicit]
    variants += [Variant(b, org, False) for b in bare]
    return variants


def municipality_variants(org: Organisation) -> list[Variant]:
    """Every way a municipality is written, the genitive included ("Malmö stads förvaltning"),
    and "kommun" shortened to "kn" ("Linköpings kn")."""
    n = org.short
    gen = _genitive(n)
    explicit = {f"{n} kommun", f"{gen} kommun", f"{n} stad", f"{gen} stad", f"Kommunen {n}",
                f"{n}s kommun" if not n.endswith("s") else f"{n} kommun", org.name,
                f"{n} kn", f"{gen} kn"}
    explicit |= {_genitive(t) for t in explicit if not t.startswith("Kommunen")}
    return [Variant(t, org, True) for t in explicit] + [Variant(n, org, False)]


# Names used by people that the rules above do not make.
EXTRA_REGION_NAMES = {
    "14": ["VGR", "Västra Götaland", "Region Västra Götaland"],
    "04": ["Sörmland", "Region Södermanland"],
    "23": ["Jämtland Härjedalen", "Region Jämtland", "Jämtland"],
}


@dataclass(frozen=True)
class Registry:
    regions: dict[str, Organisation]
    municipalities: dict[str, Organisation]

    def get(self, code: str) -> Organisation | None:
        return self.regions.get(code) if len(code) == 2 else self.municipalities.get(code)

    def all(self) -> list[Organisation]:
        return [*self.regions.values(), *self.municipalities.values()]

    def variants(self) -> list[Variant]:
        out: list[Variant] = []
        for org in self.regions.values():
            out += region_variants(org)
            out += [Variant(t, org, True) for t in EXTRA_REGION_NAMES.get(org.code, [])]
        for org in self.municipalities.values():
            out += municipality_variants(org)
        return out


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def load_registry() -> Registry:
    regions = {
        r["region_code"]: Organisation(
            code=r["region_code"], kind="region", name=r["region_name"],
            short=r["county_name"], region_code=r["region_code"],
        )
        for r in _read("regions.csv")
    }
    own_names = {m["municipality_code"]: m["municipality_name"]
                 for m in _read("municipality_names.csv")}
    municipalities = {
        m["municipality_code"]: Organisation(
            code=m["municipality_code"], kind="municipality",
            name=own_names.get(m["municipality_code"], municipality_name(m["municipality_name"])),
            short=m["municipality_name"], region_code=m["region_code"],
        )
        for m in _read("municipalities.csv")
    }
    return Registry(regions, municipalities)
