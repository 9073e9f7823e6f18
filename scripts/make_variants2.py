"""Write a second, independent variant corpus of text PDFs in the dev set's format.

usage: python scripts/make_variants2.py [OUT_DIR]   (default /tmp/variants2)

The documents use wordings and layouts a region, a municipality or a board secretary would
plausibly use and that neither the dev set nor the seeds use verbatim: protokollsutdrag with
§ numbers, "Ärende", "Beslut" and justering lines and several amounts in one decision;
requisitions as letters and as forms with label and value on separate lines; return reports
with a "Kostnadsredovisning" table in tkr or kr; municipalities and a kommunförbund as
senders; postal addresses and the recipient authority's address in the letterhead. Each
document carries its truth per the contract; the allocation list is written next to them
(the dev set's, without Region Västerbotten 2024 and with a minimum share for Region
Värmland 2024). The output is: PDFs, truth.json, allocations.csv (see ../shared/tools/score.py).
"""
from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus import truth_entry, write_labels
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

NBSP = "\u00a0"
LEFT, RIGHT_EDGE, TOP, BOTTOM = 62, 535, 800, 60

ALLOCATIONS_2024 = {
    "01": ("Region Stockholm", 13698000), "03": ("Region Uppsala", 2535000),
    "04": ("Region Sörmland", 469000), "05": ("Region Östergötland", 4778000),
    "06": ("Region Jönköpings län", 4913000), "07": ("Region Kronoberg", 3210000),
    "08": ("Region Kalmar län", 3636000), "09": ("Region Gotland", 834000),
    "10": ("Region Blekinge", 4089000), "12": ("Region Skåne", 9903000),
    "13": ("Region Halland", 580000), "14": ("Västra Götalandsregionen", 12774000),
    "17": ("Region Värmland", 2084000), "18": ("Region Örebro län", 3406000),
    "19": ("Region Västmanland", 3370000), "20": ("Region Dalarna", 1142000),
    "21": ("Region Gävleborg", 1307000), "22": ("Region Västernorrland", 979000),
    "23": ("Region Jämtland Härjedalen", 503000), "25": ("Region Norrbotten", 5035000),
}
"""hembesok 2024 without Region Västerbotten (24): its documents have no allocation row."""

ALLOCATIONS_2023 = {
    "01": ("Region Stockholm", 5107000), "03": ("Region Uppsala", 1709000),
    "04": ("Region Sörmland", 1505000), "05": ("Region Östergötland", 1872000),
    "06": ("Region Jönköpings län", 486000), "07": ("Region Kronoberg", 1811000),
    "08": ("Region Kalmar län", 975000), "09": ("Region Gotland", 1750000),
    "10": ("Region Blekinge", 1989000), "12": ("Region Skåne", 6334000),
    "13": ("Region Halland", 1206000), "14": ("Västra Götalandsregionen", 5650000),
    "17": ("Region Värmland", 2770000), "18": ("Region Örebro län", 1349000),
    "19": ("Region Västmanland", 1472000), "20": ("Region Dalarna", 1679000),
    "21": ("Region Gävleborg", 298000), "22": ("Region Västernorrland", 1619000),
    "23": ("Region Jämtland Härjedalen", 261000), "24": ("Region Västerbotten", 634000),
    "25": ("Region Norrbotten", 1524000),
}

PILOT_2023 = {
    "0127": ("Botkyrka", 580000, 45), "1280": ("Malmö", 580000, 45),
    "1480": ("Göteborg", 580000, 45), "0180": ("Stockholm", 255000, 40),
}

SHARE_MINIMUM_2024 = {"17": 30}
"""Region Värmland's 2024 row carries a minimum municipal share."""


# --- layout -------------------------------------------------------------------------------

@dataclass
class Page:
    """A document as drawing commands; ``y`` runs down the page as blocks are added."""

    blocks: list[tuple] = field(default_factory=list)

    def text(self, s: str, size: float = 10.5, bold: bool = False, x: float = LEFT,
             gap: float = 1.45) -> Page:
        self.blocks.append(("text", s, size, bold, x, gap))
        return self

    def para(self, s: str, size: float = 10.5, width: int = 92) -> Page:
        for line in textwrap.wrap(s, width):
            self.text(line, size)
        return self.space(4)

    def title(self, s: str, size: float = 14) -> Page:
        for line in textwrap.wrap(s, 62):
            self.text(line, size, bold=True)
        return self.space(6)

    def pair(self, label: str, value: str, x: float = 250, bold_label: bool = False) -> Page:
        """Label and value on one line, the value in its own column."""
        self.blocks.append(("pair", label, value, x, bold_label))
        return self

    def stacked(self, label: str, *values: str) -> Page:
        """A form field: the label in small bold type, its value(s) on the lines below."""
        self.text(label, 8.5, bold=True, gap=1.3)
        for v in values:
            self.text(v, 10.5, gap=1.5)
        return self.space(5)

    def row(self, cells: list[str], columns: list[tuple[float, str]], bold: bool = False) -> Page:
        """A table row: each cell at (x, 'l'|'r') — right-aligned cells end at x."""
        self.blocks.append(("row", cells, columns, bold))
        return self

    def rule(self) -> Page:
        self.blocks.append(("rule",))
        return self

    def space(self, points: float = 8) -> Page:
        self.blocks.append(("space", points))
        return self

    def newpage(self) -> Page:
        self.blocks.append(("newpage",))
        return self


def font(bold: bool) -> str:
    return "Helvetica-Bold" if bold else "Helvetica"


def render(page: Page, path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = TOP
    for block in page.blocks:
        kind = block[0]
        if kind == "newpage" or y < BOTTOM:
            c.showPage()
            y = TOP
            if kind == "newpage":
                continue
        if kind == "text":
            _, s, size, bold, x, gap = block
            c.setFont(font(bold), size)
            c.drawString(x, y, s)
            y -= size * gap
        elif kind == "pair":
            _, label, value, x, bold_label = block
            c.setFont(font(bold_label), 10.5)
            c.drawString(LEFT, y, label)
            c.setFont(font(False), 10.5)
            c.drawString(max(x, LEFT + stringWidth(label, font(bold_label), 10.5) + 12), y, value)
            y -= 10.5 * 1.55
        elif kind == "row":
            _, cells, columns, bold = block
            c.setFont(font(bold), 10)
            for cell, (x, align) in zip(cells, columns):
                if align == "r":
                    c.drawRightString(x, y, cell)
                else:
                    c.drawString(x, y, cell)
            y -= 10 * 1.6
        elif kind == "rule":
            c.setLineWidth(0.5)
            c.line(LEFT, y + 7, RIGHT_EDGE, y + 7)
            y -= 4
        elif kind == "space":
            y -= block[1]
    c.save()


def kr(n: int, sep: str = " ") -> str:
    """Swedish thousands grouping: 2535000 → '2 535 000'."""
    return f"{n:,}".replace(",", sep)


def tkr(n: int) -> str:
    """Whole kronor as tkr with one decimal when needed: 2281600 → '2 281,6'."""
    whole, rest = divmod(n, 1000)
    text = kr(whole)
    return f"{text},{rest // 100}" if rest else text


def widths(page_width: float = RIGHT_EDGE) -> list[tuple[float, str]]:
    return [(LEFT, "l"), (page_width, "r")]


# --- documents ----------------------------------------------------------------------------

@dataclass
class Doc:
    name: str
    page: Page
    received: str
    expect: dict
    flags: list[str] = field(default_factory=list)


def region(code: str, kind: str = "region") -> dict:
    return {"kind": kind, "code": code}


def req24(code: str, amount: int, munis: list[str], share: float | None, date: str) -> dict:
    out = {"document_type": "requisition", "program": "hembesok", "grant_year": 2024,
           "organisation": region(code), "amounts": {"requested": amount},
           "document_date": date, "collaborating_municipalities": sorted(munis)}
    if share is not None:
        out["municipal_share_percent"] = share
    return out


def report(program: str, year: int, org: dict, received: int, used: int | None,
           unused: int | None, date: str) -> dict:
    amounts = {"received": received}
    if used is not None:
        amounts["used"] = used
    if unused is not None:
        amounts["unused"] = unused
    return {"document_type": "return_report", "program": program, "grant_year": year,
            "organisation": org, "amounts": amounts, "document_date": date}


def decision(program: str, year: int, org: dict, decided: int, date: str) -> dict:
    return {"document_type": "decision", "program": program, "grant_year": year,
            "organisation": org, "amounts": {"decided": decided}, "document_date": date}


def letterhead(p: Page, *lines: str) -> Page:
    p.text(lines[0], 13, bold=True)
    for line in lines[1:]:
        p.text(line, 8.5)
    return p.space(14)


def to_socialstyrelsen(p: Page) -> Page:
    p.text("Socialstyrelsen", x=330)
    p.text("Enheten för statsbidrag", x=330)
    p.text("106 30 Stockholm", x=330)
    return p.space(16)


def v01() -> Doc:
    p = letterhead(Page(), "Region Uppsala", "Hälso- och sjukvårdsförvaltningen",
                   "Box 602, 751 25 Uppsala  ·  Tfn 018-611 00 00  ·  regionen@regionuppsala.se")
    to_socialstyrelsen(p)
    p.pair("Dnr HSN 2024-00231", "Uppsala den 12 mars 2024", x=330)
    p.space(12)
    p.title("Rekvisition av statsbidrag för utökade hembesöksprogram inom barnhälsovården 2024")
    p.para(f"Härmed rekvireras {kr(2535000)} kronor i statsbidrag för att stödja och stimulera "
           "barnhälsovårdens förebyggande arbete med utökade hembesöksprogram under 2024, i "
           "enlighet med Socialstyrelsens anvisningar och fördelningslista.")
    p.para("Regionen kommer att samverka med Uppsala kommun, Enköpings kommun och Tierps kommun, "
           "där områden med socioekonomiska utmaningar (områdestyp 1 och 2) finns.")
    p.para("Av bidraget avser 30 procent kommunal verksamhet (socialtjänstens förebyggande "
           "arbete i familjecentralerna).")
    p.para("Regionen önskar ta del av eventuella kvarvarande medel efter rekvisitionstillfället.")
    p.space(10).text("Med vänlig hälsning").space(18)
    p.text("Karin Holm").text("Hälso- och sjukvårdsdirektör")
    return Doc("V01.pdf", p, "2024-03-13",
               req24("03", 2535000, ["0380", "0381", "0360"], 30, "2024-03-12"))


def v02() -> Doc:
    p = Page().text("Region Kalmar län", 9, bold=True).text("Regionstaben", 8.5).space(10)
    p.title("REKVISITIONSBLANKETT – STATSBIDRAG UTÖKADE HEMBESÖKSPROGRAM")
    p.stacked("Sökande organisation", "Region Kalmar län")
    p.stacked("Organisationsnummer", "232100-0065")
    p.stacked("Bidragsår", "2024")
    p.stacked("Diarienr", "RS 2024/118")
    p.stacked("Belopp (kr):", kr(3636000))
    p.stacked("Samverkande kommuner", "Kalmar kommun", "Nybro kommun", "Oskarshamns kommun")
    p.stacked("Andel till kommunal verksamhet (%)", "35")
    p.stacked("Önskar del av kvarvarande medel", "Nej")
    p.stacked("Datum", "2024-02-19")
    p.stacked("Behörig företrädare", "Per Lindqvist, regiondirektör")
    return Doc("V02.pdf", p, "2024-02-20",
               req24("08", 3636000, ["0880", "0881", "0882"], 35, "2024-02-19"))


def v03() -> Doc:
    p = letterhead(Page(), "Region Jönköpings län", "Folkhälsa och sjukvård",
                   "Box 1024, 551 11 Jönköping")
    p.pair("Vår beteckning:", "RJL 2024/611")
    p.pair("Er beteckning:", "Anvisningar 2024-02-06")
    p.space(10)
    p.title("Ansökan om rekvisition – utökade hembesöksprogram 2024")
    p.para(f"Vi ansöker om att rekvirera {kr(4913000)} kr, vilket motsvarar regionens andel "
           f"enligt fördelningslistan för 2024, av totalt {kr(82000000)} kr.")
    p.para("Utökade hembesök genomförs i samverkan med Jönköpings kommun och Värnamo kommun. "
           "Cirka 40 % av medlen avser kommunal verksamhet.")
    p.space(10).text("Jönköping 2024-03-04").space(16)
    p.text("Agneta Ek").text("Hälso- och sjukvårdsdirektör")
    return Doc("V03.pdf", p, "2024-03-05",
               req24("06", 4913000, ["0680", "0683"], 40, "2024-03-04"))


def v04() -> Doc:
    p = Page().text("REGION SKÅNE", 12, bold=True).text("Koncernkontoret, 291 89 Kristianstad", 8.5)
    p.space(12).title("Rekvisition – statsbidrag för utökade hembesöksprogram, bidragsår 2024")
    cols = [(LEFT, "l"), (RIGHT_EDGE, "r")]
    p.row(["Uppgift", "Värde"], cols, bold=True).rule()
    p.row(["Mottagare", "Region Skåne"], cols)
    p.row(["Dnr", "RS 2024/1432"], cols)
    p.row(["Datum", "14.3.2024"], cols)
    p.row(["Samverkande kommuner", "Malmö stad, Helsingborgs stad, Landskrona stad"], cols)
    p.row(["Andel av bidraget till kommunal verksamhet", "45 %"], cols)
    p.row(["Summa:", f"{kr(9903000)} kr"], cols, bold=True)
    p.space(10)
    p.para(f"Totalt belopp att rekvirera: {kr(9903000)} kronor. Beloppet betalas till regionens "
           "bankgiro 5050-1055.")
    p.text("Underskrift").space(14).text("Jonas Berg, ekonomidirektör")
    return Doc("V04.pdf", p, "2024-03-15",
               req24("12", 9903000, ["1280", "1283", "1282"], 45, "2024-03-14"))


def v05() -> Doc:
    p = letterhead(Page(), "Region Gävleborg", "Hälso- och sjukvårdsförvaltningen",
                   "801 88 Gävle")
    p.pair("Datum", "2024-03-20", x=160)
    p.pair("Diarienummer", "RS 2024/508", x=160)
    p.space(10)
    p.title("Rekvisition av statsbidrag 2024 – utökade hembesöksprogram")
    p.para(f"Härmed rekvirerar Region Gävleborg {kr(1450000)} kr för utökade hembesöksprogram "
           "inom barnhälsovården 2024.")
    p.para("Arbetet bedrivs tillsammans med Gävle kommun och Sandvikens kommun. Kommunernas "
           "andel av bidraget uppgår till 25 procent.")
    p.text("Kontaktperson: Eva Sund, samordnare barnhälsovård")
    return Doc("V05.pdf", p, "2024-03-21",
               req24("21", 1450000, ["2180", "2181"], 25, "2024-03-20"),
               ["AMOUNT_EXCEEDS_ALLOCATION"])


def v06() -> Doc:
    p = letterhead(Page(), "Region Västmanland", "Regionkansliet", "721 89 Västerås")
    p.title("Rekvisition – statsbidrag utökade hembesöksprogram 2024")
    p.pair("Datum:", "2024-04-08", x=180)
    p.pair("Dnr:", "RV 2024/0977", x=180)
    p.pair("Rekvirerat belopp:", f"{kr(3370000)} kr", x=180)
    p.pair("Samverkande kommuner:", "Västerås stad, Köpings kommun", x=180)
    p.pair("Kommunal andel:", "50 %", x=180)
    p.space(8)
    p.para("Rekvisitionen skickas in efter sista dag på grund av sen politisk behandling.")
    return Doc("V06.pdf", p, "2024-04-08",
               req24("19", 3370000, ["1980", "1983"], 50, "2024-04-08"), ["LATE_REQUISITION"])


def v07() -> Doc:
    p = letterhead(Page(), "Region Halland", "Regionkontoret", "Box 517, 301 80 Halmstad")
    p.pair("Halmstad", "5 april 2024", x=130)
    p.space(10)
    p.title("Rekvisition av statsbidrag – utökade hembesök i barnhälsovården 2024")
    p.para(f"Region Halland rekvirerar härmed {kr(580000)} kr (femhundraåttiotusen kronor) "
           "för bidragsåret 2024.")
    p.text("Samverkan sker med följande kommuner:")
    p.text("–  Halmstads kommun", x=80).text("–  Varbergs kommun", x=80).space(6)
    p.para("Andel av bidraget som ska finansiera kommunal verksamhet: 30 %.")
    p.text("Diarienr RH 2024-0311")
    return Doc("V07.pdf", p, "2024-04-05",
               req24("13", 580000, ["1380", "1383"], 30, "2024-04-05"))


def v08() -> Doc:
    p = letterhead(Page(), "Region Värmland", "Hälso- och sjukvård", "651 82 Karlstad")
    p.title("Rekvisition statsbidrag utökade hembesöksprogram 2024")
    p.stacked("Region", "Region Värmland")
    p.stacked("Datum", "2024-03-01")
    p.stacked("Totalt belopp att rekvirera", f"{kr(2084000)} kr")
    p.stacked("Kommuner i samverkan", "Karlstads kommun, Kristinehamns kommun")
    p.stacked("Andel kommunal verksamhet", "20 %")
    p.stacked("Vår beteckning", "RS/2024:112")
    return Doc("V08.pdf", p, "2024-03-02",
               req24("17", 2084000, ["1780", "1781"], 20, "2024-03-01"),
               ["SHARE_BELOW_MINIMUM"])


def v09() -> Doc:
    p = letterhead(Page(), "Region Norrbotten", "Regionstaben", "971 89 Luleå")
    p.pair("Datum", "2024-03-11", x=160).pair("Dnr", "RS 2024/233", x=160).space(10)
    p.title("Rekvisition av statsbidrag för utökade hembesöksprogram 2024")
    p.para(f"Region Norrbotten rekvirerar {kr(5035000)} kronor. Utökade hembesök planeras i "
           "samverkan med Luleå kommun och Bodens kommun.")
    p.para("Medlen används för barnhälsovårdssjuksköterskor och föräldrarådgivare under 2024.")
    return Doc("V09.pdf", p, "2024-03-12",
               req24("25", 5035000, ["2580", "2582"], None, "2024-03-11"), ["MISSING_FIELD"])


def v10() -> Doc:
    p = letterhead(Page(), "Region Västerbotten", "Hälso- och sjukvårdsförvaltningen",
                   "901 89 Umeå")
    p.title("Rekvisition – utökade hembesöksprogram 2024")
    p.pair("Sökande", "Region Västerbotten", x=200)
    p.pair("Datum", "2024-02-28", x=200)
    p.pair("Belopp (kr):", kr(2755000), x=200)
    p.pair("Samverkande kommuner", "Umeå kommun, Skellefteå kommun", x=200)
    p.pair("Andel till kommunal verksamhet", "40 %", x=200)
    return Doc("V10.pdf", p, "2024-02-29",
               req24("24", 2755000, ["2480", "2482"], 40, "2024-02-28"), ["NO_ALLOCATION"])


def v11() -> Doc:
    p = letterhead(Page(), "Region Dalarna", "Box 712, 791 29 Falun")
    p.title("Rekvisition statsbidrag 2024 – utökade hembesöksprogram")
    p.para(f"Region Dalarna rekvirerar {kr(1142000)} kr för bidragsåret 2024. Samverkande "
           "kommuner är Falu kommun och Borlänge kommun. Andelen som finansierar kommunal "
           "verksamhet är 50 %.")
    p.text("Falun den 27 februari 2024").space(14)
    p.text("Ulla Persson, hälso- och sjukvårdsdirektör")
    return Doc("V11.pdf", p, "2024-02-28",
               req24("20", 1142000, ["2080", "2081"], 50, "2024-02-27"))


def v12() -> Doc:
    p = letterhead(Page(), "Region Dalarna", "Box 712, 791 29 Falun")
    p.title("Kompletterande rekvisition – kvarvarande medel, utökade hembesöksprogram 2024")
    p.para(f"Utöver tidigare rekvirerade {kr(1142000)} kr rekvirerar Region Dalarna ytterligare "
           f"{kr(200000)} kr av kvarvarande medel för bidragsåret 2024.")
    p.pair("Belopp att rekvirera:", f"{kr(200000)} kr", x=220)
    p.pair("Samverkande kommuner:", "Falu kommun, Borlänge kommun", x=220)
    p.pair("Kommunal andel:", "50 %", x=220)
    p.pair("Datum:", "2024-04-02", x=220)
    return Doc("V12.pdf", p, "2024-04-03",
               req24("20", 200000, ["2080", "2081"], 50, "2024-04-02"),
               ["DUPLICATE_REQUISITION"])


def v13() -> Doc:
    p = letterhead(Page(), "Region Östergötland", "Regionledningskontoret",
                   "581 91 Linköping")
    p.pair("Vår beteckning", "RÖ 2024-01877", x=200).pair("Datum", "den 20 februari 2024", x=200)
    p.space(10)
    p.title("Rekvisition av statsbidrag för utökade hembesöksprogram år 2024")
    p.para(f"Region Östergötland rekvirerar {kr(4778000, NBSP)}{NBSP}kr. Utökade hembesök "
           "genomförs tillsammans med Linköpings kommun och Norrköpings kommun.")
    p.para("Andel av bidraget som ska finansiera kommunal verksamhet: 25 procent.")
    return Doc("V13.pdf", p, "2024-02-21",
               req24("05", 4778000, ["0580", "0581"], 25, "2024-02-20"))


def v14() -> Doc:
    p = letterhead(Page(), "Gävle kommun", "Socialförvaltningen", "801 84 Gävle")
    p.pair("Datum", "2024-03-06", x=160).pair("Diarienr", "SOC 2024/201", x=160).space(10)
    p.title("Rekvisition – statsbidrag för utökade hembesöksprogram 2024")
    p.para(f"Gävle kommun rekvirerar {kr(300000)} kr för socialtjänstens medverkan i utökade "
           "hembesök i Sätra och Andersberg.")
    return Doc("V14.pdf", p, "2024-03-07",
               {"document_type": "requisition", "program": "hembesok", "grant_year": 2024,
                "organisation": region("2180", "municipality"),
                "amounts": {"requested": 300000}, "document_date": "2024-03-06"},
               ["WRONG_RECIPIENT_KIND"])


def v15() -> Doc:
    p = Page().text("Region Sörmland", 12, bold=True).space(12)
    p.title("Rekvisition – Statsbidrag utökade hembesöksprogram 2024")
    p.pair("Datum:", "2024-03-26", x=230)
    p.pair("Diarienummer:", "RS-LED24-0519", x=230)
    p.pair("Belopp (kr):", kr(469000), x=230)
    p.text("Samverkande kommuner:")
    p.text("•  Eskilstuna kommun", x=80).text("•  Nyköpings kommun", x=80)
    p.text("•  Katrineholms kommun", x=80).space(6)
    p.pair("Andel av bidraget som finansierar kommunal verksamhet:", "50 %", x=370)
    return Doc("V15.pdf", p, "2024-03-27",
               req24("04", 469000, ["0484", "0480", "0483"], 50, "2024-03-26"))


def v16() -> Doc:
    p = letterhead(Page(), "Region Kronoberg", "Box 1223, 351 12 Växjö")
    p.title("Rekvisition – utökade hembesöksprogram 2024")
    p.para("Vi ansöker om att rekvirera 3,21 miljoner kronor i statsbidrag för utökade "
           "hembesöksprogram 2024. Arbetet sker i samverkan med Växjö kommun och Ljungby "
           "kommun; 40 procent av bidraget avser kommunal verksamhet.")
    p.text("Växjö 2024-02-12").space(14).text("Maria Ström, regiondirektör")
    return Doc("V16.pdf", p, "2024-02-13",
               req24("07", 3210000, ["0780", "0781"], 40, "2024-02-12"))


def pilot_req(code: str, amount: int, date: str) -> dict:
    return {"document_type": "requisition", "program": "bhv-pilot", "grant_year": 2023,
            "organisation": region(code, "municipality"), "amounts": {"requested": amount},
            "document_date": date}


def v17() -> Doc:
    p = letterhead(Page(), "Malmö stad", "Hälsa-, vård- och omsorgsförvaltningen",
                   "205 80 Malmö")
    to_socialstyrelsen(p)
    p.pair("Datum 2023-05-22", "Dnr HVOF-2023-03311", x=330).space(10)
    p.title("Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023")
    p.para(f"Härmed rekvirerar Malmö stad {kr(580000)} kronor för förebyggande socialtjänst "
           "inom pilotverksamheten i Rosengård, som bedrivs i samverkan med Region Skåne.")
    p.text("Medlen betalas till bankgiro 5051-7880.")
    return Doc("V17.pdf", p, "2023-05-23", pilot_req("1280", 580000, "2023-05-22"))


def v18() -> Doc:
    p = Page().text("Stockholms stad", 12, bold=True)
    p.text("Rinkeby-Kista stadsdelsförvaltning", 8.5).space(12)
    p.title("Rekvisition – pilotverksamhet i barnhälsovården, bidragsår 2023")
    p.stacked("Kommun", "Stockholms stad")
    p.stacked("Belopp (kr):", kr(255000))
    p.stacked("Avser", "Område med särskilt uppdrag (Rinkeby), i samverkan med Region Stockholm")
    p.stacked("Datum", "16 juni 2023")
    p.stacked("Diarienr", "RK 2023/0412")
    return Doc("V18.pdf", p, "2023-06-16", pilot_req("0180", 255000, "2023-06-16"))


def v19() -> Doc:
    p = letterhead(Page(), "Göteborgs Stad", "Stadsområde Nordost", "Box 2100, 424 02 Angered")
    p.pair("Datum:", "2023-06-19", x=150).space(10)
    p.title("Rekvisition – Pilotverksamhet i barnhälsovården 2023")
    p.para(f"Göteborgs Stad rekvirerar {kr(580000)} kr för socialtjänstens del av "
           "pilotverksamheten i Angered, i samverkan med Västra Götalandsregionen.")
    return Doc("V19.pdf", p, "2023-06-20", pilot_req("1480", 580000, "2023-06-19"),
               ["LATE_REQUISITION"])


def v20() -> Doc:
    p = letterhead(Page(), "Södertälje kommun", "Socialkontoret", "151 89 Södertälje")
    p.title("Rekvisition av statsbidrag – pilotverksamhet i barnhälsovården 2023")
    p.pair("Datum", "2023-05-30", x=170)
    p.pair("Rekvirerat belopp", f"{kr(400000)} kr", x=170)
    p.para("Kommunen önskar delta i pilotverksamheten med Hovsjö som område.")
    return Doc("V20.pdf", p, "2023-05-31", pilot_req("0181", 400000, "2023-05-30"),
               ["NO_ALLOCATION"])


def v21() -> Doc:
    p = letterhead(Page(), "Storsthlm", "Kommunförbundet för Stockholms län",
                   "Box 38145, 100 64 Stockholm")
    p.title("Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023")
    p.para("Storsthlm översänder på uppdrag av Botkyrka kommun kommunens rekvisition. "
           "Rekvisitionen avser Botkyrka kommun, som är mottagare av bidraget.")
    p.pair("Mottagare", "Botkyrka kommun", x=200)
    p.pair("Belopp (kr):", kr(580000), x=200)
    p.pair("Datum", "2023-05-08", x=200)
    return Doc("V21.pdf", p, "2023-05-09", pilot_req("0127", 580000, "2023-05-08"))


def v22() -> Doc:
    p = Page().text("Region Blekinge", 12, bold=True).text("371 81 Karlskrona", 8.5).space(12)
    p.title("Rekvisition – statsbidrag för utökade hembesöksprogram 2023")
    p.stacked("Sökande", "Region Blekinge")
    p.stacked("Rekvirerat belopp", f"{kr(1989000)} kr")
    p.stacked("Datum", "17 april 2023")
    return Doc("V22.pdf", p, "2023-04-18",
               {"document_type": "requisition", "program": "hembesok", "grant_year": 2023,
                "organisation": region("10"), "amounts": {"requested": 1989000},
                "document_date": "2023-04-17"})


def v23() -> Doc:
    p = letterhead(Page(), "Region Stockholm", "Hälso- och sjukvårdsförvaltningen",
                   "Box 6909, 102 39 Stockholm")
    p.title("Rekvisition av statsbidrag – utökade hembesöksprogram 2023")
    p.pair("Datum", "2023-05-03", x=170).pair("Dnr", "HSN 2023-0815", x=170)
    p.pair("Summa:", f"{kr(43000000)} kr", x=170)
    p.para("Medlen avser utökade hembesök i Rinkeby, Husby och Fittja under 2023.")
    return Doc("V23.pdf", p, "2023-05-04",
               {"document_type": "requisition", "program": "hembesok", "grant_year": 2023,
                "organisation": region("01"), "amounts": {"requested": 43000000},
                "document_date": "2023-05-03"},
               ["AMOUNT_EXCEEDS_ALLOCATION", "POOL_EXCEEDED"])


def cost_table(p: Page, rows: list[tuple[str, str]], total_label: str, total: str,
               unit: str) -> Page:
    cols = [(LEFT, "l"), (RIGHT_EDGE, "r")]
    p.text("Kostnadsredovisning", 11, bold=True)
    p.row(["Kostnadsslag", f"Belopp ({unit})"], cols, bold=True).rule()
    for label, value in rows:
        p.row([label, value], cols)
    p.rule().row([total_label, total], cols, bold=True)
    return p.space(10)


def v24() -> Doc:
    p = letterhead(Page(), "Region Uppsala", "Hälso- och sjukvårdsförvaltningen",
                   "Box 602, 751 25 Uppsala")
    p.title("Återrapportering av statsbidrag för utökade hembesöksprogram 2024")
    p.pair("Datum", "2025-02-07", x=170).pair("Dnr", "HSN 2025-00114", x=170).space(6)
    p.pair("Erhållet bidrag", f"{tkr(2535000)} tkr", x=250)
    cost_table(p, [("Barnhälsovårdssjuksköterskor", tkr(1410000)),
                   ("Föräldrarådgivare, socialtjänst", tkr(620400)),
                   ("Tolkkostnader", tkr(118200)), ("Utbildning och handledning", tkr(133000))],
               "Summa kostnader", tkr(2281600), "tkr")
    p.pair("Återstår", f"{tkr(253400)} tkr", x=250)
    p.pair("Medel att återbetala", f"{tkr(253400)} tkr", x=250)
    return Doc("V24.pdf", p, "2025-02-10",
               report("hembesok", 2024, region("03"), 2535000, 2281600, 253400, "2025-02-07"))


def v25() -> Doc:
    p = letterhead(Page(), "Region Kalmar län", "Regionstaben")
    p.title("Ekonomisk redovisning – statsbidrag utökade hembesöksprogram 2024")
    p.pair("Datum:", "2025-01-30", x=230)
    p.pair("Erhållet statsbidrag:", f"{kr(3636000)} kr", x=230).space(6)
    cost_table(p, [("Personal barnhälsovård", kr(1800000)), ("Personal socialtjänst", kr(900000)),
                   ("Lokaler och resor", kr(600000))], "Summa kostnader", kr(3400000), "kr")
    p.pair("Medel att återbetala:", f"{kr(236000)} kr", x=230)
    return Doc("V25.pdf", p, "2025-01-31",
               report("hembesok", 2024, region("08"), 3636000, 3400000, 236000, "2025-01-30"),
               ["SUM_MISMATCH"])


def v26() -> Doc:
    p = Page().text("Region Skåne", 12, bold=True).text("Koncernkontoret", 8.5).space(12)
    p.title("Återrapport – utökade hembesöksprogram, bidragsår 2024")
    p.stacked("Datum", "2025-02-14")
    p.stacked("Erhållet bidrag (kr)", kr(9903000))
    p.stacked("Förbrukade medel (kr)", kr(9100000))
    p.stacked("Medel att återbetala (kr)", kr(903000))
    p.para("Medlen har använts för utökade hembesök i Malmö, Helsingborg och Landskrona.")
    return Doc("V26.pdf", p, "2025-02-17",
               report("hembesok", 2024, region("12"), 9903000, 9100000, 903000, "2025-02-14"),
               ["UNUSED_MISMATCH"])


def v27() -> Doc:
    p = letterhead(Page(), "Region Östergötland", "581 91 Linköping")
    p.title("Återrapportering – statsbidrag för utökade hembesöksprogram 2024")
    p.pair("Datum", "2025-02-20", x=230).space(4)
    p.pair("Erhållet bidrag", f"{kr(4778000)} kr", x=230)
    cost_table(p, [("Personalkostnader", kr(3900000)), ("Tolk och resor", kr(650000)),
                   ("Material och utbildning", kr(400000))], "Summa kostnader", kr(4950000), "kr")
    p.pair("Återstår", "0 kr", x=230)
    p.para("Kostnader utöver bidraget har finansierats inom regionens budget.")
    return Doc("V27.pdf", p, "2025-02-21",
               report("hembesok", 2024, region("05"), 4778000, 4950000, 0, "2025-02-20"),
               ["USED_EXCEEDS_RECEIVED"])


def v28() -> Doc:
    p = letterhead(Page(), "Region Halland", "Box 517, 301 80 Halmstad")
    p.title("Återrapportering av statsbidrag – utökade hembesök 2024")
    p.pair("Datum:", "3 mars 2025", x=210)
    p.pair("Erhållet bidrag:", f"{kr(580000)} kr", x=210)
    p.pair("Förbrukat:", f"{kr(580000)} kr", x=210)
    p.pair("Medel att återbetala:", "0 kr", x=210)
    return Doc("V28.pdf", p, "2025-03-04",
               report("hembesok", 2024, region("13"), 580000, 580000, 0, "2025-03-03"),
               ["LATE_REPORT"])


def v29() -> Doc:
    p = letterhead(Page(), "Region Dalarna", "Box 712, 791 29 Falun")
    p.title("Återrapportering – utökade hembesöksprogram 2024")
    p.pair("Datum", "2025-02-28", x=230)
    p.pair("Erhållet bidrag", f"{kr(1142000)} kr", x=230).space(4)
    cost_table(p, [("Barnhälsovård", kr(640500)), ("Socialtjänst (Falun, Borlänge)", kr(460000))],
               "Summa kostnader", kr(1100500), "kr")
    p.pair("Återstår", f"{kr(41500)} kr", x=230)
    p.pair("Medel att återbetala", f"{kr(41500)} kr", x=230)
    return Doc("V29.pdf", p, "2025-03-01",
               report("hembesok", 2024, region("20"), 1142000, 1100500, 41500, "2025-02-28"))


def v30() -> Doc:
    p = letterhead(Page(), "Region Norrbotten", "971 89 Luleå")
    p.title("Återrapportering av statsbidrag för utökade hembesöksprogram 2024")
    p.pair("Datum", "2025-02-03", x=210)
    p.pair("Erhållet bidrag", f"{kr(5035000)} kr", x=210)
    p.pair("Medel att återbetala", f"{kr(135000)} kr", x=210)
    p.para("Verksamhetsberättelse bifogas separat. Kostnadsredovisningen kompletteras.")
    return Doc("V30.pdf", p, "2025-02-04",
               report("hembesok", 2024, region("25"), 5035000, None, 135000, "2025-02-03"),
               ["MISSING_FIELD"])


def pilot_report_page(name: str, sub: str, date: str, received: int,
                      rows: list[tuple[str, int]], unused: int) -> Page:
    p = letterhead(Page(), name, sub)
    p.title("Återrapportering – pilotverksamhet i barnhälsovården 2023")
    p.pair("Datum", date, x=230).pair("Erhållet bidrag", f"{kr(received)} kr", x=230).space(4)
    cost_table(p, [(label, kr(v)) for label, v in rows], "Summa kostnader",
               kr(sum(v for _, v in rows)), "kr")
    p.pair("Medel att återbetala", f"{kr(unused)} kr", x=230)
    return p


def v31() -> Doc:
    p = pilot_report_page("Malmö stad", "Hälsa-, vård- och omsorgsförvaltningen", "2024-04-26",
                          580000, [("Familjebehandlare", 498000), ("Tolk", 38250),
                                   ("Material", 25000)], 18750)
    return Doc("V31.pdf", p, "2024-04-29",
               report("bhv-pilot", 2023, region("1280", "municipality"), 580000, 561250, 18750,
                      "2024-04-26"))


def v32() -> Doc:
    p = pilot_report_page("Stockholms stad", "Rinkeby-Kista stadsdelsförvaltning", "2024-05-03",
                          255000, [("Familjebehandlare", 230000), ("Tolk", 25000)], 0)
    return Doc("V32.pdf", p, "2024-05-06",
               report("bhv-pilot", 2023, region("0180", "municipality"), 255000, 255000, 0,
                      "2024-05-03"),
               ["LATE_REPORT"])


def v33() -> Doc:
    p = letterhead(Page(), "Region Örebro län", "Box 1613, 701 16 Örebro")
    p.title("Ekonomisk redovisning av statsbidrag för utökade hembesöksprogram 2023")
    p.pair("Datum", "2024-02-23", x=230).pair("Dnr", "23RS4461", x=230).space(4)
    p.pair("Erhållet bidrag", f"{kr(1349000)} kr", x=230)
    cost_table(p, [("Centrala barnhälsovårdsenheten", kr(812300)),
                   ("Vårdcentraler, utökade hembesök", kr(400000))],
               "Summa kostnader", kr(1212300), "kr")
    p.pair("Ej förbrukat", f"{kr(136700)} kr", x=230)
    return Doc("V33.pdf", p, "2024-02-26",
               report("hembesok", 2023, region("18"), 1349000, 1212300, 136700, "2024-02-23"))


def v34() -> Doc:
    doc = v31()
    return Doc("V34.pdf", doc.page, "2024-04-30", doc.expect, ["DUPLICATE_DOCUMENT"])


def protocol_head(p: Page, body: str, org: str, date_line: str, paragraph: str) -> Page:
    p.text(org, 12, bold=True).text("PROTOKOLLSUTDRAG", 11, bold=True)
    p.pair(body, date_line, x=330).space(12)
    p.text(paragraph, 11, bold=True)
    return p


def justering(p: Page, date: str, town: str) -> Page:
    p.space(10).text("Justerare").space(12).text("Anna Lund           Per Hagström")
    p.text(f"Justerat {date}").space(6)
    p.text("Utdragsbestyrkande").text(f"{town}, rätt utdraget intygar: Sara Öberg, sekreterare")
    return p


def v35() -> Doc:
    p = protocol_head(Page(), "Regionstyrelsen", "Region Kronoberg",
                      "Sammanträdesdatum 2023-09-26",
                      "§ 187  Fördelning av statsbidrag för utökade hembesöksprogram 2023")
    p.text("Dnr 23RK1456").space(6)
    p.text("Ärende", bold=True)
    p.para("Socialstyrelsen fördelar totalt 42 miljoner kronor till regionerna för utökade "
           f"hembesöksprogram 2023. Region Kronoberg tilldelas {kr(1811000)} kronor enligt "
           "Socialstyrelsens fördelningslista.")
    p.text("Beslut", bold=True)
    p.para(f"Regionstyrelsen beslutar att fördela {kr(1811000)} kronor till barnhälsovården "
           "för utökade hembesök 2023.")
    justering(p, "2023-10-02", "Växjö")
    return Doc("V35.pdf", p, "2023-10-03",
               decision("hembesok", 2023, region("07"), 1811000, "2023-09-26"))


def v36() -> Doc:
    p = protocol_head(Page(), "Hälso- och sjukvårdsnämnden", "Region Uppsala",
                      "Sammanträdesdatum: 2023-10-18",
                      "§ 94  Statsbidrag för utökade hembesöksprogram 2023")
    p.text("Diarienummer HSN2023-0611").space(6)
    p.text("Ärendebeskrivning", bold=True)
    p.para("Av statsbidragets 42 miljoner kronor har Region Uppsala tilldelats 1 709 tkr.")
    p.text("Beslut", bold=True)
    p.para("Hälso- och sjukvårdsnämnden beslutar att avsätta 1,7 miljoner kronor 2023 för "
           "utökade hembesök inom barnhälsovården.")
    justering(p, "2023-10-23", "Uppsala")
    return Doc("V36.pdf", p, "2023-10-24",
               decision("hembesok", 2023, region("03"), 1700000, "2023-10-18"))


def v37() -> Doc:
    p = protocol_head(Page(), "Regionstyrelsens arbetsutskott", "Region Västernorrland",
                      "Sammanträdesdatum 2023-11-07",
                      "§ 312  Statsbidrag – utökade hembesöksprogram 2023")
    p.text("Ärende", bold=True)
    p.para("Regionen har tagit emot statsbidrag för utökade hembesöksprogram för 2023.")
    p.text("Beslut", bold=True)
    p.para("Arbetsutskottet beslutar att fördela 2 100 tkr till primärvårdens barnhälsovård.")
    justering(p, "2023-11-10", "Härnösand")
    return Doc("V37.pdf", p, "2023-11-13",
               decision("hembesok", 2023, region("22"), 2100000, "2023-11-07"),
               ["DECISION_AMOUNT_MISMATCH"])


def v38() -> Doc:
    p = protocol_head(Page(), "Socialnämnden", "Botkyrka kommun",
                      "Sammanträdesdatum 2023-04-18",
                      "§ 41  Rekvisition av statsbidrag – pilotverksamhet i barnhälsovården 2023")
    p.text("Ärende", bold=True)
    p.para("Socialstyrelsen har fördelat 4 500 000 kronor till pilotverksamheten 2023, varav "
           "kommunerna med pilotområde kan rekvirera 580 000 kronor var.")
    p.text("Beslut", bold=True)
    p.para(f"Socialnämnden beslutar att rekvirera {kr(580000)} kronor för förebyggande "
           "socialtjänst i pilotområdet Alby–Fittja.")
    justering(p, "2023-04-21", "Tumba")
    return Doc("V38.pdf", p, "2023-04-24",
               decision("bhv-pilot", 2023, region("0127", "municipality"), 580000, "2023-04-18"))


def v39() -> Doc:
    p = protocol_head(Page(), "Regionstyrelsen", "Region Gotland",
                      "Sammanträdesdatum: 13 februari 2024",
                      "§ 22  Statsbidrag för utökade hembesöksprogram 2024")
    p.text("Ärende", bold=True)
    p.para(f"Av de {kr(82000000)} kronor som fördelas 2024 kan Region Gotland rekvirera "
           f"{kr(834000)} kronor.")
    p.text("Beslut", bold=True)
    p.para(f"Regionstyrelsen beslutar att rekvirera {kr(834000)} kronor, varav 25 procent till "
           "kommunal verksamhet (socialtjänsten).")
    justering(p, "2024-02-16", "Visby")
    return Doc("V39.pdf", p, "2024-02-19",
               decision("hembesok", 2024, region("09"), 834000, "2024-02-13"))


def v40() -> Doc:
    p = letterhead(Page(), "Region Jönköpings län", "Barnhälsovården")
    p.title("Inbjudan – nätverksträff om utökade hembesök")
    p.para("Välkommen till nätverksträff för barnhälsovård, socialtjänst och tandvård den 23 "
           "maj i Jönköping. Vi delar erfarenheter av hembesök i samverkan.")
    p.para("Anmälan senast den 10 maj till barnhalsovarden@rjl.se.")
    return Doc("V40.pdf", p, "2024-04-22", {"document_type": "other"},
               ["UNKNOWN_DOCUMENT_TYPE"])


def v41() -> Doc:
    p = letterhead(Page(), "Region Jämtland Härjedalen", "831 83 Östersund")
    p.title("Rekvisition – statsbidrag för förlossningsvård och kvinnors hälsa 2024")
    p.pair("Datum", "2024-03-18", x=170).pair("Rekvirerat belopp", f"{kr(7200000)} kr", x=170)
    p.para("Medlen avser insatser för att stärka förlossningsvården och kvinnors hälsa.")
    return Doc("V41.pdf", p, "2024-03-19",
               {"document_type": "requisition", "program": None,
                "organisation": region("23"), "amounts": {"requested": 7200000},
                "document_date": "2024-03-18"},
               ["UNKNOWN_PROGRAM"])


def v42() -> Doc:
    p = letterhead(Page(), "Familjehälsan Norr AB", "Org.nr 559123-4567")
    p.title("Rekvisition av statsbidrag för utökade hembesöksprogram 2024")
    p.pair("Datum", "2024-03-08", x=170)
    p.pair("Rekvirerat belopp", f"{kr(350000)} kr", x=170)
    p.para("Vi är en privat vårdgivare som bedriver barnhälsovård på uppdrag och önskar "
           "rekvirera medel för utökade hembesök.")
    return Doc("V42.pdf", p, "2024-03-11",
               {"document_type": "requisition", "program": "hembesok", "grant_year": 2024,
                "amounts": {"requested": 350000}, "document_date": "2024-03-08"},
               ["UNKNOWN_RECIPIENT", "MISSING_FIELD"])


def v43() -> Doc:
    p = letterhead(Page(), "Örebro kommun", "Socialförvaltningen", "Box 30000, 701 35 Örebro")
    p.title("Rekvisition av bidrag för utökade hembesöksprogram 2025")
    p.para("Enligt förordningen (2025:74) om statsbidrag för utökade hembesöksprogram "
           f"rekvirerar Örebro kommun {kr(450000)} kronor för bidragsåret 2025.")
    p.pair("Datum", "2025-03-12", x=170).pair("Diarienr", "Soc 2025/88", x=170)
    return Doc("V43.pdf", p, "2025-03-13",
               {"document_type": "requisition", "program": "hembesok", "grant_year": 2025,
                "organisation": region("1880", "municipality"),
                "amounts": {"requested": 450000}, "document_date": "2025-03-12"},
               ["NO_ALLOCATION"])


def v44() -> Doc:
    p = letterhead(Page(), "Region Västmanland", "Regionkansliet")
    p.title("Rutin för hantering av statsbidrag för utökade hembesöksprogram 2024")
    p.para("Rutinen beskriver hur rekvisition, uppföljning och återrapportering av statsbidraget "
           "hanteras inom regionen.")
    p.para("1. Regionkansliet rekvirerar medlen via Socialstyrelsens e-tjänst senast den 5 april "
           "2024 efter beslut i regionstyrelsen.")
    p.para("2. Återrapportering sker senast den 1 mars 2025. Ej förbrukade medel återbetalas "
           "efter faktura från Socialstyrelsen.")
    p.text("Fastställd 2024-01-15")
    return Doc("V44.pdf", p, "2024-01-17",
               {"document_type": "instruction", "program": "hembesok", "grant_year": 2024})


def v45() -> Doc:
    p = letterhead(Page(), "Region Jämtland Härjedalen", "831 83 Östersund")
    p.title("Återrapportering – statsbidrag för utökade hembesöksprogram 2024")
    p.stacked("Ort och datum", "Östersund 14.2.2025")
    p.stacked("Erhållet bidrag (tkr)", tkr(503000))
    p.stacked("Förbrukat (tkr)", tkr(480500))
    p.stacked("Återstår (tkr)", tkr(22500))
    return Doc("V45.pdf", p, "2025-02-17",
               report("hembesok", 2024, region("23"), 503000, 480500, 22500, "2025-02-14"))


def v46() -> Doc:
    p = Page().text("Region Värmland", 12, bold=True).text("PROTOKOLLSUTDRAG", 11, bold=True)
    p.space(6).stacked("Sammanträdesdatum", "2023-10-10").stacked("Organ", "Regionstyrelsen")
    p.text("§ 203  Statsbidrag för utökade hembesöksprogram 2023", 11, bold=True)
    p.text("Ärende", bold=True)
    p.para(f"Socialstyrelsen fördelar totalt {kr(42000000)} kr till regionerna. Av dessa avser "
           f"{kr(2770000)} kr Region Värmland. Arbetet bedrivs i Karlstad och Arvika.")
    p.text("Beslut", bold=True)
    p.para(f"Regionstyrelsen beslutar att rekvirera och fördela {kr(2770000)} kr till "
           "barnhälsovården i Värmland.")
    justering(p, "2023-10-13", "Karlstad")
    return Doc("V46.pdf", p, "2023-10-16",
               decision("hembesok", 2023, region("17"), 2770000, "2023-10-10"))


def v47() -> Doc:
    p = letterhead(Page(), "Västra Götalandsregionen", "Koncernstab hälso- och sjukvård",
                   "462 80 Vänersborg")
    to_socialstyrelsen(p)
    p.title("Rekvisition av statsbidrag för utökade hembesöksprogram 2024")
    p.para(f"Västra Götalandsregionen rekvirerar härmed {kr(12774000)} kronor. Utökade "
           "hembesök genomförs i samverkan med Göteborgs Stad, Borås Stad och Trollhättans "
           "stad.")
    p.pair("Andel kommunal verksamhet:", "35 %")
    p.pair("Diarienummer:", "RS 2024-01421")
    p.space(8).text("Vänersborg 2024-03-27")
    return Doc("V47.pdf", p, "2024-03-28",
               req24("14", 12774000, ["1480", "1490", "1488"], 35, "2024-03-27"))


def v48() -> Doc:
    p = letterhead(Page(), "Göteborgs Stad", "Stadsområde Nordost")
    p.title("Återrapportering – pilotverksamhet i barnhälsovården 2023")
    p.pair("Datum", "2024-04-12").pair("Erhållet bidrag", f"{kr(580000)} kr").space(6)
    cols = [(LEFT, "l"), (RIGHT_EDGE, "r")]
    p.text("Kostnadsredovisning", 11, bold=True)
    p.row(["Kostnadsslag", "Utfall (tkr)"], cols, bold=True).rule()
    p.row(["Familjebehandlare", "455"], cols).row(["Tolk och översättning", "120"], cols)
    p.rule().row(["Summa kostnader", "575"], cols, bold=True).space(8)
    p.pair("Ej förbrukade medel", f"{kr(5000)} kr")
    return Doc("V48.pdf", p, "2024-04-15",
               report("bhv-pilot", 2023, region("1480", "municipality"), 580000, 575000, 5000,
                      "2024-04-12"))


DOCUMENTS = [v01, v02, v03, v04, v05, v06, v07, v08, v09, v10, v11, v12, v13, v14, v15, v16,
             v17, v18, v19, v20, v21, v22, v23, v24, v25, v26, v27, v28, v29, v30, v31, v32,
             v33, v34, v35, v36, v37, v38, v39, v40, v41, v42, v43, v44, v45, v46, v47, v48]
"""In ingestion order: order matters for DUPLICATE_REQUISITION and POOL_EXCEEDED."""


def allocation_rows() -> Iterator[tuple[object, ...]]:
    for code, (name, amount) in ALLOCATIONS_2024.items():
        yield "hembesok", 2024, code, name, amount, SHARE_MINIMUM_2024.get(code, "")
    for code, (name, amount) in ALLOCATIONS_2023.items():
        yield "hembesok", 2023, code, name, amount, ""
    for code, (name, amount, share) in PILOT_2023.items():
        yield "bhv-pilot", 2023, code, name, amount, share


def write_corpus(out: Path, documents: list[Callable[[], Doc]]) -> None:
    """Each document rendered into ``out``, with its truth and the allocation list."""
    out.mkdir(parents=True, exist_ok=True)
    truth = []
    for make in documents:
        doc = make()
        render(doc.page, out / doc.name)
        truth.append(truth_entry(doc.name, scanned=False, received=doc.received,
                                 expect=doc.expect, flags=doc.flags))
    write_labels(out, truth, allocation_rows())
    print(f"{len(truth)} documents in {out}")


def main() -> None:
    write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/variants2"), DOCUMENTS)


if __name__ == "__main__":
    main()
