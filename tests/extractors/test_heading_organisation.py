"""Who a letter is from where its heading is not enough: OCR mixed the letterhead's name with
its postal town, read it poorly, or there is no letterhead and only the body names the
sender."""
from __future__ import annotations

from dataclasses import replace

from extractors.fields import extract_fields
from tests.extractors.test_fields import text_doc


def test_the_heading_name_the_body_confirms_wins_over_the_postal_town() -> None:
    ex = extract_fields(text_doc(
        "rR 371 Region 81 Karlskrona Blekinge\nDatum: 2024-03-27\n"
        "Rekvisition av statsbidrag för utökade hembesöksprogram 2024\n"
        "Region Blekinge rekvirerar 1 396 000 kr för bidragsåret 2024.\n"
        "Andel till kommunal verksamhet: 50 %\nOla Strand\nRegiondirektör\n"))
    assert ex.organisation is not None
    assert (ex.organisation.kind, ex.organisation.code) == ("region", "10")


def test_a_heading_town_alone_still_names_the_municipality() -> None:
    ex = extract_fields(text_doc(
        "Karlskrona\nDatum: 2024-03-27\n"
        "Rekvisition av statsbidrag för utökade hembesöksprogram 2024\n"
        "Rekvirerat belopp: 580 000 kr\nAndel till kommunal verksamhet: 50 %\n"))
    assert ex.organisation is not None
    assert ex.organisation.code == "1080"


LETTER = """Socialförvaltningen
Datum 2024-05-03
Återrapportering - ekonomisk redovisning av statsbidrag
2023
Pilotverksamhet i barnhälsovården
Uppsala kommun lämnar härmed återrapportering av 2023 års statsbidrag.
Erhållet bidrag 255 000 kr
Förbrukat bidrag 241 770 kr
Ej förbrukat bidrag 13 230 kr
{other}Ulla Björk
Uppsala kommun
"""


def _certainty(ex) -> float:
    return next(e for e in ex.evidence if e.field == "organisation").certainty


def test_a_body_name_the_signature_repeats_and_no_other_is_surer() -> None:
    alone = extract_fields(text_doc(LETTER.format(other="")))
    rival = extract_fields(text_doc(LETTER.format(
        other="Kopia för kännedom: Region Uppsala, hälso- och sjukvård.\n")))
    assert alone.organisation.code == rival.organisation.code == "0380"
    assert _certainty(alone) == 0.9
    assert _certainty(rival) == 0.6


def test_a_letterhead_read_poorly_is_as_sure_as_the_bodys_clean_repeat() -> None:
    doc = text_doc("Region Sörmland\nDatum: 2024-02-15\n"
                   "Rekvisition av statsbidrag för utökade hembesöksprogram 2024\n"
                   "Region Sörmland rekvirerar statsbidrag om 1 488 000 kr för 2024.\n")
    doc.pages[0].words[0] = replace(doc.pages[0].words[0], confidence=0.5)
    doc.pages[0].words[1] = replace(doc.pages[0].words[1], confidence=0.5)
    ev = next(e for e in extract_fields(doc).evidence if e.field == "organisation")
    assert ev.word_confidence == 1.0
