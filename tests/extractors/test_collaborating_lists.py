"""Collaborating municipalities as senders write them: lists wrapped over lines, cut by a
full stop, introduced by a report's past tense or a participation verb, bulleted, in a table
of municipality codes, with remarks in brackets, and as OCR damages them."""
from __future__ import annotations

import pytest

from extractors.fields import extract_fields
from tests.extractors.test_fields import codes, text_doc

HEAD = """
Region Exempel
Rekvisition av statsbidrag för utökade hembesöksprogram 2024
Rekvirerat belopp: 1 000 000 kr
"""

CASES = {
    "a form row wrapped onto a line beginning with the kind word": (
        "Samverkande kommuner Vallentuna kommun, Österåkers kommun, Järfälla\n"
        "kommun och Nynäshamns kommun\n"
        "Andel som finansierar kommunal 20 %\nverksamhet",
        ["0115", "0117", "0123", "0192"]),
    "a list going on after a comma at the line's end, then a sentence": (
        "Samverkande kommuner: Örebro kommun, Karlskoga kommun,\n"
        "Lindesbergs kommun. Hembesöken görs bland annat från vårdcentralerna\n"
        "Vivalla/Lundby och Varberga.",
        ["1880", "1883", "1885"]),
    "a full stop ends the list; the next sentence's municipality is not in it": (
        "Samverkande kommuner: Västerås stad, Köpings kommun och Fagersta kommun. Sala\n"
        "kommun och Norbergs kommun har tillfrågats men deltar inte under 2024.",
        ["1980", "1983", "1982"]),
    "a label wrapped over a line break in prose": (
        "Programmet byggs ut i södra och norra Ångermanland. Samverkande\n"
        "kommuner: Sundsvalls kommun, Härnösands kommun, Kramfors kommun.",
        ["2281", "2280", "2282"]),
    "a report's past tense: samverkan har skett med": (
        "Region Exempel redovisar statsbidraget. Samverkan har skett med\n"
        "Eskilstuna, Katrineholms, Nyköpings och Flens kommuner.",
        ["0484", "0483", "0480", "0482"]),
    "a report's perfect tense: har samverkat med": (
        "Regionen har under året samverkat med Umeå kommun och Vännäs kommun.",
        ["2480", "2460"]),
    "a bulleted list after a line on the municipalities taking part": (
        "Samtliga sex kommuner i Halland deltar:\n• Halmstads kommun\n• Hylte kommun\n"
        "• Kungsbacka kommun\nRekvirerat belopp: 2 600 000 kr.",
        ["1380", "1315", "1384"]),
    "a remark in brackets after the name": (
        "Samverkande kommun: Gotland (Region Gotland har även kommunens ansvar;\n"
        "socialförvaltningen medverkar vid hembesöken).",
        ["0980"]),
    "a table of municipality codes and names under the label": (
        "Samverkande kommuner\nKommunkod Kommun Samverkansform\n"
        "2180 Gävle Familjecentral / hembesök\n2181 Sandviken Familjecentral / hembesök\n"
        "2184 Hudiksvall Familjecentral / hembesök\nKontaktperson Anna Berg",
        ["2180", "2181", "2184"]),
    "names without å/ä/ö between slashes": (
        "Samverkande kommuner Umea / Skelleftea / Lycksele / Vilhelmina\nDatum 2024-03-10",
        ["2480", "2482", "2481", "2462"]),
    "names whose separators OCR lost": (
        "Samverkande kommuner Umea Skellefteå Lycksele Vilhelmina\nDatum 2024-03-10",
        ["2480", "2482", "2481", "2462"]),
    "a name whose capital OCR read as a small letter, with its kind word": (
        "Samverkande kommuner: Växjö kommun; kjungby kommun, Alvesta kommun,\n"
        "Markaryds kommun.",
        ["0780", "0781", "0764", "0767"]),
    "a speck after a label wrapped onto the line of its value": (
        "Kommuner som samverkan ese\nsker med Karlskrona kommun, Ronneby kommun:\n"
        "Andel av bidraget som\nfinansierar kommunal verksamhet 40 %",
        ["1080", "1081"]),
    "a speck of letters and a digit inside a name": (
        "Kommuner som samverkan\nsker med Västerås rpg 2 stad\nAndel av bidraget som\n"
        "finansierar kommunal verksamhet 20 %",
        ["1980"]),
    "a stray full stop between the label and the list": (
        "Samverkande kommuner . Kalmar kommun, Nybro kommun, Västerviks kommun,\n"
        "Oskarshamns kommun\nAndel till kommunal verksamhet. 25 %",
        ["0880", "0881", "0883", "0882"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_collaborating_list(name: str) -> None:
    body, expected = CASES[name]
    ex = extract_fields(text_doc(HEAD + body))
    assert sorted(codes(ex.collaborating_municipalities)) == sorted(expected)


def test_a_stray_full_stop_between_label_and_share() -> None:
    ex = extract_fields(text_doc(HEAD + "Andel till kommunal verksamhet. 25 %\n"))
    assert ex.municipal_share_percent == 25
