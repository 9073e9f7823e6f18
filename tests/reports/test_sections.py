"""The report's sections on the database `make run` builds from samples/ (the real pipeline)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from reports.figures import collect_figures
from reports.week import IsoWeek, local

DESK = "https://granskning.region.example.se"


def figures(factory, week: str, scope=None):
    w = IsoWeek.parse(week)
    with factory() as session:
        return collect_figures(session, w, scope, w.end + timedelta(hours=7), desk_url=DESK)


@pytest.fixture(scope="module")
def w12(samples_factory):
    return figures(samples_factory, "2024-W12")


def test_intake_is_by_arrival_with_flags_as_they_stand(w12):
    [gotland] = w12.arrivals
    assert local(gotland.arrived).isoformat() == "2024-03-21T09:03:00+01:00"
    assert gotland.sender == "registrator@gotland.example.se"
    assert (gotland.document_type, gotland.program, gotland.grant_year) == (
        "requisition", "hembesok", 2024)
    assert gotland.org.name == "Region Gotland"
    assert [(f.code, f.status) for f in gotland.flags] == [("AMOUNT_EXCEEDS_ALLOCATION", "open")]
    assert gotland.link == f"{DESK}/documents/{gotland.document_id}"
    assert gotland.flags[0].link.endswith(f"#case-{gotland.flags[0].id}")
    assert not w12.nothing_new


def test_expected_documents_as_of_the_end_of_the_week(w12):
    assert w12.as_of_day == date(2024, 3, 24)
    [dalarna] = w12.missing
    assert (dalarna.expected.code, dalarna.expected.org.name, dalarna.expected.deadline) == (
        "MISSING_REQUISITION", "Region Dalarna", date(2023, 10, 31))
    assert dalarna.link.startswith(f"{DESK}/expected")
    assert w12.repayments == []


def test_upcoming_deadlines_name_who_has_not_sent(w12):
    [soon] = w12.upcoming
    assert (soon.document_type, soon.deadline, soon.concerned) == (
        "requisition", date(2024, 4, 5), 4)
    assert [o.name for o in soon.waiting] == ["Region Kalmar län", "Region Västernorrland"]
    assert soon.days_left(w12.as_of_day) == 12


def test_ledger_per_program_year_and_organisation(w12):
    ledger = {(r.program, r.grant_year): r for r in w12.ledger}
    h24 = ledger[("hembesok", 2024)]
    assert (h24.pool, h24.allocated, h24.requisitioned) == (82_000_000, 6_029_000, 1_480_000)
    h23 = ledger[("hembesok", 2023)]
    assert (h23.pool, h23.allocated, h23.requisitioned, h23.decided) == (
        42_000_000, 1_679_000, 0, 1_679_000)
    orgs = {(r.grant_year, r.org.code): r for r in w12.ledger_orgs}
    assert (orgs[(2024, "09")].allocated, orgs[(2024, "09")].requisitioned) == (834_000, 900_000)
    assert orgs[(2024, "08")].requisitioned == 0, "Kalmar's requisition arrives in April"


def test_open_cases_by_age_from_arrival(w12):
    ages = [(c.case.code, c.age_days) for c in w12.open_cases]
    assert ages == [("NO_DOCUMENT", 23), ("UNREADABLE_DOCUMENT", 22), ("MISSING_FIELD", 10),
                    ("AMOUNT_EXCEEDS_ALLOCATION", 3)]
    assert [n for _, n in w12.open_by_age] == [1, 3, 0, 0]
    assert w12.open_cases[1].case.sender == "registrator@skane.example.se"


def test_chart_counts_flags_by_week_of_arrival(w12):
    bars = {str(b.week): b.total for b in w12.flags_per_week}
    assert len(bars) == 12
    assert (bars["2024-W09"], bars["2024-W11"], bars["2024-W12"]) == (2, 1, 1)


def test_a_late_requisition_ends_what_was_missing(samples_factory):
    w15 = figures(samples_factory, "2024-W15")
    [kalmar] = w15.arrivals
    assert [f.code for f in kalmar.flags] == ["LATE_REQUISITION"]
    assert [e.expected.org.name for e in w15.missing] == ["Region Dalarna",
                                                          "Region Västernorrland"]
    assert w15.upcoming == []


def test_after_the_report_deadline_reports_and_repayments(samples_factory):
    f = figures(samples_factory, "2025-W10")
    missing = [(e.expected.code, e.expected.org.code) for e in f.missing]
    assert ("MISSING_REPORT", "08") in missing and ("MISSING_REPORT", "09") in missing
    assert ("MISSING_REPORT", "22") not in missing
    [repayment] = f.repayments
    assert (repayment.org.name, repayment.unused, repayment.repaid, repayment.to_repay) == (
        "Region Västernorrland", 53_000, None, 53_000)
    [due] = [e for e in f.expected if e.expected.code == "REPAYMENT_DUE"]
    assert due.expected.amount == 53_000
    h24 = next(r for r in f.ledger if (r.program, r.grant_year) == ("hembesok", 2024))
    assert (h24.received, h24.used, h24.unused) == (979_000, 936_000, 53_000)


def test_a_week_with_nothing_new_still_has_the_standing_sections(samples_factory):
    f = figures(samples_factory, "2023-W50")
    assert f.nothing_new
    assert f.arrivals == [] and f.changes == []
    assert [(r.program, r.grant_year) for r in f.ledger] == [("hembesok", 2024),
                                                             ("hembesok", 2023)]
    assert [e.expected.code for e in f.missing] == ["MISSING_REQUISITION"]


def test_scope_limits_every_section(samples_factory):
    f = figures(samples_factory, "2024-W12", scope=("bhv-pilot",))
    assert f.arrivals == [] and f.expected == [] and f.ledger == [] and f.open_cases == []
    assert f.upcoming == []
