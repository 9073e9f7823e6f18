"""Regions and municipalities by every name documents use, OCR damage included."""
from __future__ import annotations

import pytest

from config.registry import load_registry
from extractors.fields.nlp import parse
from extractors.fields.organisations import find_organisation, mentions


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("Region Örebro län", "region", "18"),
        ("Örebro läns region", "region", "18"),
        ("Region Örebro", "region", "18"),
        ("Västra Götalandsregionen", "region", "14"),
        ("VGR", "region", "14"),
        ("Sörmland", "region", "04"),
        ("Region Gotland", "region", "09"),
        ("REGION JÄMTLAND HÄRJEDALEN", "region", "23"),
        ("Botkyrka kommun", "municipality", "0127"),
        ("Malmö stad", "municipality", "1280"),
        ("Malmös stad", "municipality", "1280"),
        ("Göteborgs Stad", "municipality", "1480"),
        ("Stockholms stad", "municipality", "0180"),
        ("KOMMUNEN KALMAR", "municipality", "0880"),
        ("Gotlands kommun", "municipality", "0980"),
        ("Upplands-Bro kommun", "municipality", "0139"),
        ("Örebro kommun", "municipality", "1880"),
        ("Falu kommun", "municipality", "2080"),
        ("Region Sörmlands", "region", "04"),
        ("Västra Götalandsregionens", "region", "14"),
        ("Malmö stads", "municipality", "1280"),
        ("Botkyrka kommuns", "municipality", "0127"),
    ],
)
def test_names(text: str, kind: str, code: str) -> None:
    org = find_organisation(text)
    assert org is not None and (org.kind, org.code) == (kind, code)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Region Orebro lin", "18"), ("Region 6rebro län", "18"), ("Region Vérmland", "17"),
     ("Regi0n Jönköpings län", "06"), ("Botkyrka komrnun", "0127")],
)
def test_ocr_damaged_names(text: str, code: str) -> None:
    org = find_organisation(text)
    assert org is not None and org.code == code


@pytest.mark.parametrize("text", ["", "  ", "Socialstyrelsen", "Kontaktperson Maria Nilsson", "|||"])
def test_no_organisation(text: str) -> None:
    assert find_organisation(text) is None


def test_every_registered_name_resolves_to_itself() -> None:
    registry = load_registry()
    assert len(registry.regions) == 21 and len(registry.municipalities) == 290
    for org in registry.all():
        found = find_organisation(org.name)
        assert found is not None and (found.kind, found.code) == (org.kind, org.code), org.name


def test_a_kind_word_after_a_slash_is_a_labels_not_a_names():
    text = "Sökande kommun/region Stockholms stad"
    found = [text[m.start:m.end] for m in mentions(parse(text))]
    assert found == ["Stockholms stad"]
