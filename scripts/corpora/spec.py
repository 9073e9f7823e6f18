"""Reading a corpus folder: one YAML spec per document, ``corpus.yaml`` and ``allocations.csv``.

A document spec holds its truth (``file``, ``received``, ``expect``, ``flags``; ``scanned`` is
true when it has a ``scan``), its paper (``page`` set-up, ``blocks``) and, for a scan, its
degradations (``scan``). ``like: OTHER.yaml`` (a path relative to the spec) starts from
another spec: this one's keys replace the other's (``page`` key by key) and
``append`` adds blocks after the other's. Documents are ingested in file-name order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from corpora.render import merged, page_setup

CORPUS_FILE = "corpus.yaml"
KEYS = {"like", "append", "file", "received", "flags", "expect", "page", "blocks", "scan"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SpecError(ValueError):
    """A spec a person must fix; the message names the file and the key."""


class _Loader(yaml.SafeLoader):
    """YAML without implicit dates: ``received: 2024-03-15`` stays the text the truth holds."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe loader)


@dataclass
class Document:
    """One document of a corpus: what to draw, how to degrade it, and its truth."""

    name: str
    file: str
    received: str
    expect: dict[str, Any]
    flags: list[str]
    page: dict[str, Any]
    blocks: list[Any]
    scan: dict[str, Any] | None = None

    @property
    def scanned(self) -> bool:
        return self.scan is not None


@dataclass
class Corpus:
    folder: Path
    page: dict[str, Any] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)

    @property
    def allocations(self) -> Path:
        return self.folder / "allocations.csv"


def raw_spec(path: Path) -> dict[str, Any]:
    """A spec with its ``like`` resolved."""
    spec = load_yaml(path)
    if "like" not in spec:
        return spec
    base = raw_spec((path.parent / spec.pop("like")).resolve())
    appended = spec.pop("append", [])
    out = dict(base)
    for key, value in spec.items():
        out[key] = merged(base.get(key) or {}, value) if key == "page" else value
    out["blocks"] = list(out.get("blocks", [])) + appended
    return out


def check(spec: dict[str, Any], path: Path) -> None:
    """Typos and YAML's readings that would change the truth: codes and dates must be text
    ("0980", not 0980 — which YAML reads as a number — nor 980)."""
    unknown = set(spec) - KEYS
    if unknown:
        raise SpecError(f"{path}: unknown keys {sorted(unknown)} (known: {sorted(KEYS)})")
    for key in ("file", "received", "expect", "blocks"):
        if key not in spec:
            raise SpecError(f"{path}: no {key!r}")
    expect = spec["expect"]
    texts = {"received": spec["received"], "expect.document_date": expect.get("document_date"),
             "expect.organisation.code": (expect.get("organisation") or {}).get("code")}
    texts |= {f"expect.collaborating_municipalities[{i}]": code
              for i, code in enumerate(expect.get("collaborating_municipalities") or [])}
    for key, value in texts.items():
        if value is not None and not isinstance(value, str):
            raise SpecError(f"{path}: {key} must be quoted text, not {value!r}")
    for key in ("received", "expect.document_date"):
        if texts[key] is not None and not ISO_DATE.match(texts[key]):
            raise SpecError(f"{path}: {key} is not a date YYYY-MM-DD: {texts[key]!r}")


def load_document(path: Path, corpus_page: dict[str, Any] | None = None) -> Document:
    spec = raw_spec(path)
    check(spec, path)
    return Document(name=path.stem, file=spec["file"], received=str(spec["received"]),
                    expect=spec["expect"], flags=list(spec.get("flags") or []),
                    page=page_setup(corpus_page, spec.get("page")), blocks=spec["blocks"],
                    scan=spec.get("scan"))


def load_corpus(folder: Path) -> Corpus:
    settings = load_yaml(folder / CORPUS_FILE) if (folder / CORPUS_FILE).exists() else {}
    page = (settings or {}).get("page") or {}
    documents = [load_document(p, page) for p in sorted(folder.glob("*.yaml"))
                 if p.name != CORPUS_FILE]
    return Corpus(folder, page, documents)
