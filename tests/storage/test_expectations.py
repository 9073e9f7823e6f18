"""Expectation cases kept in line with the rules, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from config.programs import default_programs
from storage.expectations import (
    dismiss_expectation,
    mark_repaid,
    open_expectations,
    refresh_expectations,
)
from storage.models import Allocation, AuditEntry, ExpectationRow
from tests.reports.seed import GOTLAND, OREBRO, add_document

PROGRAMS = default_programs()
AFTER_DEADLINE = datetime(2024, 4, 6, 8, 0, tzinfo=UTC)
ON_DEADLINE = datetime(2024, 4, 5, 20, 0, tzinfo=UTC)


def _rows(session) -> dict[tuple[str, str], ExpectationRow]:
    return {(r.code, r.org_code): r for r in session.scalars(select(ExpectationRow))}


def _allocate(session, *orgs) -> None:
    for code, _, name in orgs:
        session.add(Allocation(program="hembesok", grant_year=2024, recipient_code=code,
                               recipient_name=name, amount_sek=800_000))


def test_opened_after_the_deadline_and_resolved_when_the_requisition_arrives(session_factory):
    with session_factory() as session, session.begin():
        _allocate(session, GOTLAND, OREBRO)
        add_document(session, "2024-03-21 09:03", org=GOTLAND)
        assert refresh_expectations(session, PROGRAMS, ON_DEADLINE).opened == 0
        summary = refresh_expectations(session, PROGRAMS, AFTER_DEADLINE)
        assert (summary.opened, summary.resolved) == (1, 0)
    with session_factory() as session, session.begin():
        orebro = _rows(session)[("MISSING_REQUISITION", "18")]
        assert (orebro.status, orebro.deadline) == ("open", date(2024, 4, 5))
        assert orebro.org_name == "Region Örebro län"
        add_document(session, "2024-04-12 10:00", org=OREBRO)
        session.flush()
        assert refresh_expectations(session, PROGRAMS, AFTER_DEADLINE).resolved == 0
        assert refresh_expectations(session, PROGRAMS,
                                    datetime(2024, 4, 12, 12, 0, tzinfo=UTC)).resolved == 1
    with session_factory() as session:
        orebro = _rows(session)[("MISSING_REQUISITION", "18")]
        assert (orebro.status, orebro.resolved_by) == ("resolved", "system")
        assert session.scalar(select(AuditEntry).where(
            AuditEntry.action == "expectation_auto_resolved")).entity_id == str(orebro.id)


def test_a_system_resolved_case_opens_again_when_its_condition_returns(session_factory):
    with session_factory() as session, session.begin():
        _allocate(session, OREBRO)
        doc = add_document(session, "2024-03-12 10:00", org=OREBRO)
        refresh_expectations(session, PROGRAMS, AFTER_DEADLINE)
        doc.document_type = "decision"
        session.flush()
        refresh_expectations(session, PROGRAMS, datetime(2024, 4, 13, tzinfo=UTC))
    with session_factory() as session, session.begin():
        row = _rows(session)[("MISSING_REQUISITION", "18")]
        assert row.status == "open"
        doc = session.get(type(doc), doc.id)
        doc.document_type = "requisition"
        session.flush()
        summary = refresh_expectations(session, PROGRAMS, datetime(2024, 4, 14, tzinfo=UTC))
        assert summary.resolved == 1
        doc.document_type = "decision"
        session.flush()
        assert refresh_expectations(session, PROGRAMS,
                                    datetime(2024, 4, 15, tzinfo=UTC)).reopened == 1
    with session_factory() as session:
        assert _rows(session)[("MISSING_REQUISITION", "18")].status == "open"
        assert session.scalar(select(AuditEntry).where(
            AuditEntry.action == "expectation_reopened")) is not None


def test_an_allocation_removed_is_no_longer_expected_and_says_so(session_factory):
    with session_factory() as session, session.begin():
        _allocate(session, OREBRO)
        refresh_expectations(session, PROGRAMS, AFTER_DEADLINE)
        session.query(Allocation).delete()
        assert refresh_expectations(session, PROGRAMS, AFTER_DEADLINE).resolved == 1
        row = _rows(session)[("MISSING_REQUISITION", "18")]
        assert row.comment.startswith("Förväntas inte längre")


def test_a_dismissed_case_stays_dismissed_and_is_not_listed(session_factory):
    with session_factory() as session, session.begin():
        _allocate(session, OREBRO)
        refresh_expectations(session, PROGRAMS, AFTER_DEADLINE)
        row = _rows(session)[("MISSING_REQUISITION", "18")]
        dismiss_expectation(session, row, "Avstår bidraget", "hanna")
        refresh_expectations(session, PROGRAMS, AFTER_DEADLINE)
        assert row.status == "dismissed"
        assert open_expectations(session, PROGRAMS, date(2024, 4, 6)) == []


def test_repayment_marked_then_a_new_report_with_more_unused_reopens_it(session_factory):
    with session_factory() as session, session.begin():
        report = add_document(session, "2024-02-20 09:00", document_type="return_report",
                              grant_year=2023, org=OREBRO)
        report.amounts = {"unused": {"value": 49_000, "unit": 1}}
        refresh_expectations(session, PROGRAMS, AFTER_DEADLINE)
        row = _rows(session)[("REPAYMENT_DUE", "18")]
        assert (row.amount, row.severity, row.deadline) == (49_000, "info", None)
        mark_repaid(session, row, 49_000, date(2024, 3, 1), "Inbetalt", "hanna")
        refresh_expectations(session, PROGRAMS, AFTER_DEADLINE)
        assert (row.status, row.resolved_by) == ("resolved", "hanna")
        later = add_document(session, "2024-03-10 09:00", document_type="return_report",
                             grant_year=2023, org=OREBRO)
        later.amounts = {"unused": {"value": 60_000, "unit": 1}}
        session.flush()
        refresh_expectations(session, PROGRAMS, AFTER_DEADLINE)
        assert (row.status, row.amount) == ("open", 60_000)
        assert "11 000 kr kvar" in row.message.replace("\xa0", " ")
