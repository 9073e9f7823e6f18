"""Expected documents on file: the facts the rules need, and the cases they become.

``refresh_expectations`` is the one way an expectation's case changes by itself: it gathers
the facts, runs the pure rules (validators.rules.expected) as of a day and brings the
``expectations`` table in line: new ones open, open ones no longer raised are resolved by
"system" (the document arrived), ones the system resolved open again when raised again. A
case a person closed (dismissed, or a repayment marked) stays closed unless its amount changes.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from config.programs import ProgramCatalog
from storage.models import Allocation, AuditEntry, Document, ExpectationRow
from validators.expected import ExpectationFacts, Expected, FiledDocument, Org, Repayment
from validators.model import AllocationRow
from validators.rules.expected import expect
from validators.swedish import stockholm_date

log = logging.getLogger(__name__)
SYSTEM = "system"
EXPECTATION_STATUSES = ("open", "resolved", "dismissed")
RESOLVED_COMMENT = {
    "MISSING_REQUISITION": "Rekvisitionen har kommit in.",
    "MISSING_REPORT": "Återrapporteringen har kommit in.",
    "REPAYMENT_DUE": "Inget belopp att betala tillbaka längre.",
}
NO_LONGER_EXPECTED = "Förväntas inte längre (tilldelningen eller rekvisitionen finns inte kvar)."
EXPECTED_TYPE = {"MISSING_REQUISITION": "requisition", "MISSING_REPORT": "return_report"}


def amount_value(amounts: object, key: str) -> int | None:
    """``amounts[key]`` as stored ({"value": n, "unit": u} or a bare number), in kronor."""
    if not isinstance(amounts, dict):
        return None
    value = amounts.get(key)
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return round(value)


def arrival(doc: Document) -> datetime:
    """When a document came in: the mail's delivery time, else when it was registered."""
    return doc.received_at or doc.message.received_at or doc.created_at


def filed_documents(session: Session) -> list[FiledDocument]:
    """Readable requisitions and return reports with a program-year and an organisation."""
    docs = session.scalars(
        select(Document).options(joinedload(Document.message))
        .where(Document.document_type.in_(("requisition", "return_report")),
               Document.status == "processed", Document.program.is_not(None),
               Document.grant_year.is_not(None), Document.org_code.is_not(None))
        .order_by(Document.id))
    return [
        FiledDocument(d.id, d.document_type, d.program, d.grant_year,
                      Org(d.org_code, d.org_kind or Org.from_code(d.org_code, "").kind,
                          d.org_name or d.org_code),
                      stockholm_date(arrival(d)), amount_value(d.amounts, "unused"))
        for d in docs
    ]


def expectation_facts(session: Session, programs: ProgramCatalog) -> ExpectationFacts:
    allocations = [
        AllocationRow(a.program, a.grant_year, a.recipient_code, a.recipient_name, a.amount_sek,
                      a.municipal_share_min_percent)
        for a in session.scalars(select(Allocation).order_by(Allocation.id))
    ]
    repayments = [
        Repayment(r.program, r.grant_year, r.org_code, r.repaid_amount, r.repaid_on)
        for r in session.scalars(select(ExpectationRow).where(
            ExpectationRow.code == "REPAYMENT_DUE", ExpectationRow.repaid_amount.is_not(None),
            ExpectationRow.repaid_on.is_not(None)))
    ]
    return ExpectationFacts(programs, allocations, filed_documents(session), repayments)


def dismissed_keys(session: Session) -> set[tuple[str, str, int, str]]:
    """Expectations a person dismissed: not expected of that organisation after all."""
    rows = session.execute(select(
        ExpectationRow.code, ExpectationRow.program, ExpectationRow.grant_year,
        ExpectationRow.org_code).where(ExpectationRow.status == "dismissed"))
    return {tuple(r) for r in rows}


def open_expectations(session: Session, programs: ProgramCatalog, as_of: date) -> list[Expected]:
    """What the rules find open at the end of ``as_of``, less what a person dismissed."""
    dismissed = dismissed_keys(session)
    return [e for e in expect(expectation_facts(session, programs), as_of)
            if e.key not in dismissed]


@dataclass
class SyncSummary:
    opened: int = 0
    resolved: int = 0
    reopened: int = 0


def _row_key(row: ExpectationRow) -> tuple[str, str, int, str]:
    return (row.code, row.program, row.grant_year, row.org_code)


def _audit(session: Session, row: ExpectationRow, action: str, old: str | None, new: str,
           actor: str = SYSTEM, comment: str | None = None, field: str = "status") -> None:
    session.add(AuditEntry(actor=actor, action=action, entity="expectation",
                           entity_id=str(row.id), field=field, old_value=old, new_value=new,
                           comment=comment))


def _why_resolved(facts: ExpectationFacts | None, as_of: date):
    """The comment for a case the system resolves: the document came, or it is not expected
    of that organisation any more."""

    def why(row: ExpectationRow) -> str:
        document_type = EXPECTED_TYPE.get(row.code)
        if facts is None or document_type is None or (
                row.program, row.grant_year, row.org_code) in facts.senders(document_type, as_of):
            return RESOLVED_COMMENT[row.code]
        return NO_LONGER_EXPECTED

    return why


def sync_expectations(session: Session, expected: list[Expected], now: datetime | None = None,
                      facts: ExpectationFacts | None = None) -> SyncSummary:
    """Bring the table in line with ``expected`` (the rules' findings as of today, from
    ``facts``); no commit."""
    now = now or datetime.now(UTC)
    why = _why_resolved(facts, today_in_sweden(now))
    summary = SyncSummary()
    wanted = {e.key: e for e in expected}
    rows = {_row_key(r): r for r in session.scalars(select(ExpectationRow))}
    for key, row in rows.items():
        found = wanted.get(key)
        if found is None:
            if row.status == "open":
                row.status, row.resolved_by, row.resolved_at = "resolved", SYSTEM, now
                row.comment = why(row)
                session.flush()
                _audit(session, row, "expectation_auto_resolved", "open", "resolved")
                summary.resolved += 1
            continue
        closed_by_person = row.status != "open" and row.resolved_by != SYSTEM
        if closed_by_person and found.amount == row.amount:
            continue
        if row.status != "open":
            _audit(session, row, "expectation_reopened", row.status, "open")
            row.status, row.resolved_by, row.resolved_at, row.comment = "open", None, None, None
            summary.reopened += 1
        row.message, row.details, row.severity = found.message, found.details, found.severity
        row.deadline, row.amount, row.org_name = found.deadline, found.amount, found.org.name
    for key, found in wanted.items():
        if key in rows:
            continue
        row = ExpectationRow(
            code=found.code, severity=found.severity, program=found.program,
            grant_year=found.grant_year, org_code=found.org.code, org_kind=found.org.kind,
            org_name=found.org.name, deadline=found.deadline, amount=found.amount,
            message=found.message, details=found.details, status="open", created_at=now)
        session.add(row)
        summary.opened += 1
    return summary


def today_in_sweden(now: datetime | None = None) -> date:
    return stockholm_date(now or datetime.now(UTC))


def refresh_expectations(session: Session, programs: ProgramCatalog,
                         now: datetime | None = None) -> SyncSummary:
    """Run the expectation rules as of today in Sweden and update the cases; no commit."""
    now = now or datetime.now(UTC)
    facts = expectation_facts(session, programs)
    return sync_expectations(session, expect(facts, today_in_sweden(now)), now, facts)


@dataclass
class ExpectationFilter:
    status: str | None = "open"
    code: str | None = None
    program: str | None = None
    grant_year: int | None = None
    programs: tuple[str, ...] | None = None
    """Only these programs (a report recipient's subscription); None for all."""


def list_expectations(session: Session, f: ExpectationFilter | None = None) -> list[ExpectationRow]:
    """Expectation cases, by deadline (the longest overdue first), then organisation."""
    f = f or ExpectationFilter()
    stmt = select(ExpectationRow)
    if f.status:
        stmt = stmt.where(ExpectationRow.status == f.status)
    if f.code:
        stmt = stmt.where(ExpectationRow.code == f.code)
    if f.program:
        stmt = stmt.where(ExpectationRow.program == f.program)
    if f.grant_year:
        stmt = stmt.where(ExpectationRow.grant_year == f.grant_year)
    if f.programs is not None:
        stmt = stmt.where(ExpectationRow.program.in_(f.programs))
    stmt = stmt.order_by(ExpectationRow.code, ExpectationRow.deadline, ExpectationRow.program,
                         ExpectationRow.grant_year, ExpectationRow.org_name, ExpectationRow.id)
    return list(session.scalars(stmt))


class ExpectationError(ValueError):
    """A person's change cannot be made; the message is Swedish, for the page."""


def mark_repaid(session: Session, row: ExpectationRow, amount: int, paid_on: date, comment: str,
                actor: str, now: datetime | None = None) -> None:
    """Record a repayment received; the case is resolved once everything is paid back."""
    now = now or datetime.now(UTC)
    if row.code != "REPAYMENT_DUE":
        raise ExpectationError("Bara en återbetalning kan registreras som mottagen.")
    if row.status != "open":
        raise ExpectationError("Ärendet är redan avslutat.")
    if amount <= 0:
        raise ExpectationError("Beloppet ska vara större än 0 kr.")
    before = row.repaid_amount or 0
    row.repaid_amount = before + amount
    row.repaid_on = max(paid_on, row.repaid_on) if row.repaid_on else paid_on
    row.comment = comment
    _audit(session, row, "repayment_received", str(before), str(row.repaid_amount), actor,
           f"{amount} kr {paid_on.isoformat()}: {comment}", field="repaid_amount")
    if row.amount is None or row.repaid_amount >= row.amount:
        row.status, row.resolved_by, row.resolved_at = "resolved", actor, now
        _audit(session, row, "expectation_resolve", "open", "resolved", actor, comment)


def dismiss_expectation(session: Session, row: ExpectationRow, comment: str, actor: str,
                        now: datetime | None = None) -> None:
    """Not expected after all (the organisation declined the grant, say); needs a comment."""
    if row.status != "open":
        raise ExpectationError("Ärendet är redan avslutat.")
    row.status, row.comment = "dismissed", comment
    row.resolved_by, row.resolved_at = actor, now or datetime.now(UTC)
    _audit(session, row, "expectation_dismiss", "open", "dismissed", actor, comment)


def expectation_record(row: ExpectationRow) -> dict:
    """One expectation case as the desk's JSON and the report's spreadsheet carry it."""
    return {
        "id": row.id, "code": row.code, "severity": row.severity, "program": row.program,
        "grant_year": row.grant_year,
        "organisation": {"name": row.org_name, "kind": row.org_kind, "code": row.org_code},
        "deadline": row.deadline.isoformat() if row.deadline else None, "amount": row.amount,
        "message": row.message, "status": row.status, "comment": row.comment,
        "resolved_by": row.resolved_by, "repaid_amount": row.repaid_amount,
        "repaid_on": row.repaid_on.isoformat() if row.repaid_on else None,
    }
