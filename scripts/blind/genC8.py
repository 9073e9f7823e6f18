#!/usr/bin/env python3
"""C8 blind corpus: mixed and unusual pages in born-digital PDFs.

usage: genC8.py OUTDIR --seed N
"""
from pathlib import Path
import argparse, csv, datetime as dt, hashlib, io, json, os, random, shutil, sys

from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.utils import ImageReader, simpleSplit
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import numpy as np
import pypdfium2 as pdfium
import img2pdf

FD = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("Sans", FD + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("SansB", FD + "DejaVuSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Serif", FD + "DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("SerifB", FD + "DejaVuSerif-Bold.ttf"))
pdfmetrics.registerFont(TTFont("SansC", FD + "DejaVuSansCondensed.ttf"))
pdfmetrics.registerFont(TTFont("SansI", FD + "DejaVuSans-Oblique.ttf"))
W, H = A4

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = str(SHARED / "data") + "/"
REG = {r["region_code"]: r for r in csv.DictReader(open(DATA + "scb_regions.csv", encoding="utf-8"))}
MUN = {r["municipality_code"]: r for r in csv.DictReader(open(DATA + "scb_municipalities.csv", encoding="utf-8"))}

# ---------------------------------------------------------------- programs / allocations
PROGRAMS = {
    ("hembesok", 2023): dict(pool=42000000, req_dl="2023-10-31", rep_dl="2024-03-01", kinds={"region"}),
    ("hembesok", 2024): dict(pool=82000000, req_dl="2024-04-05", rep_dl="2025-03-01", kinds={"region"}),
    ("bhv-pilot", 2023): dict(pool=4500000, req_dl="2023-06-16", rep_dl="2024-05-03", kinds={"municipality"}),
}
ALLOC = {}
A2024 = {"01": 13698000, "03": 2535000, "04": 469000, "05": 4778000, "06": 4913000, "07": 3210000,
         "08": 3636000, "09": 834000, "10": 4089000, "12": 9903000, "13": 580000, "14": 12774000,
         "17": 2084000, "18": 3406000, "19": 3370000, "20": 1142000, "21": 1307000, "22": 979000,
         "23": 503000, "24": 2755000, "25": 5035000}
A2023 = {"01": 5107000, "03": 1709000, "04": 1505000, "05": 1872000, "06": 486000, "07": 1811000,
         "08": 975000, "09": 1750000, "10": 1989000, "12": 6334000, "13": 1206000, "14": 5650000,
         "17": 2770000, "18": 1349000, "19": 1472000, "20": 1679000, "21": 298000, "22": 1619000,
         "23": 261000, "24": 634000, "25": 1524000}
for k, v in A2024.items():
    ALLOC[("hembesok", 2024, k)] = (v, None)
for k, v in A2023.items():
    ALLOC[("hembesok", 2023, k)] = (v, None)
for k, v, m in [("0127", 580000, 45), ("1280", 580000, 45), ("1480", 580000, 45), ("0180", 255000, 40)]:
    ALLOC[("bhv-pilot", 2023, k)] = (v, m)

# ---------------------------------------------------------------- helpers
def kr(n):
    s = f"{n:,}".replace(",", " ")
    return s

def dsv(iso):
    y, m, d = iso.split("-")
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
              "oktober", "november", "december"]
    return f"{int(d)} {months[int(m)-1]} {y}"

def addd(iso, n):
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=n)).isoformat()

def rname(code):
    return REG[code]["region_name"]

def mname(code):
    return MUN[code]["municipality_name"]

def mkommun(code):
    n = mname(code)
    if n in ("Malmö", "Göteborg", "Stockholm"):
        return n + (" stad" if n != "Göteborg" else "s Stad")
    return n + " kommun"

def orgname(kind, code):
    return rname(code) if kind == "region" else mkommun(code)

FIRST = ["Anna", "Karin", "Maria", "Eva", "Lena", "Sara", "Johan", "Erik", "Lars", "Anders", "Per",
         "Mikael", "Elin", "Ida", "Helena", "Fredrik", "Sofia", "Ulrika", "Magnus", "Jonas"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Lindqvist", "Berg", "Holm", "Sandberg", "Nyström", "Lundgren"]

def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

def pilfont(size, bold=False, cond=False):
    f = "DejaVuSans-Bold.ttf" if bold else ("DejaVuSansCondensed.ttf" if cond else "DejaVuSans.ttf")
    return ImageFont.truetype(FD + f, size)

PROGTXT = {
    ("hembesok", 2023): "statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med hembesöksprogram 2023",
    ("hembesok", 2024): "statsbidrag till regioner för utökade hembesöksprogram inom barnhälsovården 2024",
    ("bhv-pilot", 2023): "statsbidrag för 2023 för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden",
}
PROGSHORT = {
    ("hembesok", 2023): "Utökade hembesök inom barnhälsovården, bidragsår 2023",
    ("hembesok", 2024): "Utökade hembesöksprogram inom barnhälsovården, bidragsår 2024",
    ("bhv-pilot", 2023): "Pilotverksamhet i barnhälsovården, bidragsår 2023",
}

# ---------------------------------------------------------------- images
def logo_img(name, rng, color):
    img = Image.new("RGBA", (520, 140), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    kind = rng.randint(0, 2)
    if kind == 0:
        d.ellipse((8, 8, 128, 128), fill=color)
        d.ellipse((40, 40, 96, 96), fill=(255, 255, 255, 255))
    elif kind == 1:
        d.polygon([(8, 128), (68, 8), (128, 128)], fill=color)
    else:
        d.rectangle((8, 20, 60, 120), fill=color)
        d.rectangle((70, 20, 122, 120), fill=tuple(int(c * 0.6) for c in color[:3]) + (255,))
    words = name.split(" ", 1)
    d.text((145, 22), words[0], font=pilfont(44, bold=True), fill=color)
    if len(words) > 1:
        d.text((145, 76), words[1], font=pilfont(36), fill=(60, 60, 60, 255))
    return img

def signature_img(rng):
    img = Image.new("RGBA", (420, 120), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    x, y = 15, 70
    pts = [(x, y)]
    for i in range(rng.randint(14, 22)):
        x += rng.randint(10, 24)
        y = 60 + rng.randint(-40, 40)
        pts.append((x, y))
    d.line(pts, fill=(20, 30, 110, 255), width=4, joint="curve")
    d.line([(pts[0][0] + 10, 95), (pts[-1][0] - 20, 88)], fill=(20, 30, 110, 255), width=3)
    return img.filter(ImageFilter.GaussianBlur(0.6))

def excel_img(rows, title, sheet="Blad1", widths=(520, 230)):
    """rows: list of (label, value_str, bold). Spreadsheet screenshot."""
    rh = 34
    colA, colB = widths
    hdrw = 46
    Wd = hdrw + colA + colB + 120
    Hd = 70 + rh * (len(rows) + 3) + 40
    img = Image.new("RGB", (Wd, Hd), "white")
    d = ImageDraw.Draw(img)
    # ribbon-ish bar
    d.rectangle((0, 0, Wd, 30), fill=(33, 115, 70))
    d.text((10, 5), "Arkiv  Start  Infoga  Sidlayout  Formler  Data  Granska  Visa", font=pilfont(15), fill="white")
    d.rectangle((0, 30, Wd, 62), fill=(243, 243, 243))
    d.text((10, 37), "fx", font=pilfont(16), fill=(90, 90, 90))
    d.line((40, 30, 40, 62), fill=(200, 200, 200))
    y0 = 62
    cols = [("", hdrw), ("A", colA), ("B", colB), ("C", 120)]
    x = 0
    d.rectangle((0, y0, Wd, y0 + 26), fill=(230, 230, 230))
    for nm, w in cols:
        d.rectangle((x, y0, x + w, y0 + 26), outline=(190, 190, 190))
        if nm:
            d.text((x + w // 2 - 5, y0 + 4), nm, font=pilfont(15), fill=(70, 70, 70))
        x += w
    allrows = [(title, "", True), ("", "", False)] + list(rows)
    y = y0 + 26
    for i, (lab, val, bold) in enumerate(allrows):
        x = 0
        d.rectangle((0, y, hdrw, y + rh), fill=(230, 230, 230), outline=(190, 190, 190))
        d.text((12, y + 8), str(i + 1), font=pilfont(15), fill=(70, 70, 70))
        x = hdrw
        for w in (colA, colB, 120):
            d.rectangle((x, y, x + w, y + rh), outline=(215, 215, 215))
            x += w
        f = pilfont(20, bold=bold)
        d.text((hdrw + 8, y + 6), lab, font=f, fill="black")
        if val:
            tw = d.textlength(val, font=f)
            d.text((hdrw + colA + colB - 10 - tw, y + 6), val, font=f, fill="black")
        y += rh
    d.rectangle((0, Hd - 28, Wd, Hd), fill=(243, 243, 243))
    d.rectangle((8, Hd - 28, 110, Hd), fill="white", outline=(190, 190, 190))
    d.text((18, Hd - 24), sheet, font=pilfont(15), fill=(33, 115, 70))
    return img

def eform_img(title, fields, rng):
    """screenshot of a filled e-service form: fields list of (label, value)."""
    Wd = 900
    Hd = 120 + 86 * len(fields) + 60
    img = Image.new("RGB", (Wd, Hd), (250, 250, 250))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, Wd, 56), fill=(0, 60, 110))
    d.text((20, 14), "Socialstyrelsen  |  E-tjänst för statsbidrag", font=pilfont(22, bold=True), fill="white")
    fs = 24
    while d.textlength(title, font=pilfont(fs, bold=True)) > Wd - 40:
        fs -= 1
    d.text((20, 70), title, font=pilfont(fs, bold=True), fill=(20, 20, 20))
    y = 120
    for lab, val in fields:
        d.text((30, y), lab, font=pilfont(18), fill=(60, 60, 60))
        d.rectangle((30, y + 26, Wd - 40, y + 70), fill="white", outline=(150, 150, 150), width=2)
        d.text((42, y + 35), val, font=pilfont(22), fill="black")
        y += 86
    d.rounded_rectangle((Wd - 220, Hd - 50, Wd - 40, Hd - 12), radius=8, fill=(0, 110, 60))
    d.text((Wd - 200, Hd - 43), "Skicka in", font=pilfont(20, bold=True), fill="white")
    return img

# ---------------------------------------------------------------- pdf page writer
class Doc:
    def __init__(self, rng, serif=False):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.c.setTitle("Dokument")
        self.rng = rng
        self.F = "Serif" if serif else "Sans"
        self.FB = "SerifB" if serif else "SansB"
        self.y = H - 60
        self.pics = []

    def text(self, x, y, s, font=None, size=10.5):
        self.c.setFont(font or self.F, size)
        self.c.drawString(x, y, s)

    def para(self, s, size=10.5, font=None, gap=6, x=70, width=W - 140):
        font = font or self.F
        lines = simpleSplit(s, font, size, width)
        self.c.setFont(font, size)
        for ln in lines:
            self.c.drawString(x, self.y, ln)
            self.y -= size * 1.35
        self.y -= gap

    def head(self, s, size=13):
        self.para(s, size=size, font=self.FB, gap=8)

    def image(self, img, x, y, w, keep=True, name=None):
        h = w * img.size[1] / img.size[0]
        self.c.drawImage(ImageReader(img), x, y - h, w, h, mask="auto")
        if name:
            self.pics.append((name, img))
        return h

    def letterhead(self, org, date, dnr=None, logo=None):
        if logo is not None:
            self.image(logo, 60, H - 40, 150)
        self.text(360, H - 60, "Datum", size=8)
        self.text(360, H - 72, date, size=10)
        if dnr:
            self.text(450, H - 60, "Diarienummer", size=8)
            self.text(450, H - 72, dnr, size=10)
        self.text(360, H - 100, "Socialstyrelsen", size=10)
        self.text(360, H - 113, "106 30 Stockholm", size=10)
        self.y = H - 160

    def kv(self, rows, x=70, w1=230, w2=220, size=10.5, box=True):
        rh = size * 2.0
        for lab, val in rows:
            if box:
                self.c.setLineWidth(0.6)
                self.c.rect(x, self.y - rh * 0.35, w1, rh, stroke=1, fill=0)
                self.c.rect(x + w1, self.y - rh * 0.35, w2, rh, stroke=1, fill=0)
            self.text(x + 5, self.y, lab, size=size)
            self.text(x + w1 + 6, self.y, val, size=size)
            self.y -= rh
        self.y -= 8

    def sign(self, place, date, name, title, sigimg=True):
        self.para(f"{place} {date}", gap=4)
        if sigimg:
            self.image(signature_img(self.rng), 70, self.y + 8, 120)
            self.y -= 42
        else:
            self.y -= 20
        self.para(name, gap=0)
        self.para(title, size=9.5)

    def footer(self, s):
        self.c.setFont(self.F, 7.5)
        self.c.drawString(70, 30, s)

    def side_text(self, s, size=7):
        self.c.saveState()
        self.c.translate(W - 22, 120)
        self.c.rotate(90)
        self.c.setFont("Sans", size)
        self.c.setFillGray(0.35)
        self.c.drawString(0, 0, s)
        self.c.restoreState()

    def newpage(self):
        self.c.showPage()
        self.c.setPageSize(A4)
        self.c.setPageRotation(0)
        self.y = H - 60

    def landscape(self, rot):
        """start drawing a landscape page stored as portrait with /Rotate rot."""
        self.c.setPageSize((H, W))  # reportlab stores it swapped: portrait MediaBox + /Rotate
        self.c.setPageRotation(rot)
        if rot == 90:
            self.c.transform(0, 1, -1, 0, W, 0)
        else:
            self.c.transform(0, -1, 1, 0, 0, H)
        self.y = W - 50  # landscape height is W

    def table(self, header, rows, colw, x=60, size=9.5, boldlast=False):
        rh = size * 2.0
        allr = [header] + rows
        for i, r in enumerate(allr):
            cx = x
            for j, (cell, w) in enumerate(zip(r, colw)):
                self.c.setLineWidth(0.5)
                self.c.rect(cx, self.y - rh * 0.35, w, rh, stroke=1, fill=0)
                f = self.FB if (i == 0 or (boldlast and i == len(allr) - 1)) else self.F
                self.c.setFont(f, size)
                if j == 0:
                    self.c.drawString(cx + 4, self.y, cell)
                else:
                    self.c.drawRightString(cx + w - 4, self.y, cell)
                cx += w
            self.y -= rh
        self.y -= 8

    def save(self):
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()

# ---------------------------------------------------------------- e-signature verification page
def verification_page(d, rng, style, docname, signers, start_ts):
    """signers: list of (name, org, ts). Misleading dates/numbers."""
    c = d.c
    if style == "scrive":
        tid = "0922211555" + "".join(rng.choice("0123456789") for _ in range(7))
        d.y = H - 70
        d.para("Verifikat", size=20, font="SansB", gap=4)
        d.para(f"Transaktion {tid}", size=10, gap=14)
        d.para("Dokument", size=12, font="SansB", gap=2)
        d.para(docname, size=10, gap=0)
        d.para(f"Huvuddokument\n", size=9, gap=0)
        d.para(f"{rng.randint(1, 3)} sidor", size=9, gap=0)
        d.para(f"Startades {start_ts} CET av {signers[0][0]}", size=9, gap=0)
        d.para(f"Färdigställt {signers[-1][2]} CET", size=9, gap=14)
        d.para("Signerande parter", size=12, font="SansB", gap=4)
        for nm, org, ts in signers:
            pn = f"{rng.randint(1960, 1992)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}-XXXX"
            d.para(nm, size=10, font="SansB", gap=0)
            d.para(f"Personnummer {pn}", size=9, gap=0)
            d.para(org, size=9, gap=0)
            d.para(f"{nm.split()[0].lower()}.{nm.split()[1].lower()}@example.se".replace("ö", "o").replace("å", "a").replace("ä", "a"), size=9, gap=0)
            d.para(f"Signerade {ts} CET med BankID", size=9, gap=10)
        d.para("Händelser", size=12, font="SansB", gap=4)
        for nm, org, ts in signers:
            ip = f"{rng.randint(80, 213)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"
            d.para(f"{ts}  {nm} öppnade dokumentet (IP {ip})", size=8.5, gap=0)
            d.para(f"{ts}  {nm} signerade dokumentet", size=8.5, gap=0)
        d.y -= 10
        h = hashlib.sha256((docname + tid).encode()).hexdigest()
        d.para("Detta verifikat är utfärdat av Scrive. Information i kursiv stil är säkert verifierad. "
               "Se de dolda bilagorna för mer information/bevis om detta dokument.", size=8, gap=2)
        d.para(f"SHA-256: {h}", size=7.5, font="SansC", gap=0)
    else:
        env = "-".join("".join(rng.choice("0123456789ABCDEF") for _ in range(n)) for n in (8, 4, 4, 4, 12))
        d.y = H - 70
        d.para("Certificate Of Completion / Slutförandecertifikat", size=16, font="SansB", gap=8)
        d.para(f"Envelope Id: {env}", size=9, gap=0)
        d.para(f"Subject: Var vänlig signera: {docname}", size=9, gap=0)
        d.para(f"Document Pages: {rng.randint(1, 3)}    Signatures: {len(signers)}    Initials: 0", size=9, gap=0)
        d.para(f"Envelope Originator: {signers[0][0]}", size=9, gap=0)
        d.para(f"IP Address: {rng.randint(10, 200)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}", size=9, gap=12)
        d.para("Record Tracking", size=11, font="SansB", gap=2)
        d.para(f"Status: Original  {start_ts}", size=9, gap=12)
        d.para("Signer Events / Signeringshändelser", size=11, font="SansB", gap=4)
        for nm, org, ts in signers:
            pn = f"{rng.randint(60, 92)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}-****"
            d.para(f"{nm}, {org}", size=9.5, font="SansB", gap=0)
            d.para(f"Säkerhetsnivå: E-post, kontoautentisering; Svenskt BankID ({pn})", size=8.5, gap=0)
            d.para(f"Sent: {start_ts}   Viewed: {ts}   Signed: {ts}", size=8.5, gap=8)
        d.para("Envelope Summary Events", size=11, font="SansB", gap=2)
        d.para(f"Envelope Sent  {start_ts}", size=8.5, gap=0)
        d.para(f"Certified Delivered  {signers[-1][2]}", size=8.5, gap=0)
        d.para(f"Completed  {signers[-1][2]}", size=8.5, gap=0)
        d.y -= 10
        d.para("Electronic Record and Signature Disclosure created on: 2021-09-14 | Parties agreed: "
               + ", ".join(s[0] for s in signers), size=8, gap=0)
    return


def ts_on(iso, rng, dayoff=0, h0=9, h1=17):
    day = addd(iso, dayoff)
    return f"{day} {rng.randint(h0, h1):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"

# ---------------------------------------------------------------- document builders
def org_logo(spec, rng):
    col = rng.choice([(0, 90, 160, 255), (150, 20, 60, 255), (0, 120, 80, 255), (120, 60, 150, 255)])
    return logo_img(orgname(spec["kind"], spec["code"]), rng, col)

def muni_text(codes):
    names = [mkommun(c) for c in codes]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " och " + names[-1]

def build(spec, rng):
    """returns (pdf_bytes, pictures). dispatch on spec['style']"""
    return STYLES[spec["style"]](spec, rng)


def req_intro(spec):
    p = (spec["prog"], spec["year"])
    on = orgname(spec["kind"], spec["code"])
    return on, p


def st_req_letter_pic(spec, rng):
    """Word letter; requested amount (and share) only in embedded e-service screenshot."""
    on, p = req_intro(spec)
    d = Doc(rng, serif=rng.random() < 0.5)
    d.letterhead(on, spec["date"], spec.get("dnr"), org_logo(spec, rng))
    d.head(f"Rekvisition av {PROGTXT[p]}")
    d.para(f"{on} rekvirerar härmed {PROGTXT[p]}. Rekvisitionen har registrerats i Socialstyrelsens "
           f"e-tjänst och en skärmbild av den ifyllda blanketten bifogas nedan. Se sammanställning nedan "
           f"för rekvirerat belopp.")
    if spec.get("munis"):
        d.para(f"Arbetet bedrivs i samverkan med {muni_text(spec['munis'])}.")
    fields = [("Organisation", on), ("Bidragsår", str(spec["year"]))]
    fields.append(("Rekvirerat belopp (kr)", kr(spec["requested"])))
    if spec.get("share") is not None:
        fields.append(("Andel till kommunal verksamhet (%)", f"{spec['share']} %"))
    fields.append(("Kontaktperson", person(rng)))
    img = eform_img("Rekvisition – " + PROGSHORT[p], fields, rng)
    d.y -= 4
    h = d.image(img, 70, d.y, W - 150, name="eform")
    d.y -= h + 20
    d.para("Medlen avses användas i enlighet med Socialstyrelsens anvisningar.")
    d.sign("", f"Datum som ovan", person(rng), "Hälso- och sjukvårdsdirektör" if spec["kind"] == "region" else "Socialchef")
    d.footer(f"{on}  ·  Växel 010-{rng.randint(100, 999)} {rng.randint(10, 99)} 00  ·  Org.nr 232100-{rng.randint(1000, 9999)}")
    return d.save(), d.pics


def st_req_plain(spec, rng):
    """Letter with logo and handwritten-looking signature, values in text."""
    on, p = req_intro(spec)
    d = Doc(rng, serif=rng.random() < 0.5)
    d.letterhead(on, spec["date"], spec.get("dnr"), org_logo(spec, rng))
    d.head(f"Rekvisition – {PROGSHORT[p]}")
    d.para(f"{on} rekvirerar härmed {kr(spec['requested'])} kronor i {PROGTXT[p]}.")
    if spec.get("munis"):
        d.para(f"Samverkande kommuner: {muni_text(spec['munis'])}.")
    if spec.get("share") is not None:
        d.para(f"Andelen av medlen som finansierar kommunal verksamhet är {spec['share']} procent.")
    d.para(f"Beloppet ska betalas ut till bankgiro {rng.randint(100, 999)}-{rng.randint(1000, 9999)}. "
           f"Ange referens {rng.randint(10000, 99999)}.")
    d.para("Verksamheten följs upp och återrapporteras enligt anvisningarna.")
    d.sign("Datum:", spec["date"], person(rng), "Förvaltningschef")
    d.side_text(f"Dokumentet är upprättat i {on}s ärendehanteringssystem. Utskrivet {addd(spec['date'], 1)}")
    d.footer(f"Postadress: Box {rng.randint(100, 9999)}  ·  Tel 0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}")
    return d.save(), d.pics


def st_req_form(d, spec, rng):
    on, p = req_intro(spec)
    d.para("REKVISITION", size=16, font=d.FB, gap=2)
    d.para(PROGSHORT[p], size=11, gap=12)
    rows = [("Sökande organisation", on), ("Bidragsår", str(spec["year"])),
            ("Rekvirerat belopp", f"{kr(spec['requested'])} kr")]
    if spec.get("munis"):
        rows.append(("Samverkande kommuner", ", ".join(mname(c) for c in spec["munis"])))
    if spec.get("share") is not None:
        rows.append(("Andel kommunal verksamhet", f"{spec['share']} %"))
    rows += [("Bankgiro", f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"),
             ("Kontaktperson", person(rng))]
    d.kv(rows)
    d.para(f"Datum: {spec['date']}", gap=16)
    d.para("Underskrift av behörig företrädare", size=9, gap=30)
    d.c.line(70, d.y + 22, 300, d.y + 22)


def st_req_esign(spec, rng):
    on, p = req_intro(spec)
    d = Doc(rng)
    style = spec.get("esig", "scrive")
    signers = [(person(rng), on, ts_on(spec["date"], rng, spec.get("sigoff", 1))),
               (person(rng), on, ts_on(spec["date"], rng, spec.get("sigoff", 1) + 1))]
    if style == "docusign":
        d.text(70, H - 30, "DocuSign Envelope ID: " + "-".join("".join(rng.choice("0123456789ABCDEF") for _ in range(n)) for n in (8, 4, 4, 4, 12)), size=7)
    d.y = H - 80
    img = org_logo(spec, rng)
    d.image(img, 400, H - 40, 130)
    st_req_form(d, spec, rng)
    d.para("Signerad elektroniskt, se verifikat.", size=8.5)
    if style == "scrive":
        d.side_text(f"Transaktion 0922211555{rng.randint(1000000, 9999999)}  Signerat {' '.join(s[0].split()[0][0] + s[0].split()[1][0] for s in signers)}")
    d.newpage()
    verification_page(d, rng, style, f"Rekvisition {PROGSHORT[p]} {on}.pdf", signers, ts_on(spec["date"], rng, 0, 7, 8))
    return d.save(), d.pics


def st_req_cover_form(spec, rng):
    on, p = req_intro(spec)
    d = Doc(rng, serif=True)
    d.letterhead(on, spec["date"], spec.get("dnr"), org_logo(spec, rng))
    d.head("Följebrev")
    d.para(f"Härmed översänds {on}s rekvisition av {PROGTXT[p]}. Den ifyllda blanketten finns på nästa sida.")
    d.para(f"Frågor besvaras av {person(rng)}, telefon 0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}.")
    d.para("Med vänliga hälsningar", gap=30)
    d.para(person(rng), gap=0)
    d.para("Registrator")
    d.newpage()
    d.y = H - 80
    st_req_form(d, spec, rng)
    d.image(signature_img(rng), 80, d.y + 38, 120)
    return d.save(), d.pics


def rr_values_rows(spec):
    return [("Erhållet bidrag", kr(spec["received"]), False), ("Förbrukat", kr(spec["used"]), False),
            ("Ej förbrukat", kr(spec["unused"]), True)]


def st_rr_excel(spec, rng):
    on, p = req_intro(spec)
    d = Doc(rng, serif=rng.random() < 0.5)
    d.letterhead(on, spec["date"], spec.get("dnr"), org_logo(spec, rng))
    d.head(f"Återrapportering – {PROGSHORT[p]}")
    d.para(f"{on} lämnar härmed ekonomisk redovisning av {PROGTXT[p]}. Medlen har använts till "
           f"utökade hembesök i samverkan med socialtjänsten och till utbildning av personal.")
    d.para("Se sammanställning nedan (utdrag ur ekonomisystemet).")
    rows = [("Erhållet bidrag (kr)", kr(spec["received"]), False),
            ("Förbrukade medel (kr)", kr(spec["used"]), False),
            ("Ej förbrukade medel att återbetala (kr)", kr(spec["unused"]), True)]
    img = excel_img(rows, f"Ekonomisk redovisning {spec['year']} – {on}", sheet=f"Redov {spec['year']}")
    h = d.image(img, 70, d.y, W - 150, name="excel")
    d.y -= h + 18
    d.para("Verksamheten beskrivs närmare i den uppföljning som lämnas separat.")
    d.sign("", dsv(spec["date"]), person(rng), "Ekonomichef")
    return d.save(), d.pics


def cost_rows(total, n, rng, off=0):
    parts = []
    rem = total
    for i in range(n - 1):
        v = int(total / n * rng.uniform(0.7, 1.1)) // 100 * 100
        parts.append(v)
        rem -= v
    parts.append(rem)
    parts[0] += off  # off != 0 -> rows don't add up to the stated total
    labels = ["Personalkostnader BVC-sjuksköterskor", "Personalkostnader socialtjänst", "Tolkkostnader",
              "Resor och bilkostnader", "Utbildning och handledning", "Material och informationsinsatser",
              "Samordning och administration", "Lokalkostnader"]
    return list(zip(labels[:n], parts))


def st_rr_multi(spec, rng):
    """3 pages: narrative, landscape cost table (/Rotate), totals on last page."""
    on, p = req_intro(spec)
    d = Doc(rng)
    d.letterhead(on, spec["date"], spec.get("dnr"), org_logo(spec, rng))
    d.head(f"Återrapportering {PROGSHORT[p]}")
    d.para(f"{on} lämnar härmed återrapportering av {PROGTXT[p]}.")
    for _ in range(3):
        d.para("Under året har antalet familjer som erbjudits utökade hembesök ökat. Hembesöken har "
               f"genomförts gemensamt av BVC-sjuksköterska och föräldrarådgivare. Totalt har {rng.randint(150, 900)} "
               f"hembesök genomförts i {rng.randint(3, 14)} områden. Uppföljningen sker kvartalsvis.")
    d.para("Kostnaderna redovisas per kostnadsslag i bilaga (nästa sida). Sammanfattning av ekonomin finns på sista sidan.")
    d.footer("Sida 1 av 3")
    d.newpage()
    rot = spec.get("rot", 90)
    d.landscape(rot)
    LW = H  # landscape width
    d.y = W - 60
    d.c.setFont(d.FB, 13)
    d.c.drawString(60, d.y, f"Bilaga: Kostnader per kostnadsslag och kvartal {spec['year']} (kr)")
    d.y -= 30
    rows = cost_rows(spec["used"], spec.get("nrows", 6), rng, spec.get("sum_off", 0))
    trs = []
    for lab, v in rows:
        q = [v // 4] * 3
        q.append(v - sum(q))
        trs.append([lab] + [kr(x) for x in q] + [kr(v)])
    trs.append(["Summa"] + ["" for _ in range(4)] + [kr(spec["used"])])
    d.table(["Kostnadsslag", "Kv 1", "Kv 2", "Kv 3", "Kv 4", "Helår"], trs,
            [250, 90, 90, 90, 90, 110], x=60, boldlast=True)
    d.c.setFont(d.F, 7.5)
    d.c.drawString(60, 30, "Sida 2 av 3")
    d.newpage()
    d.y = H - 80
    d.head("Ekonomisk sammanfattning")
    d.kv([("Erhållet bidrag", f"{kr(spec['received'])} kr"),
          ("Förbrukat enligt bilaga", f"{kr(spec['used'])} kr"),
          ("Ej förbrukat", f"{kr(spec['unused'])} kr")])
    d.para(f"Datum: {spec['date']}", gap=4)
    d.image(signature_img(rng), 70, d.y + 8, 120)
    d.y -= 42
    d.para(person(rng), gap=0)
    d.para("Ekonomichef")
    d.footer("Sida 3 av 3")
    return d.save(), d.pics


def st_rr_esign(spec, rng):
    on, p = req_intro(spec)
    d = Doc(rng)
    style = spec.get("esig", "scrive")
    signers = [(person(rng), on, ts_on(spec["date"], rng, spec.get("sigoff", 1)))]
    d.image(org_logo(spec, rng), 60, H - 40, 140)
    d.y = H - 120
    d.para("EKONOMISK REDOVISNING", size=16, font="SansB", gap=2)
    d.para(PROGSHORT[p], gap=12)
    d.kv([("Organisation", on), ("Redovisningsperiod", f"{spec['year']}-01-01 – {spec['year']}-12-31"),
          ("Erhållet bidrag", f"{kr(spec['received'])} kr"), ("Förbrukat bidrag", f"{kr(spec['used'])} kr"),
          ("Ej förbrukat bidrag", f"{kr(spec['unused'])} kr")])
    d.para(f"Datum: {spec['date']}")
    d.para("Undertecknad intygar att uppgifterna är korrekta. Signeras elektroniskt.", size=9)
    if style == "scrive":
        d.side_text(f"Transaktion 0922211555{rng.randint(1000000, 9999999)}  Signerat {signers[0][0]}")
    d.newpage()
    verification_page(d, rng, style, f"Ekonomisk redovisning {spec['year']} {on}.pdf", signers, ts_on(spec["date"], rng, 0, 7, 8))
    return d.save(), d.pics


def st_decision(spec, rng):
    on, p = req_intro(spec)
    d = Doc(rng, serif=True)
    d.image(org_logo(spec, rng), 60, H - 40, 140)
    board = spec.get("board", "Regionstyrelsen" if spec["kind"] == "region" else "Socialnämnden")
    d.text(360, H - 60, "PROTOKOLLSUTDRAG", font="SerifB", size=11)
    d.text(360, H - 74, f"{board}, {on}", size=9.5)
    d.text(360, H - 87, f"Sammanträdesdatum {spec['date']}", size=9.5)
    d.y = H - 140
    d.para(f"§ {rng.randint(20, 240)}   Dnr {spec.get('dnr', 'RS 2023/' + str(rng.randint(100, 999)))}", font=d.FB)
    d.head(f"Fördelning av {PROGTXT[p]}")
    d.para("Beslut", font=d.FB, gap=2)
    d.para(f"{board} beslutar att fördela statsbidraget om {spec['decided_txt']} till "
           f"{'centrala barnhälsovårdsenheten' if spec['kind'] == 'region' else 'familjecentralens verksamhet'}.")
    d.para("Sammanfattning", font=d.FB, gap=2)
    d.para(f"Socialstyrelsen har fördelat statsbidrag för {spec['year']}. Medlen ska användas under perioden "
           f"{spec['year']}-01-01 – {spec['year']}-12-31 och återrapporteras senast {PROGRAMS[p]['rep_dl']}.")
    d.para(f"Beslutsunderlag: tjänsteskrivelse {addd(spec['date'], -rng.randint(10, 30))}.", size=9.5)
    d.y -= 10
    d.para("Justerandes signatur", size=8, gap=0)
    d.image(signature_img(rng), 70, d.y + 4, 100)
    d.y -= 40
    d.para("Utdragsbestyrkande", size=8, gap=0)
    d.image(signature_img(rng), 250, d.y + 50, 100)
    d.footer(f"Expedieras till: Socialstyrelsen, ekonomienheten  ·  Utskriftsdatum {addd(spec['date'], 2)}")
    if spec.get("esig"):
        d.newpage()
        verification_page(d, rng, spec["esig"], f"Protokollsutdrag {board} {spec['date']}.pdf",
                          [(person(rng), on, ts_on(spec["date"], rng, 2)), (person(rng), on, ts_on(spec["date"], rng, 3))],
                          ts_on(spec["date"], rng, 1, 7, 8))
    return d.save(), d.pics


def st_other(spec, rng):
    on, p = req_intro(spec)
    d = Doc(rng)
    d.image(org_logo(spec, rng), 60, H - 40, 150)
    d.text(400, H - 60, "Datum", size=8)
    d.text(400, H - 72, spec["date"], size=10)
    d.y = H - 140
    d.para("INBJUDAN", size=20, font="SansB", gap=4)
    d.para(f"Nätverksträff om utökade hembesök {spec['year']}", size=14, font="SansB", gap=12)
    d.para(f"{on} bjuder in samverkande kommuner och barnhälsovårdens medarbetare till en nätverksträff "
           f"om arbetet med {PROGTXT[p]}.")
    d.kv([("Tid", f"{addd(spec['date'], 30)} kl. 09.00–15.30"), ("Plats", "Regionens hus, konferensrum Lärkan"),
          ("Sista anmälningsdag", addd(spec["date"], 20)), ("Kostnad", "Lunch 185 kr per person")], box=False)
    d.para("Program: erfarenheter från hembesöken, tolkanvändning, samverkan med socialtjänsten. Välkomna!")
    return d.save(), d.pics

STYLES = dict(req_letter_pic=st_req_letter_pic, req_plain=st_req_plain, req_esign=st_req_esign,
              req_cover_form=st_req_cover_form, rr_excel=st_rr_excel, rr_multi=st_rr_multi,
              rr_esign=st_rr_esign, decision=st_decision, other=st_other)

# ---------------------------------------------------------------- scanning
def scan(pdf_bytes, rng, mode, recv=""):
    """mode: pdf | jpg | png ; returns (bytes, ext)"""
    pdf = pdfium.PdfDocument(pdf_bytes)
    imgs = []
    dpi = rng.choice([150, 200, 200, 300])
    for i in range(len(pdf)):
        pg = pdf[i]
        im = pg.render(scale=dpi / 72).to_pil().convert("L")
        a = np.asarray(im).astype(np.float32)
        faint = rng.random() < 0.3
        if faint:
            a = 255 - (255 - a) * rng.uniform(0.55, 0.7)
        a = a + np.random.default_rng(rng.randint(0, 10**6)).normal(0, rng.uniform(4, 10), a.shape)
        im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        ang = rng.uniform(-1.6, 1.6)
        if rng.random() < 0.1:
            ang += 180  # upside-down scan
        im = im.rotate(ang, resample=Image.BICUBIC, expand=True, fillcolor=rng.randint(200, 240))
        if rng.random() < 0.5:
            im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
        # stamp on first page
        if i == 0 and rng.random() < 0.5:
            dr = ImageDraw.Draw(im)
            s = dpi / 72
            x, y = int(215 * s), int(28 * s)
            dr.rectangle((x, y, x + int(140 * s), y + int(40 * s)), outline=90, width=max(2, int(2 * s)))
            dr.text((x + 8 * s, y + 5 * s), "SOCIALSTYRELSEN", font=pilfont(int(10 * s), bold=True), fill=90)
            dr.text((x + 8 * s, y + 20 * s), "Inkom " + recv, font=pilfont(int(9 * s)), fill=90)
        imgs.append(im)
    q = rng.randint(40, 75)
    if mode in ("jpg", "png"):
        assert len(imgs) == 1
        b = io.BytesIO()
        if mode == "jpg":
            imgs[0].save(b, "JPEG", quality=q, dpi=(dpi, dpi))
        else:
            imgs[0].save(b, "PNG", dpi=(dpi, dpi))
        return b.getvalue(), mode
    parts = []
    for im in imgs:
        b = io.BytesIO()
        im.save(b, "JPEG", quality=q, dpi=(dpi, dpi))
        parts.append(b.getvalue())
    return img2pdf.convert(parts, nodate=True, engine=img2pdf.Engine.internal), "pdf"

# ---------------------------------------------------------------- corpus spec
def R(code):
    return dict(kind="region", code=code)

def M(code):
    return dict(kind="municipality", code=code)

def specs():
    H23, H24, P23 = ("hembesok", 2023), ("hembesok", 2024), ("bhv-pilot", 2023)
    L = []

    def add(t, pg, org, style, date, recv, scan=None, **kw):
        d = dict(type=t, prog=pg[0], year=pg[1], style=style, date=date, recv=recv, scan=scan)
        d.update(org)
        d.update(kw)
        L.append(d)
    # ---- bhv-pilot 2023
    add("requisition", P23, M("0127"), "req_esign", "2023-05-08", "2023-05-10", esig="scrive", requested=580000, share=45)
    add("requisition", P23, M("1280"), "req_letter_pic", "2023-05-22", "2023-05-24", requested=580000, share=40)
    add("requisition", P23, M("1480"), "req_cover_form", "2023-06-05", "2023-06-07", scan="pdf", requested=580000)
    add("requisition", P23, M("0180"), "req_esign", "2023-06-15", "2023-06-19", scan="pdf", esig="docusign", sigoff=1, requested=255000)
    add("requisition", P23, M("0380"), "req_plain", "2023-06-01", "2023-06-02", requested=580000)
    add("decision", P23, M("0127"), "decision", "2023-09-20", "2023-09-26", scan="pdf", decided=580000,
        decided_txt="580 000 kronor", board="Socialnämnden", dnr="SOC/2023:412")
    add("return_report", P23, M("0127"), "rr_excel", "2024-04-15", "2024-04-16", received=580000, used=571200, unused=8800)
    add("return_report", P23, M("1280"), "rr_multi", "2024-04-26", "2024-04-29", scan="pdf", rot=270,
        received=580000, used=562400, unused=17600)
    add("return_report", P23, M("1480"), "rr_esign", "2024-05-02", "2024-05-06", esig="scrive", sigoff=1,
        received=580000, used=580000, unused=0)
    # ---- hembesok 2023
    add("requisition", H23, R("08"), "req_letter_pic", "2023-09-18", "2023-09-19", requested=975000, dnr="RS 2023/1187")
    add("requisition", H23, R("13"), "req_esign", "2023-09-25", "2023-09-28", esig="scrive", requested=1206000)
    add("requisition", H23, R("24"), "req_letter_pic", "2023-10-09", "2023-10-11", scan="pdf", requested=700000, dnr="RUN 2023/88")
    add("requisition", H23, R("20"), "req_esign", "2023-10-30", "2023-11-02", esig="docusign", sigoff=1, requested=1679000)
    add("decision", H23, R("06"), "decision", "2023-10-17", "2023-10-20", decided=486000, decided_txt="486 000 kronor", dnr="RJL 2023/2211")
    add("decision", H23, R("21"), "decision", "2023-10-23", "2023-10-27", scan="jpg", decided=500000, decided_txt="0,5 miljoner kronor", dnr="RS 2023/905")
    add("decision", H23, R("14"), "decision", "2023-11-07", "2023-11-13", esig="scrive", decided=5650000, decided_txt="5 650 tkr",
        board="Regionstyrelsen", dnr="RS 2023-04412")
    add("return_report", H23, R("08"), "rr_excel", "2024-02-08", "2024-02-09", received=975000, used=912400, unused=62600)
    add("return_report", H23, R("13"), "rr_multi", "2024-02-12", "2024-02-13", rot=90, received=1206000, used=1150300, unused=55700)
    add("return_report", H23, R("20"), "rr_multi", "2024-02-19", "2024-02-21", scan="pdf", rot=90, received=1679000,
        used=1523000, unused=156000, sum_off=25000)
    add("return_report", H23, R("24"), "rr_excel", "2024-02-20", "2024-02-22", received=634000, used=655000, unused=0)
    add("return_report", H23, R("10"), "rr_esign", "2024-02-22", "2024-02-26", scan="pdf", esig="docusign",
        received=1989000, used=1700000, unused=189000)
    add("return_report", H23, R("06"), "rr_esign", "2024-02-28", "2024-03-04", esig="scrive", sigoff=2,
        received=486000, used=470900, unused=15100)
    add("DUP", H23, R("08"), "dup", "", "2024-02-14", dup_of=("return_report", "08", 2023))
    # ---- hembesok 2024
    add("requisition", H24, R("03"), "req_letter_pic", "2024-02-12", "2024-02-13", requested=2535000, munis=["0380", "0381"], share=40, dnr="RS 2024/311")
    add("requisition", H24, R("05"), "req_plain", "2024-02-19", "2024-02-20", requested=4778000, munis=["0580", "0581"], share=30)
    add("requisition", H24, R("05"), "req_esign", "2024-02-26", "2024-02-29", scan="pdf", esig="scrive",
        requested=4778000, munis=["0580", "0581"], share=30)
    add("requisition", H24, R("12"), "req_cover_form", "2024-03-01", "2024-03-04", scan="pdf", requested=9903000,
        munis=["1280", "1281", "1283"], share=25)
    add("requisition", H24, R("25"), "req_letter_pic", "2024-03-06", "2024-03-07", requested=5100000, munis=["2580"], share=35)
    add("requisition", H24, R("09"), "req_plain", "2024-03-11", "2024-03-12", requested=834000, munis=["0980"], share=50)
    add("requisition", H24, R("17"), "req_plain", "2024-03-13", "2024-03-15", scan="jpg", requested=2084000, munis=["1780", "1781"])
    add("requisition", H24, R("18"), "req_esign", "2024-04-05", "2024-04-09", esig="docusign", sigoff=0, requested=3406000,
        munis=["1880", "1881"], share=45)
    add("requisition", H24, M("1880"), "req_plain", "2024-02-27", "2024-02-28", requested=400000)
    add("requisition", H24, M("2281"), "req_plain", "2024-03-18", "2024-03-20", scan="png", requested=350000)
    add("requisition", H24, R("23"), "req_cover_form", "2024-03-25", "2024-03-27", scan="pdf", requested=503000, munis=["2380", "2309"], share=35)
    add("other", H24, R("13"), "other", "2024-03-20", "2024-03-21")
    add("other", H24, R("21"), "other", "2024-09-02", "2024-09-03", scan="jpg")
    add("decision", H24, R("03"), "decision", "2024-04-23", "2024-04-25", decided=2535000, decided_txt="2 535 tkr", dnr="RS 2024/311")
    add("decision", H24, R("12"), "decision", "2024-05-14", "2024-05-17", scan="pdf", decided=9900000, decided_txt="9,9 miljoner kronor", dnr="1602-2024")
    add("decision", H24, R("25"), "decision", "2024-05-21", "2024-05-23", esig="docusign", decided=4200000, decided_txt="4 200 000 kronor", dnr="RS 2024/77")
    add("return_report", H24, R("03"), "rr_excel", "2025-01-29", "2025-01-30", received=2535000, used=2301750, unused=233250)
    add("return_report", H24, R("09"), "rr_multi", "2025-02-03", "2025-02-04", rot=270, received=834000, used=801500, unused=32500)
    add("return_report", H24, R("12"), "rr_excel", "2025-02-10", "2025-02-12", scan="pdf", received=9903000, used=9950000, unused=0)
    add("return_report", H24, R("05"), "rr_excel", "2025-02-14", "2025-02-17", received=4778000, used=4512300, unused=256700)
    add("return_report", H24, R("23"), "rr_esign", "2025-02-27", "2025-03-05", scan="pdf", esig="scrive", sigoff=3,
        received=503000, used=489000, unused=14000)
    add("return_report", H24, R("25"), "rr_multi", "2025-02-24", "2025-02-26", rot=90, received=5300000, used=5100000, unused=200000)
    add("return_report", H24, R("17"), "rr_multi", "2025-02-25", "2025-02-27", rot=270, received=2084000, used=1984000,
        unused=100000, sum_off=-12000)
    add("DUP", H23, R("06"), "dup", "", "2023-10-24", dup_of=("decision", "06", 2023))
    return L

# ---------------------------------------------------------------- flags
def compute_flags(entries):
    on_file = []  # (type, kind, code, prog, year, requested)
    shas = set()
    for e in entries:
        ex, fl = e["expect"], []
        if e["sha"] in shas:
            fl.append("DUPLICATE_DOCUMENT")
        shas.add(e["sha"])
        t = ex["document_type"]
        org = ex.get("organisation")
        pk = (ex.get("program"), ex.get("grant_year"))
        P = PROGRAMS.get(pk)
        if t == "other":
            fl.append("UNKNOWN_DOCUMENT_TYPE")
        if org is None:
            fl.append("UNKNOWN_RECIPIENT")
        if P is None:
            fl.append("UNKNOWN_PROGRAM")
        wrong = P is not None and org is not None and org["kind"] not in P["kinds"] and t in ("requisition", "return_report", "decision")
        if wrong:
            fl.append("WRONG_RECIPIENT_KIND")
        al = ALLOC.get((pk[0], pk[1], org["code"])) if org else None
        am = ex.get("amounts", {})
        if P and org and not wrong and al is None:
            fl.append("NO_ALLOCATION")
        if t == "requisition":
            if not wrong:
                need = ["requested"]
                missing = "requested" not in am
                if pk == ("hembesok", 2024) and org["kind"] == "region":
                    if not ex.get("collaborating_municipalities") or ex.get("municipal_share_percent") is None:
                        missing = True
                if missing:
                    fl.append("MISSING_FIELD")
            if al and am.get("requested", 0) > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if any(o[0] == "requisition" and o[1:5] == (org["kind"], org["code"]) + pk for o in on_file):
                fl.append("DUPLICATE_REQUISITION")
            if P and e["received"] > P["req_dl"]:
                fl.append("LATE_REQUISITION")
            tot = sum(o[5] for o in on_file if o[0] == "requisition" and o[3:5] == pk) + am.get("requested", 0)
            assert P is None or tot < P["pool"] * 0.9, "pool too close"
            if al and al[1] is not None and ex.get("municipal_share_percent") is not None and ex["municipal_share_percent"] < al[1]:
                fl.append("SHARE_BELOW_MINIMUM")
        if t == "return_report":
            rcv, used, unu = am.get("received"), am.get("used"), am.get("unused")
            if al and rcv is not None and rcv > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if P and e["received"] > P["rep_dl"]:
                fl.append("LATE_REPORT")
            if rcv is not None and used is not None:
                if used > rcv:
                    fl.append("USED_EXCEEDS_RECEIVED")
                elif unu is not None and abs((rcv - used) - unu) > 1:
                    fl.append("UNUSED_MISMATCH")
            if rcv is None or used is None:
                fl.append("MISSING_FIELD")
        if t == "decision":
            if al and abs(am["decided"] - al[0]) > e["tol"]:
                fl.append("DECISION_AMOUNT_MISMATCH")
        if e.get("sum_mismatch"):
            fl.append("SUM_MISMATCH")
        e["flags"] = fl
        on_file.append((t, org["kind"] if org else None, org["code"] if org else None, pk[0], pk[1], am.get("requested", 0)))


def tol_of(txt):
    # half a unit of the last digit written
    if "miljoner" in txt:
        dec = txt.split()[0].split(",")
        return 0.5 * 10 ** (6 - (len(dec[1]) if len(dec) > 1 else 0))
    if "tkr" in txt:
        return 500
    return 0.5

# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=88)
    a = ap.parse_args()
    out = a.outdir
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))
    chk = out.rstrip("/") + "-check"  # the pictures pasted into letters, to look at
    os.makedirs(chk, exist_ok=True)
    S = specs()
    built = []
    for i, sp in enumerate(S):
        rng = random.Random(a.seed * 1000 + i)
        np.random.seed(a.seed * 1000 + i)
        if sp["style"] == "dup":
            continue
        pdfb, pics = build(sp, rng)
        for nm, im in pics:
            im.save(os.path.join(chk, f"spec{i:02d}_{nm}.png"))
        if sp["scan"]:
            data, ext = scan(pdfb, rng, sp["scan"], sp["recv"])
        else:
            data, ext = pdfb, "pdf"
        sp["_data"], sp["_ext"] = data, ext
    for sp in S:
        if sp["style"] == "dup":
            src = [x for x in S if x["type"] != "DUP" and not x.get("dupped") and (x["type"], x["code"], x["year"]) == sp["dup_of"]]
            assert len(src) == 1
            src = src[0]
            for k in list(src.keys()):
                if k not in ("recv",):
                    sp[k] = src[k]
            sp["dupped"] = True
    order = sorted(range(len(S)), key=lambda i: (S[i]["recv"], i))
    entries = []
    for n, i in enumerate(order, 1):
        sp = S[i]
        fname = f"C8_{n:02d}.{sp['_ext']}"
        path = os.path.join(out, fname)
        with open(path, "wb") as fh:
            fh.write(sp["_data"])
        ts = dt.datetime.fromisoformat(sp["recv"] + "T09:30:00").timestamp()
        os.utime(path, (ts, ts))
        ex = {"document_type": sp["type"], "program": sp["prog"], "grant_year": sp["year"],
              "organisation": {"kind": sp["kind"], "code": sp["code"]}}
        am = {}
        for k in ("requested", "received", "used", "unused", "decided"):
            if k in sp:
                am[k] = sp[k]
        if am:
            ex["amounts"] = am
        ex["document_date"] = sp["date"]
        if sp.get("munis"):
            ex["collaborating_municipalities"] = sorted(sp["munis"])
        if sp.get("share") is not None:
            ex["municipal_share_percent"] = sp["share"]
        e = {"file": fname, "scanned": bool(sp["scan"]), "received": sp["recv"], "expect": ex,
             "sha": hashlib.sha256(sp["_data"]).hexdigest(), "sum_mismatch": bool(sp.get("sum_off")),
             "tol": tol_of(sp["decided_txt"]) if "decided_txt" in sp else 0, "_style": sp["style"] if not sp.get("dupped") else "dup"}
        entries.append(e)
    compute_flags(entries)
    truth = [{k: e[k] for k in ("file", "scanned", "received", "expect", "flags")} for e in entries]
    json.dump(truth, open(os.path.join(out, "truth.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    with open(os.path.join(out, "allocations.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
        for (pg, y, code), (amt, mn) in sorted(ALLOC.items(), key=lambda kv: (kv[0][0], -kv[0][1], kv[0][2])):
            w.writerow([pg, y, code, rname(code) if len(code) == 2 else mname(code), amt, "" if mn is None else mn])
    # summary
    for e in entries:
        print(e["file"], e["_style"], "S" if e["scanned"] else "T", e["received"], e["expect"]["document_type"],
              e["expect"]["program"], e["expect"]["grant_year"], e["expect"]["organisation"]["code"], e["flags"])


if __name__ == "__main__":
    main()
