#!/usr/bin/env python3
"""C14 blind corpus: Swedish grant documents full of numbers that are not the grant's.

usage: genC14.py OUTDIR [--seed 1414] [--shared /work/shared]

Writes OUTDIR/NN_*.pdf|jpg|png in arrival order, OUTDIR/truth.json, OUTDIR/allocations.csv.
Deterministic for a given seed; writes nothing outside OUTDIR.
"""
import argparse, csv, io, json, math, os, random, datetime as dt
from pathlib import Path

from reportlab import rl_config
rl_config.invariant = 1
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import (SimpleDocTemplate, Spacer, Table, TableStyle,
                                PageBreak, KeepTogether)
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas as rlcanvas

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import cv2
import pypdfium2 as pdfium
import img2pdf

FONTDIR = "/usr/share/fonts/truetype"
import re


def Paragraph(text, style):
    # keep numbers whole: a thousands space never breaks a line
    return _Paragraph(re.sub(r"(?<=\d) (?=\d)", "\u00a0", text), style)


def find_font(name):
    for root, _, files in os.walk(FONTDIR):
        if name in files:
            return os.path.join(root, name)
    raise FileNotFoundError(name)


FAMILIES = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
}
for fam, (r, b) in FAMILIES.items():
    pdfmetrics.registerFont(TTFont(fam, find_font(r)))
    pdfmetrics.registerFont(TTFont(fam + "-B", find_font(b)))

# ----------------------------------------------------------------------------- helpers


def kr(n):
    """1234567 -> '1 234 567'"""
    s = f"{int(round(n)):,}".replace(",", " ")
    return s


def dec(x, nd=1):
    return f"{x:.{nd}f}".replace(".", ",")


def d(s):
    return dt.date.fromisoformat(s)


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


def long_date(s):
    x = d(s)
    return f"{x.day} {MONTHS[x.month - 1]} {x.year}"


def plus(s, days):
    return (d(s) + dt.timedelta(days=days)).isoformat()


# ----------------------------------------------------------------------------- reference data

def load_ref(shared):
    regions, munis = {}, {}
    with open(Path(shared) / "data" / "scb_regions.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            regions[r["region_code"]] = r
    with open(Path(shared) / "data" / "scb_municipalities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            munis[r["municipality_name"]] = r
    return regions, munis


SPECIAL_KOMMUN = {"Stockholm": "Stockholms stad", "Göteborg": "Göteborgs Stad", "Malmö": "Malmö stad",
                  "Helsingborg": "Helsingborgs stad", "Landskrona": "Landskrona stad"}


def kommun(name):
    if name in SPECIAL_KOMMUN:
        return SPECIAL_KOMMUN[name]
    if name[-1] in "aeiouyåäö":
        return name + " kommun"
    if name[-1] == "s":
        return name + " kommun"
    return name + "s kommun"


REGION_SEAT = {"01": "Stockholm", "03": "Uppsala", "04": "Nyköping", "05": "Linköping", "06": "Jönköping",
               "07": "Växjö", "08": "Kalmar", "09": "Visby", "10": "Karlskrona", "12": "Kristianstad",
               "13": "Halmstad", "14": "Vänersborg", "17": "Karlstad", "18": "Örebro", "19": "Västerås",
               "20": "Falun", "21": "Gävle", "22": "Härnösand", "23": "Östersund", "24": "Umeå", "25": "Luleå"}

# allocations (own figures; 2024 rows sum below the 82 000 000 kr pool, 2023 below 42 000 000 kr)
ALLOC_2024 = {"01": 13950000, "03": 2610000, "04": 520000, "05": 4778000, "06": 4420000,
              "07": 3080000, "08": 3360000, "09": 790000, "10": 3940000, "12": 10240000,
              "13": 1150000, "14": 12980000, "17": 2170000, "18": 3520000, "19": 3150000,
              "20": 1260000, "21": 1410000, "22": 1050000, "23": 540000, "24": 2690000,
              "25": 4380000}
MIN_2024 = {"03": 25, "05": 25, "25": 30, "10": 30}
ALLOC_2023 = {"01": 5210000, "03": 1640000, "04": 1480000, "05": 1930000, "06": 1120000,
              "07": 1790000, "08": 975000, "09": 1750000, "10": 1860000, "12": 6120000,
              "14": 5520000, "17": 2640000, "18": 1349000, "19": 1410000, "20": 1690000,
              "21": 980000, "22": 1530000, "23": 412000, "24": 634000, "25": 1560000}
# Region Halland (13) deliberately has no 2023 row.
ALLOC_PILOT = {"Botkyrka": (580000, 45), "Malmö": (580000, 45), "Göteborg": (580000, 45),
               "Stockholm": (255000, 40)}
POOLS = {("hembesok", 2023): 42000000, ("hembesok", 2024): 82000000, ("bhv-pilot", 2023): 4500000}
REQ_DEADLINE = {("hembesok", 2023): "2023-10-31", ("hembesok", 2024): "2024-04-05",
                ("bhv-pilot", 2023): "2023-06-16"}
REP_DEADLINE = {("hembesok", 2023): "2024-03-01", ("hembesok", 2024): "2025-03-01",
                ("bhv-pilot", 2023): "2024-05-03"}

PROG_TITLE = {
    "hembesok": "statsbidrag för utökade hembesöksprogram inom barnhälsovården",
    "bhv-pilot": "statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden",
}

# ----------------------------------------------------------------------------- document specs
# Every case: id, kind (req/rep/dec), program, year, org (region code or municipality name),
# received, scan style (None = text PDF), plus parameters. Flags are computed, not written here.

CASES = [
    # ---- bhv-pilot 2023 requisitions and a municipal decision
    dict(kind="req", prog="bhv-pilot", year=2023, muni="Botkyrka", rec="2023-05-08", scan=None,
         req=580000, style="letter", font="serif"),
    dict(kind="req", prog="bhv-pilot", year=2023, muni="Malmö", rec="2023-05-22", scan="office",
         req=580000, style="form", font="sans"),
    dict(kind="dec", prog="bhv-pilot", year=2023, muni="Göteborg", rec="2023-06-05", scan=None,
         dec_text="580 000 kronor", dec_val=580000, font="serif"),
    dict(kind="req", prog="bhv-pilot", year=2023, muni="Uppsala", rec="2023-06-12", scan=None,
         req=410000, style="letter", font="cond"),
    dict(kind="req", prog="bhv-pilot", year=2023, muni="Göteborg", rec="2023-06-16", scan="faint",
         req=595000, style="letter", font="sans"),
    dict(kind="req", prog="bhv-pilot", year=2023, muni="Stockholm", rec="2023-06-19", scan=None,
         req=255000, style="form", font="cond"),
    # ---- hembesok 2023: requisitions and regional decisions
    dict(kind="dec", prog="hembesok", year=2023, region="23", rec="2023-09-12", scan=None,
         dec_text="412 tkr", dec_val=412000, font="sans"),
    dict(kind="req", prog="hembesok", year=2023, region="20", rec="2023-09-19", scan=None,
         req=1690000, style="letter", font="serif"),
    dict(kind="req", prog="hembesok", year=2023, region="13", rec="2023-09-26", scan="office",
         req=1150000, style="form", font="sans"),
    dict(kind="dec", prog="hembesok", year=2023, region="18", rec="2023-10-03", scan="office",
         dec_text="1,3 miljoner kronor", dec_val=1300000, font="serif"),
    dict(kind="req", prog="hembesok", year=2023, muni="Eskilstuna", rec="2023-10-06", scan=None,
         req=320000, style="letter", font="sans"),
    dict(kind="req", prog="hembesok", year=2023, region="14", rec="2023-10-10", scan=None,
         req=5800000, style="form", font="cond"),
    dict(kind="dec", prog="hembesok", year=2023, region="09", rec="2023-10-17", scan=None,
         dec_text="2,1 miljoner kronor", dec_val=2100000, font="sans"),
    dict(kind="req", prog="hembesok", year=2023, region="07", rec="2023-10-24", scan="jpg",
         req=1790000, style="form", font="sans", onepage=True),
    dict(kind="req", prog="hembesok", year=2023, region="12", rec="2023-10-31", scan=None,
         req=6120000, style="letter", font="serif"),
    dict(kind="req", prog="hembesok", year=2023, region="17", rec="2023-11-03", scan="photo",
         req=2640000, style="letter", font="sans", onepage=True),
    dict(kind="dec", prog="hembesok", year=2023, region="08", rec="2023-11-14", scan=None,
         dec_text="975 000 kr", dec_val=975000, font="cond", dupe_of_me="2023-11-28"),
    dict(kind="dec", prog="hembesok", year=2023, region="24", rec="2023-11-21", scan="office",
         dec_text="712 tkr", dec_val=712000, font="serif"),
    # ---- hembesok 2023 return reports
    dict(kind="rep", prog="hembesok", year=2023, region="20", rec="2024-01-15", scan=None,
         received=1690000, used=1512400, font="serif"),
    dict(kind="rep", prog="hembesok", year=2023, region="18", rec="2024-01-24", scan="office",
         received=1349000, used=1298700, font="sans"),
    dict(kind="rep", prog="hembesok", year=2023, region="14", rec="2024-02-02", scan=None,
         received=5520000, used=5611300, unused=0, font="cond"),
    # ---- hembesok 2024 requisitions (interleaved with 2023 reports by arrival)
    dict(kind="req", prog="hembesok", year=2024, region="05", rec="2024-02-07", scan=None,
         req=4100000, collab=["Norrköping", "Motala"], share=30, style="letter", font="serif"),
    dict(kind="rep", prog="hembesok", year=2023, region="07", rec="2024-02-09", scan="faint",
         received=1790000, used=1634500, unused=165500, font="sans"),
    dict(kind="req", prog="hembesok", year=2024, muni="Linköping", rec="2024-02-14", scan="office",
         req=350000, style="letter", font="sans"),
    dict(kind="rep", prog="hembesok", year=2023, region="12", rec="2024-02-16", scan=None,
         received=6120000, used=5870000, sum_off=42000, font="serif"),
    dict(kind="req", prog="hembesok", year=2024, region="03", rec="2024-02-21", scan=None,
         req=2610000, collab=["Uppsala", "Enköping"], share=20, style="form", font="sans"),
    dict(kind="req", prog="hembesok", year=2024, region="06", rec="2024-02-28", scan="photo",
         req=4420000, collab=["Jönköping", "Värnamo"], share=40, style="letter", font="cond"),
    dict(kind="rep", prog="hembesok", year=2023, region="17", rec="2024-03-01", scan="office",
         received=2640000, used=2418250, font="cond"),
    dict(kind="rep", prog="hembesok", year=2023, region="23", rec="2024-03-05", scan=None,
         received=412000, used=398600, font="sans"),
    dict(kind="req", prog="hembesok", year=2024, region="01", rec="2024-03-06", scan=None,
         req=14200000, collab=["Botkyrka", "Södertälje", "Järfälla"], share=35, style="letter",
         font="sans"),
    dict(kind="req", prog="hembesok", year=2024, region="12", rec="2024-03-12", scan=None,
         req=9800000, collab=["Malmö", "Landskrona", "Helsingborg"], share=None, style="letter",
         font="serif"),
    dict(kind="req", prog="hembesok", year=2024, region="21", rec="2024-03-15", scan="png",
         req=1410000, collab=["Gävle", "Sandviken"], share=35, style="form", font="sans",
         onepage=True),
    dict(kind="req", prog="hembesok", year=2024, region="19", rec="2024-03-19", scan="office",
         req=3150000, collab=None, share=50, style="letter", font="serif"),
    dict(kind="req", prog="hembesok", year=2024, region="05", rec="2024-03-22", scan=None,
         req=300000, collab=["Norrköping", "Motala"], share=30, style="form", font="cond",
         second=True),
    dict(kind="req", prog="hembesok", year=2024, region="25", rec="2024-03-27", scan=None,
         req=4380000, collab=["Luleå", "Piteå", "Boden"], share=25, style="letter", font="cond"),
    dict(kind="req", prog="hembesok", year=2024, region="10", rec="2024-04-05", scan="faint",
         req=3940000, collab=["Karlskrona", "Ronneby"], share=45, style="form", font="serif"),
    dict(kind="req", prog="hembesok", year=2024, region="20", rec="2024-04-09", scan=None,
         req=1260000, collab=["Borlänge"], share=40, style="form", font="sans"),
    dict(kind="dec", prog="hembesok", year=2024, region="22", rec="2024-04-16", scan=None,
         dec_text="1 050 000 kr", dec_val=1050000, font="serif"),
    # ---- bhv-pilot 2023 return reports
    dict(kind="rep", prog="bhv-pilot", year=2023, muni="Botkyrka", rec="2024-04-23", scan=None,
         received=580000, used=561200, font="serif"),
    dict(kind="rep", prog="bhv-pilot", year=2023, muni="Stockholm", rec="2024-04-30", scan=None,
         received=280000, used=254300, font="cond"),
    dict(kind="rep", prog="bhv-pilot", year=2023, muni="Malmö", rec="2024-05-03", scan="office",
         received=580000, used=580000, font="sans"),
    dict(kind="rep", prog="bhv-pilot", year=2023, muni="Göteborg", rec="2024-05-08", scan=None,
         received=580000, used=566900, font="sans"),
    dict(kind="dec", prog="hembesok", year=2024, region="04", rec="2024-05-14", scan="faint",
         dec_text="0,5 miljoner kronor", dec_val=500000, font="sans"),
    # ---- hembesok 2024 return reports
    dict(kind="rep", prog="hembesok", year=2024, region="05", rec="2025-01-14", scan=None,
         received=4400000, used=4123700, font="serif", dupe_of_me="2025-02-25"),
    dict(kind="rep", prog="hembesok", year=2024, region="25", rec="2025-01-21", scan="office",
         received=4612000, used=4395800, font="cond", leftover=232000, rot=True),
    dict(kind="rep", prog="hembesok", year=2024, region="03", rec="2025-01-28", scan="photo",
         received=2610000, used=2489100, font="sans"),
    dict(kind="rep", prog="hembesok", year=2024, region="06", rec="2025-02-04", scan=None,
         received=4420000, used=4012600, unused=470400, font="sans"),
    dict(kind="rep", prog="hembesok", year=2024, region="01", rec="2025-02-11", scan="office",
         received=13950000, used=13104000, sum_off=-65000, font="serif"),
    dict(kind="rep", prog="hembesok", year=2024, region="21", rec="2025-02-18", scan=None,
         received=1410000, used=1436200, unused=0, font="cond"),
    dict(kind="rep", prog="hembesok", year=2024, region="10", rec="2025-03-04", scan="faint",
         received=3940000, used=3702500, font="serif"),
]

# ----------------------------------------------------------------------------- styles


def styles(font, compact=False):
    base = ParagraphStyle("b", fontName=font, fontSize=9 if compact else 10,
                          leading=11.5 if compact else 13.5, spaceAfter=3 if compact else 5)
    return {
        "body": base,
        "small": ParagraphStyle("s", parent=base, fontSize=8.5, leading=11),
        "h1": ParagraphStyle("h1", parent=base, fontName=font + "-B", fontSize=15, leading=19,
                             spaceAfter=8, spaceBefore=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=font + "-B", fontSize=12, leading=15,
                             spaceAfter=5, spaceBefore=8),
        "h3": ParagraphStyle("h3", parent=base, fontName=font + "-B", fontSize=10.5, leading=13,
                             spaceAfter=3, spaceBefore=6),
    }


def tbl(data, widths, font, header=True, total=False, box=True, align_right_from=1, size=9):
    t = Table(data, colWidths=widths)
    st = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), size),
          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
          ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if align_right_from is not None:
        st.append(("ALIGN", (align_right_from, 0), (-1, -1), "RIGHT"))
    if header:
        st += [("FONTNAME", (0, 0), (-1, 0), font + "-B"),
               ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.93))]
    if total:
        st += [("FONTNAME", (0, -1), (-1, -1), font + "-B"), ("LINEABOVE", (0, -1), (-1, -1), 0.9, colors.black)]
    if box:
        st += [("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.45, 0.45, 0.45))]
    else:
        st += [("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black)]
    t.setStyle(TableStyle(st))
    return t


class Builder:
    def __init__(self, font, header_left, header_right, footer):
        self.font = font
        self.header_left = header_left
        self.header_right = header_right
        self.footer = footer

    def on_page(self, c, doc):
        c.saveState()
        c.setFont(self.font + "-B", 11)
        c.drawString(20 * mm, 284 * mm, self.header_left)
        c.setFont(self.font, 8.5)
        y = 284 * mm
        for line in self.header_right:
            c.drawRightString(190 * mm, y, line)
            y -= 4 * mm
        c.setLineWidth(0.5)
        c.line(20 * mm, 270 * mm, 190 * mm, 270 * mm)
        c.setFont(self.font, 7.5)
        c.drawString(20 * mm, 12 * mm, self.footer)
        c.drawRightString(190 * mm, 12 * mm, f"Sida {doc.page}")
        c.restoreState()

    def build(self, story):
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=32 * mm, bottomMargin=22 * mm,
                                title="", author="", subject="", creator="")
        doc.build(story, onFirstPage=self.on_page, onLaterPages=self.on_page)
        return buf.getvalue()


# ----------------------------------------------------------------------------- generator


class Gen:
    def __init__(self, seed, shared):
        self.rng = random.Random(seed)
        self.regions, self.munis = load_ref(shared)

    # organisation helpers
    def org_of(self, c):
        if "region" in c:
            r = self.regions[c["region"]]
            return dict(kind="region", code=c["region"], name=r["region_name"], county=r["county_name"])
        m = self.munis[c["muni"]]
        return dict(kind="municipality", code=m["municipality_code"], name=kommun(c["muni"]),
                    short=c["muni"], region=m["region_code"])

    def dnr(self, org, year):
        pre = "RS" if org["kind"] == "region" else "SN"
        return f"{pre} {year}/{self.rng.randint(120, 2900)}"

    def people(self):
        first = ["Anna", "Karin", "Maria", "Eva", "Sara", "Johan", "Lars", "Mikael", "Elin", "Fatima",
                 "Ahmed", "Linnea", "Per", "Ingrid", "Sofia", "Oskar", "Hanna", "Nils"]
        last = ["Lindqvist", "Berg", "Holm", "Sandberg", "Nyström", "Eriksson", "Öberg", "Hussein",
                "Wikström", "Lundgren", "Åkesson", "Bergström", "Sjögren", "Falk", "Kaya"]
        return f"{self.rng.choice(first)} {self.rng.choice(last)}"

    # population-like statistics for a list of municipality names
    def muni_stats(self, names, year):
        rows = []
        for n in names:
            kids = self.rng.randint(2400, 19000)
            births = kids // 6 + self.rng.randint(-120, 120)
            area = self.rng.randint(9, 46)
            rows.append((n, kids, births, area))
        return rows

    # ---------------------------------------------------------------- requisition
    def requisition(self, c, org, date):
        S = styles(c["font"], compact=bool(c.get("onepage")))
        rng = self.rng
        prog, year = c["prog"], c["year"]
        dnr = self.dnr(org, year)
        sender_city = org.get("short") or self.rng.choice(["Regionens hus", "Regionkansliet"])
        story = []
        pilot = prog == "bhv-pilot"
        if org["kind"] == "region":
            hdr = org["name"]
        else:
            hdr = org["name"]
        title = ("Rekvisition av " + PROG_TITLE[prog] + f" {year}")
        if c.get("second"):
            title = f"Kompletterande rekvisition – kvarvarande medel, {PROG_TITLE[prog]} {year}"
        meta = [["Datum", date], ["Diarienummer", dnr], ["Mottagare", "Socialstyrelsen, Statsbidragsenheten"],
                ["Bidragsår", str(year)]]
        alloc = None
        if prog == "hembesok" and year == 2024 and org["kind"] == "region":
            alloc = ALLOC_2024[org["code"]]
        elif prog == "hembesok" and year == 2023 and org["kind"] == "region":
            alloc = ALLOC_2023.get(org["code"])
        elif pilot:
            alloc = ALLOC_PILOT.get(c["muni"], (None,))[0]
        pool = POOLS[(prog, year)]
        form = c["style"] == "form"
        story.append(Paragraph(title, S["h1"]))
        story.append(tbl([["Uppgift", "Värde"]] + meta, [45 * mm, 110 * mm], c["font"], align_right_from=None))
        story.append(Spacer(1, 6))
        # ----- background with numbers that are not the grant's
        story.append(Paragraph("1. Bakgrund och underlag", S["h2"]))
        if pilot:
            area = rng.choice(["Fittja", "Rosengård", "Hjällbo", "Rinkeby", "Gottsunda", "Alby"])
            nkids = rng.randint(44, 49)
            story.append(Paragraph(
                f"{org['name']} deltar i pilotverksamheten i barnhälsovården i området {area}. Socialstyrelsens "
                f"anvisningar anger att totalt {kr(pool)} kronor fördelas för bidragsåret, 1 285 000 kr per "
                f"pilotområde, varav 45 procent till kommunen och 55 procent till regionen. Beräkningen utgår från "
                f"{nkids} nyfödda barn per pilotområde.", S["body"]))
            rows = [["Nyckeltal för pilotområdet", "2021", "2022"]]
            b1, b2 = rng.randint(160, 260), rng.randint(160, 260)
            rows += [["Antal födda barn i området", str(b1), str(b2)],
                     ["varav förstagångsföräldrar", str(b1 * rng.randint(38, 47) // 100), str(b2 * rng.randint(38, 47) // 100)],
                     ["Andel förstagångsföräldrar i kommunens pilotområde", f"{rng.randint(34, 48)} %", f"{rng.randint(34, 48)} %"],
                     ["Täckningsgrad hembesök (kommunens socialtjänst deltar)", f"{rng.randint(71, 96)} %", f"{rng.randint(71, 96)} %"]]
            story.append(tbl(rows, [100 * mm, 27 * mm, 27 * mm], c["font"]))
        else:
            collab = c.get("collab") or []
            county = self.regions[org.get("region", org["code"])]["county_name"]
            story.append(Paragraph(
                f"Socialstyrelsen fördelar totalt {kr(pool)} kronor för bidragsåret {year}. En tredjedel av "
                f"medlen fördelas efter antalet barn 0–5 år och två tredjedelar efter antalet barn 0–5 år i "
                f"SCB:s områdestyp 1 och 2 (befolkningsuppgifter från {year - 2}). Nedan redovisas underlaget "
                f"för {county}.", S["body"]))
            names = collab if collab else ([org["short"]] if org["kind"] == "municipality" else [])
            if names:
                st = self.muni_stats(names, year)
                rows = [["Kommun", f"Barn 0–5 år ({year - 2})", f"Födda {year - 1}", "Andel områdestyp 1–2"]]
                for n, k, b, a in st:
                    rows.append([kommun(n), kr(k), kr(b), f"{a} %"])
                if len(st) > 1:
                    rows.append(["Totalt", kr(sum(x[1] for x in st)), kr(sum(x[2] for x in st)), "–"])
                story.append(tbl(rows, [48 * mm, 37 * mm, 28 * mm, 47 * mm], c["font"], total=len(st) > 1))
            else:
                tot = rng.randint(14000, 52000)
                story.append(Paragraph(
                    f"I länet bor {kr(tot)} barn i åldern 0–5 år; antalet födda {year - 1} var "
                    f"{kr(tot // 6 - rng.randint(50, 300))}, en minskning med {dec(rng.uniform(1.2, 4.8))} procent "
                    f"jämfört med året innan.", S["body"]))
            if alloc and org["kind"] == "region":
                story.append(Paragraph(
                    f"Enligt Socialstyrelsens fördelningslista uppgår {org['name']}s tilldelning till "
                    f"{kr(alloc)} kronor. " + (f"För bidragsåret 2023 erhöll regionen {kr(ALLOC_2023[org['code']])} kr, "
                                                f"rekvirerat {long_date('2023-10-' + str(rng.randint(10, 27)))}."
                                                if year == 2024 and org["code"] in ALLOC_2023 else ""), S["body"]))
            if year == 2024 and org["kind"] == "region" and collab:
                story.append(Paragraph(
                    f"Täckningsgraden för de ordinarie hembesöken i {kommun(collab[0])} var "
                    f"{rng.randint(81, 97)} % under {year - 1}. Antalet hembesök i kommunen ökade med "
                    f"{rng.randint(6, 19)} % jämfört med {year - 2}.", S["body"]))
        if not c.get("onepage"):
            story.append(PageBreak())
        # ----- planned use
        story.append(Paragraph("2. Planerad användning", S["h2"]))
        staff = rng.choice([1.5, 2.0, 2.5, 3.0, 3.5])
        story.append(Paragraph(
            f"Medlen ska användas för att införa och vidareutveckla utökade hembesök. Verksamheten planeras "
            f"motsvara {dec(staff)} årsarbetare (BHV-sjuksköterska och föräldrarådgivare), cirka "
            f"{kr(int(staff * 1700))} timmar, och omfatta {rng.randint(90, 640)} familjer under perioden "
            f"{year}-01-01 – {year}-12-31.", S["body"]))
        # ----- amount block
        story.append(Paragraph("3. Rekvirerat belopp", S["h2"]))
        req = c["req"]
        rows = [["Post", "Belopp"]]
        if c.get("second"):
            first = 4100000
            rows += [["Tidigare rekvirerat i februari 2024", f"{kr(first)} kr"],
                     ["Regionens tilldelning enligt fördelningslistan", f"{kr(alloc)} kr"],
                     ["Rekvirerat belopp i denna rekvisition", f"{kr(req)} kr"]]
        else:
            rows += [["Rekvirerat belopp", f"{kr(req)} kr"]]
        story.append(tbl(rows, [110 * mm, 45 * mm], c["font"]))
        story.append(Spacer(1, 4))
        story.append(Paragraph(f"{org['name']} rekvirerar härmed {kr(req)} kronor för bidragsåret {year}.", S["body"]))
        # ----- collaboration and share
        if prog == "hembesok" and year == 2024 and org["kind"] == "region":
            story.append(Paragraph("4. Samverkan med kommuner", S["h2"]))
            if c.get("collab"):
                story.append(Paragraph("Samverkande kommuner: " + ", ".join(kommun(n) for n in c["collab"]) + ".", S["body"]))
            else:
                story.append(Paragraph("Samverkansparter: socialtjänstens förebyggande verksamhet, folktandvården, "
                                       "mödrahälsovården och den öppna förskolan. Formerna för samverkan fastställs "
                                       "under våren.", S["body"]))
            if c.get("share") is not None:
                story.append(Paragraph(
                    f"Andel av bidraget som ska finansiera kommunal verksamhet: {c['share']} procent.", S["body"]))
            else:
                story.append(Paragraph(
                    f"Fördelningen mellan regionens och kommunernas verksamhet fastställs i en separat "
                    f"överenskommelse. Kommunernas familjecentraler når i dag {rng.randint(62, 91)} % av "
                    f"förstagångsföräldrarna; i {kommun(c['collab'][0])} har bemanningen ökat med "
                    f"{rng.randint(10, 30)} % sedan {year - 2}.", S["body"]))
            story.append(Paragraph(
                "Regionen önskar ta del av eventuella kvarvarande medel efter rekvisitionstillfället.", S["body"]))
        # ----- payment and signature
        story.append(Paragraph("Utbetalning och underskrift", S["h2"]))
        acc = f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        story.append(Paragraph(
            f"Bankgiro {acc}. Organisationsnummer {rng.randint(200000, 232100)}-{rng.randint(1000, 9999)}. "
            f"Rekvisitionen ska vara Socialstyrelsen tillhanda senast {long_date(REQ_DEADLINE[(prog, year)])}.",
            S["body"]))
        signer = self.people()
        role = "Regiondirektör" if org["kind"] == "region" else "Socialchef"
        place = org.get("short") or REGION_SEAT[org["code"]]
        story.append(Spacer(1, 8))
        story.append(tbl([["Ort och datum", "Underskrift"], [f"{place}, {date}", f"{signer}, {role}"]],
                         [70 * mm, 85 * mm], c["font"], align_right_from=None))
        b = Builder(c["font"], hdr, [f"Datum {date}", f"Dnr {dnr}"],
                    f"{org['name']} · Box {rng.randint(100, 999)} · Tel 0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}")
        if form:
            b.header_left = "E-tjänst Statsbidrag – utskrift av rekvisition"
            b.header_right = [f"Ärende-ID SB-{year}-{rng.randint(10000, 99999)}", f"Utskriven {date}"]
            story.insert(0, Paragraph(f"Sökande organisation: {org['name']}", S["h3"]))
        return b.build(story)

    # ---------------------------------------------------------------- return report
    def report(self, c, org, date):
        S = styles(c["font"])
        rng = self.rng
        prog, year = c["prog"], c["year"]
        pilot = prog == "bhv-pilot"
        dnr = self.dnr(org, year + 1)
        received, used = c["received"], c["used"]
        unused = c.get("unused", max(received - used, 0))
        story = []
        story.append(Paragraph(f"Återrapportering av {PROG_TITLE[prog]} {year}", S["h1"]))
        story.append(tbl([["Uppgift", "Värde"], ["Organisation", org["name"]], ["Datum", date],
                          ["Diarienummer", dnr],
                          ["Redovisningsperiod", f"{year}-01-01 – {year}-12-31"],
                          ["Sista dag för återrapportering", REP_DEADLINE[(prog, year)]]],
                         [55 * mm, 100 * mm], c["font"], align_right_from=None))
        story.append(Spacer(1, 6))
        story.append(Paragraph("Innehåll", S["h2"]))
        story.append(Paragraph("1. Verksamhetsberättelse och statistik · 2. Personal och tid · "
                               "3. Ekonomisk redovisning · 4. Planering för kommande år", S["body"]))
        # ---- activity
        if pilot:
            names = [org["short"]]
            units = [rng.choice(["Fittja", "Alby", "Rosengård", "Hjällbo", "Rinkeby", "Gottsunda", "Tensta"]),
                     "Familjecentralen", "BVC Centrum"]
        else:
            names = {"20": ["Borlänge", "Ludvika", "Avesta"], "18": ["Örebro", "Karlskoga"],
                     "14": ["Göteborg", "Trollhättan", "Borås"], "07": ["Växjö", "Ljungby"],
                     "12": ["Malmö", "Landskrona", "Helsingborg"], "17": ["Karlstad", "Kristinehamn"],
                     "23": ["Östersund"], "05": ["Norrköping", "Motala"], "25": ["Luleå", "Piteå", "Boden"],
                     "03": ["Uppsala", "Enköping"], "06": ["Jönköping", "Värnamo"],
                     "01": ["Botkyrka", "Södertälje", "Järfälla"], "21": ["Gävle", "Sandviken"],
                     "10": ["Karlskrona", "Ronneby"]}[org["code"]]
            units = [kommun(n) for n in names]
        story.append(PageBreak())
        story.append(Paragraph("1. Verksamhetsberättelse", S["h2"]))
        story.append(Paragraph(
            f"Under {year} har arbetet med utökade hembesök {'fortsatt enligt pilotmodellen med sex hembesök och två extra mottagningsbesök' if pilot else 'byggts ut'} "
            f"i samverkan med socialtjänstens förebyggande verksamhet, folktandvården och förskolan. "
            f"Styrgruppen har sammanträtt {rng.randint(4, 9)} gånger, senast {year}-{rng.randint(10, 12)}-{rng.randint(10, 28)}.",
            S["body"]))
        rows = [["Enhet / kommun", f"Hembesök\n{year}", f"Hembesök\n{year - 1}", "Familjer", "Förstagångs-\nföräldrar", "Täcknings-\ngrad"]]
        tv = tp = tf = 0
        for u in units:
            v = rng.randint(60, 900)
            p = int(v * rng.uniform(0.55, 0.95))
            f = v // rng.randint(3, 6) + 3
            tv += v; tp += p; tf += f
            rows.append([u, kr(v), kr(p), kr(f), f"{rng.randint(31, 66)} %", f"{rng.randint(68, 98)} %"])
        rows.append(["Totalt", kr(tv), kr(tp), kr(tf), "–", "–"])
        story.append(tbl(rows, [45 * mm, 24 * mm, 24 * mm, 20 * mm, 23 * mm, 20 * mm], c["font"], total=True, size=8.5))
        story.append(Spacer(1, 4))
        growth = (tv - tp) * 100.0 / tp
        story.append(Paragraph(
            f"Antalet hembesök ökade med {dec(growth)} procent jämfört med {year - 1}. Andelen familjer som tackade "
            f"ja till samtliga besök var {rng.randint(72, 93)} %, och i kommunens öppna förskola registrerades "
            f"{kr(rng.randint(900, 4800))} besök. Väntetiden till första besöket var i genomsnitt {rng.randint(9, 16)} dagar.",
            S["body"]))
        # ---- staff
        story.append(Paragraph("2. Personal och tid", S["h2"]))
        roles = ["BVC-sjuksköterska", "Föräldrarådgivare (kommunen)", "Tandhygienist", "Tolk", "Samordnare"]
        rows = [["Funktion", "Årsarbetare", "Timmar", f"Timmar {year - 1}"]]
        ta = tt = tq = 0
        for r in roles:
            a10 = rng.randint(2, 18)  # tenths
            t = a10 * 170 + rng.randint(-40, 40)
            q = int(t * rng.uniform(0.5, 0.95))
            ta += a10; tt += t; tq += q
            rows.append([r, dec(a10 / 10), kr(t), kr(q)])
        rows.append(["Summa", dec(ta / 10), kr(tt), kr(tq)])
        story.append(tbl(rows, [65 * mm, 28 * mm, 30 * mm, 30 * mm], c["font"], total=True))
        story.append(Spacer(1, 4))
        story.append(Paragraph(
            f"Personalomsättningen var {rng.randint(5, 21)} procent. Kommunens andel av personalinsatsen mätt i "
            f"timmar var {rng.randint(18, 44)} %.", S["body"]))
        # ---- economic account (later page)
        story.append(PageBreak())
        story.append(Paragraph("3. Ekonomisk redovisning", S["h2"]))
        story.append(Paragraph(f"Redovisningen avser kostnader {year}-01-01 – {year}-12-31 som finansierats med statsbidraget. "
                               "Belopp i kronor.", S["body"]))
        cats = ["Personalkostnader", "Utbildning och handledning", "Tolkkostnader", "Resor och bilar",
                "Material och informationsinsatser", "Övriga kostnader"]
        shares = [rng.uniform(0.45, 0.6), rng.uniform(0.06, 0.12), rng.uniform(0.05, 0.1),
                  rng.uniform(0.04, 0.08), rng.uniform(0.02, 0.05), 0]
        shares[-1] = max(0.01, 1 - sum(shares[:-1]))
        tot_s = sum(shares)
        vals = [int(round(used * s / tot_s / 100.0)) * 100 for s in shares[:-1]]
        vals.append(used - sum(vals))
        budget = [int(round(received * s / tot_s / 1000.0)) * 1000 for s in shares[:-1]]
        budget.append(received - sum(budget))
        shown = list(vals)
        stated_total = used
        if c.get("sum_off"):
            shown[0] = vals[0] + c["sum_off"]  # rows no longer add up to the stated total
        rows = [["Kostnadsslag", f"Budget {year}", f"Utfall {year}"]]
        for cat, b_, v in zip(cats, budget, shown):
            rows.append([cat, kr(b_), kr(v)])
        rows.append(["Summa", kr(sum(budget)), kr(stated_total)])
        story.append(tbl(rows, [80 * mm, 36 * mm, 36 * mm], c["font"], total=True))
        story.append(Spacer(1, 8))
        story.append(Paragraph("Sammanställning", S["h3"]))
        summ = [["", "Kronor"],
                [f"Erhållet statsbidrag {year}" + (" (inkl. kvarvarande medel)" if c.get("leftover") else ""), kr(received)],
                ["Förbrukat bidrag", kr(used)],
                ["Ej förbrukat bidrag att återbetala", kr(unused)]]
        story.append(tbl(summ, [100 * mm, 40 * mm], c["font"]))
        story.append(Spacer(1, 6))
        own = rng.randint(80, 600) * 1000
        extra = ""
        if c.get("leftover"):
            extra = (f" Av det erhållna bidraget avser {kr(c['leftover'])} kr kvarvarande medel som "
                     f"fördelades efter rekvisitionstillfället.")
        story.append(Paragraph(
            f"Utöver statsbidraget har verksamheten finansierats med {kr(own)} kr i egna medel, vilka inte ingår i "
            f"redovisningen ovan.{extra} Budgetavvikelsen förklaras främst av vakanser under "
            f"{rng.choice(['våren', 'sommaren', 'hösten'])}.", S["body"]))
        # ---- plan next year
        story.append(PageBreak())
        story.append(Paragraph(f"4. Planering för {year + 1}", S["h2"]))
        rows = [["Planerat", f"{year}", f"Plan {year + 1}"],
                ["Antal hembesök", kr(tv), kr(int(tv * rng.uniform(1.05, 1.3)))],
                ["Antal familjer", kr(tf), kr(int(tf * rng.uniform(1.05, 1.3)))],
                ["Årsarbetare", dec(ta / 10), dec(ta / 10 + rng.choice([0.5, 1.0, 1.5]))],
                ["Täckningsgrad, mål", f"{rng.randint(70, 85)} %", f"{rng.randint(86, 95)} %"]]
        story.append(tbl(rows, [70 * mm, 40 * mm, 40 * mm], c["font"]))
        story.append(Spacer(1, 4))
        pb = rng.randint(int(received / 1000 * 1.05), int(received / 1000 * 1.4))
        story.append(Paragraph(
            f"Budget för {year + 1} beräknas till {kr(pb)} tkr, under förutsättning att statsbidraget "
            f"fortsätter. Nästa uppföljningsmöte med kommunerna är planerat till {year + 1}-{rng.randint(4, 6):02d}-{rng.randint(10, 27)}.",
            S["body"]))
        signer = self.people()
        story.append(Spacer(1, 10))
        story.append(tbl([["Datum", "Ansvarig"], [date, f"{signer}, {'verksamhetschef' if org['kind'] == 'region' else 'enhetschef'}"]],
                         [50 * mm, 100 * mm], c["font"], align_right_from=None))
        b = Builder(c["font"], org["name"], [f"Dnr {dnr}", f"Datum {date}"],
                    f"Återrapportering {year} · {org['name']} · utskriven {date}")
        return b.build(story)

    # ---------------------------------------------------------------- decision (protokollsutdrag)
    def decision(self, c, org, date):
        S = styles(c["font"])
        rng = self.rng
        prog, year = c["prog"], c["year"]
        board = "Regionstyrelsen" if org["kind"] == "region" else "Socialnämnden"
        just = plus(date, rng.randint(2, 6))
        bestyrk = plus(just, rng.randint(1, 3))
        first = rng.randint(88, 190)
        mine = first + rng.randint(3, 6)
        last = mine + rng.randint(4, 9)
        story = []
        story.append(Paragraph("PROTOKOLLSUTDRAG", S["h1"]))
        story.append(tbl([["Organ", board], ["Sammanträdesdatum", date],
                          ["Plats och tid", f"{rng.choice(['Sessionssalen', 'Sammanträdesrum Ekorren', 'Stadshuset, sal 2'])}, kl. 09.00–{rng.randint(11, 15)}.{rng.choice(['00', '15', '30', '45'])}"],
                          ["Paragrafer", f"§§ {first}–{last}"],
                          ["Justeringens plats och tid", f"Kansliet {just}"],
                          ["Beslutande", f"{rng.randint(11, 15)} ledamöter, se närvarolista"]],
                         [50 * mm, 105 * mm], c["font"], header=False, align_right_from=None))
        story.append(Spacer(1, 6))
        # a foreign item with its own amount
        pm = MONTHS[(d(date).month - 2) % 12]
        story.append(Paragraph(f"§ {mine - 1} Ekonomisk månadsrapport för {pm}", S["h2"]))
        story.append(Paragraph(
            f"Prognosen för helåret visar ett underskott om {dec(rng.uniform(12, 95))} miljoner kronor, "
            f"motsvarande {dec(rng.uniform(0.4, 2.5))} procent av nettokostnaderna. {board} beslutar att lägga "
            f"rapporten till handlingarna. Omröstning begärdes: {rng.randint(7, 9)} ja-röster, "
            f"{rng.randint(3, 5)} nej-röster, {rng.randint(0, 2)} avstod.", S["body"]))
        story.append(Paragraph(f"§ {mine} Fördelning av {PROG_TITLE[prog]} {year}", S["h2"]))
        dn = self.dnr(org, year)
        story.append(Paragraph(f"Dnr {dn}", S["small"]))
        story.append(Paragraph("Beslut", S["h3"]))
        if org["kind"] == "region":
            recip = rng.choice(["centrala barnhälsovårdsenheten", "Hälsovalsenheten för barnhälsovård",
                                "område Barn och unga"])
            verb = rng.choice(["fördela", "tilldela"])
            story.append(Paragraph(f"{board} beslutar att {verb} statsbidraget om {c['dec_text']} för {year} "
                                   f"till {recip}.", S["body"]))
        else:
            story.append(Paragraph(f"{board} beslutar att rekvirera {c['dec_text']} i statsbidrag för "
                                   f"pilotverksamhet i barnhälsovården {year} för förebyggande socialtjänst.", S["body"]))
        story.append(Paragraph("Sammanfattning av ärendet", S["h3"]))
        if prog == "hembesok":
            story.append(Paragraph(
                f"Socialstyrelsen har regeringens uppdrag att stödja barnhälsovårdens förebyggande arbete med "
                f"hembesöksprogram och fördelar {kr(POOLS[(prog, year)])} kronor till regionerna för {year}. "
                f"I länet föddes {kr(rng.randint(1200, 6900))} barn under {year - 1}, och täckningsgraden för "
                f"hembesök i kommunerna var {rng.randint(78, 97)} procent. Medlen får användas för kostnader under "
                f"perioden {year}-01-01 – {year}-12-31 och ska återrapporteras senast {REP_DEADLINE[(prog, year)]}.",
                S["body"]))
        else:
            story.append(Paragraph(
                f"Pilotverksamheten omfattar 4 500 000 kronor för fyra pilotområden. Kommunen tilldelas 45 procent "
                f"av pilotområdets ersättning. I området bor {kr(rng.randint(900, 2100))} barn 0–5 år och andelen "
                f"förstagångsföräldrar är {rng.randint(35, 52)} %. Rekvisitionen ska ha kommit in senast "
                f"{REQ_DEADLINE[(prog, year)]}.", S["body"]))
        votes_yes = rng.randint(8, 11)
        story.append(Paragraph(
            f"Beslutsgång: Ordföranden ställer proposition på förslaget och finner att {board.lower()} bifaller "
            f"det. Votering begärs och verkställs: {votes_yes} ja, {rng.randint(2, 4)} nej. "
            f"Beslutet gäller från och med {just}.", S["body"]))
        story.append(PageBreak())
        story.append(Paragraph(f"§ {mine + 1} Investeringsram för medicinteknisk utrustning", S["h2"]))
        story.append(Paragraph(
            f"{board} beslutar att utöka investeringsramen med {kr(rng.randint(3, 40) * 500)} tkr. Ärendet "
            f"återkommer till sammanträdet {plus(date, rng.randint(27, 45))}.", S["body"]))
        story.append(Paragraph(f"§ {mine + 2} Anmälan av delegationsbeslut", S["h2"]))
        story.append(Paragraph(f"{rng.randint(14, 60)} delegationsbeslut för perioden {plus(date, -40)} – "
                               f"{plus(date, -8)} anmäls.", S["body"]))
        story.append(Spacer(1, 12))
        story.append(tbl([["Justerandes signatur", "Utdragsbestyrkande"],
                          [f"{self.people()}, {self.people()}", f"{self.people()}, {bestyrk}"]],
                         [75 * mm, 80 * mm], c["font"], align_right_from=None))
        story.append(Spacer(1, 6))
        story.append(Paragraph(f"Nästa sammanträde: {plus(date, rng.randint(20, 35))}. Protokollet anslås på "
                               f"den digitala anslagstavlan {plus(just, 1)} – {plus(just, 22)}.", S["small"]))
        b = Builder(c["font"], org["name"], [board, f"Sammanträdesdatum {date}"],
                    f"Utdrag ur protokoll · {org['name']}")
        return b.build(story)

    # ---------------------------------------------------------------- scanning
    def rasterize(self, pdf, dpi):
        doc = pdfium.PdfDocument(pdf)
        imgs = []
        for i in range(len(doc)):
            page = doc[i]
            img = page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
            imgs.append(img)
        doc.close()
        return imgs

    def stamp(self, img, text_lines, dpi):
        rng = self.rng
        W, H = img.size
        font = ImageFont.truetype(find_font("DejaVuSans-Bold.ttf"), int(dpi * 0.12))
        layer = Image.new("L", (int(dpi * 2.0), int(dpi * 0.75)), 255)
        dr = ImageDraw.Draw(layer)
        dr.rectangle([2, 2, layer.size[0] - 3, layer.size[1] - 3], outline=90, width=max(2, dpi // 70))
        y = int(dpi * 0.07)
        for t in text_lines:
            dr.text((int(dpi * 0.1), y), t, fill=90, font=font)
            y += int(dpi * 0.2)
        layer = layer.rotate(rng.uniform(-6, 6), expand=True, fillcolor=255)
        x = int(W * rng.uniform(0.52, 0.58))
        yy = int(H * rng.uniform(0.855, 0.87))
        region = img.crop((x, yy, x + layer.size[0], yy + layer.size[1]))
        merged = Image.fromarray(np.minimum(np.array(region), np.array(layer)))
        img.paste(merged, (x, yy))
        return img

    def degrade(self, img, style, dpi):
        rng = self.rng
        a = np.array(img).astype(np.float32)
        if style == "faint":
            a = 255 - (255 - a) * rng.uniform(0.5, 0.6)
            a += rng.uniform(8, 18)
        a += np.random.RandomState(rng.randint(0, 10 ** 6)).normal(0, rng.uniform(5, 10), a.shape)
        a = np.clip(a, 0, 255).astype(np.uint8)
        img = Image.fromarray(a)
        if style in ("office", "faint", "jpg", "png"):
            img = img.rotate(rng.uniform(-1.6, 1.6), resample=Image.BICUBIC, expand=True, fillcolor=250)
            img = img.filter(ImageFilter.GaussianBlur(0.5))
        if style == "photo":
            arr = np.array(img)
            h, w = arr.shape
            pad = int(0.06 * w)
            canvas = np.full((h + 2 * pad, w + 2 * pad), 95, np.uint8)
            canvas[pad:pad + h, pad:pad + w] = arr
            H2, W2 = canvas.shape
            src = np.float32([[pad, pad], [pad + w, pad], [pad + w, pad + h], [pad, pad + h]])
            j = lambda s: rng.uniform(-s, s) * w
            dst = np.float32([[pad + j(0.025), pad + j(0.02)], [pad + w + j(0.02), pad + j(0.03)],
                              [pad + w + j(0.025), pad + h + j(0.02)], [pad + j(0.02), pad + h + j(0.015)]])
            M = cv2.getPerspectiveTransform(src, dst)
            warped = cv2.warpPerspective(canvas, M, (W2, H2), borderValue=80).astype(np.float32)
            yy, xx = np.mgrid[0:H2, 0:W2]
            ang = rng.uniform(0, 2 * math.pi)
            grad = (np.cos(ang) * xx / W2 + np.sin(ang) * yy / H2)
            grad = (grad - grad.min()) / (grad.max() - grad.min() + 1e-6)
            shade = 1.0 - 0.32 * grad
            warped = warped * shade
            warped = np.clip(warped, 0, 255).astype(np.uint8)
            img = Image.fromarray(warped).filter(ImageFilter.GaussianBlur(0.7))
        return img

    def scan(self, pdf, style, stamp_lines, rotate_page=None):
        rng = self.rng
        dpi = {"office": rng.choice([200, 240, 300]), "faint": rng.choice([200, 250]),
               "photo": 200, "jpg": 220, "png": 200}[style]
        imgs = self.rasterize(pdf, dpi)
        assert style not in ("jpg", "png") or len(imgs) == 1, "image files must be one page"
        out = []
        for i, im in enumerate(imgs):
            if i == 0 and stamp_lines:
                im = self.stamp(im, stamp_lines, dpi)
            im = self.degrade(im, style, dpi)
            if rotate_page is not None and i == rotate_page:
                im = im.rotate(90, expand=True)
            out.append(im)
        if style == "png":
            b = io.BytesIO(); out[0].save(b, "PNG", optimize=True); return b.getvalue(), dpi
        q = rng.randint(45, 70) if style in ("photo", "jpg") else rng.randint(55, 80)
        jpgs = []
        for im in out:
            b = io.BytesIO(); im.save(b, "JPEG", quality=q); jpgs.append(b.getvalue())
        if style == "jpg":
            return jpgs[0], dpi
        from reportlab.lib.utils import ImageReader
        buf = io.BytesIO()
        cv = rlcanvas.Canvas(buf, pagesize=A4, invariant=1)
        for jb, im in zip(jpgs, out):
            w, h = im.size[0] * 72.0 / dpi, im.size[1] * 72.0 / dpi
            cv.setPageSize((w, h))
            cv.drawImage(ImageReader(io.BytesIO(jb)), 0, 0, width=w, height=h)
            cv.showPage()
        cv.save()
        return buf.getvalue(), dpi

    # ---------------------------------------------------------------- run
    def run(self, outdir):
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        items = []
        for c in CASES:
            items.append((c["rec"], c, False))
            if c.get("dupe_of_me"):
                items.append((c["dupe_of_me"], c, True))
        items.sort(key=lambda x: x[0])
        recs = [x[0] for x in items]
        assert len(set(recs)) == len(recs), "received dates must be distinct"
        made = {}
        truth = []
        on_file_req = {}     # (prog, year, kind, code) -> count
        pool_sum = {}
        hashes = set()
        import hashlib
        for n, (rec, c, is_dupe) in enumerate(items, 1):
            org = self.org_of(c)
            key = id(c)
            if is_dupe:
                data, ext, scanned, exp = made[key]
            else:
                # document date a few days before arrival
                date = plus(rec, -self.rng.randint(8, 14) if c["kind"] == "dec" else -self.rng.randint(1, 6))
                if c["kind"] == "req":
                    pdf = self.requisition(c, org, date)
                elif c["kind"] == "rep":
                    pdf = self.report(c, org, date)
                else:
                    pdf = self.decision(c, org, date)
                ext, scanned = ".pdf", False
                data = pdf
                if c["scan"]:
                    scanned = True
                    stamp = None
                    if self.rng.random() < 0.75 or c["kind"] == "dec":
                        stamp = [org["name"][:24].upper(), f"Exp. {rec}",
                                 f"Dnr {self.rng.randint(100, 999)}/{d(date).year % 100}"]
                    rot = 1 if c.get("rot") else None
                    data, _dpi = self.scan(pdf, c["scan"], stamp, rotate_page=rot)
                    if c["scan"] == "jpg":
                        ext = ".jpg"
                    elif c["scan"] == "png":
                        ext = ".png"
                exp = self.expect(c, org, date)
                made[key] = (data, ext, scanned, exp)
            tag = {"req": "rekv", "rep": "aterrapp", "dec": "protokoll"}[c["kind"]]
            fname = f"{n:02d}_{tag}_{org['code']}{ext}"
            (outdir / fname).write_bytes(data)
            h = hashlib.sha256(data).hexdigest()
            flags = self.flags(c, org, exp, rec, on_file_req, pool_sum, h in hashes)
            hashes.add(h)
            truth.append({"file": fname, "scanned": scanned, "received": rec, "expect": exp, "flags": flags})
        (outdir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        with open(outdir / "allocations.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek",
                        "municipal_share_min_percent"])
            for code, amt in ALLOC_2024.items():
                w.writerow(["hembesok", 2024, code, self.regions[code]["region_name"], amt, MIN_2024.get(code, "")])
            for code, amt in ALLOC_2023.items():
                w.writerow(["hembesok", 2023, code, self.regions[code]["region_name"], amt, ""])
            for name, (amt, mn) in ALLOC_PILOT.items():
                w.writerow(["bhv-pilot", 2023, self.munis[name]["municipality_code"], name, amt, mn])
        for k, v in pool_sum.items():
            assert v <= POOLS[k], (k, v)
        return truth

    def expect(self, c, org, date):
        e = {"document_type": {"req": "requisition", "rep": "return_report", "dec": "decision"}[c["kind"]],
             "program": c["prog"], "grant_year": c["year"],
             "organisation": {"kind": org["kind"], "code": org["code"]}}
        if c["kind"] == "req":
            e["amounts"] = {"requested": c["req"]}
        elif c["kind"] == "rep":
            e["amounts"] = {"received": c["received"], "used": c["used"],
                            "unused": c.get("unused", max(c["received"] - c["used"], 0))}
        else:
            e["amounts"] = {"decided": c["dec_val"]}
        e["document_date"] = date
        if c["kind"] == "req" and c["prog"] == "hembesok" and c["year"] == 2024 and org["kind"] == "region":
            if c.get("collab"):
                e["collaborating_municipalities"] = sorted(self.munis[n]["municipality_code"] for n in c["collab"])
            if c.get("share") is not None:
                e["municipal_share_percent"] = c["share"]
        return e

    def alloc_row(self, prog, year, org):
        if prog == "hembesok" and year == 2024 and org["kind"] == "region":
            return ALLOC_2024.get(org["code"]), MIN_2024.get(org["code"])
        if prog == "hembesok" and year == 2023 and org["kind"] == "region":
            return ALLOC_2023.get(org["code"]), None
        if prog == "bhv-pilot" and org["kind"] == "municipality":
            v = ALLOC_PILOT.get(org["short"])
            return (v[0], v[1]) if v else (None, None)
        return None, None

    def flags(self, c, org, exp, rec, on_file_req, pool_sum, dup_doc):
        F = []
        prog, year = c["prog"], c["year"]
        if dup_doc:
            F.append("DUPLICATE_DOCUMENT")
        wrong_kind = (prog == "hembesok" and year in (2023, 2024) and org["kind"] == "municipality")
        if wrong_kind:
            F.append("WRONG_RECIPIENT_KIND")
        alloc, mn = self.alloc_row(prog, year, org)
        am = exp["amounts"]
        if c["kind"] == "req":
            k = (prog, year, org["kind"], org["code"])
            if not wrong_kind:
                if alloc is None:
                    F.append("NO_ALLOCATION")
                elif am["requested"] > alloc:
                    F.append("AMOUNT_EXCEEDS_ALLOCATION")
            if on_file_req.get(k):
                F.append("DUPLICATE_REQUISITION")
            on_file_req[k] = on_file_req.get(k, 0) + 1
            pool_sum[(prog, year)] = pool_sum.get((prog, year), 0) + am["requested"]
            if rec > REQ_DEADLINE[(prog, year)]:
                F.append("LATE_REQUISITION")
            if not wrong_kind and prog == "hembesok" and year == 2024 and org["kind"] == "region":
                if "collaborating_municipalities" not in exp or "municipal_share_percent" not in exp:
                    F.append("MISSING_FIELD")
            if mn is not None and exp.get("municipal_share_percent") is not None and exp["municipal_share_percent"] < mn:
                F.append("SHARE_BELOW_MINIMUM")
        elif c["kind"] == "rep":
            assert alloc is not None
            if am["received"] > alloc:
                F.append("AMOUNT_EXCEEDS_ALLOCATION")
            if rec > REP_DEADLINE[(prog, year)]:
                F.append("LATE_REPORT")
            if am["used"] > am["received"]:
                F.append("USED_EXCEEDS_RECEIVED")
            elif abs((am["received"] - am["used"]) - am["unused"]) > 1:
                F.append("UNUSED_MISMATCH")
            if c.get("sum_off"):
                F.append("SUM_MISMATCH")
        else:
            assert alloc is not None
            t = c["dec_text"]
            if "miljon" in t:
                digits = t.split()[0].split(",")
                nd = len(digits[1]) if len(digits) > 1 else 0
                tol = 0.5 * 10 ** (6 - nd)
            elif "tkr" in t:
                tol = 500
            else:
                tol = 0.5
            diff = abs(am["decided"] - alloc)
            assert abs(diff - tol) >= 1000 or tol < 1 or diff == 0, ("too close to the tolerance", t, alloc)
            if diff > tol:
                F.append("DECISION_AMOUNT_MISMATCH")
        return F


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1414)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    a = ap.parse_args()
    np.random.seed(a.seed)
    g = Gen(a.seed, a.shared)
    truth = g.run(a.outdir)
    from collections import Counter
    fc = Counter(f for t in truth for f in t["flags"])
    print(len(truth), "documents;", sum(t["scanned"] for t in truth), "scanned;",
          sum(not t["flags"] for t in truth), "without flags;", dict(fc))


if __name__ == "__main__":
    main()
