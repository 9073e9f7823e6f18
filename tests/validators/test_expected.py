"""The expected-document rules around their deadline days, and their resolution on arrival."""
from __future__ import annotations

from datetime import date

import pytest

from tests.validators.factories import PROGRAMS
from validators.expected import ExpectationFacts, FiledDocument, Org, Repayment
from validators.model import AllocationRow
from validators.rules.expected import (
    expect,
    missing_report,
    missing_requisition,
    repayment_due,
    upcoming_deadlines,
)

GOTLAND = Org("09", "region", "Region Gotland")
OREBRO = Org("18", "region", "Region Örebro län")
REQUISITION_DEADLINE = date(2024, 4, 5)
REPORT_DEADLINE = date(2025, 3, 1)
_ids = iter(range(1, 1000))


def allocated(*orgs: Org, year: int = 2024) -> list[AllocationRow]:
    return [AllocationRow("hembesok", year, o.code, o.name, 800_000) for o in orgs]


def filed(document_type: str, org: Org, arrived: date, *, year: int = 2024,
          unused: int | None = None) -> FiledDocument:
    return FiledDocument(next(_ids), document_type, "hembesok", year, org, arrived, unused)


def facts(*documents: FiledDocument, allocations=None, repayments=()) -> ExpectationFacts:
    return ExpectationFacts(PROGRAMS, allocated(GOTLAND, OREBRO) if allocations is None
                            else allocations, list(documents), list(repayments))


# MISSING_REQUISITION -------------------------------------------------------------------------

def test_missing_requisition_not_on_the_deadline_day():
    assert missing_requisition(facts(), REQUISITION_DEADLINE) == []


def test_missing_requisition_the_day_after_the_deadline():
    found = missing_requisition(facts(), date(2024, 4, 6))
    assert [(e.code, e.org.code, e.severity) for e in found] == [
        ("MISSING_REQUISITION", "09", "warning"), ("MISSING_REQUISITION", "18", "warning")]
    gotland = found[0]
    assert gotland.deadline == REQUISITION_DEADLINE and gotland.amount is None
    assert gotland.message == (
        "Ingen rekvisition från Region Gotland för statsbidrag för utökade hembesöksprogram "
        "inom barnhälsovården 2024; sista dag var 5 april 2024")
    assert gotland.as_record() == {
        "code": "MISSING_REQUISITION", "program": "hembesok", "grant_year": 2024,
        "organisation": {"name": "Region Gotland", "kind": "region", "code": "09"},
        "deadline": "2024-04-05", "amount": None, "message": gotland.message}


def test_a_requisition_on_file_resolves_it_even_a_late_one():
    on_time = filed("requisition", GOTLAND, date(2024, 3, 21))
    late = filed("requisition", OREBRO, date(2024, 4, 12))
    assert missing_requisition(facts(on_time, late), date(2024, 4, 12)) == []
    [still] = missing_requisition(facts(on_time, late), date(2024, 4, 11))
    assert still.org == OREBRO


def test_missing_requisition_needs_an_allocation_and_a_deadline():
    assert missing_requisition(facts(allocations=[]), date(2030, 1, 1)) == []
    no_deadline = allocated(GOTLAND, year=2025) + allocated(OREBRO, year=2023)
    assert missing_requisition(facts(allocations=no_deadline), date(2030, 1, 1)) == []


def test_a_return_report_is_not_a_requisition():
    report = filed("return_report", GOTLAND, date(2024, 3, 1))
    assert [e.org for e in missing_requisition(facts(report), date(2024, 4, 6))] == [GOTLAND,
                                                                                   OREBRO]


# MISSING_REPORT ------------------------------------------------------------------------------

def test_missing_report_after_the_report_deadline_only():
    req = filed("requisition", GOTLAND, date(2024, 3, 21))
    assert missing_report(facts(req), REPORT_DEADLINE) == []
    [found] = missing_report(facts(req), date(2025, 3, 2))
    assert (found.code, found.org, found.deadline) == ("MISSING_REPORT", GOTLAND, REPORT_DEADLINE)
    assert found.message.startswith("Ingen återrapportering från Region Gotland för ")


def test_missing_report_only_for_who_requisitioned():
    assert missing_report(facts(), date(2026, 1, 1)) == []


def test_missing_report_resolved_when_the_report_arrives():
    req = filed("requisition", GOTLAND, date(2024, 3, 21))
    report = filed("return_report", GOTLAND, date(2025, 3, 10), unused=0)
    assert missing_report(facts(req, report), date(2025, 3, 9))
    assert missing_report(facts(req, report), date(2025, 3, 10)) == []


def test_missing_report_without_a_report_deadline_raises_nothing():
    req = filed("requisition", GOTLAND, date(2025, 3, 21), year=2025)
    assert missing_report(facts(req), date(2030, 1, 1)) == []


# REPAYMENT_DUE -------------------------------------------------------------------------------

def test_repayment_due_from_the_day_the_report_arrives():
    report = filed("return_report", OREBRO, date(2024, 2, 20), year=2023, unused=49_000)
    assert repayment_due(facts(report), date(2024, 2, 19)) == []
    [found] = repayment_due(facts(report), date(2024, 2, 20))
    assert (found.code, found.severity, found.amount, found.deadline) == (
        "REPAYMENT_DUE", "info", 49_000, None)
    assert "49 000 kr ej förbrukat" in found.message


@pytest.mark.parametrize("unused", [0, None])
def test_nothing_to_repay(unused):
    report = filed("return_report", OREBRO, date(2024, 2, 20), year=2023, unused=unused)
    assert repayment_due(facts(report), date(2024, 3, 1)) == []


def test_repayment_stays_open_until_all_is_repaid():
    report = filed("return_report", OREBRO, date(2024, 2, 20), year=2023, unused=49_000)
    part = Repayment("hembesok", 2023, "18", 20_000, date(2024, 3, 1))
    rest = Repayment("hembesok", 2023, "18", 29_000, date(2024, 3, 15))
    [open_] = repayment_due(facts(report, repayments=[part, rest]), date(2024, 3, 1))
    assert open_.amount == 49_000 and open_.details["repaid"] == 20_000
    assert "29 000 kr kvar" in open_.message
    assert repayment_due(facts(report, repayments=[part, rest]), date(2024, 3, 15)) == []


def test_a_later_report_corrects_the_unused_amount():
    first = filed("return_report", OREBRO, date(2024, 2, 20), year=2023, unused=49_000)
    corrected = filed("return_report", OREBRO, date(2024, 2, 27), year=2023, unused=0)
    assert repayment_due(facts(first, corrected), date(2024, 2, 26))
    assert repayment_due(facts(first, corrected), date(2024, 2, 27)) == []


# all together, and what is coming --------------------------------------------------------------

def test_expect_orders_by_code_then_program_year_and_organisation():
    req = filed("requisition", OREBRO, date(2024, 3, 1))
    report = filed("return_report", OREBRO, date(2024, 2, 20), year=2023, unused=1)
    found = expect(facts(req, report), date(2025, 3, 2))
    assert [(e.code, e.org.code) for e in found] == [
        ("MISSING_REQUISITION", "09"), ("MISSING_REPORT", "18"), ("REPAYMENT_DUE", "18")]


def test_upcoming_deadlines_within_30_days_with_who_has_not_sent():
    req = filed("requisition", GOTLAND, date(2024, 3, 1))
    [soon] = upcoming_deadlines(facts(req), date(2024, 3, 6))
    assert (soon.document_type, soon.deadline, soon.waiting) == (
        "requisition", REQUISITION_DEADLINE, (OREBRO,))
    assert soon.days_left(date(2024, 3, 6)) == 30
    assert upcoming_deadlines(facts(req), date(2024, 3, 5)) == []
    assert upcoming_deadlines(facts(req), REQUISITION_DEADLINE)[0].days_left(
        REQUISITION_DEADLINE) == 0
    assert upcoming_deadlines(facts(req), date(2024, 4, 6)) == []


def test_upcoming_report_deadline_lists_requisitioners_without_a_report():
    req = filed("requisition", GOTLAND, date(2024, 3, 21))
    [soon] = upcoming_deadlines(facts(req), date(2025, 2, 15))
    assert (soon.document_type, soon.waiting) == ("return_report", (GOTLAND,))
