"""The report's figures from a seeded database, on SQLite and PostgreSQL: what arrived, what
changed, the ledger, open cases, the chart."""
from __future__ import annotations

from datetime import date

import pytest

from reports.figures import collect_figures
from reports.week import IsoWeek
from storage.models import AuditEntry, ExpectationRow
from tests.reports.conftest import REPORT_TIME
from tests.reports.seed import GOTLAND, add_document, add_flag, at, seed_week

W14 = IsoWeek(2024, 14)


@pytest.fixture
def seeded(session_factory):
    with session_factory() as session, session.begin():
        seed_week(session)
    return session_factory


def _figures(factory, scope=None, week=W14):
    with factory() as session:
        return collect_figures(session, week, scope, REPORT_TIME)


def test_intake_counts_documents_by_arrival_in_the_local_week(seeded):
    f = _figures(seeded)
    intake = {(r.program, r.document_type): r.count for r in f.intake}
    assert intake == {("hembesok", "requisition"): 2, ("hembesok", "return_report"): 1,
                      ("hembesok", "decision"): 1, (None, "other"): 1,
                      ("bhv-pilot", "requisition"): 1}
    assert f.intake_total == 6
    assert f.arrivals[0].sender == "registrator@region.example.se"
    assert [a.arrived for a in f.arrivals] == sorted(a.arrived for a in f.arrivals)


def test_flags_of_an_arrival_as_they_stand_now(seeded):
    f = _figures(seeded)
    report = next(a for a in f.arrivals if a.document_type == "return_report")
    assert [(c.code, c.status, c.resolved_by) for c in report.flags] == [
        ("LATE_REPORT", "resolved", "anna")]
    assert report.open_flags == ()


def test_new_flags_by_code_and_severity_errors_first(seeded):
    f = _figures(seeded)
    counts = [(r.code, r.severity, r.count) for r in f.new_flags]
    assert counts[0] == ("AMOUNT_EXCEEDS_ALLOCATION", "error", 2)
    assert counts[-1] == ("DUPLICATE_DOCUMENT", "info", 1)
    assert f.new_flags_total == 7


def test_changes_new_resolved_and_reopened_in_the_week(seeded):
    with seeded() as session, session.begin():
        doc = add_document(session, "2024-03-10 10:00", org=GOTLAND)
        flag = add_flag(session, doc, "LOW_CONFIDENCE", "review", "2024-03-10 10:01")
        session.flush()
        session.add(AuditEntry(actor="system", action="flag_reopened", entity="flag",
                               entity_id=str(flag.id), field="status", old_value="resolved",
                               new_value="open", at=at("2024-04-03 12:00")))
        session.add(ExpectationRow(
            code="MISSING_REQUISITION", severity="warning", program="hembesok", grant_year=2024,
            org_code="18", org_kind="region", org_name="Region Örebro län",
            deadline=date(2024, 4, 5), message="Ingen rekvisition", details={}, status="open",
            created_at=at("2024-04-06 00:05")))
    f = _figures(seeded)
    assert f.change_counts == {"new": 8, "resolved": 1, "dismissed": 0, "reopened": 1}
    resolved = next(c for c in f.changes if c.kind == "resolved")
    assert (resolved.code, resolved.by, resolved.comment) == (
        "LATE_REPORT", "anna", "Anstånd beviljat")
    reopened = next(c for c in f.changes if c.kind == "reopened")
    assert (reopened.code, reopened.case_kind) == ("LOW_CONFIDENCE", "flag")
    expected = next(c for c in f.changes if c.case_kind == "expectation")
    assert (expected.kind, expected.code) == ("new", "MISSING_REQUISITION")
    assert [c.at for c in f.changes] == sorted(c.at for c in f.changes)


def test_open_cases_oldest_first_with_age_and_nothing_that_arrived_after_the_week(seeded):
    f = _figures(seeded)
    codes = [c.case.code for c in f.open_cases]
    assert codes[0] == "MISSING_FIELD" and codes[-1] == "DECISION_AMOUNT_MISMATCH"
    assert len(codes) == 7 and codes.count("MISSING_FIELD") == 1
    assert f.open_cases[0].age_days == 18
    assert f.open_cases[-1].age_days == 0
    assert [n for _, n in f.open_by_age] == [6, 1, 0, 0]


def test_ledger_counts_each_file_once_and_every_program_year(seeded):
    f = _figures(seeded)
    rows = {(b.program, b.grant_year, b.org.code): (b.allocated, b.requisitioned)
            for b in f.ledger_orgs}
    assert rows == {
        ("hembesok", 2024, "09"): (800_000, 834_000),
        ("hembesok", 2024, "18"): (1_349_000, 0),
        ("hembesok", 2024, "01"): (5_000_000, 2_000_000),
        ("bhv-pilot", 2024, "0127"): (580_000, 600_000),
        ("hembesok", 2023, "18"): (1_349_000, 0),
    }
    totals = {(r.program, r.grant_year): (r.pool, r.allocated, r.requisitioned) for r in f.ledger}
    assert totals[("hembesok", 2024)] == (82_000_000, 7_149_000, 2_834_000)
    assert totals[("hembesok", 2023)] == (42_000_000, 1_349_000, 0)


def test_flags_per_week_by_arrival_over_twelve_weeks(seeded):
    f = _figures(seeded)
    assert len(f.flags_per_week) == 12
    assert f.flags_per_week[-1].week == W14
    assert [b.total for b in f.flags_per_week[-3:]] == [1, 1, 7]
    assert f.flags_per_week[-2].by_severity == {"review": 1}


def test_program_scope_limits_every_section(seeded):
    f = _figures(seeded, scope=("hembesok",))
    assert f.intake_total == 4
    assert f.new_flags_total == 4
    assert {c.case.program for c in f.open_cases} == {"hembesok"}
    assert {b.program for b in f.ledger_orgs} == {"hembesok"}
    assert f.flags_per_week[-1].total == 4


def test_a_week_with_nothing_new_is_nothing_new_not_an_error(seeded):
    f = _figures(seeded, week=IsoWeek(2023, 40))
    assert f.nothing_new
    assert f.arrivals == [] and f.new_flags == [] and f.changes == [] and f.open_cases == []


def test_odd_stored_values_do_not_break_the_figures(session_factory):
    with session_factory() as session, session.begin():
        bad = [
            add_document(session, "2024-04-02 10:00", requested="834 000", org=GOTLAND),
            add_document(session, "2024-04-02 10:00", requested={"value": None}, org=GOTLAND),
            add_document(session, "2024-04-02 10:00", requested=True, org=GOTLAND),
            add_document(session, "2024-04-02 10:00", requested=[1, 2], org=None),
            add_document(session, "2024-04-02 10:00", document_type=None, program=None),
        ]
        add_flag(session, bad[-1], "NO_DOCUMENT", "warning", "2024-04-02 10:01")
        add_flag(session, bad[-1], "SOMETHING_NEW", "unheard-of", "2024-04-02 10:01")
    f = _figures(session_factory)
    assert f.intake_total == 5
    assert [(r.org.code, r.requisitioned) for r in f.ledger_orgs] == [("09", 0)]
    assert {r.severity for r in f.new_flags} == {"warning", "unheard-of"}
