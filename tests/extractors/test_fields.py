"""Golden tests: small documents built here, every field of the record read with evidence."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from config.calibration import review_threshold
from config.programs import default_programs
from extractors.fields import extract_fields
from extractors.fields.context import DocumentContext
from extractors.model import Amount, DocumentText, Extraction, PageText, Word
from extractors.reading.ocr import group_lines

CHAR = 5.5
LINE = 14.0


def raw(ex: Extraction, field: str) -> float:
    """The reader's own confidence in a field, before calibration."""
    return min(e.raw_confidence for e in ex.evidence if e.field == field)


def text_doc(text: str, source: str = "text", confidence: float = 1.0) -> DocumentText:
    """One page whose lines are the lines of ``text``, words laid out left to right."""
    words = []
    for i, line in enumerate(text.strip("\n").splitlines()):
        x = 56.0
        for token in line.split():
            words.append(Word(token, 1, (x, 60 + i * LINE, x + CHAR * len(token), 70 + i * LINE),
                              confidence, i))
            x += CHAR * (len(token) + 1)
    return DocumentText([PageText(1, 595, 842, words, source)], "application/pdf")


def cells_doc(cells: list[tuple[float, float, str]], confidence: float = 0.95,
              slope: float = 0.0) -> DocumentText:
    """An OCR page from (x, y, text) cells, in the order OCR emitted them, lined up as the
    reader does it (extractors.reading.ocr.group_lines in the deskewed frame).

    ``slope`` tilts the page: each word sits ``slope * x`` lower than at the left margin.
    """
    words = []
    for x, y, text in cells:
        for token in text.split():
            top = y + slope * x
            words.append(Word(token, 1, (x, top, x + CHAR * len(token), top + 10), confidence,
                              upright=(x, y, x + CHAR * len(token), y + 10)))
            x += CHAR * (len(token) + 1)
    return DocumentText([PageText(1, 595, 842, group_lines(words), "ocr")],
                        "application/pdf")


def codes(orgs) -> list[str]:
    return [o.code for o in orgs]


REQUISITION = """
Region Östergötland
Datum: 4 februari 2024
Diarienummer: RS 2023/7246
Rekvisition av statsbidrag – utökade hembesöksprogram 2024
Region Östergötland rekvirerar statsbidrag för utökade hembesöksprogram 2024.
Rekvirerat belopp 4 369 000 SEK
Samverkande kommuner Motala kommun, Norrköpings kommun,
Linköpings kommun och Gotland
Andel till kommunal verksamhet 25 %
Önskar ta del av kvarvarande medel Ja
"""


def test_requisition_from_a_text_layer() -> None:
    ex = extract_fields(text_doc(REQUISITION))
    assert ex.document_type == "requisition"
    assert ex.program == "hembesok"
    assert ex.grant_year == 2024
    assert (ex.organisation.kind, ex.organisation.code) == ("region", "05")
    assert ex.amounts == {"requested": Amount(4_369_000, 1)}
    assert ex.document_date == date(2024, 2, 4)
    assert codes(ex.collaborating_municipalities) == ["0583", "0581", "0580", "0980"]
    assert ex.municipal_share_percent == 25
    assert ex.reference == "RS 2023/7246"
    evidence = {e.field: e for e in ex.evidence}
    assert evidence["amounts.requested"].text == "4 369 000 SEK"
    assert evidence["amounts.requested"].confidence > 0.95
    assert evidence["amounts.requested"].page == 1
    x0, top, x1, bottom = evidence["amounts.requested"].bbox
    assert x0 < x1 and top < bottom


def test_two_column_table_where_ocr_emits_the_label_column_first() -> None:
    cells = [
        (56, 60, "Rekvisition – Pilotverksamhet i barnhälsovården 2023"),
        (56, 90, "Kommun"), (56, 104, "Belopp"), (56, 118, "Datum"), (56, 132, "Avser"),
        (300, 91, "Malmös stad"), (300, 105, "575 000 kronor"), (300, 119, "2023-06-10"),
        (300, 133, "Förebyggande socialtjänst inom pilotverksamheten"),
    ]
    ex = extract_fields(cells_doc(cells))
    assert ex.document_type == "requisition"
    assert ex.program == "bhv-pilot"
    assert ex.grant_year == 2023
    assert (ex.organisation.kind, ex.organisation.code) == ("municipality", "1280")
    assert ex.amounts == {"requested": Amount(575_000, 1)}
    assert ex.document_date == date(2023, 6, 10)
    assert ex.collaborating_municipalities == []


def test_skewed_scan_keeps_label_and_value_on_one_row() -> None:
    slope = 0.02
    cells = [(56, 60, "Rekvisition av statsbidrag – utökade hembesöksprogram 2024"),
             (56, 80, "Organisation: Region Halland")]
    for i, (label, value) in enumerate([("Rekvirerat belopp", "580 000 SEK"),
                                        ("Datum", "2024-03-14"),
                                        ("Andel till kommunal verksamhet", "50 %")]):
        cells.append((56, 110 + i * 16, label))
        cells.append((330, 110 + i * 16, value))
    ex = extract_fields(cells_doc(cells, slope=slope))
    assert ex.amounts["requested"] == Amount(580_000, 1)
    assert ex.document_date == date(2024, 3, 14)
    assert ex.municipal_share_percent == 50
    assert ex.organisation.code == "13"


def test_scan_skewed_three_degrees_keeps_its_rows() -> None:
    cells = [(56, 60, "Rekvisition av statsbidrag – utökade hembesöksprogram 2024"),
             (56, 80, "Organisation: Region Halland")]
    for i, (label, value) in enumerate([("Rekvirerat belopp", "580 000 SEK"),
                                        ("Andel till kommunal verksamhet", "50 %")]):
        cells.append((56, 110 + i * 16, label))
        cells.append((330, 110 + i * 16, value))
    ex = extract_fields(cells_doc(cells, slope=0.0507))  # tan 2.9°
    assert ex.amounts["requested"] == Amount(580_000, 1)
    assert ex.municipal_share_percent == 50


RETURN_REPORT = """
Återrapportering av statsbidrag – utökade
hembesöksprogram 2024
Organisation: Region Västernorrland
Datum: 7 januari 2025
Redovisningsperiod: 2024-01-01 – 2024-12-31
Erhållet statsbidrag 979 000 kr
Förbrukat 936 000 kr
Ej förbrukade medel (återbetalas) 43 000 SEK
Ekonomisk redovisning
Kostnadsslag Belopp (kr)
Personalkostnader, BHV-sjuksköterskor 514 800
Personalkostnader, socialtjänst 280 800
Resor och transporter 46 800
Utbildning och material 90 000
Summa förbrukade medel 936 000
"""


def test_return_report_with_itemised_table() -> None:
    ex = extract_fields(text_doc(RETURN_REPORT))
    assert ex.document_type == "return_report"
    assert ex.grant_year == 2024  # the year reported on, not the year written
    assert ex.document_date == date(2025, 1, 7)  # not the period
    assert ex.organisation.code == "22"
    assert ex.amounts == {"received": Amount(979_000), "used": Amount(936_000),
                          "unused": Amount(43_000)}
    (table,) = ex.tables
    assert table.rows == (514_800, 280_800, 46_800, 90_000)
    assert table.total == 936_000  # rows add up to 932 400: the validator flags it


OCR_TABLE = """
Återrapportering av statsbidrag – utökade hembesöksprogram 2024
Organisation: Region Norrbotten
Datum: 2025-01-22
Kostnadsslag Belopp (kr)
Personalkostnader, BHV-sjuksköterskor 1941 500
Personalkostnader, socialtjänst 1.089 000
Resor och transporter 176 500
Utbildning och material 353 000
“Summa förbrukade medel 3530000
"""


def test_ocr_table_with_lost_spaces_and_specks_still_counts() -> None:
    (table,) = extract_fields(text_doc(OCR_TABLE, source="ocr", confidence=0.9)).tables
    assert table.rows == (1_941_500, 1_089_000, 176_500, 353_000)
    assert table.total == 3_530_000


def test_doubtful_ocr_table_that_does_not_add_up_is_not_reported() -> None:
    assert extract_fields(text_doc(OCR_TABLE, source="ocr", confidence=0.6)).tables == []


DECISION = """
Region Örebro län
Fördelning av statsbidrag för utökade hembesök
Dnr: RS 2023/446
Regionstyrelsen beslutar att fördela statsbidraget (1,3 miljoner kronor 2023) för utökade
hembesöksprogram till centrala barnhälsovårdsenheten.
Totalt är statsbidraget på 42 miljoner kronor varav Region Örebro län får ta del
av 1,349 miljoner kronor. Medlen ska användas senast 31 december 2023.
Sammanträdesdatum 2023-10-14
"""


def test_decision_amount_and_date() -> None:
    ex = extract_fields(text_doc(DECISION))
    assert ex.document_type == "decision"
    assert ex.grant_year == 2023
    assert ex.organisation.code == "18"
    assert ex.amounts == {"decided": Amount(1_300_000, 100_000)}
    assert ex.document_date == date(2023, 10, 14)
    assert ex.reference == "RS 2023/446"


def test_decision_without_a_labelled_date_ignores_the_deadline() -> None:
    text = DECISION.replace("Sammanträdesdatum 2023-10-14", "Beslutsunderlag PM 2023-11-21")
    assert extract_fields(text_doc(text)).document_date == date(2023, 11, 21)


OCR_NOISY_REPORT = """
Återrapportering av statsbidrag – utökade hembesöksprogram 2024
Organisation: REGION NORRBOTTEN
Datum: 2025-01-22
| Erhållet statsbidrag ' 5 035 000 kr |
| Forbrukat so mA ee fet - 3 530 000 kr | a
Ej förbrukade medel (återbetalas) a 505 000 SEK
"""


def test_ocr_noise_around_values() -> None:
    ex = extract_fields(text_doc(OCR_NOISY_REPORT, source="ocr", confidence=0.9))
    assert ex.organisation.code == "25"
    assert ex.amounts["received"] == Amount(5_035_000)
    assert ex.amounts["used"] == Amount(3_530_000)
    # A digit read as a letter: the value may be wrong, so it goes to review.
    assert raw(ex, "amounts.unused") < 0.5
    assert ex.confidence("amounts.unused") < review_threshold()
    assert ex.confidence("amounts.received") >= review_threshold()


def test_ocr_damaged_labels_and_names() -> None:
    text = """
Rekvisition av statsbidrag – utökade hembesöksprogram 2024
KOMMUNEN KALMAR
Rekvirerat belopp 1089 000 kr
Datum: 14 februan 2024
"""
    ex = extract_fields(text_doc(text, source="ocr", confidence=0.9))
    assert (ex.organisation.kind, ex.organisation.code) == ("municipality", "0880")
    assert ex.amounts["requested"] == Amount(1_089_000)
    assert ex.document_date == date(2024, 2, 14)


def test_genitive_municipality_label() -> None:
    text = "Rekvisition – Pilotverksamhet i barnhälsovården 2023\nKommun Göteborgs Stad\nBelopp 600 000 SEK"
    ex = extract_fields(text_doc(text))
    assert (ex.organisation.kind, ex.organisation.code) == ("municipality", "1480")
    assert ex.amounts["requested"] == Amount(600_000)


def test_requisition_sentence_and_share_in_procent() -> None:
    text = """
Rekvisition
Region Gotland
Vi rekvirerar härmed 834 000:- för utökade hembesöksprogram 2024.
Andelen som går till kommunal verksamhet är 45 procent.
"""
    ex = extract_fields(text_doc(text))
    assert ex.organisation.code == "09" and ex.organisation.kind == "region"
    assert ex.amounts["requested"] == Amount(834_000)
    assert ex.municipal_share_percent == 45
    assert ex.collaborating_municipalities == []


def test_instruction_and_unknown_program() -> None:
    ex = extract_fields(text_doc("Anvisningar för statsbidrag till förskolan\nRegeringens beslut"))
    assert ex.document_type == "instruction"
    assert ex.program is None


def test_empty_and_garbage_documents() -> None:
    empty = extract_fields(DocumentText([], "application/pdf"))
    assert empty.document_type == "other" and empty.evidence == []
    garbage = extract_fields(text_doc("|| ;; ee fet ~~ 000 a\n© © ©", source="ocr", confidence=0.2))
    assert garbage.document_type == "other"
    assert garbage.amounts == {} and garbage.organisation is None


@pytest.mark.parametrize(
    ("line", "share"),
    [
        ("Av bidraget ska 40 procent finansiera kommunal verksamhet.", 40),
        ("Andel: 40%", 40),
        ("Rekvirerat belopp 580 000 kr Andel: 35 %", 35),
        ("Del av bidraget som ska finansiera kommunal verksamhet: 45 %", 45),
        ("Kommunernas andel: 20 %", 20),
        ("Andel till kommun 45 % Andel till region 55 %", 45),
        ("Andel till region 55 % Andel till kommun 45 %", 45),
        ("Regionens andel: 60 %", None),
        ("Kommunal andet: 40 %", 40),  # OCR's t for l
        ("Kommunal ande1 i procent: 50", 50),
        ("Personalkostnaderna ökade med 12 % jämfört med 2023.", None),
    ],
)
def test_municipal_share_in_other_wordings(line: str, share: float | None) -> None:
    text = f"Rekvisition – utökade hembesöksprogram 2024\nRegion Halland\n{line}\n"
    assert extract_fields(text_doc(text)).municipal_share_percent == share


def test_municipal_share_in_a_sentence_that_wraps() -> None:
    text = """
Rekvisition – utökade hembesöksprogram 2024
Härmed rekvirerar Region Skåne 9 903 tkr. Av bidraget ska 40
procent finansiera kommunal verksamhet.
"""
    ex = extract_fields(text_doc(text))
    assert ex.municipal_share_percent == 40
    assert ex.amounts["requested"] == Amount(9_903_000, 1000)


def test_decision_amount_whose_unit_wraps_to_the_next_line() -> None:
    text = """
Region Uppsala
Datum: 2023-11-21
Förslag till beslut
Regionstyrelsens arbetsutskott föreslår regionstyrelsen besluta att fördela statsbidraget (2,1
miljoner kronor 2023) för utökade hembesöksprogram till barnhälsovårdsenheten.
Totalt är statsbidraget på 42 miljoner kronor varav Region Uppsala får ta del av 2,1 miljoner
kronor.
"""
    ex = extract_fields(text_doc(text))
    assert ex.amounts == {"decided": Amount(2_100_000, 100_000)}


def test_return_report_in_prose() -> None:
    text = """
Region Norrbotten
Luleå den 28 januari 2025
Återrapportering av statsbidrag för utökade hembesöksprogram 2024
Region Norrbotten har erhållit 5 035 000 kronor i statsbidrag för utökade hembesöksprogram.
Av dessa har 4 800 000 kronor förbrukats under året. Ej förbrukade medel, 235 000 kronor,
återbetalas till Socialstyrelsen.
"""
    ex = extract_fields(text_doc(text))
    assert ex.document_type == "return_report"
    assert ex.amounts == {"received": Amount(5_035_000), "used": Amount(4_800_000),
                          "unused": Amount(235_000)}
    assert ex.document_date == date(2025, 1, 28)


def test_prose_that_wraps_between_ej_and_forbrukade_keeps_the_unused_amount() -> None:
    text = """
Återrapportering av statsbidrag för utökade hembesöksprogram 2024
Region Norrbotten har erhållit 5 035 000 kronor i statsbidrag för utökade
hembesöksprogram. Av dessa har 4 800 000 kronor förbrukats under året. Ej
förbrukade medel, 235 000 kronor, återbetalas till Socialstyrelsen.
"""
    ex = extract_fields(text_doc(text))
    assert ex.amounts == {"received": Amount(5_035_000), "used": Amount(4_800_000),
                          "unused": Amount(235_000)}


def test_labelled_report_amounts_win_over_prose() -> None:
    text = RETURN_REPORT + "Regionen har erhållit 1 000 000 kronor totalt sedan 2023.\n"
    ex = extract_fields(text_doc(text))
    assert ex.amounts["received"] == Amount(979_000)


def test_bullets_without_a_unicode_mapping_do_not_hide_a_list_of_municipalities() -> None:
    text = """
Västra Götalandsregionen
Rekvisition – statsbidrag för utökade hembesöksprogram 2024
Samverkande kommuner:
(cid:127) Göteborgs Stad
(cid:127) Borås Stad
(cid:127) Trollhättans stad
"""
    ex = extract_fields(text_doc(text))
    assert codes(ex.collaborating_municipalities) == ["1480", "1490", "1488"]
    assert [o.name for o in ex.collaborating_municipalities] == [
        "Göteborgs Stad", "Borås Stad", "Trollhättans stad"]


def test_region_named_in_the_genitive_in_the_title() -> None:
    text = """
Region Sörmlands återrapportering av statsbidrag för utökade hembesöksprogram 2024
Nyköping 2025-02-27
Utbetalt statsbidrag: 1 200 000 kr
Summa förbrukat: 1 180 000 kr
Återbetalningsbelopp: 20 000 kr
"""
    ex = extract_fields(text_doc(text))
    assert (ex.organisation.kind, ex.organisation.code) == ("region", "04")
    assert ex.amounts == {"received": Amount(1_200_000), "used": Amount(1_180_000),
                          "unused": Amount(20_000)}
    assert raw(ex, "amounts.unused") == 1.0  # a label, not a guess from prose


def test_return_report_label_words_beyond_erhallet_and_forbrukat() -> None:
    text = """
Region Jämtland Härjedalen
Östersund 2025-02-14
Återrapportering – utökade hembesöksprogram 2024
Totalt erhållet bidrag: 503 000 kr
Redovisade kostnader: 480 500 kr
Ej nyttjade medel: 22 500 kr
"""
    ex = extract_fields(text_doc(text))
    assert ex.amounts == {"received": Amount(503_000), "used": Amount(480_500),
                          "unused": Amount(22_500)}


def test_requested_sum_label_and_share_with_its_unit_in_the_label() -> None:
    text = """
Rekvisition av statsbidrag för utökade hembesöksprogram 2024
Från:
Region Kronoberg
Summa att rekvirera: 1 100 000 kr
Kommunal andel i procent: 50
"""
    ex = extract_fields(text_doc(text))
    assert ex.amounts["requested"] == Amount(1_100_000)
    assert raw(ex, "amounts.requested") == 1.0
    assert ex.municipal_share_percent == 50
    assert ex.confidence("municipal_share_percent") >= 0.9


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Regionen kommer att samverka med Uppsala kommun, Enköpings kommun och Tierps kommun.",
         ["0380", "0381", "0360"]),
        ("Arbetet bedrivs tillsammans med Gävle kommun och Sandvikens kommun. Andel 25 %.",
         ["2180", "2181"]),
        ("Region Dalarna rekvirerar 1 142 000 kr. Samverkande kommuner är Falu\n"
         "kommun och Borlänge kommun. Kommunal andel 50 %.", ["2080", "2081"]),
        ("Kommuner i samverkan\nKarlstads kommun, Kristinehamns kommun", ["1780", "1781"]),
        ("Regionen samarbetar med\nLuleå kommun och Bodens kommun i Region Norrbotten.",
         ["2580", "2582"]),
    ],
)
def test_collaborating_municipalities_in_letter_wordings(sentence: str,
                                                        expected: list[str]) -> None:
    text = f"Rekvisition – utökade hembesöksprogram 2024\n{sentence}\n"
    assert codes(extract_fields(text_doc(text)).collaborating_municipalities) == expected


def test_cost_table_in_tkr_gives_used_and_an_itemised_table() -> None:
    text = """
Region Uppsala
Återrapportering av statsbidrag för utökade hembesöksprogram 2024
Datum 2025-02-07
Erhållet bidrag 2 535 tkr
Kostnadsredovisning
Kostnadsslag Belopp (tkr)
Barnhälsovårdssjuksköterskor 1 410
Föräldrarådgivare, socialtjänst 620,4
Tolkkostnader 45
Summa kostnader 2 075,4
Medel att återbetala 459,6 tkr
"""
    ex = extract_fields(text_doc(text))
    assert ex.amounts == {"received": Amount(2_535_000, 1000), "used": Amount(2_075_400, 100),
                          "unused": Amount(459_600, 100)}
    assert [(t.rows, t.total) for t in ex.tables] == [((1_410_000, 620_400, 45_000), 2_075_400)]


def test_stacked_label_declares_the_unit_of_the_value_below() -> None:
    text = """
Återrapport – utökade hembesöksprogram 2024
Erhållet bidrag (tkr)
979
Förbrukade medel (tkr)
936
"""
    ex = extract_fields(text_doc(text))
    assert ex.amounts["received"].value == 979_000
    assert ex.amounts["used"].value == 936_000


def test_a_requisitions_budget_total_is_not_a_used_amount() -> None:
    text = """
Rekvisition av statsbidrag för utökade hembesöksprogram 2024
Region Halland rekvirerar 580 000 kr.
Budget
Personal 400 000
Tolk 180 000
Summa kostnader 580 000
"""
    ex = extract_fields(text_doc(text))
    assert ex.amounts == {"requested": Amount(580_000)}


def test_their_reference_names_another_document_not_this_ones_type_or_date() -> None:
    text = """
Region Jönköpings län
Box 1024, 551 11 Jönköping
Vår beteckning: RJL 2024/611
Er beteckning: Anvisningar 2024-02-06
Ansökan om rekvisition – utökade hembesöksprogram 2024
Vi ansöker om att rekvirera 4 913 000 kr, av totalt 82 000 000 kr.
Jönköping 2024-03-04
"""
    ex = extract_fields(text_doc(text))
    assert ex.document_type == "requisition"
    assert ex.document_date == date(2024, 3, 4)
    assert ex.amounts == {"requested": Amount(4_913_000)}
    assert ex.reference == "RJL 2024/611"


def test_form_with_each_value_on_the_line_below_its_label() -> None:
    text = """
Region Kalmar län
REKVISITIONSBLANKETT – STATSBIDRAG UTÖKADE HEMBESÖKSPROGRAM
Sökande organisation
Region Kalmar län
Bidragsår
2024
Belopp (kr):
3 636 000
Samverkande kommuner
Kalmar kommun
Nybro kommun
Andel till kommunal verksamhet (%)
35
Datum
2024-02-19
"""
    ex = extract_fields(text_doc(text))
    assert ex.document_type == "requisition"
    assert ex.grant_year == 2024
    assert ex.amounts == {"requested": Amount(3_636_000)}
    assert codes(ex.collaborating_municipalities) == ["0880", "0881"]
    assert ex.municipal_share_percent == 35
    assert ex.confidence("municipal_share_percent") >= 0.9
    assert ex.document_date == date(2024, 2, 19)


def test_protocol_decides_the_amount_under_beslut_not_the_allocation_it_describes() -> None:
    text = """
Region Uppsala
PROTOKOLLSUTDRAG
Hälso- och sjukvårdsnämnden Sammanträdesdatum: 2023-10-18
§ 94 Statsbidrag för utökade hembesöksprogram 2023
Ärendebeskrivning
Av statsbidragets 42 miljoner kronor har Region Uppsala tilldelats 1 709 tkr.
Beslut
Nämnden fördelar 1,7 miljoner kronor till barnhälsovården.
Justerat 2023-10-23
"""
    ex = extract_fields(text_doc(text))
    assert ex.document_type == "decision"
    assert ex.amounts == {"decided": Amount(1_700_000, 100_000)}
    assert ex.document_date == date(2023, 10, 18)


def test_decision_sentence_wins_over_an_earlier_allocation_sentence() -> None:
    text = """
Region Kronoberg
Statsbidrag för utökade hembesöksprogram 2023
Region Kronoberg tilldelas 1 811 000 kronor enligt fördelningslistan.
Regionstyrelsen beslutar att fördela 1 800 000 kronor till barnhälsovården.
"""
    assert extract_fields(text_doc(text)).amounts == {"decided": Amount(1_800_000)}


def test_recipient_label_names_the_organisation_a_federation_writes_for() -> None:
    text = """
Storsthlm
Kommunförbundet för Stockholms län
Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023
Storsthlm översänder kommunens rekvisition.
Mottagare Botkyrka kommun
Belopp (kr): 580 000
"""
    ex = extract_fields(text_doc(text))
    assert (ex.organisation.kind, ex.organisation.code) == ("municipality", "0127")
    assert ex.amounts == {"requested": Amount(580_000)}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Dnr HSN 2024-00231", "HSN 2024-00231"),
        ("Vår beteckning RÖ 2024-01877", "RÖ 2024-01877"),
        ("Diarienummer: RS-LED24-0519", "RS-LED24-0519"),
        ("Dnr 23RK1456", "23RK1456"),
        ("Diarienr Soc 2025/88", "Soc 2025/88"),
        ("Vår beteckning\nRS/2024:112", "RS/2024:112"),
        ("Dnr: saknas", None),
    ],
)
def test_reference_in_other_forms_after_its_label(line: str, expected: str | None) -> None:
    text = f"Region Uppsala\nRekvisition – utökade hembesöksprogram 2024\n{line}\n"
    assert extract_fields(text_doc(text)).reference == expected


def test_a_name_ending_a_list_with_a_colon_is_no_label() -> None:
    text = """
Rekvisition av statsbidrag utökade hembesöksprogram 2024
Region Östergötland
Samverkanskommuner Linköpings kommun, Norrköpings kommun, Motala kommun:
Andel som avser kommunal verksamhet 30 %
"""
    ex = extract_fields(text_doc(text))
    assert codes(ex.collaborating_municipalities) == ["0580", "0581", "0583"]


def table_rows(*rows: tuple[str, ...], columns: tuple[float, ...] = (56, 300, 450),
               top: float = 60) -> list[tuple[float, float, str]]:
    """(x, y, text) cells of rows laid out in columns, one row a line."""
    return [(x, top + i * LINE, cell) for i, row in enumerate(rows)
            for x, cell in zip(columns, row) if cell]


def test_budget_and_utfall_columns_give_used_from_utfall_and_a_table_per_column() -> None:
    cells = table_rows(
        ("Region Skåne",),
        ("Återrapportering av statsbidrag för utökade hembesöksprogram 2023",),
        ("Erhållet bidrag", "6 334 000 kr"),
        ("Kostnadsslag", "Budget", "Utfall"),
        ("Personal", "3 800 000", "3 650 000"),
        ("Tolk", "2 534 000", "2 414 000"),
        ("Totalt", "6 334 000", "6 064 000"),
    )
    ex = extract_fields(cells_doc(cells, confidence=1.0))
    assert ex.amounts["received"] == Amount(6_334_000)
    assert ex.amounts["used"] == Amount(6_064_000)
    assert [(t.rows, t.total) for t in ex.tables] == [
        ((3_800_000, 2_534_000), 6_334_000), ((3_650_000, 2_414_000), 6_064_000)]


def test_a_grand_total_sums_the_subtotals_of_its_groups() -> None:
    cells = table_rows(
        ("Region Kronoberg",),
        ("Återrapportering – ekonomisk redovisning 2023",),
        ("Kostnadsslag", "Budget 2023", "Utfall 2023"),
        ("Personalkostnader",),
        ("Lönekostnader BVC-sjuksköterskor", "159 100", "82 200"),
        ("varav sociala avgifter", "44 500", "23 000"),
        ("Tolkkostnader", "203 000", "206 200"),
        ("Summa personalkostnader", "362 100", "288 400"),
        ("Övriga kostnader",),
        ("Utbildning och handledning", "146 600", "90 500"),
        ("Resor, material och lokaler", "94 900", "130 100"),
        ("Summa övriga kostnader", "241 500", "220 600"),
        ("SUMMA KOSTNADER", "603 600", "509 000"),
    )
    ex = extract_fields(cells_doc(cells, confidence=1.0))
    assert [(t.rows, t.total) for t in ex.tables] == [
        ((159_100, 203_000), 362_100), ((82_200, 206_200), 288_400),
        ((146_600, 94_900), 241_500), ((90_500, 130_100), 220_600),
        ((362_100, 241_500), 603_600), ((288_400, 220_600), 509_000)]
    assert ex.amounts["used"] == Amount(509_000)


def test_a_row_label_wrapped_onto_a_line_of_its_own_stays_in_the_table() -> None:
    cells = table_rows(
        ("Återrapportering – ekonomisk redovisning 2024",),
        ("Kostnadsslag", "Budget 2024", "Utfall 2024"),
        ("Lönekostnader BVC", "604 300", "666 600"),
        ("socialsekreterare",),
        ("Lönekostnader (kommunerna)", "666 900", "707 200"),
        ("Summa personalkostnader", "1 271 200", "1 373 800"),
    )
    ex = extract_fields(cells_doc(cells, confidence=0.95))
    assert [(t.rows, t.total) for t in ex.tables] == [
        ((604_300, 666_900), 1_271_200), ((666_600, 707_200), 1_373_800)]


def test_rows_that_end_at_a_row_whose_figures_did_not_read_make_no_table() -> None:
    cells = table_rows(
        ("Återrapportering – ekonomisk redovisning 2024",),
        ("Kostnadsslag", "Budget 2024", "Utfall 2024"),
        ("Lönekostnader BVC", "604 300"),  # OCR lost the Utfall figure
        ("Tolkkostnader", "666 900", "707 200"),
        ("Resor", "740 500", "588 300"),
        ("Summa personalkostnader", "2 011 700", "1 962 100"),
    )
    assert extract_fields(cells_doc(cells, confidence=0.95)).tables == []


def test_year_columns_take_the_grant_years_column_and_a_label_year_is_no_digit_group() -> None:
    cells = table_rows(
        ("Region Halland",),
        ("Återrapportering – utökade hembesöksprogram 2024",),
        ("Erhållet bidrag 2024", "580 000 kr"),
        ("Kostnadsslag", "2024", "2023"),
        ("Personal", "402 000", "610 000"),
        ("Socialtjänst", "141 000", "380 000"),
        ("Summa kostnader", "543 000", "990 000"),
    )
    ex = extract_fields(cells_doc(cells, confidence=1.0))
    assert ex.amounts["received"] == Amount(580_000)
    assert ex.amounts["used"] == Amount(543_000)


def test_varav_row_is_not_summed_and_summa_totalt_gives_used() -> None:
    cells = table_rows(
        ("Region Kronoberg",),
        ("Ekonomisk redovisning – utökade hembesöksprogram 2023",),
        ("Erhållet bidrag", "1 811 000 kr"),
        ("Kostnadsslag", "", "Belopp (kr)"),
        ("Personalkostnader", "", "1 420 000"),
        ("varav sociala avgifter", "", "446 000"),
        ("Resor", "", "246 000"),
        ("Summa totalt", "", "1 666 000"),
    )
    ex = extract_fields(cells_doc(cells, confidence=1.0))
    assert ex.amounts["used"] == Amount(1_666_000)
    assert [(t.rows, t.total) for t in ex.tables] == [((1_420_000, 246_000), 1_666_000)]


def test_a_first_body_sentence_under_a_short_title_does_not_weigh_as_heading() -> None:
    text = """
Socialstyrelsen
Anvisningar för återrapportering – utökade hembesöksprogram 2023
Återrapporteringen ska innehålla erhållet bidrag, förbrukade medel och ej förbrukade medel.
Ej förbrukade medel återbetalas efter faktura.
"""
    ex = extract_fields(text_doc(text))
    assert ex.document_type == "instruction"
    assert (ex.program, ex.grant_year) == ("hembesok", 2023)


def test_a_region_named_as_collaborator_above_the_applicant_is_no_region_label() -> None:
    text = """
Malmö stad
Rekvisition av statsbidrag – pilotverksamhet i barnhälsovården 2023
Samverkanspart
Region Skåne
Sökande kommun
Malmö stad
Belopp (kr)
580 000
"""
    ex = extract_fields(text_doc(text))
    assert (ex.organisation.kind, ex.organisation.code) == ("municipality", "1280")


def test_a_municipality_name_damaged_by_ocr_in_a_collaborator_list() -> None:
    text = """
Rekvisition av statsbidrag för utökade hembesöksprogram 2024
Region Gävleborg
Samverkande kommuner: Giivle kommun, Sandviken kommun
"""
    ex = extract_fields(text_doc(text, source="ocr", confidence=0.9))
    assert codes(ex.collaborating_municipalities) == ["2180", "2181"]


# -- amounts stated in prose by a verb, and statements of zero (issue 10, class 1) -----------

REPORT_IN_PROSE = """Region Östergötland
Datum 2025-02-12
Återrapportering av statsbidrag – utökade hembesöksprogram 2024
Region Östergötland har för bidragsåret 2024 tagit emot 4 778 000 kronor i
statsbidrag. Under perioden den 1 januari 2024 till den 31 december 2024 har 4 415
700:- använts för utökade hembesök i samverkan med socialtjänsten.
{unused}
"""


def test_a_return_report_in_prose_states_its_amounts_by_verbs():
    text = REPORT_IN_PROSE.format(unused="Ej använda medel, 362 300:-, återbetalas till Socialstyrelsen.")
    ex = extract_fields(text_doc(text))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 4_778_000, "used": 4_415_700, "unused": 362_300}
    assert all(ex.confidence(f"amounts.{k}") >= 0.8 for k in ex.amounts)


@pytest.mark.parametrize("statement", [
    "Samtliga medel har förbrukats och inget belopp återbetalas.",
    "Statsbidraget har använts i sin helhet.",
    "Inga medel återbetalas.",
])
def test_a_statement_of_zero_is_an_unused_amount_of_nothing(statement):
    ex = extract_fields(text_doc(REPORT_IN_PROSE.format(unused=statement)))
    assert ex.amounts["unused"] == Amount(0)
    [evidence] = [e for e in ex.evidence if e.field == "amounts.unused"]
    assert fold_words(evidence.text) in fold_words(statement)


def fold_words(text: str) -> str:
    return " ".join(text.lower().split())


def test_a_stated_figure_wins_over_a_statement_of_zero():
    ex = extract_fields(text_doc(REPORT_IN_PROSE.format(
        unused="Ej använda medel, 362 300 kr, återbetalas. Inget belopp återbetalas i år.")))
    assert ex.amounts["unused"].value == 362_300


# -- municipality lists as Swedish coordination (issue 10, class 2) -------------------------

REQUISITION_WITH = """Region Västerbotten
Rekvisition – statsbidrag till barnhälsovården
Härmed rekvirerar Region Västerbotten 1 452 000 kr för utökade hembesöksprogram 2024.
{sentence}
"""


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Arbetet genomförs i samverkan med Skellefteå, Umeås kommun.", ["2482", "2480"]),
    ("Arbetet genomförs i samverkan med Umeå kommun, Skellefteå.", ["2480", "2482"]),
    ("Arbetet sker i samverkan med Umeås och Vännäs kommuner.", ["2480", "2460"]),
    ("Regionen samverkar med Umeå, Vännäs och Skellefteå kommuner kring programmet.",
     ["2480", "2460", "2482"]),
    ("De kommuner som regionen samverkar med är kommunerna Umeå och Vännäs.", ["2480", "2460"]),
    ("Arbetet sker i samverkan med Umeå stad och Kommunen Skellefteå.", ["2480", "2482"]),
    ("Arbetet sker i samverkan med Skellefteås kommur och Umeå kommun.", ["2482", "2480"]),
    ("Arbetet planeras i samverkan med Umeå, Vännäs och Skellefteå, samt med socialtjänsten.",
     ["2480", "2460", "2482"]),
    ("Regionen samverkar i arbetet med följande kommuner: Umeå, Vännäs\nkommun och "
     "Skellefteå.", ["2480", "2460", "2482"]),
    ("Arbetet ska bedrivas i samverkan med följande kommuner:\n- Umeå kommun - Vännäs\n"
     "- Skellefteå", ["2480", "2460", "2482"]),
    ("Arbetet ska bedrivas i samverkan med följande kommuner:\nUmeå kommun Vännäs\n"
     "Skellefteå Bodens kommun", ["2480", "2460", "2482", "2582"]),
    ("Arbetet sker i samverkan med följande kommuner: Göteborg, Lilla\nEdet, Essunga\n"
     "kommun, Dals-\nEd och Mölndal.", ["1480", "1462", "1445", "1438", "1481"]),
    ("Arbetet sker i samverkan med följande kommuner: Göteborg\nMölndal\nPartille.",
     ["1480", "1481", "1402"]),
])
def test_municipalities_in_a_coordinated_list(sentence, expected):
    ex = extract_fields(text_doc(REQUISITION_WITH.format(sentence=sentence)))
    assert codes(ex.collaborating_municipalities) == expected


@pytest.mark.parametrize("sentence", [
    "Arbetet genomförs i samverkan med socialtjänsten.",
    "Arbetet genomförs i samverkan med Region Västerbotten och Umeå.",
    "Arbetet sker i samverkan med socialtjänsten, vilket gynnar familjer i Umeå.",
    "Arbetet sker i samverkan med Umeå, Vännäs och Skellefteås förskolor.",
])
def test_bare_names_need_a_list_that_says_kommun(sentence):
    ex = extract_fields(text_doc(REQUISITION_WITH.format(sentence=sentence)))
    assert ex.collaborating_municipalities == []


# -- shares and decisions in other wordings --------------------------------------------------

@pytest.mark.parametrize(("sentence", "share"), [
    ("Kommunens andel av områdets medel är 45 procent och regionens andel 55 procent.", 45.0),
    ("Regionens andel är 55 procent och kommunens andel 45 procent.", 45.0),
    ("Fördelningen mellan kommun och region är 40 respektive 60 procent av medlen.", 40.0),
    ("Fördelningen mellan region och kommun är 60 respektive 40 procent av medlen.", 40.0),
])
def test_a_share_owned_by_the_party_named_before_it(sentence, share):
    ex = extract_fields(text_doc(
        "Botkyrka kommun\nRekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023\n"
        f"Botkyrka kommun rekvirerar härmed 580 000 kronor.\n{sentence}\n"))
    assert ex.municipal_share_percent == share


def test_a_decision_whose_att_ocr_read_as_all():
    ex = extract_fields(text_doc(
        "Göteborgs Stad\nPROTOKOLLSUTDRAG Sammanträdesdatum 2023-05-17\n"
        "Statsbidrag för pilotverksamhet i barnhälsovården 2023\nBeslut\n"
        "Socialnämnden Nordost beslutar\n"
        "all. avsätta 758 000 kronor av statsbidraget för pilotverksamhet i barnhälsovården\n"
        "Sammanfattning av ärendet\n", source="ocr", confidence=0.9))
    assert ex.document_type == "decision"
    assert ex.amounts["decided"].value == 758_000


@pytest.mark.parametrize(("prose", "amounts"), [
    ("Region Skåne har för 2024 tagit emot 6 334 000 kronor, varav 5 802 300 kronor har\n"
     "förbrukats. Återstående 531 700 kronor återbetalas.",
     {"received": 6_334_000, "used": 5_802_300, "unused": 531_700}),
    ("För 2024 har regionen tagit emot 12 774 000 kronor. Förbrukat belopp uppgår till\n"
     "11 905 000 kronor, och ej förbrukade medel om 869 000 kronor återbetalas.",
     {"received": 12_774_000, "used": 11_905_000, "unused": 869_000}),
])
def test_each_amount_takes_the_role_of_its_own_part_of_the_sentence(prose, amounts):
    ex = extract_fields(text_doc(
        f"Region Skåne\nÅterrapportering av statsbidrag för utökade hembesöksprogram 2024\n{prose}\n"))
    assert {k: a.value for k, a in ex.amounts.items()} == amounts


def test_a_table_that_began_on_the_page_before_is_no_sum_mismatch():
    rows = "\n".join(f"BVC {name} {value}" for name, value in
                     [("Norra", "297 500"), ("Södra", "288 200"), ("Östra", "251 000")])
    ex = extract_fields(text_doc(
        "Ekonomisk redovisning av statsbidrag\nEnhet Förbrukat, kr\n"
        f"{rows}\nSida 1\nEnhet Förbrukat, kr\nBVC Västra 100 000\nBVC Centrum 200 000\n"
        "Summa förbrukat 1 136 700\n"))
    assert ex.tables == []


PRINTOUT = [
    ("Rekvisition av statsbidrag – kvittens", None),
    ("Organisation", "Region Skåne"),
    ("Bidragsår", "2024"),
    ("Rekvirerat belopp (kr)", "9 903 000"),
    ("Kommuner som regionen samverkar", "Malmö"),
    ("med", "Helsingborg"),
    (None, "Landskrona"),
    ("Andel av bidraget som finansierar", "30"),
    ("kommunal verksamhet (%)", None),
    ("Kvarvarande medel", "Regionen önskar ta del av kvarvarande medel"),
]
"""An e-service printout: label column at x=56, value column at x=300; labels wrap."""


def printout(rows: list[tuple[str | None, str | None]], upside_down: bool = False) -> DocumentText:
    """The rows as a page; ``upside_down``: a scan read turned, whose words' page boxes run
    right to left and bottom to top while their upright boxes are the printout's."""
    words = []
    for i, (label, value) in enumerate(rows):
        for column, text in ((56.0, label), (300.0, value)):
            x = column
            for token in (text or "").split():
                box = (x, 60 + i * LINE, x + CHAR * len(token), 70 + i * LINE)
                if upside_down:
                    turned = (595 - box[2], 842 - box[3], 595 - box[0], 842 - box[1])
                    words.append(Word(token, 1, turned, 0.95, i, upright=box))
                else:
                    words.append(Word(token, 1, box, 1.0, i))
                x += CHAR * (len(token) + 1)
    return DocumentText([PageText(1, 595, 842, words, "ocr" if upside_down else "text")],
                        "application/pdf")


@pytest.mark.parametrize("upside_down", [False, True])
def test_an_e_service_printout_whose_labels_wrap_beside_their_values(upside_down: bool):
    ex = extract_fields(printout(PRINTOUT, upside_down))
    assert codes(ex.collaborating_municipalities) == ["1280", "1283", "1282"]
    assert ex.municipal_share_percent == 30.0


def test_a_requisitions_allocated_amount_beside_a_blank_requested_row_is_not_requested():
    ex = extract_fields(text_doc(
        "REKVISITION\nSökande organisation Region Blekinge\n"
        "Belopp enligt Socialstyrelsens\nfördelningslista (tilldelat) 1 120 000 kr\n"
        "Rekvirerat belopp, kronor\nAndel av bidraget som\n"
        "finansierar kommunal verksamhet 40 %\n"))
    assert "requested" not in ex.amounts


def test_a_forms_list_without_a_full_stop_ends_at_the_next_row():
    ex = extract_fields(text_doc(
        "REKVISITION\nSökande organisation Region Skåne\nRekvirerat belopp, kronor\n"
        "13 800 000 kr\nKommuner som samverkan\n"
        "sker med Malmö stad, Helsingborgs stad, Landskrona stad\n"
        "Andel av bidraget som\nfinansierar kommunal verksamhet 35 %\n"
        "Kontaktperson\nLena Holm, tel 044-309 30 00\n"
        "Region Skåne önskar ta del av kvarvarande medel.\n"))
    assert codes(ex.collaborating_municipalities) == ["1280", "1283", "1282"]


@pytest.mark.parametrize(("rows", "expected"), [
    ("Kommuner som samverkan\noo\nsker med | Gävle kommun, Sandvikens kommun\n", ["2180", "2181"]),
    ("Kommuner som samverkan SE\ns\n5\nsker med | Karlskrona kommun, Ronneby kommun:\n",
     ["1080", "1081"]),
    ("Kommuner som samverkan\n.\nsker med Västerås se e stad\n", ["1980"]),
])
def test_a_faxed_forms_list_below_its_label_past_specks(rows: str, expected: list[str]):
    ex = extract_fields(text_doc(
        "REKVISITION\nSökande organisation Region Gävleborg\nRekvirerat belopp, kronor\n"
        f"1 600 000 kr\n{rows}Andel av bidraget som\nfinansierar kommunal verksamhet 30 %\n",
        source="ocr", confidence=0.93))
    assert codes(ex.collaborating_municipalities) == expected


def test_a_long_label_that_narrows_its_rows_column_gap_still_wraps_beside_its_value():
    """The label runs to x=237.5, the value starts at x=250 (a gap of 1.25 word heights):
    narrow, but the value starts where the next row's value does."""
    words = []
    for i, (label, value) in enumerate([("Kommuner som regionen samverkar i", "Malmö, Lund,"),
                                        ("med", "Helsingborg")]):
        for column, text in ((56.0, label), (250.0, value)):
            x = column
            for token in text.split():
                words.append(Word(token, 1, (x, 60 + i * LINE, x + CHAR * len(token),
                                             70 + i * LINE), 1.0, i))
                x += CHAR * (len(token) + 1)
    ex = extract_fields(DocumentText([PageText(1, 595, 842, words, "text")], "application/pdf"))
    assert codes(ex.collaborating_municipalities) == ["1280", "1281", "1283"]


def test_a_name_the_value_column_wraps_over_two_lines_is_one_name():
    rows = [*PRINTOUT[:4],
            ("Kommuner som regionen samverkar", "Malmö, Lund, Östra"),
            ("med", "Göinge, Helsingborg, Höganäs"),
            (None, "kommun, Landskrona"),
            *PRINTOUT[7:]]
    ex = extract_fields(printout(rows))
    assert codes(ex.collaborating_municipalities) == ["1280", "1281", "1256", "1283", "1284",
                                                      "1282"]


def test_a_form_row_whose_label_ocr_damaged_keeps_its_role_by_a_cue():
    ex = extract_fields(text_doc(
        "Ekonomisk redovisning av statsbidrag\nRegion Blekinge\nBidragsår 2024\n"
        "Erhallet bidrag (kr) 4 089 000\nForbrukat bidrag (kr) 3 702 500\n"
        "ie uae a bidrag som aterbetalas 386 500\n", source="ocr", confidence=0.9))
    assert ex.amounts["unused"].value == 386_500
    assert raw(ex, "amounts.unused") < 0.9


def test_an_amount_of_another_grant_year_is_not_this_reports():
    ex = extract_fields(text_doc(
        "Västra Götalandsregionen\n"
        "Återrapportering av statsbidrag för utökade hembesöksprogram 2024\n"
        "Av 2023 års bidrag, 5 650 000 kronor, återbetalades 412 000 kronor i mars 2024.\n"
        "För 2024 har regionen tagit emot 12 774 000 kronor. Förbrukat belopp uppgår till\n"
        "11 905 000 kronor, och ej förbrukade medel om 869 000 kronor återbetalas.\n"))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 12_774_000, "used": 11_905_000, "unused": 869_000}


@pytest.mark.parametrize("beside", [("Pilotområde", "Pilotområde 3 (Navestad/Hageby)"),
                                    ("Kostnadsperiod", "2024-01-01 – 2024-12-31")])
def test_a_form_grid_value_stands_under_its_label_beside_another_column(beside):
    """Two column headers on a line, their values on the line below: the amount under
    'Rekvirerat belopp' is the requested one, whatever stands in the next column."""
    header, value = beside
    cells = [(56, 100, "REKVISITION AV STATSBIDRAG"),
             (56, 130, "Organisationens namn"), (56, 145, "Region Dalarna"),
             (56, 175, "Rekvirerat belopp (kronor)"), (320, 175, header),
             (56, 190, "1 063 000"), (320, 190, value)]
    ex = extract_fields(cells_doc(cells, confidence=1.0))
    assert ex.amounts["requested"].value == 1_063_000


def test_a_grid_column_with_words_under_the_label_gives_no_amount():
    cells = [(56, 100, "REKVISITION AV STATSBIDRAG"),
             (56, 175, "Rekvirerat belopp (kronor)"), (320, 175, "Pilotområde"),
             (56, 190, "se bilaga 2 och 3"), (320, 190, "Pilotområde 3")]
    ex = extract_fields(cells_doc(cells, confidence=1.0))
    assert "requested" not in ex.amounts


OPTIONS = """REKVISITION AV STATSBIDRAG
Statsbidraget avser (kryssa i ett alternativ):
{first} Utökade hembesöksprogram inom barnhälsovården
{second} Pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden
Bidragsår 2023
"""


@pytest.mark.parametrize(("first", "second", "program"), [
    ("X", "", "hembesok"), ("", "[X]", "bhv-pilot"), ("☒", "☐", "hembesok")])
def test_a_form_offering_the_programs_as_options_names_the_ticked_one(first, second, program):
    ex = extract_fields(text_doc(OPTIONS.format(first=first, second=second)))
    assert ex.program == program
    assert next(e for e in ex.evidence if e.field == "program").confidence >= 0.9


@pytest.mark.parametrize(("first", "second"), [("", ""), ("☐", "☐"), ("☐", ""), ("DB", "CJ")])
def test_options_without_a_readable_tick_go_to_review(first, second):
    ex = extract_fields(text_doc(OPTIONS.format(first=first, second=second)))
    assert raw(ex, "program") < 0.6
    assert ex.confidence("program") < review_threshold()


@pytest.mark.parametrize(("first", "second", "program"), [
    ("DB", "☐", "hembesok"), ("☐", "Nl]", "bhv-pilot")])
def test_the_one_option_not_read_as_an_empty_box_is_the_ticked_one(first, second, program):
    ex = extract_fields(text_doc(OPTIONS.format(first=first, second=second)))
    assert ex.program == program
    assert raw(ex, "program") >= 0.6
    assert ex.confidence("program") >= review_threshold()


def pages_doc(*pages: str, source: str = "ocr") -> DocumentText:
    """Pages whose lines are the lines of each text, as text_doc lays out one."""
    return DocumentText([PageText(n, 595, 842, [Word(w.text, n, w.bbox, w.confidence, w.line)
                                                for w in text_doc(text).pages[0].words], source)
                         for n, text in enumerate(pages, 1)], "application/pdf")


def test_a_table_that_goes_on_after_an_ocr_damaged_repeated_header_is_no_sum_mismatch():
    first = ("Ekonomisk redovisning av statsbidrag\nFörbrukade medel per enhet:\n"
             "BVC Norra 297 500\nBVC Södra 288 200\nBVC Östra 251 000\n"
             "Telefon: 010-441 00 00 Sida 1\n")
    second = ("Västra Götalandsregionen\nEnhet Förbrnakat. kr\nBVC Västra 100 000\n"
              "BVC Centrum 200 000\nSumma förbrukat 1 136 700\n")
    (table,) = extract_fields(pages_doc(first, second)).tables
    assert sum(table.rows) == table.total == 1_136_700  # the whole table, no SUM_MISMATCH


ACCOUNT_IN_TKR = """
Återrapportering av statsbidrag för utökade hembesöksprogram 2024
Organisation: Region Norrbotten
2. Ekonomisk redovisning (belopp i tkr)
Erhållet bidrag 1 128
Förbrukade medel under bidragsåret 1 104,6
Ej förbrukade medel 23,4
3. Förbrukade medel per kostnadsslag
Personalkostnader 780
Tolk och översättning 210,5
Utbildning 64,1
Resor 40
Summa kostnader 1 104,6
Skickas till Socialstyrelsen, 106 30 Stockholm Sida 1
"""


def test_an_account_heading_in_tkr_holds_for_the_cost_table_under_the_next_heading() -> None:
    ex = extract_fields(text_doc(ACCOUNT_IN_TKR, source="ocr", confidence=0.95))
    assert {k: a.value for k, a in ex.amounts.items()} == {
        "received": 1_128_000, "used": 1_104_600, "unused": 23_400}
    (table,) = ex.tables  # a table in tkr with decimals reads cleanly: its sum can be wrong
    assert table.rows == (780_000, 210_500, 64_100, 40_000)
    assert table.total == 1_104_600


def test_a_columns_unit_stays_in_its_table() -> None:
    ex = extract_fields(text_doc(
        "Återrapportering av statsbidrag för utökade hembesöksprogram 2024\n"
        "Kostnadsslag Belopp (tkr)\nPersonal 500\nResor 100\nSumma 600\n"
        "Specifikation\nKostnadsslag Kronor\nLokaler 250 000\nMaterial 50 000\nSumma 300 000\n"))
    assert [t.total for t in ex.tables] == [600_000, 300_000]


@pytest.mark.parametrize(("title", "program"), [
    ("Statsbidrag till regioner för utökade homhacäkenrogram inom barnhälsovården",
     "hembesok"),
    ("Återrapportering 2023 — hemhes: gram inom barunänvvar Gen", "hembesok"),
    ("Rekvisition — pilotverk samh et i barnhälsovärd en i socio ekonomiskt ulsatta omraden",
     "bhv-pilot"),
])
def test_a_program_name_ocr_damaged_past_its_words_is_guessed_and_sent_to_review(title, program):
    ex = extract_fields(text_doc(
        f"Region Västmanland\n{title}\nRekvirerat belopp 1 472 000 kronor\n", source="ocr",
        confidence=0.9))
    assert ex.program == program
    assert raw(ex, "program") < 0.5
    assert ex.confidence("program") < review_threshold()


def test_no_program_is_guessed_for_a_document_of_no_grant():
    ex = extract_fields(text_doc("Nyhetsbrev från regionen\nInbjudan till konferens om "
                                 "barnhälsovård och föräldraskap\n"))
    assert ex.program is None


def test_a_received_stamps_date_is_not_the_documents():
    ex = extract_fields(cells_doc([
        (56, 60, "Region Västernorrland"), (400, 60, "Återrapportering"),
        (56, 90, "med hembesöksprogram 2023"), (350, 90, "INKOM"),
        (56, 104, "Region Västernorrland"), (340, 104, "2024-03-04"),
        (56, 118, "2024-02-29"),
        (56, 140, "Erhållet bidrag 960 000 kr"),
    ]))
    assert ex.document_date == date(2024, 2, 29)


def test_a_date_after_a_stamp_word_on_its_line_is_not_the_documents():
    ex = extract_fields(text_doc("Region Västernorrland\nÅterrapportering 2023\n"
                                 "Inkom 2024-03-04 Dnr 6.2-5587/2024\nHärnösand 2024-02-29\n"))
    assert ex.document_date == date(2024, 2, 29)


def test_a_cost_table_over_a_page_break_is_summed_whole():
    first = ("Återrapportering - ekonomisk redovisning 2024\nSpecifikation av förbrukade medel\n"
             "Kostnadsslag Belopp, kr\nTolkkostnader 282 600\nHandledning 181 100\n"
             "Tabellen fortsätter på nästa sida\nRegion Örebro län 701 16 Örebro Sida 1\n")
    second = ("Region Örebro län Återrapportering\nEkonomiavdelningen Sida 2\n"
              "Specifikation av förbrukade medel (forts.)\nKostnadsslag Belopp, kr\n"
              "Utvärdering 260 500\nLokalkostnader 292 100\nSumma förbrukade medel {total}\n")
    (table,) = extract_fields(pages_doc(first, second.format(total="1 016 300"))).tables
    assert table.rows == (282_600, 181_100, 260_500, 292_100) and table.total == 1_016_300
    (wrong,) = extract_fields(pages_doc(first, second.format(total="1 116 300"))).tables
    assert sum(wrong.rows) != wrong.total  # SUM_MISMATCH, not a half table's


def test_a_page_number_in_the_running_header_is_no_table_row():
    first = ("Protokollsutdrag\nFördelning av statsbidraget 2024\nMottagare Belopp, kr\n"
             "Region Uppsala, barnhälsovården 1 696 500\nUppsala kommun 456 800\n"
             "Region Uppsala Box 602 751 25 Uppsala Sida 1\n")
    second = ("Region Uppsala Protokollsutdrag\nRegionstyrelsen Sida 2\nTierps kommun 137 000\n"
              "Summa 2 290 300\n")
    (table,) = extract_fields(pages_doc(first, second, source="text")).tables
    assert table.rows == (1_696_500, 456_800, 137_000) and table.total == 2_290_300


def test_a_share_whose_label_wraps_after_it_with_the_unit_is_sure():
    ex = extract_fields(text_doc(
        "Rekvisition av statsbidrag – kvittens\nOrganisation Region Blekinge\n"
        "Andel av bidraget som finansierar kommunal 45\nverksamhet (%)\n"))
    assert ex.municipal_share_percent == 45.0
    assert ex.confidence("municipal_share_percent") >= 0.85


@pytest.mark.parametrize(("text", "expected"), [
    ("FAX 2024-02-27 08:35 FRAN: +46 89 563 79 89 S. 01/01\nREKVISITION AV STATSBIDRAG\n"
     "Region Blekinge\nOrt och datum\nKarlskrona 2024-02.23\n", date(2024, 2, 23)),
    ("2024-01-19 14:32 FRÅN: REGION GAVLEBORG FAX +46 26 15 19 90 Sid 1/1\nRegion Gävleborg\n"
     "REKVISITION\nRekvirerat belopp, kronor 850 000 kr\nGävle 2024-01-18\n", date(2024, 1, 18)),
    ("2024-01-19 14:32 FRAN: RVN HALSO SJUKV +46 611 80 19 96 Sad 1/1\nRegion Gävleborg\n"
     "REKVISITION\nRekvirerat belopp, kronor 850 000 kr\nGävle 2024-01-18\n", date(2024, 1, 18)),
    ("2024-01-19-14:32 FRAN: REGION GAVLEBORG FAX +46 26 15 19 90\nRegion Gävleborg\n"
     "REKVISITION\nRekvirerat belopp, kronor 850 000 kr\nGävle 2024-01-18\n", date(2024, 1, 18)),
])
def test_a_fax_headers_date_is_not_the_documents(text: str, expected: date):
    assert extract_fields(text_doc(text)).document_date == expected


@pytest.mark.parametrize("body", [
    "Beloppet avser även de medel som inte togs upp i rekvisitionen 2024-01-18.",
    "Ersätter rekvisition 2024-01-25. Beloppet justerat till tilldelningen.",
])
def test_a_letters_dateline_wins_over_a_date_its_text_mentions(body: str):
    ex = extract_fields(text_doc(
        f"Region Gävleborg\nKompletterande rekvisition\n{body}\nGävle 2024-03-08\n"
        "Anna Berg, regiondirektör\n"
        "Region Gävleborg · 801 88 Gävle · Utskrivet 2024-03-11 10:14 · Sid 1/1\n"))
    assert ex.document_date == date(2024, 3, 8)
    assert ex.confidence("document_date") >= 0.85


def test_a_program_named_only_through_ocr_damage_is_not_lowered_again_by_its_ocr():
    doc = text_doc("Ekonomisk redovisning av statsbidrag\nRegion Västmanland\n"
                   "Redovisning av hembesdksprogram 2024\n"
                   "Erhållet bidrag (kr) 3 370 000\n", source="ocr", confidence=0.95)
    page = doc.pages[0]
    page.words[:] = [replace(w, confidence=0.5) if w.text == "hembesdksprogram" else w
                     for w in page.words]
    ex = extract_fields(doc)
    assert ex.program == "hembesok" and raw(ex, "program") == 0.85


@pytest.mark.parametrize("grant", ["statsbidrag", "statsbidraget"])
def test_the_programs_first_words_name_it_where_ocr_destroyed_the_rest(grant: str):
    ex = extract_fields(text_doc(
        f"Ämne: Rekvisition hemhes&r 2023\nReg. Gävleborg rekvirerar härmed {grant} för "
        "utökade hemheasAreprogram inom\nbarnhälsovården, bidragsår 2023.\n"
        "Rekvirerat belopp: 298 tkr\n", source="ocr", confidence=0.9))
    assert ex.program == "hembesok" and raw(ex, "program") >= 0.85


def test_a_fax_headers_sender_is_no_organisation_label():
    ex = extract_fields(text_doc(
        "2025-01-17 08:12 FRAN: REGION GAVLEBORG FAX +46 26 15 19 90 Sid 1/2\n"
        "Region Gävleborg Diarienummer RS 2024/1234\nÅterrapportering - ekonomisk redovisning\n"
        "Erhållet statsbidrag 1 890 000 kr\n", source="ocr", confidence=0.95))
    assert ex.organisation.code == "21"
    assert next(e for e in ex.evidence if e.field == "organisation").text == "Region Gävleborg"


def test_the_applicant_label_wins_over_a_fax_headers_sender():
    ex = extract_fields(text_doc(
        "2023-05-08 08:47 FRAN: MALMO STAD SOF. FAX +46 40 34 10 00 Sid 1/1\n"
        "REKVISITION\nStatsbidrag för pilotverksamhet i barnhälsovården\n"
        "Sökande organisation Göteborgs Stad\nRekvirerat belopp, kronor 620 000 kr\n",
        source="ocr", confidence=0.95))
    assert ex.organisation.code == "1480"
    assert raw(ex, "organisation") >= 0.9


def test_a_protocols_adjustment_date_is_no_dateline():
    ex = extract_fields(text_doc(
        "Region Gävleborg\nProtokollsutdrag\nRegionstyrelsens arbetsutskott\n"
        "sammanträde 2023-11-07\nBeslut\nStatsbidraget fördelas enligt bilaga.\n"
        "Justerat 2023-11-10\nUrneå 2023-11-08\n"))
    assert ex.document_date == date(2023, 11, 8)  # OCR's "Urneå" is still Umeå, a place


def test_a_print_date_in_the_footer_is_not_the_documents():
    ex = extract_fields(text_doc(
        "Region Gävleborg\nÅterrapportering 2024\nErhållet bidrag 960 000 kr\n"
        "Region Gävleborg · Org.nr 232100-0198 · Utskrivet 2025-01-16 15:31 · Sida 1\n"
        "Vi har använt alla medel. Gävle den 14 januari 2025\n"))
    assert ex.document_date == date(2025, 1, 14)


@pytest.mark.parametrize("unsure", ["av", "statsbidrag"])
def test_a_short_word_or_a_long_cue_word_read_unsurely_does_not_lower_the_type(unsure: str):
    """Tesseract scores a short word ("av") near 0 when it is read right, and a long cue word
    under a stamp; a long word that folds to the cue letter for letter is right whatever the
    score (10 of 10 such readings on the labelled sets)."""
    doc = text_doc("Ekonomisk redovisning av statsbidrag\nRegion Västmanland\n"
                   "Erhållet bidrag (kr) 3 370 000\nFörbrukat bidrag (kr) 3 045 200\n",
                   source="ocr", confidence=0.9)
    page = doc.pages[0]
    page.words[:] = [replace(w, confidence=0.0) if w.text == unsure else w for w in page.words]
    ex = extract_fields(doc)
    assert ex.document_type == "return_report"
    assert raw(ex, "document_type") >= 0.9


@pytest.mark.parametrize("label", ["Rekvirerat belopp (kr)", "Sökt belopp (kr)"])
def test_a_stacked_forms_label_that_ends_in_a_bare_amount_label_still_reads_its_value(label):
    """"belopp (kr)" inside "Sökt belopp (kr)" is the longer phrase match, but it is not
    where a label stands: the label that begins the line reads the value below."""
    ex = extract_fields(text_doc(
        "Blankett – rekvisition\nRekvisition av statsbidrag för utökade hembesöksprogram 2024\n"
        f"Organisation (sökande)\nRegion Kalmar län\n{label}\n3 636 000\n"
        "Datum\n2024-01-12\n"))
    assert ex.amounts == {"requested": Amount(3_636_000, 1)}
    assert ex.document_date == date(2024, 1, 12)


@pytest.mark.parametrize("value", ["0", "0 kr", "Inget"])
def test_a_stacked_forms_zero_on_the_line_below_its_label(value: str):
    ex = extract_fields(text_doc(
        "Återrapportering och ekonomisk redovisning av statsbidrag 2023\nGöteborgs Stad\n"
        f"Erhållet bidrag (kr)\n580 000\nFörbrukat bidrag (kr)\n596 300\n"
        f"Ej förbrukat bidrag (kr)\n{value}\nDatum\n2024-04-29\n"))
    assert ex.amounts["unused"].value == 0
    assert ex.amounts["used"].value == 596_300


@pytest.mark.parametrize("header", [
    "2023-10-18 07:58 E-post – Handläggare statsbidrag – Outlook",
    "2023-10-18 kl. 07:58 Utskrift från Outlook",
])
def test_a_printed_mails_print_header_is_not_its_date_but_its_sent_date_is(header: str):
    ex = extract_fields(text_doc(
        f"{header}\nFrån: Camilla Eriksson <camilla.eriksson@regionvarmland.se>\n"
        "Skickat: den 17 oktober 2023 15:20\nTill: Statsbidrag <statsbidrag@socialstyrelsen.se>\n"
        "Ämne: Rekvisition utökade hembesöksprogram 2023 – Region Värmland\nHej,\n"
        "Region Värmland rekvirerar härmed statsbidrag för år 2023.\n"
        "Rekvirerat belopp: 2 900 000 kr.\n"))
    assert ex.document_date == date(2023, 10, 17)


def test_a_timestamp_beginning_a_line_is_not_the_documents_date():
    ex = extract_fields(text_doc(
        "2025-02-10 08:31 Handläggare statsbidrag\nÅterrapport statsbidrag 2024\n"
        "Region Blekinge\nErhållet bidrag: 4 089 000 kr.\nKarlskrona 2025-02-07\n"))
    assert ex.document_date == date(2025, 2, 7)


def test_the_town_after_a_postcode_is_an_address_not_the_organisation():
    ex = extract_fields(text_doc(
        "Språkbron Tolkförmedling AB FAKTURA\nStorgatan 12 · 302 43 Halmstad · Org.nr 556812-4471\n"
        "Fakturaadress Fakturanummer 24-0418\nRegion Halland Fakturadatum 2024-04-16\n"
        "Avser tolktjänster vid utökade hembesök 2024.\nAtt betala SEK 15 310,00\n"))
    assert ex.organisation.code == "13"


@pytest.mark.parametrize("unit", ["(%)", "(96)", "(%6)"])
def test_a_stacked_share_under_a_label_whose_percent_ocr_read_as_digits(unit: str):
    ex = extract_fields(text_doc(
        "Rekvisition av statsbidrag för utökade hembesöksprogram 2024\nRegion Gotland\n"
        f"Rekvirerat belopp (kr)\n834 000\nAndel till kommunal verksamhet {unit}\n25\n",
        source="ocr", confidence=0.95))
    assert ex.municipal_share_percent == 25
    assert raw(ex, "municipal_share_percent") >= 0.85


def test_of_two_labels_for_one_amount_the_cleanly_read_value_wins():
    """A framed box's edge read as a digit: "3580 000 kr" (a four-digit group) beside the same
    label's clean "580 000 kr" in the sentence below."""
    ex = extract_fields(text_doc(
        "MALMÖ STAD\nRekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023\n"
        "| Rekvirerat belopp 3580 000 kr |\nRekvirerat belopp: 580 000 kr.\n",
        source="ocr", confidence=0.95))
    assert ex.amounts["requested"].value == 580_000


@pytest.mark.parametrize(("line", "phrase"), [
    ("Rekvirerat belopp (kr)", "rekvirerat belopp"), ("Sökt belopp (kr)", "sokt belopp")])
def test_a_label_beginning_its_line_is_not_hidden_by_a_longer_match_inside_it(line, phrase):
    ctx = DocumentContext(text_doc(f"{line}\n3 636 000\n"), default_programs())
    assert [(lb.field, lb.phrase, lb.exact) for lb in ctx.labels] == [("requested", phrase, True)]


def _quarter_table(total: str) -> DocumentText:
    """A cost table of four quarters and a year column ("Helår"), its total under the year
    alone; figures right-aligned in their columns."""
    rows = [("Personalkostnader", ["84 650", "84 650", "84 650", "84 650", "338 600"]),
            ("Tolkkostnader", ["63 300", "63 300", "63 300", "63 300", "253 200"]),
            ("Resor och bilkostnader", ["86 375", "86 375", "86 375", "86 375", "345 500"])]
    ends = [260, 330, 400, 470, 560]
    cells = [(56, 40, "Återrapportering av statsbidrag 2024"), (56, 60, "Region Värmland"),
             (56, 80, "Kostnadsslag"), *[(e - 40, 80, h) for e, h in
                                        zip(ends, ["Kv 1", "Kv 2", "Kv 3", "Kv 4", "Helår"])]]
    for i, (label, figures) in enumerate(rows):
        y = 100 + 20 * i
        cells.append((56, y, label))
        cells += [(e - CHAR * len(f), y, f) for e, f in zip(ends, figures)]
    cells += [(56, 160, "Summa"), (ends[-1] - CHAR * len(total), 160, total)]
    return cells_doc(cells, confidence=0.97)


def test_a_total_under_the_year_column_alone_sums_that_column():
    ex = extract_fields(_quarter_table("937 300"))
    assert [(t.rows, t.total) for t in ex.tables] == [((338_600, 253_200, 345_500), 937_300)]
    assert ex.amounts["used"].value == 937_300


def test_a_total_under_the_year_column_that_does_not_add_up_is_a_table_to_check():
    [table] = extract_fields(_quarter_table("949 300")).tables
    assert sum(table.rows) != table.total


@pytest.mark.parametrize(("text", "share"), [
    ("Andel till kommunal verksamhet: tjugofem procent", 25),
    ("Kommunens andel är fyrtio procent av bidraget.", 40),
])
def test_a_share_in_words(text: str, share: float):
    ex = extract_fields(text_doc(
        "Rekvisition statsbidrag utökade hembesöksprogram 2024\nRegion Dalarna rekvirerar.\n"
        f"Rekvirerat belopp: 1 930 000:-\n{text}\n"))
    assert ex.municipal_share_percent == share


@pytest.mark.parametrize("text", [
    "Andel till kaomminal ycrksamuet: 25 procent", "Komminensa andel är 25 %",
    "Kommmens andel av bidraget är\n25 procent."])
def test_a_share_whose_municipal_word_ocr_damaged(text: str):
    ex = extract_fields(text_doc(
        "Rekvisition statsbidrag utökade hembesöksprogram 2024\nRegion Blekinge rekvirerar.\n"
        f"Rekvirerat belopp: kr 4 089 000\n{text}\n", source="ocr", confidence=0.9))
    assert ex.municipal_share_percent == 25


def test_a_percentage_beside_no_municipal_word_is_no_share():
    ex = extract_fields(text_doc(
        "Rekvisition statsbidrag utökade hembesöksprogram 2024\nRegion Blekinge rekvirerar.\n"
        "Rekvirerat belopp: kr 4 089 000\nKostnaderna steg med 25 procent under kvartalet.\n"))
    assert ex.municipal_share_percent is None


@pytest.mark.parametrize(("line", "code"), [
    ("Reg. Dalarna rekvirerar härmed statsbidrag.", "20"),
    ("Reg Dalarna rekvirerar härmed statsbidrag.", "20"),
    ("Linköpings kn rekvirerar härmed statsbidrag.", "0580"),
])
def test_abbreviated_kind_words(line: str, code: str):
    ex = extract_fields(text_doc(f"Rekvisition statsbidrag 2024\n{line}\nBelopp: 500 000 kr\n"))
    assert ex.organisation.code == code


def test_a_mail_senders_name_is_a_person_not_a_place():
    ex = extract_fields(text_doc(
        "Ämne: VB: Rekvisition pilot BHV 2023\nFrån: Lena Berg <lena.berg@malmo.se>\n"
        "Datum: 2023-05-22 11:20\nVidarebefordrar rekvisitionen från Malmö stad, se nedan.\n"
        "Malmö stad rekvirerar SEK 575 000.\n"))
    assert ex.organisation.code == "1280"


@pytest.mark.parametrize("label", ["Samvernxanue kommuner:", "Samverkanuge kommmer:"])
def test_an_ocr_damaged_label_ending_in_a_colon(label: str):
    ex = extract_fields(text_doc(
        "Rekvisition statsbidrag utökade hembesöksprogram 2024\nRegion Blekinge rekvirerar.\n"
        f"Rekvirerat belopp: kr 4 089 000\n{label} Karlskrona kommun, Karlshamns kommun\n",
        source="ocr", confidence=0.9))
    assert codes(ex.collaborating_municipalities) == ["1080", "1082"]


def test_a_typewriter_figures_digit_groups_are_not_columns():
    """Monospace and scanned: the gap in "4 700 000" is over a word height, and its "700"
    starts where the row above's "220 000" starts; it is one figure, not "4" and "700 000"."""
    cells = [(56, 40, "EKONOMISK REDOVISNING"), (56, 60, "Region Jönköpings län"),
             (56, 80, "Återrapportering statsbidrag 2024"), (56, 100, "Kostnader (kr):"),
             (56, 120, "Tolk"), (300, 120, "2"), (317, 120, "310 000"),
             (56, 140, "Lokaler och resor"), (317, 140, "220 000"),
             (56, 160, "Summa kostnader"), (300, 160, "4"), (317, 160, "700 000")]
    ex = extract_fields(cells_doc(cells))
    assert [(t.rows, t.total) for t in ex.tables] == [((2_310_000, 220_000), 4_700_000)]


@pytest.mark.parametrize("correction", ["(12 000,66)", "-12 000,66", "\u221212 000,66",
                                        "12 000,66-", "\u201412 000,66"])
def test_a_cost_tables_negative_row_and_ore_add_up_as_the_account_does(correction: str):
    ex = extract_fields(text_doc(
        "Ekonomisk redovisning statsbidrag 2023\nRegion Västmanland\n"
        "Erhållet statsbidrag 573 000,00\nFörbrukat bidrag 453 200,00\n"
        "Ej förbrukat bidrag (återbetalas) 119 800,00\nKostnadsslag Utfall\n"
        "Personalkostnader BVC-sjuksköterskor 214 411,16\nSamordning 23 759,67\n"
        "Personalkostnader socialsekreterare 67 694,66\nTolkkostnader 67 105,48\n"
        "Material och tryck 47 974,33\nUtbildning och handledning 44 255,36\n"
        f"Korrigering felbokförd kostnad {correction}\nSumma kostnader 453 200,00\n"))
    [table] = ex.tables
    assert table.rows[-1] == -12_000.66 and table.total == 453_200
    assert abs(sum(table.rows) - table.total) < 0.01


def test_the_year_ending_a_programs_full_name_beats_last_years_in_the_body():
    ex = extract_fields(text_doc(
        "REGION BLEKINGE\nDatum 2024-02-21\nDnr RS 2024/1646\n"
        "Rekvisition av statsbidrag för utökade hembesöksprogram\ninom barnhälsovården 2024\n"
        "Enligt fördelningen kan Region Blekinge rekvirera högst 3 731 000 kronor. För\n"
        "bidragsåret 2023 erhöll regionen 703 000 kronor.\nRekvirerat belopp 3 731 000 kr\n"))
    assert ex.grant_year == 2024


def test_a_share_whose_percent_ocr_glued_on_as_digits_goes_to_review():
    ex = extract_fields(text_doc(
        "Rekvisition av statsbidrag för utökade hembesöksprogram 2024\nRegion Kalmar län\n"
        "Rekvirerat belopp 4 230 000 kr\n"
        "Andel av bidraget som finansierar kommunal verksamhet Se 4096\n",
        source="ocr", confidence=0.9))
    assert ex.municipal_share_percent == 40
    assert ex.confidence("municipal_share_percent") < review_threshold()
