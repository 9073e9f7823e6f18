"""Amounts in every written form, keeping the precision written."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.fields.amounts import declared_scale, find_amounts, parse_amount, with_scale
from extractors.model import Amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 285 000 kr", Amount(1_285_000, 1)),
        ("1 285 000 kronor", Amount(1_285_000, 1)),
        ("1,3 miljoner kronor", Amount(1_300_000, 100_000)),
        ("1,349 mnkr", Amount(1_349_000, 1000)),
        ("2 345 tkr", Amount(2_345_000, 1000)),
        ("834 000:-", Amount(834_000, 1)),
        ("SEK 834 000", Amount(834_000, 1)),
        ("2.345.000 kr", Amount(2_345_000, 1)),
        ("4 369 000 SEK", Amount(4_369_000, 1)),
        ("1\u00a0285\u00a0000 kr", Amount(1_285_000, 1)),
        ("1\u2009285\u2009000 kr", Amount(1_285_000, 1)),
        ("42 miljoner kronor", Amount(42_000_000, 1_000_000)),
        ("1 349 tkr", Amount(1_349_000, 1000)),
        ("834000", Amount(834_000, 1)),
        ("0 SEK", Amount(0, 1)),
        ("1089 000", Amount(1_089_000, 1)),
        ("2,1\nmiljoner kronor", Amount(2_100_000, 100_000)),
        ("655 000\nkr", Amount(655_000, 1)),
        ("2.1 miljoner kronor", Amount(2_100_000, 100_000)),  # OCR's point for a comma
        ("1.35 mnkr", Amount(1_350_000, 10_000)),
        ("580 000--", Amount(580_000, 1)),  # ":-" as OCR reads it
        ("834 000;-", Amount(834_000, 1)),
    ],
)
def test_parse_amount_forms(text: str, expected: Amount) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "kr", "abc", "2024-03-14", "RS 2023/7246",
                                  "1 285 000 kr extra", "10.30", "2024-2025"])
def test_parse_amount_rejects_non_amounts(text: str) -> None:
    assert parse_amount(text) is None


def test_find_amounts_in_a_sentence_skips_dates_and_references() -> None:
    text = "Dnr RS 2023/446, den 2023-10-14: fördela (1,3 miljoner kronor 2023) och 834 000:-"
    found = [(m.amount, m.has_unit) for m in find_amounts(text) if m.has_unit]
    assert found == [(Amount(1_300_000, 100_000), True), (Amount(834_000, 1), True)]


@pytest.mark.parametrize("text", ["2024\nKronobergs län", "3 miljonprogramsområden", "12 000 krav"])
def test_a_word_that_only_begins_like_a_unit_is_not_one(text: str) -> None:
    (match,) = find_amounts(text)
    assert not match.has_unit


def test_damaged_grouping_is_marked_unclean() -> None:
    (match,) = find_amounts("9.903 000 kronor")
    assert match.amount == Amount(9_903_000, 1)
    assert not match.clean


SPACES = st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"])


def _grouped(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


@st.composite
def written_amounts(draw) -> tuple[str, Amount]:
    form = draw(st.sampled_from(["kr", "kronor", "SEK", ":-", "prefix", "dots", "tkr", "mnkr", "miljoner"]))
    sep = draw(SPACES)
    if form == "tkr":
        thousands = draw(st.integers(1, 999_999))
        return f"{_grouped(thousands, sep)}{sep}tkr", Amount(thousands * 1000, 1000)
    if form in ("mnkr", "miljoner"):
        millions = draw(st.integers(1, 999))
        decimals = draw(st.integers(0, 3))
        fraction = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
        number = f"{millions},{fraction:0{decimals}d}" if decimals else str(millions)
        unit = 10 ** (6 - decimals)
        word = "mnkr" if form == "mnkr" else "miljoner kronor"
        return f"{number}{sep}{word}", Amount(millions * 1_000_000 + fraction * unit, unit)
    value = draw(st.integers(0, 10**10))
    if form == "prefix":
        return f"SEK{sep}{_grouped(value, sep)}", Amount(value, 1)
    if form == "dots":
        return f"{_grouped(value, '.')} kr", Amount(value, 1)
    suffix = form if form == ":-" else f"{sep}{form}"
    if form != ":-" and draw(st.booleans()):
        suffix = f"\n{form}"  # a sentence that wraps between the number and its unit
    return f"{_grouped(value, sep)}{suffix}", Amount(value, 1)


@given(written_amounts())
def test_round_trip_every_supported_form(case: tuple[str, Amount]) -> None:
    text, expected = case
    assert parse_amount(text) == expected


@given(st.text())
def test_parsers_never_raise_on_arbitrary_text(text: str) -> None:
    parse_amount(text)
    find_amounts(text)


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("Kostnadsslag Belopp (tkr)", 1000),
        ("Erhållet bidrag (tkr)", 1000),
        ("Belopp (kr):", 1),
        ("Belopp i tkr", 1000),
        ("Uppgifter i tusental kronor", 1000),
        ("Kostnader, tkr", 1000),
        ("Belopp (mnkr)", 1_000_000),
        ("Rekvirerat belopp 400 tkr", None),
        ("Andel (%)", None),
        ("Summa kostnader", None),
    ],
)
def test_declared_scale_of_labels_and_column_headers(text: str, scale: int | None) -> None:
    assert declared_scale(text) == scale


@given(st.integers(0, 10**7), st.sampled_from([" ", "\u00a0"]))
def test_a_bare_figure_in_declared_tkr_round_trips(tenths: int, sep: str) -> None:
    whole, tenth = divmod(tenths, 10)
    text = _grouped(whole, sep) + (f",{tenth}" if tenth else "")
    (match,) = find_amounts(text)
    scaled = with_scale(match, 1000)
    assert scaled.amount == Amount(tenths * 100, 100 if tenth else 1000)
    assert scaled.has_unit


def test_with_scale_keeps_a_figure_that_has_its_own_unit() -> None:
    (match,) = find_amounts("2 345 kr")
    assert with_scale(match, 1000) == match


@given(st.text())
def test_declared_scale_never_raises(text: str) -> None:
    declared_scale(text)


def test_a_speck_in_a_group_gap_before_a_unit_is_still_the_figure() -> None:
    (m,) = [m for m in find_amounts("att rekvirera statsbidrag om 2:115 000 kronor för") if m.has_unit]
    assert m.amount == Amount(2_115_000, 1) and not m.clean


def test_a_dash_ocr_read_in_a_later_group_gap_is_still_the_figure() -> None:
    (m,) = find_amounts("Erhållet bidrag: 12 050-000 kr")
    assert m.amount == Amount(12_050_000, 1) and not m.clean


@pytest.mark.parametrize("text", ["kostnaden är 100-200 kr per besök", "mellan 1 500-2 000 kr"])
def test_a_range_is_no_figure_with_a_dash_in_its_gap(text: str) -> None:
    assert not [m for m in find_amounts(text) if m.amount.value >= 100_000]


@pytest.mark.parametrize(("text", "value"), [("om 1;9 miljoner kronor", 1_900_000),
                                             ("1:5 mnkr", 1_500_000)])
def test_a_decimal_comma_ocr_read_as_a_semicolon_or_colon_before_a_scale(text: str,
                                                                         value: int) -> None:
    (m,) = [m for m in find_amounts(text) if m.has_unit]
    assert m.amount.value == value and not m.clean


@pytest.mark.parametrize("text", ["klockan 10:30", "000 kronor", "skala 1:100", "2:115 000"])
def test_no_figure_begins_with_a_zero_group_and_no_speck_without_a_unit(text: str) -> None:
    assert not [m for m in find_amounts(text)
                if m.has_unit and m.amount.value in (0, 2_115_000, 115_000)]


@pytest.mark.parametrize("sign", ["-", "\u2212", "\u2013", "\u2014"])
def test_a_minus_before_a_figure_marks_it_negative_and_keeps_it_whole(sign: str) -> None:
    [zero, figure] = find_amounts(f"Korrigering 0,00 {sign}4 975,55")
    assert (figure.text, figure.amount, figure.negative) == ("4 975,55", Amount(4976, 1), True)
    assert str(figure.exact) == "4975.55" and not zero.negative


@pytest.mark.parametrize("text", ["Tel. 010-831 40 22", "perioden 2024-01-01", "sidan 3-4"])
def test_a_hyphen_after_digits_is_no_minus(text: str) -> None:
    assert not any(a.negative for a in find_amounts(text))


@given(st.integers(min_value=0, max_value=99_999_999), st.integers(min_value=0, max_value=99))
def test_ore_are_kept_exact(kronor: int, ore: int) -> None:
    grouped = f"{kronor:,}".replace(",", " ")
    [a] = [a for a in find_amounts(f"Utfall {grouped},{ore:02d} kr") if a.text.startswith(grouped)]
    assert a.exact * 100 == kronor * 100 + ore
