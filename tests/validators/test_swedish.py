import re
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from validators.swedish import (
    field_name,
    format_amount,
    format_date,
    format_datetime,
    format_decimal,
    format_number,
    format_percent,
    join_list,
    stockholm_date,
)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_amount_groups_thousands_with_spaces_and_reads_back(value: int):
    text = format_amount(value)
    assert re.fullmatch(r"-?\d{1,3}( \d{3})* kr", text)
    assert int(text.removesuffix(" kr").replace(" ", "")) == value


@given(st.integers(min_value=0, max_value=10**15))
def test_number_has_a_separator_for_every_three_digits(value: int):
    text = format_number(value)
    assert text.count(" ") == (len(str(value)) - 1) // 3


def test_amount_examples():
    assert format_amount(834_000) == "834 000 kr"
    assert format_amount(1_349_000) == "1 349 000 kr"
    assert format_amount(999) == "999 kr"
    assert format_amount(0) == "0 kr"
    assert format_amount(-49_000) == "-49 000 kr"


def test_a_float_amount_is_shown_in_whole_kronor():
    assert format_amount(834_000.0) == "834 000 kr"
    assert format_amount(1_349_000.4) == "1 349 000 kr"


def test_decimal_and_percent_use_a_comma_and_drop_zeros():
    assert format_decimal(0.52) == "0,52"
    assert format_decimal(100) == "100"
    assert format_decimal(-0.001) == "0"
    assert format_percent(45) == "45 %"
    assert format_percent(45.5) == "45,5 %"
    assert format_percent(100.0) == "100 %"


def test_dates_are_written_with_the_month_name():
    assert format_date(date(2024, 4, 5)) == "5 april 2024"
    assert format_date(date(2024, 12, 31)) == "31 december 2024"


def test_stockholm_date_moves_late_utc_evening_to_the_next_day():
    assert stockholm_date(datetime(2024, 4, 5, 23, 30, tzinfo=UTC)) == date(2024, 4, 6)
    assert stockholm_date(datetime(2024, 4, 5, 21, 59, tzinfo=UTC)) == date(2024, 4, 5)


def test_naive_datetime_is_taken_as_swedish_time():
    assert stockholm_date(datetime(2024, 4, 5, 23, 30)) == date(2024, 4, 5)


def test_datetime_in_swedish_time():
    moment = datetime(2024, 3, 25, 8, 3, tzinfo=UTC)
    assert format_datetime(moment) == "25 mars 2024 kl. 09.03"


def test_field_names_and_lists():
    assert field_name("collaborating_municipalities") == "samverkande kommuner"
    assert field_name("no_such_field") == "no_such_field"
    assert join_list(["a"]) == "a"
    assert join_list(["a", "b", "c"]) == "a, b och c"
    assert join_list([]) == ""
