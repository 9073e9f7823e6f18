"""Amounts written in Swedish words, checked against num2words' Swedish spelling."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from extractors.fields.amounts import find_amounts
from extractors.fields.number_words import find_worded_amounts, parse_number_words


@given(st.integers(min_value=1, max_value=999_999_999))
def test_every_number_num2words_spells_reads_back(value: int) -> None:
    assert parse_number_words(num2words(value, lang="sv")) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("en miljon sjuhundratjugotvåtusen", 1_722_000),
        ("trehundraåttiofemtusen", 385_000),
        ("Två miljoner", 2_000_000),
        ("en miljon femtusen", 1_005_000),
        ("fyrahundratusen", 400_000),
        ("en miljon tvåhundrafemtio tusen", 1_250_000),
    ],
)
def test_written_forms(words: str, value: int) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    "words",
    ["tusen tusen", "tvåtjugo", "hundrahundra", "miljon tusen miljon", "fem sex", "kommun"],
)
def test_runs_that_make_no_number(words: str) -> None:
    assert parse_number_words(words) is None


def test_only_a_run_followed_by_its_currency_is_money() -> None:
    text = ("Regionstyrelsen beslutar att statsbidraget om en miljon sjuhundratjugotvåtusen "
            "kronor fördelas till två kommuner och en miljon invånare.")
    assert [v for _, _, v in find_worded_amounts(text)] == [1_722_000]


def test_worded_amounts_are_money_mentions() -> None:
    text = "Belopp med bokstäver: trehundraåttiofemtusen kronor"
    found = find_amounts(text)
    assert [(m.amount.value, m.has_unit, text[m.start:m.end]) for m in found] == [
        (385_000, True, "trehundraåttiofemtusen kronor")]


@pytest.mark.parametrize("text", ["1,3 miljoner kronor", "Belopp i tusen kronor",
                                  "42 miljoner kronor", "hundra kronor"])
def test_a_unit_after_a_figure_is_no_worded_amount(text: str) -> None:
    assert find_worded_amounts(text) == []


def test_words_as_ocr_reads_them_without_rings_and_dots() -> None:
    assert parse_number_words("trehundraattiofemtusen") == 385_000
    assert parse_number_words("tva miljoner fortio") == 2_000_040
