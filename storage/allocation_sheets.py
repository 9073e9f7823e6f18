"""Allocation lists written as XLSX: an empty template and the list as it stands.

Both have the import format's header, so a downloaded list can be edited and uploaded again.
Every text cell is written as text: a name or a file name that begins with "=", "+", "-" or
"@" stays a string in Excel, never a formula.
"""
from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from config.programs import ProgramCatalog, default_programs
from storage.allocation_file import COLUMNS
from storage.models import Allocation
from validators.swedish import KIND_PLURALS

WIDTHS = {"A": 14, "B": 12, "C": 16, "D": 34, "E": 16, "F": 30, "G": 40}
TEXT_FORMAT = "@"
KRONOR_FORMAT = "# ##0"
PERCENT_FORMAT = "0.##"
EXPLANATIONS = (
    ("program", "Statsbidragets id, t.ex. hembesok eller bhv-pilot (se nedan)."),
    ("grant_year", "Bidragsåret, t.ex. 2024."),
    ("recipient_code", "SCB:s kod: två siffror för en region (09), fyra för en kommun (0980)."),
    ("recipient_name", "Mottagarens namn, för läsaren; koden avgör. Får lämnas tomt."),
    ("amount_sek", "Det mesta mottagaren får rekvirera, i hela kronor."),
    ("municipal_share_min_percent", "Valfri: minsta kommunala andel i procent, 0–100."),
)


def _text(ws: WriteOnlyWorksheet, value: object, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=None if value is None else str(value))
    if value is not None:
        cell.data_type = "s"
    cell.number_format = TEXT_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def _number(ws: WriteOnlyWorksheet, value: float | None, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def _list_sheet(wb: Workbook, title: str, extra: tuple[str, ...] = ()) -> WriteOnlyWorksheet:
    ws = wb.create_sheet(title)
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    for column in "ACD":
        ws.column_dimensions[column].number_format = TEXT_FORMAT
    ws.freeze_panes = "A2"
    ws.append([_text(ws, name, bold=True) for name in (*COLUMNS, *extra)])
    return ws


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _explanation_sheet(wb: Workbook, programs: ProgramCatalog) -> None:
    ws = wb.create_sheet("Förklaring")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 80
    ws.append([_text(ws, "Kolumn", bold=True), _text(ws, "Innehåll", bold=True)])
    for name, meaning in EXPLANATIONS:
        ws.append([_text(ws, name), _text(ws, meaning)])
    ws.append([])
    ws.append([_text(ws, "Statsbidrag och år", bold=True), _text(ws, "Mottagare", bold=True)])
    for program in programs:
        for year, spec in sorted(program.years.items()):
            who = " och ".join(KIND_PLURALS[k] for k in sorted(spec.recipients))
            ws.append([_text(ws, f"{program.id} {year}"), _text(ws, f"{program.name}: {who}")])


def template_xlsx(programs: ProgramCatalog | None = None) -> bytes:
    """An empty list: the header on the first sheet, what each column means on the second."""
    wb = Workbook(write_only=True)
    _list_sheet(wb, "Fördelning")
    _explanation_sheet(wb, programs or default_programs())
    return _save(wb)


def allocations_xlsx(rows: Iterable[Allocation]) -> bytes:
    """The list as it stands, in the import format, plus where each row came from (a column
    the import ignores)."""
    wb = Workbook(write_only=True)
    ws = _list_sheet(wb, "Fördelning", extra=("source",))
    for a in rows:
        ws.append([
            _text(ws, a.program), _number(ws, a.grant_year, "0"), _text(ws, a.recipient_code),
            _text(ws, a.recipient_name), _number(ws, a.amount_sek, KRONOR_FORMAT),
            _number(ws, a.municipal_share_min_percent, PERCENT_FORMAT), _text(ws, a.source),
        ])
    return _save(wb)
