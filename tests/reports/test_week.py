from datetime import UTC, date, datetime, timedelta

import pytest

from reports.week import IsoWeek, WeekError


def test_week_runs_monday_to_monday_in_stockholm_time():
    w = IsoWeek.parse("2024-W14")
    assert (w.monday, w.sunday) == (date(2024, 4, 1), date(2024, 4, 7))
    assert w.start == datetime(2024, 3, 31, 22, 0, tzinfo=UTC)
    assert w.end == datetime(2024, 4, 7, 22, 0, tzinfo=UTC)
    assert str(w) == "2024-W14"


def test_week_with_the_summer_time_switch_is_an_hour_short():
    w = IsoWeek.parse("2024-W13")
    assert w.end - w.start == timedelta(days=7, hours=-1)
    assert w.start == datetime(2024, 3, 24, 23, 0, tzinfo=UTC)


def test_last_complete_week_and_the_weeks_before():
    monday_morning = datetime(2024, 4, 8, 5, 0, tzinfo=UTC)
    assert IsoWeek.last_complete(monday_morning) == IsoWeek(2024, 14)
    sunday_late_local = datetime(2024, 4, 7, 21, 59, tzinfo=UTC)
    assert IsoWeek.last_complete(sunday_late_local) == IsoWeek(2024, 13)
    twelve = IsoWeek(2024, 2).back(12)
    assert len(twelve) == 12 and twelve[-1] == IsoWeek(2024, 2) and twelve[0] == IsoWeek(2023, 43)
    assert IsoWeek.parse("2020-W53").next() == IsoWeek(2021, 1)


def test_naive_datetimes_from_sqlite_are_taken_as_utc():
    w = IsoWeek.parse("2024-W14")
    assert w.contains(datetime(2024, 3, 31, 22, 30))
    assert not w.contains(datetime(2024, 4, 7, 22, 30))
    assert not w.contains(None)


@pytest.mark.parametrize("text", ["", "2024", "W14", "2024-W00", "2024-W54", "2023-W53",
                                  "abcd-W14", "2024-W1x", "2024-14"])
def test_bad_week_is_refused_with_a_swedish_message(text):
    with pytest.raises(WeekError, match="[Vv]ecka|vecka"):
        IsoWeek.parse(text)


@pytest.mark.parametrize("text", ["2024-w14", "2024W14", " 2024-W14 ", "2024-W4"])
def test_week_spellings(text):
    assert IsoWeek.parse(text).year == 2024
