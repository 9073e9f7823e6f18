"""Readable tables for people (without --json), on stdout."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table


def plain_table(rows: list[dict]) -> None:
    console = Console()
    if not rows:
        console.print("(inga rader)")
        return
    table = Table(*rows[0].keys())
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r.values()))
    console.print(table)


def records_table(records: list[dict]) -> None:
    def org(r: dict) -> str:
        o = r.get("organisation") or {}
        return f"{o.get('name', '')} ({o.get('code', '')})" if o else ""

    plain_table([
        {
            "fil": Path((r.get("source") or {}).get("attachment") or r.get("file") or "").name,
            "typ": r.get("document_type"),
            "program": r.get("program"),
            "år": r.get("grant_year"),
            "organisation": org(r),
            "belopp": ", ".join(f"{k} {v:,}".replace(",", " ") for k, v in (r.get("amounts") or {}).items()),
            "flaggor": ", ".join(f["code"] for f in r.get("flags") or []) or r.get("error") or "",
        }
        for r in records
    ])
