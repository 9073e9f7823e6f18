"""Write a third variant corpus of text PDFs in the dev set's format.

usage: python scripts/make_variants3.py [OUT_DIR]   (default /tmp/variants3)

It covers what the first two corpora cover least: regional decisions in the forms regions use
(protokollsutdrag, utdrag ur protokoll, delegationsbeslut, tjänsteskrivelse with "Förslag till
beslut") with several amounts each (the national pool, the region's allocation, the decided
amount) in kr, tkr, mnkr and miljoner, agreeing with the allocation and not; documents that
are none of requisition, report or decision (anvisningar, a region's rutin, a regeringsbeslut,
a följebrev); return reports whose cost table has two figure columns (Budget / Utfall, 2023 /
2024), a "Varav" sub-row and totals labelled "Totalt", "Summa totalt" or "Totala kostnader";
requisitions with the organisation in upper case, an organisationsnummer beside the name and
a municipality named as collaborator beside the region's letterhead. The layout helpers and
the allocation list are make_variants2's.
"""
from __future__ import annotations

import sys
from pathlib import Path

from make_variants2 import (
    LEFT,
    RIGHT_EDGE,
    Doc,
    Page,
    decision,
    justering,
    kr,
    letterhead,
    pilot_req,
    region,
    report,
    req24,
    tkr,
    to_socialstyrelsen,
    write_corpus,
)

TWO_COLUMNS = [(LEFT, "l"), (400, "r"), (RIGHT_EDGE, "r")]


def municipality(code: str) -> dict:
    return region(code, "municipality")


def req23(code: str, amount: int, date: str) -> dict:
    return {"document_type": "requisition", "program": "hembesok", "grant_year": 2023,
            "organisation": region(code), "amounts": {"requested": amount},
            "document_date": date}


def instruction(program: str, year: int) -> dict:
    return {"document_type": "instruction", "program": program, "grant_year": year}


def two_column_table(p: Page, heads: tuple[str, str, str], rows: list[tuple[str, str, str]],
                     total: tuple[str, str, str]) -> Page:
    """A cost table with two figure columns and a bold total row."""
    p.text("Kostnadsredovisning", 11, bold=True)
    p.row(list(heads), TWO_COLUMNS, bold=True).rule()
    for cells in rows:
        p.row(list(cells), TWO_COLUMNS)
    p.rule().row(list(total), TWO_COLUMNS, bold=True)
    return p.space(10)


# --- decisions ----------------------------------------------------------------------------

def w01() -> Doc:
    p = Page().text("Region Halland", 12, bold=True).text("PROTOKOLLSUTDRAG", 11, bold=True)
    p.pair("Hälso- och sjukvårdsnämnden", "Sammanträdesdatum 2024-02-22", x=330).space(12)
    p.text("§ 17  Rekvisition av statsbidrag för utökade hembesöksprogram 2024", 11, bold=True)
    p.text("Diarienummer HSN 2024/0088").space(6)
    p.text("Sammanfattning", bold=True)
    p.para(f"Socialstyrelsen fördelar {kr(82000000)} kronor till regionerna 2024. Enligt "
           f"fördelningslistan kan Region Halland rekvirera {kr(580000)} kronor.")
    p.text("Beslut", bold=True)
    p.para("Hälso- och sjukvårdsnämnden beslutar att rekvirera 580 tkr i statsbidrag för "
           "utökade hembesöksprogram 2024.")
    justering(p, "2024-02-27", "Halmstad")
    return Doc("W01.pdf", p, "2024-02-28",
               decision("hembesok", 2024, region("13"), 580000, "2024-02-22"))


def w02() -> Doc:
    p = Page().text("REGION BLEKINGE", 12, bold=True)
    p.text("Utdrag ur protokoll", 11, bold=True)
    p.text("Regionstyrelsens arbetsutskott").text("Sammanträdesdatum: 2023-09-12").space(10)
    p.text("§ 143  Statsbidrag för utökade hembesöksprogram 2023", 11, bold=True)
    p.text("Ärendebeskrivning", bold=True)
    p.para("Statsbidraget uppgår till totalt 42 mnkr. Region Blekinges andel enligt "
           "Socialstyrelsens fördelning är 1 989 tkr.")
    p.text("Arbetsutskottets beslut", bold=True)
    p.para("Regionstyrelsens arbetsutskott beslutar att fördela 2,0 mnkr till barnhälsovården "
           "för utökade hembesök under 2023.")
    justering(p, "2023-09-15", "Karlskrona")
    return Doc("W02.pdf", p, "2023-09-18",
               decision("hembesok", 2023, region("10"), 2000000, "2023-09-12"))


def w03() -> Doc:
    p = letterhead(Page(), "Region Skåne", "Hälso- och sjukvårdsnämnden")
    p.title("Delegationsbeslut")
    p.pair("Datum:", "2024-03-05", x=200)
    p.pair("Diarienummer:", "RS 2024/1190", x=200)
    p.pair("Beslutsfattare:", "Hälso- och sjukvårdsdirektör", x=200).space(8)
    p.text("Ärende: Statsbidrag för utökade hembesöksprogram 2024", bold=True).space(4)
    p.para(f"Av de {kr(82000000)} kronor som fördelas 2024 har Region Skåne tilldelats "
           f"{kr(9903000)} kronor.")
    p.text("Beslut", bold=True)
    p.para(f"Med stöd av delegation beslutas att {kr(9500000)} kronor ska fördelas till "
           "barnhälsovården i Skåne för utökade hembesök 2024.")
    p.text("Delegationsbeslutet anmäls till hälso- och sjukvårdsnämnden.")
    return Doc("W03.pdf", p, "2024-03-06",
               decision("hembesok", 2024, region("12"), 9500000, "2024-03-05"),
               ["DECISION_AMOUNT_MISMATCH"])


def w04() -> Doc:
    p = letterhead(Page(), "Region Stockholm", "Hälso- och sjukvårdsförvaltningen")
    p.title("Tjänsteskrivelse")
    p.pair("Datum", "2023-09-04", x=200).pair("Diarienummer", "HSN 2023-1502", x=200).space(6)
    p.text("Hälso- och sjukvårdsnämnden", bold=True)
    p.text("Statsbidrag för utökade hembesöksprogram 2023", 11, bold=True).space(4)
    p.text("Förslag till beslut", bold=True)
    p.para("Hälso- och sjukvårdsnämnden beslutar att fördela 5,1 miljoner kronor av "
           "statsbidraget för utökade hembesöksprogram 2023 till barnavårdscentralerna.")
    p.text("Sammanfattning", bold=True)
    p.para("Regeringen har avsatt 42 miljoner kronor för 2023. Region Stockholm har enligt "
           f"Socialstyrelsens fördelning tilldelats {kr(5107000)} kronor.")
    p.text("Anna Björk").text("Hälso- och sjukvårdsdirektör")
    return Doc("W04.pdf", p, "2023-09-05",
               decision("hembesok", 2023, region("01"), 5100000, "2023-09-04"))


def w05() -> Doc:
    p = Page().text("Region Gävleborg", 12, bold=True).text("PROTOKOLLSUTDRAG", 11, bold=True)
    p.text("Regionstyrelsen").text("Sammanträdesdatum 2023-10-03").space(10)
    p.text("§ 221  Fördelning av statsbidrag – utökade hembesöksprogram 2023", 11, bold=True)
    p.text("Ärende", bold=True)
    p.para("Region Gävleborg har tilldelats 298 tkr av statsbidragets 42 000 tkr.")
    p.text("Beslut", bold=True)
    p.para("Regionstyrelsen beslutar att fördela 350 tkr till barnhälsovården, varav 52 tkr "
           "finansieras inom regionens egen budget.")
    justering(p, "2023-10-06", "Gävle")
    return Doc("W05.pdf", p, "2023-10-09",
               decision("hembesok", 2023, region("21"), 350000, "2023-10-03"),
               ["DECISION_AMOUNT_MISMATCH"])


def w06() -> Doc:
    p = Page().text("Region Västerbotten", 12, bold=True).text("PROTOKOLLSUTDRAG", 11, bold=True)
    p.stacked("Organ", "Hälso- och sjukvårdsnämnden")
    p.stacked("Sammanträdesdatum", "2023-11-16")
    p.text("§ 88  Statsbidrag för utökade hembesöksprogram 2023", 11, bold=True)
    p.text("Ärende", bold=True)
    p.para(f"Socialstyrelsen fördelar {kr(42000000)} kronor. Region Västerbotten har tilldelats "
           f"{kr(634000)} kronor enligt fördelningslistan.")
    p.text("Beslut", bold=True)
    p.para(f"Hälso- och sjukvårdsnämnden beslutar att fördela {kr(634000)} kronor till "
           f"barnhälsovården, varav {kr(200000)} kronor till Umeå.")
    justering(p, "2023-11-21", "Umeå")
    return Doc("W06.pdf", p, "2023-11-22",
               decision("hembesok", 2023, region("24"), 634000, "2023-11-16"))


def w07() -> Doc:
    p = Page().text("GÖTEBORGS STAD", 12, bold=True).text("Utdrag ur protokoll", 11, bold=True)
    p.text("Socialnämnden Nordost").text("Sammanträdesdatum 2023-05-09").space(10)
    p.text("§ 63  Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023", 11,
           bold=True)
    p.text("Ärende", bold=True)
    p.para(f"Socialstyrelsen har fördelat {kr(4500000)} kronor till pilotverksamheten 2023. "
           f"Av det kan Göteborgs Stad rekvirera {kr(580000)} kronor.")
    p.text("Beslut", bold=True)
    p.para(f"Socialnämnden Nordost beslutar att rekvirera {kr(580000)} kronor.")
    justering(p, "2023-05-12", "Göteborg")
    return Doc("W07.pdf", p, "2023-05-15",
               decision("bhv-pilot", 2023, municipality("1480"), 580000, "2023-05-09"))


def w08() -> Doc:
    p = letterhead(Page(), "Region Jönköpings län", "Regionledningskontoret")
    p.title("Delegationsbeslut – statsbidrag för utökade hembesöksprogram 2024")
    p.pair("Beslutsdatum", "2024-02-29", x=200).pair("Dnr", "RJL 2024/702", x=200).space(6)
    p.para("Statsbidraget omfattar 82 mnkr nationellt. Regionens del enligt Socialstyrelsens "
           "fördelningslista är 4,9 mnkr.")
    p.text("Beslut", bold=True)
    p.para("Regionen rekvirerar 4,9 mnkr och fördelar medlen till barnhälsovården och "
           "kommunernas socialtjänst.")
    p.text("Beslutet fattas med stöd av regionstyrelsens delegationsordning.")
    return Doc("W08.pdf", p, "2024-03-01",
               decision("hembesok", 2024, region("06"), 4900000, "2024-02-29"))


def w09() -> Doc:
    p = Page().text("Region Kalmar län", 12, bold=True).text("PROTOKOLLSUTDRAG", 11, bold=True)
    p.pair("Regionstyrelsens arbetsutskott", "2024-03-13", x=330).space(10)
    p.text("§ 54  Statsbidrag utökade hembesöksprogram 2024", 11, bold=True)
    p.text("Ärende", bold=True)
    p.para("Totalt fördelas 82 miljoner kronor. Region Kalmar läns tilldelning är 3 636 tkr.")
    p.text("Beslut", bold=True)
    p.para("Arbetsutskottet beslutar att budgetera 3 800 tkr för utökade hembesök 2024.")
    justering(p, "2024-03-18", "Kalmar")
    return Doc("W09.pdf", p, "2024-03-19",
               decision("hembesok", 2024, region("08"), 3800000, "2024-03-13"),
               ["DECISION_AMOUNT_MISMATCH"])


def w10() -> Doc:
    p = Page().text("Region Norrbotten", 12, bold=True).text("Protokollsutdrag", 11, bold=True)
    p.text("Hälso- och sjukvårdsnämnden, sammanträde den 14 september 2023").space(10)
    p.text("§ 119  Statsbidrag för utökade hembesöksprogram 2023", 11, bold=True)
    p.text("Ärende", bold=True)
    p.para(f"Regionen har tilldelats {kr(1524000)} kr av totalt {kr(42000000)} kr.")
    p.text("Beslut", bold=True)
    p.para(f"Nämnden beslutar att fördela {kr(1524000)} kr till barnhälsovården 2023.")
    justering(p, "2023-09-19", "Luleå")
    return Doc("W10.pdf", p, "2023-09-20",
               decision("hembesok", 2023, region("25"), 1524000, "2023-09-14"))


# --- instructions and other documents ------------------------------------------------------

def w11() -> Doc:
    p = letterhead(Page(), "Socialstyrelsen", "Enheten för statsbidrag", "106 30 Stockholm")
    p.title("Anvisningar för rekvisition av statsbidrag för utökade hembesöksprogram 2024")
    p.para(f"Regeringen har avsatt {kr(82000000)} kronor för 2024. Regionerna kan rekvirera "
           "medel från den 6 februari till och med den 5 april 2024.")
    p.para("Rekvisitionen ska ange samverkande kommuner och hur stor andel av bidraget som ska "
           "finansiera kommunal verksamhet. Ej förbrukade medel ska återbetalas.")
    p.para("Återrapportering ska ske senast den 1 mars 2025.")
    return Doc("W11.pdf", p, "2024-02-06", instruction("hembesok", 2024))


def w12() -> Doc:
    p = letterhead(Page(), "Region Stockholm", "Hälso- och sjukvårdsförvaltningen")
    p.title("Rutin – rekvisition och återrapportering, pilotverksamhet i barnhälsovården 2023")
    p.para("Rutinen gäller för Region Stockholms del av pilotverksamheten i Rinkeby och "
           "Husby. Rekvisition görs senast den 16 juni 2023.")
    p.para("Den ekonomiska redovisningen sammanställs av ekonomienheten och skickas in senast "
           "den 3 maj 2024. Förbrukade och ej förbrukade medel redovisas var för sig.")
    p.text("Fastställd av hälso- och sjukvårdsdirektören 2023-04-03")
    return Doc("W12.pdf", p, "2023-04-04", instruction("bhv-pilot", 2023))


def w13() -> Doc:
    p = Page().text("Regeringsbeslut", 12, bold=True).text("Socialdepartementet").space(10)
    p.pair("2023-12-14", "S2023/03412", x=330).space(8)
    p.text("Socialstyrelsen", x=330).text("106 30 Stockholm", x=330).space(10)
    p.title("Uppdrag att fördela statsbidrag för utökade hembesöksprogram inom "
            "barnhälsovården 2024")
    p.text("Regeringens beslut", bold=True)
    p.para(f"Regeringen beslutar att Socialstyrelsen ska fördela {kr(82000000)} kronor under "
           "2024 till regionerna för utökade hembesöksprogram.")
    p.para("Medlen ska fördelas med en tredjedel efter antal barn 0–5 år och två tredjedelar "
           "efter antal barn 0–5 år i områden av typ 1 och 2.")
    return Doc("W13.pdf", p, "2023-12-15", instruction("hembesok", 2024))


def w14() -> Doc:
    p = letterhead(Page(), "Region Uppsala", "Registrator", "Box 602, 751 25 Uppsala")
    to_socialstyrelsen(p)
    p.title("Följebrev")
    p.para("Härmed översänds handlingar enligt er begäran. Handlingarna har diarieförts hos "
           "oss och skickas nu vidare för kännedom.")
    p.para("Frågor besvaras av registraturen, tfn 018-611 00 00.")
    p.text("Uppsala 2024-05-14").space(12).text("Lena Ahl, registrator")
    return Doc("W14.pdf", p, "2024-05-15", {"document_type": "other"},
               ["UNKNOWN_DOCUMENT_TYPE"])


def w15() -> Doc:
    p = letterhead(Page(), "Socialstyrelsen", "Enheten för statsbidrag")
    p.title("Anvisningar för återrapportering – utökade hembesöksprogram 2023")
    p.para("Återrapporteringen ska innehålla erhållet bidrag, förbrukade medel och ej "
           "förbrukade medel. Kostnaderna redovisas i en kostnadsredovisning per kostnadsslag.")
    p.para("Ej förbrukade medel återbetalas efter faktura. Redovisningen ska ha kommit in "
           "senast den 1 mars 2024.")
    return Doc("W15.pdf", p, "2023-12-01", instruction("hembesok", 2023))


# --- return reports with richer cost tables ----------------------------------------------

def w16() -> Doc:
    p = letterhead(Page(), "Region Skåne", "Koncernkontoret")
    p.title("Återrapportering av statsbidrag för utökade hembesöksprogram 2023")
    p.pair("Datum", "2024-02-20", x=230).pair("Erhållet bidrag", f"{kr(6334000)} kr", x=230)
    p.space(6)
    two_column_table(p, ("Kostnadsslag", "Budget", "Utfall"),
                     [("Barnhälsovårdssjuksköterskor", kr(3800000), kr(3650000)),
                      ("Föräldrarådgivare", kr(2100000), kr(2012500)),
                      ("Tolk", kr(434000), kr(401500))],
                     ("Totalt", kr(6334000), kr(6064000)))
    p.pair("Ej förbrukade medel", f"{kr(270000)} kr", x=230)
    return Doc("W16.pdf", p, "2024-02-21",
               report("hembesok", 2023, region("12"), 6334000, 6064000, 270000, "2024-02-20"))


def w17() -> Doc:
    p = letterhead(Page(), "Region Halland", "Regionkontoret")
    p.title("Återrapportering – statsbidrag för utökade hembesöksprogram 2024")
    p.pair("Datum", "2025-02-11", x=230).pair("Erhållet bidrag 2024", f"{kr(580000)} kr", x=230)
    p.space(6)
    two_column_table(p, ("Kostnadsslag", "2023", "2024"),
                     [("Personal barnhälsovård", kr(610000), kr(402000)),
                      ("Socialtjänst, föräldrarådgivare", kr(380000), kr(141000))],
                     ("Summa kostnader", kr(990000), kr(543000)))
    p.pair("Ej förbrukat 2024", f"{kr(37000)} kr", x=230)
    return Doc("W17.pdf", p, "2025-02-12",
               report("hembesok", 2024, region("13"), 580000, 543000, 37000, "2025-02-11"))


def w18() -> Doc:
    p = letterhead(Page(), "Region Kronoberg", "Box 1223, 351 12 Växjö")
    p.title("Ekonomisk redovisning – utökade hembesöksprogram 2023")
    p.pair("Datum", "2024-02-14", x=230).pair("Erhållet bidrag", f"{kr(1811000)} kr", x=230)
    p.space(6)
    cols = [(LEFT, "l"), (RIGHT_EDGE, "r")]
    p.text("Kostnadsredovisning", 11, bold=True)
    p.row(["Kostnadsslag", "Belopp (kr)"], cols, bold=True).rule()
    p.row(["Personalkostnader", kr(1420000)], cols)
    p.row(["   varav sociala avgifter", kr(446000)], cols)
    p.row(["Resor", kr(96000)], cols)
    p.row(["Utbildning", kr(150000)], cols)
    p.rule().row(["Summa totalt", kr(1666000)], cols, bold=True).space(10)
    p.pair("Medel att återbetala", f"{kr(145000)} kr", x=230)
    return Doc("W18.pdf", p, "2024-02-15",
               report("hembesok", 2023, region("07"), 1811000, 1666000, 145000, "2024-02-14"))


def w19() -> Doc:
    p = letterhead(Page(), "Region Värmland", "Hälso- och sjukvård")
    p.title("Återrapportering av statsbidrag, utökade hembesöksprogram 2023")
    p.pair("Datum", "2024-02-26", x=230).pair("Erhållet bidrag (tkr)", tkr(2770000), x=230)
    p.space(6)
    cols = [(LEFT, "l"), (RIGHT_EDGE, "r")]
    p.text("Kostnader (tkr)", 11, bold=True)
    p.row(["Barnhälsovård", tkr(1650000)], cols).row(["Socialtjänst", tkr(902500)], cols)
    p.rule().row(["Totala kostnader", tkr(2552500)], cols, bold=True).space(10)
    p.pair("Ej förbrukat (tkr)", tkr(217500), x=230)
    return Doc("W19.pdf", p, "2024-02-27",
               report("hembesok", 2023, region("17"), 2770000, 2552500, 217500, "2024-02-26"))


def w20() -> Doc:
    p = letterhead(Page(), "Botkyrka kommun", "Socialförvaltningen", "147 85 Tumba")
    p.title("Återrapportering – pilotverksamhet i barnhälsovården 2023")
    p.pair("Datum", "2024-04-22", x=230).pair("Erhållet bidrag", f"{kr(580000)} kr", x=230)
    p.space(6)
    two_column_table(p, ("Kostnadsslag", "Budget", "Utfall"),
                     [("Familjebehandlare", kr(450000), kr(441000)),
                      ("Lokaler", kr(80000), kr(80000)),
                      ("Material", kr(50000), kr(22000))],
                     ("Summa", kr(580000), kr(543000)))
    p.pair("Ej förbrukade medel", f"{kr(37000)} kr", x=230)
    return Doc("W20.pdf", p, "2024-04-23",
               report("bhv-pilot", 2023, municipality("0127"), 580000, 543000, 37000,
                      "2024-04-22"))


def w21() -> Doc:
    p = letterhead(Page(), "Region Dalarna", "Box 712, 791 29 Falun")
    p.title("Återrapportering – statsbidrag för utökade hembesöksprogram 2023")
    p.pair("Datum", "2024-02-28", x=230).pair("Erhållet bidrag", f"{kr(1679000)} kr", x=230)
    p.space(6)
    two_column_table(p, ("Kostnadsslag", "Budget", "Utfall"),
                     [("Barnhälsovårdssjuksköterskor", kr(1000000), kr(980000)),
                      ("Föräldrarådgivare", kr(679000), kr(600000))],
                     ("Totalt", kr(1679000), kr(1600000)))
    p.pair("Ej förbrukade medel", f"{kr(99000)} kr", x=230)
    return Doc("W21.pdf", p, "2024-02-29",
               report("hembesok", 2023, region("20"), 1679000, 1600000, 99000, "2024-02-28"),
               ["SUM_MISMATCH", "UNUSED_MISMATCH"])


def w22() -> Doc:
    p = letterhead(Page(), "Region Halland", "Regionkontoret")
    p.title("Återrapportering av statsbidrag för utökade hembesöksprogram 2023")
    p.pair("Datum", "2024-02-19", x=230).pair("Erhållet bidrag", f"{kr(1206000)} kr", x=230)
    p.space(6)
    two_column_table(p, ("Kostnadsslag", "Budget", "Utfall"),
                     [("Personal", kr(900000), kr(850000)),
                      ("Utbildning", kr(306000), kr(250000))],
                     ("Summa totalt", kr(1206000), kr(1100000)))
    p.pair("Medel att återbetala", f"{kr(100000)} kr", x=230)
    return Doc("W22.pdf", p, "2024-02-20",
               report("hembesok", 2023, region("13"), 1206000, 1100000, 100000, "2024-02-19"),
               ["UNUSED_MISMATCH"])


def w23() -> Doc:
    p = Page().text("REGION ÖSTERGÖTLAND", 12, bold=True).text("Regionledningskontoret", 8.5)
    p.space(12)
    p.title("ÅTERRAPPORTERING – UTÖKADE HEMBESÖKSPROGRAM 2023")
    p.pair("Datum", "2024-02-09", x=230).pair("Erhållet bidrag (tkr)", tkr(1872000), x=230)
    p.space(6)
    two_column_table(p, ("Kostnadsslag", "Budget (tkr)", "Utfall (tkr)"),
                     [("Barnhälsovård", tkr(1200000), tkr(1150000)),
                      ("   varav tolk", tkr(100000), tkr(85000)),
                      ("Socialtjänst", tkr(672000), tkr(700000))],
                     ("Totalt", tkr(1872000), tkr(1850000)))
    p.pair("Ej förbrukat (tkr)", tkr(22000), x=230)
    return Doc("W23.pdf", p, "2024-02-12",
               report("hembesok", 2023, region("05"), 1872000, 1850000, 22000, "2024-02-09"))


# --- requisitions -------------------------------------------------------------------------

def w24() -> Doc:
    p = Page().text("BOTKYRKA KOMMUN", 12, bold=True)
    p.text("Organisationsnummer 212000-2882", 8.5).text("Socialförvaltningen, 147 85 Tumba", 8.5)
    p.space(12)
    p.title("REKVISITION – PILOTVERKSAMHET I BARNHÄLSOVÅRDEN 2023")
    p.pair("Datum", "2023-05-16", x=200)
    p.pair("Rekvirerat belopp", f"{kr(580000)} kr", x=200)
    p.para("Pilotverksamheten i Alby och Fittja bedrivs i samverkan med Region Stockholm.")
    return Doc("W24.pdf", p, "2023-05-17", pilot_req("0127", 580000, "2023-05-16"))


def w25() -> Doc:
    p = letterhead(Page(), "Malmö stad", "Org.nr 212000-1124", "205 80 Malmö")
    p.title("Rekvisition av statsbidrag – barnhälsovård i socioekonomiskt utsatta områden 2023")
    p.stacked("Samverkanspart", "Region Skåne")
    p.stacked("Sökande kommun", "Malmö stad")
    p.stacked("Belopp (kr)", kr(580000))
    p.stacked("Datum", "2023-06-01")
    return Doc("W25.pdf", p, "2023-06-02", pilot_req("1280", 580000, "2023-06-01"))


def w26() -> Doc:
    p = Page().text("REGION DALARNA", 12, bold=True)
    p.text("Organisationsnummer: 232100-0180", 8.5).text("Box 712, 791 29 Falun", 8.5).space(12)
    p.title("Rekvisition av statsbidrag för utökade hembesöksprogram 2023")
    p.pair("Datum", "2023-04-20", x=200).pair("Dnr", "RD 2023/1187", x=200)
    p.para(f"REGION DALARNA rekvirerar {kr(1679000)} kronor för utökade hembesök i Falun och "
           "Borlänge under 2023.")
    return Doc("W26.pdf", p, "2023-04-21", req23("20", 1679000, "2023-04-20"))


def w27() -> Doc:
    p = letterhead(Page(), "Region Västmanland", "Regionkansliet, 721 89 Västerås")
    p.title("Rekvisition – utökade hembesöksprogram 2024")
    p.para("Sala kommun och Västerås stad har tillsammans med regionen tagit fram en plan för "
           "utökade hembesök i Bäckby och Varnhem.")
    p.pair("Sökande", "Region Västmanland, org.nr 232100-0172", x=210)
    p.pair("Rekvirerat belopp", f"{kr(3370000)} kr", x=210)
    p.pair("Samverkande kommuner", "Västerås stad, Sala kommun", x=210)
    p.pair("Kommunal andel", "30 %", x=210)
    p.pair("Datum", "2024-03-14", x=210)
    return Doc("W27.pdf", p, "2024-03-15",
               req24("19", 3370000, ["1980", "1981"], 30, "2024-03-14"))


def w28() -> Doc:
    p = Page().text("REGION ÖREBRO LÄN", 12, bold=True)
    p.text("Org.nr 232100-0164  ·  Box 1613, 701 16 Örebro", 8.5).space(12)
    to_socialstyrelsen(p)
    p.title("REKVISITION AV STATSBIDRAG FÖR UTÖKADE HEMBESÖKSPROGRAM 2024")
    p.stacked("Datum", "2024-03-22")
    p.stacked("Rekvirerat belopp", f"{kr(3406000)} kr")
    p.stacked("Samverkande kommuner", "ÖREBRO KOMMUN", "KUMLA KOMMUN")
    p.stacked("Andel som finansierar kommunal verksamhet", "40 procent")
    return Doc("W28.pdf", p, "2024-03-25",
               req24("18", 3406000, ["1880", "1881"], 40, "2024-03-22"))


def w29() -> Doc:
    p = letterhead(Page(), "Region Jämtland Härjedalen", "Hälso- och sjukvårdsförvaltningen",
                   "831 83 Östersund")
    p.title("Rekvisition av statsbidrag för utökade hembesöksprogram 2024")
    p.stacked("Samverkanspart", "Östersunds kommun, Krokoms kommun")
    p.stacked("Sökande", "Region Jämtland Härjedalen (232100-0214)")
    p.stacked("Belopp att rekvirera", f"{kr(503000)} kr")
    p.stacked("Kommunal andel", "25 %")
    p.stacked("Datum", "2024-02-26")
    return Doc("W29.pdf", p, "2024-02-27",
               req24("23", 503000, ["2380", "2309"], 25, "2024-02-26"))


def w30() -> Doc:
    p = letterhead(Page(), "Region Kronoberg", "Box 1223, 351 12 Växjö")
    p.title("Rekvisition – statsbidrag för utökade hembesöksprogram 2023")
    p.pair("Organisation", "Region Kronoberg", x=200)
    p.pair("Organisationsnummer", "232100-0065", x=200)
    p.pair("Rekvirerat belopp (tkr)", tkr(1811000), x=200)
    p.pair("Datum", "2023-05-02", x=200)
    p.para("Arbetet bedrivs i samverkan med Växjö kommun.")
    return Doc("W30.pdf", p, "2023-05-03", req23("07", 1811000, "2023-05-02"))


def w31() -> Doc:
    p = letterhead(Page(), "Stockholms stad", "Spånga-Tensta stadsdelsförvaltning")
    p.title("Rekvisition – pilotverksamhet i barnhälsovården 2023")
    p.para(f"Stockholms stad rekvirerar {kr(255000)} kronor för det särskilda området i "
           "Tensta, i samverkan med Region Stockholm.")
    p.pair("Datum", "2023-06-20", x=200)
    return Doc("W31.pdf", p, "2023-06-21", pilot_req("0180", 255000, "2023-06-20"),
               ["LATE_REQUISITION"])


DOCUMENTS = [w01, w02, w03, w04, w05, w06, w07, w08, w09, w10, w11, w12, w13, w14, w15, w16,
             w17, w18, w19, w20, w21, w22, w23, w24, w25, w26, w27, w28, w29, w30, w31]
"""In ingestion order: at most one requisition per organisation and program-year."""


def main() -> None:
    write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/variants3"), DOCUMENTS)


if __name__ == "__main__":
    main()
