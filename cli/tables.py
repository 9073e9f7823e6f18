"""Readable tables for people (without --json), on stdout: Swedish headers, no ``None``, and
cells that wrap instead of being cut, whatever the terminal's width (80 columns in a pipe).

Commands give rows as dicts and the columns they want as ``{key: header}`` (``show_table``),
rows keyed by their headers (``plain_table``), or one record as labelled lines (``show_pairs``).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from validators.swedish import DOCUMENT_TYPE_NAMES, field_name, format_amount

EMPTY = "(inga rader)"
BLANK = "–"
WORD_WIDTH = 18
"""A column is kept at least as wide as its longest word up to this, where the terminal allows."""


def cell(value: Any) -> str:
    """A value as a person reads it: nothing for None, ja/nej for booleans."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)


def _console() -> Console:
    return Console(soft_wrap=False, highlight=False)


def show_table(rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str],
               *, empty: str = EMPTY) -> None:
    """``rows`` under ``columns``' headers; a long cell wraps within its column."""
    console = _console()
    if not rows:
        console.print(empty)
        return
    cells = [[cell(row.get(key)) for key in columns] for row in rows]
    headers = list(columns.values())
    widths: list[int | None] = [min(max(len(w) for text in (header, *(r[n] for r in cells)) for w in text.split()),
                  WORD_WIDTH) for n, header in enumerate(headers)]
    room = console.width - 2 * (len(headers) - 1)
    if sum(widths) > room:  # too narrow for whole words: rich shares the width out
        widths = [None] * len(widths)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(header, overflow="fold", min_width=width)
    for row in cells:
        table.add_row(*row)
    console.print(table)


def plain_table(rows: Sequence[Mapping[str, Any]]) -> None:
    """Rows whose keys are already their (Swedish) headers."""
    show_table(rows, {key: key for key in rows[0]} if rows else {})


def show_pairs(values: Mapping[str, Any], labels: Mapping[str, str]) -> None:
    """One ``label: value`` per line, in ``labels``' order."""
    width = max(len(label) for label in labels.values())
    console = _console()
    for key, label in labels.items():
        console.print(f"{label + ':':<{width + 1}} {cell(values.get(key))}", overflow="fold")


RECORD_COLUMNS = {"fil": "Fil", "typ": "Typ", "program": "Statsbidrag", "år": "År",
                  "organisation": "Organisation", "belopp": "Belopp", "flaggor": "Flaggor"}
STORED_BEFORE = "redan registrerad"


def _organisation(record: Mapping[str, Any]) -> str:
    org = record.get("organisation") or {}
    if not org:
        return ""
    return f"{org.get('name') or ''} ({org.get('code') or '?'})".strip()


def _amounts(record: Mapping[str, Any]) -> str:
    return ", ".join(f"{field_name('amounts.' + k).lower()} {format_amount(v)}"
                     for k, v in (record.get("amounts") or {}).items())


def records_table(records: Sequence[Mapping[str, Any]],
                  stored_before: Sequence[bool] | None = None) -> None:
    """Document records; with ``stored_before``, a column saying which were already stored."""
    columns = dict(RECORD_COLUMNS)
    if stored_before is not None:
        columns["status"] = "Status"
    rows = []
    for n, record in enumerate(records):
        source = record.get("source") or {}
        rows.append({
            "fil": Path(source.get("attachment") or source.get("path") or record.get("file")
                        or "").name,
            "typ": DOCUMENT_TYPE_NAMES.get(record.get("document_type"), record.get("document_type")),
            "program": record.get("program"),
            "år": record.get("grant_year"),
            "organisation": _organisation(record),
            "belopp": _amounts(record),
            "flaggor": ", ".join(f["code"] for f in record.get("flags") or [])
                       or record.get("error"),
            "status": (STORED_BEFORE if stored_before[n] else "ny") if stored_before else None,
        })
    show_table(rows, columns, empty="(inga handlingar)")
