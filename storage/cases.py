"""Cases: the flags that staff work through, with the filters the review desk and reports use."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from storage.models import Document, FlagRow

STATUSES = ("open", "resolved", "dismissed")
LOCAL_TZ = ZoneInfo("Europe/Stockholm")


def local_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


@dataclass
class CaseFilter:
    status: str | None = "open"
    """open, resolved, dismissed, or None for all."""
    severity: str | None = None
    code: str | None = None
    program: str | None = None
    grant_year: int | None = None
    org_code: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    """Inclusive, local dates (Europe/Stockholm)."""
    created_from: datetime | None = None
    created_to: datetime | None = None
    """Half-open: created_from <= created_at < created_to."""


def _filtered(stmt: Select, f: CaseFilter, with_status: bool = True) -> Select:
    stmt = stmt.join(FlagRow.document)
    if with_status and f.status:
        stmt = stmt.where(FlagRow.status == f.status)
    if f.severity:
        stmt = stmt.where(FlagRow.severity == f.severity)
    if f.code:
        stmt = stmt.where(FlagRow.code == f.code)
    if f.program:
        stmt = stmt.where(Document.program == f.program)
    if f.grant_year:
        stmt = stmt.where(Document.grant_year == f.grant_year)
    if f.org_code:
        stmt = stmt.where(Document.org_code == f.org_code)
    if f.received_from:
        stmt = stmt.where(Document.received_at >= local_day_start(f.received_from))
    if f.received_to:
        stmt = stmt.where(Document.received_at < local_day_start(f.received_to + timedelta(days=1)))
    if f.created_from:
        stmt = stmt.where(FlagRow.created_at >= f.created_from)
    if f.created_to:
        stmt = stmt.where(FlagRow.created_at < f.created_to)
    return stmt


def list_cases(session: Session, f: CaseFilter | None = None, newest_first: bool = False) -> list[FlagRow]:
    """Flags matching ``f``, oldest received first (the order a person works through them)."""
    f = f or CaseFilter()
    order = (Document.received_at.desc(), FlagRow.id.desc()) if newest_first else (
        Document.received_at.asc(), FlagRow.id.asc())
    stmt = _filtered(select(FlagRow), f).options(
        joinedload(FlagRow.document).joinedload(Document.message)
    ).order_by(*order)
    return list(session.scalars(stmt).unique())


def case_counts(session: Session, f: CaseFilter | None = None) -> dict[str, int]:
    """Number of cases per status under the other filters of ``f``."""
    f = f or CaseFilter()
    stmt = _filtered(select(FlagRow.status, func.count(FlagRow.id)), f, with_status=False)
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: n for status, n in session.execute(stmt.group_by(FlagRow.status))})
    return counts


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(LOCAL_TZ).isoformat() if value else None


def case_record(flag: FlagRow) -> dict:
    """One case as `grant-intake cases list --json` prints it."""
    doc = flag.document
    return {
        "id": flag.id,
        "document_id": doc.id,
        "code": flag.code,
        "severity": flag.severity,
        "message": flag.message,
        "status": flag.status,
        "comment": flag.comment,
        "resolved_by": flag.resolved_by,
        "created_at": _iso(flag.created_at),
        "resolved_at": _iso(flag.resolved_at),
        "received": _iso(doc.received_at),
        "document_type": doc.document_type,
        "program": doc.program,
        "grant_year": doc.grant_year,
        "organisation": (
            {"name": doc.org_name, "kind": doc.org_kind, "code": doc.org_code} if doc.org_code else None
        ),
        "attachment": doc.filename,
        "details": flag.details,
    }
