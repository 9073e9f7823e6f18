"""Who the region works with, as its decisions and letters say it: a collaboration between
the region's units and the municipalities' services, an agreement between them, the
municipal share going to named municipalities, a year between the verb and its list; a
form's coded rows under a wrapped label, an annex's table; and what is not the document's own
collaboration (another region's, one that ended, a list's bullets run out)."""
from __future__ import annotations

import pytest

from extractors.fields import extract_fields
from tests.extractors.test_fields import codes, text_doc

REQUISITION = """
Region Exempel
Rekvisition av statsbidrag för utökade hembesöksprogram 2024
Region Exempel rekvirerar härmed 2 000 000 kronor i statsbidrag för bidragsåret 2024.
"""

DECISION = """
Region Exempel
PROTOKOLLSUTDRAG
Sammanträdesdatum 2024-02-02
Fördelning av statsbidrag för utökade hembesöksprogram 2024
Beslut
Regionstyrelsen beslutar
att fördela statsbidraget om 1 900 000 kronor för 2024 till barnhälsovården
"""

CASES = {
    "a collaboration between the region's units and the municipalities' services": (
        REQUISITION,
        "De utökade hembesöken genomförs i samverkan mellan regionens\n"
        "barnavårdscentraler och Örebro kommuns, Karlskoga kommuns och Kumla kommuns\n"
        "förebyggande socialtjänst.\n"
        "Lekebergs kommun deltog i samverkan under 2023 men har från och med 2024\n"
        "lämnat samarbetet.",
        ["1880", "1883", "1881"]),
    "a year between the verb and its list": (
        REQUISITION,
        "Regionen samverkar under 2024 med Umeå kommun, Skellefteå kommun och\n"
        "Lycksele kommun kring de utökade hembesöken.",
        ["2480", "2482", "2481"]),
    "the municipal share finances activity in named municipalities": (
        DECISION,
        "att 40 procent av bidraget ska finansiera kommunal verksamhet i Halmstads\n"
        "kommun och Varbergs kommun, enligt överenskommelse med respektive kommun",
        ["1380", "1383"]),
    "an agreement between the region and the municipalities": (
        DECISION,
        "att godkänna bifogad överenskommelse mellan Region Exempel och Karlstads\n"
        "kommun, Kristinehamns kommun och Arvika kommun om utökade hembesök,",
        ["1780", "1781", "1784"]),
    "the share distributed to named municipalities": (
        DECISION,
        "att 30 procent av bidraget, motsvarande 564 000 kronor, fördelas till Växjö kommun,\n"
        "Ljungby kommun och Alvesta kommun för kommunernas del av hembesöken,",
        ["0780", "0781", "0764"]),
    "a dialogue with the municipalities on joint home visits": (
        DECISION,
        "Förvaltningen har fört dialog med Linköpings kommun och Söderköpings kommun om\n"
        "gemensamma hembesök.",
        ["0580", "0582"]),
    "every municipality of the county, then named after a semicolon": (
        REQUISITION,
        "Samverkan sker med samtliga kommuner i länet; det vill säga kommunerna\n"
        "Karlshamn, Karlskrona, Olofström, Ronneby och Sölvesborg. Samtliga har tecknat\n"
        "överenskommelse.",
        ["1082", "1080", "1060", "1081", "1083"]),
    "a list's comma OCR read as a full stop": (
        REQUISITION,
        "Regionen samverkar under 2024 med Västerås stad. Köpings kommun och Fagersta\n"
        "kommun kring de utökade hembesöken.",
        ["1980", "1983", "1982"]),
    "a bulleted list ends where the bullets do": (
        REQUISITION,
        "Under 2024 har regionen samverkat med följande kommuner:\n• Örebro kommun\n"
        "• Karlskoga kommun\n• Kumla kommun\n"
        "Lekebergs kommun deltog under 2023 men ingick inte i samverkan 2024.",
        ["1880", "1883", "1881"]),
    "another region's collaboration in the same letter": (
        REQUISITION.replace("Region Exempel", "Region Skåne"),
        "Hembesöken genomförs av barnhälsovården tillsammans med socialtjänsten i\n"
        "kommunerna Malmö, Helsingborg, Landskrona och Trelleborg.\n"
        "Motsvarande arbete bedrivs i grannlänet av Region Halland tillsammans med\n"
        "Halmstads kommun; det arbetet ingår inte i denna rekvisition.",
        ["1280", "1283", "1282", "1287"]),
    "a form's coded rows under a label wrapped in brackets": (
        "Region Exempel\nRekvisition – statsbidrag utökade hembesöksprogram 2024\n"
        "Rekvirerat belopp (kr) 2 750 000\n",
        "Samverkande kommuner 0380 Uppsala\n(kommunkod, namn) 0381 Enköping\n0331 Heby\n"
        "Andel av bidraget till kommunal 30,0 %\nverksamhet",
        ["0380", "0381", "0331"]),
    "an annex's table of codes under its heading": (
        REQUISITION,
        "De kommuner som regionen samverkar med framgår av bilaga 1.\n"
        "Bilaga 1. Samverkande kommuner 2024\nKommunkod Kommun Andel av bidraget, kr\n"
        "1480 Göteborgs Stad 1 495 000\n1490 Borås Stad 1 662 700\n"
        "1488 Trollhättans stad 1 369 300\nSumma till kommunerna 4 527 000",
        ["1480", "1490", "1488"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_collaborating_partners(name: str) -> None:
    head, body, expected = CASES[name]
    ex = extract_fields(text_doc(head + body))
    assert sorted(codes(ex.collaborating_municipalities)) == sorted(expected)

