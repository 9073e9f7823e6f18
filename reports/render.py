"""The report as HTML (mail body or file), plain text, PDF (WeasyPrint) and XLSX (openpyxl)."""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reports import labels
from reports.chart import flags_chart_png
from reports.figures import WeeklyFigures
from reports.week import local
from validators.codes import RULE_TEXT
from validators.swedish import format_date

CHART_CID = "flaggor-per-vecka"
MAIL_OPEN_LIMIT = 100
"""Open cases listed in the mail body; the XLSX and the PDF carry all of them."""

_CELL = "padding:5px 8px; border-bottom:1px solid #d9e2ec; vertical-align:top; font-size:13px;"
_BADGE = "display:inline-block; padding:1px 6px; border-radius:3px; font-size:11px; color:#ffffff;"
CSS = {
    "page": "width:100%; max-width:760px; font-family:Arial, Helvetica, sans-serif; "
            "font-size:14px; line-height:1.4; color:#1f2933;",
    "h1": "margin:0 0 4px 0; font-size:20px; color:#102a43;",
    "h2": "margin:20px 0 6px 0; font-size:16px; color:#102a43; border-bottom:2px solid #243b53; "
          "padding-bottom:2px;",
    "meta": "margin:0 0 8px 0; font-size:12px; color:#52606d;",
    "p": "margin:4px 0; font-size:14px;",
    "small": "font-size:11px; color:#52606d;",
    "code": "font-family:Consolas, 'Courier New', monospace; font-size:12px;",
    "empty": "margin:16px 0; padding:12px; background:#e3f9e5; border:1px solid #57ae5b; "
             "font-size:15px;",
    "kpi": "padding:8px 14px; margin-right:8px; background:#f0f4f8; border:1px solid #d9e2ec; "
           "font-size:12px; color:#334e68; text-align:center;",
    "kpi_value": "font-size:22px; font-weight:bold; color:#102a43;",
    "table": "width:100%; border-collapse:collapse; margin:4px 0 8px 0;",
    "th": "padding:5px 8px; background:#243b53; color:#ffffff; font-size:12px; text-align:left;",
    "th_num": "padding:5px 8px; background:#243b53; color:#ffffff; font-size:12px; "
              "text-align:right;",
    "td": _CELL,
    "td_num": _CELL + " text-align:right; white-space:nowrap;",
    "td_code": _CELL + " font-family:Consolas, 'Courier New', monospace; font-size:12px;",
    "td_warn": _CELL + " color:#a61b1b; font-weight:bold;",
    "td_warn_num": _CELL + " text-align:right; white-space:nowrap; color:#a61b1b; "
                   "font-weight:bold;",
    "td_total": _CELL + " font-weight:bold; background:#f0f4f8;",
    "td_total_num": _CELL + " font-weight:bold; background:#f0f4f8; text-align:right;",
    "footer": "margin:24px 0 0 0; font-size:11px; color:#52606d;",
    "badge": {
        "error": _BADGE + " background:#c0392b;",
        "warning": _BADGE + " background:#b7791f;",
        "review": _BADGE + " background:#3b6fd8;",
        "info": _BADGE + " background:#7b8794;",
    },
}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
    )
    env.filters.update(
        day=labels.day, long_day=format_date, moment=labels.moment, sek=labels.sek,
        percent=labels.percent, digits=labels.group_digits, doctype=labels.document_type,
        severity=labels.severity,
        status=labels.status, rule=lambda code: RULE_TEXT.get(code, ""),
        program=lambda p: p or labels.NO_PROGRAM,
    )
    return env


_ENV = _environment()


def title(figures: WeeklyFigures) -> str:
    return f"Veckorapport statsbidrag vecka {figures.week.week} {figures.week.year}"


def _context(figures: WeeklyFigures, generated: datetime, open_limit: int | None) -> dict:
    shown = figures.open_cases if open_limit is None else figures.open_cases[:open_limit]
    return {"figures": figures, "title": title(figures), "generated": generated, "css": CSS,
            "shown_open": shown}


def render_html(figures: WeeklyFigures, chart_src: str, *, generated: datetime,
                pdf: bool = False, open_limit: int | None = None) -> str:
    """``chart_src`` is ``cid:...`` in a mail, a ``data:`` URI in a file or the PDF."""
    context = _context(figures, generated, open_limit)
    return _ENV.get_template("weekly.html").render(chart_src=chart_src, pdf=pdf, **context)


def render_text(figures: WeeklyFigures, *, generated: datetime,
                open_limit: int | None = MAIL_OPEN_LIMIT) -> str:
    return _ENV.get_template("weekly.txt").render(**_context(figures, generated, open_limit))


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_pdf(figures: WeeklyFigures, chart_png: bytes, *, generated: datetime) -> bytes:
    from weasyprint import HTML

    html = render_html(figures, data_uri(chart_png), generated=generated, pdf=True)
    return HTML(string=html).write_pdf()


XLSX_COLUMNS = (
    ("Ärende", 9), ("Inkom", 12), ("Ålder (dagar)", 8), ("Allvarlighet", 12), ("Kod", 28),
    ("Meddelande", 60), ("Organisation", 28), ("Org.kod", 8), ("Program", 12), ("Bidragsår", 10),
    ("Dokumenttyp", 16), ("Bilaga", 28), ("Dokument", 10), ("Flaggad", 17),
)


def _xlsx_time(value: str | None) -> datetime | None:
    """openpyxl cannot store aware datetimes: local wall time, as the reader expects."""
    return None if value is None else local(datetime.fromisoformat(value)).replace(tzinfo=None)


def render_xlsx(figures: WeeklyFigures) -> bytes:
    """One row per open flag, oldest first, with the header frozen and filters on."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"Öppna avvikelser {figures.week}"
    ws.append([name for name, _ in XLSX_COLUMNS])
    for c in figures.open_cases:
        r = c.record
        org = r["organisation"] or {}
        received = _xlsx_time(r["received"])
        ws.append([
            r["id"], received.date() if received else None, c.age_days,
            labels.severity(r["severity"]), r["code"], r["message"], org.get("name"),
            org.get("code"), r["program"], r["grant_year"],
            labels.document_type(r["document_type"]), r["attachment"], r["document_id"],
            _xlsx_time(r["created_at"]),
        ])
    header_fill = PatternFill("solid", fgColor="243B53")
    for i, (_, width) in enumerate(XLSX_COLUMNS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"
    for row in ws.iter_rows(min_row=2, min_col=14, max_col=14):
        row[0].number_format = "yyyy-mm-dd hh:mm"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(XLSX_COLUMNS))}{max(ws.max_row, 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass(frozen=True)
class RenderedReport:
    """Everything a delivery or a file export needs, rendered once."""

    figures: WeeklyFigures
    subject: str
    text: str
    mail_html: str
    chart_png: bytes
    pdf: bytes
    xlsx: bytes
    generated: datetime

    @property
    def basename(self) -> str:
        return f"veckorapport-{self.figures.week}"


def subject(figures: WeeklyFigures) -> str:
    if figures.is_empty:
        return f"{title(figures)}: inga avvikelser"
    return (f"{title(figures)}: {figures.new_flags_total} nya avvikelser, "
            f"{len(figures.open_cases)} öppna ärenden")


def render_report(figures: WeeklyFigures, generated: datetime | None = None,
                  mail_open_limit: int = MAIL_OPEN_LIMIT) -> RenderedReport:
    generated = generated or datetime.now(UTC)
    chart = flags_chart_png(figures.flags_per_week)
    return RenderedReport(
        figures=figures,
        subject=subject(figures),
        text=render_text(figures, generated=generated, open_limit=mail_open_limit),
        mail_html=render_html(figures, f"cid:{CHART_CID}", generated=generated,
                              open_limit=mail_open_limit),
        chart_png=chart,
        pdf=render_pdf(figures, chart, generated=generated),
        xlsx=render_xlsx(figures),
        generated=generated,
    )


def write_files(report: RenderedReport, out_dir: Path) -> list[Path]:
    """``<out>/veckorapport-2024-W14.{html,pdf,xlsx}``; the HTML file carries its chart inline."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html = render_html(report.figures, data_uri(report.chart_png), generated=report.generated)
    paths = [out_dir / f"{report.basename}.{ext}" for ext in ("html", "pdf", "xlsx")]
    paths[0].write_text(html, encoding="utf-8")
    paths[1].write_bytes(report.pdf)
    paths[2].write_bytes(report.xlsx)
    return paths
