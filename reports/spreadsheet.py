"""The report as an XLSX workbook: a sheet per table, headers frozen, filters on, links into
the desk.

Every text cell is written as text: a value that starts with "=" (an attachment named
``=HYPERLINK(...)``, a subject line) stays a string and never becomes a formula.
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports import labels
from reports.figures import WeeklyFigures
from reports.week import local

HEADER_FILL = PatternFill("solid", fgColor="243B53")
LINK_FONT = Font(color="0563C1", underline="single")
LINK_TEXT = "Öppna"
FORMATS = {"date": "yyyy-mm-dd", "time": "yyyy-mm-dd hh:mm", "sek": "#,##0", "int": "0"}


@dataclass(frozen=True)
class Column:
    name: str
    width: int
    kind: str = "text"
    """text, int, sek, date, time (local wall time), link (a URL shown as LINK_TEXT)."""


def _wall_time(value: datetime | None) -> datetime | None:
    """openpyxl cannot store aware datetimes: Swedish wall time, as the reader expects."""
    return None if value is None else local(value).replace(tzinfo=None)


def set_text(cell: Cell, value: object) -> None:
    """A string cell whatever the text looks like: no formula, no number guessing."""
    cell.value = None if value is None else str(value)
    if cell.value is not None:
        cell.data_type = "s"


def _put(ws: Worksheet, row: int, columns: Sequence[Column], values: Sequence[object]) -> None:
    for i, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        cell = ws.cell(row=row, column=i)
        if value is None:
            continue
        if column.kind == "link":
            set_text(cell, LINK_TEXT)
            cell.hyperlink = str(value)
            cell.font = LINK_FONT
        elif column.kind == "time":
            cell.value = _wall_time(value)
        elif column.kind in ("int", "sek", "date") and isinstance(value, int | float | date):
            cell.value = value
        else:
            set_text(cell, value)
        if column.kind in FORMATS:
            cell.number_format = FORMATS[column.kind]


def add_sheet(wb: Workbook, title: str, columns: Sequence[Column],
              rows: Iterable[Sequence[object]]) -> Worksheet:
    ws = wb.create_sheet(title[:31])
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        set_text(cell, column.name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = column.width
    n = 1
    for n, values in enumerate(rows, start=2):
        _put(ws, n, columns, values)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(n, 1)}"
    return ws


def _org(org) -> tuple[str, str | None]:
    if org is None or not org.code:
        return labels.UNKNOWN_ORG, None
    return org.name or org.code, org.code


def _flag_codes(flags) -> str:
    return ", ".join(f"{f.code} ({labels.status(f.status).lower()})" for f in flags)


INTAKE = (Column("Inkom", 17, "time"), Column("Avsändare", 30), Column("Ämne", 30),
          Column("Bilaga", 28), Column("Dokumenttyp", 16), Column("Statsbidrag", 12),
          Column("Bidragsår", 10, "int"), Column("Organisation", 28), Column("SCB-kod", 8),
          Column("Rekvirerat", 12, "sek"), Column("Beslutat", 12, "sek"),
          Column("Erhållet", 12, "sek"), Column("Förbrukat", 12, "sek"),
          Column("Ej förbrukat", 12, "sek"), Column("Avvikelser som de står nu", 50),
          Column("Dokument", 10, "link"))
CHANGES = (Column("Tidpunkt", 17, "time"), Column("Händelse", 12), Column("Slag", 18),
           Column("Kod", 28), Column("Allvarlighet", 12), Column("Meddelande", 60),
           Column("Statsbidrag", 12), Column("Bidragsår", 10, "int"),
           Column("Organisation", 28), Column("SCB-kod", 8), Column("Av", 14),
           Column("Kommentar", 40), Column("Ärende", 10, "link"))
EXPECTED = (Column("Kod", 22), Column("Allvarlighet", 12), Column("Statsbidrag", 12),
            Column("Bidragsår", 10, "int"), Column("Organisation", 28), Column("SCB-kod", 8),
            Column("Sista dag", 12, "date"), Column("Belopp", 12, "sek"),
            Column("Meddelande", 70), Column("Ärende", 10, "link"))
UPCOMING = (Column("Sista dag", 12, "date"), Column("Dagar kvar", 10, "int"),
            Column("Statsbidrag", 12), Column("Bidragsår", 10, "int"), Column("Handling", 18),
            Column("Organisation som inte har skickat", 34), Column("SCB-kod", 8))
LEDGER_AMOUNTS = (Column("Tilldelat", 13, "sek"), Column("Rekvirerat", 13, "sek"),
                  Column("Beslutat", 13, "sek"), Column("Erhållet", 13, "sek"),
                  Column("Förbrukat", 13, "sek"), Column("Ej förbrukat", 13, "sek"),
                  Column("Återbetalt", 13, "sek"))
LEDGER = (Column("Statsbidrag", 12), Column("Bidragsår", 10, "int"), Column("Ram", 14, "sek"),
          *LEDGER_AMOUNTS)
LEDGER_ORGS = (Column("Statsbidrag", 12), Column("Bidragsår", 10, "int"),
               Column("Organisation", 28), Column("SCB-kod", 8), *LEDGER_AMOUNTS)
OPEN = (Column("Ärende", 9, "int"), Column("Inkom", 17, "time"),
        Column("Ålder (dagar)", 8, "int"), Column("Allvarlighet", 12), Column("Kod", 28),
        Column("Meddelande", 60), Column("Organisation", 28), Column("SCB-kod", 8),
        Column("Statsbidrag", 12), Column("Bidragsår", 10, "int"), Column("Dokumenttyp", 16),
        Column("Bilaga", 28), Column("Avsändare", 30), Column("Flaggad", 17, "time"),
        Column("Ärende i granskningen", 12, "link"))


def _ledger_amounts(r) -> list:
    return [r.allocated, r.requisitioned, r.decided, r.received, r.used, r.unused, r.repaid]


def render_xlsx(figures: WeeklyFigures) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    add_sheet(wb, "Inkommet", INTAKE, (
        [a.arrived, a.sender, a.subject, a.attachment, labels.document_type(a.document_type),
         a.program, a.grant_year, *_org(a.org), a.amounts.get("requested"),
         a.amounts.get("decided"), a.amounts.get("received"), a.amounts.get("used"),
         a.amounts.get("unused"), _flag_codes(a.flags), a.link]
        for a in figures.arrivals))
    add_sheet(wb, "Ändringar", CHANGES, (
        [c.at, labels.change(c.kind), labels.case_kind(c.case_kind), c.code,
         labels.severity(c.severity), c.message, c.program, c.grant_year, *_org(c.org), c.by,
         c.comment, c.link]
        for c in figures.changes))
    add_sheet(wb, "Förväntade handlingar", EXPECTED, (
        [e.expected.code, labels.severity(e.expected.severity), e.expected.program,
         e.expected.grant_year, e.expected.org.name, e.expected.org.code, e.expected.deadline,
         e.expected.amount, e.expected.message, e.link]
        for e in figures.expected))
    add_sheet(wb, "Kommande sista dagar", UPCOMING, (
        [u.deadline, u.days_left(figures.as_of_day), u.program, u.grant_year,
         labels.expected_document(u.document_type), org.name, org.code]
        for u in figures.upcoming for org in u.waiting))
    add_sheet(wb, "Ekonomi", LEDGER, (
        [r.program, r.grant_year, r.pool, *_ledger_amounts(r)] for r in figures.ledger))
    add_sheet(wb, "Ekonomi per organisation", LEDGER_ORGS, (
        [r.program, r.grant_year, *_org(r.org), *_ledger_amounts(r)]
        for r in figures.ledger_orgs))
    add_sheet(wb, "Öppna ärenden", OPEN, (
        [c.case.id, c.case.arrived, c.age_days, labels.severity(c.case.severity), c.case.code,
         c.case.message, *_org(c.case.org), c.case.program, c.case.grant_year,
         labels.document_type(c.case.document_type), c.case.attachment, c.case.sender,
         c.case.created_at, c.case.link]
        for c in figures.open_cases))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
