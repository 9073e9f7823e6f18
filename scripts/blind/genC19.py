#!/usr/bin/env python3
"""Blind corpus C19: everyday scanned mail from office multifunction printers.

usage: genC19.py OUTDIR --seed N [--shared /work/shared]

About 60 % of the documents are scans at copier quality (200/300 dpi, grey or thresholded
black-and-white, skew < 2 degrees, speckle, toner streaks, margin shadow, JPEG), several of
them multi-page (covering letter + form/account), some signed and scanned back, a few with a
page scanned twice, a few delivered as a single .jpg/.png; the rest are born-digital PDFs.
Writes OUTDIR/*.pdf|.jpg|.png, OUTDIR/truth.json and OUTDIR/allocations.csv.
Flags are computed by the contract's rules in arrival order (never LOW_CONFIDENCE).
"""
import argparse, csv, hashlib, io, json, math, random, shutil, sys
import datetime as dt
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
import pypdfium2 as pdfium
import img2pdf
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.utils import simpleSplit

FONTDIR = Path("/usr/share/fonts/truetype/dejavu")
for name, fn in [("Sans", "DejaVuSans.ttf"), ("SansB", "DejaVuSans-Bold.ttf"),
                 ("Serif", "DejaVuSerif.ttf"), ("SerifB", "DejaVuSerif-Bold.ttf"),
                 ("Cond", "DejaVuSansCondensed.ttf"), ("CondB", "DejaVuSansCondensed-Bold.ttf"),
                 ("Mono", "DejaVuSansMono.ttf"), ("SansI", "DejaVuSans-Oblique.ttf")]:
    pdfmetrics.registerFont(TTFont(name, str(FONTDIR / fn)))

W, H = A4

# ---------------------------------------------------------------- programs (contract table)
PROGRAMS = {
    ("hembesok", 2023): dict(kinds={"region"}, pool=42_000_000, req_deadline="2023-10-31", rep_deadline="2024-03-01"),
    ("hembesok", 2024): dict(kinds={"region"}, pool=82_000_000, req_deadline="2024-04-05", rep_deadline="2025-03-01"),
    ("bhv-pilot", 2023): dict(kinds={"region", "municipality"}, pool=4_500_000, req_deadline="2023-06-16", rep_deadline="2024-05-03"),
}
PROG_TEXT = {
    "hembesok": "Statsbidrag för utökade hembesöksprogram inom barnhälsovården",
    "bhv-pilot": "Statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden",
}

# ---------------------------------------------------------------- allocations (this corpus's own list)
ALLOC_2024 = {"01": 19_149_000, "03": 3_182_000, "04": 2_614_000, "05": 4_121_000, "06": 2_903_000,
              "07": 1_688_000, "08": 1_795_000, "09": 402_000, "10": 1_167_000, "12": 12_364_000,
              "13": 2_106_000, "14": 14_650_000, "17": 1_912_000, "18": 2_693_000, "19": 2_388_000,
              "20": 1_760_000, "21": 2_047_000, "22": 1_436_000, "23": 735_000, "24": 1_538_000,
              "25": 1_350_000}
MIN_2024 = {"25": 25, "03": 25, "01": 25}
ALLOC_2023 = {"01": 9_835_000, "03": 1_630_000, "04": 1_339_000, "05": 2_111_000, "06": 1_487_000,
              "07": 865_000, "08": 919_000, "09": 206_000, "10": 598_000, "12": 6_333_000,
              "13": 1_079_000, "14": 7_504_000, "17": 979_000, "18": 1_349_000, "19": 1_223_000,
              "20": 902_000, "21": 1_049_000, "22": 736_000, "23": 376_000, "24": 788_000,
              "25": 692_000}
ALLOC_PILOT = {"0127": (580_000, 45), "1280": (580_000, 45), "1480": (580_000, 45), "0180": (255_000, 40)}


def fmt(n):
    return f"{n:,}".replace(",", " ")


def iso(d):
    return d if isinstance(d, str) else d.isoformat()


# ---------------------------------------------------------------- names
class Names:
    def __init__(self, shared):
        self.reg = {}
        with open(shared / "data" / "scb_regions.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.reg[r["region_code"]] = (r["region_name"], r["county_name"])
        self.mun = {}
        with open(shared / "data" / "scb_municipalities.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.mun[r["municipality_code"]] = (r["municipality_name"], r["region_code"])

    def region(self, code):
        return self.reg[code][0]

    def mshort(self, code):
        return self.mun[code][0]

    def mlong(self, code):
        n = self.mun[code][0]
        special = {"1280": "Malmö stad", "1480": "Göteborgs Stad", "0180": "Stockholms stad",
                   "1980": "Västerås stad", "2080": "Falu kommun"}
        return special.get(code, f"{n} kommun")

    def mgen(self, code):
        n = self.mun[code][0]
        return n if n[-1] in "sxz" else n + "s"


# ---------------------------------------------------------------- drawing helpers
class Page:
    def __init__(self, c):
        self.c = c

    def t(self, x, y, s, font="Sans", size=10, color=(0, 0, 0)):
        self.c.setFillColorRGB(*color)
        self.c.setFont(font, size)
        self.c.drawString(x, y, s)
        self.c.setFillColorRGB(0, 0, 0)

    def tr(self, x, y, s, font="Sans", size=10):
        self.c.setFont(font, size)
        self.c.drawRightString(x, y, s)

    def para(self, x, y, s, width, font="Serif", size=10.5, lead=None):
        lead = lead or size * 1.42
        self.c.setFont(font, size)
        for line in simpleSplit(s, font, size, width):
            self.c.drawString(x, y, line)
            y -= lead
        return y

    def line(self, x0, y0, x1, y1, w=0.6):
        self.c.setLineWidth(w)
        self.c.line(x0, y0, x1, y1)

    def rect(self, x, y, w, h, lw=0.7, fill=None):
        self.c.setLineWidth(lw)
        if fill is not None:
            self.c.setFillGray(fill)
            self.c.rect(x, y, w, h, stroke=1, fill=1)
            self.c.setFillGray(0)
        else:
            self.c.rect(x, y, w, h, stroke=1, fill=0)


def scribble(c, x, y, rng, width=110, color=(0.1, 0.15, 0.45)):
    """A handwritten signature: a few connected bezier loops."""
    c.saveState()
    c.setStrokeColorRGB(*color)
    c.setLineWidth(rng.uniform(0.9, 1.4))
    c.setLineCap(1)
    p = c.beginPath()
    cx, cy = x, y + rng.uniform(-2, 3)
    p.moveTo(cx, cy)
    n = rng.randint(4, 7)
    for i in range(n):
        dx = width / n
        p.curveTo(cx + dx * 0.3, cy + rng.uniform(8, 20), cx + dx * 0.7, cy - rng.uniform(6, 14),
                  cx + dx, cy + rng.uniform(-4, 6))
        cx += dx
        cy = cy + rng.uniform(-3, 3)
    p.curveTo(cx + 10, cy - 12, x + width * 0.3, y - 8, x - 5, y - 3)
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def letterhead(pg, org, rng, style):
    if style == 0:
        pg.t(60, 790, org, "SansB", 15)
        pg.line(60, 780, 535, 780, 1.2)
    elif style == 1:
        pg.c.setFillGray(0.25)
        pg.c.circle(75, 793, 13, stroke=0, fill=1)
        pg.c.setFillGray(0)
        pg.t(96, 788, org, "SerifB", 14)
    else:
        pg.t(60, 792, org.upper(), "CondB", 13)
        pg.t(60, 778, "Hälso- och sjukvårdsförvaltningen" if org.startswith("Region") or "region" in org
             else "Socialförvaltningen", "Cond", 9)


def addr_block(pg, y=720):
    pg.t(330, y, "Socialstyrelsen", "Sans", 10)
    pg.t(330, y - 14, "Enheten för statsbidrag", "Sans", 10)
    pg.t(330, y - 28, "106 30 Stockholm", "Sans", 10)


def footer(pg, org, orgnr, phone):
    pg.line(60, 62, 535, 62, 0.4)
    pg.t(60, 50, f"{org}   Org.nr {orgnr}   Tel {phone}", "Sans", 7.5)


# ---------------------------------------------------------------- document builders
def collab_text(N, codes, style):
    names = [N.mlong(c) for c in codes]
    if style == 0:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    shorts = [N.mshort(c) for c in codes]
    if len(shorts) == 1:
        return f"{N.mlong(codes[0])}"
    return "kommunerna " + ", ".join(shorts[:-1]) + " och " + shorts[-1]


def draw_cover_letter(c, d, N, rng):
    pg = Page(c)
    letterhead(pg, d["orgname"], rng, d["lh"])
    addr_block(pg)
    pg.t(60, 720, f"{d['city']} {d['date']}", "Sans", 10)
    pg.t(60, 706, f"Dnr {d['dnr']}", "Sans", 9)
    prog = "utökade hembesöksprogram" if d["program"] == "hembesok" else "pilotverksamhet i barnhälsovården"
    what = {"requisition": "rekvisition", "return_report": "återrapportering med ekonomisk redovisning"}[d["type"]]
    pg.t(60, 640, f"Översändande av {what}", "SansB", 12)
    y = pg.para(60, 615, f"Härmed översänds {d['orgname']}s {what} avseende statsbidrag för {prog}, "
                          f"bidragsår {d['year']}. Handlingen är undertecknad av behörig företrädare och "
                          f"bifogas som sida 2.", 470)
    y = pg.para(60, y - 8, "Originalet förvaras hos avsändaren. Vid frågor om handlingen, kontakta "
                           f"undertecknad eller handläggaren {d['contact']}.", 470)
    pg.t(60, y - 30, "Med vänlig hälsning", "Serif", 10.5)
    if d.get("signed"):
        scribble(c, 62, y - 62, rng, 95)
    pg.t(60, y - 80, d["signer"], "Serif", 10.5)
    pg.t(60, y - 94, d["signer_title"], "Serif", 9.5)
    footer(pg, d["orgname"], d["orgnr"], d["phone"])


def draw_req_form(c, d, N, rng):
    pg = Page(c)
    letterhead(pg, d["orgname"], rng, d["lh"])
    pg.t(60, 745, "Rekvisition av statsbidrag", "SansB", 16)
    pg.t(60, 727, PROG_TEXT[d["program"]], "Sans", 9.5)
    if d.get("corrected"):
        pg.t(330, 745, "RÄTTAD REKVISITION", "SansB", 11)
        pg.t(330, 733, "ersätter tidigare inskickad rekvisition", "Sans", 8)
    rows = [("Sökande organisation", d["orgname"]), ("Organisationsnummer", d["orgnr"]),
            ("Bidragsår", str(d["year"]))]
    if d.get("requested") is not None:
        rows.append(("Rekvirerat belopp", d["amount_str"]))
    if d["program"] == "hembesok" and d["kind"] == "region" and d["year"] >= 2024:
        rows.append(("Samverkande kommuner", collab_text(N, d["collab"], 0) if d.get("collab") else ""))
        rows.append(("Andel till kommunal verksamhet",
                     f"{d['share']} %" if d.get("share") is not None else ""))
    elif d.get("share") is not None:
        rows.append(("Kommunens andel av områdets medel", f"{d['share']} %"))
    rows += [("Bankgiro", d["bg"]), ("Kontaktperson", d["contact"]), ("Diarienummer", d["dnr"])]
    y = 700
    x0, lw, vw = 60, 200, 275
    amount_y = None
    for lab, val in rows:
        lines = simpleSplit(val, "Sans", 11, vw - 12) or [""]
        h = max(24, 15 * len(lines) + 9)
        pg.rect(x0, y - h, lw, h, fill=0.92)
        pg.rect(x0 + lw, y - h, vw, h)
        pg.t(x0 + 6, y - 16, lab, "Sans", 9.5)
        for i, ln in enumerate(lines):
            pg.t(x0 + lw + 6, y - 16 - 15 * i, ln, "Sans", 11)
        if lab == "Rekvirerat belopp":
            amount_y = y
        y -= h
    y -= 26
    y = pg.para(60, y, "Undertecknad intygar att uppgifterna är riktiga och att bidraget kommer att användas "
                       "i enlighet med villkoren i Socialstyrelsens anvisningar för bidragsåret. "
                       f"Medlen avser kostnader {d['year']}-01-01 – {d['year']}-12-31.", 470, "Sans", 9)
    y -= 20
    pg.t(60, y, "Ort och datum", "Sans", 8.5)
    pg.t(300, y, "Underskrift behörig företrädare", "Sans", 8.5)
    pg.t(60, y - 20, f"{d['city']} {d['date']}", "Sans", 11)
    pg.line(300, y - 24, 530, y - 24)
    if d.get("signed"):
        scribble(c, 310, y - 20, rng, 120)
    pg.t(300, y - 38, f"{d['signer']}, {d['signer_title']}", "Sans", 9)
    footer(pg, d["orgname"], d["orgnr"], d["phone"])
    return amount_y


def draw_req_letter(c, d, N, rng):
    pg = Page(c)
    letterhead(pg, d["orgname"], rng, d["lh"])
    addr_block(pg)
    pg.t(60, 720, f"Datum: {d['date']}", "Sans", 10)
    pg.t(60, 706, f"Vår beteckning: {d['dnr']}", "Sans", 9)
    if d["program"] == "hembesok":
        head = f"Rekvisition av statsbidrag för utökade hembesöksprogram {d['year']}"
    else:
        head = f"Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården {d['year']}"
    pg.t(60, 650, head, "SansB", 12.5)
    y = 625
    if d.get("extra"):
        s = (f"Utöver tidigare inskickad rekvisition rekvirerar {d['orgname']} härmed ytterligare "
             f"{d['amount_str']} ur de kvarvarande medlen för bidragsåret {d['year']}.")
    elif d.get("requested") is not None:
        s = (f"{d['orgname']} rekvirerar härmed {d['amount_str']} i statsbidrag för bidragsåret {d['year']} "
             f"enligt Socialstyrelsens anvisningar.")
    else:
        s = (f"{d['orgname']} rekvirerar härmed det belopp som har tilldelats regionen enligt "
             f"Socialstyrelsens fördelningslista för bidragsåret {d['year']}.")
    y = pg.para(60, y, s, 470)
    if d.get("collab"):
        y = pg.para(60, y - 6, f"Arbetet bedrivs i samverkan med {collab_text(N, d['collab'], d['ct'])}, "
                               "med fokus på områden med socioekonomiska utmaningar.", 470)
    if d.get("share") is not None:
        if d["kind"] == "region":
            y = pg.para(60, y - 6, f"Av bidraget avses {d['share']} procent finansiera kommunal verksamhet "
                                   "(socialtjänstens förebyggande arbete).", 470)
        else:
            y = pg.para(60, y - 6, f"Kommunens andel av pilotområdets medel är {d['share']} procent.", 470)
    if d.get("wish_more"):
        y = pg.para(60, y - 6, "Regionen önskar även ta del av eventuellt kvarvarande medel efter "
                               "rekvisitionstillfället.", 470)
    y = pg.para(60, y - 6, f"Utbetalning önskas till bankgiro {d['bg']}. Kontaktperson är {d['contact']}.", 470)
    pg.t(60, y - 34, "Med vänlig hälsning", "Serif", 10.5)
    if d.get("signed"):
        scribble(c, 62, y - 66, rng, 100)
    pg.t(60, y - 84, d["signer"], "Serif", 10.5)
    pg.t(60, y - 98, f"{d['signer_title']}, {d['orgname']}", "Serif", 9.5)
    footer(pg, d["orgname"], d["orgnr"], d["phone"])


COST_REGION = ["Personalkostnader BVC-sjuksköterskor", "Personalkostnader föräldrarådgivare (kommun)",
               "Tolkkostnader", "Resor och bilersättning", "Utbildning och handledning",
               "Informationsmaterial", "Samordning och administration"]
COST_MUN = ["Föräldrarådgivare socialtjänst", "Tolkkostnader", "Resor", "Utbildning och handledning",
            "Material"]


def split_rows(total, labels, rng):
    w = [rng.uniform(0.2, 1.0) for _ in labels]
    w[0] *= 4
    s = sum(w)
    vals = [int(round(total * x / s / 100.0)) * 100 for x in w]
    vals[0] += total - sum(vals)
    return list(zip(labels, vals))


def draw_return(c, d, N, rng):
    pg = Page(c)
    letterhead(pg, d["orgname"], rng, d["lh"])
    title = "Återrapportering av statsbidrag" if d["tstyle"] == 0 else "Ekonomisk redovisning – återrapport"
    pg.t(60, 745, title, "SansB", 15)
    pg.t(60, 728, PROG_TEXT[d["program"]], "Sans", 9)
    pg.t(60, 708, f"Bidragsår: {d['year']}", "Sans", 10.5)
    pg.t(250, 708, f"Redovisningsperiod: {d['year']}-01-01 – {d['year']}-12-31", "Sans", 9)
    pg.t(60, 692, f"Mottagare: {d['orgname']}   Org.nr {d['orgnr']}", "Sans", 9.5)
    pg.t(60, 666, "1. Kostnader som finansierats med bidraget", "SansB", 11)
    y = 650
    x0, x1 = 60, 535
    pg.rect(x0, y - 18, x1 - x0, 18, fill=0.88)
    pg.t(x0 + 6, y - 13, "Kostnadsslag", "SansB", 9.5)
    pg.tr(x1 - 8, y - 13, "Belopp (kr)", "SansB", 9.5)
    y -= 18
    for lab, v in d["rows"]:
        pg.rect(x0, y - 19, x1 - x0, 19)
        pg.line(400, y, 400, y - 19)
        pg.t(x0 + 6, y - 13.5, lab, "Sans", 10)
        pg.tr(x1 - 8, y - 13.5, fmt(v), "Sans", 10.5)
        y -= 19
    pg.rect(x0, y - 21, x1 - x0, 21, lw=1.2)
    pg.line(400, y, 400, y - 21)
    pg.t(x0 + 6, y - 15, "Summa förbrukade medel", "SansB", 10.5)
    pg.tr(x1 - 8, y - 15, fmt(d["table_total"]), "SansB", 10.5)
    y -= 46
    pg.t(60, y, "2. Sammanställning", "SansB", 11)
    y -= 10
    summ = [("Erhållet bidrag", d["received_amt"]), ("Förbrukat bidrag", d["used"]),
            ("Ej förbrukat bidrag (att återbetala)", d["unused"])]
    for lab, v in summ:
        pg.rect(60, y - 22, 280, 22, fill=0.94)
        pg.rect(340, y - 22, 195, 22)
        pg.t(66, y - 15, lab, "Sans", 10)
        pg.tr(527, y - 15, f"{fmt(v)} kr", "Sans", 11)
        y -= 22
    y -= 20
    y = pg.para(60, y, "Verksamheten har bedrivits i samverkan med socialtjänsten, tandvården och "
                       "mödrahälsovården. En verksamhetsberättelse bifogas separat." if d["program"] == "hembesok"
                else "Kommunens föräldrarådgivare har deltagit i de utökade hembesöken i pilotområdet "
                     "tillsammans med barnhälsovården.", 470, "Sans", 9)
    if d.get("leftover"):
        y = pg.para(60, y - 4, "Erhållet bidrag inkluderar kvarvarande medel som Socialstyrelsen fördelade "
                               "efter rekvisitionstillfället.", 470, "Sans", 9)
    y -= 22
    pg.t(60, y, "Datum", "Sans", 8.5)
    pg.t(300, y, "Underskrift, ekonomiansvarig", "Sans", 8.5)
    pg.t(60, y - 20, d["date"], "Sans", 11)
    pg.line(300, y - 24, 530, y - 24)
    if d.get("signed"):
        scribble(c, 306, y - 21, rng, 115)
    pg.t(300, y - 38, f"{d['signer']}, {d['signer_title']}", "Sans", 9)
    footer(pg, d["orgname"], d["orgnr"], d["phone"])


def draw_decision(c, d, N, rng):
    pg = Page(c)
    letterhead(pg, d["orgname"], rng, d["lh"])
    pg.t(60, 748, "PROTOKOLLSUTDRAG", "SansB", 13)
    pg.t(360, 748, "Regionstyrelsen", "Sans", 10)
    pg.t(360, 734, f"Sammanträdesdatum {d['date']}", "Sans", 10)
    pg.t(60, 700, f"§ {d['para']}  {d['heading']}", "SansB", 11.5)
    pg.t(60, 684, f"Diarienummer {d['dnr']}", "Sans", 9)
    pg.t(60, 656, "Beslut", "SansB", 11)
    y = pg.para(60, 638, d["beslut"], 470, "Serif", 10.5)
    if d.get("dist"):
        y -= 10
        x0, x1 = 60, 420
        for lab, v in d["dist"]:
            pg.rect(x0, y - 19, x1 - x0, 19)
            pg.t(x0 + 6, y - 13.5, lab, "Serif", 10)
            pg.tr(x1 - 8, y - 13.5, f"{fmt(v)} kr", "Serif", 10.5)
            y -= 19
        pg.rect(x0, y - 20, x1 - x0, 20, lw=1.2)
        pg.t(x0 + 6, y - 14, "Summa", "SerifB", 10)
        pg.tr(x1 - 8, y - 14, f"{fmt(sum(v for _, v in d['dist']))} kr", "SerifB", 10.5)
        y -= 20
    pg.t(60, y - 26, "Sammanfattning av ärendet", "SansB", 11)
    y = pg.para(60, y - 44, d["summary"], 470, "Serif", 10)
    y -= 30
    pg.t(60, y, "Vid protokollet", "Sans", 9)
    pg.t(300, y, "Justerare", "Sans", 9)
    if d.get("signed"):
        scribble(c, 62, y - 26, rng, 90)
        scribble(c, 302, y - 26, rng, 90)
    pg.t(60, y - 44, d["signer"], "Sans", 9)
    pg.t(300, y - 44, d["signer2"], "Sans", 9)
    pg.t(60, y - 74, "Utdragsbestyrkande:", "Sans", 8.5)
    footer(pg, d["orgname"], d["orgnr"], d["phone"])


def draw_invoice(c, d, N, rng):
    pg = Page(c)
    pg.t(60, 790, "Nordisk Tolkförmedling AB", "SansB", 14)
    pg.t(60, 776, "Box 1142, 172 23 Sundbyberg   Org.nr 556712-4480", "Sans", 8.5)
    pg.t(400, 790, "FAKTURA", "SansB", 18)
    info = [("Fakturanummer", "240318"), ("Fakturadatum", d["date"]), ("Förfallodatum", d["due"]),
            ("Kundnummer", "10455"), ("Er referens", "Barnhälsovården")]
    y = 750
    for lab, v in info:
        pg.t(360, y, lab, "Sans", 9)
        pg.t(460, y, v, "Sans", 9.5)
        y -= 14
    pg.t(60, 740, "Region Blekinge", "Sans", 10.5)
    pg.t(60, 726, "Barnhälsovården, Fakturaskanning", "Sans", 10)
    pg.t(60, 712, "Box 601", "Sans", 10)
    pg.t(60, 698, "371 26 Karlskrona", "Sans", 10)
    y = 640
    pg.rect(60, y - 18, 475, 18, fill=0.88)
    for x, s in [(66, "Beskrivning"), (330, "Antal"), (390, "À-pris")]:
        pg.t(x, y - 13, s, "SansB", 9)
    pg.tr(527, y - 13, "Belopp", "SansB", 9)
    y -= 18
    rows = [("Tolkuppdrag, hembesök BVC (arabiska)", 14, 650), ("Tolkuppdrag, hembesök BVC (somaliska)", 9, 650),
            ("Telefontolkning", 22, 310), ("Reseersättning tolk", 1, 1840)]
    tot = 0
    for lab, n, p in rows:
        pg.rect(60, y - 18, 475, 18)
        pg.t(66, y - 13, lab, "Sans", 9.5)
        pg.t(330, y - 13, str(n), "Sans", 9.5)
        pg.t(390, y - 13, fmt(p), "Sans", 9.5)
        pg.tr(527, y - 13, fmt(n * p), "Sans", 9.5)
        tot += n * p
        y -= 18
    moms = tot // 4
    for lab, v in [("Netto", tot), ("Moms 25 %", moms), ("Att betala", tot + moms)]:
        pg.t(360, y - 16, lab, "SansB" if lab == "Att betala" else "Sans", 10)
        pg.tr(527, y - 16, f"{fmt(v)} kr", "SansB" if lab == "Att betala" else "Sans", 10)
        y -= 16
    pg.para(60, y - 40, "Betalning till bankgiro 5731-2290 senast förfallodagen. Ange fakturanummer vid "
                        "betalning. Vid försenad betalning debiteras dröjsmålsränta enligt räntelagen.",
            470, "Sans", 9)
    pg.line(60, 62, 535, 62, 0.4)
    pg.t(60, 50, "Nordisk Tolkförmedling AB · Godkänd för F-skatt · Styrelsens säte Sundbyberg", "Sans", 7.5)


def draw_invitation(c, d, N, rng):
    pg = Page(c)
    letterhead(pg, d["orgname"], rng, d["lh"])
    pg.t(60, 720, f"Datum {d['date']}", "Sans", 10)
    pg.t(330, 720, d["to"], "Sans", 10)
    pg.t(60, 660, d["title"], "SansB", 14)
    y = pg.para(60, 632, d["body"], 470, "Serif", 10.5)
    y -= 10
    for lab, v in d["facts"]:
        pg.t(60, y, lab, "SansB", 10)
        pg.t(170, y, v, "Serif", 10.5)
        y -= 17
    y = pg.para(60, y - 14, d["end"], 470, "Serif", 10.5)
    pg.t(60, y - 30, "Välkomna!", "Serif", 10.5)
    pg.t(60, y - 60, d["signer"], "Serif", 10.5)
    pg.t(60, y - 74, d["signer_title"], "Serif", 9.5)
    footer(pg, d["orgname"], d["orgnr"], d["phone"])


def build_pdf(d, N, rng):
    """Born-digital PDF of the document's pages (in order); returns bytes."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(d.get("pdf_title", "Dokument"))
    c.setAuthor(d.get("orgname", ""))
    for kind in d["pages"]:
        {"cover": draw_cover_letter, "req_form": draw_req_form, "req_letter": draw_req_letter,
         "return": draw_return, "decision": draw_decision, "invoice": draw_invoice,
         "invitation": draw_invitation}[kind](c, d, N, rng)
        c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------- scanning
def scan_page(img, sp, nrng):
    """Degrade a rendered grey page like an office multifunction copier."""
    a = np.asarray(img.convert("L"), dtype=np.float32)
    h, w = a.shape
    # slight blur of the optics
    a = np.asarray(Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(sp["blur"])),
                   dtype=np.float32)
    # darkness / lightness of the copy
    a = 255 - (255 - a) * sp["contrast"]
    a = a + sp["bright"]
    # paper tone and sensor noise
    a = a - sp["paper"] + nrng.normal(0, sp["noise"], a.shape)
    # margin shadow (book edge / lid not closed)
    if sp["shadow"]:
        side, width, depth = sp["shadow"]
        ramp = np.clip(1 - np.arange(int(width)) / width, 0, 1) ** 1.6 * depth
        if side == "left":
            a[:, :len(ramp)] -= ramp[None, :]
        elif side == "top":
            a[:len(ramp), :] -= ramp[:, None]
        else:
            a[:, w - len(ramp):] -= ramp[::-1][None, :]
    # toner streaks (vertical)
    for (fx, sw, dark) in sp["streaks"]:
        x = int(fx * w)
        a[:, x:x + sw] -= dark
    a = np.clip(a, 0, 255)
    im = Image.fromarray(a.astype(np.uint8), "L")
    # skew
    im = im.rotate(sp["skew"], resample=Image.BICUBIC, fillcolor=int(min(255, 250 - sp["paper"])),
                   translate=(sp["shift"][0], sp["shift"][1]))
    a = np.asarray(im, dtype=np.float32).copy()
    # speckle: dust and toner dots
    n = int(sp["speckle"] * h * w / 1e6)
    ys = nrng.integers(0, h, n)
    xs = nrng.integers(0, w, n)
    for yy, xx in zip(ys, xs):
        r = int(nrng.integers(1, 3))
        a[yy:yy + r, xx:xx + r] = nrng.uniform(0, 90)
    a = np.clip(a, 0, 255)
    im = Image.fromarray(a.astype(np.uint8), "L")
    if sp["bw"]:
        im = im.point(lambda v: 255 if v > sp["thresh"] else 0).convert("1")
    return im


def scan_params(rng, dpi=None, bw=None):
    bw = rng.random() < 0.4 if bw is None else bw
    dpi = dpi or rng.choice([200, 300])
    sp = dict(dpi=dpi, bw=bw,
              blur=rng.uniform(0.3, 0.7) * dpi / 200,
              contrast=rng.uniform(0.85, 1.1),
              bright=rng.choice([-22, -14, -6, 0, 4, 8]),
              paper=rng.uniform(0, 14),
              noise=rng.uniform(2, 6),
              skew=rng.choice([-1, 1]) * rng.uniform(0.25, 1.8),
              shift=(rng.randint(-12, 12), rng.randint(-10, 10)),
              speckle=rng.uniform(8, 40),
              thresh=rng.randint(135, 165),
              quality=rng.randint(55, 82),
              shadow=None, streaks=[])
    if rng.random() < 0.45:
        sp["shadow"] = (rng.choice(["left", "top", "right"]), rng.uniform(0.02, 0.05) * dpi * 8.27,
                        rng.uniform(60, 130))
    if rng.random() < 0.45:
        for _ in range(rng.randint(1, 2)):
            if bw:   # black lines only in the outer margins so no value is hidden
                fx = rng.choice([rng.uniform(0.02, 0.08), rng.uniform(0.92, 0.97)])
                sp["streaks"].append((fx, rng.randint(2, 4), rng.uniform(120, 200)))
            else:
                sp["streaks"].append((rng.uniform(0.05, 0.95), rng.randint(2, 5), rng.uniform(18, 45)))
    return sp


def render(pdf_bytes, dpi):
    doc = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(doc)):
        bm = doc[i].render(scale=dpi / 72.0, grayscale=True)
        out.append(bm.to_pil().convert("L"))
    doc.close()
    return out


def encode_page(im, sp):
    b = io.BytesIO()
    if sp["bw"]:
        im.save(b, "PNG", dpi=(sp["dpi"], sp["dpi"]), optimize=False)
    else:
        im.save(b, "JPEG", quality=sp["quality"], dpi=(sp["dpi"], sp["dpi"]))
    return b.getvalue()


def make_scan(pdf_bytes, d, rng, nrng, out: Path):
    sp = scan_params(rng, d.get("dpi"), d.get("bw"))
    pages = render(pdf_bytes, sp["dpi"])
    order = list(range(len(pages)))
    if d.get("twice") is not None:
        order.insert(d["twice"] + 1, d["twice"])
    imgs = []
    for k, i in enumerate(order):
        psp = dict(sp)
        if k > 0:   # each sheet goes through the feeder on its own
            psp["skew"] = rng.choice([-1, 1]) * rng.uniform(0.2, 1.7)
            psp["shift"] = (rng.randint(-12, 12), rng.randint(-10, 10))
        imgs.append(scan_page(pages[i], psp, nrng))
    if out.suffix == ".pdf":
        data = img2pdf.convert([encode_page(im, sp) for im in imgs], nodate=True, engine=img2pdf.Engine.internal,
                               layout_fun=img2pdf.get_fixed_dpi_layout_fun((sp["dpi"], sp["dpi"])))
        out.write_bytes(data)
    elif out.suffix == ".jpg":
        imgs[0].convert("L").save(out, "JPEG", quality=sp["quality"], dpi=(sp["dpi"], sp["dpi"]))
    else:
        imgs[0].save(out, "PNG", dpi=(sp["dpi"], sp["dpi"]))
    return sp, len(imgs)


# ---------------------------------------------------------------- the documents
PEOPLE = ["Anna Lindqvist", "Karin Holm", "Johan Ekström", "Maria Nyberg", "Lars Sandberg", "Eva Forsberg",
          "Peter Åkesson", "Sofia Björk", "Mikael Lund", "Helena Östlund", "Fredrik Berg", "Linda Sjöberg",
          "Ulrika Dahl", "Tomas Wikström", "Camilla Strand", "Ahmed Yusuf", "Sara Engström", "Nils Hedlund"]
TITLES_R = ["Hälso- och sjukvårdsdirektör", "Regiondirektör", "Ekonomichef", "Verksamhetschef barnhälsovård"]
TITLES_M = ["Socialchef", "Förvaltningschef", "Ekonomichef", "Kommundirektör"]
CITY_R = {"01": "Stockholm", "03": "Uppsala", "04": "Nyköping", "05": "Linköping", "06": "Jönköping",
          "07": "Växjö", "08": "Kalmar", "10": "Karlskrona", "12": "Kristianstad", "13": "Halmstad",
          "14": "Vänersborg", "17": "Karlstad", "18": "Örebro", "19": "Västerås", "20": "Falun",
          "21": "Gävle", "22": "Härnösand", "23": "Östersund", "24": "Umeå", "25": "Luleå"}


# Each spec: received, type, program, year, org (kind, code) and what the page states.
# out: "pdf" (born-digital), "scan" (scanned PDF), "jpg"/"png" (single scanned page).
def specs():
    S = []
    a = S.append
    # ---- bhv-pilot 2023: municipalities
    a(dict(rcv="2023-05-09", type="requisition", program="bhv-pilot", year=2023, kind="municipality", code="0127",
           requested=580_000, share=45, date="2023-05-08", pages=["req_form"], out="scan", signed=True, bw=False))
    a(dict(rcv="2023-05-23", type="requisition", program="bhv-pilot", year=2023, kind="municipality", code="1280",
           requested=580_000, share=40, date="2023-05-22", pages=["cover", "req_form"], out="scan", signed=True))
    a(dict(rcv="2023-05-30", type="requisition", program="bhv-pilot", year=2023, kind="municipality", code="0126",
           requested=580_000, date="2023-05-26", pages=["req_form"], out="pdf"))
    a(dict(rcv="2023-06-05", type="requisition", program="bhv-pilot", year=2023, kind="municipality", code="0180",
           requested=255_000, share=40, date="2023-06-02", pages=["req_letter"], out="pdf"))
    a(dict(rcv="2023-06-14", type="requisition", program="bhv-pilot", year=2023, kind="municipality", code="0181",
           requested=580_000, date="2023-06-13", pages=["req_letter"], out="scan", signed=True, bw=True))
    a(dict(rcv="2023-06-19", type="requisition", program="bhv-pilot", year=2023, kind="municipality", code="1480",
           requested=580_000, share=45, date="2023-06-16", pages=["req_form"], out="scan", signed=True))
    # ---- hembesok 2023
    a(dict(rcv="2023-09-12", type="decision", program="hembesok", year=2023, kind="region", code="23",
           decided=376_000, dec_str="376 000 kronor", tol=0.5, date="2023-09-07", pages=["decision"], out="pdf"))
    a(dict(rcv="2023-09-26", type="decision", program="hembesok", year=2023, kind="region", code="18",
           decided=1_300_000, dec_str="1,3 miljoner kronor", tol=50_000, date="2023-09-21", pages=["decision"],
           out="scan", signed=True, bw=False))
    a(dict(rcv="2023-10-03", type="requisition", program="hembesok", year=2023, kind="region", code="17",
           requested=979_000, date="2023-09-29", pages=["req_form"], out="pdf"))
    a(dict(rcv="2023-10-10", type="decision", program="hembesok", year=2023, kind="region", code="20",
           decided=800_000, dec_str="0,8 miljoner kronor", tol=50_000, date="2023-10-05", pages=["decision"],
           out="scan", signed=True, bw=True))
    a(dict(rcv="2023-10-17", type="requisition", program="hembesok", year=2023, kind="region", code="13",
           requested=1_179_000, date="2023-10-16", pages=["req_letter"], out="pdf"))
    a(dict(rcv="2023-10-24", type="requisition", program="hembesok", year=2023, kind="region", code="08",
           requested=919_000, date="2023-10-20", pages=["cover", "req_form"], out="scan", signed=True))
    a(dict(rcv="2023-10-27", type="requisition", program="hembesok", year=2023, kind="region", code="13",
           requested=1_079_000, date="2023-10-26", pages=["req_form"], out="scan", signed=True, corrected=True))
    a(dict(rcv="2023-10-31", type="requisition", program="hembesok", year=2023, kind="region", code="24",
           requested=788_000, date="2023-10-30", pages=["req_form"], out="jpg", signed=True, bw=False))
    a(dict(rcv="2023-11-06", type="requisition", program="hembesok", year=2023, kind="region", code="21",
           requested=1_049_000, date="2023-11-02", pages=["req_letter"], out="pdf"))
    a(dict(rcv="2023-11-14", type="other", kind=None, code=None, date="2023-11-08", due="2023-12-08",
           pages=["invoice"], out="scan", bw=True))
    # ---- hembesok 2024: decisions and requisitions
    a(dict(rcv="2024-01-16", type="decision", program="hembesok", year=2024, kind="region", code="10",
           decided=1_167_000, dec_str="1 167 000 kronor", tol=0.5, share=40, collab=["1080", "1081"],
           date="2024-01-11", pages=["decision"], out="scan", signed=True, dist=True))
    a(dict(rcv="2024-01-23", type="requisition", program="hembesok", year=2024, kind="region", code="03",
           requested=3_182_000, share=30, collab=["0380", "0381"], date="2024-01-19", pages=["req_form"], out="pdf"))
    a(dict(rcv="2024-01-25", type="return_report", program="hembesok", year=2023, kind="region", code="18",
           received=1_349_000, used=1_212_400, unused=136_600, date="2024-01-22", pages=["return"],
           out="scan", signed=True))
    a(dict(rcv="2024-01-30", type="requisition", program="hembesok", year=2024, kind="municipality", code="0880",
           requested=400_000, date="2024-01-26", pages=["req_letter"], out="scan", signed=True, bw=True))
    a(dict(rcv="2024-02-06", type="requisition", program="hembesok", year=2024, kind="region", code="05",
           requested=4_121_000, share=35, collab=["0580", "0581"], date="2024-02-02",
           pages=["req_form"], out="scan", signed=True, twice=0))
    a(dict(rcv="2024-02-08", type="requisition", program="hembesok", year=2024, kind="municipality", code="0484",
           requested=350_000, date="2024-02-07", pages=["req_form"], out="pdf"))
    a(dict(rcv="2024-02-13", type="requisition", program="hembesok", year=2024, kind="region", code="12",
           requested=12_900_000, share=40, collab=["1280", "1281", "1283"], date="2024-02-09",
           pages=["cover", "req_form"], out="scan", signed=True, bw=False))
    a(dict(rcv="2024-02-15", type="return_report", program="hembesok", year=2023, kind="region", code="17",
           received=979_000, used=951_300, unused=27_700, date="2024-02-14", pages=["return"], out="pdf"))
    a(dict(rcv="2024-02-20", type="decision", program="hembesok", year=2024, kind="region", code="19",
           decided=2_400_000, dec_str="2,4 miljoner kronor", tol=50_000, share=50, collab=["1980", "1983"],
           date="2024-02-15", pages=["decision"], out="pdf"))
    a(dict(rcv="2024-02-27", type="requisition", program="hembesok", year=2024, kind="region", code="06",
           requested=2_903_000, collab=["0680", "0683"], date="2024-02-23", pages=["req_letter"],
           out="scan", signed=True))
    a(dict(rcv="2024-02-29", type="return_report", program="hembesok", year=2023, kind="region", code="08",
           received=919_000, used=884_500, unused=34_500, sum_bad=True, date="2024-02-26",
           pages=["cover", "return"], out="scan", signed=True))
    a(dict(rcv="2024-03-01", type="return_report", program="hembesok", year=2023, kind="region", code="13",
           received=1_079_000, used=1_102_600, unused=0, date="2024-02-28", pages=["return"],
           out="scan", signed=True, bw=True))
    a(dict(rcv="2024-03-05", type="requisition", program="hembesok", year=2024, kind="region", code="25",
           requested=1_350_000, share=20, collab=["2580", "2581"], date="2024-03-04", pages=["req_letter"], out="pdf"))
    a(dict(rcv="2024-03-07", type="return_report", program="hembesok", year=2023, kind="region", code="21",
           received=1_049_000, used=1_003_800, unused=45_200, date="2024-03-04", pages=["return"],
           out="jpg", signed=True, bw=False))
    a(dict(rcv="2024-03-12", type="other", kind="region", code="18", date="2024-03-08", pages=["invitation"],
           out="scan", inv="network"))
    a(dict(rcv="2024-03-14", type="requisition", program="hembesok", year=2024, kind="region", code="01",
           requested=19_149_000, share=45, collab=["0180", "0127", "0181"], date="2024-03-13",
           pages=["req_form"], out="png", signed=True, bw=True, dpi=300))
    a(dict(rcv="2024-03-19", type="requisition", program="hembesok", year=2024, kind="region", code="14",
           requested=14_650_000, share=40, collab=["1480", "1490", "1488"], date="2024-03-18",
           pages=["req_letter"], out="pdf"))
    a(dict(rcv="2024-03-21", type="requisition", program="hembesok", year=2024, kind="region", code="13",
           requested=2_106_000, share=50, date="2024-03-20", pages=["req_form"], out="scan", signed=True, bw=True))
    a(dict(rcv="2024-03-26", type="requisition", program="hembesok", year=2024, kind="region", code="05",
           requested=300_000, share=35, collab=["0580", "0581"], date="2024-03-25", pages=["req_letter"],
           out="scan", signed=True, extra=True))
    a(dict(rcv="2024-03-28", type="requisition", program="hembesok", year=2024, kind="region", code="07",
           share=30, collab=["0780", "0781"], date="2024-03-27", pages=["req_letter"], out="pdf"))
    a(dict(rcv="2024-04-02", type="decision", program="hembesok", year=2024, kind="region", code="20",
           decided=1_500_000, dec_str="1 500 tkr", tol=500, share=45, collab=["2080", "2081", "2085"],
           date="2024-03-26", pages=["decision"], out="scan", signed=True))
    a(dict(rcv="2024-04-05", type="requisition", program="hembesok", year=2024, kind="region", code="21",
           requested=2_047_000, share=30, collab=["2180", "2181", "2184"], date="2024-04-03",
           pages=["cover", "req_form"], out="scan", signed=True, twice=1))
    a(dict(rcv="2024-04-09", type="requisition", program="hembesok", year=2024, kind="region", code="22",
           requested=1_436_000, share=40, collab=["2281", "2284"], date="2024-04-08", pages=["req_form"],
           out="pdf"))
    # ---- pilot reports
    a(dict(rcv="2024-04-25", type="return_report", program="bhv-pilot", year=2023, kind="municipality", code="0127",
           received=580_000, used=561_300, unused=18_700, date="2024-04-23", pages=["return"], out="png",
           signed=True, bw=False, dpi=200))
    a(dict(rcv="2024-04-30", type="return_report", program="bhv-pilot", year=2023, kind="municipality", code="0180",
           received=255_000, used=255_000, unused=0, date="2024-04-29", pages=["return"], out="pdf"))
    a(dict(rcv="2024-05-03", type="return_report", program="bhv-pilot", year=2023, kind="municipality", code="1280",
           received=580_000, used=540_000, unused=30_000, date="2024-05-02", pages=["return"], out="pdf"))
    a(dict(rcv="2024-05-07", type="return_report", program="bhv-pilot", year=2023, kind="municipality", code="1480",
           received=580_000, used=572_900, unused=7_100, date="2024-05-06", pages=["cover", "return"],
           out="scan", signed=True))
    a(dict(rcv="2024-09-10", type="other", kind="municipality", code="0581", date="2024-09-04",
           pages=["invitation"], out="pdf", inv="steering"))
    # ---- hembesok 2024 reports
    a(dict(rcv="2025-01-21", type="return_report", program="hembesok", year=2024, kind="region", code="03",
           received=3_182_000, used=2_947_600, unused=234_400, date="2025-01-17", pages=["cover", "return"],
           out="scan", signed=True, bw=False))
    a(dict(rcv="2025-01-28", type="return_report", program="hembesok", year=2024, kind="region", code="10",
           received=1_167_000, used=1_098_200, unused=68_800, date="2025-01-27", pages=["return"], out="pdf"))
    a(dict(rcv="2025-02-04", type="return_report", program="hembesok", year=2024, kind="region", code="25",
           received=1_462_000, used=1_401_500, unused=60_500, date="2025-02-03", pages=["return"],
           out="scan", signed=True, leftover=True))
    a(dict(rcv="2025-02-11", type="return_report", program="hembesok", year=2024, kind="region", code="05",
           received=4_421_000, used=4_127_300, unused=293_700, sum_bad=True, date="2025-02-10",
           pages=["return"], out="scan", signed=True, bw=True))
    a(dict(rcv="2025-02-18", type="return_report", program="hembesok", year=2024, kind="region", code="14",
           received=14_650_000, used=13_884_200, unused=756_800, date="2025-02-14", pages=["cover", "return"],
           out="scan", signed=True))
    a(dict(rcv="2025-02-20", type="return_report", program="hembesok", year=2024, kind="region", code="01",
           received=19_149_000, used=18_463_700, unused=685_300, date="2025-02-19", pages=["return"], out="pdf"))
    a(dict(rcv="2025-02-26", type="return_report", dup_of=("return_report", "10", 2024)))
    a(dict(rcv="2025-03-04", type="return_report", program="hembesok", year=2024, kind="region", code="12",
           received=12_364_000, used=11_870_900, unused=493_100, date="2025-02-28", pages=["return"],
           out="scan", signed=True, twice=0))
    a(dict(rcv="2025-03-06", type="return_report", program="hembesok", year=2024, kind="region", code="22",
           received=1_436_000, used=1_436_000, unused=0, date="2025-02-27", pages=["return"], out="pdf"))
    return S


def compute_flags(docs):
    on_file_sha = set()
    reqs = []
    for d in docs:
        fl = set()
        if d["sha"] in on_file_sha:
            fl.add("DUPLICATE_DOCUMENT")
        on_file_sha.add(d["sha"])
        t = d["type"]
        if t == "other":
            fl.add("UNKNOWN_DOCUMENT_TYPE")
            d["flags"] = sorted(fl)
            continue
        key = (d["program"], d["year"])
        pr = PROGRAMS[key]
        wrong = d["kind"] not in pr["kinds"]
        if wrong:
            fl.add("WRONG_RECIPIENT_KIND")
        alloc, mn = None, None
        if key == ("hembesok", 2024):
            alloc, mn = ALLOC_2024.get(d["code"]) if d["kind"] == "region" else None, \
                MIN_2024.get(d["code"]) if d["kind"] == "region" else None
        elif key == ("hembesok", 2023):
            alloc = ALLOC_2023.get(d["code"]) if d["kind"] == "region" else None
        elif key == ("bhv-pilot", 2023) and d["code"] in ALLOC_PILOT and d["kind"] == "municipality":
            alloc, mn = ALLOC_PILOT[d["code"]]
        if alloc is None and not wrong:
            fl.add("NO_ALLOCATION")
        if d.get("share") is not None and mn is not None and d["share"] < mn:
            fl.add("SHARE_BELOW_MINIMUM")
        missing = False
        if t == "requisition":
            if d.get("requested") is None:
                missing = True
            elif alloc is not None and d["requested"] > alloc:
                fl.add("AMOUNT_EXCEEDS_ALLOCATION")
            if d["program"] == "hembesok" and d["year"] >= 2024 and d["kind"] == "region":
                if not d.get("collab") or d.get("share") is None:
                    missing = True
            if any(r[0] == (d["kind"], d["code"]) and r[1] == key for r in reqs):
                fl.add("DUPLICATE_REQUISITION")
            if d["rcv"] > pr["req_deadline"]:
                fl.add("LATE_REQUISITION")
            reqs.append(((d["kind"], d["code"]), key, d.get("requested") or 0))
            tot = sum(r[2] for r in reqs if r[1] == key)
            assert tot <= pr["pool"], key
        elif t == "return_report":
            if alloc is not None and d["received"] > alloc:
                fl.add("AMOUNT_EXCEEDS_ALLOCATION")
            if d["rcv"] > pr["rep_deadline"]:
                fl.add("LATE_REPORT")
            if d["used"] > d["received"]:
                fl.add("USED_EXCEEDS_RECEIVED")
            elif abs(d["received"] - d["used"] - d["unused"]) > 1:
                fl.add("UNUSED_MISMATCH")
            if abs(sum(v for _, v in d["rows"]) - d["table_total"]) > 1:
                fl.add("SUM_MISMATCH")
        elif t == "decision":
            if alloc is not None and abs(d["decided"] - alloc) > d["tol"]:
                fl.add("DECISION_AMOUNT_MISMATCH")
        if missing and not wrong:
            fl.add("MISSING_FIELD")
        d["flags"] = sorted(fl)


def enrich(d, i, N, rng):
    """Fill in the text the pages carry."""
    if d["kind"] == "region":
        d["orgname"] = N.region(d["code"])
        d["city"] = CITY_R[d["code"]]
        d["orgnr"] = f"232100-{rng.randint(1000, 9999)}"
        d["signer_title"] = rng.choice(TITLES_R)
    elif d["kind"] == "municipality":
        d["orgname"] = N.mlong(d["code"])
        d["city"] = N.mshort(d["code"])
        d["orgnr"] = f"212000-{rng.randint(1000, 9999)}"
        d["signer_title"] = rng.choice(TITLES_M)
    else:
        d["orgname"] = ""
        d["orgnr"] = ""
        d["city"] = ""
        d["signer_title"] = ""
    d["signer"] = rng.choice(PEOPLE)
    d["signer2"] = rng.choice([p for p in PEOPLE if p != d["signer"]])
    d["contact"] = f"{rng.choice(PEOPLE)}, tel 0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}"
    d["phone"] = f"0{rng.randint(10, 99)}-{rng.randint(10, 99)} {rng.randint(10, 99)} 00"
    d["bg"] = f"{rng.randint(100, 9999)}-{rng.randint(1000, 9999)}"
    yr = d.get("year") or int(d["date"][:4])
    d["dnr"] = rng.choice([f"RS {yr}/{rng.randint(100, 2999)}", f"HSN {yr}-{rng.randint(10, 999)}",
                           f"SN {yr}/{rng.randint(10, 900)}:{rng.randint(1, 9)}"])
    d["lh"] = rng.randint(0, 2)
    d["ct"] = rng.randint(0, 1)
    d["tstyle"] = rng.randint(0, 1)
    if d.get("requested") is not None:
        d["amount_str"] = rng.choice([f"{fmt(d['requested'])} kr", f"{fmt(d['requested'])} kronor",
                                      f"{fmt(d['requested'])}:-"])
    if d["type"] == "return_report":
        labels = COST_REGION if d["kind"] == "region" else COST_MUN
        labels = labels[:rng.randint(len(labels) - 2, len(labels))]
        d["rows"] = split_rows(d["used"], labels, rng)
        d["table_total"] = d["used"]
        if d.get("sum_bad"):   # a row was changed after the total was typed
            lab, v = d["rows"][1]
            d["rows"][1] = (lab, v + rng.choice([-1, 1]) * rng.choice([12_000, 25_000, 9_500]))
        d["received_amt"] = d["received"]
    if d["type"] == "decision":
        org = d["orgname"]
        d["para"] = rng.randint(12, 148)
        if d["year"] == 2023:
            d["heading"] = "Statsbidrag för utökade hembesöksprogram 2023"
            d["beslut"] = (f"Regionstyrelsen beslutar att fördela statsbidraget ({d['dec_str']} {d['year']}) för "
                           "att stödja och stimulera barnhälsovårdens förebyggande arbete med hembesök till "
                           "centrala barnhälsovårdsenheten, samt att uppdra åt regiondirektören att rekvirera "
                           "medlen från Socialstyrelsen.")
            d["summary"] = ("Socialstyrelsen har regeringens uppdrag att stödja och stimulera barnhälsovårdens "
                            "arbete med hembesöksprogram. Statsbidraget får endast användas till utökade hembesök "
                            f"och ska användas under perioden 2023-01-01 – 2023-12-31. Återrapportering sker "
                            "senast den 1 mars 2024.")
        else:
            d["heading"] = "Statsbidrag för utökade hembesöksprogram 2024"
            d["beslut"] = (f"Regionstyrelsen beslutar att rekvirera statsbidraget för utökade hembesöksprogram "
                           f"{d['year']} om {d['dec_str']}, samt att {d['share']} procent av bidraget fördelas till "
                           f"kommunal verksamhet i samverkan med {collab_text(N, d['collab'], 0)}.")
            if d.get("dist"):
                mun = round(d["decided"] * d["share"] / 100)
                per = [mun // len(d["collab"])] * len(d["collab"])
                per[0] += mun - sum(per)
                d["dist"] = [(f"{org} (regional verksamhet)", d["decided"] - mun)] + \
                            [(N.mlong(c), p) for c, p in zip(d["collab"], per)]
            d["summary"] = ("Regioner som i samverkan med kommuner inför eller vidareutvecklar utökade "
                            "hembesöksprogram i områden med socioekonomiska utmaningar kan rekvirera "
                            "statsbidrag. Rekvisitionen ska ha kommit in till Socialstyrelsen senast "
                            "den 5 april 2024 och ange samverkande kommuner och den andel som finansierar "
                            "kommunal verksamhet.")
    if d["type"] == "other" and d.get("inv") == "network":
        d["to"] = "Barnhälsovården i länet"
        d["title"] = "Inbjudan till nätverksträff om hembesök"
        d["body"] = ("Centrala barnhälsovårdsenheten bjuder in BVC-sjuksköterskor, föräldrarådgivare och "
                     "chefer till en gemensam nätverksträff om arbetet med hembesök. Vi delar erfarenheter "
                     "från det gångna året och går igenom planeringen framåt.")
        d["facts"] = [("Tid", "torsdag 18 april kl. 09.00–15.30"), ("Plats", "Conventum, Örebro"),
                      ("Anmälan", "senast 2 april via regionens kursportal"), ("Kostnad", "Ingen avgift")]
        d["end"] = "Lunch och fika ingår. Meddela eventuell specialkost vid anmälan."
        d["pdf_title"] = "Inbjudan"
    if d["type"] == "other" and d.get("inv") == "steering":
        d["to"] = "Styrgruppen för familjecentral Navestad"
        d["title"] = "Kallelse till styrgruppsmöte"
        d["body"] = ("Härmed kallas styrgruppens ledamöter till möte om familjecentralens verksamhet under "
                     "hösten. Ärenden: lokalfrågor, bemanning av öppna förskolan och gemensam "
                     "föräldrautbildning.")
        d["facts"] = [("Tid", "onsdag 25 september kl. 13.00–15.00"), ("Plats", "Navestads familjecentral"),
                      ("Förhinder", "meddelas sekreteraren senast 20 september")]
        d["end"] = "Minnesanteckningar från föregående möte bifogas."
        d["pdf_title"] = "Kallelse"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1919)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    a = ap.parse_args()
    N = Names(Path(a.shared))
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for p in out.iterdir():
        if p.is_file() and p.suffix in (".pdf", ".jpg", ".png", ".json", ".csv"):
            p.unlink()
    docs = specs()
    assert len({d["rcv"] for d in docs}) == len(docs), "one document per day keeps arrival order unambiguous"
    assert [d["rcv"] for d in docs] == sorted(d["rcv"] for d in docs)
    styles = {}
    for i, d in enumerate(docs):
        rng = random.Random(f"{a.seed}-doc-{i}")
        nrng = np.random.default_rng(a.seed * 1000 + i)
        if "dup_of" in d:
            src = next(x for x in docs[:i] if (x["type"], x.get("code"), x.get("year")) == d["dup_of"])
            rcv = d["rcv"]
            d.clear()
            d.update({k: v for k, v in src.items() if k not in ("file", "flags")})
            d["rcv"] = rcv
            d["file"] = f"C19_{i + 1:02d}{Path(src['file']).suffix}"
            shutil.copyfile(out / src["file"], out / d["file"])
            d["sha"] = src["sha"]
            d["style"] = "resent copy of " + src["file"]
            continue
        enrich(d, i, N, rng)
        pdf = build_pdf(d, N, rng)
        ext = {"pdf": ".pdf", "scan": ".pdf", "jpg": ".jpg", "png": ".png"}[d["out"]]
        d["file"] = f"C19_{i + 1:02d}{ext}"
        path = out / d["file"]
        if d["out"] == "pdf":
            path.write_bytes(pdf)
            d["scanned"] = False
            d["style"] = "+".join(d["pages"]) + " (text)"
        else:
            sp, npages = make_scan(pdf, d, rng, nrng, path)
            d["scanned"] = True
            d["style"] = (f"{'+'.join(d['pages'])} scan {sp['dpi']}dpi {'bw' if sp['bw'] else 'grey'} "
                          f"skew {sp['skew']:.1f} {d['out']}" + (" page-twice" if d.get("twice") is not None else "")
                          + (" signed" if d.get("signed") else ""))
        d["sha"] = hashlib.sha256(path.read_bytes()).hexdigest()
    compute_flags(docs)
    truth = []
    for d in docs:
        e = {"document_type": d["type"]}
        if d["type"] != "other":
            e["program"] = d["program"]
            e["grant_year"] = d["year"]
        if d.get("kind"):
            e["organisation"] = {"kind": d["kind"], "code": d["code"]}
        am = {}
        for k_src, k in [("requested", "requested"), ("received", "received"), ("used", "used"),
                         ("unused", "unused"), ("decided", "decided")]:
            if d.get(k_src) is not None and d["type"] != "other":
                am[k] = d[k_src]
        if am:
            e["amounts"] = am
        e["document_date"] = d["date"]
        if d.get("collab") and d["type"] in ("requisition", "decision"):
            e["collaborating_municipalities"] = sorted(d["collab"])
        if d.get("share") is not None:
            e["municipal_share_percent"] = d["share"]
        truth.append({"file": d["file"], "scanned": d["scanned"], "received": d["rcv"], "expect": e,
                      "flags": d["flags"]})
        styles[d["file"]] = d["style"]
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(out / "allocations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek",
                    "municipal_share_min_percent"])
        for code, v in ALLOC_2024.items():
            w.writerow(["hembesok", 2024, code, N.region(code), v, MIN_2024.get(code, "")])
        for code, v in ALLOC_2023.items():
            w.writerow(["hembesok", 2023, code, N.region(code), v, ""])
        for code, (v, mn) in ALLOC_PILOT.items():
            w.writerow(["bhv-pilot", 2023, code, N.mshort(code), v, mn])
    for f, s in styles.items():
        print(f, s, file=sys.stderr)


if __name__ == "__main__":
    main()
