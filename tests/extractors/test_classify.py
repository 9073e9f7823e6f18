"""Document type and program from cue phrases; program phrases come from programs.toml."""
from __future__ import annotations

import pytest

from config.programs import parse_programs
from extractors.fields import classify
from extractors.fields.nlp import parse


def _type(text: str) -> str:
    doc = parse(text)
    return classify.document_type(doc, len(text.split("\n", 1)[0])).value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rekvisition av statsbidrag\nRekvirerat belopp 834 000 kr", "requisition"),
        ("Återrapportering av statsbidrag\nFörbrukat 936 000 kr", "return_report"),
        ("Ekonomisk redovisning 2024\nRedovisningsperiod 2024-01-01 – 2024-12-31", "return_report"),
        ("Protokollsutdrag\nRegionstyrelsen beslutar att fördela statsbidraget", "decision"),
        ("Fördelning av statsbidrag\nFörslag till beslut\nRegionstyrelsen besluta", "decision"),
        ("Anvisningar för kommun att rekvirera statsbidrag", "instruction"),
        ("Rutin - Statsbidrag for att stodja", "instruction"),
        ("Uppdrag att stödja\nRegeringens beslut\nRegeringen ger Socialstyrelsen i uppdrag", "instruction"),
        ("ATERRAPPORTERING AV STATSBIDRAG", "return_report"),
        ("Begäran om utbetalning av statsbidrag för utökade hembesök 2023\nVi begär härmed "
         "utbetalning av vår del av statsbidraget, det vill säga 1 138 000 kr.", "requisition"),
        ("Hej, här kommer lunchmenyn", "other"),
        ("", "other"),
    ],
)
def test_document_types(text: str, expected: str) -> None:
    assert _type(text) == expected


def test_program_phrases_come_from_the_catalog() -> None:
    catalog = parse_programs({
        "demo": {"name": "Demo", "phrases": ["språkförskola"], "years": {}},
        "other": {"name": "Other", "phrases": ["hembesök"], "years": {}},
    })
    doc = parse("Rekvisition för Språkförskola 2025")
    assert classify.program(doc, 10, catalog).value == "demo"
    assert classify.program(parse("Inget program här"), 5, catalog).value is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("utökade hembesöksprogram 2024", "hembesok"),
     ("Rekvisition – Pilotverksamhet i barnhälsovården 2023", "bhv-pilot"),
     ("Barnhälsovård i socioekonomiskt utsatta områden 2023", "bhv-pilot"),
     ("Rekvisition för utökade hembeséksprogram, bidragsåret 2024", "hembesok"),  # OCR
     ("§ 112 Statsbidrafj för utökade hembseséksprogram 2023", "hembesok"),
     ("forebyggande arbete med utokade hembesoksprogram", "hembesok"),
     ("Statsbidrag till förskolan", None)],
)
def test_default_programs(text: str, expected: str | None) -> None:
    assert classify.program(parse(text), len(text)).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REKVISITIONSBLANKETT\nBelopp (kr): 3 636 000", "requisition"),
        ("Återrapporteringsformulär 2024\nSumma 936 000", "return_report"),
        ("Rutinbeskrivning för statsbidraget", "instruction"),
        ("Region Västmanland\nRutin för statsbidrag\nRutinen beskriver hur rekvisition och "
         "återrapportering hanteras", "instruction"),
    ],
)
def test_compounds_and_definite_forms_of_cue_words(text: str, expected: str) -> None:
    doc = parse(text)
    title_end = len(text.split("\n", 1)[0]) if expected != "instruction" else len(text)
    assert classify.document_type(doc, title_end).value == expected


def test_cues_in_ignored_spans_do_not_count() -> None:
    text = "Er beteckning: Anvisningar 2024-02-06\nAnsökan om rekvisition"
    doc = parse(text)
    ignored = [(text.index("Anvisningar"), text.index("\n"))]
    assert classify.document_type(doc, len(text)).value == "instruction"
    assert classify.document_type(doc, len(text), ignored).value == "requisition"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anvisningar för rekvisition av statsbidrag 2024\nRegionerna kan rekvirera medel. "
         "Rekvisitionen ska ange belopp.", "instruction"),
        ("Rutin – rekvisition och återrapportering\nRekvisition görs senast i juni.",
         "instruction"),
        ("Beslut om rekvisition av statsbidrag\nNämnden beslutar att rekvirera medlen.",
         "decision"),
        ("Rekvisition och återrapportering\nRekvirerat belopp 834 000 kr", "requisition"),
    ],
)
def test_the_title_lines_first_cue_names_the_type_later_ones_its_subject(
        text: str, expected: str) -> None:
    assert _type(text) == expected


@pytest.mark.parametrize(("text", "kind"), [
    ("Barnhälsovården informerar\nNyhetsbrev för BVC-personal juni 2024\nNya vaccinationsrutiner\n"
     "Rutinen för kompletterande vaccinationer har uppdaterats.\n", "other"),
    ("Region Värmland\nInstruktion: ekonomisk redovisning av statsbidraget för utökade\n"
     "hembesöksprogram 2024\nDenna instruktion beskriver hur enheterna fyller i underlaget.\n",
     "instruction"),
])
def test_the_title_names_what_a_mistaken_or_internal_document_is(text, kind):
    title_end = text.index("\n", text.index("\n") + 1)  # two title lines
    assert classify.document_type(parse(text), title_end).value == kind


def test_a_program_named_once_and_by_no_rival_is_sure_enough():
    text = ("Region Skåne\nRegionkansliet\nSocialstyrelsen\nEnheten för statsbidrag\n106 30 Stockholm\n"
            "Återrapportering av 2023 års statsbidrag för hembesöksprogram\n")
    result = classify.program(parse(text), text.index("\n"))
    assert result.value == "hembesok" and result.confidence >= 0.7


def test_a_program_named_once_beside_a_rival_stays_unsure():
    text = ("Region Skåne\nRegionkansliet\nSocialstyrelsen\nEnheten för statsbidrag\n"
            "Återrapportering av statsbidrag för hembesöksprogram och pilotverksamhet\n")
    assert classify.program(parse(text), text.index("\n")).confidence < 0.6


def test_a_program_named_only_through_ocr_damage_and_by_no_rival():
    text = "Ekonomisk redovisning av statsbidrag\nStatsbidrag Utökade hembeséksprogram inom barnhälsovården\n"
    result = classify.program(parse(text), 0)
    assert result.value == "hembesok" and 0.8 <= result.confidence < 0.95
