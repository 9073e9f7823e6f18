"""The report as HTML (mail body or file), plain text, PDF/A (WeasyPrint) and XLSX (openpyxl),
each rendered from the one WeeklyFigures value."""
from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from reports import labels
from reports.chart import empty_text, flags_chart_png
from reports.figures import WeeklyFigures
from reports.spreadsheet import render_xlsx
from validators.swedish import format_date

CHART_CID = "flaggor-per-vecka"
MAIL_LIST_LIMIT = 100
"""Rows of a long list (open cases, changes) in the mail body; the XLSX and the PDF carry all."""
PDF_VARIANT = "pdf/a-2b"
"""PDF/A-2b for the diarium: fonts embedded, an sRGB output intent, XMP identification."""

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
    "link": "color:#0b5cad; text-decoration:underline;",
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
        severity=labels.severity, status=labels.status, change=labels.change,
        case_kind=labels.case_kind, expected_document=labels.expected_document,
        rule=labels.rule, program=labels.program, age=labels.age, days=labels.days,
    )
    return env


_ENV = _environment()


def title(figures: WeeklyFigures) -> str:
    return f"Veckorapport statsbidrag vecka {figures.week.week} {figures.week.year}"


def nothing_new_line(figures: WeeklyFigures) -> str:
    return (f"Inget nytt vecka {figures.week.week}: inga handlingar kom in och inga ärenden "
            "ändrades.")


def _context(figures: WeeklyFigures, generated: datetime, limit: int | None) -> dict:
    def cut(items: list) -> list:
        return items if limit is None else items[:limit]

    return {"figures": figures, "title": title(figures), "generated": generated, "css": CSS,
            "shown_open": cut(figures.open_cases), "shown_changes": cut(figures.changes),
            "nothing_new": nothing_new_line(figures),
            "chart_empty": empty_text(figures.flags_per_week)
            if not any(b.total for b in figures.flags_per_week) else None}


def render_html(figures: WeeklyFigures, chart_src: str, *, generated: datetime,
                pdf: bool = False, limit: int | None = None) -> str:
    """``chart_src`` is ``cid:...`` in a mail, a ``data:`` URI in a file or the PDF."""
    context = _context(figures, generated, limit)
    return _ENV.get_template("weekly.html").render(chart_src=chart_src, pdf=pdf, **context)


def render_text(figures: WeeklyFigures, *, generated: datetime,
                limit: int | None = MAIL_LIST_LIMIT) -> str:
    return _ENV.get_template("weekly.txt").render(**_context(figures, generated, limit))


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_pdf(figures: WeeklyFigures, chart_png: bytes, *, generated: datetime) -> bytes:
    from weasyprint import HTML

    html = render_html(figures, data_uri(chart_png), generated=generated, pdf=True)
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)


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
    if figures.nothing_new:
        return f"{title(figures)}: inget nytt"
    parts = (labels.counted(figures.intake_total, "inkommen handling", "inkomna handlingar"),
             labels.counted(figures.new_flags_total, "ny avvikelse", "nya avvikelser"),
             labels.counted(len(figures.open_cases), "öppet ärende", "öppna ärenden"))
    return f"{title(figures)}: {', '.join(parts)}"


def render_report(figures: WeeklyFigures, generated: datetime | None = None,
                  mail_limit: int = MAIL_LIST_LIMIT) -> RenderedReport:
    generated = generated or datetime.now(UTC)
    chart = flags_chart_png(figures.flags_per_week)
    return RenderedReport(
        figures=figures,
        subject=subject(figures),
        text=render_text(figures, generated=generated, limit=mail_limit),
        mail_html=render_html(figures, f"cid:{CHART_CID}", generated=generated,
                              limit=mail_limit),
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
