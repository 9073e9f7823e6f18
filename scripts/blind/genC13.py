#!/usr/bin/env python3
"""Blind corpus C13: who the document is from.

usage: genC13.py OUTDIR [--seed N] [--shared DIR]

Writes OUTDIR/C01..Cnn.(pdf|jpg|png), OUTDIR/truth.json, OUTDIR/allocations.csv.
Deterministic for a given seed; writes nothing outside OUTDIR.
"""
import argparse, csv, io, json, os, random, sys, datetime as dt
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import pypdfium2 as pdfium
import img2pdf
import cv2
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.utils import simpleSplit

FONTDIR = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    "sans": "DejaVuSans.ttf", "sans-b": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif.ttf", "serif-b": "DejaVuSerif-Bold.ttf",
    "mono": "DejaVuSansMono.ttf", "mono-b": "DejaVuSansMono-Bold.ttf",
    "cond": "DejaVuSansCondensed.ttf", "cond-b": "DejaVuSansCondensed-Bold.ttf",
}
for k, f in FONTS.items():
    pdfmetrics.registerFont(TTFont(k, FONTDIR + f))

# --------------------------------------------------------------------------- programs
PROGRAMS = {
    ("hembesok", 2023): {"pool": 42_000_000, "req_deadline": "2023-10-31", "rep_deadline": "2024-03-01", "kinds": {"region"}},
    ("hembesok", 2024): {"pool": 82_000_000, "req_deadline": "2024-04-05", "rep_deadline": "2025-03-01", "kinds": {"region"}},
    ("bhv-pilot", 2023): {"pool": 4_500_000, "req_deadline": "2023-06-16", "rep_deadline": "2024-05-03", "kinds": {"region", "municipality"}},
}

H24 = {"01": 12601000, "03": 2611000, "04": 1488000, "05": 4702000, "06": 3957000, "07": 2034000,
       "08": 2247000, "09": 612000, "10": 1396000, "12": 11806000, "13": 2870000, "14": 14935000,
       "17": 2281000, "18": 3318000, "19": 2792000, "20": 2406000, "21": 2539000, "22": 1874000,
       "23": 1047000, "24": 2331000, "25": 2153000}
H24_MIN = {"03": 25, "12": 30, "13": 40, "14": 30}
# 2023: Gotland (09) and Halland (13) deliberately absent from the list
H23 = {"01": 5210000, "03": 1690000, "04": 1480000, "05": 1905000, "06": 496000, "07": 1790000,
       "08": 990000, "10": 1950000, "12": 6280000, "14": 5684000, "17": 2745000, "18": 1349000,
       "19": 1455000, "20": 1702000, "21": 310000, "22": 1630000, "23": 255000, "24": 640000,
       "25": 1510000}
PILOT = {"0127": (580000, 45), "1280": (580000, 45), "1480": (580000, 45), "0180": (255000, 40)}

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]


def long_date(iso):
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def kr(n, style=0):
    s = f"{n:,}".replace(",", " ")
    return [f"{s} kr", f"{s}:-", f"{s} kronor", f"SEK {s}", f"{n} kr"][style]


def fold(s):
    return s.translate(str.maketrans("åäöÅÄÖéÉ", "aaoAAOeE"))


STAD = {"Stockholm": "Stockholms stad", "Göteborg": "Göteborgs Stad", "Malmö": "Malmö stad",
        "Västerås": "Västerås stad", "Helsingborg": "Helsingborgs stad", "Landskrona": "Landskrona stad",
        "Trollhättan": "Trollhättans stad", "Borås": "Borås Stad", "Sundbyberg": "Sundbybergs stad",
        "Falun": "Falu kommun"}


def kommun(name):
    if name in STAD:
        return STAD[name]
    if name[-1].lower() in "aeiouyåäös":
        return f"{name} kommun"
    return f"{name}s kommun"


class Data:
    def __init__(self, shared):
        self.muni = {}
        self.muni_region = {}
        with open(Path(shared) / "data/scb_municipalities.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.muni[r["municipality_name"]] = r["municipality_code"]
                self.muni_region[r["municipality_name"]] = r["region_code"]
        self.region = {}
        with open(Path(shared) / "data/scb_regions.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.region[r["region_code"]] = (r["region_name"], r["county_name"])


# --------------------------------------------------------------------------- layout
class Doc:
    """A flowing page layout on a reportlab canvas."""

    def __init__(self, path, font="serif", size=10.5):
        self.c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        self.c.setTitle("")
        self.font, self.bold = font, font + "-b"
        self.size = size
        self.W, self.H = A4
        self.lm, self.rm = 68, A4[0] - 62
        self.y = self.H - 60
        self.footer = None
        self.header_fn = None
        self.page = 1

    def newpage(self):
        self._footer()
        self.c.showPage()
        self.page += 1
        self.y = self.H - 60
        if self.header_fn:
            self.header_fn(self)

    def need(self, h):
        if self.y - h < 80:
            self.newpage()

    def _footer(self):
        if self.footer:
            self.c.setFont("sans", 7.5)
            self.c.setFillGray(0.25)
            yy = 48
            self.c.setStrokeGray(0.5)
            self.c.line(self.lm, yy + 12, self.rm, yy + 12)
            for line in self.footer:
                self.c.drawString(self.lm, yy, line)
                yy -= 10
            self.c.setFillGray(0)

    def text(self, s, font=None, size=None, x=None, dy=None, gray=0):
        font = font or self.font
        size = size or self.size
        self.need(size * 1.5)
        self.c.setFont(font, size)
        self.c.setFillGray(gray)
        self.c.drawString(self.lm if x is None else x, self.y, s)
        self.c.setFillGray(0)
        self.y -= dy if dy is not None else size * 1.45

    def para(self, s, font=None, size=None, indent=0, after=6):
        font = font or self.font
        size = size or self.size
        lines = simpleSplit(s, font, size, self.rm - self.lm - indent)
        for ln in lines:
            self.text(ln, font, size, x=self.lm + indent)
        self.y -= after

    def gap(self, h=8):
        self.y -= h

    def right(self, lines, font=None, size=None, x=330):
        y0 = self.y
        for ln in lines:
            self.c.setFont(font or self.font, size or self.size)
            self.c.drawString(x, y0, ln)
            y0 -= (size or self.size) * 1.4
        return y0

    def title(self, s, size=14):
        self.gap(4)
        self.para(s, self.bold, size, after=8)

    def bullets(self, items, bullet="•"):
        for it in items:
            lines = simpleSplit(it, self.font, self.size, self.rm - self.lm - 18)
            for i, ln in enumerate(lines):
                self.need(self.size * 1.5)
                self.c.setFont(self.font, self.size)
                if i == 0:
                    self.c.drawString(self.lm + 4, self.y, bullet)
                self.c.drawString(self.lm + 18, self.y, ln)
                self.y -= self.size * 1.45
        self.y -= 5

    def table(self, rows, widths, header=True, size=None, font=None, align=None, pad=4, boxed=True):
        font = font or self.font
        size = size or self.size - 0.5
        align = align or ["l"] * len(widths)
        total = sum(widths)
        scale = (self.rm - self.lm) / total
        ws = [w * scale for w in widths]
        for ri, row in enumerate(rows):
            cells = [simpleSplit(str(v), font, size, w - 2 * pad) or [""] for v, w in zip(row, ws)]
            h = max(len(c) for c in cells) * size * 1.3 + 2 * pad
            self.need(h)
            x = self.lm
            f = self.bold if (header and ri == 0) or str(row[0]).lower().startswith(("summa", "totalt", "total")) else font
            if header and ri == 0 and boxed:
                self.c.setFillGray(0.88)
                self.c.rect(self.lm, self.y - h + size, sum(ws), h, stroke=0, fill=1)
                self.c.setFillGray(0)
            for ci, (lines, w) in enumerate(zip(cells, ws)):
                if boxed:
                    self.c.setLineWidth(0.6)
                    self.c.rect(x, self.y - h + size, w, h, stroke=1, fill=0)
                yy = self.y - pad + 1
                for ln in lines:
                    self.c.setFont(f, size)
                    if align[ci] == "r":
                        self.c.drawRightString(x + w - pad, yy - size * 0.2, ln)
                    else:
                        self.c.drawString(x + pad, yy - size * 0.2, ln)
                    yy -= size * 1.3
                x += w
            self.y -= h
        self.y -= 10

    def letterhead(self, name, sub=None, logo=True, size=15, font=None):
        c = self.c
        top = self.H - 52
        if logo:
            c.setFillColorRGB(0.15, 0.3, 0.55)
            c.circle(self.lm + 12, top + 2, 12, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.setFont("sans-b", 11)
            c.drawCentredString(self.lm + 12, top - 2, name.strip()[0])
            c.setFillColorRGB(0, 0, 0)
            x = self.lm + 32
        else:
            x = self.lm
        c.setFont(font or "sans-b", size)
        c.drawString(x, top - 4, name)
        if sub:
            c.setFont("sans", 8.5)
            c.drawString(x, top - 17, sub)
        self.y = top - 42

    def save(self):
        self._footer()
        self.c.save()


# --------------------------------------------------------------------------- scanning
def render_pages(pdf_path, dpi):
    pdf = pdfium.PdfDocument(str(pdf_path))
    out = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72).to_pil().convert("L")
        out.append(img)
    pdf.close()
    return out


def add_stamp(img, rng, text):
    im = img.convert("RGB")
    layer = Image.new("RGBA", im.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    fs = int(im.size[0] * 0.035)
    font = ImageFont.truetype(FONTDIR + "DejaVuSans-Bold.ttf", fs)
    tw = d.textlength(text, font=font)
    x = int(im.size[0] * rng.uniform(0.66, 0.71))
    y = int(im.size[1] * rng.uniform(0.04, 0.07))
    x = min(x, int(im.size[0] * 0.95 - tw - 12))
    col = (170, 30, 40, 170) if rng.random() < 0.6 else (40, 50, 150, 170)
    d.rectangle([x - 12, y - 8, x + tw + 12, y + fs + 12], outline=col, width=4)
    d.text((x, y), text, font=font, fill=col)
    layer = layer.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC, center=(x, y))
    im = Image.alpha_composite(im.convert("RGBA"), layer).convert("RGB")
    return im


def scan_effects(img, rng, kind):
    """kind: flat | faint | rotated | photo | noisy"""
    arr = np.asarray(img.convert("L"), dtype=np.float32)
    h, w = arr.shape
    if kind == "faint":
        arr = 255 - (255 - arr) * rng.uniform(0.45, 0.6)
        arr += rng.uniform(8, 18)
    if kind in ("noisy", "rotated", "flat", "faint"):
        nrng = np.random.default_rng(rng.randrange(1 << 30))
        arr = arr + nrng.normal(0, rng.uniform(5, 11), arr.shape)
        # speckles
        n = int(w * h * 0.0004)
        ys, xs = nrng.integers(0, h, n), nrng.integers(0, w, n)
        arr[ys, xs] = nrng.uniform(0, 90, n)
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    im = Image.fromarray(arr, "L")
    if kind in ("rotated", "noisy", "flat", "faint"):
        ang = rng.uniform(0.6, 2.0) * rng.choice([-1, 1]) if kind == "rotated" else rng.uniform(-0.7, 0.7)
        im = im.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=235)
        im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    if kind == "photo":
        im = im.convert("RGB")
        a = np.asarray(im).astype(np.float32)
        # warm paper tint
        a[..., 0] *= 0.98
        a[..., 2] *= 0.90
        # shadow gradient
        gx = np.linspace(0, 1, w)[None, :]
        gy = np.linspace(0, 1, h)[:, None]
        sh = 1 - rng.uniform(0.25, 0.4) * np.clip(1.2 - (gx * 0.6 + gy * 0.9), 0, 1)
        a = a * sh[..., None]
        a = np.clip(a, 0, 255).astype(np.uint8)
        # perspective onto a darker background
        bw, bh = int(w * 1.12), int(h * 1.1)
        bg = np.full((bh, bw, 3), (70, 62, 55), np.uint8)
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        j = lambda: rng.uniform(-0.025, 0.025)
        ox, oy = (bw - w) / 2, (bh - h) / 2
        dst = np.float32([[ox + w * (0.02 + j()), oy + h * (0.01 + j())],
                          [ox + w * (0.97 + j()), oy + h * (0.025 + j())],
                          [ox + w * (1.0 + j()), oy + h * (0.99 + j())],
                          [ox + w * (-0.01 + j()), oy + h * (0.97 + j())]])
        M = cv2.getPerspectiveTransform(src, dst)
        out = cv2.warpPerspective(a, M, (bw, bh), dst=bg.copy(), borderMode=cv2.BORDER_TRANSPARENT)
        nrng = np.random.default_rng(rng.randrange(1 << 30))
        out = np.clip(out.astype(np.float32) + nrng.normal(0, 4, out.shape), 0, 255).astype(np.uint8)
        im = Image.fromarray(out, "RGB").filter(ImageFilter.GaussianBlur(0.6))
    return im


def jpeg_bytes(im, q):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, optimize=False)
    return b.getvalue()


def make_scan(pdf_path, out_path, rng, kind, stamp=None, fmt="pdf"):
    dpi = 200 if kind != "photo" else 170
    pages = render_pages(pdf_path, dpi)
    imgs = []
    for i, p in enumerate(pages):
        if stamp and i == 0:
            p = add_stamp(p, rng, stamp).convert("L")
        im = scan_effects(p, rng, kind)
        imgs.append(im)
    q = rng.randint(38, 62)
    if fmt == "pdf":
        data = img2pdf.convert([jpeg_bytes(im, q) for im in imgs], nodate=True, engine=img2pdf.Engine.internal)
        Path(out_path).write_bytes(data)
    elif fmt == "jpg":
        assert len(imgs) == 1
        Path(out_path).write_bytes(jpeg_bytes(imgs[0], q))
    else:
        assert len(imgs) == 1
        im = imgs[0]
        if im.mode == "L":
            im = im.quantize(64) if False else im
        b = io.BytesIO()
        im.save(b, "PNG", optimize=False)
        Path(out_path).write_bytes(b.getvalue())


# --------------------------------------------------------------------------- document builders
SOS_ADDR = ["Socialstyrelsen", "Avdelningen för statsbidrag", "106 30 Stockholm"]


def sos_block(d, x=330, lines=None):
    y = d.right(lines or SOS_ADDR, x=x)
    return y


def sig(d, name, title, org, date_line=None):
    d.gap(10)
    if date_line:
        d.text(date_line)
        d.gap(14)
    d.text("……………………………………", gray=0.3)
    d.text(name)
    d.text(title, size=d.size - 1)
    d.text(org, size=d.size - 1)


def build(spec, path, D):
    fn = BUILDERS[spec["style"]]
    fn(spec, path, D)


def muni_display(names, mode):
    if mode == "short":
        return [n for n in names]
    if mode == "kommun":
        return [kommun(n) for n in names]
    if mode == "fold":
        return [fold(kommun(n)) for n in names]
    raise ValueError(mode)


def join_sv(items):
    items = list(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " och " + items[-1]


# ---- style: letter requisition (region or municipality)
def b_letter(s, path, D):
    d = Doc(path, font=s.get("font", "serif"), size=10.5)
    d.letterhead(s["head"], s.get("head_sub"), size=s.get("head_size", 15))
    d.footer = s.get("footer")
    y0 = d.y
    d.right(SOS_ADDR if not s.get("to") else s["to"])
    d.text(f"Datum: {s['date_text']}")
    if s.get("dnr"):
        d.text(f"Diarienummer: {s['dnr']}")
    d.y = min(d.y, y0 - 60)
    d.gap(20)
    d.title(s["title"])
    for p in s["paras"]:
        if isinstance(p, list):
            d.bullets(p)
        elif isinstance(p, tuple) and p[0] == "table":
            d.table(p[1], p[2], align=p[3] if len(p) > 3 else None)
        else:
            d.para(p)
    sig(d, s["signer"], s["signer_title"], s["signer_org"], s.get("sig_date"))
    d.save()


# ---- style: form with bordered key/value table
def b_form(s, path, D):
    d = Doc(path, font="sans", size=9.5)
    d.letterhead(s["head"], s.get("head_sub"), logo=s.get("logo", True), size=13)
    d.footer = s.get("footer")
    d.title(s["title"], size=13)
    if s.get("intro"):
        d.para(s["intro"])
    d.table([["Uppgift", "Ifylles av sökande"]] + s["kv"], [38, 62])
    for p in s.get("paras", []):
        if isinstance(p, list):
            d.bullets(p)
        elif isinstance(p, tuple) and p[0] == "table":
            d.table(p[1], p[2], align=p[3] if len(p) > 3 else None)
        elif isinstance(p, tuple) and p[0] == "h":
            d.para(p[1], font="sans-b", after=3)
        else:
            d.para(p)
    sig(d, s["signer"], s["signer_title"], s["signer_org"], s.get("sig_date"))
    d.save()


# ---- style: e-service printout (monospace, label: value, maybe ASCII-folded)
def b_eservice(s, path, D):
    d = Doc(path, font="mono", size=9)
    d.lm = 56
    d.text("Socialstyrelsen – E-tjänst för statsbidrag", font="mono-b", size=11)
    d.text("Utskrift av inskickat ärende", size=9, gray=0.3)
    d.c.setLineWidth(1)
    d.c.line(d.lm, d.y + 4, d.rm, d.y + 4)
    d.gap(10)
    for sec, rows in s["sections"]:
        d.text(sec.upper(), font="mono-b", size=9.5)
        d.gap(2)
        for k, v in rows:
            lines = simpleSplit(v, "mono", 9, d.rm - d.lm - 190) or [""]
            d.text(f"{k}", x=d.lm + 6, dy=0)
            for ln in lines:
                d.text(ln, x=d.lm + 190)
        d.gap(8)
    d.footer = s.get("footer")
    d.save()


# ---- style: mail-body printout
def b_mail(s, path, D):
    d = Doc(path, font="sans", size=10)
    d.lm = 60
    for k, v in s["headers"]:
        d.text(f"{k}:", font="sans-b", dy=0)
        d.text(v, x=d.lm + 62)
    d.c.line(d.lm, d.y + 6, d.rm, d.y + 6)
    d.gap(10)
    for p in s["paras"]:
        if isinstance(p, list):
            d.bullets(p, bullet="-")
        elif isinstance(p, tuple) and p[0] == "table":
            d.table(p[1], p[2], align=p[3] if len(p) > 3 else None)
        else:
            d.para(p)
    d.gap(6)
    for ln in s["sign"]:
        d.text(ln)
    d.save()


# ---- style: protokollsutdrag (decision)
def b_protocol(s, path, D):
    d = Doc(path, font="serif", size=10.5)
    d.letterhead(s["head"], s.get("head_sub"), size=14)
    d.footer = s.get("footer")
    d.text("PROTOKOLLSUTDRAG", font="sans-b", size=12, x=360, dy=0)
    d.gap(22)
    d.table([["Sammanträde", s["body"]], ["Sammanträdesdatum", s["date_text"]], ["Paragraf", s["para_no"]],
             ["Diarienummer", s["dnr"]]], [30, 70], header=False, size=9.5, font="sans")
    d.title(s["title"], size=12.5)
    for h, p in s["sections"]:
        if h:
            d.para(h, font="serif-b", after=2)
        if isinstance(p, list):
            d.bullets(p)
        else:
            d.para(p)
    d.gap(6)
    d.para("Vid protokollet", after=2)
    d.text(s["secretary"])
    d.gap(6)
    d.para("Utdragsbestyrkande", font="serif-b", after=2)
    d.text("……………………………………", gray=0.3)
    d.text(s["certifier"])
    d.save()


# ---- style: return report (ekonomisk redovisning)
def b_report(s, path, D):
    d = Doc(path, font=s.get("font", "sans"), size=10)
    d.letterhead(s["head"], s.get("head_sub"), size=14)
    d.footer = s.get("footer")
    y0 = d.y
    d.right(s.get("to", SOS_ADDR))
    d.text(f"Datum: {s['date_text']}")
    if s.get("dnr"):
        d.text(f"Dnr: {s['dnr']}")
    d.y = min(d.y, y0 - 60)
    d.gap(16)
    d.title(s["title"], size=13)
    for p in s["paras"]:
        if isinstance(p, list):
            d.bullets(p)
        elif isinstance(p, tuple) and p[0] == "table":
            d.table(p[1], p[2], align=p[3] if len(p) > 3 else None)
        elif isinstance(p, tuple) and p[0] == "h":
            d.para(p[1], font=d.bold, after=3)
        elif isinstance(p, tuple) and p[0] == "break":
            d.newpage()
        else:
            d.para(p)
    sig(d, s["signer"], s["signer_title"], s["signer_org"], s.get("sig_date"))
    d.save()


BUILDERS = {"letter": b_letter, "form": b_form, "eservice": b_eservice, "mail": b_mail,
            "protocol": b_protocol, "report": b_report}


# --------------------------------------------------------------------------- the corpus
def plan(D, rng):
    """Return the list of document specs in arrival order (received ascending)."""
    R = D.region
    docs = []

    def mcodes(names):
        return sorted(D.muni[n] for n in names)

    def add(spec):
        docs.append(spec)

    def jit(base, lo, hi):
        return base + rng.randint(lo, hi) * 100

    def back(iso, lo=1, hi=6):
        return (dt.date.fromisoformat(iso) - dt.timedelta(days=rng.randint(lo, hi))).isoformat()

    people = ["Anna Lund", "Karin Berg", "Maria Sandberg", "Erik Holm", "Sara Lindqvist", "Johan Ek",
              "Lena Nyström", "Fredrik Ahl", "Elin Forsberg", "Per Mora", "Helena Vik", "Ola Strand"]

    # ===== bhv-pilot 2023 =====
    # 1 Botkyrka: socialnämndens beslut (decision), before the requisition
    rec = "2023-04-24"; date = back(rec, 2, 5)
    add(dict(style="protocol", received=rec, date=date, type="decision", program="bhv-pilot", year=2023,
             org=("municipality", "0127"), amounts={"decided": 580000},
             head="Botkyrka kommun", head_sub="Socialnämnden",
             body="Socialnämnden", date_text=date, para_no="§ 41", dnr="SON/2023:118",
             title="Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023",
             sections=[("Beslut", "Socialnämnden beslutar att rekvirera 580 000 kronor i statsbidrag från Socialstyrelsen för pilotverksamhet i barnhälsovården för bidragsåret 2023."),
                       ("Ärendet", "Botkyrka kommun är ett av fyra pilotområden. Verksamheten bedrivs i Alby och Fittja i samverkan med Region Stockholms barnhälsovård, som rekvirerar sin del av bidraget separat. Kommunens del avser socialtjänstens förebyggande verksamhet inom det utökade hembesöksprogrammet."),
                       ("Beslutsunderlag", "Tjänsteskrivelse från socialförvaltningen samt Socialstyrelsens anvisningar för bidragsåret 2023.")],
             secretary="Karin Berg, nämndsekreterare", certifier="Karin Berg",
             scan=None))

    # 2 Botkyrka requisition letter, quoting Socialstyrelsen's address block
    rec = "2023-05-04"; date = back(rec, 1, 3)
    add(dict(style="letter", received=rec, date=date, type="requisition", program="bhv-pilot", year=2023,
             org=("municipality", "0127"), amounts={"requested": 580000},
             head="Botkyrka kommun", head_sub="Socialförvaltningen · 147 85 Tumba",
             date_text=date, dnr="SON/2023:118",
             title="Rekvisition av statsbidrag 2023 – pilotverksamhet i barnhälsovården",
             paras=["Botkyrka kommun rekvirerar härmed statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden för bidragsåret 2023, i enlighet med Socialstyrelsens anvisningar.",
                    f"Rekvirerat belopp: {kr(580000)}",
                    "Medlen avser kommunens del (förebyggande socialtjänst) i pilotområdet Alby/Fittja. Region Stockholm rekvirerar regionens del för samma område.",
                    "Beloppet önskas utbetalt till bankgiro 5050-1055. Beslut om rekvisitionen fattades av socialnämnden i Botkyrka kommun (§ 41)."],
             signer="Karin Berg", signer_title="Socialdirektör", signer_org="Botkyrka kommun", scan=None))

    # 3 Malmö stad form; Region Skåne in the footer
    rec = "2023-05-09"; date = back(rec, 1, 4)
    add(dict(style="form", received=rec, date=date, type="requisition", program="bhv-pilot", year=2023,
             org=("municipality", "1280"), amounts={"requested": 580000},
             head="Malmö stad", head_sub="Funktionsstödsförvaltningen / Sociala resursförvaltningen",
             footer=["Pilotområde Rosengård – barnhälsovård i samverkan: Malmö stad och Region Skåne, Barnhälsovårdsenheten,",
                     "Region Skåne, 291 89 Kristianstad · www.skane.se · Malmö stad, 205 80 Malmö · www.malmo.se"],
             title="Rekvisition – statsbidrag för pilotverksamhet i barnhälsovården 2023",
             kv=[["Rekvirerande kommun", "Malmö stad"], ["Organisationsnummer", "212000-1124"],
                 ["Bidragsår", "2023"], ["Pilotområde", "Rosengård"],
                 ["Rekvirerat belopp", kr(580000)], ["Datum", date],
                 ["Kontaktperson", "Helena Vik, utvecklingssekreterare"]],
             paras=["Malmö stad intygar att medlen kommer att användas i enlighet med Socialstyrelsens anvisningar och att verksamheten bedrivs i samverkan med Region Skåne."],
             signer="Helena Vik", signer_title="Avdelningschef", signer_org="Malmö stad",
             scan=dict(kind="flat", stamp="KOPIA")))

    # 4 Göteborgs Stad via ekonomiservice (on behalf of)
    rec = "2023-05-16"; date = back(rec, 1, 4)
    add(dict(style="mail", received=rec, date=date, type="requisition", program="bhv-pilot", year=2023,
             org=("municipality", "1480"), amounts={"requested": 575000},
             headers=[("Från", "Ekonomiservice – Intraservice, Göteborgs Stad <ekonomiservice@goteborg.se>"),
                      ("Till", "statsbidrag@socialstyrelsen.se"),
                      ("Datum", f"{long_date(date)} 14:12"),
                      ("Ämne", "Rekvisition pilotverksamhet barnhälsovård 2023 – Göteborgs Stad")],
             paras=["Hej,",
                    "På uppdrag av Göteborgs Stad, socialförvaltning Nordost, översänder vi stadens rekvisition av statsbidrag för pilotverksamhet i barnhälsovården för bidragsåret 2023.",
                    f"Göteborgs Stad rekvirerar {kr(575000)} för pilotområdet Angered/Bergsjön. Verksamheten bedrivs tillsammans med Västra Götalandsregionens barnavårdscentraler i Angered och Lundby.",
                    "Ekonomiservice hanterar endast utbetalningen; frågor om verksamheten besvaras av socialförvaltning Nordost.",
                    "Utbetalning till Göteborgs Stad, bankgiro 5032-6418, märk med referens 4420-PILOT."],
             sign=["Med vänlig hälsning", "Johan Ek", "Ekonomiservice, Intraservice", "på uppdrag av Göteborgs Stad, socialförvaltning Nordost"],
             scan=None))

    # 5 Stockholms stad; Region Stockholm prominent
    rec = "2023-05-23"; date = back(rec, 1, 4)
    add(dict(style="letter", received=rec, date=date, type="requisition", program="bhv-pilot", year=2023,
             org=("municipality", "0180"), amounts={"requested": 255000},
             head="Stockholms stad", head_sub="Rinkeby-Kista stadsdelsförvaltning",
             date_text=long_date(date), dnr="RK 1.4-0213/2023",
             title="Stockholms stads rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023",
             paras=["Pilotområdet Rinkeby har ett särskilt uppdrag att medverka i utvecklingen av modellen. Verksamheten bedrivs i nära samarbete med Region Stockholm, Centrala barnhälsovården, som ansvarar för barnavårdscentralerna i området och rekvirerar regionens del själv.",
                    f"Stockholms stad, genom Rinkeby-Kista stadsdelsförvaltning, rekvirerar {kr(255000)} för bidragsåret 2023.",
                    "Beloppet motsvarar kommunens del enligt Socialstyrelsens fördelning för pilotområdet med särskilt uppdrag."],
             signer="Lena Nyström", signer_title="Stadsdelsdirektör", signer_org="Stockholms stad, Rinkeby-Kista stadsdelsförvaltning",
             scan=dict(kind="faint")))

    # 6 Södertälje kommun: not a pilot area -> NO_ALLOCATION
    rec = "2023-06-05"; date = back(rec, 1, 3)
    add(dict(style="form", received=rec, date=date, type="requisition", program="bhv-pilot", year=2023,
             org=("municipality", "0181"), amounts={"requested": 580000},
             head="Södertälje kommun", head_sub="Socialkontoret",
             title="Rekvisition av statsbidrag – pilotverksamhet i barnhälsovården, bidragsår 2023",
             kv=[["Kommun", "Södertälje kommun"], ["Förvaltning", "Socialkontoret, Barn och familj"],
                 ["Område", "Ronna, Geneta och Hovsjö"], ["Belopp som rekvireras", kr(580000, 1)],
                 ["Datum", date], ["Kontaktperson", "Fredrik Ahl"]],
             paras=["Södertälje kommun önskar delta i pilotverksamheten och rekvirerar medel för att bygga upp ett utökat hembesöksprogram tillsammans med Region Stockholm."],
             signer="Fredrik Ahl", signer_title="Enhetschef", signer_org="Södertälje kommun", scan=None))

    # 7 Jönköpings kommun (not Region Jönköpings län), late, not a pilot area
    rec = "2023-06-21"; date = back(rec, 1, 2)
    add(dict(style="letter", received=rec, date=date, type="requisition", program="bhv-pilot", year=2023,
             org=("municipality", "0680"), amounts={"requested": 300000},
             head="Jönköpings kommun", head_sub="Socialförvaltningen, 551 89 Jönköping",
             date_text=date, dnr="Soc 2023:402",
             title="Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023",
             paras=["Jönköpings kommun rekvirerar härmed statsbidrag för pilotverksamhet i barnhälsovården för 2023. Kommunen avser att bedriva verksamheten i Råslätt och Öxnehaga i samarbete med Region Jönköpings län.",
                    f"Belopp: {kr(300000)}",
                    "Region Jönköpings län har informerats om rekvisitionen men rekvirerar inte själv inom ramen för pilotverksamheten."],
             signer="Per Mora", signer_title="Socialchef", signer_org="Jönköpings kommun",
             scan=dict(kind="rotated")))

    # ===== hembesok 2023 =====
    # 8 Region Jämtland Härjedalen decision
    rec = "2023-09-13"; date = back(rec, 2, 6)
    add(dict(style="protocol", received=rec, date=date, type="decision", program="hembesok", year=2023,
             org=("region", "23"), amounts={"decided": 255000}, collab=mcodes(["Östersund", "Strömsund", "Härjedalen"]),
             head="Region Jämtland Härjedalen", head_sub="Regionstyrelsen",
             body="Regionstyrelsens arbetsutskott", date_text=date, para_no="§ 188", dnr="RS/1412/2023",
             title="Statsbidrag för utökade hembesöksprogram inom barnhälsovården 2023",
             sections=[("Beslut", "Regionstyrelsens arbetsutskott beslutar att statsbidraget om 255 000 kronor för 2023 fördelas till Barnhälsovårdsenheten för arbete med utökade hembesök."),
                       ("Sammanfattning", "Socialstyrelsen fördelar 42 miljoner kronor till regionerna för 2023. Insatserna planeras i samverkan med Östersunds kommun, Strömsunds kommun och Härjedalens kommun. Bidraget ska användas senast 2023-12-31.")],
             secretary="Elin Forsberg, sekreterare", certifier="Elin Forsberg", scan=None))

    # 9 'Landstinget i Värmland' old template requisition 2023
    rec = "2023-09-29"; date = back(rec, 1, 4)
    add(dict(style="letter", received=rec, date=date, type="requisition", program="hembesok", year=2023,
             org=("region", "17"), amounts={"requested": 2745000}, collab=mcodes(["Karlstad"]),
             head="LANDSTINGET I VÄRMLAND", head_sub="Hälso- och sjukvårdsförvaltningen · Box 1024 · 651 15 Karlstad",
             date_text=date, dnr="LiV 2023-0877",
             title="Rekvisition av statsbidrag för utökade hembesöksprogram 2023",
             paras=["Härmed rekvireras statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram för år 2023.",
                    f"Rekvirerat belopp: {kr(2745000)}",
                    "Insatserna genomförs inom barnhälsovården i Värmland och planeras i samverkan med socialtjänsten i Karlstads kommun."],
             signer="Ola Strand", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Landstinget i Värmland",
             scan=dict(kind="noisy")))

    # 10 Region Örebro län decision (1,3 miljoner vs 1 349 000)
    rec = "2023-10-06"; date = back(rec, 2, 6)
    add(dict(style="protocol", received=rec, date=date, type="decision", program="hembesok", year=2023,
             org=("region", "18"), amounts={"decided": 1300000},
             head="Region Örebro län", head_sub="Regionstyrelsen",
             body="Regionstyrelsen", date_text=date, para_no="§ 212", dnr="23RS7431",
             title="Fördelning av statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med hembesöksprogram",
             sections=[("Beslut", "Regionstyrelsen beslutar att fördela statsbidraget (1,3 miljoner kronor 2023) till centrala barnhälsovårdsenheten vid hälsovalsenheten."),
                       ("Ärendebeskrivning", "Arbetet med utökade hembesök bedrivs av vårdcentralerna Vivalla/Lundby, Varberga och Brickebacken och samordnas av centrala barnhälsovårdsenheten. Kontaktperson är Nora Sandberg, barnhälsovårdsöverläkare."),
                       ("Ekonomiska konsekvenser", "Bidraget ska förbrukas senast 2023-12-31 och återrapporteras till Socialstyrelsen senast den 1 mars 2024.")],
             secretary="Maria Sandberg, sekreterare", certifier="Maria Sandberg", scan=None))

    # 11 Region Gotland requisition 2023: no 2023 row -> NO_ALLOCATION
    rec = "2023-10-12"; date = back(rec, 1, 4)
    add(dict(style="form", received=rec, date=date, type="requisition", program="hembesok", year=2023,
             org=("region", "09"), amounts={"requested": 410000},
             head="Region Gotland", head_sub="Hälso- och sjukvårdsförvaltningen, 621 81 Visby",
             title="Rekvisition – statsbidrag för utökade hembesöksprogram, bidragsår 2023",
             kv=[["Region", "Region Gotland"], ["Organisationsnummer", "212000-0803"],
                 ["Bidragsår", "2023"], ["Rekvirerat belopp", kr(410000)], ["Datum", date],
                 ["Kontaktperson", "Sara Lindqvist, vårdutvecklare barnhälsovård"]],
             paras=["Region Gotland ansvarar för både regional och kommunal verksamhet på Gotland. Insatserna genomförs av barnhälsovården i Visby och Hemse."],
             signer="Sara Lindqvist", signer_title="Verksamhetschef", signer_org="Region Gotland", scan=None))

    # 12 Stockholms läns landsting (old name) -> Region Stockholm, exceeds
    rec = "2023-10-20"; date = back(rec, 1, 3)
    add(dict(style="letter", received=rec, date=date, type="requisition", program="hembesok", year=2023,
             org=("region", "01"), amounts={"requested": 5400000}, collab=mcodes(["Stockholm", "Botkyrka", "Södertälje"]),
             head="Stockholms läns landsting", head_sub="Hälso- och sjukvårdsförvaltningen · Box 6909 · 102 39 Stockholm",
             date_text=date, dnr="HSN 2023-1120",
             title="Rekvisition av statsbidrag för utökade hembesöksprogram 2023",
             paras=["Stockholms läns landsting rekvirerar statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram för bidragsåret 2023.",
                    f"Rekvirerat belopp: {kr(5400000)}",
                    "Arbetet sker i samverkan med Stockholms stad, Botkyrka kommun och Södertälje kommun. Dessa kommuner rekvirerar inte medel för detta bidrag."],
             signer="Erik Holm", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Stockholms läns landsting",
             scan=dict(kind="rotated")))

    # 13 VGR decision 5,7 miljoner vs 5 684 000
    rec = "2023-10-25"; date = back(rec, 1, 4)
    add(dict(style="protocol", received=rec, date=date, type="decision", program="hembesok", year=2023,
             org=("region", "14"), amounts={"decided": 5700000},
             head="Västra Götalandsregionen", head_sub="Regionstyrelsen",
             body="Regionstyrelsen", date_text=date, para_no="§ 301", dnr="RS 2023-05544",
             title="Beslut om användning av statsbidrag för utökade hembesöksprogram 2023",
             sections=[("Beslut", "Regionstyrelsen beslutar att statsbidraget om 5,7 miljoner kronor för 2023 fördelas till vårdcentraler med utökade hembesöksprogram."),
                       ("Bakgrund", "Västra Götalandsregionens barnhälsovård bedriver utökade hembesök vid vårdcentraler i områden med socioekonomiska utmaningar. Det ska vara tydligt att medlen går till verksamhet i områden med socioekonomiska utmaningar."),
                       ("Uppföljning", "Regionens vårdcentraler rapporterar till Västra Götalandsregionens centrala barnhälsovårdsenhet senast den 31 januari 2024.")],
             secretary="Anna Lund, regionsekreterare", certifier="Anna Lund",
             scan=dict(kind="faint", stamp="ARKIVEXEMPLAR")))

    # 14 Region Jönköpings län decision 486 tkr vs 496 000 -> DECISION_AMOUNT_MISMATCH
    rec = "2023-11-03"; date = back(rec, 1, 4)
    add(dict(style="protocol", received=rec, date=date, type="decision", program="hembesok", year=2023,
             org=("region", "06"), amounts={"decided": 486000},
             head="Region Jönköpings län", head_sub="Regionstyrelsen",
             body="Regionstyrelsens arbetsutskott", date_text=date, para_no="§ 156", dnr="RJL 2023/2211",
             title="Statsbidrag för utökade hembesöksprogram inom barnhälsovården 2023",
             sections=[("Beslut", "Arbetsutskottet beslutar att statsbidraget om 486 tkr för 2023 tilldelas Barnhälsovården i Region Jönköpings län."),
                       ("Sammanfattning", "Arbetet bedrivs vid vårdcentralerna på Råslätt och Öxnehaga. Uppföljning sker genom Barnhälsovårdsenheten.")],
             secretary="Helena Vik, sekreterare", certifier="Helena Vik", scan=None))

    # 15 Region Västmanland, late 2023 requisition; Sala in prose
    rec = "2023-11-07"; date = back(rec, 0, 2)
    add(dict(style="letter", received=rec, date=date, type="requisition", program="hembesok", year=2023,
             org=("region", "19"), amounts={"requested": 1455000},
             head="Region Västmanland", head_sub="Västmanlands sjukhus Västerås · 721 89 Västerås",
             date_text=date, dnr="RV 231455",
             title="Rekvisition av statsbidrag för utökade hembesöksprogram 2023",
             paras=["Region Västmanland rekvirerar statsbidrag för utökade hembesöksprogram inom barnhälsovården för 2023.",
                    f"Rekvirerat belopp: {kr(1455000, 2)}",
                    "Rekvisitionen skickas efter sista dag på grund av att beslutet i regionstyrelsen fattades först i november. Insatserna bedrivs vid barnavårdscentralerna i Västerås."],
             signer="Johan Ek", signer_title="Områdeschef primärvård", signer_org="Region Västmanland", scan=None))

    # ===== hembesok 2024 requisitions =====
    def req24(**kw):
        kw.setdefault("type", "requisition"); kw.setdefault("program", "hembesok"); kw.setdefault("year", 2024)
        add(kw)

    # 16 Region Uppsala, e-service printout (Uppsala kommun among collaborators)
    rec = "2024-01-15"; date = back(rec, 0, 2)
    col = ["Uppsala", "Enköping", "Tierp", "Heby"]
    req24(style="eservice", received=rec, date=date, org=("region", "03"), amounts={"requested": 2611000},
          collab=mcodes(col), share=30,
          sections=[("Ärende", [("Ärendenummer", "SB-2024-00317"), ("Statsbidrag", "Utökade hembesöksprogram inom barnhälsovården"), ("Bidragsår", "2024"), ("Inskickat", date)]),
                    ("Sökande organisation", [("Organisation", "Region Uppsala"), ("Organisationsnummer", "232100-0024"), ("Postadress", "Box 602, 751 25 Uppsala"), ("Kontaktperson", "Anna Lund")]),
                    ("Rekvisition", [("Rekvirerat belopp (kr)", "2 611 000"), ("Samverkande kommuner", ", ".join(kommun(n) for n in col)),
                                     ("Andel till kommunal verksamhet", "30 %"), ("Önskar del av kvarvarande medel", "Ja")])],
          scan=None)

    # 17 Uppsala kommun -> WRONG_RECIPIENT_KIND
    rec = "2024-01-23"; date = back(rec, 1, 4)
    req24(style="letter", received=rec, date=date, org=("municipality", "0380"), amounts={"requested": 450000},
          head="Uppsala kommun", head_sub="Socialförvaltningen · 753 75 Uppsala",
          date_text=long_date(date), dnr="SCN-2024-0041",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Uppsala kommun rekvirerar statsbidrag för utökade hembesöksprogram inom barnhälsovården för 2024. Kommunens socialtjänst genomför hembesöken tillsammans med barnhälsovården i Region Uppsala i Gottsunda och Gränby.",
                 f"Uppsala kommun rekvirerar {kr(450000)} för kommunens del av arbetet.",
                 "Kontaktperson är Sara Lindqvist, socialförvaltningen, Uppsala kommun."],
          signer="Sara Lindqvist", signer_title="Avdelningschef", signer_org="Uppsala kommun",
          scan=dict(kind="flat", stamp="KOPIA"))

    # 18 Västra Götalandsregionen form with long list + per-municipality table
    rec = "2024-01-31"; date = back(rec, 1, 5)
    col = ["Göteborg", "Ale", "Mark", "Vara", "Tanum", "Trollhättan", "Borås", "Uddevalla", "Lilla Edet",
           "Mellerud", "Bengtsfors", "Vänersborg"]
    req = 13000000; share = 35
    munpart = round(req * share / 100 / 1000) * 1000
    weights = [40, 6, 7, 5, 4, 9, 10, 7, 3, 3, 2, 4]
    parts = [round(munpart * w / sum(weights) / 1000) * 1000 for w in weights]
    parts[0] += munpart - sum(parts)
    rows = [["Kommun", "Belopp (kr)"]] + [[kommun(n), f"{p:,}".replace(",", " ")] for n, p in zip(col, parts)] + [["Summa kommunal verksamhet", f"{munpart:,}".replace(",", " ")]]
    req24(style="form", received=rec, date=date, org=("region", "14"), amounts={"requested": req},
          collab=mcodes(col), share=share,
          head="Västra Götalandsregionen", head_sub="Koncernkontoret · Regionens hus · 405 44 Göteborg",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          kv=[["Region", "Västra Götalandsregionen"], ["Bidragsår", "2024"],
              ["Rekvirerat belopp", kr(req)],
              ["Samverkande kommuner", ", ".join(col)],
              ["Andel av bidraget som finansierar kommunal verksamhet", f"{share} procent"],
              ["Datum", date]],
          paras=[("h", "Planerad fördelning av den kommunala andelen"), ("table", rows, [70, 30], ["l", "r"]),
                 "Samverkan ska vara etablerad i varje kommun innan medel fördelas vidare. Där verksamheten tar mark i anspråk för nya familjecentraler bekostas detta inte av statsbidraget."],
          signer="Anna Lund", signer_title="Regiondirektör", signer_org="Västra Götalandsregionen", scan=None)

    # 19 Region Skåne letter; Lund only as university -> SHARE_BELOW_MINIMUM (25 < 30)
    rec = "2024-02-06"; date = back(rec, 1, 4)
    col = ["Malmö", "Helsingborg", "Landskrona", "Bjuv", "Trelleborg"]
    req24(style="letter", received=rec, date=date, org=("region", "12"), amounts={"requested": 10500000},
          collab=mcodes(col), share=25,
          head="Region Skåne", head_sub="Hälso- och sjukvårdsförvaltningen · 291 89 Kristianstad",
          date_text=date, dnr="RS 2024/0212",
          title="Region Skånes rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Skåne rekvirerar statsbidrag för bidragsåret 2024 för att införa och vidareutveckla utökade hembesöksprogram inom barnhälsovården.",
                 f"Rekvirerat belopp: {kr(10500000)}",
                 "Region Skåne kommer att samverka med följande kommuner:",
                 [kommun(n) for n in col],
                 "Av bidraget avses 25 procent finansiera kommunal verksamhet (socialtjänstens medverkan vid hembesöken).",
                 "Programmet utvärderas tillsammans med forskare vid Lunds universitet."],
          signer="Karin Berg", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Region Skåne", scan=None)

    # 20 Region Jämtland Härjedalen e-service; Härjedalen municipality as collaborator
    rec = "2024-02-09"; date = back(rec, 0, 2)
    col = ["Östersund", "Åre", "Härjedalen", "Berg", "Strömsund"]
    req24(style="eservice", received=rec, date=date, org=("region", "23"), amounts={"requested": 1047000},
          collab=mcodes(col), share=40,
          sections=[("Ärende", [("Ärendenummer", "SB-2024-00644"), ("Statsbidrag", "Utökade hembesöksprogram"), ("Bidragsår", "2024"), ("Inskickat", date)]),
                    ("Sökande organisation", [("Organisation", "Region Jämtland Härjedalen"), ("Postadress", "Box 654, 831 27 Östersund")]),
                    ("Rekvisition", [("Rekvirerat belopp (kr)", "1 047 000"),
                                     ("Samverkande kommuner", "; ".join(kommun(n) for n in col)),
                                     ("Andel till kommunal verksamhet", "40 %")])],
          scan=dict(kind="flat", fmt="png"))

    # 21 Örebro kommun -> WRONG_RECIPIENT_KIND
    rec = "2024-02-14"; date = back(rec, 1, 3)
    req24(style="letter", received=rec, date=date, org=("municipality", "1880"), amounts={"requested": 620000},
          head="Örebro kommun", head_sub="Förvaltningen social välfärd · Box 300 00 · 701 35 Örebro",
          date_text=date, dnr="SV 2024:118",
          title="Rekvisition – statsbidrag för utökade hembesöksprogram 2024",
          paras=["Örebro kommun rekvirerar härmed statsbidrag för utökade hembesöksprogram för 2024.",
                 f"Rekvirerat belopp: {kr(620000, 1)}",
                 "Arbetet sker i Vivalla och Varberga tillsammans med Region Örebro län, vars barnavårdscentraler genomför hembesöken. Region Örebro län har tagit del av denna rekvisition."],
          signer="Erik Holm", signer_title="Förvaltningschef", signer_org="Örebro kommun", scan=None)

    # 22 Region Sörmland; Flen as collaborator
    rec = "2024-02-16"; date = back(rec, 1, 3)
    col = ["Eskilstuna", "Katrineholm", "Nyköping", "Flen"]
    req24(style="letter", received=rec, date=date, org=("region", "04"), amounts={"requested": 1488000},
          collab=mcodes(col), share=45,
          head="Region Sörmland", head_sub="Division primärvård · 611 88 Nyköping",
          date_text=long_date(date), dnr="RS-LED23-1834",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram, bidragsår 2024",
          paras=["Region Sörmland rekvirerar statsbidrag om " + kr(1488000) + " för 2024.",
                 "Samverkan sker med " + join_sv(kommun(n) for n in col) + ".",
                 "Andelen av bidraget som ska finansiera kommunal verksamhet är 45 %."],
          signer="Elin Forsberg", signer_title="Divisionschef primärvård", signer_org="Region Sörmland",
          scan=dict(kind="noisy"))

    # 23 Region Jönköpings län as an old system writes it (ASCII)
    rec = "2024-02-20"; date = back(rec, 0, 1)
    col = ["Jönköping", "Värnamo", "Nässjö", "Habo"]
    req24(style="eservice", received=rec, date=date, org=("region", "06"), amounts={"requested": 3200000},
          collab=mcodes(col), share=33,
          sections=[("Arende", [("Arendenummer", "SB-2024-00811"), ("Statsbidrag", "Utokade hembesoksprogram"), ("Bidragsar", "2024"), ("Inskickat", date)]),
                    ("Sokande organisation", [("Organisation", "REGION JONKOPINGS LAN"), ("E-post", "registrator@rjl.se"), ("Postadress", "Box 1024, 551 11 Jonkoping")]),
                    ("Rekvisition", [("Rekvirerat belopp (kr)", "3200000"),
                                     ("Samverkande kommuner", ", ".join(fold(kommun(n)) for n in col)),
                                     ("Andel till kommunal verksamhet", "33 %")])],
          scan=None)

    # 24 Region Stockholm letter quoting address blocks -> AMOUNT_EXCEEDS (phone photo)
    rec = "2024-02-26"; date = back(rec, 1, 3)
    col = ["Stockholm", "Botkyrka", "Södertälje", "Huddinge", "Järfälla", "Sundbyberg", "Norrtälje"]
    req24(style="letter", received=rec, date=date, org=("region", "01"), amounts={"requested": 12900000},
          collab=mcodes(col), share=30, font="sans",
          head="Region Stockholm", head_sub="Hälso- och sjukvårdsförvaltningen · Box 6909 · 102 39 Stockholm",
          date_text=date, dnr="HSN 2024-0193",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Stockholm rekvirerar statsbidrag för utökade hembesöksprogram inom barnhälsovården för bidragsåret 2024.",
                 f"Rekvirerat belopp: {kr(12900000)}",
                 "Samverkande kommuner: " + ", ".join(kommun(n) for n in col) + ".",
                 "Andel som finansierar kommunal verksamhet: 30 procent."],
          signer="Erik Holm", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Region Stockholm",
          scan=dict(kind="photo"))

    # 25 Region Gävleborg table with kommunkod
    rec = "2024-02-28"; date = back(rec, 1, 4)
    col = ["Gävle", "Sandviken", "Söderhamn", "Hudiksvall", "Bollnäs"]
    req24(style="form", received=rec, date=date, org=("region", "21"), amounts={"requested": 2200000},
          collab=mcodes(col), share=30,
          head="Region Gävleborg", head_sub="Hälso- och sjukvård · 801 88 Gävle",
          title="Rekvisition av statsbidrag – utökade hembesöksprogram 2024",
          kv=[["Region", "Region Gävleborg"], ["Bidragsår", "2024"], ["Rekvirerat belopp", kr(2200000, 2)],
              ["Andel till kommunal verksamhet", "30 %"], ["Datum", date]],
          paras=[("h", "Samverkande kommuner"),
                 ("table", [["Kommunkod", "Kommun", "Samverkansform"]] + [[D.muni[n], n, "Familjecentral / hembesök"] for n in col], [20, 35, 45])],
          signer="Maria Sandberg", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Region Gävleborg", scan=None)

    # 26 VGR supplementary requisition -> DUPLICATE_REQUISITION
    rec = "2024-03-01"; date = back(rec, 0, 1)
    col = ["Göteborg", "Alingsås", "Lerum", "Vårgårda"]
    req24(style="mail", received=rec, date=date, org=("region", "14"), amounts={"requested": 1200000},
          collab=mcodes(col), share=30,
          headers=[("Från", "VGR Koncernkontoret <koncernkontoret@vgregion.se>"), ("Till", "statsbidrag@socialstyrelsen.se"),
                   ("Datum", f"{long_date(date)} 09:41"), ("Ämne", "VGR – kompletterande rekvisition hembesöksprogram 2024")],
          paras=["Hej!",
                 "Västra Götalandsregionen (VGR) lämnar härmed en kompletterande rekvisition av statsbidrag för utökade hembesöksprogram 2024, avseende kvarvarande medel.",
                 f"Rekvirerat belopp: {kr(1200000)}",
                 "Samverkande kommuner för de kompletterande medlen: Göteborgs Stad, Alingsås kommun, Lerums kommun och Vårgårda kommun.",
                 "Andel som finansierar kommunal verksamhet: 30 %."],
          sign=["Vänliga hälsningar", "Anna Lund", "Regiondirektör, Västra Götalandsregionen"], scan=None)

    # 27 Västerås stad -> WRONG_RECIPIENT_KIND
    rec = "2024-03-05"; date = back(rec, 1, 3)
    req24(style="form", received=rec, date=date, org=("municipality", "1980"), amounts={"requested": 380000},
          head="Västerås stad", head_sub="Individ- och familjeförvaltningen · 721 87 Västerås",
          title="Rekvisition av statsbidrag – utökade hembesöksprogram 2024",
          kv=[["Sökande", "Västerås stad"], ["Organisationsnummer", "212000-2080"], ["Bidragsår", "2024"],
              ["Rekvirerat belopp", kr(380000)], ["Datum", date], ["Kontaktperson", "Ola Strand"]],
          paras=["Västerås stad genomför hembesöken i Bäckby och Råby tillsammans med barnhälsovården i Region Västmanland."],
          signer="Ola Strand", signer_title="Direktör", signer_org="Västerås stad",
          scan=dict(kind="rotated"))

    # 28 Region Kronoberg; Markaryd (contains 'Mark')
    rec = "2024-03-06"; date = back(rec, 1, 3)
    col = ["Växjö", "Ljungby", "Alvesta", "Markaryd"]
    req24(style="letter", received=rec, date=date, org=("region", "07"), amounts={"requested": 2034000},
          collab=mcodes(col), share=45,
          head="Region Kronoberg", head_sub="Box 1200 · 351 12 Växjö",
          date_text=date, dnr="RK 2024-0356",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Kronoberg rekvirerar " + kr(2034000) + " för bidragsåret 2024.",
                 "Samverkande kommuner: " + ", ".join(kommun(n) for n in col) + ".",
                 "Andel som ska finansiera kommunal verksamhet: 45 %."],
          signer="Helena Vik", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Region Kronoberg",
          scan=dict(kind="faint"))

    # 29 Region Halland -> SHARE_BELOW_MINIMUM (35 < 40)
    rec = "2024-03-08"; date = back(rec, 1, 3)
    col = ["Halmstad", "Falkenberg", "Varberg", "Laholm", "Hylte", "Kungsbacka"]
    req24(style="letter", received=rec, date=date, org=("region", "13"), amounts={"requested": 2600000},
          collab=mcodes(col), share=35,
          head="Region Halland", head_sub="Box 517 · 301 80 Halmstad",
          date_text=date, dnr="RH-2024-0421",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Halland rekvirerar statsbidrag för utökade hembesöksprogram inom barnhälsovården 2024. Samtliga sex kommuner i Halland deltar:",
                 [kommun(n) for n in col],
                 f"Rekvirerat belopp: {kr(2600000)}. Andel som finansierar kommunal verksamhet: 35 %."],
          signer="Per Mora", signer_title="Regiondirektör", signer_org="Region Halland", scan=None)

    # 30 Region Västerbotten: share missing -> MISSING_FIELD
    rec = "2024-03-12"; date = back(rec, 1, 3)
    col = ["Umeå", "Skellefteå", "Lycksele", "Vilhelmina"]
    req24(style="form", received=rec, date=date, org=("region", "24"), amounts={"requested": 2331000},
          collab=mcodes(col),
          head="Region Västerbotten", head_sub="901 89 Umeå",
          title="Rekvisition – utökade hembesöksprogram 2024",
          kv=[["Region", "Region Västerbotten"], ["Bidragsår", "2024"], ["Rekvirerat belopp", kr(2331000)],
              ["Samverkande kommuner", " / ".join(col)], ["Datum", date]],
          paras=["Fördelningen mellan regional och kommunal verksamhet fastställs i samråd med kommunerna under våren."],
          signer="Lena Nyström", signer_title="Primärvårdsdirektör", signer_org="Region Västerbotten",
          scan=dict(kind="noisy"))

    # 31 Region Gotland
    rec = "2024-03-15"; date = back(rec, 1, 3)
    req24(style="letter", received=rec, date=date, org=("region", "09"), amounts={"requested": 612000},
          collab=mcodes(["Gotland"]), share=50,
          head="Region Gotland", head_sub="Hälso- och sjukvårdsförvaltningen · 621 81 Visby",
          date_text=date, dnr="HSN 2024/211",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Gotland rekvirerar " + kr(612000) + " för 2024.",
                 "Samverkande kommun: Gotland (Region Gotland har även kommunens ansvar; socialförvaltningen medverkar vid hembesöken).",
                 "Andel som finansierar kommunal verksamhet: 50 %."],
          signer="Sara Lindqvist", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Region Gotland", scan=None)

    # 32 Region Dalarna form; Mora among collaborators, Falu kommun form
    rec = "2024-03-19"; date = back(rec, 1, 3)
    col = ["Mora", "Falun", "Borlänge", "Ludvika", "Avesta"]
    req24(style="form", received=rec, date=date, org=("region", "20"), amounts={"requested": 2000000},
          collab=mcodes(col),
          head="Region Dalarna", head_sub="Box 712 · 791 29 Falun",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          kv=[["Region", "Region Dalarna"], ["Bidragsår", "2024"], ["Rekvirerat belopp", kr(2000000)],
              ["Samverkande kommuner", "\u200b" if False else join_sv(kommun(n) for n in col)],
              ["Datum", date]],
          paras=["Andelen som ska finansiera kommunal verksamhet fastställs i överenskommelse med kommunerna och redovisas i återrapporteringen."],
          signer="Johan Ek", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Region Dalarna", scan=None)

    # 33 Region Västmanland: Sala declined (prose)
    rec = "2024-03-22"; date = back(rec, 1, 3)
    col = ["Västerås", "Köping", "Fagersta"]
    req24(style="letter", received=rec, date=date, org=("region", "19"), amounts={"requested": 2792000},
          collab=mcodes(col), share=30,
          head="Region Västmanland", head_sub="721 89 Västerås",
          date_text=date, dnr="RV 240388",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Västmanland rekvirerar " + kr(2792000) + " för bidragsåret 2024.",
                 "Samverkande kommuner: Västerås stad, Köpings kommun och Fagersta kommun. Sala kommun och Norbergs kommun har tillfrågats men deltar inte under 2024.",
                 "Andel som finansierar kommunal verksamhet: 30 %."],
          signer="Johan Ek", signer_title="Områdeschef primärvård", signer_org="Region Västmanland",
          scan=dict(kind="rotated", stamp="KOPIA"))

    # 34 Region Jönköpings län again (full name) -> DUPLICATE_REQUISITION
    rec = "2024-03-25"; date = back(rec, 1, 3)
    col = ["Jönköping", "Värnamo", "Nässjö", "Habo", "Gislaved"]
    req24(style="letter", received=rec, date=date, org=("region", "06"), amounts={"requested": 3957000},
          collab=mcodes(col), share=33,
          head="Region Jönköpings län", head_sub="Box 1024 · 551 11 Jönköping",
          date_text=long_date(date), dnr="RJL 2024/0433",
          title="Reviderad rekvisition – utökade hembesöksprogram 2024",
          paras=["Region Jönköpings län lämnar en reviderad rekvisition där Gislaveds kommun tillkommer som samverkande kommun.",
                 "Rekvirerat belopp: " + kr(3957000),
                 "Samverkande kommuner: " + ", ".join(kommun(n) for n in col) + ".",
                 "Andel som finansierar kommunal verksamhet: 33 %."],
          signer="Maria Sandberg", signer_title="Regiondirektör", signer_org="Region Jönköpings län", scan=None)

    # 35 Region Västernorrland; 'Ångermanland' in prose, Ånge not a collaborator
    rec = "2024-03-27"; date = back(rec, 1, 3)
    col = ["Sundsvall", "Härnösand", "Kramfors", "Sollefteå"]
    req24(style="letter", received=rec, date=date, org=("region", "22"), amounts={"requested": 1874000},
          collab=mcodes(col), share=40,
          head="Region Västernorrland", head_sub="871 85 Härnösand",
          date_text=date, dnr="RS 2024/117",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Västernorrland rekvirerar " + kr(1874000) + " för 2024.",
                 "Programmet byggs ut i södra och norra Ångermanland samt i Sundsvall. Samverkande kommuner: " + ", ".join(kommun(n) for n in col) + ".",
                 "Andel som finansierar kommunal verksamhet: 40 procent."],
          signer="Fredrik Ahl", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Region Västernorrland", scan=None)

    # 36 Region Blekinge (jpg)
    rec = "2024-03-28"; date = back(rec, 1, 3)
    col = ["Karlskrona", "Ronneby", "Karlshamn", "Olofström", "Sölvesborg"]
    req24(style="letter", received=rec, date=date, org=("region", "10"), amounts={"requested": 1396000},
          collab=mcodes(col), share=50,
          head="Region Blekinge", head_sub="371 81 Karlskrona",
          date_text=date, dnr="RB 2024/0302",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Blekinge rekvirerar " + kr(1396000) + " för bidragsåret 2024, i samverkan med samtliga kommuner i länet: " + join_sv(col) + ".",
                 "Hälften av bidraget, 50 %, finansierar kommunal verksamhet."],
          signer="Ola Strand", signer_title="Regiondirektör", signer_org="Region Blekinge",
          scan=dict(kind="flat", fmt="jpg"))

    # 37 Region Kalmar län e-service
    rec = "2024-04-03"; date = back(rec, 0, 1)
    col = ["Kalmar", "Nybro", "Västervik", "Oskarshamn"]
    req24(style="eservice", received=rec, date=date, org=("region", "08"), amounts={"requested": 2247000},
          collab=mcodes(col), share=25,
          sections=[("Ärende", [("Ärendenummer", "SB-2024-01522"), ("Statsbidrag", "Utökade hembesöksprogram"), ("Bidragsår", "2024"), ("Inskickat", date)]),
                    ("Sökande organisation", [("Organisation", "Region Kalmar län"), ("Postadress", "Box 601, 391 26 Kalmar")]),
                    ("Rekvisition", [("Rekvirerat belopp (kr)", "2 247 000"),
                                     ("Samverkande kommuner", ", ".join(kommun(n) for n in col)),
                                     ("Andel till kommunal verksamhet", "25 %")])],
          scan=dict(kind="faint"))

    # 38 Region Norrbotten on the deadline day (mail)
    rec = "2024-04-05"; date = "2024-04-05"
    col = ["Luleå", "Piteå", "Boden", "Kiruna", "Gällivare", "Haparanda"]
    req24(style="mail", received=rec, date=date, org=("region", "25"), amounts={"requested": 1800000},
          collab=mcodes(col), share=30,
          headers=[("Från", "Region Norrbotten <registrator@norrbotten.se>"), ("Till", "statsbidrag@socialstyrelsen.se"),
                   ("Datum", f"{long_date(date)} 15:02"), ("Ämne", "Rekvisition hembesöksprogram 2024")],
          paras=["Hej,", "Region Norrbotten rekvirerar statsbidrag för utökade hembesöksprogram för bidragsåret 2024.",
                 f"Belopp: {kr(1800000)}", "Samverkande kommuner:", [kommun(n) for n in col],
                 "Andel till kommunal verksamhet: 30 %."],
          sign=["Med vänlig hälsning", "Helena Vik", "Barnhälsovårdsenheten, Region Norrbotten"], scan=None)

    # 39 Region Östergötland late
    rec = "2024-04-09"; date = back(rec, 0, 1)
    col = ["Linköping", "Norrköping", "Motala"]
    req24(style="letter", received=rec, date=date, org=("region", "05"), amounts={"requested": 4200000},
          collab=mcodes(col), share=40,
          head="Region Östergötland", head_sub="581 91 Linköping",
          date_text=date, dnr="RÖ 2024-01455",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Östergötland rekvirerar " + kr(4200000) + " för bidragsåret 2024.",
                 "Samverkande kommuner: " + join_sv(kommun(n) for n in col) + ".",
                 "Andel som finansierar kommunal verksamhet: 40 %."],
          signer="Karin Berg", signer_title="Regiondirektör", signer_org="Region Östergötland", scan=None)

    # 40 Region Örebro län late (phone photo); Nora as a person, Lundby as a district
    rec = "2024-04-15"; date = back(rec, 1, 3)
    col = ["Örebro", "Karlskoga", "Kumla", "Lindesberg"]
    req24(style="letter", received=rec, date=date, org=("region", "18"), amounts={"requested": 3000000},
          collab=mcodes(col), share=35, font="sans",
          head="Region Örebro län", head_sub="Box 1613 · 701 16 Örebro",
          date_text=date, dnr="24RS2290",
          title="Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
          paras=["Region Örebro län rekvirerar " + kr(3000000) + " för 2024.",
                 "Samverkande kommuner: " + ", ".join(kommun(n) for n in col) + ". Hembesöken görs bland annat från vårdcentralerna Vivalla/Lundby och Varberga.",
                 "Andel som finansierar kommunal verksamhet: 35 %.",
                 "Kontaktperson: Nora Lindqvist, samordnare barnhälsovård."],
          signer="Nora Lindqvist", signer_title="Samordnare", signer_org="Region Örebro län",
          scan=dict(kind="photo"))

    # ===== return reports hembesok 2023 =====
    def rep(**kw):
        kw.setdefault("type", "return_report")
        add(kw)

    def cost_table(total, labels, rng_, wrong=0):
        n = len(labels)
        ws = [rng_.randint(10, 40) for _ in labels]
        vals = [round(total * w / sum(ws) / 100) * 100 for w in ws]
        vals[0] += total - sum(vals)
        vals[-1] -= wrong
        rows = [["Kostnadsslag", "Belopp (kr)"]] + [[l, f"{v:,}".replace(",", " ")] for l, v in zip(labels, vals)]
        rows.append(["Summa förbrukat", f"{total:,}".replace(",", " ")])
        return ("table", rows, [70, 30], ["l", "r"])

    labels = ["Personal barnhälsovård (BVC-sjuksköterskor)", "Ersättning till kommunal socialtjänst", "Tolkkostnader",
              "Utbildning och handledning", "Resor och material"]

    # 41 Region Värmland report 2023
    rec = "2024-02-12"; date = back(rec, 1, 3)
    received, used = 2745000, 2611400
    rep(style="report", received=rec, date=date, program="hembesok", year=2023, org=("region", "17"),
        amounts={"received": received, "used": used, "unused": received - used},
        head="Region Värmland", head_sub="Box 1024 · 651 15 Karlstad", date_text=date, dnr="RV2024-0211",
        title="Återrapportering – statsbidrag för utökade hembesöksprogram 2023",
        paras=["Ekonomisk redovisning av statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram, bidragsår 2023.",
               ("table", [["Post", "Belopp (kr)"], ["Erhållet bidrag", f"{received:,}".replace(",", " ")], ["Förbrukat", f"{used:,}".replace(",", " ")], ["Ej förbrukat", f"{received-used:,}".replace(",", " ")]], [70, 30], ["l", "r"]),
               ("h", "Förbrukade medel per kostnadsslag"), cost_table(used, labels, rng),
               "Ej förbrukade medel återbetalas efter faktura från Socialstyrelsen."],
        signer="Ola Strand", signer_title="Ekonomichef", signer_org="Region Värmland", scan=None)

    # 42 Region Örebro län report -> UNUSED_MISMATCH
    rec = "2024-02-20"; date = back(rec, 1, 3)
    rep(style="report", received=rec, date=date, program="hembesok", year=2023, org=("region", "18"),
        amounts={"received": 1349000, "used": 1204500, "unused": 154500},
        head="Region Örebro län", head_sub="Hälsovalsenheten · Box 1613 · 701 16 Örebro", date_text=date, dnr="24RS0877",
        title="Ekonomisk redovisning – utökade hembesöksprogram 2023",
        paras=["Region Örebro län redovisar här användningen av statsbidraget för 2023.",
               ("table", [["", "kr"], ["Erhållet bidrag 2023", "1 349 000"], ["Förbrukat 2023", "1 204 500"], ["Ej förbrukat, återbetalas", "154 500"]], [70, 30], ["l", "r"]),
               "Medlen har använts vid vårdcentralerna Vivalla/Lundby, Varberga och Brickebacken. Kontaktperson: Nora Sandberg."],
        signer="Nora Sandberg", signer_title="Barnhälsovårdsöverläkare", signer_org="Region Örebro län",
        scan=dict(kind="noisy"))

    # 43 VGR report via consultant -> USED_EXCEEDS_RECEIVED
    rec = "2024-02-27"; date = back(rec, 1, 3)
    rep(style="report", received=rec, date=date, program="hembesok", year=2023, org=("region", "14"),
        amounts={"received": 5684000, "used": 5712300, "unused": 0},
        head="Kvalitetskonsult Väst AB", head_sub="Konsultrapport på uppdrag av Västra Götalandsregionen",
        footer=["Kvalitetskonsult Väst AB · Org.nr 556871-2204 · Första Långgatan 12, 413 28 Göteborg",
                "Rapporten är upprättad på uppdrag av Västra Götalandsregionen, som är bidragsmottagare."],
        date_text=date, dnr="VGR RS 2024-00122",
        title="Västra Götalandsregionens återrapportering av statsbidrag för utökade hembesöksprogram 2023",
        paras=["Bidragsmottagare: Västra Götalandsregionen. Redovisningen är sammanställd av Kvalitetskonsult Väst AB på uppdrag av regionens koncernkontor.",
               ("table", [["Post", "Belopp (kr)"], ["Erhållet bidrag", "5 684 000"], ["Förbrukat", "5 712 300"], ["Ej förbrukat", "0"]], [70, 30], ["l", "r"]),
               "Regionen har finansierat överskjutande kostnader med egna medel."],
        signer="Anna Lund", signer_title="Regiondirektör", signer_org="Västra Götalandsregionen",
        scan=dict(kind="flat", stamp="KOPIA"))

    # 44 Region Jönköpings län report late
    rec = "2024-03-04"; date = back(rec, 0, 2)
    received, used = 496000, 480200
    rep(style="report", received=rec, date=date, program="hembesok", year=2023, org=("region", "06"),
        amounts={"received": received, "used": used, "unused": received - used},
        head="Region Jönköpings län", head_sub="Box 1024 · 551 11 Jönköping", date_text=date, dnr="RJL 2024/0512",
        title="Återrapportering av statsbidrag för utökade hembesöksprogram 2023",
        paras=[f"Erhållet bidrag: {kr(received)}", f"Förbrukat: {kr(used)}", f"Ej förbrukat: {kr(received-used)}",
               ("h", "Specifikation"), cost_table(used, labels[:3], rng)],
        signer="Maria Sandberg", signer_title="Ekonomichef", signer_org="Region Jönköpings län", scan=None)

    # ===== pilot reports =====
    # 45 Botkyrka via shared service centre
    rec = "2024-04-25"; date = back(rec, 1, 3)
    received, used = 580000, 562300
    rep(style="report", received=rec, date=date, program="bhv-pilot", year=2023, org=("municipality", "0127"),
        amounts={"received": received, "used": used, "unused": received - used},
        head="Södertörns ekonomiservice", head_sub="Gemensam ekonomiservice för Botkyrka, Huddinge och Salems kommuner",
        footer=["Upprättad av Södertörns ekonomiservice på uppdrag av Botkyrka kommun, socialförvaltningen.",
                "Bidragsmottagare: Botkyrka kommun · 147 85 Tumba"],
        date_text=date, dnr="SON/2024:077",
        title="Botkyrka kommuns ekonomiska redovisning – pilotverksamhet i barnhälsovården 2023",
        paras=["Bidragsmottagare: Botkyrka kommun (pilotområde Alby/Fittja).",
               ("table", [["Post", "Belopp (kr)"], ["Erhållet bidrag", "580 000"], ["Förbrukat", "562 300"], ["Ej förbrukat", "17 700"]], [70, 30], ["l", "r"]),
               "Ej förbrukade medel återbetalas till Socialstyrelsen."],
        signer="Karin Berg", signer_title="Socialdirektör", signer_org="Botkyrka kommun", scan=None)

    # 46 Malmö stad report -> SUM_MISMATCH
    rec = "2024-04-30"; date = back(rec, 1, 3)
    received, used = 580000, 571200
    rep(style="report", received=rec, date=date, program="bhv-pilot", year=2023, org=("municipality", "1280"),
        amounts={"received": received, "used": used, "unused": received - used},
        head="Malmö stad", head_sub="Sociala resursförvaltningen · 205 80 Malmö",
        footer=["I samverkan med Region Skåne, Barnhälsovårdsenheten Malmö"],
        date_text=date, dnr="SRF-2024-1187",
        title="Malmö stads redovisning av statsbidrag – pilotverksamhet i barnhälsovården 2023",
        paras=[f"Erhållet bidrag: {kr(received)}", f"Förbrukat: {kr(used)}", f"Ej förbrukat: {kr(received-used)}",
               ("h", "Förbrukade medel per kostnadsslag"),
               cost_table(used, ["Familjebehandlare/socialsekreterare", "Tolk", "Lokaler familjecentral Rosengård", "Utbildning"], rng, wrong=10000)],
        signer="Helena Vik", signer_title="Avdelningschef", signer_org="Malmö stad", scan=None)

    # 47 Göteborgs Stad report late
    rec = "2024-05-08"; date = back(rec, 1, 3)
    received, used = 575000, 569800
    rep(style="report", received=rec, date=date, program="bhv-pilot", year=2023, org=("municipality", "1480"),
        amounts={"received": received, "used": used, "unused": received - used},
        head="Göteborgs Stad", head_sub="Socialförvaltningen Nordost · 424 65 Angered", date_text=date, dnr="N 2024/0388",
        title="Göteborgs Stads återrapportering – pilotverksamhet i barnhälsovården 2023",
        paras=["Pilotområde Angered/Bergsjön, i samverkan med Västra Götalandsregionen.",
               ("table", [["Post", "Belopp (kr)"], ["Erhållet bidrag", "575 000"], ["Förbrukat", "569 800"], ["Ej förbrukat", "5 200"]], [70, 30], ["l", "r"])],
        signer="Johan Ek", signer_title="Sektorschef", signer_org="Göteborgs Stad",
        scan=dict(kind="rotated"))

    # ===== return reports hembesok 2024 (2025) =====
    # 48 Region Sörmland report (original)
    rec = "2025-01-20"; date = back(rec, 1, 3)
    received, used = 1488000, 1402600
    rep(style="report", received=rec, date=date, program="hembesok", year=2024, org=("region", "04"), collab=mcodes(["Eskilstuna", "Katrineholm", "Nyköping", "Flen"]),
        amounts={"received": received, "used": used, "unused": received - used},
        head="Region Sörmland", head_sub="611 88 Nyköping", date_text=date, dnr="RS-LED24-0112",
        title="Återrapportering av statsbidrag för utökade hembesöksprogram 2024",
        paras=["Region Sörmland redovisar statsbidraget för bidragsåret 2024. Samverkan har skett med Eskilstuna, Katrineholms, Nyköpings och Flens kommuner.",
               ("table", [["Post", "Belopp (kr)"], ["Erhållet bidrag", f"{received:,}".replace(",", " ")], ["Förbrukat", f"{used:,}".replace(",", " ")], ["Ej förbrukat", f"{received-used:,}".replace(",", " ")]], [70, 30], ["l", "r"])],
        signer="Elin Forsberg", signer_title="Divisionschef", signer_org="Region Sörmland", scan=None, dup_key="sorm")

    # 49 Region Skåne report: received incl. leftover -> AMOUNT_EXCEEDS_ALLOCATION
    rec = "2025-02-10"; date = back(rec, 1, 3)
    received, used = 12906000, 12511300
    rep(style="report", received=rec, date=date, program="hembesok", year=2024, org=("region", "12"), collab=mcodes(["Malmö", "Helsingborg", "Landskrona", "Bjuv", "Trelleborg"]),
        amounts={"received": received, "used": used, "unused": received - used},
        head="Region Skåne", head_sub="291 89 Kristianstad", date_text=date, dnr="RS 2025/0098",
        title="Region Skånes återrapportering – utökade hembesöksprogram 2024",
        paras=["Erhållet bidrag inklusive kvarvarande medel: " + kr(received),
               "Förbrukat: " + kr(used), "Ej förbrukat: " + kr(received - used),
               "Samverkan har skett med Malmö stad, Helsingborgs stad, Landskrona stad, Bjuvs kommun och Trelleborgs kommun."],
        signer="Karin Berg", signer_title="Hälso- och sjukvårdsdirektör", signer_org="Region Skåne",
        scan=dict(kind="faint"))

    # 50 duplicate of 48 (same bytes)
    rec = "2025-02-14"
    add(dict(dup_of="sorm", received=rec))

    # 51 Region Jämtland Härjedalen report late
    rec = "2025-03-03"; date = back(rec, 0, 1)
    received, used = 1047000, 1047000
    rep(style="report", received=rec, date=date, program="hembesok", year=2024, org=("region", "23"), collab=mcodes(["Östersund", "Åre", "Härjedalen", "Berg", "Strömsund"]),
        amounts={"received": received, "used": used, "unused": 0},
        head="Region Jämtland Härjedalen", head_sub="Box 654 · 831 27 Östersund", date_text=date, dnr="RS/0311/2025",
        title="Återrapportering av statsbidrag för utökade hembesöksprogram 2024",
        paras=[("table", [["Post", "Belopp (kr)"], ["Erhållet bidrag", "1 047 000"], ["Förbrukat", "1 047 000"], ["Ej förbrukat", "0"]], [70, 30], ["l", "r"]),
               "Hela bidraget har förbrukats. Samverkan har skett med Östersunds, Åre, Härjedalens, Bergs och Strömsunds kommuner."],
        signer="Elin Forsberg", signer_title="Ekonomichef", signer_org="Region Jämtland Härjedalen",
        scan=dict(kind="noisy"))

    docs.sort(key=lambda s: s["received"])  # stable: keeps written order within a day
    return docs


# --------------------------------------------------------------------------- flags
def allocation_rows():
    rows = []
    for code, amt in H24.items():
        rows.append(("hembesok", 2024, code, amt, H24_MIN.get(code)))
    for code, amt in H23.items():
        rows.append(("hembesok", 2023, code, amt, None))
    for code, (amt, mn) in PILOT.items():
        rows.append(("bhv-pilot", 2023, code, amt, mn))
    return rows


def compute_flags(truth_items, alloc):
    A = {(p, y, c): (a, m) for p, y, c, a, m in alloc}
    seen_sha, reqs, pool = set(), {}, {}
    for it in truth_items:
        e, flags = it["expect"], []
        if it["sha"] in seen_sha:
            flags.append("DUPLICATE_DOCUMENT")
        seen_sha.add(it["sha"])
        t, p, y = e.get("document_type"), e.get("program"), e.get("grant_year")
        org = e.get("organisation")
        am = e.get("amounts", {})
        prog = PROGRAMS.get((p, y))
        assert prog and org and t in ("requisition", "return_report", "decision")
        key = (p, y, org["code"])
        wrong_kind = org["kind"] not in prog["kinds"]
        if wrong_kind and t == "requisition":
            flags.append("WRONG_RECIPIENT_KIND")
        al = A.get(key)
        if al is None and not wrong_kind:
            flags.append("NO_ALLOCATION")
        if t == "requisition":
            if al and am.get("requested", 0) > al[0]:
                flags.append("AMOUNT_EXCEEDS_ALLOCATION")
            if key in reqs:
                flags.append("DUPLICATE_REQUISITION")
            reqs[key] = reqs.get(key, 0) + 1
            pool[(p, y)] = pool.get((p, y), 0) + am.get("requested", 0)
            assert pool[(p, y)] <= prog["pool"], ("pool", p, y, pool[(p, y)])
            if it["received"] > prog["req_deadline"]:
                flags.append("LATE_REQUISITION")
            if not wrong_kind:
                missing = []
                if "requested" not in am:
                    missing.append("requested")
                if p == "hembesok" and y == 2024 and org["kind"] == "region":
                    if not e.get("collaborating_municipalities"):
                        missing.append("collab")
                    if "municipal_share_percent" not in e:
                        missing.append("share")
                if missing:
                    flags.append("MISSING_FIELD")
            sh = e.get("municipal_share_percent")
            if al and al[1] is not None and sh is not None and sh < al[1]:
                flags.append("SHARE_BELOW_MINIMUM")
        if t == "return_report":
            if al and am["received"] > al[0]:
                flags.append("AMOUNT_EXCEEDS_ALLOCATION")
            if it["received"] > prog["rep_deadline"]:
                flags.append("LATE_REPORT")
            if am["used"] > am["received"]:
                flags.append("USED_EXCEEDS_RECEIVED")
            elif "unused" in am and abs((am["received"] - am["used"]) - am["unused"]) > 1:
                flags.append("UNUSED_MISMATCH")
        if t == "decision" and al:
            tol = it["decided_tol"]
            if abs(am["decided"] - al[0]) > tol:
                flags.append("DECISION_AMOUNT_MISMATCH")
        if it.get("sum_mismatch"):
            flags.append("SUM_MISMATCH")
        it["flags"] = sorted(set(flags))


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1313)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    a = ap.parse_args()
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for f in out.iterdir():
        if f.suffix in (".pdf", ".jpg", ".png", ".json", ".csv") and f.is_file():
            f.unlink()
    tmp = out / ".tmp"
    tmp.mkdir(exist_ok=True)
    rng = random.Random(a.seed)
    D = Data(a.shared)
    specs = plan(D, rng)
    import hashlib
    items, by_key = [], {}
    for i, s in enumerate(specs, 1):
        stem = f"C{i:02d}"
        if "dup_of" in s:
            src = by_key[s["dup_of"]]
            name = stem + Path(src["file"]).suffix
            (out / name).write_bytes((out / src["file"]).read_bytes())
            it = dict(src, file=name, received=s["received"])
            it["sum_mismatch"] = src.get("sum_mismatch")
            items.append(it)
            continue
        pdf_tmp = tmp / f"{stem}.pdf"
        build(s, pdf_tmp, D)
        sc = s.get("scan")
        if sc:
            fmt = sc.get("fmt", "pdf")
            name = f"{stem}.{fmt}"
            make_scan(pdf_tmp, out / name, rng, sc["kind"], sc.get("stamp"), fmt)
        else:
            name = f"{stem}.pdf"
            (out / name).write_bytes(pdf_tmp.read_bytes())
        exp = {"document_type": s["type"], "program": s["program"], "grant_year": s["year"],
               "organisation": {"kind": s["org"][0], "code": s["org"][1]},
               "amounts": dict(s["amounts"]), "document_date": s["date"]}
        if "collab" in s:
            exp["collaborating_municipalities"] = sorted(s["collab"])
        if "share" in s:
            exp["municipal_share_percent"] = s["share"]
        it = {"file": name, "scanned": bool(sc), "received": s["received"], "expect": exp,
              "sha": hashlib.sha256((out / name).read_bytes()).hexdigest(),
              "sum_mismatch": any(isinstance(p, tuple) and p[0] == "table" and _table_wrong(p[1])
                                  for p in s.get("paras", [])),
              "style": s["style"], "scan_kind": (sc or {}).get("kind")}
        if s["type"] == "decision":
            it["decided_tol"] = _decided_tol(s)
        if s.get("dup_key"):
            by_key[s["dup_key"]] = it
        items.append(it)
    compute_flags(items, allocation_rows())
    truth = [{"file": it["file"], "scanned": it["scanned"], "received": it["received"],
              "expect": it["expect"], "flags": it["flags"]} for it in items]
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(out / "allocations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
        code2name = {c: n for n, c in D.muni.items()}
        for p, y, c, amt, mn in allocation_rows():
            nm = D.region[c][0] if len(c) == 2 else code2name[c]
            w.writerow([p, y, c, nm, amt, "" if mn is None else mn])
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    # summary to stderr
    from collections import Counter
    fc = Counter(f for t in truth for f in t["flags"])
    print(f"{len(truth)} documents, {sum(t['scanned'] for t in truth)} scanned, "
          f"{sum(1 for t in truth if not t['flags'])} without flags", file=sys.stderr)
    print("flags:", dict(sorted(fc.items())), file=sys.stderr)


def _num(s):
    try:
        return int(str(s).replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        return None


def _table_wrong(rows):
    """An itemised table whose last row is a 'Summa' total: do the rows add up?"""
    if not str(rows[-1][0]).lower().startswith(("summa", "totalt")):
        return False
    vals = [_num(r[-1]) for r in rows[1:-1]]
    tot = _num(rows[-1][-1])
    if None in vals or tot is None:
        return False
    return abs(sum(vals) - tot) > 1


def _decided_tol(s):
    """Half a unit of the last digit written, from the decision's wording."""
    txt = " ".join(p for _, p in s["sections"] if isinstance(p, str))
    if "miljoner" in txt:
        return 50000 if ",3 miljoner" in txt or ",7 miljoner" in txt else 500000
    if "tkr" in txt:
        return 500
    return 0.5


if __name__ == "__main__":
    main()
