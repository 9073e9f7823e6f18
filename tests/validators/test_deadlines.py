from datetime import UTC, datetime

import pytest

from tests.validators.factories import STOCKHOLM, context, requisition, return_report
from validators.rules.deadlines import late_report, late_requisition


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_requisition_after_the_deadline_has_the_contract_message():
    [flag] = late_requisition(requisition(), context(received=at("2024-04-12T10:00+02:00")))
    assert flag.severity == "warning"
    assert flag.message == "Rekvisitionen kom in 12 april 2024, efter sista dag 5 april 2024"
    assert flag.details == {"received_on": "2024-04-12", "deadline": "2024-04-05", "days_late": 7}


@pytest.mark.parametrize("received", ["2024-04-05T00:00+02:00", "2024-04-05T23:59:59+02:00",
                                      "2024-04-05T21:59+00:00", "2024-03-01T09:00+01:00"])
def test_the_deadline_day_is_on_time(received):
    assert late_requisition(requisition(), context(received=at(received))) == []


def test_late_utc_evening_is_the_next_day_in_stockholm():
    ctx = context(received=datetime(2024, 4, 5, 23, 30, tzinfo=UTC))
    [flag] = late_requisition(requisition(), ctx)
    assert flag.details["received_on"] == "2024-04-06"


def test_naive_received_is_taken_as_swedish_time():
    assert late_requisition(requisition(), context(received=datetime(2024, 4, 5, 23, 30))) == []
    assert late_requisition(requisition(), context(received=datetime(2024, 4, 6, 0, 1)))


def test_no_deadline_or_no_received_time_means_no_check():
    late = datetime(2030, 1, 1, tzinfo=STOCKHOLM)
    assert late_requisition(requisition(grant_year=2025), context(received=late)) == []
    assert late_requisition(requisition(grant_year=2030), context(received=late)) == []
    assert late_requisition(requisition(), context(received=None)) == []


def test_late_report():
    [flag] = late_report(return_report(), context(received=at("2024-03-02T08:00+01:00")))
    assert flag.code == "LATE_REPORT"
    assert flag.message == "Återrapporteringen kom in 2 mars 2024, efter sista dag 1 mars 2024"
    assert late_report(return_report(), context(received=at("2024-03-01T16:00+01:00"))) == []


def test_each_deadline_applies_only_to_its_document_type():
    received = context(received=at("2030-01-01T08:00+01:00"))
    assert late_report(requisition(), received) == []
    assert late_requisition(return_report(), received) == []
