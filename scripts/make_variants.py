"""Write a labelled corpus of documents unlike the dev set, to measure how extraction generalises.

usage: python scripts/make_variants.py [OUT_DIR]   (default /tmp/variants)

The corpus has the dev set's format (see ../shared/tools/score.py): PDFs, ``truth.json`` (file,
scanned, received, expect, flags) and ``allocations.csv``. The documents use wordings, layouts
and organisations the dev set does not: prose requisitions, labels from the instructions and
the regional decision, tables in other orders, two-column pages, municipalities that call
themselves "stad", amounts as "tkr", "miljoner kronor", "SEK 834 000", "834 000:-" and with
no-break spaces, dates as "den 14 mars 2024", "14/3 2024" and "20240314". Some pages are
rendered as scans (rotated, noisy, grayscale or binarised JPEG) so OCR is exercised too.
A value the document does not state is not in its truth.
"""
from __future__ import annotations

import io
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2
from corpus import truth_entry, write_labels
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

NBSP = "\u00a0"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
WIDTH, HEIGHT = A4


class Page:
    """One A4 page drawn top-down: ``y`` counts points from the top edge."""

    def __init__(self, c: canvas.Canvas, font: str = "Helvetica", size: float = 11):
        self.c = c
        self.font = font
        self.bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold",
                     "DejaVu": "DejaVu-Bold"}[font]
        self.size = size
        self.y = 70.0

    def text(self, x: float, y: float, s: str, bold: bool = False, size: float | None = None) -> None:
        self.c.setFont(self.bold if bold else self.font, size or self.size)
        self.c.drawString(x, HEIGHT - y, s)

    def line(self, s: str = "", bold: bool = False, size: float | None = None, x: float = 60,
             gap: float = 1.55) -> None:
        if s:
            self.text(x, self.y, s, bold, size)
        self.y += (size or self.size) * gap

    def para(self, s: str, x: float = 60, width: float = 470) -> None:
        for part in simpleSplit(s, self.font, self.size, width):
            self.line(part, x=x)
        self.y += self.size * 0.5

    def table(self, rows: list[tuple[str, ...]], widths: list[float], x: float = 60,
              grid: bool = True, bold_first: bool = False) -> None:
        height = self.size * 1.9
        for r, row in enumerate(rows):
            cx = x
            for value, w in zip(row, widths):
                self.text(cx + 5, self.y + height * 0.68, value, bold=bold_first and r == 0)
                if grid:
                    self.c.setLineWidth(0.6)
                    self.c.rect(cx, HEIGHT - self.y - height, w, height)
                cx += w
            self.y += height
        self.y += self.size


@dataclass
class Variant:
    file: str
    received: str
    expect: dict
    draw: Callable[[Page], None]
    flags: list[str] = field(default_factory=list)
    scanned: bool = False
    font: str = "Helvetica"


def region(code: str) -> dict:
    return {"kind": "region", "code": code}


def municipality(code: str) -> dict:
    return {"kind": "municipality", "code": code}


def hembesok(kind: str, year: int, org: dict, amounts: dict, day: str, **more) -> dict:
    return {"document_type": kind, "program": "hembesok", "grant_year": year,
            "organisation": org, "amounts": amounts, "document_date": day, **more}


def pilot(kind: str, org: dict, amounts: dict, day: str, **more) -> dict:
    return {"document_type": kind, "program": "bhv-pilot", "grant_year": 2023,
            "organisation": org, "amounts": amounts, "document_date": day, **more}


# -- requisitions -------------------------------------------------------------------------------

def prose_skane(p: Page) -> None:
    p.line("Region Skåne", bold=True, size=14)
    p.line("Koncernkontoret, Avdelning för hälso- och sjukvård")
    p.line()
    p.line("Socialstyrelsen")
    p.line("Enheten för statsbidrag")
    p.line()
    p.line("Malmö den 14 mars 2024", x=330)
    p.line("Dnr: RS 2024/1187", x=330)
    p.line()
    p.line("Rekvisition av statsbidrag för utökade hembesöksprogram", bold=True, size=12)
    p.para("Härmed rekvirerar Region Skåne 9 903 tkr i statsbidrag för att stödja och stimulera "
           "barnhälsovårdens förebyggande arbete med utökade hembesöksprogram för "
           "bidragsåret 2024.")
    p.para("Samverkan kommer att ske med Malmö stad, Helsingborgs stad och Landskrona stad. "
           "Av bidraget ska 40 procent finansiera kommunal verksamhet.")
    p.para("Region Skåne önskar ta del av eventuellt kvarvarande medel.")
    p.line()
    p.line("Med vänlig hälsning")
    p.line("Anders Holm, hälso- och sjukvårdsdirektör")


def table_gotland(p: Page) -> None:
    p.line("REKVISITION", bold=True, size=15)
    p.line("Statsbidrag till regioner – utökade hembesöksprogram")
    p.y += 6
    p.table([
        ("Statsbidrag", "Utökade hembesöksprogram"),
        ("Bidragsår", "2024"),
        ("Belopp som rekvireras", "SEK 834 000"),
        ("Kommuner som samverkan sker med", "Gotlands kommun"),
        ("Andel: 40%", ""),
        ("Rekvirent", "Region Gotland"),
        ("Datum", "14/3 2024"),
    ], [230, 240])
    p.line("Underskrift: Karin Berg, regiondirektör")


def two_column_vgr(p: Page) -> None:
    top = p.y
    p.line("Västra Götalandsregionen", bold=True, size=13)
    p.line("Regionkansliet")
    p.line("Datum: 20240314")
    p.line("Dnr: RS 2024/00412")
    p.y = top
    p.line("Till", x=330)
    p.line("Socialstyrelsen", x=330)
    p.line("106 30 Stockholm", x=330)
    p.y += 40
    p.line("Rekvisition – statsbidrag för utökade hembesöksprogram 2024", bold=True, size=12)
    p.y += 6
    top = p.y
    p.line("Rekvirerat belopp", bold=True)
    p.line("12 774 000:-")
    p.y = top
    p.line("Andel: 35 %", x=330)
    p.y += 30
    p.line("Samverkande kommuner:")
    for name in ("Göteborgs Stad", "Borås Stad", "Trollhättans stad", "Mölndals stad"):
        p.line(f"•  {name}", x=72)
    p.y += 10
    p.para("Västra Götalandsregionen önskar inte ta del av kvarvarande medel.")


def millions_uppsala(p: Page) -> None:
    p.line("Region Uppsala", bold=True, size=14)
    p.line("Uppsala den 2 februari 2024")
    p.y += 10
    p.line("Rekvisition av statsbidrag 2024", bold=True, size=12)
    p.line("Avser: utökade hembesöksprogram inom barnhälsovården")
    p.y += 6
    p.line("Rekvirerat belopp: 2,5 miljoner kronor")
    p.line("Samverkanskommuner: Uppsala kommun och Enköpings kommun")
    p.line("Kommunal andel: 30 %")
    p.line("Kontaktperson: Sara Ek, samordnare barnhälsovård")


def seed_labels_jonkoping(p: Page) -> None:
    p.line("Region Jönköpings län", bold=True, size=14)
    p.line("Datum: 2024-03-14")
    p.y += 8
    p.line("Rekvisition – statsbidrag för utökade hembesöksprogram 2024", bold=True, size=12)
    p.y += 4
    p.line(f"Belopp som rekvireras: 4{NBSP}913{NBSP}000{NBSP}kr")
    p.line("Kommuner som samverkan kommer att ske med: Jönköpings kommun")
    p.line("Del av bidraget som ska finansiera kommunal verksamhet: 45 %")
    p.line("Önskar ta del av kvarvarande medel: Ja")


def stad_malmo_2025(p: Page) -> None:
    p.line("Malmö stad", bold=True, size=14)
    p.line("Stadskontoret")
    p.y += 10
    p.line("Rekvisition av statsbidrag för utökade hembesöksprogram 2025", bold=True, size=12)
    p.line("Sökande kommun: Malmö stad")
    p.line("Organisationsnummer: 212000-1124")
    p.line("Rekvirerat belopp: 1 200 000 kronor")
    p.line("Datum: 5 mars 2025")


def prose_stockholm_pilot(p: Page) -> None:
    p.line("Stockholms stad", bold=True, size=14)
    p.line("Socialförvaltningen")
    p.line("Stockholm 2023-05-22")
    p.y += 10
    p.line("Rekvisition av statsbidrag – pilotverksamhet i barnhälsovården 2023", bold=True)
    p.para("Stockholms stad rekvirerar härmed 255 000 kronor i statsbidrag för pilotverksamhet i "
           "barnhälsovården 2023, avseende området med ett särskilt uppdrag.")
    p.line("Andel till kommunen: 40 procent")


def table_goteborg_pilot(p: Page) -> None:
    p.line("Rekvisition – pilotverksamhet i barnhälsovården 2023", bold=True, size=13)
    p.y += 6
    p.table([
        ("Kommun", "Göteborgs Stad"),
        ("Rekvirerat belopp", "580 000:-"),
        ("Kommunens andel", "45 %"),
        ("Datum", "den 2 juni 2023"),
    ], [200, 260])


def late_vastmanland(p: Page) -> None:
    p.line("Region Västmanland", bold=True, size=14)
    p.line("Västerås 2024-04-09")
    p.y += 8
    p.line("Rekvisition av statsbidrag – utökade hembesöksprogram 2024", bold=True)
    p.line("Rekvirerat belopp 3 370 000 kr")
    p.line("Samverkande kommuner: Västerås stad, Köpings kommun")
    p.line("Andel: 50 %")


def scan_varmland(p: Page) -> None:
    p.line("Region Värmland", bold=True, size=14)
    p.line("Datum: 12 mars 2024")
    p.y += 8
    p.line("Rekvisition av statsbidrag för utökade hembesöksprogram 2024", bold=True)
    p.y += 4
    p.line("Sökt belopp: SEK 2 900 000")
    p.line("Samverkande kommun: Karlstads kommun")
    p.line("Andel för kommunal verksamhet: 25 procent")


def share_below_malmo(p: Page) -> None:
    p.line("Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023", bold=True)
    p.y += 6
    p.line("Huvudman: Malmö stad")
    p.line("Datum: 20230601")
    p.line("Begärt belopp: 575 000 kr")
    p.line("Andel av statsbidraget till förebyggande socialtjänst: 40 procent")


def list_vasterbotten(p: Page) -> None:
    p.line("Region Västerbotten", bold=True, size=14)
    p.line("Umeå den 28 februari 2024")
    p.y += 8
    p.line("Rekvisition – utökade hembesöksprogram 2024", bold=True)
    p.line("Rekvirerat belopp: 2 755 000 SEK")
    p.line("Kommuner vi samverkar med:")
    p.line("- Umeå kommun", x=72)
    p.line("- Skellefteå kommun", x=72)
    p.line("Kommunernas andel: 20 %")


def wrong_kind_helsingborg(p: Page) -> None:
    p.line("Helsingborgs stad", bold=True, size=14)
    p.line("Rekvisition – utökade hembesöksprogram 2024", bold=True)
    p.line("Belopp: 650 000 kr")
    p.line("Datum: 2024-03-01")


def boras_2025(p: Page) -> None:
    p.line("Borås Stad", bold=True, size=14)
    p.line("Vård- och äldreförvaltningen")
    p.y += 8
    p.line("Rekvisition av statsbidrag för utökade hembesöksprogram 2025", bold=True)
    p.line("Ansökt belopp: SEK 834 000")
    p.line("Datum: 14/3 2025")


def upper_vasteras_2025(p: Page) -> None:
    p.line("VÄSTERÅS STAD", bold=True, size=16)
    p.line("Västerås den 3 april 2025")
    p.y += 8
    p.line("Rekvisition – utökade hembesöksprogram 2025", bold=True)
    p.line("Rekvirerat belopp 760 000:-")


# -- return reports ----------------------------------------------------------------------------

def sum_mismatch_halland(p: Page) -> None:
    p.line("Region Halland", bold=True, size=14)
    p.line("Återrapportering – statsbidrag för utökade hembesöksprogram 2024", bold=True)
    p.line("Datum: 2025-02-10")
    p.y += 6
    p.line("Erhållna medel: 1 500 000 kr")
    p.line("Använda medel: 1 420 000 kr")
    p.line("Ej använda medel: 80 000 kr")
    p.y += 6
    p.table([
        ("Kostnadspost", "Belopp"),
        ("Lönekostnader barnhälsovård", "600 000"),
        ("Lönekostnader socialtjänst", "500 000"),
        ("Tolk, resor och material", "300 000"),
        ("Totalt", "1 420 000"),
    ], [260, 120], bold_first=True)


def tkr_vasterbotten(p: Page) -> None:
    p.line("Återrapport – utökade hembesöksprogram 2024", bold=True, size=13)
    p.line("Organisation: Region Västerbotten")
    p.line("Datum: 2025-01-30")
    p.y += 6
    p.line("Erhållet bidrag 2 755 tkr")
    p.line("Förbrukat 2 600 tkr")
    p.line("Ej förbrukat 155 tkr")


def two_column_kalmar(p: Page) -> None:
    p.line("Region Kalmar län", bold=True, size=14)
    p.line("Ekonomisk redovisning av statsbidrag för utökade hembesöksprogram 2024", bold=True)
    p.line("Kalmar den 20 februari 2025")
    p.y += 10
    for label, value in (("Mottaget bidrag", "1 100 000 kr"), ("Förbrukade medel", "1 023 450 kr"),
                         ("Medel att återbetala", "76 550 kr")):
        p.text(60, p.y, label)
        p.text(400, p.y, value)
        p.y += p.size * 1.8


def pilot_report_malmo(p: Page) -> None:
    p.line("Återrapportering av statsbidrag för pilotverksamhet i barnhälsovården 2023", bold=True)
    p.line("Kommun: Malmö stad")
    p.line("Datum: 20240415")
    p.y += 6
    p.line("Utbetalt belopp: 575 000 kr")
    p.line("Förbrukat belopp: 560 200 kr")
    p.line("Att återbetala: 14 800 kr")


def unused_mismatch_dalarna(p: Page) -> None:
    p.line("Region Dalarna", bold=True, size=14)
    p.line("Slutredovisning – utökade hembesöksprogram 2024", bold=True)
    p.line("Datum: 2025-02-24")
    p.y += 6
    p.line("Erhållet statsbidrag: 1 142 000 kr")
    p.line("Förbrukade medel: 1 000 000 kr")
    p.line("Belopp att återbetala: 124 000 kr")


def prose_report_norrbotten(p: Page) -> None:
    p.line("Region Norrbotten", bold=True, size=14)
    p.line("Luleå den 28 januari 2025")
    p.y += 8
    p.line("Återrapportering av statsbidrag för utökade hembesöksprogram 2024", bold=True)
    p.para("Region Norrbotten har erhållit 5 035 000 kronor i statsbidrag för utökade "
           "hembesöksprogram. Av dessa har 4 800 000 kronor förbrukats under året. "
           "Ej förbrukade medel, 235 000 kronor, återbetalas till Socialstyrelsen.")


def orebro_2023_report(p: Page) -> None:
    p.line("Region Örebro län", bold=True, size=14)
    p.line("Ekonomisk redovisning av statsbidrag för utökade hembesöksprogram 2023", bold=True)
    p.line("Datum: den 20 februari 2024")
    p.line("Redovisningsperiod: 1 januari 2023 – 31 december 2023")
    p.y += 6
    p.line("Erhållet belopp: 1 349 000 kr")
    p.line("Förbrukade medel: 1 349 000 kr")
    p.line("Ej förbrukade medel: 0 kr")
    p.y += 6
    p.table([
        ("Kostnadsslag", "Kronor"),
        ("Barnhälsovårdssjuksköterskor", "812 000"),
        ("Familjebehandlare", "437 000"),
        ("Utbildning", "100 000"),
        ("Summa kostnader", "1 349 000"),
    ], [260, 120], grid=False, bold_first=True)


def late_gavleborg(p: Page) -> None:
    p.line("Region Gävleborg", bold=True, size=14)
    p.line("Återrapportering – utökade hembesöksprogram 2024", bold=True)
    p.line("Datum: 3 mars 2025")
    p.y += 6
    p.table([
        ("Erhållet statsbidrag", "1 307 000 kr"),
        ("Förbrukat", "1 250 000 kr"),
        ("Ej förbrukade medel", "57 000 kr"),
    ], [220, 160])


# -- decisions ---------------------------------------------------------------------------------

def protocol_kronoberg(p: Page) -> None:
    p.line("PROTOKOLLSUTDRAG", bold=True, size=14)
    p.line("Regionstyrelsen, Region Kronoberg")
    p.line("Sammanträdesdatum 2023-10-24")
    p.line("Diarienummer: RS 2023/1288")
    p.y += 8
    p.line("§ 245 Fördelning av statsbidrag för utökade hembesöksprogram 2023", bold=True)
    p.para("Regionstyrelsen beslutar att fördela statsbidraget om 1 811 000 kronor för utökade "
           "hembesöksprogram till barnhälsovårdsenheten.")
    p.line("Justerandes signatur ..........")


def seed_decision_uppsala(p: Page) -> None:
    p.line("Region Uppsala", bold=True, size=14)
    p.line("Datum: 2023-11-21")
    p.y += 6
    p.line("Fördelning av statsbidrag för att stödja och stimulera barnhälsovårdens", bold=True)
    p.line("förebyggande arbete med hembesöksprogram", bold=True)
    p.y += 6
    p.line("Förslag till beslut", bold=True)
    p.para("Regionstyrelsens arbetsutskott föreslår regionstyrelsen besluta att fördela "
           "statsbidraget (2,1 miljoner kronor 2023) för att stödja och stimulera "
           "barnhälsovårdens förebyggande arbete med hembesök till centrala "
           "barnhälsovårdsenheten.")
    p.line("Ekonomiska konsekvenser", bold=True)
    p.para("Totalt är statsbidraget på 42 miljoner kronor varav Region Uppsala får ta del av "
           "2,1 miljoner kronor. Medlen ska användas senast 31 december 2023.")


def tkr_vastmanland(p: Page) -> None:
    p.line("Region Västmanland", bold=True, size=14)
    p.line("Protokoll, regionstyrelsen")
    p.line("Sammanträdesdatum: den 5 oktober 2023")
    p.y += 8
    p.line("Statsbidrag för utökade hembesöksprogram 2023", bold=True)
    p.para("Regionstyrelsen beslutar att tilldela barnhälsovården 1 472 tkr av statsbidraget "
           "för utökade hembesöksprogram.")


def seed_decision_dalarna(p: Page) -> None:
    p.line("Region Dalarna", bold=True, size=14)
    p.line("Datum: 2023-11-28")
    p.y += 6
    p.line("Förslag till beslut", bold=True)
    p.para("Regionstyrelsens arbetsutskott föreslår regionstyrelsen besluta att fördela "
           "statsbidraget (1,7 miljoner kronor 2023) för utökade hembesöksprogram till "
           "barnhälsovårdsenheten.")
    p.line("Ekonomiska konsekvenser", bold=True)
    p.para("Totalt är statsbidraget på 42 miljoner kronor varav Region Dalarna får ta del av "
           "1,679 miljoner kronor.")


def delegation_norrbotten(p: Page) -> None:
    p.line("Delegationsbeslut", bold=True, size=14)
    p.line("Region Norrbotten")
    p.line("Beslutsdatum: 14/11 2023")
    p.y += 6
    p.line("Ärende: statsbidrag för utökade hembesöksprogram 2023")
    p.line("Beslutat belopp: 1 524 000 kr")


def two_column_skane_decision(p: Page) -> None:
    top = p.y
    p.line("Protokoll", bold=True, size=14)
    p.line("Regionstyrelsen")
    p.line("Region Skåne")
    p.y = top
    p.line("Sammanträdesdatum", x=360, bold=True)
    p.line("2023-09-19", x=360)
    p.y += 40
    p.line("§ 112 Statsbidrag för utökade hembesöksprogram 2023", bold=True)
    p.para("Regionstyrelsen beslutar att tilldela hälso- och sjukvårdsnämnden 6 334 000 kr ur "
           "statsbidraget för utökade hembesöksprogram.")


def place_date_vasterbotten(p: Page) -> None:
    p.line("Region Västerbotten", bold=True, size=14)
    p.line("Beslut om fördelning av statsbidrag för utökade hembesöksprogram 2023", bold=True)
    p.line("Ort och datum: Umeå 20231012")
    p.y += 6
    p.para("Hälso- och sjukvårdsdirektören beslutar att fördela 634 tkr till barnhälsovården.")


# -- second round: other label words, several pages, columns, capitals ---------------------------

def two_pages_ostergotland(p: Page) -> None:
    p.line("Från: Region Östergötland")
    p.line("Till: Socialstyrelsen")
    p.line("Linköping 2024-02-20")
    p.y += 10
    p.line("Rekvisition av statsbidrag – utökade hembesöksprogram 2024", bold=True)
    p.para("Region Östergötland rekvirerar härmed statsbidrag enligt Socialstyrelsens "
           "anvisningar. Uppgifterna framgår av blanketten på nästa sida.")
    p.c.showPage()
    p.y = 70
    p.line("Blankett: rekvisition", bold=True)
    p.table([
        ("Rekvirerad summa", "4 778 tkr"),
        ("Samverkanskommuner", "Linköpings kommun, Norrköpings kommun, Motala kommun"),
        ("Andel som avser kommunal verksamhet", "30 %"),
    ], [200, 300])


def other_labels_jamtland(p: Page) -> None:
    p.line("Region Jämtland Härjedalen", bold=True, size=14)
    p.line("Östersund 2025-02-14")
    p.y += 6
    p.line("Återrapportering – utökade hembesöksprogram 2024", bold=True)
    p.line("Totalt erhållet bidrag: 503 000 kr")
    p.line("Redovisade kostnader: 480 500 kr")
    p.line("Ej nyttjade medel: 22 500 kr")


def mnkr_halland_decision(p: Page) -> None:
    p.line("Tjänsteskrivelse", bold=True, size=14)
    p.line("Region Halland")
    p.line("Datum 2023-10-02")
    p.y += 6
    p.para("Hälso- och sjukvårdsdirektören beslutar att avsätta 1,5 mnkr ur statsbidraget för "
           "utökade hembesöksprogram 2023 till barnhälsovården.")


def solna_2026(p: Page) -> None:
    p.line("Solna stad", bold=True, size=14)
    p.line("Rekvisition – statsbidrag för utökade hembesöksprogram", bold=True)
    p.line("Bidragsår: 2026")
    p.line("Rekvirerat bidrag: 420 000 kr")
    p.line("Datum: den 15 januari 2026")


def pilot_without_the_word_botkyrka(p: Page) -> None:
    p.line("Botkyrka kommun", bold=True, size=14)
    p.line("Rekvisition: Barnhälsovård i socioekonomiskt utsatta områden 2023", bold=True)
    p.line("Rekvirerat belopp: 580 000 kr")
    p.line("Datum: 2023-05-30")


def value_below_kronoberg(p: Page) -> None:
    p.line("Rekvisition av statsbidrag för utökade hembesöksprogram 2024", bold=True)
    p.y += 4
    for label, value in (("Från:", "Region Kronoberg"), ("Datum", "2024-03-01")):
        p.line(label, bold=True)
        p.line(value)
    p.y += 4
    p.line("Summa att rekvirera: 1 100 000 kr")
    p.line("Samverkande kommun: Växjö kommun")
    p.line("Kommunal andel i procent: 50")


def two_column_orebro(p: Page) -> None:
    p.line("Region Örebro län", bold=True, size=14)
    p.line("Rekvisition – utökade hembesöksprogram 2024", bold=True)
    p.y += 6
    for left, right in (("Rekvirerat belopp: 3 406 000 kr", "Datum: 2024-03-05"),
                        ("Samverkande kommuner: Örebro kommun, Karlskoga kommun",
                         "Kommunal andel: 40 %")):
        p.text(50, p.y, left, size=10)
        p.text(375, p.y, right, size=10)
        p.y += p.size * 1.8


def genitive_sormland(p: Page) -> None:
    p.line("Region Sörmlands återrapportering av statsbidrag för utökade hembesöksprogram 2024",
           bold=True)
    p.line("Nyköping 2025-02-27")
    p.y += 6
    p.line("Utbetalt statsbidrag: 1 200 000 kr")
    p.line("Summa förbrukat: 1 180 000 kr")
    p.line("Återbetalningsbelopp: 20 000 kr")


def board_gavleborg(p: Page) -> None:
    p.line("Protokoll", bold=True, size=14)
    p.line("Hälso- och sjukvårdsnämnden, Region Gävleborg")
    p.line("Sammanträdesdatum: 12/10 2023")
    p.y += 6
    p.line("§ 34 Statsbidrag för utökade hembesöksprogram 2023", bold=True)
    p.para("Nämnden beviljar barnhälsovården 298 000:- ur statsbidraget.")


def capitals_blekinge(p: Page) -> None:
    p.line("REGION BLEKINGE", bold=True, size=14)
    p.line("REKVISITION – UTÖKADE HEMBESÖKSPROGRAM 2024", bold=True)
    p.line("DATUM: 2024-03-22")
    p.line("REKVIRERAT BELOPP: 900.000 kr")
    p.line("SAMVERKANDE KOMMUNER: KARLSKRONA KOMMUN, RONNEBY KOMMUN")
    p.line("ANDEL TILL KOMMUNERNA: 40 %")


VARIANTS: list[Variant] = [
    Variant("V01.pdf", "2024-03-15", hembesok("requisition", 2024, region("12"), {"requested": 9_903_000},
            "2024-03-14", collaborating_municipalities=["1280", "1282", "1283"],
            municipal_share_percent=40), prose_skane),
    Variant("V02.pdf", "2024-03-18", hembesok("requisition", 2024, region("09"), {"requested": 834_000},
            "2024-03-14", collaborating_municipalities=["0980"], municipal_share_percent=40),
            table_gotland, scanned=True, font="DejaVu"),
    Variant("V03.pdf", "2024-03-20", hembesok("requisition", 2024, region("14"), {"requested": 12_774_000},
            "2024-03-14", collaborating_municipalities=["1480", "1481", "1488", "1490"],
            municipal_share_percent=35), two_column_vgr, font="Times-Roman"),
    Variant("V04.pdf", "2024-02-07", hembesok("requisition", 2024, region("03"), {"requested": 2_500_000},
            "2024-02-02", collaborating_municipalities=["0380", "0381"],
            municipal_share_percent=30), millions_uppsala),
    Variant("V05.pdf", "2024-03-14", hembesok("requisition", 2024, region("06"), {"requested": 4_913_000},
            "2024-03-14", collaborating_municipalities=["0680"], municipal_share_percent=45),
            seed_labels_jonkoping, font="DejaVu"),
    Variant("V06.pdf", "2025-03-06", hembesok("requisition", 2025, municipality("1280"),
            {"requested": 1_200_000}, "2025-03-05"), stad_malmo_2025),
    Variant("V07.pdf", "2023-05-23", pilot("requisition", municipality("0180"), {"requested": 255_000},
            "2023-05-22", municipal_share_percent=40), prose_stockholm_pilot, font="Times-Roman"),
    Variant("V08.pdf", "2023-06-05", pilot("requisition", municipality("1480"), {"requested": 580_000},
            "2023-06-02", municipal_share_percent=45), table_goteborg_pilot, scanned=True),
    Variant("V09.pdf", "2024-04-10", hembesok("requisition", 2024, region("19"), {"requested": 3_370_000},
            "2024-04-09", collaborating_municipalities=["1980", "1983"],
            municipal_share_percent=50), late_vastmanland, flags=["LATE_REQUISITION"]),
    Variant("V10.pdf", "2024-03-13", hembesok("requisition", 2024, region("17"), {"requested": 2_900_000},
            "2024-03-12", collaborating_municipalities=["1780"], municipal_share_percent=25),
            scan_varmland, flags=["AMOUNT_EXCEEDS_ALLOCATION"], scanned=True, font="Times-Roman"),
    Variant("V11.pdf", "2023-06-02", pilot("requisition", municipality("1280"), {"requested": 575_000},
            "2023-06-01", municipal_share_percent=40), share_below_malmo,
            flags=["SHARE_BELOW_MINIMUM"]),
    Variant("V12.pdf", "2024-02-29", hembesok("requisition", 2024, region("24"), {"requested": 2_755_000},
            "2024-02-28", collaborating_municipalities=["2480", "2482"],
            municipal_share_percent=20), list_vasterbotten, font="DejaVu"),
    Variant("V13.pdf", "2024-03-04", hembesok("requisition", 2024, municipality("1283"),
            {"requested": 650_000}, "2024-03-01"), wrong_kind_helsingborg,
            flags=["WRONG_RECIPIENT_KIND"]),
    Variant("V14.pdf", "2025-03-17", hembesok("requisition", 2025, municipality("1490"),
            {"requested": 834_000}, "2025-03-14"), boras_2025, font="Times-Roman"),
    Variant("V15.pdf", "2025-04-04", hembesok("requisition", 2025, municipality("1980"),
            {"requested": 760_000}, "2025-04-03"), upper_vasteras_2025),
    Variant("V16.pdf", "2025-02-11", hembesok("return_report", 2024, region("13"),
            {"received": 1_500_000, "used": 1_420_000, "unused": 80_000}, "2025-02-10"),
            sum_mismatch_halland, flags=["SUM_MISMATCH"]),
    Variant("V17.pdf", "2025-01-31", hembesok("return_report", 2024, region("24"),
            {"received": 2_755_000, "used": 2_600_000, "unused": 155_000}, "2025-01-30"),
            tkr_vasterbotten, scanned=True, font="DejaVu"),
    Variant("V18.pdf", "2025-02-21", hembesok("return_report", 2024, region("08"),
            {"received": 1_100_000, "used": 1_023_450, "unused": 76_550}, "2025-02-20"),
            two_column_kalmar, scanned=True),
    Variant("V19.pdf", "2024-04-16", pilot("return_report", municipality("1280"),
            {"received": 575_000, "used": 560_200, "unused": 14_800}, "2024-04-15"),
            pilot_report_malmo, font="Times-Roman"),
    Variant("V20.pdf", "2025-02-25", hembesok("return_report", 2024, region("20"),
            {"received": 1_142_000, "used": 1_000_000, "unused": 124_000}, "2025-02-24"),
            unused_mismatch_dalarna, flags=["UNUSED_MISMATCH"]),
    Variant("V21.pdf", "2025-01-29", hembesok("return_report", 2024, region("25"),
            {"received": 5_035_000, "used": 4_800_000, "unused": 235_000}, "2025-01-28"),
            prose_report_norrbotten),
    Variant("V22.pdf", "2024-02-21", hembesok("return_report", 2023, region("18"),
            {"received": 1_349_000, "used": 1_349_000, "unused": 0}, "2024-02-20"),
            orebro_2023_report, font="DejaVu"),
    Variant("V23.pdf", "2025-03-04", hembesok("return_report", 2024, region("21"),
            {"received": 1_307_000, "used": 1_250_000, "unused": 57_000}, "2025-03-03"),
            late_gavleborg, flags=["LATE_REPORT"], scanned=True, font="DejaVu"),
    Variant("V24.pdf", "2023-10-30", hembesok("decision", 2023, region("07"), {"decided": 1_811_000},
            "2023-10-24"), protocol_kronoberg, font="Times-Roman"),
    Variant("V25.pdf", "2023-11-23", hembesok("decision", 2023, region("03"), {"decided": 2_100_000},
            "2023-11-21"), seed_decision_uppsala, flags=["DECISION_AMOUNT_MISMATCH"]),
    Variant("V26.pdf", "2023-10-09", hembesok("decision", 2023, region("19"), {"decided": 1_472_000},
            "2023-10-05"), tkr_vastmanland, scanned=True),
    Variant("V27.pdf", "2023-12-01", hembesok("decision", 2023, region("20"), {"decided": 1_700_000},
            "2023-11-28"), seed_decision_dalarna, font="DejaVu"),
    Variant("V28.pdf", "2023-11-15", hembesok("decision", 2023, region("25"), {"decided": 1_524_000},
            "2023-11-14"), delegation_norrbotten, scanned=True, font="Times-Roman"),
    Variant("V29.pdf", "2023-09-25", hembesok("decision", 2023, region("12"), {"decided": 6_334_000},
            "2023-09-19"), two_column_skane_decision),
    Variant("V30.pdf", "2023-10-16", hembesok("decision", 2023, region("24"), {"decided": 634_000},
            "2023-10-12"), place_date_vasterbotten, font="Times-Roman"),
    Variant("V31.pdf", "2024-02-21", hembesok("requisition", 2024, region("05"), {"requested": 4_778_000},
            "2024-02-20", collaborating_municipalities=["0580", "0581", "0583"],
            municipal_share_percent=30), two_pages_ostergotland),
    Variant("V32.pdf", "2025-02-17", hembesok("return_report", 2024, region("23"),
            {"received": 503_000, "used": 480_500, "unused": 22_500}, "2025-02-14"),
            other_labels_jamtland, font="DejaVu"),
    Variant("V33.pdf", "2023-10-04", hembesok("decision", 2023, region("13"), {"decided": 1_500_000},
            "2023-10-02"), mnkr_halland_decision, scanned=True),
    Variant("V34.pdf", "2026-01-16", hembesok("requisition", 2026, municipality("0184"),
            {"requested": 420_000}, "2026-01-15"), solna_2026, font="Times-Roman"),
    Variant("V35.pdf", "2023-05-31", pilot("requisition", municipality("0127"), {"requested": 580_000},
            "2023-05-30"), pilot_without_the_word_botkyrka),
    Variant("V36.pdf", "2024-03-04", hembesok("requisition", 2024, region("07"), {"requested": 1_100_000},
            "2024-03-01", collaborating_municipalities=["0780"], municipal_share_percent=50),
            value_below_kronoberg, font="DejaVu"),
    Variant("V37.pdf", "2024-03-06", hembesok("requisition", 2024, region("18"), {"requested": 3_406_000},
            "2024-03-05", collaborating_municipalities=["1880", "1883"],
            municipal_share_percent=40), two_column_orebro, scanned=True),
    Variant("V38.pdf", "2025-02-28", hembesok("return_report", 2024, region("04"),
            {"received": 1_200_000, "used": 1_180_000, "unused": 20_000}, "2025-02-27"),
            genitive_sormland, font="Times-Roman"),
    Variant("V39.pdf", "2023-10-13", hembesok("decision", 2023, region("21"), {"decided": 298_000},
            "2023-10-12"), board_gavleborg),
    Variant("V40.pdf", "2024-03-25", hembesok("requisition", 2024, region("10"), {"requested": 900_000},
            "2024-03-22", collaborating_municipalities=["1080", "1081"],
            municipal_share_percent=40), capitals_blekinge, font="DejaVu"),
]

ALLOCATIONS: list[tuple[str, int, str, str, int, str]] = [
    ("hembesok", 2024, "03", "Region Uppsala", 2_600_000, ""),
    ("hembesok", 2024, "04", "Region Sörmland", 1_200_000, ""),
    ("hembesok", 2024, "05", "Region Östergötland", 4_778_000, ""),
    ("hembesok", 2024, "07", "Region Kronoberg", 1_100_000, ""),
    ("hembesok", 2024, "10", "Region Blekinge", 900_000, ""),
    ("hembesok", 2024, "18", "Region Örebro län", 3_406_000, ""),
    ("hembesok", 2024, "23", "Region Jämtland Härjedalen", 503_000, ""),
    ("hembesok", 2023, "13", "Region Halland", 1_500_000, ""),
    ("hembesok", 2023, "21", "Region Gävleborg", 298_000, ""),
    ("hembesok", 2026, "0184", "Solna stad", 420_000, ""),
    ("hembesok", 2024, "06", "Region Jönköpings län", 4_913_000, ""),
    ("hembesok", 2024, "08", "Region Kalmar län", 1_100_000, ""),
    ("hembesok", 2024, "09", "Region Gotland", 834_000, ""),
    ("hembesok", 2024, "12", "Region Skåne", 9_903_000, ""),
    ("hembesok", 2024, "13", "Region Halland", 1_500_000, ""),
    ("hembesok", 2024, "14", "Västra Götalandsregionen", 12_774_000, ""),
    ("hembesok", 2024, "17", "Region Värmland", 2_084_000, ""),
    ("hembesok", 2024, "19", "Region Västmanland", 3_370_000, ""),
    ("hembesok", 2024, "20", "Region Dalarna", 1_142_000, ""),
    ("hembesok", 2024, "21", "Region Gävleborg", 1_307_000, ""),
    ("hembesok", 2024, "24", "Region Västerbotten", 2_755_000, ""),
    ("hembesok", 2024, "25", "Region Norrbotten", 5_035_000, ""),
    ("hembesok", 2023, "03", "Region Uppsala", 1_709_000, ""),
    ("hembesok", 2023, "07", "Region Kronoberg", 1_811_000, ""),
    ("hembesok", 2023, "12", "Region Skåne", 6_334_000, ""),
    ("hembesok", 2023, "18", "Region Örebro län", 1_349_000, ""),
    ("hembesok", 2023, "19", "Region Västmanland", 1_472_000, ""),
    ("hembesok", 2023, "20", "Region Dalarna", 1_679_000, ""),
    ("hembesok", 2023, "24", "Region Västerbotten", 634_000, ""),
    ("hembesok", 2023, "25", "Region Norrbotten", 1_524_000, ""),
    ("hembesok", 2025, "1280", "Malmö stad", 1_200_000, ""),
    ("hembesok", 2025, "1490", "Borås Stad", 834_000, ""),
    ("hembesok", 2025, "1980", "Västerås stad", 760_000, ""),
    ("bhv-pilot", 2023, "0127", "Botkyrka kommun", 580_000, "45"),
    ("bhv-pilot", 2023, "1280", "Malmö stad", 580_000, "45"),
    ("bhv-pilot", 2023, "1480", "Göteborgs Stad", 580_000, "45"),
    ("bhv-pilot", 2023, "0180", "Stockholms stad", 255_000, "40"),
]


def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", DEJAVU_BOLD))


def text_pdf(v: Variant) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    v.draw(Page(c, v.font))
    c.showPage()  # the last page; a draw function ends earlier pages itself
    c.save()
    return buf.getvalue()


def as_scan(pdf: bytes, rng: random.Random) -> bytes:
    """The first page as a scanner makes it: 150-300 dpi, rotated 1-3°, grayscale or binarised,
    speckled, JPEG-compressed, in an image-only PDF."""
    dpi = rng.choice([150, 200, 250, 300])
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=dpi / 72).to_pil().convert("L")
    angle = rng.choice([-1, 1]) * rng.uniform(1.0, 3.0)
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels * rng.uniform(0.85, 0.97) + rng.uniform(5, 25)  # paper tone, toner
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(4, 12), pixels.shape)
    pixels = np.clip(pixels + noise, 0, 255)
    if rng.random() < 0.4:
        pixels = np.where(pixels > 150, 255, 0)
    scan = Image.fromarray(pixels.astype(np.uint8), "L")
    jpeg = io.BytesIO()
    scan.save(jpeg, "JPEG", quality=rng.randint(45, 80))
    jpeg.seek(0)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(jpeg), 0, 0, WIDTH, HEIGHT)
    c.showPage()
    c.save()
    return out.getvalue()


def write_corpus(out: Path, seed: int = 20240314) -> None:
    out.mkdir(parents=True, exist_ok=True)
    register_fonts()
    rng = random.Random(seed)
    truth = []
    for v in VARIANTS:
        data = text_pdf(v)
        if v.scanned:
            data = as_scan(data, rng)
        (out / v.file).write_bytes(data)
        truth.append(truth_entry(v.file, scanned=v.scanned, received=v.received,
                                 expect=v.expect, flags=v.flags))
    write_labels(out, truth, ALLOCATIONS)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/variants")
    write_corpus(out)
    print(f"{len(VARIANTS)} documents in {out}")


if __name__ == "__main__":
    main()
