"""Allocation lists: parsed whole and checked before anything is imported.

CSV (UTF-8, comma, header row) or XLSX (first sheet, same header). A broken file is refused
with the line and column at fault, and nothing of it is imported.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.registry import load_registry
from storage.models import Allocation, AuditEntry
from validators.model import AllocationRow
from validators.swedish import format_amount, format_percent

REQUIRED = ("program", "grant_year", "recipient_code", "recipient_name", "amount_sek")
OPTIONAL = ("municipal_share_min_percent",)


class AllocationFileError(ValueError):
    """The file cannot be imported; ``line`` and ``column`` point at the fault (1-based)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        where = ""
        if line is not None:
            where = f"rad {line}" + (f", kolumn {column}" if column is not None else "") + ": "
        super().__init__(where + message)
        self.line, self.column = line, column


def _rows_from_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AllocationFileError("filen är inte UTF-8", line) from exc
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise AllocationFileError(f"felaktig CSV: {exc}") from exc


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise AllocationFileError(f"filen kan inte läsas som XLSX: {exc}") from exc
    sheet = wb.worksheets[0]
    rows = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
    wb.close()
    return rows


def _int(text: str, line: int, column: int, what: str) -> int:
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise AllocationFileError(f"{what} är inte ett tal: {text!r}", line, column) from None
    if value != int(value) or value < 0:
        raise AllocationFileError(f"{what} ska vara ett positivt heltal: {text!r}", line, column)
    return int(value)


def parse_allocation_file(data: bytes, filename: str) -> list[AllocationRow]:
    """Every row of an allocation list, or AllocationFileError for the first fault."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        table = _rows_from_xlsx(data)
    else:
        table = _rows_from_csv(data)
    if not table:
        raise AllocationFileError("filen är tom", 1)
    header = [h.strip().lower() for h in table[0]]
    for name in REQUIRED:
        if name not in header:
            raise AllocationFileError(f"kolumnen {name} saknas i rubrikraden", 1)
    col = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    registry = load_registry()
    rows: list[AllocationRow] = []
    seen: set[tuple[str, int, str]] = set()
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(header):
            raise AllocationFileError(
                f"raden har {len(cells)} fält, rubrikraden {len(header)}", line, len(cells) + 1)

        def cell(name: str) -> str:
            return cells[col[name]].strip()

        program = cell("program")
        if not program:
            raise AllocationFileError("program saknas", line, col["program"] + 1)
        year = _int(cell("grant_year"), line, col["grant_year"] + 1, "grant_year")
        code = cell("recipient_code")
        if code.isdigit() and len(code) in (1, 3):
            code = code.zfill(len(code) + 1)
        if registry.get(code) is None:
            raise AllocationFileError(
                f"okänd SCB-kod för region eller kommun: {code!r}", line, col["recipient_code"] + 1)
        amount = _int(cell("amount_sek"), line, col["amount_sek"] + 1, "amount_sek")
        share: float | None = None
        if "municipal_share_min_percent" in col and cell("municipal_share_min_percent"):
            text = cell("municipal_share_min_percent").replace(",", ".").rstrip("%").strip()
            try:
                share = float(text)
            except ValueError:
                raise AllocationFileError(
                    f"municipal_share_min_percent är inte ett tal: {text!r}",
                    line, col["municipal_share_min_percent"] + 1) from None
        key = (program, year, code)
        if key in seen:
            raise AllocationFileError(f"raden upprepar {program} {year} {code}", line)
        seen.add(key)
        rows.append(AllocationRow(program, year, code, cell("recipient_name") or registry.get(code).name,
                                  amount, share))
    return rows


@dataclass(frozen=True)
class ImportSummary:
    added: int
    changed: int
    unchanged: int


def _audit_text(amount: int, share: float | None) -> str:
    """An allocation as the audit log shows it: "834 000 kr", "834 000 kr, minst 25 %"."""
    text = format_amount(amount)
    return text if share is None else f"{text}, minst {format_percent(share)}"


def import_allocations(session: Session, rows: list[AllocationRow], source: str | None,
                       actor: str = "system") -> ImportSummary:
    """Replace the rows for the same program, year and recipient; leave the others."""
    added = changed = unchanged = 0
    for row in rows:
        existing = session.scalar(select(Allocation).where(
            Allocation.program == row.program, Allocation.grant_year == row.grant_year,
            Allocation.recipient_code == row.recipient_code))
        if existing is None:
            session.add(Allocation(
                program=row.program, grant_year=row.grant_year, recipient_code=row.recipient_code,
                recipient_name=row.recipient_name, amount_sek=row.amount_sek,
                municipal_share_min_percent=row.municipal_share_min_percent, source=source))
            added += 1
            old = None
        elif (existing.amount_sek, existing.municipal_share_min_percent, existing.recipient_name) != (
                row.amount_sek, row.municipal_share_min_percent, row.recipient_name):
            old = _audit_text(existing.amount_sek, existing.municipal_share_min_percent)
            existing.amount_sek = row.amount_sek
            existing.municipal_share_min_percent = row.municipal_share_min_percent
            existing.recipient_name = row.recipient_name
            existing.source = source
            changed += 1
        else:
            unchanged += 1
            continue
        session.add(AuditEntry(
            actor=actor, action="allocation_import", entity="allocation",
            entity_id=f"{row.program}/{row.grant_year}/{row.recipient_code}", field="amount_sek",
            old_value=old, new_value=_audit_text(row.amount_sek, row.municipal_share_min_percent),
            comment=source))
    return ImportSummary(added, changed, unchanged)


def allocation_rows(session: Session) -> list[Allocation]:
    return list(session.scalars(select(Allocation).order_by(
        Allocation.program, Allocation.grant_year, Allocation.recipient_code)))


def read_allocation_file(path: Path) -> list[AllocationRow]:
    return parse_allocation_file(path.read_bytes(), path.name)
