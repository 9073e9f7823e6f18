"""The report's figures from a seeded database, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from reports.figures import collect_figures
from reports.week import IsoWeek
from tests.reports.conftest import REPORT_TIME
from tests.reports.seed import add_document, add_flag, seed_week

W14 = IsoWeek(2024, 14)


@pytest.fixture
def seeded(session_factory):
    with session_factory() as session, session.begin():
        seed_week(session)
    return session_factory


def _figures(factory, scope=None, week=W14):
    with factory() as session:
        return collect_figures(session, week, scope, REPORT_TIME)


def test_intake_counts_documents_received_in_the_local_week(seeded):
    f = _figures(seeded)
    intake = {(r.program, r.document_type): r.count for r in f.intake}
    assert intake == {("hembesok", "requisition"): 2, ("hembesok", "return_report"): 1,
                      ("hembesok", "decision"): 1, (None, "other"): 1,
                      ("bhv-pilot", "requisition"): 1}
    assert f.intake_total == 6


def test_new_flags_by_code_and_severity_errors_first(seeded):
    f = _figures(seeded)
    counts = [(r.code, r.severity, r.count) for r in f.new_flags]
    assert counts[0] == ("AMOUNT_EXCEEDS_ALLOCATION", "error", 2)
    assert counts[-1] == ("DUPLICATE_DOCUMENT", "info", 1)
    assert {c for c, _, _ in counts} == {
        "AMOUNT_EXCEEDS_ALLOCATION", "DECISION_AMOUNT_MISMATCH", "LATE_REPORT",
        "UNKNOWN_DOCUMENT_TYPE", "UNKNOWN_PROGRAM", "DUPLICATE_DOCUMENT"}
    assert f.new_flags_total == 7


def test_open_cases_oldest_first_with_age_and_nothing_from_after_the_week(seeded):
    f = _figures(seeded)
    codes = [c.record["code"] for c in f.open_cases]
    assert codes[0] == "MISSING_FIELD" and codes[-1] == "DECISION_AMOUNT_MISMATCH"
    assert len(codes) == 7 and codes.count("MISSING_FIELD") == 1
    assert f.open_cases[0].age_days == 18
    assert f.open_cases[-1].age_days == 0
    received = [c.record["received"] for c in f.open_cases]
    assert received == sorted(received)


def test_resolved_in_the_week_only(seeded):
    f = _figures(seeded)
    assert [(r["code"], r["resolved_by"], r["comment"]) for r in f.resolved] == [
        ("LATE_REPORT", "anna", "Anstånd beviljat")]


def test_requisitioned_against_allocated_counts_each_file_once(seeded):
    f = _figures(seeded)
    rows = {(b.program, b.org_code): (b.allocated, b.requisitioned, b.remaining)
            for b in f.balances}
    assert rows == {
        ("hembesok", "09"): (800_000, 834_000, -34_000),
        ("hembesok", "18"): (1_349_000, 0, 1_349_000),
        ("hembesok", "01"): (5_000_000, 2_000_000, 3_000_000),
        ("bhv-pilot", "0127"): (580_000, 600_000, -20_000),
    }


def test_flags_per_week_over_twelve_weeks(seeded):
    f = _figures(seeded)
    assert len(f.flags_per_week) == 12
    assert f.flags_per_week[-1].week == W14
    assert [b.total for b in f.flags_per_week[-3:]] == [1, 1, 7]
    assert f.flags_per_week[-2].by_severity == {"review": 1}
    assert f.flags_per_week[-1].by_severity == {"error": 2, "warning": 4, "info": 1}


def test_program_scope_limits_every_section(seeded):
    f = _figures(seeded, scope=("hembesok",))
    assert f.intake_total == 4
    assert f.new_flags_total == 4
    assert {c.record["program"] for c in f.open_cases} == {"hembesok"}
    assert {b.program for b in f.balances} == {"hembesok"}
    assert f.flags_per_week[-1].total == 4


def test_empty_week_is_empty_not_an_error(seeded):
    f = _figures(seeded, week=IsoWeek(2023, 40))
    assert f.is_empty
    assert f.intake == [] and f.new_flags == [] and f.open_cases == [] and f.resolved == []


def test_odd_stored_values_do_not_break_the_figures(session_factory):
    gotland = ("09", "region", "Region Gotland")
    with session_factory() as session, session.begin():
        bad = [
            add_document(session, "2024-04-02 10:00", requested="834 000", org=gotland),
            add_document(session, "2024-04-02 10:00", requested={"value": None}, org=gotland),
            add_document(session, "2024-04-02 10:00", requested=True, org=gotland),
            add_document(session, "2024-04-02 10:00", requested=[1, 2], org=None),
            add_document(session, "2024-04-02 10:00", document_type=None, program=None),
        ]
        add_flag(session, bad[-1], "NO_DOCUMENT", "warning", "2024-04-02 10:01")
        add_flag(session, bad[-1], "SOMETHING_NEW", "unheard-of", "2024-04-02 10:01")
    f = _figures(session_factory)
    assert f.intake_total == 5
    assert f.balances == []
    assert {r.severity for r in f.new_flags} == {"warning", "unheard-of"}
