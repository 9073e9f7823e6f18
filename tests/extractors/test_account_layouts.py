"""Return reports' accounts as accountants lay them out: the unit declared in a note under the
account, and the account laid across (its posts as column headers over one row of figures)."""
from __future__ import annotations

from config.programs import default_programs
from extractors.fields import extract_fields
from extractors.fields.context import DocumentContext
from tests.extractors.test_fields import cells_doc, text_doc

TITLE = ("Region Stockholm\nÅterrapportering av statsbidrag för utökade hembesöksprogram "
         "inom barnhälsovården, bidragsår 2024.\nDatum: 23 januari 2025\n")


def test_a_note_under_the_account_declares_its_unit() -> None:
    ex = extract_fields(text_doc(
        TITLE + "Redovisning:\nErhållet bidrag: 13 845,0\nKostnader:\n"
        "Personalkostnader: 7 545,1\nUtbildning och handledning: 6 344,9\n"
        "Summa kostnader: 13 890,0\nFörbrukat bidrag: 13 890,0\nÅterbetalning: 0,0\n"
        "(Beloppen anges i tkr.)\nStockholm 23 januari 2025\n"))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 13_845_000, "used": 13_890_000, "unused": 0}


def test_a_note_in_thousands_of_kronor_spelled_out() -> None:
    ex = extract_fields(text_doc(
        TITLE + "Erhållet statsbidrag 2024 3 044,0\nSumma förbrukade medel 2 611,4\n"
        "Återbetalning 432,6\nSamtliga belopp anges i tusentals kronor (tkr).\n"))
    assert ex.amounts["received"].value == 3_044_000
    assert ex.amounts["unused"].value == 432_600


def test_a_year_in_running_text_below_a_unit_note_is_no_amount() -> None:
    ex = extract_fields(text_doc(
        TITLE + "Erhållet bidrag 8 821,0\nFörbrukat 7 357,7\nEj förbrukat 1 463,3\n"
        "Belopp i tkr.\nUnder 2024 har regionen förbrukat knappt 7,4 miljoner kronor.\n"))
    assert ex.amounts["used"].value == 7_357_700


def test_an_account_laid_across_reads_each_post_from_its_column() -> None:
    header = [(56, 300, "Erhållet bidrag"), (160, 300, "Personal"), (240, 300, "Resor"),
              (320, 300, "Summa kostnader"), (430, 300, "Förbrukat"),
              (500, 300, "Ej förbrukat")]
    figures = [(60, 330, "1 479 000"), (160, 330, "525 100"), (240, 330, "840 800"),
               (330, 330, "1 365 900"), (430, 330, "1 365 900"), (505, 330, "113 100")]
    lines = [(56, 100, "Region Uppsala"),
             (56, 130, "Återrapportering av statsbidrag för utökade hembesöksprogram 2024"),
             (56, 160, "Datum: 2025-03-03"), *header, *figures,
             (56, 360, "Belopp i kronor.")]
    ex = extract_fields(cells_doc(lines, confidence=0.96))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 1_479_000, "used": 1_365_900, "unused": 113_100}


def test_a_figure_with_one_decimal_and_no_unit_found_goes_to_review() -> None:
    ex = extract_fields(text_doc(
        TITLE + "Erhållet bidrag: 13 845,0\nFörbrukat bidrag: 13 890,0\nÅterbetalning: 0,0\n"))
    assert ex.amounts["received"].value == 13_845
    assert min(e.raw_confidence for e in ex.evidence if e.field == "amounts.received") <= 0.5


def test_a_sentence_naming_two_posts_heads_no_columns() -> None:
    """Only a line over a row of figures heads an account's columns: the posts a sentence
    names in passing are no labels."""
    text = (TITLE + "Erhållet bidrag och förbrukat belopp redovisas i tabellen nedan\n"
            "Personalkostnader 1 200 000 kr\n"
            "Erhållet bidrag: 1 500 000 kr\nFörbrukat: 1 200 000 kr\nEj förbrukat: 300 000 kr\n")
    labels = DocumentContext(text_doc(text), default_programs()).labels
    assert not [lb for lb in labels if lb.line == 3 and lb.field == "used"]
    ex = extract_fields(text_doc(text))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 1_500_000, "used": 1_200_000, "unused": 300_000}


def test_an_account_in_prose_under_a_dated_letterhead() -> None:
    """The dateline's year (2025) is the letter's, not a grant year the account's "för 2024"
    would contradict."""
    ex = extract_fields(text_doc(
        "Region Kalmar län\nDatum: 27 februari 2025\nDnr: RS 2025/00566\nSocialstyrelsen\n"
        "Återrapportering – statsbidrag för utökade\nhembesöksprogram 2024\nVerksamhet\n"
        "Under 2024 har arbetet med utökade hembesök fortsatt i samverkan mellan\n"
        "barnhälsovården och socialtjänsten.\nEkonomisk redovisning\n"
        "Region Kalmar län har beviljats och tagit emot 2 093 000 kr i statsbidrag för 2024.\n"
        "Under året har verksamheten haft kostnader på 1 760 831 kr som finansierats med\n"
        "bidraget.\nÖverskottet om 332 169 kr återbetalas till Socialstyrelsen.\n"))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 2_093_000, "used": 1_760_831, "unused": 332_169}


def test_remaining_funds_and_a_speck_glued_before_a_damaged_label() -> None:
    ex = extract_fields(text_doc(
        TITLE + "Ekonomisk redovisning\n_ErhAallet bidrag: 1 610 000 kr\n"
        "Använda medel 1 466 794:-\nKvarstående medel 143 206:-\n", source="ocr",
        confidence=0.9))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 1_610_000, "used": 1_466_794, "unused": 143_206}


def test_a_units_abbreviation_point_ends_its_sentence() -> None:
    ex = extract_fields(text_doc(
        TITLE + "Inga kostnader har belastat statsbidraget under året.\n"
        "Erhållet statsbidrag för 2023 uppgår till 446 000 kr. Förbrukade medel uppgår till 0 kr. Ej\n"
        "förbrukade medel att återbetala: 446 000 kr.\n"))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 446_000, "used": 0, "unused": 446_000}


def test_an_account_laid_across_over_figures_in_kronor() -> None:
    ex = extract_fields(text_doc(
        TITLE + "Summa förbrukade medel 484 600\nErhållet bidrag Förbrukat Ej förbrukat\n"
        "580 000 kronor 484 600 kronor 95 400 kronor\n"))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 580_000, "used": 484_600, "unused": 95_400}


def test_one_figure_is_one_fields() -> None:
    """A header row OCR damaged ("Forbrukakj" for "Förbrukat Ej") leaves its unused column
    unread; its received figure is not taken for unused from the header's words above it."""
    ex = extract_fields(text_doc(
        TITLE + "Erhallet statsbidrag Forbrukakj förbrukat / att återbetala\n"
        "1 292 000,00 kr 1 155 100,00 kr 136 900,00 kr\n", source="ocr", confidence=0.9))
    assert ex.amounts["received"].value == 1_292_000
    assert ex.amounts.get("unused") is None or ex.amounts["unused"].value != 1_292_000
