#!/usr/bin/env python3
"""Blind corpus C6: copies of copies and the regions' own templates.
usage: python genC6.py OUTDIR --seed 66
"""
import argparse, csv, io, json, math, random, sys
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
import cv2, img2pdf, pypdfium2 as pdfium
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
"""The shared folder beside the checkout (contract, data, seeds)."""
FD = "/usr/share/fonts/truetype/dejavu/"
import os
if not os.path.exists(FD + "DejaVuSans.ttf"):
    FD = "/usr/share/fonts/truetype/"
for n, f in [("S", "DejaVuSans.ttf"), ("SB", "DejaVuSans-Bold.ttf"), ("R", "DejaVuSerif.ttf"),
             ("RB", "DejaVuSerif-Bold.ttf"), ("M", "DejaVuSansMono.ttf"), ("C", "DejaVuSansCondensed.ttf"),
             ("CB", "DejaVuSansCondensed-Bold.ttf"), ("H", "DejaVuSerif-Italic.ttf"), ("H2", "DejaVuSansCondensed-Oblique.ttf")]:
    pdfmetrics.registerFont(TTFont(n, FD + f))
W, H = A4

REG = {}
for r in csv.DictReader(open(SHARED / "data/scb_regions.csv", encoding="utf-8")):
    REG[r["region_code"]] = r["region_name"]
MUN = {}
for r in csv.DictReader(open(SHARED / "data/scb_municipalities.csv", encoding="utf-8")):
    MUN[r["municipality_code"]] = r["municipality_name"]

ORGNR = {c: f"232100-0{100 + int(c) * 9 + 3:03d}" for c in REG}
ORGNR["14"] = "232100-0131"
ORGNR.update({"20": "232100-0217", "25": "232100-0230", "12": "232100-0255", "13": "232100-0115", "21": "232100-0198",
              "01": "232100-0016", "03": "232100-0024", "04": "232100-0032", "06": "232100-0057", "08": "232100-0065"})


def mname(code, style=0):
    n = MUN[code]
    special = {"1280": "Malmö stad", "1480": "Göteborgs Stad", "0180": "Stockholms stad"}
    special.update({"1980": "Västerås stad", "1283": "Helsingborgs stad", "1282": "Landskrona stad", "1481": "Mölndals stad"})
    if code in special:
        return special[code]
    if n[-1] in "aeiouyåäö" or n[-1] in "sxz":
        return n + " kommun"
    return n + "s kommun"


def kr(v, suf=" kr"):
    s = f"{int(v):,}".replace(",", " ")
    return s + suf


# ---------------------------------------------------------------- allocations
A24 = {"01": 19850000, "03": 3120000, "04": 2410000, "05": 3962000, "06": 2874000, "07": 1540000,
       "08": 1683000, "09": 391000, "10": 1120000, "12": 13240000, "13": 2050000, "14": 14380000,
       "17": 1690000, "18": 2760000, "19": 2330000, "20": 1712000, "21": 1890000, "22": 1350000,
       "23": 640000, "24": 1409000, "25": 1296000}
A24["01"] += 82000000 - sum(A24.values())
A23 = {"01": 9870000, "03": 1540000, "04": 1180000, "05": 2030000, "06": 1462000, "07": 805000,
       "08": 975000, "10": 640000, "12": 6820000, "13": 1090000, "14": 7340000, "17": 2774000,
       "18": 1349000, "19": 1260000, "20": 930000, "21": 1010000, "22": 720000, "23": 310000,
       "24": 780000, "25": 696000}  # 09 Gotland 2023 left out on purpose
MIN24 = {"01": 40, "03": 30, "19": 30, "25": 25}
PILOT = {"0127": (580000, 45), "1280": (580000, 45), "1480": (580000, 45), "0180": (255000, 40)}
NO_ROW_24 = {"13"}  # Region Halland 2024 left out on purpose

PROGRAMS = {("hembesok", 2023): dict(pool=42000000, req_dl=date(2023, 10, 31), rep_dl=date(2024, 3, 1), kinds={"region"}),
            ("hembesok", 2024): dict(pool=82000000, req_dl=date(2024, 4, 5), rep_dl=date(2025, 3, 1), kinds={"region"}),
            ("bhv-pilot", 2023): dict(pool=4500000, req_dl=date(2023, 6, 16), rep_dl=date(2024, 5, 3), kinds={"municipality"})}


def alloc(prog, year, kind, code):
    if prog == "hembesok" and year == 2024 and kind == "region" and code not in NO_ROW_24:
        return A24[code], MIN24.get(code)
    if prog == "hembesok" and year == 2023 and kind == "region" and code in A23:
        return A23[code], None
    if prog == "bhv-pilot" and year == 2023 and kind == "municipality" and code in PILOT:
        return PILOT[code]
    return None, None


PROG_TXT = {"hembesok": "Statsbidrag för utökade hembesöksprogram inom barnhälsovården",
            "bhv-pilot": "Statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden"}

# ---------------------------------------------------------------- drawing helpers


class Doc:
    def __init__(self, rng, fax=None, footer=None):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.rng = rng
        self.fax = fax      # (sender, faxno, date, time, npages)
        self.footer = footer
        self.page = 1
        self.y = H - 60
        self._decor()

    def _decor(self):
        c = self.c
        if self.fax:
            s, no, d, t, n = self.fax
            c.setFont("M", 9)
            c.drawString(28, H - 20, f"{d} {t}   FRÅN: {s}   FAX {no}")
            c.drawRightString(W - 28, H - 20, f"Sid {self.page}/{n}")
            self.y = H - 70
        if self.footer:
            c.setFont("S", 7.5)
            c.setFillGray(0.3)
            c.drawString(50, 30, self.footer.replace("{p}", str(self.page)))
            c.setFillGray(0)
            c.setStrokeGray(0.6)
            c.line(50, 42, W - 50, 42)
            c.setStrokeGray(0)

    def newpage(self):
        self.c.showPage()
        self.page += 1
        self.y = H - 60
        self._decor()

    def need(self, h):
        if self.y - h < 70:
            self.newpage()

    def letterhead(self, org, right_lines=()):
        c = self.c
        c.setFont("SB", 14)
        c.drawString(50, self.y, org)
        c.setFont("S", 8.5)
        yy = self.y
        for ln in right_lines:
            c.drawRightString(W - 50, yy, ln)
            yy -= 11
        self.y = min(self.y - 14, yy) - 16

    def text(self, s, font="S", size=10, x=50, lead=None, width=None, color=None):
        c = self.c
        lead = lead or size * 1.35
        width = width or (W - 50 - x)
        for para in s.split("\n"):
            words = para.split(" ")
            line = ""
            lines = []
            for w_ in words:
                t = (line + " " + w_).strip()
                if pdfmetrics.stringWidth(t, font, size) > width and line:
                    lines.append(line)
                    line = w_
                else:
                    line = t
            lines.append(line)
            for ln in lines:
                self.need(lead)
                c.setFont(font, size)
                if color:
                    c.setFillColorRGB(*color)
                c.drawString(x, self.y, ln)
                c.setFillColorRGB(0, 0, 0)
                self.y -= lead
        return self

    def gap(self, h=8):
        self.y -= h

    def hand(self, x, y, s, size=12, font="H"):
        c = self.c
        c.setFillColorRGB(0.05, 0.1, 0.45)
        c.setFont(font, size)
        # slight baseline wobble, per word
        xx = x
        for w_ in s.split(" "):
            c.drawString(xx, y + self.rng.uniform(-1.2, 1.2), w_)
            xx += pdfmetrics.stringWidth(w_ + " ", font, size)
        c.setFillColorRGB(0, 0, 0)

    def formrows(self, rows, lw=190, h=30, handwritten=False, hsize=12):
        """rows: (label, value); bordered form; value None -> empty box."""
        c = self.c
        x0, x1 = 50, W - 50
        for lab, val in rows:
            lines = lab.split("\n")
            hh = max(h, 12 * len(lines) + 10)
            self.need(hh)
            c.setLineWidth(0.7)
            c.rect(x0, self.y - hh + 10, x1 - x0, hh)
            c.line(x0 + lw, self.y - hh + 10, x0 + lw, self.y + 10)
            c.setFont("C", 9)
            for i, ln in enumerate(lines):
                c.drawString(x0 + 4, self.y - 2 - 11 * i, ln)
            if val:
                if handwritten:
                    hs = hsize
                    while pdfmetrics.stringWidth(val, "H", hs) * 1.05 > (x1 - x0 - lw - 16) and hs > 8:
                        hs -= 0.5
                    self.hand(x0 + lw + 8, self.y - hh / 2 + 2, val, size=hs)
                else:
                    c.setFont("S", 10)
                    c.drawString(x0 + lw + 6, self.y - hh / 2 + 4, val)
            self.y -= hh
        self.y -= 12

    def table(self, head, rows, widths, size=9, bold_rows=(), indent_rows=(), border=True):
        c = self.c
        x0 = 50
        rh = size * 1.9
        def row(cells, font):
            self.need(rh)
            x = x0
            for i, (cell, w_) in enumerate(zip(cells, widths)):
                if border:
                    c.setLineWidth(0.5)
                    c.rect(x, self.y - rh + size + 3, w_, rh)
                c.setFont(font, size)
                if i == 0:
                    c.drawString(x + 4 + (12 if font == "_i" else 0), self.y, cell)
                else:
                    c.drawRightString(x + w_ - 4, self.y, cell)
                x += w_
            self.y -= rh
        row(head, "CB")
        for k, r in enumerate(rows):
            f = "CB" if k in bold_rows else "C"
            if k in indent_rows:
                r = ["      " + r[0]] + list(r[1:])
            row(r, f)
        self.y -= 10

    def sign(self, place, d, name, title, handwritten=True):
        self.need(80)
        c = self.c
        c.setFont("S", 10)
        c.drawString(50, self.y, f"{place} {d.isoformat()}")
        self.y -= 30
        if handwritten:
            self.hand(60, self.y, name, size=15, font="H")
        self.y -= 6
        c.line(50, self.y, 250, self.y)
        self.y -= 12
        c.setFont("S", 9)
        c.drawString(50, self.y, f"{name}, {title}")
        self.y -= 20

    def stamp(self, txt1, txt2, x, y, rot=8):
        c = self.c
        c.saveState()
        c.translate(x, y)
        c.rotate(rot)
        c.setStrokeColorRGB(0.75, 0.1, 0.1)
        c.setFillColorRGB(0.75, 0.1, 0.1)
        c.setLineWidth(2)
        c.roundRect(0, 0, 150, 46, 6)
        c.setFont("SB", 11)
        c.drawCentredString(75, 28, txt1)
        c.setFont("SB", 10)
        c.drawCentredString(75, 10, txt2)
        c.restoreState()

    def bytes(self):
        self.c.save()
        return self.buf.getvalue()


# ---------------------------------------------------------------- degradations


def render(pdf, dpi):
    doc = pdfium.PdfDocument(pdf)
    out = []
    for i in range(len(doc)):
        out.append(doc[i].render(scale=dpi / 72).to_pil().convert("RGB"))
    return out


def pdf_from(imgs, dpi, fmt="JPEG", q=70):
    parts = []
    for im in imgs:
        b = io.BytesIO()
        if fmt == "JPEG":
            im.convert("RGB" if im.mode != "L" else "L").save(b, "JPEG", quality=q, dpi=(dpi, dpi))
        else:
            im.save(b, "PNG", dpi=(dpi, dpi))
        parts.append(b.getvalue())
    return img2pdf.convert(parts, nodate=True, engine=img2pdf.Engine.internal)


def rotate(im, deg, fill):
    return im.rotate(deg, resample=Image.BICUBIC, expand=False, fillcolor=fill)


def fax(pages, rng, dpi=200):
    out = []
    for im in pages:
        g = np.asarray(im.convert("L")).astype(np.float32)
        nrs = np.random.RandomState(rng.randrange(1 << 30))
        g = g + nrs.normal(0, 25, g.shape)
        b = (g > 150).astype(np.uint8) * 255
        # streaks and dropouts
        for _ in range(rng.randint(2, 5)):
            y = rng.randrange(b.shape[0])
            b[y:y + 1, :] = 255
        # specks
        for _ in range(400):
            y, x = nrs.randint(0, b.shape[0]), nrs.randint(0, b.shape[1])
            b[y, x] = 0
        im2 = Image.fromarray(b).convert("L")
        im2 = rotate(im2, rng.uniform(-0.8, 0.8), 255)
        out.append(im2.convert("1"))
    return out


def photocopy(pages, rng, generations=2):
    out = []
    for im in pages:
        g = im.convert("L")
        for gen in range(generations):
            a = np.asarray(g).astype(np.float32)
            nrs = np.random.RandomState(rng.randrange(1 << 30))
            a = 255 - (255 - a) * rng.uniform(0.85, 1.0)            # contrast loss
            a = a * rng.uniform(0.8, 0.88) + 10                          # grey background
            a += nrs.normal(0, 6, a.shape)
            # toner specks
            for _ in range(rng.randint(150, 300)):
                y, x = nrs.randint(0, a.shape[0]), nrs.randint(0, a.shape[1])
                r = nrs.randint(1, 3)
                a[max(0, y - r):y + r, max(0, x - r):x + r] = nrs.randint(20, 90)
            # dark copier edge / clipped margin
            e = rng.randint(8, 30)
            side = rng.choice(["l", "r", "t", "b"])
            if side == "l": a[:, :e] = 40
            elif side == "r": a[:, -e:] = 40
            elif side == "t": a[:e, :] = 40
            else: a[-e:, :] = 40
            g = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
            g = rotate(g, rng.uniform(-1.3, 1.3), 60)
            g = g.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
        out.append(g)
    return out


def phone(pages, rng):
    out = []
    for im in pages:
        a = np.asarray(im.convert("RGB")).astype(np.float32)
        h, w = a.shape[:2]
        pad = int(0.12 * w)
        bg = np.zeros((h + 2 * pad, w + 2 * pad, 3), np.float32)
        bg[:] = (112, 92, 70)
        nrs = np.random.RandomState(rng.randrange(1 << 30))
        bg += nrs.normal(0, 8, bg.shape)
        bg[pad:pad + h, pad:pad + w] = a
        H2, W2 = bg.shape[:2]
        src = np.float32([[0, 0], [W2, 0], [W2, H2], [0, H2]])
        j = lambda: rng.uniform(0.01, 0.085)
        dst = np.float32([[W2 * j(), H2 * j()], [W2 * (1 - j()), H2 * j() * 0.5],
                          [W2 * (1 - j() * 0.5), H2 * (1 - j())], [W2 * j() * 0.5, H2 * (1 - j() * 0.5)]])
        M = cv2.getPerspectiveTransform(src, dst)
        warped = cv2.warpPerspective(bg, M, (W2, H2), borderValue=(60, 50, 40))
        # shadow: darker gradient across one corner + soft blob
        yy, xx = np.mgrid[0:H2, 0:W2].astype(np.float32)
        ang = rng.uniform(0, 2 * math.pi)
        grad = (np.cos(ang) * xx / W2 + np.sin(ang) * yy / H2)
        grad = (grad - grad.min()) / (grad.max() - grad.min())
        shade = 0.62 + 0.38 * grad
        cx, cy = rng.uniform(0.2, 0.8) * W2, rng.uniform(0.2, 0.8) * H2
        blob = np.exp(-(((xx - cx) / (0.35 * W2)) ** 2 + ((yy - cy) / (0.25 * H2)) ** 2))
        shade = shade * (1 - 0.18 * blob)
        warped = warped * shade[..., None]
        warped[..., 2] *= 0.92  # warm light
        warped += nrs.normal(0, 4, warped.shape)
        im2 = Image.fromarray(np.clip(warped, 0, 255).astype(np.uint8))
        im2 = im2.filter(ImageFilter.GaussianBlur(0.6))
        out.append(im2)
    return out


# ---------------------------------------------------------------- documents
PEOPLE = ["Anna Lindqvist", "Karin Bergström", "Johan Ek", "Maria Nilsson", "Lena Holm", "Per Sandberg",
          "Eva Söderlund", "Sofia Åberg", "Mikael Strand", "Helena Öberg", "Lars Wikström", "Ingrid Falk"]
PHONE = {"01": "08-123 400 00", "03": "018-611 00 00", "04": "0155-24 50 00", "05": "010-103 00 00", "06": "010-241 00 00",
         "07": "0470-58 80 00", "08": "0480-840 00", "09": "0498-26 90 00", "10": "0455-73 10 00", "12": "044-309 30 00",
         "13": "035-13 48 00", "14": "010-441 00 00", "17": "054-61 50 00", "18": "019-602 10 00", "19": "021-17 30 00",
         "20": "023-49 00 00", "21": "026-15 50 00", "22": "0611-80 000", "23": "063-14 75 00", "24": "090-785 00 00", "25": "0920-28 40 00"}
CITY = {"01": "Stockholm", "03": "Uppsala", "04": "Nyköping", "05": "Linköping", "06": "Jönköping", "07": "Växjö",
        "08": "Kalmar", "09": "Visby", "10": "Karlskrona", "12": "Kristianstad", "13": "Halmstad", "14": "Vänersborg",
        "17": "Karlstad", "18": "Örebro", "19": "Västerås", "20": "Falun", "21": "Gävle", "22": "Härnösand",
        "23": "Östersund", "24": "Umeå", "25": "Luleå"}


def faxno(code):
    p = PHONE.get(code[:2], "08-123 400 00").split("-")
    return "+46 " + p[0][1:] + " " + p[1].replace(" ", "")[:3] + " " + "19 90"


def d_(s):
    return date.fromisoformat(s)


def requisition(S, rng):
    """S: spec dict."""
    kind, code, prog, year = S["kind"], S["code"], S["prog"], S["year"]
    org = REG[code] if kind == "region" else mname(code)
    orgnr = ORGNR[code] if kind == "region" else f"212000-{(int(code) * 13) % 10000:04d}"
    dnr = S.get("dnr", f"RS {year}/{rng.randint(100, 4999)}")
    hw = S.get("hand", False)
    person = rng.choice(PEOPLE)
    tel = PHONE.get(code[:2], "08-123 400 00")
    footer = S.get("footer")
    doc = Doc(rng, fax=S.get("faxhdr"), footer=footer)
    if S.get("layout", "form") == "form":
        doc.letterhead(org, [f"Org.nr {orgnr}", f"Diarienummer: {dnr}", f"Tel {tel}"])
        doc.text("REKVISITION", "SB", 16)
        doc.text(f"{PROG_TXT[prog]} – bidragsår {year}", "S", 10.5)
        doc.gap(10)
        rows = [("Sökande organisation", org), ("Organisationsnummer", orgnr)]
        if S.get("alloc_trap"):
            rows.append(("Belopp enligt Socialstyrelsens\nfördelningslista (tilldelat)", kr(S["alloc_trap"])))
        rows.append(("Rekvirerat belopp, kronor", kr(S["req"]) if S.get("req") is not None else None))
        if "munis" in S:
            rows.append(("Kommuner som samverkan\nsker med", ", ".join(mname(m) for m in S["munis"]) if S["munis"] else None))
        if "share" in S:
            rows.append(("Andel av bidraget som\nfinansierar kommunal verksamhet", f"{S['share']} %" if S["share"] is not None else None))
        if S.get("leftover") is not None:
            rows.append(("Önskar ta del av\nkvarvarande medel", "Ja" if S["leftover"] else "Nej"))
        rows.append(("Bankgiro för utbetalning", S.get("bg", f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}")))
        rows.append(("Kontaktperson", f"{person}, tel {tel}"))
        if hw:
            # printed labels, values by hand, except organisation names typed in template
            doc.formrows(rows, handwritten=True, hsize=S.get("hsize", 12.5))
        else:
            doc.formrows(rows)
        if S.get("note"):
            doc.text(S["note"], "S", 9)
            doc.gap(6)
        doc.text("Härmed intygas att uppgifterna ovan är riktiga och att medlen kommer att användas i enlighet med villkoren för statsbidraget.", "S", 9)
        doc.gap(12)
        doc.sign(CITY.get(code[:2], MUN.get(code, "")) if kind == "region" else MUN[code], S["date"], person,
                 "Hälso- och sjukvårdsdirektör" if kind == "region" else "Socialchef", handwritten=True)
    else:  # letter
        doc.letterhead(org, [f"Datum {S['date'].isoformat()}", f"Dnr {dnr}", f"Org.nr {orgnr}"])
        doc.text("Socialstyrelsen\nAvdelningen för kunskapsstyrning\n106 30 Stockholm", "S", 10)
        doc.gap(14)
        doc.text(f"Rekvisition – {PROG_TXT[prog].lower()} {year}", "SB", 12)
        doc.gap(4)
        for p in S["body"]:
            doc.text(p.replace("{orgnr}", orgnr), "R", 10.5)
            doc.gap(6)
        doc.gap(8)
        doc.text(f"Utbetalning till bankgiro {S.get('bg', '5050-1055')}. Frågor besvaras av {person}, telefon {tel}.", "R", 10)
        doc.gap(20)
        c = doc.c
        c.setFont("S", 10)
        c.drawString(50, doc.y, "Med vänlig hälsning")
        doc.y -= 28
        doc.hand(55, doc.y, person, 15)
        doc.y -= 14
        c.setFont("S", 9)
        c.drawString(50, doc.y, f"{person}, {'förvaltningschef' if kind == 'municipality' else 'regiondirektör'}")
        doc.y -= 14
    if S.get("stamp"):
        doc.stamp("INKOM", S["stamp"], W - 215, 75, rot=rng.uniform(-8, 8))
    return doc.bytes()


def split_amount(total, n, rng, step=100):
    ws = [rng.uniform(0.5, 1.5) for _ in range(n)]
    parts = [int(total * w / sum(ws) / step) * step for w in ws]
    parts[0] += total - sum(parts)
    return parts


def report(S, rng):
    kind, code, prog, year = S["kind"], S["code"], S["prog"], S["year"]
    org = REG[code] if kind == "region" else mname(code)
    orgnr = ORGNR[code] if kind == "region" else f"212000-{(int(code) * 13) % 10000:04d}"
    rec, used, unused = S["received"], S["used"], S["unused"]
    dnr = S.get("dnr", f"RS {year + 1}/{rng.randint(100, 4999)}")
    person = rng.choice(PEOPLE)
    tel = PHONE.get(code[:2], "08-123 400 00")
    footer = S.get("footer", f"{org} · Org.nr {orgnr} · Bankgiro {rng.randint(100, 999)}-{rng.randint(1000, 9999)} · "
                             f"Utskrivet {S['printed']} · Sida {{p}}")
    doc = Doc(rng, fax=S.get("faxhdr"), footer=footer)
    doc.letterhead(org, [f"Diarienummer {dnr}", f"Referens: {S.get('ref', 'KS-' + str(rng.randint(10000, 99999)))}",
                         f"Kostnadsställe {rng.randint(100, 999)} {rng.randint(100, 999)}"])
    doc.text("Återrapportering – ekonomisk redovisning", "SB", 15)
    doc.text(f"{PROG_TXT[prog]}, bidragsår {year}", "S", 10.5)
    doc.text(f"Redovisningsperiod {year}-01-01 – {year}-12-31", "S", 9.5)
    doc.gap(10)
    # table: budget vs utfall with varav and subtotals
    g1 = split_amount(int(used * rng.uniform(0.62, 0.75)) // 100 * 100, 3, rng)
    g2 = split_amount(used - sum(g1), 2, rng)
    bud = rec
    b1 = split_amount(int(bud * 0.7) // 100 * 100, 3, rng)
    b2 = split_amount(bud - sum(b1), 2, rng)
    names1 = ["Lönekostnader BVC-sjuksköterskor", "Lönekostnader socialsekreterare (kommunerna)", "Tolkkostnader"]
    names2 = ["Utbildning och handledning", "Resor, material och lokaler"]
    disp1 = list(g1)
    if S.get("summis"):
        disp1[1] += S["summis"]
    rows, bold, ind = [], [], []
    rows.append(["Personalkostnader", "", ""]); bold.append(len(rows) - 1)
    for i in range(3):
        rows.append([names1[i], kr(b1[i], ""), kr(disp1[i], "")])
        if i == 0:
            v = int(g1[0] * 0.28) // 100 * 100
            vb = int(b1[0] * 0.28) // 100 * 100
            rows.append([f"varav sociala avgifter", kr(vb, ""), kr(v, "")]); ind.append(len(rows) - 1)
    rows.append(["Summa personalkostnader", kr(sum(b1), ""), kr(sum(g1), "")]); bold.append(len(rows) - 1)
    rows.append(["Övriga kostnader", "", ""]); bold.append(len(rows) - 1)
    for i in range(2):
        rows.append([names2[i], kr(b2[i], ""), kr(g2[i], "")])
    rows.append(["Summa övriga kostnader", kr(sum(b2), ""), kr(sum(g2), "")]); bold.append(len(rows) - 1)
    rows.append(["SUMMA KOSTNADER", kr(bud, ""), kr(used, "")]); bold.append(len(rows) - 1)
    doc.text("Tabell 1. Kostnader (kronor)", "SB", 10)
    doc.gap(4)
    doc.table(["Kostnadsslag", f"Budget {year}", f"Utfall {year}"], rows, [285, 105, 105], bold_rows=bold, indent_rows=ind)
    if S.get("pagebreak"):
        doc.newpage()
    doc.text("Sammanställning", "SB", 11)
    doc.gap(4)
    summ = [["Erhållet statsbidrag", kr(rec)], ["Förbrukade medel", kr(used)],
            ["Ej förbrukade medel att återbetala", kr(unused)]]
    doc.table(["", "Belopp"], summ, [390, 105], size=10)
    doc.text(S.get("comment", "Verksamheten har bedrivits i samverkan med kommunerna enligt överenskommelse. "
             "Ej förbrukade medel återbetalas till Socialstyrelsen efter faktura."), "R", 10)
    doc.gap(10)
    doc.sign(CITY.get(code[:2], "") if kind == "region" else MUN[code], S["date"], person,
             "ekonomichef" if kind == "region" else "verksamhetschef")
    doc.text(f"Kontakt: {person}, tel {tel}", "S", 8.5)
    if S.get("stamp"):
        doc.stamp("INKOM", S["stamp"], W - 220, 70, rot=rng.uniform(-8, 8))
    return doc.bytes()


def decision(S, rng):
    kind, code, prog, year = S["kind"], S["code"], S["prog"], S["year"]
    org = REG[code] if kind == "region" else mname(code)
    body = S["board"]
    doc = Doc(rng, fax=S.get("faxhdr"), footer=S.get("footer"))
    doc.letterhead(org, ["PROTOKOLLSUTDRAG", f"Sammanträdesdatum {S['date'].isoformat()}", S["dnr"]])
    doc.text(body, "SB", 12)
    doc.text(f"Sammanträdesdatum: {S['date'].isoformat()}", "S", 10)
    doc.gap(8)
    doc.text(f"§ {S['para']}   {S['title']}", "SB", 11.5)
    doc.text(f"Diarienummer {S['dnr']}", "S", 9.5)
    doc.gap(6)
    doc.text("Ärendebeskrivning", "SB", 10.5)
    for p in S["bg"]:
        doc.text(p, "R", 10.5)
        doc.gap(5)
    doc.text("Beslut", "SB", 10.5)
    doc.text(S["beslut"], "R", 10.5)
    doc.gap(10)
    doc.text("Justerare: " + rng.choice(PEOPLE) + "          Ordförande: " + rng.choice(PEOPLE), "S", 9)
    doc.gap(4)
    doc.text(f"Justeringen tillkännagiven på anslagstavlan {S['adj'].isoformat()}. Utdragsbestyrkande: " + rng.choice(PEOPLE), "S", 8.5)
    if S.get("stamp"):
        doc.stamp("INKOM", S["stamp"], W - 220, 110, rot=rng.uniform(-8, 8))
    return doc.bytes()


def prose(S, rng):
    code = S["code"]
    org = REG[code] if S["kind"] == "region" else mname(code)
    doc = Doc(rng, fax=S.get("faxhdr"), footer=S.get("footer"))
    doc.letterhead(org, S.get("right", []))
    doc.text(S["title"], "SB", S.get("tsize", 14))
    doc.gap(6)
    for p in S["body"]:
        if p.startswith("#"):
            doc.gap(4)
            doc.text(p[1:], "SB", 11)
        elif p.startswith("|"):
            doc.text(p[1:], "S", 10, x=70)
        else:
            doc.text(p, "R", 10.5)
            doc.gap(5)
    return doc.bytes()


# ---------------------------------------------------------------- corpus spec


def build(rng):
    D = []
    def add(**k):
        D.append(k)

    # --- 2023: pilot
    add(t="req", kind="municipality", code="0127", prog="bhv-pilot", year=2023, recv="2023-04-20", date=d_("2023-04-18"),
        req=580000, layout="letter", style="text", dnr="SN 2023/0412",
        body=["Botkyrka kommun har av Socialstyrelsen erbjudits att delta i pilotverksamheten i barnhälsovården i "
              "socioekonomiskt utsatta områden (område Alby/Fittja) för 2023. Enligt fördelningen uppgår den totala "
              "ramen för området till 1 285 000 kronor, varav kommunens del är 45 procent.",
              "Botkyrka kommun rekvirerar härmed 580 000 kronor för bidragsåret 2023.",
              "Socialnämndens beslut 2023-03-28, § 41, bifogas i separat handling."])
    add(t="req", kind="municipality", code="1280", prog="bhv-pilot", year=2023, recv="2023-05-08", date=d_("2023-05-04"),
        req=580000, layout="form", style="fax", dpi=200, hand=True,
        faxhdr=("MALMO STAD SOF", "+46 40 34 10 00", "2023-05-08", "08:47", 1), dnr="SOF-2023-1180")
    add(t="req", kind="municipality", code="1480", prog="bhv-pilot", year=2023, recv="2023-05-22", date=d_("2023-05-17"),
        req=620000, layout="form", style="copy", hand=True, dnr="N131-0456/23", stamp="2023-05-22",
        note="Beloppet avser även utökade tolkinsatser i Angered (ca 40 000 kr utöver fördelningen).")
    add(t="dec", kind="municipality", code="0127", prog="bhv-pilot", year=2023, recv="2023-06-02", date=d_("2023-05-30"),
        adj=d_("2023-06-01"), style="text", board="Socialnämnden, Botkyrka kommun", para="58", dnr="Dnr SN 2023/0412",
        title="Statsbidrag för pilotverksamhet i barnhälsovården 2023",
        bg=["Socialstyrelsen fördelar 4 500 000 kronor till fyra pilotområden. Området Alby/Fittja tilldelas totalt "
            "1 285 000 kronor, varav kommunens andel är 45 procent och regionens 55 procent.",
            "Förvaltningen har rekvirerat kommunens del 2023-04-18."],
        beslut="Socialnämnden beslutar att ta emot statsbidraget om 580 000 kronor för 2023 och att medlen används för "
               "familjecentralens hembesök tillsammans med BVC i Alby och Fittja.", decided=580000)
    add(t="req", kind="municipality", code="0180", prog="bhv-pilot", year=2023, recv="2023-06-27", date=d_("2023-06-26"),
        req=255000, layout="letter", style="text", dpi=200, dnr="SN 3.1-0889/2023",
        faxhdr=("SOCIALFORV STHLM", "+46 8 508 25 000", "2023-06-27", "16:05", 1),
        body=["Stockholms stad (Rinkeby-Kista stadsdelsförvaltning) rekvirerar härmed 255 000 kronor för "
              "pilotverksamheten 2023 i det särskilda området.",
              "Kommunens andel av områdets ram om 640 000 kronor är 40 procent."])
    # --- 2023: hembesök decisions / requisitions
    add(t="dec", kind="region", code="06", prog="hembesok", year=2023, recv="2023-09-12", date=d_("2023-09-06"),
        adj=d_("2023-09-08"), style="text", board="Regionstyrelsens arbetsutskott", para="214", dnr="RJL 2023/2187",
        title="Fördelning av statsbidrag för utökade hembesöksprogram 2023",
        footer="Region Jönköpings län · Box 1024, 551 11 Jönköping · Org.nr 232100-0057 · Tel 010-241 00 00 · Sida {p}",
        bg=["Regeringen har avsatt 50 000 000 kronor under 2023, varav 42 000 000 kronor fördelas till regionerna.",
            "Region Jönköpings län har enligt Socialstyrelsens fördelning tilldelats 1 462 tkr."],
        beslut="Arbetsutskottet beslutar att fördela 1 462 tkr till Barnhälsovårdsenheten för utökade hembesök i "
               "Råslätt och Österängen under 2023.", decided=1462000)
    add(t="req", kind="region", code="07", prog="hembesok", year=2023, recv="2023-09-25", date=d_("2023-09-21"),
        req=805000, style="text", dnr="Dnr 2023-00456", alloc_trap=805000,
        footer="Region Kronoberg · Box 1223, 351 12 Växjö · Bankgiro 5051-8001 · Dnr 2023-00456 · Utskrivet 2023-09-22")
    add(t="dec", kind="region", code="17", prog="hembesok", year=2023, recv="2023-10-03", date=d_("2023-09-27"),
        adj=d_("2023-09-29"), style="text", board="Regionstyrelsen, Region Värmland", para="187", dnr="RS/230911",
        title="Statsbidrag för utökade hembesök inom barnhälsovården 2023", stamp="2023-10-03",
        bg=["Av de 42 miljoner kronor som fördelas till regionerna tilldelas Region Värmland 2 774 000 kronor.",
            "Medlen ska användas senast 2023-12-31 och redovisas senast 1 mars 2024."],
        beslut="Regionstyrelsen beslutar att avsätta 2,8 miljoner kronor till utökade hembesök i Kronoparken och Orrholmen.",
        decided=2800000)
    add(t="req", kind="region", code="24", prog="hembesok", year=2023, recv="2023-10-10", date=d_("2023-10-06"),
        req=850000, style="fax", dpi=200, hand=True, dnr="RUN 2023/1412", alloc_trap=780000, leftover=True,
        faxhdr=("REGION VBN HSN", "+46 90 785 19 90", "2023-10-09", "15:12", 1),
        note="Regionen önskar ta del av eventuella kvarvarande medel och rekvirerar därför utöver tilldelat belopp.")
    add(t="dec", kind="region", code="08", prog="hembesok", year=2023, recv="2023-10-16", date=d_("2023-10-11"),
        adj=d_("2023-10-13"), style="text", board="Regionstyrelsen, Region Kalmar län", para="301", dnr="RS 2023/1234",
        title="Utökade hembesöksprogram – statsbidrag 2023",
        footer="Region Kalmar län · Org.nr 232100-0065 · Bankgiro 5050-4741 · Tel 0480-840 00 · Protokoll 2023-10-11 · Sida {p}",
        bg=["Region Kalmar län har tilldelats 975 000 kronor av Socialstyrelsen för 2023.",
            "Förvaltningen föreslår att regionen kompletterar statsbidraget med egna medel om 225 000 kronor."],
        beslut="Regionstyrelsen beslutar att avsätta 1,2 miljoner kronor för utökade hembesök i Kalmar och Nybro 2023.",
        decided=1200000)
    add(t="dec", kind="region", code="14", prog="hembesok", year=2023, recv="2023-10-24", date=d_("2023-10-19"),
        adj=d_("2023-10-23"), style="phonejpg", board="Hälso- och sjukvårdsstyrelsen, Västra Götalandsregionen", para="145",
        dnr="HS 2023-00912", title="Statsbidrag till utökade hembesöksprogram 2023",
        bg=["Västra Götalandsregionen tilldelas enligt Socialstyrelsens fördelning 7 340 000 kronor för 2023."],
        beslut="Hälso- och sjukvårdsstyrelsen beslutar att fördela 7 340 000 kronor till barnhälsovården i Göteborg, "
               "Trollhättan och Borås.", decided=7340000)
    add(t="req", kind="region", code="20", prog="hembesok", year=2023, recv="2023-11-07", date=d_("2023-11-06"),
        req=930000, style="text", dnr="RD23/04711", alloc_trap=930000,
        footer="Region Dalarna · Box 712, 791 29 Falun · Org.nr 232100-0217 · Plusgiro 90 12 34-5 · 2023-11-06")
    add(t="req", kind="region", code="09", prog="hembesok", year=2023, recv="2023-11-09", date=d_("2023-10-27"),
        req=440000, style="copy", hand=True, dnr="HSN 2023/1077", stamp="2023-11-09")
    add(t="dec", kind="region", code="03", prog="hembesok", year=2023, recv="2023-11-14", date=d_("2023-11-08"),
        adj=d_("2023-11-10"), style="copy", board="Hälso- och sjukvårdsstyrelsen, Region Uppsala", para="112", dnr="HSS2023-01590",
        title="Fördelning av statsbidrag för utökade hembesöksprogram 2023",
        bg=["Region Uppsala har tilldelats 1 540 000 kronor. Därutöver har regionen ansökt om del av kvarvarande medel."],
        beslut="Hälso- och sjukvårdsstyrelsen beslutar att fördela 1 590 tkr till barnhälsovården i Gottsunda och Valsätra.",
        decided=1590000)
    # --- 2024
    instr18 = dict(t="ins", kind="region", code="18", prog="hembesok", year=2024, recv="2024-01-09", date=d_("2024-01-05"),
        style="text", title="Rutin: Utökade hembesök inom barnhälsovården 2024",
        right=["Dokumentnummer 23RS4567", "Datum 2024-01-05", "Version 3"],
        footer="Region Örebro län · Rutin utökade hembesök · Giltig t.o.m. 2024-12-31 · Tel 019-602 10 00 · Sida {p}",
        body=["Datum: 2024-01-05. Rutinen gäller arbetet med statsbidraget för utökade hembesöksprogram 2024 i "
              "Region Örebro län, i samverkan med Örebro kommun.",
              "#Hembesöksschema",
              "|Hembesök 1–2 veckor, 2 månader, 4 månader, 8 månader, 12 månader och 15 månader.",
              "#Ersättning",
              "|Gemensamt hembesök BVC och socialtjänst: 2 500 kr per besök (KVA-kod ZV509).",
              "|Ordinarie hembesök: 1 800 kr per besök.",
              "#Uppföljning",
              "Vårdcentralerna rapporterar antal genomförda besök till centrala barnhälsovården senast den 31 januari 2025. "
              "Regionens återrapportering till Socialstyrelsen sker senast den 1 mars 2025."])
    add(**instr18)
    add(t="req", kind="region", code="25", prog="hembesok", year=2024, recv="2024-01-15", date=d_("2024-01-12"),
        req=1296000, munis=["2580", "2584"], share=40, style="text", dnr="NLL 2024/0088", leftover=False,
        footer="Region Norrbotten · 971 89 Luleå · Org.nr 232100-0230 · Bankgiro 5050-9925 · Sida 1 av 1 · 2024-01-12")
    add(t="req", kind="region", code="21", prog="hembesok", year=2024, recv="2024-01-22", date=d_("2024-01-18"),
        req=1600000, munis=["2180", "2181"], share=30, style="fax", dpi=200, hand=True, dnr="RS 2024/1234",
        faxhdr=("REGION GAVLEBORG", "+46 26 15 19 90", "2024-01-19", "14:32", 1))
    add(t="req", kind="region", code="12", prog="hembesok", year=2024, recv="2024-01-29", date=d_("2024-01-25"),
        req=13800000, munis=["1280", "1283", "1282"], share=35, style="text", dnr="Dnr 2024-00456", alloc_trap=13240000,
        leftover=True, note="Region Skåne önskar ta del av kvarvarande medel och rekvirerar 560 000 kronor utöver tilldelningen.",
        footer="Region Skåne · 291 89 Kristianstad · Org.nr 232100-0255 · Bankgiro 5590-1326 · Utskrift 2024-01-26")
    add(t="rep", kind="region", code="07", prog="hembesok", year=2023, recv="2024-02-05", date=d_("2024-02-01"),
        received=805000, used=742300, unused=62700, style="text", printed="2024-02-02 10:14", dnr="Dnr 2023-00456")
    add(t="req", kind="region", code="06", prog="hembesok", year=2024, recv="2024-02-08", date=d_("2024-02-06"),
        req=2874000, munis=["0680", "0683"], share=50, style="copy", hand=True, dnr="RJL 2024/0311", alloc_trap=2874000)
    add(dup_of=0)  # placeholder replaced below (duplicate of the instruction)
    add(t="req", kind="municipality", code="0483", prog="hembesok", year=2024, recv="2024-02-12", date=d_("2024-02-09"),
        req=350000, layout="letter", style="text", dnr="SOC 2024/77",
        body=["Katrineholms kommun driver sedan 2022 utökade hembesök tillsammans med barnavårdscentralen på Nävertorp.",
              "Kommunen rekvirerar härmed 350 000 kronor ur statsbidraget för utökade hembesöksprogram 2024.",
              "Kommunens organisationsnummer är {orgnr}. Kontaktperson nås på 0150-570 00."])
    add(t="req", kind="region", code="19", prog="hembesok", year=2024, recv="2024-02-14", date=d_("2024-02-12"),
        req=2330000, munis=["1980"], share=20, style="fax", dpi=200, hand=True, dnr="RV 2024/0192",
        faxhdr=("REGION VASTMANLAND", "+46 21 17 19 90", "2024-02-13", "09:58", 1))
    add(t="oth", kind="region", code="20", prog="hembesok", year=2024, recv="2024-02-19", date=d_("2024-02-15"), style="text",
        title="Kallelse till nätverksträff – utökade hembesöksprogram 2024",
        right=["Datum 2024-02-15", "Dnr RD24/00233"],
        footer="Region Dalarna · Centrala barnhälsovården · Tel 023-49 00 00 · Org.nr 232100-0217",
        body=["Välkommen till nätverksträff för alla som arbetar med utökade hembesök inom statsbidraget för "
              "utökade hembesöksprogram 2024 i Dalarna.",
              "#Tid och plats",
              "|Torsdag 2024-03-14 kl. 09.00–15.30, Regionhuset Falun, sal Dalälven.",
              "#Program",
              "|09.00 Inledning  ·  10.30 Erfarenheter från Borlänge  ·  13.00 Dokumentation i BVC-journalen",
              "Anmälan senast 2024-03-01 till centrala barnhälsovården. Kostnad för lunch 185 kr debiteras enheten."])
    add(t="rep", kind="region", code="06", prog="hembesok", year=2023, recv="2024-02-20", date=d_("2024-02-16"),
        received=1462000, used=1518400, unused=0, style="phonejpg", printed="2024-02-16 13:40", dnr="RJL 2023/2187")
    add(t="req", kind="region", code="13", prog="hembesok", year=2024, recv="2024-02-26", date=d_("2024-02-22"),
        req=2050000, munis=["1380", "1383"], share=40, style="text", dnr="RS 2024/0301",
        footer="Region Halland · Box 517, 301 80 Halmstad · Org.nr 232100-0115 · Bankgiro 5051-1055 · 2024-02-22")
    add(t="rep", kind="region", code="03", prog="hembesok", year=2023, recv="2024-02-27", date=d_("2024-02-23"),
        received=1540000, used=1496200, unused=43800, summis=12000, style="text", printed="2024-02-23 08:02",
        dnr="HSS2023-01590")
    add(t="rep", kind="region", code="08", prog="hembesok", year=2023, recv="2024-03-04", date=d_("2024-02-29"),
        received=975000, used=951700, unused=23300, style="copy", printed="2024-02-29 16:21", dnr="RS 2023/1234",
        stamp="2024-03-04")
    add(t="req", kind="region", code="05", prog="hembesok", year=2024, recv="2024-03-06", date=d_("2024-03-04"),
        req=3962000, munis=["0580", "0581"], share=None, style="fax", dpi=200, hand=True, dnr="RÖ 2024-00456",
        faxhdr=("REGION OSTERGOTLAND", "+46 10 103 19 90", "2024-03-05", "11:20", 1))
    add(t="req", kind="region", code="21", prog="hembesok", year=2024, recv="2024-03-11", date=d_("2024-03-08"),
        req=290000, munis=["2180", "2181", "2184"], share=30, style="text", dnr="RS 2024/1234", leftover=False,
        note="Kompletterande rekvisition: regionen rekvirerar den återstående delen av tilldelningen (1 890 000 kr) som inte togs upp i rekvisitionen 2024-01-18.",
        footer="Region Gävleborg · 801 88 Gävle · Org.nr 232100-0198 · Bankgiro 5050-5672 · Sid 1/1 · 2024-03-08")
    add(t="req", kind="municipality", code="1481", prog="hembesok", year=2024, recv="2024-03-13", date=d_("2024-03-11"),
        req=420000, layout="letter", style="copy", dnr="SN 2024/0105", stamp="2024-03-13",
        body=["Mölndals stad bedriver utökade hembesök i samverkan med barnavårdscentralen i Bifrost.",
              "Socialnämnden i Mölndal rekvirerar härmed 420 000 kronor ur statsbidraget för utökade hembesöksprogram 2024.",
              "Organisationsnummer {orgnr}, bankgiro 5325-4416."])
    add(t="req", kind="region", code="01", prog="hembesok", year=2024, recv="2024-03-18", date=d_("2024-03-14"),
        req=19850000, munis=["0127", "0180", "0181"], share=45, style="text", dnr="RS 2024/1234",
        alloc_trap=A24["01"], leftover=True,
        footer="Region Stockholm · Box 6909, 102 39 Stockholm · Org.nr 232100-0016 · Bankgiro 5050-1055 · Tel 08-123 400 00")
    add(t="dec", kind="region", code="04", prog="hembesok", year=2024, recv="2024-03-20", date=d_("2024-03-13"),
        adj=d_("2024-03-15"), style="text", board="Regionstyrelsen, Region Sörmland", para="66", dnr="RS-LED24-0412",
        title="Statsbidrag för utökade hembesöksprogram 2024",
        footer="Region Sörmland · 611 88 Nyköping · Org.nr 232100-0032 · Tel 0155-24 50 00 · Sida {p}",
        bg=["Socialstyrelsen fördelar 82 000 000 kronor till regionerna 2024. Region Sörmland tilldelas 2 410 000 kronor.",
            "Samverkan sker med Eskilstuna och Katrineholms kommuner; 40 procent av bidraget går till kommunal verksamhet."],
        beslut="Regionstyrelsen beslutar att fördela 2 410 tkr för utökade hembesök 2024 enligt förvaltningens förslag.",
        decided=2410000)
    add(t="req", kind="region", code="10", prog="hembesok", year=2024, recv="2024-03-25", date=d_("2024-03-21"),
        req=None, munis=["1080", "1081"], share=40, style="copy", hand=True, dnr="2024/RB/0312", alloc_trap=1120000,
        stamp="2024-03-25")
    add(t="req", kind="region", code="03", prog="hembesok", year=2024, recv="2024-04-02", date=d_("2024-03-28"),
        req=3120000, munis=["0380", "0381"], share=25, style="text", dnr="HSS2024-00456", alloc_trap=3120000,
        footer="Region Uppsala · 751 85 Uppsala · Org.nr 232100-0024 · Bankgiro 5050-5672 · Utskrivet 2024-03-29 11:05")
    add(t="req", kind="region", code="12", prog="hembesok", year=2024, recv="2024-04-03", date=d_("2024-04-02"),
        req=13240000, munis=["1280", "1283", "1282"], share=35, style="text", dpi=200, hand=True, dnr="Dnr 2024-00456",
        note="Ersätter rekvisition 2024-01-25. Beloppet justerat till tilldelningen.",
        faxhdr=("REGION SKANE HSN", "+46 44 309 19 90", "2024-04-02", "17:44", 1))
    add(t="req", kind="region", code="22", prog="hembesok", year=2024, recv="2024-04-08", date=d_("2024-04-05"),
        req=1350000, munis=["2281", "2284"], share=30, style="fax", dpi=150, hand=True, hsize=14, dnr="RS 2024/1350",
        faxhdr=("RVN HALSO SJUKV", "+46 611 80 19 90", "2024-04-08", "07:15", 1))
    add(t="dec", kind="region", code="19", prog="hembesok", year=2024, recv="2024-04-22", date=d_("2024-04-16"),
        adj=d_("2024-04-18"), style="phonejpg", board="Regionstyrelsen, Region Västmanland", para="92", dnr="RV 2024/0192",
        title="Statsbidrag för utökade hembesöksprogram 2024",
        bg=["Region Västmanland tilldelas 2 330 000 kronor av statsbidraget 2024 (totalt 82 miljoner kronor)."],
        beslut="Regionstyrelsen beslutar att fördela 2,1 miljoner kronor till barnhälsovården i Västerås för utökade hembesök.",
        decided=2100000)
    add(t="rep", kind="municipality", code="0127", prog="bhv-pilot", year=2023, recv="2024-04-25", date=d_("2024-04-23"),
        received=580000, used=566400, unused=13600, style="text", printed="2024-04-23 09:30", dnr="SN 2023/0412")
    add(t="oth", kind="region", code="23", prog="hembesok", year=2024, recv="2024-05-06", date=d_("2024-04-30"), style="copy",
        title="Nyhetsbrev Barnhälsovård nr 2/2024",
        right=["Datum 2024-04-30", "Region Jämtland Härjedalen", "Tel 063-14 75 00"],
        body=["Utökade hembesök i Östersund: under första kvartalet 2024 genomfördes 146 hembesök inom ramen för "
              "statsbidraget för utökade hembesöksprogram 2024.",
              "#Utbildningsdag",
              "Den 12 juni hålls en utbildningsdag om samverkan med socialtjänsten. Anmälan till centrala barnhälsovården.",
              "#Kort om statsbidraget",
              "Bidraget till regionen för 2024 ska användas under kalenderåret och redovisas till Socialstyrelsen senast 1 mars 2025."])
    add(t="rep", kind="municipality", code="1280", prog="bhv-pilot", year=2023, recv="2024-05-13", date=d_("2024-05-08"),
        received=580000, used=571900, unused=8100, style="text", dpi=200, printed="2024-05-08 14:02", dnr="SOF-2023-1180",
        faxhdr=("MALMO STAD SOF", "+46 40 34 10 00", "2024-05-13", "10:02", 2), pagebreak=True)
    add(t="oth", kind="region", code="08", prog="hembesok", year=2024, recv="2024-10-21", date=d_("2024-10-18"), style="phonejpg",
        title="FAX – FÖRSÄTTSBLAD", tsize=16,
        right=["Datum 2024-10-18", "Antal sidor inkl. detta: 1"],
        body=["Till: Socialstyrelsen, enheten för statsbidrag.   Fax: 075-247 30 00",
              "Från: Region Kalmar län, centrala barnhälsovården.   Fax: +46 480 84 19 90",
              "Ärende: Fråga om utökade hembesöksprogram 2024",
              "Vi undrar om kostnader för tolk i hembesök under december kan tas med i redovisningen för 2024. "
              "Vänligen ring oss på 0480-840 00."])
    # --- 2025 reports for 2024
    add(t="rep", kind="region", code="25", prog="hembesok", year=2024, recv="2025-01-13", date=d_("2025-01-09"),
        received=1296000, used=1188500, unused=107500, style="text", printed="2025-01-10 10:45", dnr="NLL 2024/0088")
    add(t="rep", kind="region", code="21", prog="hembesok", year=2024, recv="2025-01-20", date=d_("2025-01-16"),
        received=1890000, used=1774200, unused=115800, style="fax", dpi=200, printed="2025-01-16 15:31", dnr="RS 2024/1234",
        faxhdr=("REGION GAVLEBORG", "+46 26 15 19 90", "2025-01-17", "08:12", 2), pagebreak=True)
    add(t="rep", kind="region", code="01", prog="hembesok", year=2024, recv="2025-01-27", date=d_("2025-01-23"),
        received=19850000, used=18912400, unused=397600, style="text", printed="2025-01-24 07:58", dnr="RS 2024/1234")
    add(t="rep", kind="region", code="06", prog="hembesok", year=2024, recv="2025-02-03", date=d_("2025-01-30"),
        received=2874000, used=2655100, unused=218900, style="copy", printed="2025-01-30 12:12", dnr="RJL 2024/0311",
        stamp="2025-02-03")
    add(t="rep", kind="region", code="12", prog="hembesok", year=2024, recv="2025-02-10", date=d_("2025-02-06"),
        received=13240000, used=13415600, unused=0, style="text", printed="2025-02-07 09:00", dnr="Dnr 2024-00456",
        comment="Merkostnaden om 175 600 kr har finansierats med regionens egna medel. Inget belopp återbetalas.")
    add(t="rep", kind="region", code="19", prog="hembesok", year=2024, recv="2025-02-12", date=d_("2025-02-10"),
        received=2330000, used=2241800, unused=88200, summis=-15000, style="phonejpg", printed="2025-02-10 16:40",
        dnr="RV 2024/0192")
    add(t="rep", kind="region", code="05", prog="hembesok", year=2024, recv="2025-02-17", date=d_("2025-02-13"),
        received=3962000, used=3702500, unused=295900, style="fax", dpi=200, printed="2025-02-13 10:10",
        dnr="RÖ 2024-00456", faxhdr=("REGION OSTERGOTLAND", "+46 10 103 19 90", "2025-02-14", "13:03", 2), pagebreak=True)
    add(t="rep", kind="region", code="07", prog="hembesok", year=2024, recv="2025-02-24", date=d_("2025-02-20"),
        received=1640000, used=1588300, unused=51700, style="text", printed="2025-02-21 08:30", dnr="Dnr 2024-00112")
    add(t="rep", kind="region", code="10", prog="hembesok", year=2024, recv="2025-02-26", date=d_("2025-02-24"),
        received=1120000, used=1120000, unused=0, style="text", printed="2025-02-24 11:11", dnr="2024/RB/0312")
    add(t="rep", kind="region", code="18", prog="hembesok", year=2024, recv="2025-03-05", date=d_("2025-03-03"),
        received=2760000, used=2514900, unused=245100, style="text", printed="2025-03-03 14:55", dnr="23RS4567")
    add(t="ins", kind="region", code="14", prog="hembesok", year=2024, recv="2025-03-07", date=d_("2024-11-20"), style="text",
        title="Anvisning för ekonomisk redovisning av statsbidrag för utökade hembesöksprogram 2024",
        right=["Datum 2024-11-20", "Diarienummer HS 2024-00912", "Västra Götalandsregionen"],
        body=["Datum: 2024-11-20. Denna anvisning gäller för verksamheter inom Västra Götalandsregionen som tagit del av "
              "statsbidraget för utökade hembesöksprogram 2024.",
              "#Så redovisar ni",
              "|1. Redovisa utfall per kostnadsslag i regionens mall (bilaga 1).",
              "|2. Ange ej förbrukade medel; dessa återbetalas efter faktura från Socialstyrelsen.",
              "|3. Skicka redovisningen till regionens kansli senast 2025-01-31.",
              "Frågor: ekonomienheten, telefon 010-441 00 00."])
    # duplicate: exact copy of the instruction (index 14 in list)
    return D


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=66)
    a = ap.parse_args()
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for f in out.iterdir():
        if f.suffix in (".pdf", ".jpg", ".png", ".json", ".csv"):
            f.unlink()
    rng = random.Random(a.seed)
    D = build(rng)
    # resolve the duplicate placeholder: copy of the Örebro routine, received 2024-02-09
    for i, s in enumerate(D):
        if "dup_of" in s:
            src = next(x for x in D if x.get("t") == "ins" and x["code"] == "18")
            D[i] = dict(src, recv="2024-02-09", dup=True)
    # check order
    rec = [d_(s["recv"]) for s in D]
    assert rec == sorted(rec), "received not in order"
    truth, files = [], []
    onfile = []   # list of dicts: t, kind, code, prog, year, sha, req
    made = {}
    import hashlib
    for S in D:
        if S.get("style") == "text":
            S.pop("faxhdr", None)
    for i, S in enumerate(D):
        srng = random.Random(a.seed * 1000 + i)
        if S.get("dup"):
            key = ("ins", S["code"])
            data, ext = made[key]
        else:
            t = S["t"]
            if t == "req": pdf = requisition(S, srng)
            elif t == "rep": pdf = report(S, srng)
            elif t == "dec": pdf = decision(S, srng)
            else: pdf = prose(S, srng)
            st = S["style"]
            ext = ".pdf"
            if st == "text":
                data = pdf
            elif st == "fax":
                dpi = S.get("dpi", 200)
                data = pdf_from(fax(render(pdf, dpi), srng, dpi), dpi, fmt="PNG")
            elif st == "copy":
                data = pdf_from(photocopy(render(pdf, 200), srng), 200, q=srng.randint(55, 75))
            elif st == "phonejpg":
                pages = phone(render(pdf, 170), srng)
                if len(pages) == 1 and i % 2 == 0:
                    b = io.BytesIO(); pages[0].save(b, "JPEG", quality=72); data = b.getvalue(); ext = ".jpg"
                elif len(pages) == 1:
                    b = io.BytesIO(); pages[0].save(b, "PNG", optimize=False); data = b.getvalue(); ext = ".png"
                else:
                    data = pdf_from(pages, 170, q=72)
            if t == "ins":
                made[("ins", S["code"])] = (data, ext)
        name = f"C6_{i + 1:02d}{ext}"
        if S.get("dup"):
            name = f"C6_{i + 1:02d}{ext}"
        (out / name).write_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        # ---------------- truth
        t = S["t"]
        dtype = {"req": "requisition", "rep": "return_report", "dec": "decision", "ins": "instruction", "oth": "other"}[t]
        exp = {"document_type": dtype, "program": S["prog"], "grant_year": S["year"],
               "organisation": {"kind": S["kind"], "code": S["code"]}}
        am = {}
        if t == "req" and S.get("req") is not None: am["requested"] = S["req"]
        if t == "rep": am.update(received=S["received"], used=S["used"], unused=S["unused"])
        if t == "dec": am["decided"] = S["decided"]
        if am: exp["amounts"] = am
        exp["document_date"] = S["date"].isoformat()
        if t == "req" and S.get("munis"): exp["collaborating_municipalities"] = sorted(S["munis"])
        if t == "req" and S.get("share") is not None: exp["municipal_share_percent"] = S["share"]
        # ---------------- flags (contract rules, arrival order)
        fl = []
        recv = d_(S["recv"])
        P = PROGRAMS[(S["prog"], S["year"])]
        al, mn = alloc(S["prog"], S["year"], S["kind"], S["code"])
        if any(o["sha"] == sha for o in onfile): fl.append("DUPLICATE_DOCUMENT")
        if t == "oth": fl.append("UNKNOWN_DOCUMENT_TYPE")
        wrong_kind = t == "req" and S["kind"] not in P["kinds"]
        if wrong_kind: fl.append("WRONG_RECIPIENT_KIND")
        if t in ("req", "rep", "dec") and al is None and not wrong_kind: fl.append("NO_ALLOCATION")
        if t == "req":
            if al is not None and S.get("req") is not None and S["req"] > al: fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            tot = sum(o["req"] or 0 for o in onfile if o["t"] == "req" and (o["prog"], o["year"]) == (S["prog"], S["year"])) + (S.get("req") or 0)
            assert tot <= P["pool"] * 0.9, ("pool", tot)
            if any(o["t"] == "req" and (o["kind"], o["code"], o["prog"], o["year"]) == (S["kind"], S["code"], S["prog"], S["year"]) for o in onfile):
                fl.append("DUPLICATE_REQUISITION")
            if recv > P["req_dl"]: fl.append("LATE_REQUISITION")
            if mn is not None and S.get("share") is not None and S["share"] < mn: fl.append("SHARE_BELOW_MINIMUM")
            if not wrong_kind:
                miss = S.get("req") is None
                if S["prog"] == "hembesok" and S["year"] >= 2024 and S["kind"] == "region":
                    miss = miss or not S.get("munis") or S.get("share") is None
                if miss: fl.append("MISSING_FIELD")
        if t == "rep":
            if al is not None and S["received"] > al: fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if recv > P["rep_dl"]: fl.append("LATE_REPORT")
            if S["used"] > S["received"]: fl.append("USED_EXCEEDS_RECEIVED")
            elif abs(S["received"] - S["used"] - S["unused"]) > 1: fl.append("UNUSED_MISMATCH")
            if S.get("summis"): fl.append("SUM_MISMATCH")
        if t == "dec":
            v = S["decided"]
            tol = 50000 if v % 1000000 and "miljoner" in S["beslut"] else (500 if "tkr" in S["beslut"] else 0.5)
            if "miljoner" in S["beslut"]:
                tol = 50000
            if al is not None and abs(v - al) > tol: fl.append("DECISION_AMOUNT_MISMATCH")
        onfile.append(dict(t=t, kind=S["kind"], code=S["code"], prog=S["prog"], year=S["year"], sha=sha, req=S.get("req")))
        truth.append({"file": name, "scanned": S["style"] != "text", "received": S["recv"], "expect": exp, "flags": fl})
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(out / "allocations.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
        for c in sorted(A24):
            if c in NO_ROW_24: continue
            w.writerow(["hembesok", 2024, c, REG[c], A24[c], MIN24.get(c, "")])
        for c in sorted(A23):
            w.writerow(["hembesok", 2023, c, REG[c], A23[c], ""])
        for c, (v, m) in PILOT.items():
            w.writerow(["bhv-pilot", 2023, c, MUN[c], v, m])
    print(len(truth), "documents;", sum(d["scanned"] for d in truth), "scanned")


if __name__ == "__main__":
    main()
