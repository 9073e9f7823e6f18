"""Lateness: the day a document arrived, in Sweden, against the program-year's deadline."""
from __future__ import annotations

from datetime import date

from extractors.model import Extraction
from validators.codes import make_flag
from validators.lookup import program_year
from validators.model import Context, Flag
from validators.swedish import document_noun, format_date, stockholm_date


def _late(code: str, doc: Extraction, ctx: Context, deadline: date | None) -> list[Flag]:
    """Deadlines are inclusive: a document that arrives on the deadline day is on time."""
    if deadline is None or ctx.received is None:
        return []
    arrived = stockholm_date(ctx.received)
    if arrived <= deadline:
        return []
    message = (
        f"{document_noun(doc.document_type)} kom in {format_date(arrived)}, "
        f"efter sista dag {format_date(deadline)}"
    )
    details = {"received_on": arrived, "deadline": deadline, "days_late": (arrived - deadline).days}
    return [make_flag(code, message, **details)]


def late_requisition(doc: Extraction, ctx: Context) -> list[Flag]:
    py = program_year(doc, ctx)
    if doc.document_type != "requisition" or py is None:
        return []
    return _late("LATE_REQUISITION", doc, ctx, py.requisition_deadline)


def late_report(doc: Extraction, ctx: Context) -> list[Flag]:
    py = program_year(doc, ctx)
    if doc.document_type != "return_report" or py is None:
        return []
    return _late("LATE_REPORT", doc, ctx, py.report_deadline)
