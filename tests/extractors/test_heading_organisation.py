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
