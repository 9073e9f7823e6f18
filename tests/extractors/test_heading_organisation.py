"""The organisation in a letter's heading where OCR mixed the letterhead's name and its
postal town: the name the body writes with its kind word is the sender, the town is not."""
from __future__ import annotations

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
