"""Swedish dates in every supported form, OCR-damaged month names where safe."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.fields.dates import MONTHS, find_dates, parse_date


@pytest.mark.parametrize(
    "text",
    ["2024-03-14", "14 mars 2024", "den 14 mars 2024", "14/3 2024", "20240314", "14 Mars 2024",
     "14.3.2024", "14 mar. 2024", "14 rnars 2024"],
)
def test_parse_date_forms(text: str) -> None:
    assert parse_date(text) == date(2024, 3, 14)


@pytest.mark.parametrize(("text", "expected"), [
    ("Sent: Tuesday, 26 March 2024 07:15", date(2024, 3, 26)),
    ("Sent: 3 May 2024", date(2024, 5, 3)), ("Sent: 14 October 2024", date(2024, 10, 14)),
])
def test_an_english_mail_headers_date(text: str, expected: date) -> None:
    (found,) = find_dates(text)
    assert found.date == expected and found.exact


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4 februan 2025", date(2025, 2, 4)), ("24 oktaber 2023", date(2023, 10, 24)),
     ("31 decernber 2023", date(2023, 12, 31))],
)
def test_damaged_month_names(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "mars", "2024-02-30", "14 xyzzy 2024", "RS 2023/7246",
                                  "32 mars 2024", "14 mars", "1 285 000 kr"])
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_in_a_period_line() -> None:
    found = find_dates("Redovisningsperiod: 2024-01-01 – 2024-12-31, Datum: 7 januari 2025")
    assert [d.date for d in found] == [date(2024, 1, 1), date(2024, 12, 31), date(2025, 1, 7)]


NAMES = {v: k for k, v in MONTHS.items()}
SPACES = st.sampled_from([" ", "\u00a0", "\u2009"])


@given(st.dates(date(1990, 1, 1), date(2099, 12, 31)),
       st.sampled_from(["iso", "text", "den", "slash", "compact"]), SPACES)
def test_round_trip_every_supported_form(value: date, form: str, sp: str) -> None:
    text = {
        "iso": value.isoformat(),
        "text": f"{value.day}{sp}{NAMES[value.month]}{sp}{value.year}",
        "den": f"den{sp}{value.day}{sp}{NAMES[value.month]}{sp}{value.year}",
        "slash": f"{value.day}/{value.month}{sp}{value.year}",
        "compact": value.strftime("%Y%m%d"),
    }[form]
    assert parse_date(text) == value


@given(st.text())
def test_parsers_never_raise_on_arbitrary_text(text: str) -> None:
    parse_date(text)
    find_dates(text)


def test_an_iso_date_whose_second_hyphen_ocr_read_as_a_dot() -> None:
    (d,) = find_dates("Karlskrona 2024-02.23 te")
    assert d.date == date(2024, 2, 23) and not d.exact
