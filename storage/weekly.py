"""The database queries behind the weekly report, over one half-open window of time.

Each returns stored rows (documents, flags, audit entries, expectation cases) with what the
report reads from them loaded; reports.figures turns them into the report's one value.
Arrival is the mail's delivery time (the document's registration when unknown), never when a
check ran.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import AuditEntry, Document, ExpectationRow, FlagRow, Message

LEDGER_TYPES = ("requisition", "decision", "return_report")


def arrived_at() -> ColumnElement[datetime]:
    """When a document came in: the message's delivery time, else when it was registered."""
    return func.coalesce(Message.received_at, Document.received_at, Document.created_at)


def _with_message(stmt):
    return stmt.join(Document.message).options(joinedload(Document.message))


def documents_arrived(session: Session, start: datetime, end: datetime) -> list[Document]:
    """Documents whose mail arrived in [start, end), with their flags as they stand."""
    arrived = arrived_at()
    stmt = _with_message(select(Document)).options(selectinload(Document.flags)).where(
        arrived >= start, arrived < end).order_by(arrived, Document.id)
    return list(session.scalars(stmt).unique())


def _flags(session: Session, *conditions: ColumnElement[bool]) -> list[FlagRow]:
    arrived = arrived_at()
    stmt = (select(FlagRow).join(FlagRow.document).join(Document.message)
            .options(joinedload(FlagRow.document).joinedload(Document.message))
            .where(*conditions).order_by(arrived, FlagRow.id))
    return list(session.scalars(stmt).unique())


def flags_raised(session: Session, start: datetime, end: datetime) -> list[FlagRow]:
    """Flags the checks raised in [start, end), on new mail or old (a correction, a recheck)."""
    return _flags(session, FlagRow.created_at >= start, FlagRow.created_at < end)


def flags_closed(session: Session, start: datetime, end: datetime) -> list[FlagRow]:
    """Flags resolved or dismissed in [start, end) that are still closed."""
    return _flags(session, FlagRow.status != "open", FlagRow.resolved_at >= start,
                  FlagRow.resolved_at < end)


def open_flags(session: Session, before: datetime) -> list[FlagRow]:
    """Flags open now on documents that arrived before ``before``, the oldest mail first."""
    return _flags(session, FlagRow.status == "open", arrived_at() < before)


def flags_on_arrivals(session: Session, start: datetime, end: datetime) -> list[FlagRow]:
    """Every flag, whatever its status, on documents that arrived in [start, end)."""
    arrived = arrived_at()
    return _flags(session, arrived >= start, arrived < end)


def reopenings(session: Session, entity: str, start: datetime,
               end: datetime) -> list[AuditEntry]:
    """Audit entries of ``entity`` rows ("flag", "expectation") set open again in [start, end)."""
    stmt = select(AuditEntry).where(
        AuditEntry.entity == entity, AuditEntry.field == "status",
        AuditEntry.new_value == "open", AuditEntry.old_value.is_not(None),
        AuditEntry.at >= start, AuditEntry.at < end).order_by(AuditEntry.at, AuditEntry.id)
    return list(session.scalars(stmt))


def flags_by_id(session: Session, ids: list[int]) -> dict[int, FlagRow]:
    if not ids:
        return {}
    return {f.id: f for f in _flags(session, FlagRow.id.in_(ids))}


def expectation_changes(session: Session, start: datetime,
                        end: datetime) -> list[ExpectationRow]:
    """Expectation cases opened, or closed (and still closed), in [start, end)."""
    stmt = select(ExpectationRow).where(or_(
        and_(ExpectationRow.created_at >= start, ExpectationRow.created_at < end),
        and_(ExpectationRow.status != "open", ExpectationRow.resolved_at >= start,
             ExpectationRow.resolved_at < end),
    )).order_by(ExpectationRow.id)
    return list(session.scalars(stmt))


def expectations_by_id(session: Session, ids: list[int]) -> dict[int, ExpectationRow]:
    if not ids:
        return {}
    return {r.id: r for r in session.scalars(
        select(ExpectationRow).where(ExpectationRow.id.in_(ids)))}


def expectation_rows(session: Session) -> list[ExpectationRow]:
    return list(session.scalars(select(ExpectationRow).order_by(ExpectationRow.id)))


def ledger_documents(session: Session, before: datetime) -> list[Document]:
    """Readable requisitions, decisions and return reports with a program-year, arrived before
    ``before``, in arrival order."""
    arrived = arrived_at()
    stmt = _with_message(select(Document)).where(
        Document.document_type.in_(LEDGER_TYPES), Document.status == "processed",
        Document.program.is_not(None), Document.grant_year.is_not(None),
        arrived < before).order_by(arrived, Document.id)
    return list(session.scalars(stmt).unique())
