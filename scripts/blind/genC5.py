#!/usr/bin/env python3
"""Blind corpus C5: a realistic mailbag of Swedish state-grant documents, with multi-page
documents (covering letters with the requisition / economic account on page 2, cost tables
running over two pages with the totals on page 2, protokollsutdrag with long lists of
collaborating municipalities), faint photocopies and rotated scans.

usage: genC5.py OUTDIR --seed 55

Written from the contract (shared/contract/README.md), shared/data and shared/seeds only.
"""
import argparse, csv, datetime as dt, hashlib, io, json, math, os, random, shutil, sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
import cv2
import img2pdf
import pypdfium2 as pdfium
from reportlab import rl_config
rl_config.invariant = 1
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.enums import TA_LEFT, TA_RIGHT, TA_CENTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (SimpleDocTemplate, Spacer, Table, TableStyle,
                                PageBreak, KeepTogether)
from reportlab.platypus import Paragraph as _Paragraph
import re as _re


def Paragraph(text, style):
    """amounts in running text keep their digit groups on one line (no-break spaces), as in
    documents typed in a word processor."""
    return _Paragraph(_re.sub(r"(?<=\d) (?=\d{3}\b)", "\u00a0", text), style)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"  # ../shared beside the checkout
FONTDIR = Path("/usr/share/fonts/truetype/dejavu")

for name, f in [("Sans", "DejaVuSans.ttf"), ("Sans-B", "DejaVuSans-Bold.ttf"),
                ("Serif", "DejaVuSerif.ttf"), ("Serif-B", "DejaVuSerif-Bold.ttf"),
                ("SansC", "DejaVuSansCondensed.ttf"), ("SansC-B", "DejaVuSansCondensed-Bold.ttf"),
                ("Mono", "DejaVuSansMono.ttf")]:
    pdfmetrics.registerFont(TTFont(name, str(FONTDIR / f)))

# ---------------------------------------------------------------- reference data
REGIONS = {}
for r in csv.DictReader(open(SHARED / "data/scb_regions.csv", encoding="utf-8")):
    REGIONS[r["region_code"]] = (r["region_name"], r["county_name"])
MUNIS = {}       # name -> code
MUNI_REGION = {}  # code -> region
BY_REGION = {}
for r in csv.DictReader(open(SHARED / "data/scb_municipalities.csv", encoding="utf-8")):
    MUNIS[r["municipality_name"]] = r["municipality_code"]
    MUNI_REGION[r["municipality_code"]] = r["region_code"]
    BY_REGION.setdefault(r["region_code"], []).append(r["municipality_name"])

STAD = {"Stockholm": "Stockholms stad", "Göteborg": "Göteborgs Stad", "Malmö": "Malmö stad",
        "Solna": "Solna stad", "Sundbyberg": "Sundbybergs stad", "Lidingö": "Lidingö stad",
        "Västerås": "Västerås stad", "Borås": "Borås Stad", "Trollhättan": "Trollhättans stad",
        "Mölndal": "Mölndals stad", "Helsingborg": "Helsingborgs stad",
        "Landskrona": "Landskrona stad", "Vaxholm": "Vaxholms stad"}
IRREG = {"Falun": "Falu kommun", "Kalmar": "Kalmar kommun"}
NO_BARE = {"Mark", "Berg", "Vara", "Ale", "Kil", "Eda", "Hjo", "Salem", "Habo", "Mora", "Nora",
           "Sala", "Orsa", "Osby", "Boden", "Ydre"}


def kommun_form(n):
    if n in IRREG:
        return IRREG[n]
    if n[-1].lower() in "aeiouyåäösxz":
        return f"{n} kommun"
    return f"{n}s kommun"


def muni_label(n, style):
    """style: 'kommun', 'stad' (falls back to kommun), 'bare', 'upper'."""
    if style == "stad" or (style == "kommun" and n in STAD):
        return STAD.get(n, kommun_form(n))
    if style == "bare":
        return n if n not in NO_BARE else kommun_form(n)
    return kommun_form(n)


def mixed_labels(names, rng, weights=(0.45, 0.4)):
    out = []
    for n in names:
        if n in STAD and rng.random() < 0.8:
            out.append(STAD[n])
        elif rng.random() < weights[0]:
            out.append(kommun_form(n))
        else:
            out.append(muni_label(n, "bare"))
    return out


def join_sv(items):
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " och " + items[-1]


def kr(n):
    s = f"{int(round(n)):,}".replace(",", " ")
    return s


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


def long_date(d):
    d = dt.date.fromisoformat(d)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


# ---------------------------------------------------------------- programs & allocations
PROGRAMS = {
    ("hembesok", 2023): dict(kinds={"region"}, pool=42_000_000, req_deadline="2023-10-31", rep_deadline="2024-03-01"),
    ("hembesok", 2024): dict(kinds={"region"}, pool=82_000_000, req_deadline="2024-04-05", rep_deadline="2025-03-01"),
    ("bhv-pilot", 2023): dict(kinds={"municipality"}, pool=4_500_000, req_deadline="2023-06-16", rep_deadline="2024-05-03"),
}

ALLOC_2024 = {"01": 14210000, "03": 2610000, "04": 2145000, "05": 4480000, "06": 3020000,
              "07": 1590000, "08": 1870000, "09": 505000, "10": 1205000, "12": 12940000,
              "14": 13480000, "17": 2035000, "18": 3406000, "19": 2760000, "20": 2150000,
              "21": 2390000, "22": 1880000, "23": 905000, "24": 2060000, "25": 2115000}
# Region Halland (13) deliberately has no 2024 row.
MIN_2024 = {"19": 30, "21": 25, "05": 20, "14": 30}
ALLOC_2023 = {"01": 5320000, "03": 1330000, "04": 1110000, "05": 2240000, "06": 1490000,
              "07": 812000, "08": 986000, "09": 262000, "10": 640000, "12": 6120000,
              "13": 1310000, "14": 6410000, "17": 1045000, "18": 1349000, "19": 1420000,
              "20": 1180000, "21": 1250000, "22": 960000, "23": 454000, "24": 1075000,
              "25": 1105000}
ALLOC_PILOT = {"0127": (580000, 45), "1280": (580000, 45), "1480": (580000, 45), "0180": (255000, 40)}


def alloc_rows():
    rows = []
    for c, a in ALLOC_2024.items():
        rows.append(("hembesok", 2024, c, REGIONS[c][0], a, MIN_2024.get(c, "")))
    for c, a in ALLOC_2023.items():
        rows.append(("hembesok", 2023, c, REGIONS[c][0], a, ""))
    inv = {v: k for k, v in MUNIS.items()}
    for c, (a, m) in ALLOC_PILOT.items():
        rows.append(("bhv-pilot", 2023, c, inv[c], a, m))
    return rows


def allocation(prog, year, code):
    if prog == "hembesok" and year == 2024:
        return (ALLOC_2024[code], MIN_2024.get(code)) if code in ALLOC_2024 else None
    if prog == "hembesok" and year == 2023:
        return (ALLOC_2023[code], None) if code in ALLOC_2023 else None
    if prog == "bhv-pilot" and year == 2023:
        return ALLOC_PILOT.get(code)
    return None


# ---------------------------------------------------------------- styles
def styles(font="Sans", size=10):
    b = font + "-B" if font in ("Sans", "Serif", "SansC") else font
    return {
        "n": ParagraphStyle("n", fontName=font, fontSize=size, leading=size * 1.35, spaceAfter=size * 0.5),
        "s": ParagraphStyle("s", fontName=font, fontSize=size - 1.5, leading=(size - 1.5) * 1.3),
        "b": ParagraphStyle("b", fontName=b, fontSize=size, leading=size * 1.35, spaceAfter=size * 0.4),
        "h1": ParagraphStyle("h1", fontName=b, fontSize=size + 5, leading=(size + 5) * 1.25, spaceAfter=8),
        "h2": ParagraphStyle("h2", fontName=b, fontSize=size + 2, leading=(size + 2) * 1.3, spaceBefore=6, spaceAfter=4),
        "r": ParagraphStyle("r", fontName=font, fontSize=size, leading=size * 1.35, alignment=TA_RIGHT),
        "c": ParagraphStyle("c", fontName=b, fontSize=size + 1, leading=(size + 1) * 1.3, alignment=TA_CENTER),
        "font": font, "bold": b, "size": size,
    }


def grid_table(data, widths, st, header=True, align_right_cols=(), bold_last=False, box=True, zebra=False):
    ts = [("FONT", (0, 0), (-1, -1), st["font"], st["size"] - 0.5),
          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
          ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if box:
        ts += [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    else:
        ts += [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)]
    if header:
        ts += [("FONT", (0, 0), (-1, 0), st["bold"], st["size"] - 0.5),
               ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88))]
    for c in align_right_cols:
        ts += [("ALIGN", (c, 0), (c, -1), "RIGHT")]
    if bold_last:
        ts += [("FONT", (0, -1), (-1, -1), st["bold"], st["size"] - 0.5),
               ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black)]
    if zebra:
        for i in range(1 if header else 0, len(data), 2):
            ts += [("BACKGROUND", (0, i), (-1, i), colors.Color(0.95, 0.95, 0.95))]
    t = Table(data, colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle(ts))
    return t


def build_pdf(story, header_left, header_right, footer, font="Sans", top=30 * mm):
    buf = io.BytesIO()

    def on_page(c, doc):
        c.saveState()
        c.setFont(font + "-B" if font in ("Sans", "Serif", "SansC") else font, 11)
        y = A4[1] - 16 * mm
        for i, line in enumerate(header_left):
            if i == 1:
                c.setFont(font, 8.5)
            c.drawString(20 * mm, y, line)
            y -= 11 if i == 0 else 10
        c.setFont(font, 8.5)
        y = A4[1] - 16 * mm
        for line in header_right:
            c.drawRightString(A4[0] - 20 * mm, y, line.replace("{p}", str(doc.page)))
            y -= 10
        c.setLineWidth(0.4)
        c.line(20 * mm, 18 * mm, A4[0] - 20 * mm, 18 * mm)
        c.setFont(font, 7)
        c.drawString(20 * mm, 13 * mm, footer)
        c.drawRightString(A4[0] - 20 * mm, 13 * mm, "Sida %d" % doc.page)
        c.restoreState()

    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=top, bottomMargin=24 * mm, invariant=1,
                            title="", author="", creator="", producer="")
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


def n_pages(pdf_bytes):
    return len(pdfium.PdfDocument(pdf_bytes))


# ---------------------------------------------------------------- organisation texts
ADDR = {"01": ("Box 6909", "102 39 Stockholm", "232100-0016"),
        "03": ("Box 602", "751 25 Uppsala", "232100-0008"),
        "04": ("Region Sörmland", "611 88 Nyköping", "232100-0032"),
        "05": ("Region Östergötland", "581 91 Linköping", "232100-0040"),
        "06": ("Box 1024", "551 11 Jönköping", "232100-0057"),
        "07": ("Box 1223", "351 12 Växjö", "232100-0065"),
        "08": ("Box 601", "391 26 Kalmar", "232100-0073"),
        "10": ("Region Blekinge", "371 81 Karlskrona", "232100-0081"),
        "12": ("Region Skåne", "291 89 Kristianstad", "232100-0255"),
        "13": ("Box 517", "301 80 Halmstad", "232100-0115"),
        "14": ("Regionens hus", "405 44 Göteborg", "232100-0131"),
        "17": ("Region Värmland", "651 82 Karlstad", "232100-0156"),
        "18": ("Box 1613", "701 16 Örebro", "232100-0164"),
        "19": ("Region Västmanland", "721 89 Västerås", "232100-0172"),
        "20": ("Box 712", "791 29 Falun", "232100-0180"),
        "21": ("Region Gävleborg", "801 88 Gävle", "232100-0198"),
        "22": ("Region Västernorrland", "871 85 Härnösand", "232100-0206"),
        "23": ("Box 654", "831 27 Östersund", "232100-0214"),
        "24": ("Region Västerbotten", "901 89 Umeå", "232100-0222"),
        "25": ("Region Norrbotten", "971 89 Luleå", "232100-0230")}
MUNI_ADDR = {"0127": ("Botkyrka kommun", "147 85 Tumba", "212000-2882"),
             "0180": ("Stockholms stad, Socialförvaltningen", "106 64 Stockholm", "212000-0142"),
             "1280": ("Malmö stad, Sociala resursförvaltningen", "205 80 Malmö", "212000-1124"),
             "1480": ("Göteborgs Stad, Stadsledningskontoret", "404 82 Göteborg", "212000-1355"),
             "1980": ("Västerås stad, Förskolenämnden", "721 87 Västerås", "212000-2080")}

HB_TITLE = {2023: "Statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med hembesöksprogram 2023",
            2024: "Statsbidrag till regioner för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram 2024"}
PILOT_TITLE = "Statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden 2023"

PEOPLE = ["Anna Lindqvist", "Johan Berglund", "Maria Håkansson", "Erik Sandström", "Karin Öberg",
          "Lena Strand", "Per Nyström", "Sara Ek", "Mikael Holm", "Elin Vikström", "Fatima Ali",
          "Ingrid Dahl", "Ahmed Hassan", "Cecilia Brandt", "Oskar Wallin", "Helena Forsberg"]


def sign_block(st, date, name, title, place=None):
    out = [Spacer(1, 10)]
    if place:
        out.append(Paragraph(f"{place} {date}", st["n"]))
    out += [Spacer(1, 18), Paragraph("......................................................", st["n"]),
            Paragraph(name, st["n"]), Paragraph(title, st["s"])]
    return out


# ---------------------------------------------------------------- cost rows
COST_ITEMS_REG = ["Sjuksköterskor BVC, utökade hembesök", "Föräldrastödjare/familjebehandlare",
                  "Tolkkostnader", "Resor och bilersättning", "Kompetensutveckling och utbildning",
                  "Samordnare barnhälsovård", "Material och informationsmaterial",
                  "Handledning", "Administration och uppföljning", "Lokalkostnader familjecentral",
                  "Övertid och vikarier", "Utvärdering", "Föräldrarådgivare socialtjänst",
                  "IT-stöd och journalföring", "Lönebikostnader", "Konferens och nätverksträffar",
                  "Tandvårdens medverkan (folktandvården)", "Översättning av material"]


def split_amount(total, n, rng, unit=100):
    """n positive parts, multiples of unit, summing to total."""
    w = [rng.uniform(0.4, 1.6) for _ in range(n)]
    s = sum(w)
    parts = [int(total * x / s) // unit * unit for x in w]
    parts[0] += total - sum(parts)
    assert sum(parts) == total and all(p > 0 for p in parts)
    return parts


# ---------------------------------------------------------------- document builders
# Each returns (pdf_bytes, sum_mismatch: bool)

def doc_requisition_hb(sp, rng):
    """Region requisition for hembesok (2023 or 2024). Styles: form, letter+form, prose+budget."""
    c = sp["org"]; year = sp["year"]; st = styles(sp.get("font", "Sans"), sp.get("size", 10))
    rname = REGIONS[c][0]
    box, city, orgnr = ADDR[c]
    person = rng.choice(PEOPLE)
    dnr = f"{rng.choice(['RS', 'HSN', 'RS', 'RD'])} {sp['date'][:4]}/{rng.randint(100, 2400)}"
    story = []
    munis = sp.get("munis")
    mlabels = mixed_labels(munis, rng) if munis else None
    share = sp.get("share")
    req = sp["requested"]
    style = sp["style"]

    def form_page():
        f = []
        f.append(Paragraph("Rekvisition av statsbidrag", st["h1"]))
        f.append(Paragraph(HB_TITLE[year], st["b"]))
        f.append(Spacer(1, 6))
        rows = [["Sökande region", rname], ["Organisationsnummer", orgnr],
                ["Postadress", f"{box}, {city}"], ["Kontaktperson", f"{person}, tel 0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}"],
                ["Bidragsår", str(year)],
                ["Rekvirerat belopp (kr)", kr(req)]]
        if year == 2024:
            if munis:
                mp = Paragraph(", ".join(mlabels) if sp.get("mstyle") != "lines" else "<br/>".join(mlabels), st["n"])
            else:
                mp = ""
            rows.append(["Kommuner som regionen samverkar med", mp])
            rows.append(["Andel av bidraget som ska finansiera kommunal verksamhet", f"{share} %" if share is not None else ""])
            rows.append(["Önskar ta del av kvarvarande medel", rng.choice(["Ja", "Nej"])])
        rows2 = [[Paragraph(a, st["s"]), b if not isinstance(b, str) else Paragraph(b, st["n"])] for a, b in rows]
        t = Table(rows2, colWidths=[62 * mm, 104 * mm], hAlign="LEFT")
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.93, 0.93, 0.93))]))
        f.append(t)
        f.append(Spacer(1, 8))
        f.append(Paragraph("Undertecknad intygar att uppgifterna är riktiga och att medlen kommer att användas "
                           "i enlighet med Socialstyrelsens anvisningar för bidraget. Medel som inte har använts "
                           "under bidragsåret återbetalas till Socialstyrelsen.", st["n"]))
        f.append(Paragraph(f"Datum: {sp['date']}", st["n"]))
        f += sign_block(st, sp["date"], person if rng.random() < 0.3 else rng.choice(PEOPLE), "Regiondirektör / firmatecknare")
        return f

    if style == "form":
        story += form_page()
    elif style == "letter+form":
        story.append(Paragraph(f"{city.split(' ', 2)[-1]} {long_date(sp['date'])}" if sp.get("longdate") else f"Datum {sp['date']}", st["r"]))
        story.append(Spacer(1, 10))
        story.append(Paragraph("Socialstyrelsen<br/>Enheten för statsbidrag<br/>106 30 Stockholm", st["n"]))
        story.append(Spacer(1, 10))
        story.append(Paragraph(f"Följebrev – rekvisition av statsbidrag för utökade hembesöksprogram {year}", st["h2"]))
        txt = (f"{rname} översänder härmed sin rekvisition av statsbidrag för att stödja och stimulera "
               f"barnhälsovårdens förebyggande arbete med utökade hembesöksprogram för bidragsåret {year}. "
               f"Rekvisitionen finns som bilaga på nästa sida.")
        story.append(Paragraph(txt, st["n"]))
        if year == 2024:
            story.append(Paragraph("Arbetet bedrivs i samverkan med kommunerna i länet, där barnhälsovården, "
                                   "socialtjänstens förebyggande verksamhet och förskolan tillsammans "
                                   "genomför hembesöken. Ett gemensamt samverkansavtal har tecknats under våren.", st["n"]))
        story.append(Paragraph(f"Frågor om rekvisitionen besvaras av {person}, handläggare på "
                               f"hälso- och sjukvårdsförvaltningen.", st["n"]))
        story.append(Paragraph("Med vänlig hälsning", st["n"]))
        story.append(Spacer(1, 16))
        story.append(Paragraph(rng.choice(PEOPLE) + "<br/>Hälso- och sjukvårdsdirektör", st["n"]))
        story.append(Spacer(1, 12))
        story.append(Paragraph("Bilaga: Rekvisition (1 sida)", st["s"]))
        story.append(PageBreak())
        story.append(Paragraph("Bilaga", st["s"]))
        story += form_page()
    elif style == "prose+budget":
        story.append(Paragraph(f"Datum: {sp['date']}<br/>Diarienummer: {dnr}", st["r"]))
        story.append(Paragraph(f"Rekvisition – {HB_TITLE[year].lower()}", st["h1"]))
        story.append(Paragraph(f"{rname} rekvirerar härmed <b>{kr(req)} kronor</b> i statsbidrag för utökade "
                               f"hembesöksprogram inom barnhälsovården för bidragsåret {year}.", st["n"]))
        if year == 2024:
            if munis:
                story.append(Paragraph(f"Regionen samverkar i arbetet med följande kommuner: {join_sv(mlabels)}.", st["n"]))
            if share is not None:
                story.append(Paragraph(f"Av bidraget ska {share} procent finansiera kommunal verksamhet, "
                                       f"främst socialtjänstens deltagande i de gemensamma hembesöken.", st["n"]))
        story.append(Paragraph("Planerade kostnader framgår av budgeten nedan. Budgeten fortsätter på nästa sida.", st["n"]))
        items = sp["budget"]
        half = sp.get("split", len(items) // 2 + 1)
        data = [["Kostnadsslag", "Belopp, kr"]] + [[a, kr(b)] for a, b in items[:half]]
        story.append(Paragraph("Budget (planerade kostnader)", st["h2"]))
        story.append(grid_table(data, [110 * mm, 45 * mm], st, align_right_cols=(1,)))
        story.append(Paragraph("<i>forts. nästa sida</i>", st["s"]))
        story.append(PageBreak())
        story.append(Paragraph("Budget, forts.", st["h2"]))
        data = [["Kostnadsslag", "Belopp, kr"]] + [[a, kr(b)] for a, b in items[half:]] + [["Summa", kr(sp["budget_total"])]]
        story.append(grid_table(data, [110 * mm, 45 * mm], st, align_right_cols=(1,), bold_last=True))
        story.append(Spacer(1, 10))
        story.append(Paragraph(f"Kontaktperson: {person}, {box}, {city}. Organisationsnummer {orgnr}.", st["n"]))
        story += sign_block(st, sp["date"], rng.choice(PEOPLE), "Regiondirektör")
    pdf = build_pdf(story, [rname, "Hälso- och sjukvårdsförvaltningen"], [f"Dnr {dnr}", "Sida {p}"],
                    f"{rname} · {box} · {city} · Org.nr {orgnr} · www.{c}region.example.se", font=st["font"])
    return pdf


def doc_requisition_muni(sp, rng):
    """Municipality requisition: bhv-pilot 2023 or (wrongly) hembesok 2024."""
    c = sp["org"]; st = styles(sp.get("font", "Serif"), sp.get("size", 10))
    name, city, orgnr = MUNI_ADDR[c]
    person = rng.choice(PEOPLE)
    story = []
    if sp["program"] == "bhv-pilot":
        story.append(Paragraph("REKVISITION", st["h1"]))
        story.append(Paragraph(PILOT_TITLE, st["b"]))
        story.append(Paragraph(f"Datum: {sp['date']}", st["n"]))
        story.append(Spacer(1, 6))
        rows = [["Kommun", name.split(",")[0]], ["Organisationsnummer", orgnr],
                ["Pilotområde", sp["area"]], ["Bidragsår", "2023"],
                ["Rekvirerat belopp", f"{kr(sp['requested'])} kr"],
                ["Bankgiro", f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"],
                ["Kontaktperson", person]]
        story.append(grid_table([[Paragraph(a, st["n"]), Paragraph(b, st["n"])] for a, b in rows],
                                [60 * mm, 100 * mm], st, header=False))
        story.append(Spacer(1, 8))
        story.append(Paragraph("Kommunen rekvirerar härmed sin del av medlen för pilotverksamheten i "
                               "barnhälsovården i enlighet med Socialstyrelsens anvisningar. Verksamheten "
                               "bedrivs i samverkan med regionens barnhälsovård i pilotområdet.", st["n"]))
        story += sign_block(st, sp["date"], rng.choice(PEOPLE), "Förvaltningschef")
    else:
        story.append(Paragraph(f"Datum: {sp['date']}", st["r"]))
        story.append(Paragraph("Socialstyrelsen<br/>106 30 Stockholm", st["n"]))
        story.append(Spacer(1, 8))
        story.append(Paragraph(f"Rekvisition av statsbidrag för utökade hembesöksprogram {sp['year']}", st["h1"]))
        story.append(Paragraph(f"{name.split(',')[0]} rekvirerar härmed {kr(sp['requested'])} kronor i statsbidrag "
                               f"för utökade hembesöksprogram inom barnhälsovården för år {sp['year']}. Medlen ska "
                               "användas för förskolans och socialtjänstens medverkan i hembesöken i "
                               "stadens prioriterade bostadsområden.", st["n"]))
        story.append(Paragraph(f"Organisationsnummer: {orgnr}<br/>Kontaktperson: {person}", st["n"]))
        story += sign_block(st, sp["date"], rng.choice(PEOPLE), "Förvaltningsdirektör")
    return build_pdf(story, [name.split(",")[0], name.split(",")[1].strip() if "," in name else ""],
                     ["Sida {p}"], f"{name} · {city} · Org.nr {orgnr}", font=st["font"])


def doc_protokoll(sp, rng):
    """Protokollsutdrag from a regional board: a decision."""
    c = sp["org"]; st = styles(sp.get("font", "Serif"), sp.get("size", 10))
    rname = REGIONS[c][0]
    board = sp.get("board", "Regionstyrelsen")
    para = rng.randint(8, 260)
    dnr = f"RS {sp['date'][:4]}/{rng.randint(100, 1999)}"
    story = []
    hdr = [[Paragraph(f"<b>{rname}</b>", st["n"]), Paragraph("<b>PROTOKOLLSUTDRAG</b>", st["r"])],
           [Paragraph(board, st["n"]), Paragraph(f"Sammanträdesdatum<br/>{sp['date']}", st["r"])]]
    t = Table(hdr, colWidths=[90 * mm, 76 * mm]); t.setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black)]))
    story.append(t)
    story.append(Spacer(1, 10))
    year = sp["year"]
    story.append(Paragraph(f"§ {para}  Dnr {dnr}", st["b"]))
    title = {2023: "Fördelning av statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med hembesöksprogram 2023",
             2024: "Statsbidrag för utökade hembesöksprogram inom barnhälsovården 2024 – rekvisition och samverkan med kommunerna"}[year]
    story.append(Paragraph(title, st["h2"]))
    story.append(Paragraph("Beslut", st["b"]))
    amt_txt = sp["amount_text"]
    munis = sp.get("munis")
    mlabels = mixed_labels(munis, rng) if munis else None
    if year == 2023:
        story.append(Paragraph(f"{board} beslutar<br/><br/>att fördela statsbidraget ({amt_txt} {year}) för att stödja och "
                               "stimulera barnhälsovårdens förebyggande arbete med hembesök till centrala "
                               "barnhälsovårdsenheten,", st["n"]))
        if munis:
            story.append(Paragraph(f"att arbetet planeras i samverkan med {join_sv(mlabels)}, samt", st["n"]))
        story.append(Paragraph("att uppdra åt regiondirektören att återrapportera användningen av medlen.", st["n"]))
    elif sp.get("table"):
        story.append(Paragraph(f"{board} beslutar<br/><br/>att fördela statsbidraget om {amt_txt} för utökade "
                               f"hembesöksprogram inom barnhälsovården för bidragsåret {year} mellan regionens "
                               "barnhälsovård och kommunerna enligt tabellen nedan,", st["n"]))
        story.append(Paragraph(f"att arbetet bedrivs i samverkan med {join_sv(mlabels)}, samt", st["n"]))
        story.append(Paragraph("att paragrafen justeras omedelbart.", st["n"]))
    else:
        story.append(Paragraph(f"{board} beslutar<br/><br/>att rekvirera statsbidrag om {amt_txt} för utökade "
                               f"hembesöksprogram inom barnhälsovården för bidragsåret {year},", st["n"]))
        if sp.get("mlist") == "bullets":
            story.append(Paragraph("att arbetet ska bedrivas i samverkan med följande kommuner:", st["n"]))
            rows = [[Paragraph("– " + a, st["n"]), Paragraph("– " + b, st["n"]) if b else ""]
                    for a, b in zip(mlabels[0::2], mlabels[1::2] + [""] * (len(mlabels) % 2))]
            tt = Table(rows, colWidths=[70 * mm, 70 * mm], hAlign="LEFT")
            tt.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
            story.append(tt)
            story.append(Spacer(1, 4))
        else:
            story.append(Paragraph(f"att arbetet ska bedrivas i samverkan med {join_sv(mlabels)},", st["n"]))
    if year == 2024 and not sp.get("table"):
        if sp.get("share") is not None:
            story.append(Paragraph(f"att {sp['share']} procent av bidraget ska finansiera kommunal verksamhet, samt", st["n"]))
        story.append(Paragraph("att paragrafen justeras omedelbart.", st["n"]))
    story.append(Paragraph("Sammanfattning", st["b"]))
    summ = ("Socialstyrelsen har regeringens uppdrag att stödja och stimulera barnhälsovårdens arbete med "
            "hembesöksprogram. Statsbidraget får endast användas till utökade hembesök och planeringen ska ske "
            "i samverkan med andra centrala aktörer såsom socialtjänsten, tandvården, mödrahälsovården och "
            "förskolan. Fördelningen av bidraget mellan regionerna utgår från antalet barn 0–5 år, en tredjedel "
            "efter samtliga barn och två tredjedelar efter barn i områden av SCB:s områdestyp 1 och 2.")
    story.append(Paragraph(summ, st["n"]))
    story.append(Paragraph("Ärendebeskrivning", st["b"]))
    for _ in range(sp.get("filler", 2)):
        story.append(Paragraph(
            "Arbetet med utökade hembesök bedrivs av barnavårdscentralerna och samordnas av den centrala "
            "barnhälsovårdsenheten. Familjer erbjuds ytterligare hembesök under barnets första femton "
            "månader, där barnhälsovårdssjuksköterska och föräldrarådgivare från socialtjänsten gör besöken "
            "tillsammans. Uppföljning sker genom registrering av besöken och en gemensam årlig rapport. "
            "Förvaltningen bedömer att insatsen stärker förutsättningarna för en god och jämlik hälsa bland "
            "barn och bidrar till tidig upptäckt av behov av stöd.", st["n"]))
    if sp.get("table"):
        story.append(Paragraph("Fördelning av statsbidraget 2024", st["b"]))
        rows = [["Mottagare", "Belopp, kr"]] + [[a, kr(b)] for a, b in sp["table"]] + [["Summa", kr(sp["table_total"])]]
        story.append(grid_table(rows, [90 * mm, 40 * mm], st, align_right_cols=(1,), bold_last=True))
    story.append(Paragraph("Beslutsunderlag", st["b"]))
    story.append(Paragraph("Tjänsteskrivelse från hälso- och sjukvårdsförvaltningen<br/>"
                           "Socialstyrelsens anvisningar för statsbidraget", st["n"]))
    story.append(Paragraph("Expedieras till", st["b"]))
    story.append(Paragraph("Socialstyrelsen, Hälso- och sjukvårdsdirektören, Ekonomidirektören", st["n"]))
    story.append(Spacer(1, 14))
    sig = Table([["Justerandes signatur", "Utdragsbestyrkande"], ["", ""]], colWidths=[70 * mm, 70 * mm], rowHeights=[14, 26])
    sig.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, -1), st["font"], 7.5),
                             ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(KeepTogether([sig]))
    return build_pdf(story, [rname, board], ["Protokollsutdrag", "Sida {p}"],
                     f"{rname} · {ADDR[c][0]} · {ADDR[c][1]}", font=st["font"], top=28 * mm)


def doc_protokoll_muni(sp, rng):
    """Municipal board decision on bhv-pilot 2023."""
    c = sp["org"]; st = styles("Serif", 10)
    name = MUNI_ADDR[c][0].split(",")[0]
    story = [Paragraph(f"<b>{name}</b> – Socialnämnden", st["n"]),
             Paragraph(f"PROTOKOLLSUTDRAG  Sammanträdesdatum {sp['date']}", st["b"]), Spacer(1, 6),
             Paragraph(f"§ {rng.randint(20, 140)} Statsbidrag för pilotverksamhet i barnhälsovården 2023", st["h2"]),
             Paragraph(f"Socialnämnden beslutar att godkänna att nämnden tar emot {sp['amount_text']} i statsbidrag "
                       "för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden för år 2023, "
                       f"för verksamhet i {sp['area']}.", st["n"]),
             Paragraph("Ärendet", st["b"]),
             Paragraph("Kommunen ingår som ett av fyra pilotområden. Medlen används för föräldrarådgivare som "
                       "tillsammans med barnavårdscentralen gör hembesök hos familjer med nyfödda barn.", st["n"]),
             Spacer(1, 12), Paragraph("Justerandes signatur ............   Utdragsbestyrkande ............", st["s"])]
    return build_pdf(story, [name, "Socialnämnden"], ["Sida {p}"], f"{MUNI_ADDR[c][0]} · {MUNI_ADDR[c][1]}", font="Serif")


def doc_return_report(sp, rng):
    """Return report / ekonomisk redovisning. Styles: table2 (cost table over two pages),
    letter+account (covering letter, account on page 2), simple."""
    c = sp["org"]; st = styles(sp.get("font", "Sans"), sp.get("size", 10))
    prog, year = sp["program"], sp["year"]
    if prog == "bhv-pilot":
        oname, city, orgnr = MUNI_ADDR[c]
        oname = oname.split(",")[0]
        title = PILOT_TITLE
        hdr2 = "Socialförvaltningen"
    else:
        oname = REGIONS[c][0]; box, city, orgnr = ADDR[c]
        title = HB_TITLE[year]
        hdr2 = "Ekonomiavdelningen"
    person = rng.choice(PEOPLE)
    recv, used, unused = sp["received"], sp["used"], sp["unused"]
    items = sp.get("items")
    style = sp["style"]
    story = []

    def summary_table():
        rows = [["", "Belopp, kr"], ["Erhållet bidrag", kr(recv)], ["Förbrukade medel", kr(used)],
                ["Ej förbrukade medel (återbetalas)", kr(unused)]]
        return grid_table(rows, [100 * mm, 45 * mm], st, align_right_cols=(1,))

    def cost_table_pages(split):
        out = []
        data = [["Kostnadsslag", "Belopp, kr"]] + [[a, kr(b)] for a, b in items[:split]]
        out.append(Paragraph("Specifikation av förbrukade medel", st["h2"]))
        out.append(grid_table(data, [110 * mm, 45 * mm], st, align_right_cols=(1,), zebra=True))
        out.append(Paragraph("<i>Tabellen fortsätter på nästa sida</i>", st["s"]))
        out.append(PageBreak())
        out.append(Paragraph("Specifikation av förbrukade medel (forts.)", st["h2"]))
        data = [["Kostnadsslag", "Belopp, kr"]] + [[a, kr(b)] for a, b in items[split:]] + [["Summa förbrukade medel", kr(sp["items_total"])]]
        out.append(grid_table(data, [110 * mm, 45 * mm], st, align_right_cols=(1,), bold_last=True, zebra=True))
        return out

    if style == "table2":
        story.append(Paragraph(f"Datum: {sp['date']}", st["r"]))
        story.append(Paragraph("Återrapportering – ekonomisk redovisning", st["h1"]))
        story.append(Paragraph(title, st["b"]))
        story.append(Paragraph(f"Organisation: {oname} (org.nr {orgnr})<br/>Redovisningsperiod: {year}-01-01 – {year}-12-31<br/>"
                               f"Kontaktperson: {person}", st["n"]))
        story.append(Paragraph("Verksamheten har under året genomfört utökade hembesök i samverkan med "
                               "socialtjänsten. Nedan redovisas bidragets användning. Sammanställningen av erhållet, "
                               "förbrukat och ej förbrukat bidrag finns efter specifikationen.", st["n"]))
        split = sp.get("split", len(items) - 3)
        story += cost_table_pages(split)
        story.append(Spacer(1, 8))
        story.append(Paragraph("Sammanställning", st["h2"]))
        story.append(summary_table())
        story.append(Paragraph("Ej förbrukade medel återbetalas till Socialstyrelsen efter fakturering.", st["n"]))
        story += sign_block(st, sp["date"], rng.choice(PEOPLE), "Ekonomichef")
    elif style == "letter+account":
        story.append(Paragraph(f"Datum {sp['date']}", st["r"]))
        story.append(Paragraph("Socialstyrelsen<br/>Enheten för statsbidrag", st["n"]))
        story.append(Spacer(1, 8))
        story.append(Paragraph(f"Återrapportering av {title[0].lower() + title[1:]}", st["h2"]))
        extra = sp.get("letter_extra", "")
        story.append(Paragraph(f"{oname} lämnar härmed sin återrapportering av statsbidraget för år {year}. "
                               f"Den ekonomiska redovisningen bifogas som bilaga. {extra}"
                               "En verksamhetsberättelse skickas separat via Socialstyrelsens e-tjänst.", st["n"]))
        story.append(Paragraph("Med vänlig hälsning", st["n"]))
        story.append(Spacer(1, 14))
        story.append(Paragraph(f"{person}<br/>Controller", st["n"]))
        story.append(Spacer(1, 8))
        story.append(Paragraph("Bilaga: Ekonomisk redovisning", st["s"]))
        story.append(PageBreak())
        story.append(Paragraph("Bilaga – Ekonomisk redovisning", st["h1"]))
        story.append(Paragraph(title, st["b"]))
        story.append(Paragraph(f"Redovisande organisation: {oname}", st["n"]))
        if items:
            data = [["Kostnadsslag", "Belopp, kr"]] + [[a, kr(b)] for a, b in items] + [["Summa förbrukat", kr(sp["items_total"])]]
            story.append(grid_table(data, [110 * mm, 45 * mm], st, align_right_cols=(1,), bold_last=True))
            story.append(Spacer(1, 8))
        story.append(summary_table())
        story.append(Paragraph(f"Datum: {sp['date']}", st["n"]))
        story += sign_block(st, sp["date"], rng.choice(PEOPLE), "Ekonomidirektör")
    else:  # simple
        story.append(Paragraph("Ekonomisk redovisning", st["h1"]))
        story.append(Paragraph(title, st["b"]))
        story.append(Paragraph(f"{oname}<br/>Datum: {sp['date']}", st["n"]))
        story.append(Spacer(1, 6))
        if items:
            data = [["Kostnadsslag", "Belopp, kr"]] + [[a, kr(b)] for a, b in items] + [["Summa", kr(sp["items_total"])]]
            story.append(grid_table(data, [110 * mm, 45 * mm], st, align_right_cols=(1,), bold_last=True))
            story.append(Spacer(1, 8))
        story.append(summary_table())
        story.append(Paragraph("Redovisningen avser hela bidragsåret. Ej förbrukade medel återbetalas efter "
                               "faktura från Socialstyrelsen.", st["n"]))
        story += sign_block(st, sp["date"], rng.choice(PEOPLE), "Förvaltningschef")
    return build_pdf(story, [oname, hdr2], ["Återrapportering", "Sida {p}"], f"{oname} · {city} · Org.nr {orgnr}",
                     font=st["font"])


def doc_instruction(sp, rng):
    c = sp["org"]; st = styles("Sans", 10)
    rname = REGIONS[c][0]; year = sp["year"]
    story = [Paragraph(f"Rutin: {sp['title']}", st["h1"]),
             Paragraph(f"Gäller för: barnhälsovården i {REGIONS[c][1]}<br/>Fastställd: {sp['date']}<br/>"
                       f"Dokumentägare: {rng.choice(PEOPLE)}, centrala barnhälsovårdsenheten", st["n"]),
             Paragraph("Syfte", st["h2"]),
             Paragraph(f"Rutinen beskriver hur {rname} hanterar statsbidraget för utökade hembesöksprogram "
                       f"för bidragsåret {year}: planering, registrering av besök, ekonomisk uppföljning och "
                       "återrapportering till Socialstyrelsen.", st["n"]),
             Paragraph("Besöksprogram", st["h2"]),
             Paragraph("Utöver det ordinarie programmet erbjuds familjen hembesök när barnet är 1–2 veckor, "
                       "2 månader, 4 månader, 8 månader, 12 månader och 15 månader. Besöken görs gemensamt av "
                       "BVC-sjuksköterska och föräldrarådgivare från socialtjänsten.", st["n"]),
             Paragraph("Ersättning", st["h2"]),
             Paragraph("Vårdcentralen ersätts med 2 500 kr per gemensamt hembesök (KVÅ-kod ZV509) och 1 800 kr "
                       "per ordinarie utökat besök. Ersättningen betalas ut kvartalsvis efter registrering.", st["n"]),
             Paragraph("Uppföljning och redovisning", st["h2"]),
             Paragraph("Verksamheterna lämnar underlag för den ekonomiska redovisningen till centrala "
                       "barnhälsovårdsenheten senast den 31 januari året efter bidragsåret. Regionen "
                       "sammanställer och skickar återrapporteringen till Socialstyrelsen.", st["n"])]
    return build_pdf(story, [rname, "Centrala barnhälsovårdsenheten"], ["Rutin", "Sida {p}"],
                     f"{rname} · Version 1.{rng.randint(0, 4)}", font="Sans")


def doc_other(sp, rng):
    c = sp["org"]; st = styles("Sans", 10)
    rname = REGIONS[c][0]
    if sp["kind"] == "notes":
        story = [Paragraph("Minnesanteckningar", st["h1"]),
                 Paragraph(f"Nätverksträff om utökade hembesök 2024, {rname}<br/>Tid: {sp['date']} kl. 13.00–15.30, Teams", st["n"]),
                 Paragraph("Närvarande: samordnare för barnhälsovården, representanter för socialtjänsten och "
                           "förskolan i länets kommuner.", st["n"]),
                 Paragraph("Träffen ingår i arbetet som finansieras av statsbidraget för utökade "
                           "hembesöksprogram inom barnhälsovården 2024.", st["n"]),
                 Paragraph("1. Erfarenheter från hembesöken under våren", st["b"]),
                 Paragraph("Deltagarna berättade om hur de gemensamma besöken har tagits emot av familjerna. Tolk "
                           "har behövts vid ungefär hälften av besöken. Schemaläggningen mellan BVC och socialtjänst "
                           "upplevs fortfarande som svår.", st["n"]),
                 Paragraph("2. Utbildningsdag i höst", st["b"]),
                 Paragraph("En gemensam utbildningsdag planeras under hösten. Inbjudan skickas ut efter sommaren.", st["n"]),
                 Paragraph("3. Nästa träff", st["b"]),
                 Paragraph("Nästa nätverksträff hålls efter sommaren. Antecknat av samordnaren.", st["n"])]
    else:
        story = [Paragraph("Nyhetsbrev från barnhälsovården", st["h1"]),
                 Paragraph(f"Nummer 2 · {rname} · {sp['date']}", st["n"]),
                 Paragraph("Utökade hembesök växer", st["h2"]),
                 Paragraph("Under 2024 har fler familjer än någonsin fått utökade hembesök i länet. Nu finns "
                           "programmet på elva barnavårdscentraler. Läs intervjun med sjuksköterskan som har gjort "
                           "över hundra gemensamma besök tillsammans med socialtjänsten. Arbetet finansieras av "
                           "Socialstyrelsens statsbidrag för utökade hembesöksprogram 2024.", st["n"]),
                 Paragraph("Ny utbildning i språkutveckling", st["h2"]),
                 Paragraph("I höst erbjuds alla BVC-sjuksköterskor en digital kurs om barns tidiga "
                           "språkutveckling. Anmälan görs i lärplattformen.", st["n"]),
                 Paragraph("Kalendarium", st["h2"]),
                 Paragraph("Regional BHV-dag, nätverksträffar för samordnare och handledning i grupp varje månad.", st["n"])]
    return build_pdf(story, [rname, "Barnhälsovården"], ["Sida {p}"], rname, font="Sans")


BUILDERS = {"req_hb": doc_requisition_hb, "req_muni": doc_requisition_muni, "protokoll": doc_protokoll,
            "protokoll_muni": doc_protokoll_muni, "report": doc_return_report, "instruction": doc_instruction,
            "other": doc_other}


# ---------------------------------------------------------------- scanning
def render_pages(pdf_bytes, dpi):
    pdf = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72).to_pil().convert("L")
        out.append(img)
    return out


def stamp(img, text2, rng):
    """a received stamp, drawn in dark gray/red-ish."""
    rgb = img.convert("RGB")
    W, H = rgb.size
    s = W / 1240
    layer = Image.new("RGBA", (int(520 * s), int(190 * s)), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    f1 = ImageFont.truetype(str(FONTDIR / "DejaVuSans-Bold.ttf"), int(34 * s))
    f2 = ImageFont.truetype(str(FONTDIR / "DejaVuSans-Bold.ttf"), int(30 * s))
    col = (170, 30, 40, 200)
    d.rectangle([4, 4, layer.size[0] - 5, layer.size[1] - 5], outline=col, width=max(2, int(5 * s)))
    d.text((int(24 * s), int(20 * s)), "SOCIALSTYRELSEN", font=f1, fill=col)
    d.text((int(24 * s), int(70 * s)), "INKOM", font=f2, fill=col)
    d.text((int(24 * s), int(118 * s)), text2, font=f2, fill=col)
    layer = layer.rotate(rng.uniform(-8, 8), expand=True, resample=Image.BICUBIC)
    x = int(W * rng.uniform(0.55, 0.62)); y = int(H * rng.uniform(0.10, 0.14))
    rgb.paste(layer, (x, y), layer)
    return rgb


def degrade(img, prof, rng, nrng, first=True, received=None):
    """img: L mode page. prof: dict with keys faint, noise, skew, blur, rot, stamp, color, photo."""
    if prof.get("stamp") and first:
        img = stamp(img, received, rng)
    a = np.asarray(img.convert("RGB") if prof.get("color") else img.convert("L")).astype(np.float32)
    if prof.get("faint"):
        f = prof["faint"]           # 0.4..0.7: ink keeps this share of darkness
        a = 255 - (255 - a) * f
        a = a * rng.uniform(0.93, 0.98) + rng.uniform(4, 12)  # grey paper
    if prof.get("toner"):
        # streaks like a worn photocopier
        h, w = a.shape[:2]
        for _ in range(3):
            x0 = nrng.integers(0, w - 10)
            a[:, x0:x0 + nrng.integers(2, 6)] *= rng.uniform(0.88, 0.95)
    if prof.get("noise"):
        a = a + nrng.normal(0, prof["noise"], a.shape)
        # speckles
        h, w = a.shape[:2]
        n = int(h * w * 0.0004)
        ys, xs = nrng.integers(0, h, n), nrng.integers(0, w, n)
        a[ys, xs] = nrng.uniform(0, 120, n)[:, None] if a.ndim == 3 else nrng.uniform(0, 120, n)
    a = np.clip(a, 0, 255).astype(np.uint8)
    im = Image.fromarray(a)
    if prof.get("blur"):
        im = im.filter(ImageFilter.GaussianBlur(prof["blur"]))
    if prof.get("skew"):
        fill = 255 if im.mode == "L" else (255, 255, 255)
        im = im.rotate(prof["skew"] * rng.choice([-1, 1]) * rng.uniform(0.6, 1.0), resample=Image.BICUBIC,
                       fillcolor=fill, expand=False)
    if prof.get("photo"):
        im = phone_photo(im, rng, nrng)
    rot = prof.get("rot", 0)
    if isinstance(rot, (list, tuple)):
        rot = rot[0] if first else rot[1]
    if rot:
        im = im.rotate(rot, expand=True)
    return im


def phone_photo(im, rng, nrng):
    src = np.asarray(im.convert("RGB"))
    h, w = src.shape[:2]
    H, W = int(h * 1.12), int(w * 1.15)
    bg = np.zeros((H, W, 3), np.float32)
    bg[:] = (120, 100, 80)  # wooden table
    bg += nrng.normal(0, 6, bg.shape)
    m = 0.05
    dst = np.float32([[W * (m + rng.uniform(0, .03)), H * (m + rng.uniform(0, .02))],
                      [W * (1 - m - rng.uniform(0, .05)), H * (m + rng.uniform(0, .03))],
                      [W * (1 - m + rng.uniform(-.01, .01)), H * (1 - m - rng.uniform(0, .02))],
                      [W * (m - rng.uniform(0, .02)), H * (1 - m + rng.uniform(0, .01))]])
    srcq = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    M = cv2.getPerspectiveTransform(srcq, dst)
    warped = cv2.warpPerspective(src, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), M, (W, H))
    out = bg * (1 - mask[..., None]) + warped.astype(np.float32) * mask[..., None]
    # shadow gradient + warm light
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    shade = 1.0 - 0.28 * np.clip((xx / W - 0.55) * 1.6 + (yy / H - 0.3) * 0.6, 0, 1)
    out = out * shade[..., None] * np.float32([1.0, 0.97, 0.9])
    out += nrng.normal(0, 3, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def scan_to_file(pdf_bytes, prof, rng, nrng, received, outpath):
    dpi = prof.get("dpi", 200)
    pages = render_pages(pdf_bytes, dpi)
    jpgs = []
    imgs = []
    for i, p in enumerate(pages):
        im = degrade(p, prof, rng, nrng, first=(i == 0), received=received)
        imgs.append(im)
        b = io.BytesIO()
        im.save(b, "JPEG", quality=prof.get("q", 55), dpi=(dpi, dpi))
        jpgs.append(b.getvalue())
    ext = outpath.suffix.lower()
    if ext == ".pdf":
        outpath.write_bytes(img2pdf.convert(jpgs, nodate=True, engine=img2pdf.Engine.internal))
    elif ext == ".jpg":
        assert len(jpgs) == 1
        outpath.write_bytes(jpgs[0])
    elif ext == ".png":
        assert len(imgs) == 1
        im = imgs[0]
        # a PNG made from a JPEG-compressed phone/scan image
        im = Image.open(io.BytesIO(jpgs[0]))
        im.save(outpath, "PNG", dpi=(dpi, dpi))
    return len(pages)


# ---------------------------------------------------------------- corpus specification
def make_specs(rng):
    S = []

    def add(**kw):
        S.append(kw)

    def budget(total, n):
        names = rng.sample(COST_ITEMS_REG, n)
        return list(zip(names, split_amount(total, n, rng, 1000)))

    def costs(total, n, unit=100):
        names = rng.sample(COST_ITEMS_REG, n)
        return list(zip(names, split_amount(total, n, rng, unit)))

    def bad_items(total, n, delta):
        it = costs(total, n)
        k = rng.randrange(1, n)
        it[k] = (it[k][0], it[k][1] + delta)
        return it

    def pick(region, n, must=()):
        pool = [m for m in BY_REGION[region] if m not in must]
        return list(must) + rng.sample(pool, n - len(must))

    # ---------------- 2023: pilot requisitions
    add(b="req_muni", received="2023-04-17", date="2023-04-13", org="0127", kind="municipality",
        program="bhv-pilot", year=2023, requested=580000, area="Alby och Fittja", dtype="requisition",
        scan=None, want=[])
    add(b="req_muni", received="2023-05-08", date="2023-05-03", org="0180", kind="municipality",
        program="bhv-pilot", year=2023, requested=255000, area="Järva (Rinkeby)", dtype="requisition",
        scan=dict(faint=0.5, noise=6, skew=0.8, q=45), want=[])
    add(b="req_muni", received="2023-05-22", date="2023-05-17", org="1280", kind="municipality",
        program="bhv-pilot", year=2023, requested=620000, area="Rosengård", dtype="requisition",
        scan=None, want=["AMOUNT_EXCEEDS_ALLOCATION"])
    add(b="protokoll_muni", received="2023-06-07", date="2023-06-01", org="1480", kind="municipality",
        program="bhv-pilot", year=2023, amount_text="580 000 kronor", decided=580000, tol=0.5,
        area="Hjällbo och Hammarkullen", dtype="decision",
        scan=dict(noise=8, skew=1.0, q=50, stamp=True, color=True), want=[])
    add(b="req_muni", received="2023-06-20", date="2023-06-15", org="1480", kind="municipality",
        program="bhv-pilot", year=2023, requested=580000, area="Hjällbo och Hammarkullen", dtype="requisition",
        scan=dict(noise=5, skew=0.5, q=60, rot=90), want=["LATE_REQUISITION"])
    # ---------------- 2023: hembesok 2023
    add(b="instruction", received="2023-08-30", date="2023-08-28", org="24", kind="region", program="hembesok",
        year=2023, title="Utökade hembesök inom barnhälsovården – statsbidrag 2023", dtype="instruction",
        scan=None, want=[])
    add(b="protokoll", received="2023-09-19", date="2023-09-12", org="23", kind="region", program="hembesok", year=2023,
        amount_text="454 000 kronor", decided=454000, tol=0.5, dtype="decision",
        munis=["Östersund", "Strömsund", "Krokom"], scan=None, want=[])
    add(b="protokoll", received="2023-10-05", date="2023-09-28", org="20", kind="region", program="hembesok", year=2023,
        amount_text="1,2 miljoner kronor", decided=1200000, tol=50000, dtype="decision",
        scan=dict(faint=0.55, noise=7, skew=0.7, q=45, rot=180), want=[])
    add(b="req_hb", style="letter+form", received="2023-10-12", date="2023-10-09", org="07", kind="region",
        program="hembesok", year=2023, requested=812000, dtype="requisition", scan=None, want=[])
    add(b="protokoll", received="2023-10-24", date="2023-10-17", org="22", kind="region", program="hembesok", year=2023,
        amount_text="1 150 tkr", decided=1150000, tol=500, dtype="decision",
        munis=["Sundsvall", "Härnösand", "Timrå", "Örnsköldsvik", "Kramfors"],
        scan=dict(faint=0.45, noise=9, skew=1.2, q=40, toner=True), want=["DECISION_AMOUNT_MISMATCH"])
    bt = 2300000
    add(b="req_hb", style="prose+budget", received="2023-10-30", date="2023-10-26", org="05", kind="region",
        program="hembesok", year=2023, requested=2300000, budget=budget(bt, 11), budget_total=bt, split=8,
        dtype="requisition", scan=None, want=["AMOUNT_EXCEEDS_ALLOCATION"])
    add(b="req_hb", style="form", received="2023-11-06", date="2023-11-02", org="17", kind="region",
        program="hembesok", year=2023, requested=1045000, dtype="requisition",
        scan=dict(noise=7, skew=1.0, q=50, stamp=True), want=["LATE_REQUISITION"])
    sk = pick("12", 16, must=["Malmö", "Helsingborg", "Landskrona"])
    add(b="protokoll", received="2023-11-14", date="2023-11-07", org="12", kind="region", program="hembesok", year=2023,
        amount_text="6 120 000 kronor", decided=6120000, tol=0.5, dtype="decision", munis=sk, filler=3,
        scan=None, want=[])
    # ---------------- 2024
    nb = pick("25", 9, must=["Luleå", "Piteå", "Kiruna"])
    add(b="protokoll", received="2024-01-15", date="2024-01-09", org="25", kind="region", program="hembesok", year=2024,
        amount_text="2 115 000 kronor", decided=2115000, tol=0.5, share=40, dtype="decision", munis=nb,
        mlist="bullets", scan=dict(noise=6, skew=0.6, q=50, rot=90), want=[])
    it = costs(431200, 12)
    add(b="report", style="table2", received="2024-01-22", date="2024-01-18", org="23", kind="region", program="hembesok",
        year=2023, received_amt=454000, used=431200, unused=22800, items=it, items_total=431200, split=9,
        dtype="return_report", scan=None, want=[])
    add(b="req_hb", style="form", received="2024-01-29", date="2024-01-25", org="03", kind="region", program="hembesok",
        year=2024, requested=2610000, munis=["Uppsala", "Enköping", "Östhammar", "Tierp"], share=35,
        dtype="requisition", scan=None, want=[])
    add(b="protokoll", received="2024-01-31", date="2024-01-24", org="10", kind="region", program="hembesok", year=2024,
        amount_text="1 500 000 kronor", decided=1500000, tol=0.5, share=50, dtype="decision",
        munis=["Karlskrona", "Ronneby", "Karlshamn", "Sölvesborg", "Olofström"],
        scan=dict(faint=0.5, noise=8, skew=0.9, q=42), want=["DECISION_AMOUNT_MISMATCH"])
    vg = pick("14", 14, must=["Göteborg", "Borås", "Trollhättan", "Lilla Edet", "Mölndal"])
    add(b="req_hb", style="letter+form", received="2024-02-05", date="2024-02-01", org="14", kind="region",
        program="hembesok", year=2024, requested=13480000, munis=vg, share=40, longdate=False,
        dtype="requisition", scan=dict(faint=0.5, noise=6, skew=0.8, q=48, rot=(0, 180)), want=[])
    vm = ["Västerås", "Köping", "Sala", "Fagersta", "Arboga", "Hallstahammar", "Surahammar", "Kungsör",
          "Norberg", "Skinnskatteberg"]
    add(b="protokoll", received="2024-02-09", date="2024-02-06", org="19", kind="region", program="hembesok", year=2024,
        amount_text="2 760 tkr", decided=2760000, tol=500, dtype="decision", munis=vm, scan=None, want=[])
    add(b="req_muni", received="2024-02-12", date="2024-02-08", org="1980", kind="municipality", program="hembesok",
        year=2024, requested=400000, dtype="requisition",
        scan=dict(noise=6, skew=0.8, q=50, stamp=True), want=["WRONG_RECIPIENT_KIND"])
    dal = ["Borlänge", "Falun", "Ludvika", "Avesta", "Mora", "Malung-Sälen"]
    add(b="req_hb", style="form", received="2024-02-16", date="2024-02-14", org="20", kind="region", program="hembesok",
        year=2024, requested=2150000, munis=dal, share=None, mstyle="lines", dtype="requisition",
        scan=None, want=["MISSING_FIELD"])
    sk2 = pick("12", 15, must=["Malmö", "Helsingborg", "Kristianstad", "Lund"])
    bt = 13100000
    add(b="req_hb", style="prose+budget", received="2024-02-19", date="2024-02-15", org="12", kind="region",
        program="hembesok", year=2024, requested=13100000, munis=sk2, share=30, budget=budget(bt, 12),
        budget_total=bt, split=9, dtype="requisition", scan=None, want=["AMOUNT_EXCEEDS_ALLOCATION"])
    it = costs(768400, 6)
    add(b="report", style="letter+account", received="2024-02-23", date="2024-02-20", org="07", kind="region",
        program="hembesok", year=2023, received_amt=812000, used=768400, unused=43600, items=it, items_total=768400,
        dtype="return_report", scan=dict(noise=6, skew=0.7, q=50, rot=(0, 90)), want=[])
    add(b="req_hb", style="form", received="2024-02-27", date="2024-02-22", org="19", kind="region", program="hembesok",
        year=2024, requested=2760000, munis=["Västerås", "Köping", "Sala", "Fagersta"], share=25,
        dtype="requisition", scan=dict(noise=7, skew=0.6, q=48, rot=180), want=["SHARE_BELOW_MINIMUM"])
    add(b="report", style="simple", received="2024-02-29", date="2024-02-26", org="20", kind="region", program="hembesok",
        year=2023, received_amt=1180000, used=1043500, unused=163500, items=costs(1043500, 5), items_total=1043500,
        dtype="return_report", scan=None, want=["UNUSED_MISMATCH"])
    add(b="report", style="simple", received="2024-03-04", date="2024-02-29", org="22", kind="region", program="hembesok",
        year=2023, received_amt=960000, used=902700, unused=57300, items=costs(902700, 5), items_total=902700,
        dtype="return_report", scan=dict(faint=0.55, noise=7, skew=0.9, q=45, stamp=True), want=["LATE_REPORT"])
    add(b="req_hb", style="letter+form", received="2024-03-06", date="2024-03-04", org="13", kind="region",
        program="hembesok", year=2024, requested=3100000, munis=["Halmstad", "Varberg", "Falkenberg", "Kungsbacka"],
        share=50, dtype="requisition", scan=None, want=["NO_ALLOCATION"])
    orb = ["Örebro", "Karlskoga", "Kumla", "Hallsberg", "Lindesberg", "Degerfors", "Laxå"]
    add(b="req_hb", style="form", received="2024-03-08", date="2024-03-05", org="18", kind="region", program="hembesok",
        year=2024, requested=3460000, munis=orb, share=45, dtype="requisition", scan=None, want=["AMOUNT_EXCEEDS_ALLOCATION"])
    add(b="other", kind_="notes", received="2024-03-11", date="2024-03-07", org="21", kind="region", program="hembesok",
        year=2024, dtype="other", scan=None, want=["UNKNOWN_DOCUMENT_TYPE"])
    gav = ["Gävle", "Sandviken", "Hudiksvall", "Bollnäs", "Ljusdal", "Söderhamn", "Ovanåker"]
    add(b="req_hb", style="letter+form", received="2024-03-13", date="2024-03-11", org="21", kind="region",
        program="hembesok", year=2024, requested=2390000, munis=gav, share=30, longdate=True, dtype="requisition",
        scan=None, want=[])
    add(b="req_hb", style="form", received="2024-03-15", date="2024-03-14", org="20", kind="region", program="hembesok",
        year=2024, requested=2150000, munis=dal, share=35, mstyle="lines", dtype="requisition",
        scan=None, want=["DUPLICATE_REQUISITION"])
    sto = pick("01", 13, must=["Stockholm", "Botkyrka", "Södertälje", "Sundbyberg", "Solna", "Upplands Väsby", "Huddinge"])
    bt = 14210000
    add(b="req_hb", style="prose+budget", received="2024-03-18", date="2024-03-14", org="01", kind="region",
        program="hembesok", year=2024, requested=14210000, munis=sto, share=50, budget=budget(bt, 11),
        budget_total=bt, split=8, dtype="requisition", scan=None, want=[])
    add(b="req_hb", style="form", received="2024-03-20", date="2024-03-18", org="06", kind="region", program="hembesok",
        year=2024, requested=3020000, munis=None, share=40, dtype="requisition", ext=".jpg",
        scan=dict(photo=True, q=70, dpi=150, color=True), want=["MISSING_FIELD"])
    kal = ["Kalmar", "Nybro", "Oskarshamn", "Västervik", "Emmaboda", "Hultsfred", "Vimmerby", "Mönsterås",
           "Mörbylånga", "Torsås"]
    add(b="protokoll", received="2024-03-25", date="2024-03-19", org="08", kind="region", program="hembesok", year=2024,
        amount_text="1,9 miljoner kronor", decided=1900000, tol=50000, share=35, dtype="decision", munis=kal,
        scan=dict(faint=0.42, noise=8, skew=1.0, q=40, toner=True), want=[])
    add(b="req_hb", style="form", received="2024-03-27", date="2024-03-22", org="08", kind="region", program="hembesok",
        year=2024, requested=1870000, munis=["Kalmar", "Nybro", "Oskarshamn", "Västervik"], share=35,
        dtype="requisition", ext=".png", scan=dict(noise=5, skew=0.6, q=60, dpi=170), want=[])
    vn = ["Sundsvall", "Härnösand", "Timrå", "Örnsköldsvik", "Kramfors", "Sollefteå", "Ånge"]
    add(b="req_hb", style="form", received="2024-04-03", date="2024-04-02", org="22", kind="region", program="hembesok",
        year=2024, requested=1880000, munis=vn, share=40, dtype="requisition", scan=None, want=[])
    add(b="req_hb", style="letter+form", received="2024-04-09", date="2024-04-08", org="17", kind="region",
        program="hembesok", year=2024, requested=2035000, munis=["Karlstad", "Kristinehamn", "Arvika", "Säffle", "Hagfors"],
        share=40, longdate=True, dtype="requisition", scan=dict(noise=6, skew=0.7, q=50, rot=(90, 90)),
        want=["LATE_REQUISITION"])
    add(b="report", style="letter+account", received="2024-04-15", date="2024-04-11", org="0127", kind="municipality",
        program="bhv-pilot", year=2023, received_amt=580000, used=561300, unused=18700, items=costs(561300, 4),
        items_total=561300, dtype="return_report", scan=None, want=[])
    add(b="report", style="simple", received="2024-04-26", date="2024-04-24", org="0180", kind="municipality",
        program="bhv-pilot", year=2023, received_amt=255000, used=255000, unused=0, items=None,
        dtype="return_report", scan=dict(faint=0.5, noise=7, skew=1.0, q=45), want=[])
    add(b="report", style="simple", received="2024-05-13", date="2024-05-08", org="1280", kind="municipality",
        program="bhv-pilot", year=2023, received_amt=580000, used=544900, unused=35100, items=costs(544900, 4),
        items_total=544900, dtype="return_report", scan=None, want=["LATE_REPORT"])
    add(b="instruction", received="2024-06-10", date="2024-06-04", org="01", kind="region", program="hembesok",
        year=2024, title="Utökade hembesöksprogram 2024 – planering, uppföljning och redovisning", dtype="instruction",
        scan=None, want=[])
    upp = ["Uppsala", "Enköping", "Östhammar", "Tierp"]
    shares = [1696500, 456800, 182700, 137000, 137000]
    add(b="protokoll", received="2024-09-16", date="2024-09-10", org="03", kind="region", program="hembesok",
        year=2024, amount_text="2 610 000 kronor", decided=2610000, tol=0.5, dtype="decision", munis=upp,
        table=list(zip(["Region Uppsala, barnhälsovården"] + [kommun_form(m) for m in upp], shares)), table_total=2610000, scan=None, want=[])
    add(b="other", kind_="newsletter", received="2024-10-02", date="2024-09-30", org="24", kind="region",
        program="hembesok", year=2024, dtype="other", scan=None, want=["UNKNOWN_DOCUMENT_TYPE"])
    # ---------------- 2025: reports on 2024
    it = costs(2481300, 14)
    add(b="report", style="table2", received="2025-01-20", date="2025-01-16", org="03", kind="region", program="hembesok",
        year=2024, received_amt=2610000, used=2481300, unused=128700, items=it, items_total=2481300, split=11,
        dtype="return_report", scan=None, want=[], dup_src=True)
    it = costs(3190000, 13)
    it_bad = list(it); it_bad[4] = (it_bad[4][0], it_bad[4][1] + 25000)
    add(b="report", style="table2", received="2025-01-28", date="2025-01-23", org="18", kind="region", program="hembesok",
        year=2024, received_amt=3406000, used=3190000, unused=216000, items=it_bad, items_total=3190000, split=10,
        dtype="return_report", scan=dict(noise=6, skew=0.7, q=50, rot=(0, 180)), want=["SUM_MISMATCH"])
    add(b="report", style="letter+account", received="2025-02-03", date="2025-01-30", org="14", kind="region",
        program="hembesok", year=2024, received_amt=14500000, used=14012600, unused=487400,
        items=costs(14012600, 8), items_total=14012600,
        letter_extra="Erhållet bidrag omfattar även 1 020 000 kronor av de kvarvarande medel som fördelades i juni 2024. ",
        dtype="return_report", scan=None, want=["AMOUNT_EXCEEDS_ALLOCATION"])
    add(b="report", style="table2", received="2025-02-06", date="2025-02-04", org="12", kind="region", program="hembesok",
        year=2024, received_amt=12940000, used=13025400, unused=0, items=costs(13025400, 13), items_total=13025400,
        split=10, dtype="return_report", scan=dict(faint=0.5, noise=7, skew=0.8, q=45), want=["USED_EXCEEDS_RECEIVED"])
    add(b="report", style="table2", received="2025-02-10", date="2025-02-07", org="01", kind="region", program="hembesok",
        year=2024, received_amt=14210000, used=12876500, unused=1233500, items=costs(12876500, 14),
        items_total=12876500, split=11, dtype="return_report", scan=None, want=["UNUSED_MISMATCH"])
    add(b="DUP", received="2025-02-14", want=["DUPLICATE_DOCUMENT"])
    it = costs(2245800, 12)
    add(b="report", style="table2", received="2025-02-18", date="2025-02-13", org="21", kind="region", program="hembesok",
        year=2024, received_amt=2390000, used=2245800, unused=144200, items=it, items_total=2245800, split=9,
        dtype="return_report", scan=dict(noise=6, skew=0.6, q=50, rot=(0, 90)), want=[])
    add(b="report", style="simple", received="2025-02-24", date="2025-02-21", org="25", kind="region", program="hembesok",
        year=2024, received_amt=2115000, used=2115000, unused=0, items=costs(2115000, 6), items_total=2115000,
        dtype="return_report", ext=".jpg", scan=dict(photo=True, q=72, dpi=150, color=True), want=[])
    add(b="report", style="letter+account", received="2025-02-27", date="2025-02-25", org="05", kind="region",
        program="hembesok", year=2024, received_amt=4480000, used=4391200, unused=88800,
        items=bad_items(4391200, 7, -12000), items_total=4391200, dtype="return_report", scan=None, want=["SUM_MISMATCH"])
    add(b="report", style="letter+account", received="2025-03-03", date="2025-02-27", org="08", kind="region",
        program="hembesok", year=2024, received_amt=1870000, used=1702300, unused=167700,
        items=costs(1702300, 6), items_total=1702300, dtype="return_report",
        scan=dict(faint=0.5, noise=8, skew=0.9, q=45, stamp=True), want=["LATE_REPORT"])
    return S


# ---------------------------------------------------------------- flags by the contract's rules
def tolerance_ok(decided, alloc, tol):
    return abs(decided - alloc) <= tol


def compute_flags(docs):
    seen_sha = set()
    reqs = []   # (org, prog, year, requested)
    out = []
    for d in docs:
        e = d["expect"]; fl = []
        if d["sha"] in seen_sha:
            fl.append("DUPLICATE_DOCUMENT")
        seen_sha.add(d["sha"])
        t = e["document_type"]
        if t == "other":
            fl.append("UNKNOWN_DOCUMENT_TYPE")
        prog, year = e.get("program"), e.get("grant_year")
        org = e.get("organisation")
        P = PROGRAMS.get((prog, year))
        if P is None:
            fl.append("UNKNOWN_PROGRAM")
        key = (org["code"], prog, year)
        am = e.get("amounts", {})
        wrong_kind = (t == "requisition" and P and org["kind"] not in P["kinds"])
        if wrong_kind:
            fl.append("WRONG_RECIPIENT_KIND")
        al = allocation(prog, year, org["code"]) if t in ("requisition", "return_report", "decision") else None
        if t in ("requisition", "return_report", "decision") and al is None and not wrong_kind:
            fl.append("NO_ALLOCATION")
        if t == "requisition":
            if al and am.get("requested", 0) > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if any(r[:3] == key for r in reqs):
                fl.append("DUPLICATE_REQUISITION")
            reqs.append(key + (am.get("requested", 0),))
            tot = sum(r[3] for r in reqs if r[1:3] == (prog, year))
            if P and tot > P["pool"]:
                fl.append("POOL_EXCEEDED")
            if P and d["received"] > P["req_deadline"]:
                fl.append("LATE_REQUISITION")
            if al and al[1] and e.get("municipal_share_percent") is not None and e["municipal_share_percent"] < al[1]:
                fl.append("SHARE_BELOW_MINIMUM")
            if not wrong_kind:
                miss = "requested" not in am
                if org["kind"] == "region" and prog == "hembesok" and year >= 2024:
                    miss |= not e.get("collaborating_municipalities") or e.get("municipal_share_percent") is None
                if miss:
                    fl.append("MISSING_FIELD")
        if t == "return_report":
            if al and am["received"] > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if P and d["received"] > P["rep_deadline"]:
                fl.append("LATE_REPORT")
            if am["used"] > am["received"]:
                fl.append("USED_EXCEEDS_RECEIVED")
            elif abs((am["received"] - am["used"]) - am.get("unused", am["received"] - am["used"])) > 1:
                fl.append("UNUSED_MISMATCH")
        if t == "decision":
            if al and not tolerance_ok(am["decided"], al[0], d["tol"]):
                fl.append("DECISION_AMOUNT_MISMATCH")
        if d.get("sum_mismatch"):
            fl.append("SUM_MISMATCH")
        out.append(sorted(set(fl)))
    return out


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=55)
    a = ap.parse_args()
    out = Path(a.outdir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(a.seed)
    specs = make_specs(rng)
    docs = []
    last = None
    for i, sp in enumerate(specs):
        idx = i + 1
        if sp["b"] == "DUP":
            src = [d for d in docs if d.get("dup_src")][0]
            fname = f"C5_{idx:02d}{Path(src['file']).suffix}"
            shutil.copyfile(out / src["file"], out / fname)
            docs.append(dict(file=fname, scanned=src["scanned"], received=sp["received"], expect=src["expect"],
                             sha=src["sha"], tol=src.get("tol"), sum_mismatch=src.get("sum_mismatch"),
                             want=sp["want"], pages=src["pages"], desc="duplicate of " + src["file"]))
            continue
        drng = random.Random(a.seed * 1000 + idx)
        nrng = np.random.default_rng(a.seed * 1000 + idx)
        if sp["b"] == "other":
            sp["kind"] = sp.pop("kind_")
            kind = "region"
        else:
            kind = sp["kind"]
        if "received_amt" in sp:
            sp["received"], sp["received_day"] = sp["received_amt"], sp["received"]
        recv_day = sp.get("received_day", sp["received"])
        pdf = BUILDERS[sp["b"]](sp, drng)
        scanned = sp.get("scan") is not None
        ext = sp.get("ext", ".pdf")
        fname = f"C5_{idx:02d}{ext}"
        if scanned:
            pages = scan_to_file(pdf, sp["scan"], drng, nrng, recv_day, out / fname)
        else:
            (out / fname).write_bytes(pdf)
            pages = n_pages(pdf)
        # expected values
        e = {"document_type": sp["dtype"], "program": sp["program"], "grant_year": sp["year"],
             "organisation": {"kind": kind, "code": sp["org"]}}
        am = {}
        if sp["dtype"] == "requisition":
            am["requested"] = sp["requested"]
        elif sp["dtype"] == "return_report":
            am = {"received": sp["received"], "used": sp["used"], "unused": sp["unused"]}
        elif sp["dtype"] == "decision":
            am = {"decided": sp["decided"]}
        if am:
            e["amounts"] = am
        e["document_date"] = sp["date"]
        if sp.get("munis") and sp["dtype"] != "other":
            e["collaborating_municipalities"] = sorted(MUNIS[m] for m in sp["munis"])
            for m in sp["munis"]:
                assert MUNI_REGION[MUNIS[m]] == sp["org"], (m, sp["org"])
        if sp.get("share") is not None:
            e["municipal_share_percent"] = sp["share"]
        summ = False
        if sp.get("items"):
            summ = sum(b for _, b in sp["items"]) != sp["items_total"]
        if sp.get("budget"):
            summ = summ or sum(b for _, b in sp["budget"]) != sp["budget_total"]
        if sp.get("table"):
            summ = summ or sum(b for _, b in sp["table"]) != sp["table_total"]
        if sp["dtype"] == "return_report" and sp.get("items"):
            assert sp["items_total"] == sp["used"]
        if sp.get("budget"):
            assert sp["budget_total"] == sp["requested"]
        assert sp["date"] <= recv_day
        sha = hashlib.sha256((out / fname).read_bytes()).hexdigest()
        docs.append(dict(file=fname, scanned=scanned, received=recv_day, expect=e, sha=sha, tol=sp.get("tol"),
                         sum_mismatch=summ, want=sp["want"], pages=pages, dup_src=sp.get("dup_src"),
                         desc=f"{sp['b']}/{sp.get('style', sp.get('kind', ''))}"))
        assert last is None or recv_day >= last, (fname, recv_day, last)
        last = recv_day
    flags = compute_flags(docs)
    for d, f in zip(docs, flags):
        assert f == sorted(d["want"]), (d["file"], f, d["want"])
        d["flags"] = f
    truth = [{"file": d["file"], "scanned": d["scanned"], "received": d["received"], "expect": d["expect"],
              "flags": d["flags"]} for d in docs]
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(out / "allocations.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
        for r in alloc_rows():
            w.writerow(r)
    # a small manifest for people
    with open(out / "MANIFEST.txt", "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(f"{d['file']}\t{d['received']}\t{'scan' if d['scanned'] else 'text'}\t{d['pages']}p\t"
                     f"{d['expect']['document_type']}\t{d['desc']}\t{','.join(d['flags'])}\n")
    n = len(docs); ns = sum(d["scanned"] for d in docs); nf = sum(1 for d in docs if not d["flags"])
    print(f"{n} documents, {ns} scanned ({ns / n:.0%}), {nf} without flags ({nf / n:.0%})")


if __name__ == "__main__":
    main()
