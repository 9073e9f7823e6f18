#!/usr/bin/env python3
"""genC17.py OUTDIR --seed N [--shared DIR]

Blind labelled corpus C17: "the regions' ordinary year".  Born-digital letters and forms
written by the regions' own staff in their own house styles, requisitions for hembesok
2023/2024, return reports with their economic account, a few regional decisions
(protokollsutdrag), a few municipal requisitions under a regional decision, the pilot's
ordinary mail; about a third scanned at office quality.  Flags arise as they naturally do.

Deterministic: same seed -> byte-identical truth.json and the same PDF text.
"""
import argparse, csv, datetime as dt, hashlib, io, json, math, os, random, sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.utils import simpleSplit

FONTDIR = "/usr/share/fonts/truetype/dejavu"
for fn in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif", "DejaVuSerif-Bold",
           "DejaVuSansCondensed", "DejaVuSansCondensed-Bold"):
    p = os.path.join(FONTDIR, fn + ".ttf")
    if not os.path.exists(p):
        p = os.path.join("/usr/share/fonts/truetype", fn + ".ttf")
    pdfmetrics.registerFont(TTFont(fn, p))
FONT_FILE_BOLD = None
for cand in (os.path.join(FONTDIR, "DejaVuSans-Bold.ttf"), "/usr/share/fonts/truetype/DejaVuSans-Bold.ttf"):
    if os.path.exists(cand):
        FONT_FILE_BOLD = cand
        break

FAMILIES = [("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"),
            ("DejaVuSans", "DejaVuSans-Bold"), ("DejaVuSerif", "DejaVuSerif-Bold"),
            ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold")]

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]

PROGRAMS = {
    ("hembesok", 2023): dict(pool=42_000_000, req_deadline=dt.date(2023, 10, 31), rep_deadline=dt.date(2024, 3, 1), kinds={"region"}),
    ("hembesok", 2024): dict(pool=82_000_000, req_deadline=dt.date(2024, 4, 5), rep_deadline=dt.date(2025, 3, 1), kinds={"region"}),
    ("bhv-pilot", 2023): dict(pool=4_500_000, req_deadline=dt.date(2023, 6, 16), rep_deadline=dt.date(2024, 5, 3), kinds={"municipality", "region"}),
}

# rough population (thousands) per region, only for plausible allocation sizes
POP = {"01": 2450, "03": 400, "04": 300, "05": 470, "06": 370, "07": 205, "08": 247, "09": 61,
       "10": 157, "12": 1420, "13": 345, "14": 1750, "17": 283, "18": 307, "19": 280, "20": 288,
       "21": 288, "22": 244, "23": 132, "24": 275, "25": 249}

FIRST = ["Anna", "Maria", "Karin", "Eva", "Lena", "Sara", "Johanna", "Elin", "Camilla", "Helena",
         "Peter", "Johan", "Anders", "Mikael", "Fredrik", "Per", "Lars", "Magnus", "Jonas", "Ulrika",
         "Åsa", "Malin", "Therese", "Björn", "Henrik", "Sofia", "Linnea", "Emma", "Ingrid", "Göran"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Berglund",
        "Holm", "Sandberg", "Forsberg", "Åberg", "Lundgren", "Ekström", "Hedlund", "Nyström", "Sjöberg"]
TITLES = ["Hälso- och sjukvårdsdirektör", "Regiondirektör", "Verksamhetschef, Centrala barnhälsovården",
          "Enhetschef, Barnhälsovårdsenheten", "Ekonom, Hälso- och sjukvårdsförvaltningen",
          "Samordnare barnhälsovård", "Områdeschef primärvård", "Controller"]
STREETS = ["Storgatan", "Regementsgatan", "Sjukhusvägen", "Kungsgatan", "Drottninggatan",
           "Residensgatan", "Landstingsvägen", "Hamngatan", "Parkgatan", "Järnvägsgatan"]


import re as _re
_PROT = _re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=(?:kr|kronor|tkr|miljoner|procent|%|:-)\b)|(?<=\d) (?=%)|(?<=miljoner) (?=kronor)|(?<=SEK) (?=\d)|(?<=§) (?=\d)")


def wrap(text, font, size, width):
    """Greedy wrap that never breaks inside an amount ("1 234 567 kr")."""
    words = _PROT.sub("\x01", text).split(" ")
    lines, cur = [], ""
    for w in words:
        cand = (cur + " " + w) if cur else w
        if cur and pdfmetrics.stringWidth(cand.replace("\x01", " "), font, size) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return [ln.replace("\x01", " ") for ln in lines]


def d_iso(d):
    return d.isoformat()


def d_long(d, den=False):
    s = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return ("den " + s) if den else s


def grp(n):
    s = f"{int(n):,}".replace(",", " ")
    return s


def fmt_amt(n, how):
    if how == "kr":
        return grp(n) + " kr"
    if how == "kronor":
        return grp(n) + " kronor"
    if how == "kolon":
        return grp(n) + ":-"
    if how == "sek":
        return "SEK " + grp(n)
    if how == "tkr":
        assert n % 1000 == 0
        return grp(n // 1000) + " tkr"
    raise ValueError(how)


def slug(s):
    t = s.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), (" ", ""), ("-", "")):
        t = t.replace(a, b)
    return t


def muni_formal(name):
    special = {"Malmö": "Malmö stad", "Göteborg": "Göteborgs Stad", "Stockholm": "Stockholms stad",
               "Västerås": "Västerås stad", "Borås": "Borås Stad", "Helsingborg": "Helsingborgs stad",
               "Falun": "Falu kommun", "Mölndal": "Mölndals stad", "Trollhättan": "Trollhättans stad",
               "Solna": "Solna stad", "Sundbyberg": "Sundbybergs stad", "Lidingö": "Lidingö stad",
               "Landskrona": "Landskrona stad", "Vaxholm": "Vaxholms stad"}
    if name in special:
        return special[name]
    if name[-1] in "aeiouyåäöAEIOUYÅÄÖsxz":
        return name + " kommun"
    return name + "s kommun"


def join_sv(items):
    items = list(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " och " + items[-1]


# ---------------------------------------------------------------------------------------------
# reference data and allocations

def load_data(shared):
    regions, munis = {}, {}
    with open(Path(shared) / "data" / "scb_regions.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            regions[r["region_code"]] = dict(code=r["region_code"], name=r["region_name"], county=r["county_name"])
    with open(Path(shared) / "data" / "scb_municipalities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            munis[r["municipality_code"]] = dict(code=r["municipality_code"], name=r["municipality_name"], region=r["region_code"])
    return regions, munis


def make_allocations(rng, regions):
    alloc = {}
    for year, pool in ((2023, 42_000_000), (2024, 82_000_000)):
        w = {c: POP[c] * rng.uniform(0.55, 1.6) for c in regions}
        tot = sum(w.values())
        a = {c: int(round(pool * w[c] / tot / 1000.0)) * 1000 for c in regions}
        if year == 2023:
            a["18"] = 1_349_000  # seed 002
        diff = pool - sum(a.values())
        a["01"] += diff  # keep the list adding up to the pool
        for c in regions:
            alloc[("hembesok", year, c)] = a[c]
    for c, amt in (("0127", 580_000), ("1280", 580_000), ("1480", 580_000), ("0180", 255_000)):
        alloc[("bhv-pilot", 2023, c)] = amt
    return alloc


# ---------------------------------------------------------------------------------------------
# house styles

def region_style(seed, reg, munis):
    r = random.Random(f"{seed}-style-{reg['code']}")
    fam = FAMILIES[r.randrange(len(FAMILIES))]
    seat = next((m for m in munis.values() if m["region"] == reg["code"] and m["code"].endswith("80")), None)
    city = seat["name"] if seat else reg["county"].split()[0]
    if reg["code"] == "14":
        site = "www.vgregion.se"
    else:
        site = "www." + slug(reg["name"]) + ".se"
    col = [r.choice([(0.0, 0.33, 0.6), (0.55, 0.1, 0.25), (0.1, 0.45, 0.3), (0.85, 0.4, 0.0),
                     (0.2, 0.2, 0.5), (0.0, 0.5, 0.55), (0.45, 0.2, 0.55)])]
    return dict(
        fam=fam, size=r.choice([10, 10.5, 11, 11, 11.5]), lm=r.choice([56, 62, 70, 72, 80, 85]),
        rm=r.choice([56, 60, 66, 72]), logo=r.choice(["circles", "waves", "bars", "leaf", "band", "ring"]),
        logo_right=r.random() < 0.35, color=col[0], head=r.choice(["left_meta", "place_date", "meta_table"]),
        footer=r.choice(["line", "columns", "rule2"]), datefmt=r.choice(["iso", "iso", "long", "den"]),
        city=city, postcode=f"{r.randint(100, 990)} {r.randint(10, 99)}",
        box=f"Box {r.randint(100, 9999)}" if r.random() < 0.5 else f"{r.choice(STREETS)} {r.randint(1, 60)}",
        visit=f"{r.choice(STREETS)} {r.randint(1, 80)}",
        phone=f"0{r.randint(10, 99)}-{r.randint(100, 999)} {r.randint(10, 99)} {r.randint(10, 99)}",
        orgnr=f"232100-0{r.randint(100, 999)}", site=site, mail="registrator@" + site[4:],
        bg=f"{r.randint(100, 9999)}-{r.randint(1000, 9999)}",
        dnr_prefix=r.choice(["RS", "HSN", "RS", "RJL", "Dnr RS", "HS"]),
        sign=(r.choice(FIRST) + " " + r.choice(LAST), r.choice(TITLES)),
        contact=(r.choice(FIRST) + " " + r.choice(LAST)),
    )


def muni_style(seed, mun):
    r = random.Random(f"{seed}-mstyle-{mun['code']}")
    fam = FAMILIES[r.randrange(len(FAMILIES))]
    site = "www." + slug(mun["name"]) + ".se"
    return dict(
        fam=fam, size=r.choice([10, 10.5, 11]), lm=r.choice([60, 70, 78]), rm=r.choice([60, 66]),
        logo=r.choice(["shield", "circles", "bars"]), logo_right=False,
        color=r.choice([(0.1, 0.3, 0.55), (0.6, 0.1, 0.1), (0.15, 0.4, 0.2)]),
        head="left_meta", footer=r.choice(["line", "rule2"]), datefmt=r.choice(["iso", "long"]),
        city=mun["name"], postcode=f"{r.randint(100, 990)} {r.randint(10, 99)}",
        box=f"{r.choice(STREETS)} {r.randint(1, 40)}", visit=f"{r.choice(STREETS)} {r.randint(1, 40)}",
        phone=f"0{r.randint(10, 99)}-{r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}",
        orgnr=f"212000-{r.randint(1000, 9999)}", site=site, mail="kommun@" + site[4:],
        bg=f"{r.randint(100, 9999)}-{r.randint(1000, 9999)}", dnr_prefix=r.choice(["SN", "SOC", "KS"]),
        sign=(r.choice(FIRST) + " " + r.choice(LAST), r.choice(["Socialchef", "Förvaltningschef, socialförvaltningen", "Enhetschef förebyggande socialtjänst"])),
        contact=(r.choice(FIRST) + " " + r.choice(LAST)),
    )


def fmt_date(d, st):
    return {"iso": d_iso(d), "long": d_long(d), "den": d_long(d, True)}[st["datefmt"]]


# ---------------------------------------------------------------------------------------------
# layout

class Doc:
    W, H = A4

    def __init__(self, st, orgname, kind="region"):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.c.setTitle("")
        self.c.setAuthor(orgname)
        self.st, self.org, self.kind = st, orgname, kind
        self.f, self.fb = st["fam"]
        self.size = st["size"]
        self.lead = self.size * 1.38
        self.lm, self.rm = st["lm"], st["rm"]
        self.page = 1
        self.bottom = 92
        self.sig_pos = None
        self._letterhead()

    # -- chrome
    def _logo(self, x, y):
        c, col, kind = self.c, self.st["color"], self.st["logo"]
        c.saveState()
        c.setFillColorRGB(*col)
        c.setStrokeColorRGB(*col)
        if kind == "circles":
            for i, (dx, dy, rr) in enumerate(((0, 0, 11), (14, 6, 8), (9, -12, 6))):
                c.setFillColorRGB(*[min(1, v + 0.18 * i) for v in col])
                c.circle(x + 12 + dx, y + 14 + dy, rr, stroke=0, fill=1)
        elif kind == "waves":
            c.setLineWidth(2.2)
            for k in range(3):
                p = c.beginPath()
                p.moveTo(x, y + 6 + k * 9)
                p.curveTo(x + 10, y + 14 + k * 9, x + 20, y - 2 + k * 9, x + 34, y + 6 + k * 9)
                c.drawPath(p, stroke=1, fill=0)
        elif kind == "bars":
            for k, h in enumerate((14, 24, 32, 20)):
                c.rect(x + k * 8, y, 5.5, h, stroke=0, fill=1)
        elif kind == "leaf":
            p = c.beginPath()
            p.moveTo(x, y)
            p.curveTo(x + 4, y + 30, x + 26, y + 34, x + 34, y + 34)
            p.curveTo(x + 30, y + 10, x + 14, y, x, y)
            c.drawPath(p, stroke=0, fill=1)
        elif kind == "ring":
            c.setLineWidth(4)
            c.circle(x + 16, y + 16, 13, stroke=1, fill=0)
            c.circle(x + 16, y + 16, 4, stroke=0, fill=1)
        elif kind == "shield":
            p = c.beginPath()
            p.moveTo(x, y + 32)
            p.lineTo(x + 26, y + 32)
            p.lineTo(x + 26, y + 12)
            p.curveTo(x + 26, y + 4, x + 13, y, x + 13, y - 2)
            p.curveTo(x + 13, y, x, y + 4, x, y + 12)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.circle(x + 13, y + 18, 5, stroke=0, fill=1)
        c.restoreState()

    def _letterhead(self):
        c, st = self.c, self.st
        top = self.H - 48
        if st["logo"] == "band":
            c.saveState()
            c.setFillColorRGB(*st["color"])
            c.rect(0, self.H - 62, self.W, 62, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.setFont(self.fb, 15)
            c.drawString(self.lm, self.H - 40, self.org)
            c.restoreState()
        else:
            if st["logo_right"]:
                lx = self.W - self.rm - 36
                self._logo(lx, top - 14)
                c.setFont(self.fb, 13)
                c.setFillColorRGB(*st["color"])
                c.drawRightString(lx - 8, top, self.org)
            else:
                self._logo(self.lm, top - 14)
                c.setFont(self.fb, 13)
                c.setFillColorRGB(*st["color"])
                c.drawString(self.lm + 42, top, self.org)
            c.setFillColorRGB(0, 0, 0)
        self._footer()
        self.y = self.H - 100 if self.page == 1 else self.H - 80

    def _footer(self):
        c, st = self.c, self.st
        c.saveState()
        c.setFillColorRGB(0.3, 0.3, 0.3)
        fs = 7.5
        c.setFont(self.f, fs)
        if st["footer"] == "line":
            s = (f"{self.org} | Postadress: {st['box']}, {st['postcode']} {st['city']} | Telefon: {st['phone']}"
                 f" | Org.nr: {st['orgnr']} | {st['site']}")
            c.drawCentredString(self.W / 2, 36, s)
        elif st["footer"] == "columns":
            cols = [("Postadress", f"{st['box']}", f"{st['postcode']} {st['city']}"),
                    ("Besöksadress", st["visit"], st["city"]),
                    ("Telefon", st["phone"], "Växel"),
                    ("Organisationsnummer", st["orgnr"], st["site"])]
            w = (self.W - self.lm - self.rm) / 4
            c.setStrokeColorRGB(0.6, 0.6, 0.6)
            c.line(self.lm, 62, self.W - self.rm, 62)
            for i, col in enumerate(cols):
                x = self.lm + i * w
                c.setFont(self.fb, fs)
                c.drawString(x, 52, col[0])
                c.setFont(self.f, fs)
                c.drawString(x, 43, col[1])
                c.drawString(x, 34, col[2])
        else:
            c.setStrokeColorRGB(*st["color"])
            c.setLineWidth(1.2)
            c.line(self.lm, 58, self.W - self.rm, 58)
            c.drawString(self.lm, 46, f"{self.org}  ·  {st['box']}, {st['postcode']} {st['city']}  ·  Besök: {st['visit']}")
            c.drawString(self.lm, 36, f"Tfn {st['phone']}  ·  {st['mail']}  ·  Org.nr {st['orgnr']}  ·  Bankgiro {st['bg']}")
        c.drawRightString(self.W - self.rm, 22, f"{self.page}")
        c.restoreState()

    def new_page(self):
        self.c.showPage()
        self.page += 1
        self._letterhead()

    def need(self, h):
        if self.y - h < self.bottom:
            self.new_page()

    # -- content
    def meta(self, pairs, place_date=None):
        """pairs: list of (label, value) shown right (or as a place+date line)."""
        c, st = self.c, self.st
        if st["head"] == "place_date" and place_date:
            c.setFont(self.f, self.size)
            c.drawRightString(self.W - self.rm, self.y, place_date)
            y = self.y - self.lead
            for lab, val in pairs:
                if lab == "Datum":
                    continue
                c.drawRightString(self.W - self.rm, y, f"{lab}: {val}")
                y -= self.lead
            self.y = y - 6
        elif st["head"] == "meta_table":
            x = self.W - self.rm - 190
            y = self.y
            for lab, val in pairs:
                c.setFont(self.fb, self.size - 1.5)
                c.drawString(x, y, lab)
                c.setFont(self.f, self.size - 0.5)
                c.drawString(x + 78, y, val)
                y -= self.lead
            self.y = y - 6
        else:
            x = self.W - self.rm - 170
            y = self.y
            for lab, val in pairs:
                c.setFont(self.f, self.size - 0.5)
                c.drawString(x, y, f"{lab}: {val}" if lab else val)
                y -= self.lead
            self.y = y - 6

    def address(self, lines):
        c = self.c
        c.setFont(self.f, self.size)
        for ln in lines:
            c.drawString(self.lm, self.y, ln)
            self.y -= self.lead
        self.y -= 10

    def title(self, text, size=None):
        size = size or self.size + 3
        lines = wrap(text, self.fb, size, self.W - self.lm - self.rm)
        self.need(len(lines) * size * 1.3 + 10)
        self.c.setFont(self.fb, size)
        for ln in lines:
            self.c.drawString(self.lm, self.y, ln)
            self.y -= size * 1.3
        self.y -= 6

    def heading(self, text):
        self.need(self.lead * 3)
        self.y -= 3
        self.c.setFont(self.fb, self.size + 0.5)
        self.c.drawString(self.lm, self.y, text)
        self.y -= self.lead + 1

    def para(self, text, bold=False, indent=0, gap=7, size=None):
        size = size or self.size
        font = self.fb if bold else self.f
        lines = wrap(text, font, size, self.W - self.lm - self.rm - indent)
        for ln in lines:
            self.need(self.lead)
            self.c.setFont(font, size)
            self.c.drawString(self.lm + indent, self.y, ln)
            self.y -= size * 1.38
        self.y -= gap

    def lines(self, items, gap=7, indent=0):
        for it in items:
            self.need(self.lead)
            self.c.setFont(self.f, self.size)
            self.c.drawString(self.lm + indent, self.y, it)
            self.y -= self.lead
        self.y -= gap

    def kv_table(self, rows, w1=200, border=True, amount_right=False):
        """Two-column bordered table like a Word form; rows (label, value)."""
        c = self.c
        x0, x1 = self.lm, self.W - self.rm
        pad = 4
        for lab, val in rows:
            lab_lines = wrap(lab, self.fb, self.size - 0.5, w1 - 2 * pad)
            val_lines = wrap(val, self.f, self.size, x1 - x0 - w1 - 2 * pad) or [""]
            n = max(len(lab_lines), len(val_lines))
            h = n * self.lead + 2 * pad
            self.need(h)
            top = self.y + self.lead - 2
            if border:
                c.setLineWidth(0.6)
                c.setStrokeColorRGB(0.35, 0.35, 0.35)
                c.rect(x0, top - h, w1, h, stroke=1, fill=0)
                c.rect(x0 + w1, top - h, x1 - x0 - w1, h, stroke=1, fill=0)
            yy = top - pad - self.size
            c.setFont(self.fb, self.size - 0.5)
            for ln in lab_lines:
                c.drawString(x0 + pad, yy, ln)
                yy -= self.lead
            yy = top - pad - self.size
            c.setFont(self.f, self.size)
            for ln in val_lines:
                if amount_right and len(val_lines) == 1:
                    c.drawRightString(x1 - pad, yy, ln)
                else:
                    c.drawString(x0 + w1 + pad, yy, ln)
                yy -= self.lead
            self.y = top - h - self.lead + 2
        self.y -= 8

    def amount_table(self, header, rows, total=None, border=True, widths=(0.68, 0.32)):
        """rows: (label, amount_text). Right-aligned amounts. total: (label, amount_text)."""
        c = self.c
        x0, x1 = self.lm, self.W - self.rm
        wa = (x1 - x0) * widths[0]
        rh = self.size * 1.9 + 2
        self.y -= 5
        allrows = ([("H",) + tuple(header)] if header else []) + [("R", a, b) for a, b in rows] + ([("T",) + tuple(total)] if total else [])
        self.need(rh * min(len(allrows), 4))
        for kind, a, b in allrows:
            self.need(rh)
            top = self.y + self.size * 0.95 + 3
            if border:
                c.setLineWidth(0.5)
                c.setStrokeColorRGB(0.4, 0.4, 0.4)
                if kind == "H":
                    c.setFillColorRGB(0.88, 0.9, 0.93)
                    c.rect(x0, top - rh, x1 - x0, rh, stroke=1, fill=1)
                    c.setFillColorRGB(0, 0, 0)
                else:
                    c.rect(x0, top - rh, x1 - x0, rh, stroke=1, fill=0)
                c.line(x0 + wa, top, x0 + wa, top - rh)
            elif kind == "T":
                c.setLineWidth(0.8)
                c.line(x0, top, x1, top)
            fnt = self.fb if kind in ("H", "T") else self.f
            c.setFont(fnt, self.size)
            c.drawString(x0 + 4, self.y, a)
            c.drawRightString(x1 - 5, self.y, b)
            self.y -= rh
        self.y -= 10

    def signature(self, place_date, name, title, extra=None):
        self.need(self.lead * 6)
        self.c.setFont(self.f, self.size)
        if place_date:
            self.c.drawString(self.lm, self.y, place_date)
            self.y -= self.lead * 1.2
        self.sig_pos = (self.page, self.lm, self.y - 4)
        self.y -= self.lead * 2.2
        self.c.drawString(self.lm, self.y, name)
        self.y -= self.lead
        self.c.drawString(self.lm, self.y, title)
        self.y -= self.lead
        if extra:
            self.c.drawString(self.lm, self.y, extra)
            self.y -= self.lead

    def finish(self):
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


# ---------------------------------------------------------------------------------------------
# document writers.  Each returns (pdf_bytes, expect) -- expect is what the page states.

PROG_LONG = "statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram"


def region_doc(ctx, reg):
    st = ctx["rstyle"][reg["code"]]
    return Doc(st, reg["name"]), st


def dnr(r, st, year):
    return f"{st['dnr_prefix']} {year}/{r.randint(40, 2400):0{r.choice([3, 4, 5])}d}".replace("Dnr ", "")


def w_requisition(ctx, spec):
    """Region requisition, hembesok 2023 or 2024."""
    r = random.Random(f"{ctx['seed']}-doc-{spec['id']}")
    reg = ctx["regions"][spec["org"]]
    doc, st = region_doc(ctx, reg)
    Y, date = spec["year"], spec["date"]
    how = spec.get("amtfmt") or r.choice(["kr", "kronor", "kronor", "kr", "kolon", "sek"])
    amt = fmt_amt(spec["requested"], how) if spec.get("requested") is not None else None
    munis = [ctx["munis"][m] for m in spec.get("collab", [])]
    mnames = [muni_formal(m["name"]) for m in munis]
    pct = spec.get("share")
    style = spec["style"]
    doc.meta([("Datum", fmt_date(date, st)), ("Dnr", dnr(r, st, date.year))], place_date=f"{st['city']} {fmt_date(date, st)}")
    doc.address(["Socialstyrelsen", "Enheten för statsbidrag", "106 30 Stockholm"])
    corr = spec.get("correction")
    if style == "formal":
        t = f"Rekvisition av statsbidrag för utökade hembesöksprogram {Y}"
        doc.title(("Korrigerad rekvisition – " if corr else "") + t)
        if corr:
            doc.para("Denna rekvisition ersätter den rekvisition som regionen tidigare skickat in för samma bidragsår. "
                     + corr)
        if amt:
            doc.para(f"{reg['name']} rekvirerar härmed {amt} i {PROG_LONG} för bidragsåret {Y}, i enlighet med "
                     f"Socialstyrelsens anvisningar och fördelningslista.")
        else:
            doc.para(f"{reg['name']} rekvirerar härmed hela det belopp som regionen tilldelats enligt Socialstyrelsens "
                     f"fördelningslista avseende {PROG_LONG} för bidragsåret {Y}.")
        if Y == 2024:
            if mnames:
                doc.para(f"Arbetet med de utökade hembesöken genomförs i samverkan med {join_sv(mnames)}.")
            if pct is not None:
                doc.para(f"Av bidraget avses {pct} procent finansiera kommunal verksamhet, i huvudsak socialtjänstens "
                         f"förebyggande arbete inom hembesöksprogrammet.")
            if spec.get("leftover"):
                doc.para("Regionen önskar ta del av eventuella kvarvarande medel efter rekvisitionstillfället.")
        else:
            doc.para("Medlen används för att planera och starta upp utökade hembesök inom barnhälsovården i "
                     "områden med socioekonomiska utmaningar, i samverkan med kommunernas socialtjänst, folktandvården "
                     "och mödrahälsovården.")
        doc.para(f"Utbetalning görs till regionens bankgiro {st['bg']}. Kontaktperson är {st['contact']}, "
                 f"{st['mail']}.")
        if spec.get("late_excuse"):
            doc.para("Vi beklagar att rekvisitionen kommer in efter sista dag; fördröjningen beror på att ärendet "
                     "behövde behandlas i nämnden.")
        doc.para("Med vänlig hälsning")
        doc.signature(None, st["sign"][0], st["sign"][1], reg["name"])
    elif style == "brief":
        doc.title(("Korrigerad ansökan" if corr else "Ansökan") + f" om utbetalning – statsbidrag hembesöksprogram {Y}")
        if corr:
            doc.para(corr)
        if amt:
            doc.para(f"Härmed ansöker {reg['name']} om {amt} avseende statsbidraget för utökade hembesöksprogram "
                     f"inom barnhälsovården, bidragsår {Y}.")
        else:
            doc.para(f"Härmed ansöker {reg['name']} om utbetalning av regionens tilldelade del av statsbidraget för "
                     f"utökade hembesöksprogram inom barnhälsovården, bidragsår {Y}.")
        items = []
        if Y == 2024 and mnames:
            items.append("Samverkande kommuner: " + ", ".join(m["name"] for m in munis))
        if Y == 2024 and pct is not None:
            items.append(f"Andel till kommunal verksamhet: {pct} %")
        if spec.get("leftover"):
            items.append("Vi vill gärna ta del av kvarvarande medel.")
        items.append(f"Bankgiro: {st['bg']}")
        doc.lines(items)
        doc.para("Med vänlig hälsning")
        doc.signature(None, st["sign"][0], st["sign"][1])
    elif style == "chatty":
        doc.title(("Ny version: " if corr else "") + f"Begäran om utbetalning av statsbidrag för utökade hembesök {Y}")
        doc.para("Hej!", gap=4)
        if corr:
            doc.para(corr)
        body = f"Vi på {reg['name']} begär härmed utbetalning av vår del av statsbidraget för utökade hembesöksprogram för {Y}"
        body += (f", det vill säga {amt}." if amt else ", alltså hela beloppet enligt er fördelningslista.")
        doc.para(body)
        if Y == 2024:
            s = "Under året fortsätter vi att bygga upp hembesöken"
            if mnames:
                s += f" tillsammans med {join_sv(mnames)}, där BVC-sjuksköterskor och socialsekreterare gör besöken tillsammans."
            else:
                s += ", där BVC-sjuksköterskor och socialsekreterare gör besöken tillsammans."
            doc.para(s)
            if pct is not None:
                doc.para(f"Vi har kommit överens med kommunerna om att {pct} procent av pengarna ska gå till den "
                         f"kommunala delen av arbetet.")
            if spec.get("leftover"):
                doc.para("Om det blir medel över efter rekvisitionen vill vi gärna ta del av dem också.")
        else:
            doc.para("Pengarna ska gå till att planera och komma igång med utökade hembesök på våra BVC, "
                     "tillsammans med socialtjänsten.")
        doc.para(f"Pengarna kan sättas in på bankgiro {st['bg']}. Hör gärna av er till {st['contact']} om något saknas!")
        doc.para("Vänliga hälsningar", gap=2)
        doc.signature(None, st["contact"], "Barnhälsovårdssamordnare")
    else:  # form
        doc.title(("KORRIGERAD " if corr else "") + f"REKVISITION – statsbidrag utökade hembesöksprogram {Y}", size=doc.size + 2)
        if corr:
            doc.para(corr, size=doc.size - 0.5)
        rows = [("Sökande region", reg["name"]), ("Organisationsnummer", st["orgnr"]),
                ("Statsbidrag", "Utökade hembesöksprogram inom barnhälsovården"), ("Bidragsår", str(Y)),
                ("Rekvirerat belopp", amt if amt else "Enligt fördelningslistan")]
        if Y == 2024:
            rows.append(("Samverkande kommuner", ", ".join(m["name"] for m in munis) if munis else ""))
            rows.append(("Andel av bidraget till kommunal verksamhet", f"{pct} %" if pct is not None else ""))
            rows.append(("Önskar ta del av kvarvarande medel", "Ja" if spec.get("leftover") else "Nej"))
        rows += [("Bankgiro", st["bg"]), ("Kontaktperson", f"{st['contact']}, {st['mail']}")]
        doc.kv_table(rows, w1=222)
        doc.kv_table([("Datum", fmt_date(date, st)), ("Behörig företrädare", f"{st['sign'][0]}, {st['sign'][1]}")], w1=222)
        doc.sig_pos = (doc.page, doc.lm + 200, doc.y + 30)
    exp = dict(document_type="requisition", program="hembesok", grant_year=Y,
               organisation=dict(kind="region", code=reg["code"]), document_date=d_iso(date))
    if spec.get("requested") is not None:
        exp["amounts"] = {"requested": spec["requested"]}
    if Y == 2024 and munis:
        exp["collaborating_municipalities"] = sorted(m["code"] for m in munis)
    if Y == 2024 and pct is not None:
        exp["municipal_share_percent"] = pct
    return doc, exp


def cost_rows(r, total, n=None):
    labels = ["Personalkostnader BVC-sjuksköterskor", "Socialsekreterare/familjebehandlare (kommunal del)",
              "Tolkkostnader", "Utbildning och handledning", "Resor och bilkostnader", "Material och informationsinsatser",
              "Samordning och uppföljning"]
    n = n or r.randint(3, 5)
    labs = [labels[0], labels[1]] + r.sample(labels[2:], n - 2)
    w = [r.uniform(0.5, 1.0) for _ in labs]
    w[0] *= 2.2
    w[1] *= 1.6
    s = sum(w)
    vals = [int(round(total * x / s / 100.0)) * 100 for x in w]
    vals[0] += total - sum(vals)
    return list(zip(labs, vals))


def w_report(ctx, spec):
    r = random.Random(f"{ctx['seed']}-doc-{spec['id']}")
    Y, date = spec["year"], spec["date"]
    prog = spec.get("program", "hembesok")
    if spec.get("muni"):
        mun = ctx["munis"][spec["org"]]
        st = ctx["mstyle"][mun["code"]]
        orgname = muni_formal(mun["name"])
        doc = Doc(st, orgname, "municipality")
        org = dict(kind="municipality", code=mun["code"])
    else:
        reg = ctx["regions"][spec["org"]]
        doc, st = region_doc(ctx, reg)
        orgname = reg["name"]
        org = dict(kind="region", code=reg["code"])
    rec, used, unused = spec["received"], spec["used"], spec["unused"]
    how = spec.get("amtfmt") or r.choice(["kr", "kronor", "kr", "kolon"])
    A = lambda n: fmt_amt(n, how)
    style = spec["style"]
    doc.meta([("Datum", fmt_date(date, st)), ("Dnr", dnr(r, st, date.year))], place_date=f"{st['city']} {fmt_date(date, st)}")
    doc.address(["Socialstyrelsen", "106 30 Stockholm"])
    if prog == "bhv-pilot":
        ptitle = f"pilotverksamhet i barnhälsovården {Y}"
    else:
        ptitle = f"utökade hembesöksprogram {Y}"
    verbs = r.choice([("erhållit", "förbrukat", "återbetalas"), ("tagit emot", "använt", "kvarstår och återbetalas"),
                      ("beviljats", "haft kostnader på", "återbetalas")])
    nvis, nfam = r.randint(90, 900), r.randint(25, 260)
    if style == "prose":
        doc.title(r.choice(["Återrapportering", "Redovisning", "Återrapport"]) + f" – statsbidrag för {ptitle}")
        doc.heading("Verksamhet")
        doc.para(f"Under {Y} har arbetet med utökade hembesök fortsatt i samverkan mellan barnhälsovården och "
                 f"socialtjänsten. Totalt har {nvis} hembesök genomförts och {nfam} familjer har nåtts av programmet. "
                 f"Samverkan har även skett med folktandvården och förskolan.")
        doc.heading("Ekonomisk redovisning")
        if verbs[0] == "beviljats":
            s = f"{orgname} har beviljats och tagit emot {A(rec)} i statsbidrag för {Y}."
        else:
            s = f"{orgname} har {verbs[0]} {A(rec)} i statsbidrag för {Y}."
        if verbs[1] == "haft kostnader på":
            s += f" Under året har verksamheten haft kostnader på {A(used)} som finansierats med bidraget."
        else:
            s += f" Av dessa har {A(used)} {verbs[1]}s under året." if verbs[1] == "förbrukat" else f" Av bidraget har {A(used)} använts under året."
        doc.para(s)
        if used > rec:
            doc.para(f"Kostnaderna har överstigit bidraget; mellanskillnaden har finansierats av {'regionen' if org['kind']=='region' else 'kommunen'}. "
                     f"Ej förbrukade medel: {A(unused)}.")
        elif unused == 0 and used == rec:
            doc.para(f"Hela bidraget har använts. Ej förbrukade medel: {A(0)}.")
        else:
            w = r.choice(["Ej förbrukade medel, {u}, återbetalas enligt faktura från Socialstyrelsen.",
                          "Det kvarstår {u} som inte har använts och som återbetalas.",
                          "Överskottet om {u} återbetalas till Socialstyrelsen."])
            doc.para(w.format(u=A(unused)))
        if spec.get("extra_note"):
            doc.para(spec["extra_note"])
    elif style == "table":
        doc.title(f"Återrapportering och ekonomisk redovisning – {ptitle}")
        doc.para(f"Här redovisar {orgname} hur {Y} års statsbidrag har använts. Under året genomfördes {nvis} "
                 f"utökade hembesök hos {nfam} familjer, tillsammans med socialtjänsten.")
        doc.heading("Ekonomisk sammanställning")
        doc.amount_table(("Post", "Belopp (kr)"),
                         [(f"Erhållet statsbidrag {Y}", grp(rec)), ("Förbrukade medel", grp(used)),
                          ("Ej förbrukade medel (återbetalas)", grp(unused))], border=True)
        if spec.get("cost"):
            doc.heading("Kostnader per kostnadsslag")
            rows, stated_total = spec["cost"]
            doc.amount_table(("Kostnadsslag", "Kronor"), [(a, grp(b)) for a, b in rows],
                             total=("Summa kostnader", grp(stated_total)), border=r.random() < 0.6)
        if spec.get("extra_note"):
            doc.para(spec["extra_note"])
    else:  # form (lines, label: value)
        doc.title(f"ÅTERRAPPORTERING {ptitle.upper()}", size=doc.size + 2)
        doc.kv_table([("Mottagare av bidraget", orgname), ("Organisationsnummer", st["orgnr"]),
                      ("Bidragsår", str(Y)), ("Kontaktperson", f"{st['contact']}, {st['mail']}")], w1=180)
        doc.heading("Ekonomisk redovisning")
        lab = r.choice([("Erhållet bidrag", "Förbrukat belopp", "Ej förbrukat belopp att återbetala"),
                        ("Mottaget statsbidrag", "Kostnader som belastat bidraget", "Överskott att återbetala"),
                        ("Beviljat och utbetalt bidrag", "Använda medel", "Kvarstående medel")])
        doc.kv_table([(lab[0], A(rec)), (lab[1], A(used)), (lab[2], A(unused))], w1=250, amount_right=True)
        if spec.get("cost"):
            rows, stated_total = spec["cost"]
            doc.heading("Specifikation av kostnader")
            doc.amount_table(None, [(a, grp(b)) for a, b in rows], total=("Totalt", grp(stated_total)), border=False)
        doc.heading("Kort beskrivning av insatserna")
        doc.para(f"{nvis} hembesök har genomförts tillsammans med socialtjänsten och {nfam} familjer har deltagit.")
        if spec.get("extra_note"):
            doc.para(spec["extra_note"])
    pd = f"{st['city']} {fmt_date(date, st)}" if st["head"] != "place_date" else None
    doc.signature(pd, st["sign"][0], st["sign"][1])
    exp = dict(document_type="return_report", program=prog, grant_year=Y, organisation=org,
               amounts={"received": rec, "used": used, "unused": unused}, document_date=d_iso(date))
    return doc, exp


def w_decision(ctx, spec):
    r = random.Random(f"{ctx['seed']}-doc-{spec['id']}")
    reg = ctx["regions"][spec["org"]]
    st = ctx["rstyle"][reg["code"]]
    doc = Doc(st, reg["name"])
    Y, date = spec["year"], spec["date"]
    board = spec["board"]
    amt = spec["amt_text"]
    c = doc.c
    doc.title("PROTOKOLLSUTDRAG", size=doc.size + 4)
    doc.kv_table([("Organ", board), ("Sammanträdesdatum", d_iso(date)),
                  ("Paragraf", f"§ {r.randint(12, 190)}"), ("Diarienummer", dnr(r, st, date.year))], w1=150,
                 border=r.random() < 0.5)
    doc.title(f"Fördelning av statsbidrag för utökade hembesöksprogram inom barnhälsovården {Y}", size=doc.size + 1.5)
    doc.heading("Ärendebeskrivning")
    doc.para(f"Socialstyrelsen har regeringens uppdrag att stödja och stimulera barnhälsovårdens förebyggande arbete "
             f"med hembesöksprogram och fördelar för {Y} ett statsbidrag till regionerna. Enligt Socialstyrelsens "
             f"fördelning kan {reg['name']} rekvirera {amt}. Medlen får användas under perioden 1 januari–31 december {Y}.")
    munis = [ctx["munis"][m] for m in spec.get("collab", [])]
    if munis:
        doc.para(f"Bidraget ska användas i samverkan med kommunerna. Förvaltningen har fört dialog med "
                 f"{join_sv([muni_formal(m['name']) for m in munis])} om gemensamma hembesök där barnhälsovården och "
                 f"socialtjänsten deltar.")
    doc.heading("Beslut")
    doc.para(f"{board} beslutar")
    att = [f"att fördela statsbidraget om {amt} för {Y} till barnhälsovården för arbetet med utökade hembesöksprogram"]
    if munis and spec.get("share") is not None:
        att.append(f"att {spec['share']} procent av bidraget ska finansiera kommunal verksamhet i "
                   f"{join_sv([muni_formal(m['name']) for m in munis])}, enligt överenskommelse med respektive kommun")
    att.append(f"att uppdra åt hälso- och sjukvårdsdirektören att rekvirera medlen och återrapportera till Socialstyrelsen")
    for a in att:
        doc.para(a, indent=14, gap=4)
    doc.y -= 6
    doc.para(f"Beslutet skickas till: Hälso- och sjukvårdsförvaltningen, ekonomienheten" + (", berörda kommuner" if munis else ""))
    doc.y -= 8
    doc.c.setFont(doc.f, doc.size - 1)
    doc.c.drawString(doc.lm, doc.y, "Justerandes signatur")
    doc.c.drawString(doc.lm + 220, doc.y, "Utdragsbestyrkande")
    doc.sig_pos = (doc.page, doc.lm + 220, doc.y - 18)
    doc.y -= 40
    doc.c.drawString(doc.lm + 220, doc.y, st["sign"][0])
    exp = dict(document_type="decision", program="hembesok", grant_year=Y,
               organisation=dict(kind="region", code=reg["code"]), amounts={"decided": spec["decided"]},
               document_date=d_iso(date))
    if munis:
        exp["collaborating_municipalities"] = sorted(m["code"] for m in munis)
    if munis and spec.get("share") is not None:
        exp["municipal_share_percent"] = spec["share"]
    return doc, exp


def w_muni_requisition(ctx, spec):
    r = random.Random(f"{ctx['seed']}-doc-{spec['id']}")
    mun = ctx["munis"][spec["org"]]
    st = ctx["mstyle"][mun["code"]]
    name = muni_formal(mun["name"])
    doc = Doc(st, name, "municipality")
    Y, date = spec["year"], spec["date"]
    how = r.choice(["kr", "kronor"])
    amt = fmt_amt(spec["requested"], how)
    doc.meta([("Datum", fmt_date(date, st)), ("Dnr", dnr(r, st, date.year))])
    prog = spec.get("program", "hembesok")
    if prog == "bhv-pilot":
        doc.address(["Socialstyrelsen", "106 30 Stockholm"])
        doc.title(f"Rekvisition – statsbidrag för pilotverksamhet i barnhälsovården {Y}")
        doc.para(f"{name} rekvirerar härmed {amt} i statsbidrag för pilotverksamhet i barnhälsovården i "
                 f"socioekonomiskt utsatta områden för år {Y}, i enlighet med Socialstyrelsens anvisningar för kommuner.")
        doc.para("Medlen avser kommunens förebyggande socialtjänst inom pilotområdet, där familjebehandlare deltar i "
                 "de utökade hembesöken tillsammans med barnavårdscentralen.")
        doc.para(f"Beloppet betalas till kommunens bankgiro {st['bg']}.")
    else:
        rname = ctx["regions"][spec["via"]]["name"]
        gen = rname if rname.endswith("s") else rname + "s"
        doc.address([rname, "Hälso- och sjukvårdsförvaltningen", "Att: Barnhälsovårdsenheten"])
        doc.title(r.choice(["Rekvisition av medel – utökade hembesök ", "Rekvisition – statsbidrag för utökade hembesöksprogram "]) + str(Y))
        doc.para(f"Med hänvisning till {gen} beslut om fördelning av statsbidraget för utökade hembesöksprogram {Y} "
                 f"rekvirerar {name} {amt} för socialtjänstens medverkan i de utökade hembesöken.")
        doc.para("Medlen används till familjebehandlare som tillsammans med BVC-sjuksköterska genomför hembesöken, "
                 "samt till tolk och resor i samband med besöken.")
        doc.para(f"Beloppet kan betalas till kommunens bankgiro {st['bg']}. Frågor besvaras av {st['contact']}.")
    doc.para("Med vänlig hälsning")
    doc.signature(None, st["sign"][0], st["sign"][1], name)
    exp = dict(document_type="requisition", program=prog, grant_year=Y,
               organisation=dict(kind="municipality", code=mun["code"]), amounts={"requested": spec["requested"]},
               document_date=d_iso(date))
    return doc, exp


WRITERS = {"req": w_requisition, "rep": w_report, "dec": w_decision, "mreq": w_muni_requisition}


# ---------------------------------------------------------------------------------------------
# scanning

def scan(pdf_bytes, sig_pos, mode, rng_seed):
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
    nrng = np.random.default_rng(rng_seed)
    r = random.Random(rng_seed)
    pdf = pdfium.PdfDocument(pdf_bytes)
    dpi = {"office": r.choice([200, 240, 300]), "faint": 200, "photo": 150, "png": 150, "jpg": 200}[mode]
    imgs = []
    for i in range(len(pdf)):
        page = pdf[i]
        im = page.render(scale=dpi / 72.0).to_pil().convert("RGB")
        k = dpi / 72.0
        d = ImageDraw.Draw(im)
        if sig_pos and sig_pos[0] == i + 1:
            _, x, y = sig_pos
            px, py = x * k, (A4[1] - y) * k
            pts = []
            for t in range(60):
                tt = t / 59.0
                pts.append((px + tt * 120 * k, py - 10 * k * math.sin(tt * 9 + r.random()) - 6 * k * tt))
            d.line(pts, fill=(20, 30, 110), width=max(2, int(1.2 * k)))
        if i == 0 and r.random() < 0.45 and FONT_FILE_BOLD:
            # a registry-style stamp without a date
            f = ImageFont.truetype(FONT_FILE_BOLD, int(11 * k))
            x0, y0 = int(A4[0] * k * 0.58), int(A4[1] * k * 0.05)
            col = (170, 40, 40) if r.random() < 0.6 else (40, 60, 150)
            d.rectangle([x0, y0, x0 + int(150 * k), y0 + int(40 * k)], outline=col, width=max(2, int(k)))
            d.text((x0 + int(8 * k), y0 + int(6 * k)), "REGISTRERAD", fill=col, font=f)
            f2 = ImageFont.truetype(FONT_FILE_BOLD, int(7 * k))
            d.text((x0 + int(8 * k), y0 + int(22 * k)), "Registraturen – Diarienr tilldelas", fill=col, font=f2)
        gray = r.random() < 0.7 and mode != "photo"
        if gray:
            im = im.convert("L")
        a = np.asarray(im).astype(np.float32)
        if mode == "faint":
            a = 255 - (255 - a) * 0.55
        a = a * r.uniform(0.93, 0.99) + r.uniform(4, 14)
        a = a + nrng.normal(0, r.uniform(5, 10), a.shape)
        a = np.clip(a, 0, 255).astype(np.uint8)
        im = Image.fromarray(a)
        im = im.filter(ImageFilter.GaussianBlur(r.uniform(0.3, 0.7)))
        ang = r.uniform(-1.6, 1.6)
        fill = 255 if im.mode == "L" else (255, 255, 255)
        im = im.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=fill)
        if mode == "photo":
            im = photo(im, r, nrng)
        imgs.append(im)
    return imgs, dpi


def photo(im, r, nrng):
    import numpy as np
    from PIL import Image
    w, h = im.size
    bg = Image.new("RGB", (int(w * 1.12), int(h * 1.1)), (92, 80, 66))
    bg.paste(im.convert("RGB"), (int(w * 0.06), int(h * 0.05)))
    W, H = bg.size
    j = lambda s: r.uniform(0, s)
    src = [(j(W * 0.05), j(H * 0.03)), (W - j(W * 0.05), j(H * 0.05)), (W - j(W * 0.02), H - j(H * 0.02)), (j(W * 0.03), H - j(H * 0.04))]
    dst = [(0, 0), (W, 0), (W, H), (0, H)]
    coeffs = _persp(dst, src)
    out = bg.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    a = np.asarray(out).astype(np.float32)
    yy, xx = np.mgrid[0:H, 0:W]
    shade = 1.0 - 0.28 * np.clip((xx / W) * 0.8 + (yy / H) * 0.5 - 0.45, 0, 1)
    a = a * shade[..., None] * np.array([1.0, 0.98, 0.93])
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return out.resize((int(W * 0.9), int(H * 0.9)))


def _persp(pa, pb):
    import numpy as np
    m = []
    for (x, y), (X, Y) in zip(pa, pb):
        m.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
        m.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
    A = np.array(m, dtype=float)
    B = np.array(pb, dtype=float).reshape(8)
    return tuple(np.linalg.solve(A, B))


def encode_scan(imgs, dpi, mode, r):
    import img2pdf
    outs = []
    for im in imgs:
        b = io.BytesIO()
        if mode == "png":
            im.save(b, "PNG", dpi=(dpi, dpi), optimize=False)
        else:
            im.save(b, "JPEG", quality=r.choice([55, 62, 70, 78]) if mode != "photo" else 82, dpi=(dpi, dpi))
        outs.append(b.getvalue())
    if mode in ("png", "photo", "jpg"):
        return outs[0], ("png" if mode == "png" else "jpg")
    return img2pdf.convert(outs, nodate=True, engine=img2pdf.Engine.internal), "pdf"


# ---------------------------------------------------------------------------------------------
# the year's plan

def pick_date(r, lo, hi, weekday=True):
    span = (hi - lo).days
    for _ in range(50):
        d = lo + dt.timedelta(days=r.randint(0, span))
        if not weekday or d.weekday() < 5:
            return d
    return lo


def plan(seed, regions, munis, alloc):
    r = random.Random(f"{seed}-plan")
    codes = [c for c in sorted(regions) if c != "09"]
    specs = []
    nid = [0]

    def add(**kw):
        nid[0] += 1
        kw["id"] = nid[0]
        specs.append(kw)
        return kw

    def recv(d, lo=0, hi=4):
        return d + dt.timedelta(days=r.randint(lo, hi))

    def collab_for(reg, n):
        ms = sorted(m["code"] for m in munis.values() if m["region"] == reg)
        seat = [m for m in ms if m.endswith("80")]
        rest = [m for m in ms if m not in seat]
        r.shuffle(rest)
        return sorted((seat + rest)[:n]) if n <= len(ms) else ms

    styles = ["formal", "brief", "chatty", "form"]

    # ---------------- hembesok 2023 -----------------
    r23 = codes[:]
    r.shuffle(r23)
    # decisions 2023 (autumn): Örebro as in the seed; one in tkr; one on a preliminary figure
    d_or = pick_date(r, dt.date(2023, 9, 18), dt.date(2023, 10, 6))
    add(w="dec", org="18", year=2023, date=d_or, received=recv(d_or, 1, 5), board="Regionstyrelsens arbetsutskott",
        amt_text="1,3 miljoner kronor", decided=1_300_000, tol=50_000)
    cA = [c for c in r23 if c not in ("18",)][0]
    dA = pick_date(r, dt.date(2023, 9, 4), dt.date(2023, 10, 20))
    add(w="dec", org=cA, year=2023, date=dA, received=recv(dA, 2, 6), board="Hälso- och sjukvårdsnämnden",
        amt_text=fmt_amt(alloc[("hembesok", 2023, cA)], "tkr"), decided=alloc[("hembesok", 2023, cA)], tol=500)
    cB = [c for c in r23 if c not in ("18", cA) and alloc[("hembesok", 2023, c)] > 1_000_000][0]
    aB = alloc[("hembesok", 2023, cB)]
    prelim = (aB // 100_000 - 2) * 100_000  # a figure from before the final allocation list
    mil = f"{prelim // 1_000_000},{(prelim // 100_000) % 10} miljoner kronor"
    dB = pick_date(r, dt.date(2023, 8, 28), dt.date(2023, 9, 29))
    add(w="dec", org=cB, year=2023, date=dB, received=recv(dB, 1, 4), board="Regionstyrelsen",
        amt_text=mil, decided=prelim, tol=50_000)
    # requisitions 2023
    req23 = [c for c in r23 if c not in (cB,)][:8]
    rq23 = {}
    for i, c in enumerate(req23):
        a = alloc[("hembesok", 2023, c)]
        kw = dict(w="req", org=c, year=2023, style=styles[i % 4], requested=a)
        if i == 0:  # over the allocation: a region that used its own calculation
            kw["requested"] = a + r.choice([25_000, 51_000, 120_000])
        if i == 1:  # late
            d = pick_date(r, dt.date(2023, 11, 2), dt.date(2023, 11, 14))
            kw.update(date=d, received=recv(d, 1, 3), late_excuse=True)
        elif i == 2:  # arrives on the last day
            d = dt.date(2023, 10, 30)
            kw.update(date=d, received=dt.date(2023, 10, 31))
        else:
            d = pick_date(r, dt.date(2023, 8, 28), dt.date(2023, 10, 20))
            kw.update(date=d, received=recv(d))
        if i in (3, 6) and a % 1000 == 0:
            kw["amtfmt"] = "tkr" if i == 3 else None
        rq23[c] = add(**kw)
    # return reports 2023 (early 2024)
    rep23 = [c for c in req23[1:]][:6]
    for i, c in enumerate(rep23):
        rec = rq23[c]["requested"]
        used = int(rec * r.uniform(0.72, 0.99))
        used = used - used % r.choice([1, 100, 100, 1000])
        unused = rec - used
        kw = dict(w="rep", org=c, year=2023, received=None, style=["prose", "table", "form"][i % 3])
        if i == 0:  # late
            d = pick_date(r, dt.date(2024, 3, 4), dt.date(2024, 3, 15))
        else:
            d = pick_date(r, dt.date(2024, 1, 15), dt.date(2024, 2, 23))
        kw.update(date=d, recv_date=recv(d, 1, 4) if i != 0 else recv(d, 0, 2))
        if i == 1:  # report that does not add up: a typo in the unused figure
            unused_stated = unused + r.choice([1000, -900, 10_000, 90])
            kw.update(style="prose")
        else:
            unused_stated = unused
        if i == 2:  # cost table whose rows do not add up
            rows = cost_rows(r, used, 4)
            lab, v = rows[1]
            rows[1] = (lab, v + r.choice([10_000, -10_000, 2_000]))
            kw.update(style="table", cost=(rows, used), sum_mismatch=True)
        if i == 4:
            kw.update(style="table", cost=(cost_rows(r, used), used))
        if i == 5:  # costs ran over the grant; the region paid the rest
            used = rec + r.choice([21_300, 56_000, 140_250])
            unused_stated = 0
            kw.update(style="form")
        kw.update(received=rec, used=used, unused=unused_stated)
        add(**kw)

    # ---------------- bhv-pilot 2023 -----------------
    for mc, amt in (("0127", 580_000), ("0180", 255_000)):
        d = pick_date(r, dt.date(2023, 4, 24), dt.date(2023, 6, 9))
        add(w="mreq", org=mc, program="bhv-pilot", year=2023, requested=amt, date=d, received=recv(d, 1, 3))
    d = pick_date(r, dt.date(2024, 3, 25), dt.date(2024, 4, 26))
    used = 580_000 - r.choice([12_500, 31_200, 4_800])
    add(w="rep", org="0127", muni=True, program="bhv-pilot", year=2023, date=d, recv_date=recv(d, 1, 3),
        received=580_000, used=used, unused=580_000 - used, style="prose")

    # ---------------- hembesok 2024 -----------------
    r24 = codes[:]
    r.shuffle(r24)
    # decisions early 2024 sharing the grant with municipalities
    dec24 = [c for c in r24 if alloc[("hembesok", 2024, c)] > 1_500_000][:3]
    dec24_share = {}
    for i, c in enumerate(dec24):
        a = alloc[("hembesok", 2024, c)]
        col = collab_for(c, [2, 3, 2][i])
        share = r.choice([30, 40, 45, 50])
        dec24_share[c] = (col, share)
        d = pick_date(r, dt.date(2024, 1, 22), dt.date(2024, 2, 28))
        if i == 0:
            decided = int(round(a / 1e5)) * 100_000
            amt_text, tol = f"{decided // 1_000_000},{(decided // 100_000) % 10} miljoner kronor", 50_000
        elif i == 1:
            amt_text, decided, tol = fmt_amt(a, "kronor"), a, 0.5
        else:
            wrong = int(round(a * 0.8 / 1e5)) * 100_000  # last year's level, before the final list
            amt_text, decided, tol = f"{wrong // 1_000_000},{(wrong // 100_000) % 10} miljoner kronor", wrong, 50_000
        add(w="dec", org=c, year=2024, date=d, received=recv(d, 1, 5),
            board=["Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Regionstyrelsens arbetsutskott"][i],
            amt_text=amt_text, decided=decided, tol=tol, collab=col, share=share)
    # municipalities requisitioning under their region's decision (sent to the grant mailbox)
    for i, c in enumerate(dec24):
        col, share = dec24_share[c]
        mc = col[0] if i != 1 else col[-1]
        a = alloc[("hembesok", 2024, c)]
        part = int(a * share / 100 / len(col) / 1000) * 1000
        d = pick_date(r, dt.date(2024, 3, 4), dt.date(2024, 3, 28))
        add(w="mreq", org=mc, via=c, year=2024, requested=part, date=d, received=recv(d, 1, 4))
    # requisitions 2024
    req24 = [c for c in r24 if c not in dec24[2:3]][:12]
    rq24 = {}
    for i, c in enumerate(req24):
        a = alloc[("hembesok", 2024, c)]
        kw = dict(w="req", org=c, year=2024, style=styles[(i + 1) % 4], requested=a,
                  collab=dec24_share[c][0] if c in dec24_share else collab_for(c, r.choice([1, 1, 2, 2, 3, 4])),
                  share=dec24_share[c][1] if c in dec24_share else r.choice([20, 25, 30, 40, 50, 50]),
                  leftover=r.random() < 0.4)
        d = pick_date(r, dt.date(2024, 2, 7), dt.date(2024, 3, 29))
        kw.update(date=d, received=recv(d))
        if i == 0:  # over the allocation, corrected later
            kw["requested"] = a + r.choice([100_000, 250_000, 40_000])
            kw["leftover"] = True
            kw.update(date=pick_date(r, dt.date(2024, 2, 7), dt.date(2024, 2, 20)))
            kw["received"] = recv(kw["date"], 1, 3)
        if i == 1:  # over the allocation (asks for a round sum)
            kw["requested"] = (a // 500_000 + 1) * 500_000
        if i == 2:  # no municipal share stated, corrected later
            kw["share"] = None
            kw["style"] = "formal"
            kw.update(date=pick_date(r, dt.date(2024, 2, 12), dt.date(2024, 2, 23)))
            kw["received"] = recv(kw["date"], 1, 3)
        if i == 3:  # no amount stated
            kw["requested"] = None
            kw["style"] = r.choice(["formal", "chatty"])
        if i == 4:  # late
            d = pick_date(r, dt.date(2024, 4, 8), dt.date(2024, 4, 24))
            kw.update(date=d, received=recv(d, 1, 3), late_excuse=True, style="formal")
        if i == 5:  # on the deadline day
            kw.update(date=dt.date(2024, 4, 4), received=dt.date(2024, 4, 5))
        if i == 6:
            kw["amtfmt"] = "tkr" if a % 1000 == 0 else None
        rq24[c] = add(**kw)
        if i == 0:
            d2 = pick_date(r, kw["received"] + dt.timedelta(days=5), kw["received"] + dt.timedelta(days=20))
            k2 = dict(kw)
            k2.update(requested=a, date=d2, received=recv(d2, 1, 3), style="form",
                      correction="Beloppet är justerat till regionens tilldelning enligt fördelningslistan.")
            k2.pop("id", None)
            rq24[c] = add(**k2)
        if i == 2:
            d2 = pick_date(r, kw["received"] + dt.timedelta(days=4), kw["received"] + dt.timedelta(days=18))
            k2 = dict(kw)
            k2.update(share=r.choice([25, 35, 40]), date=d2, received=recv(d2, 1, 3), style="brief",
                      correction="Kompletterad med andelen av bidraget som går till kommunal verksamhet.")
            k2.pop("id", None)
            rq24[c] = add(**k2)
    # return reports 2024 (early 2025)
    rep24 = [c for c in req24 if c in rq24 and rq24[c].get("requested")][:9]
    for i, c in enumerate(rep24):
        rec = min(rq24[c]["requested"], alloc[("hembesok", 2024, c)])
        kw = dict(w="rep", org=c, year=2024, style=["table", "prose", "form"][i % 3])
        d = pick_date(r, dt.date(2025, 1, 13), dt.date(2025, 2, 25))
        rd = recv(d, 1, 4)
        used = int(rec * r.uniform(0.78, 0.995))
        used -= used % r.choice([1, 100, 1000])
        unused = rec - used
        cost = None
        if i == 0:  # leftover funds received on top of the allocation
            rec = rec + r.choice([112_000, 64_000, 230_000])
            used = int(rec * 0.93) // 100 * 100
            unused = rec - used
            kw["extra_note"] = ("Utöver den rekvirerade tilldelningen har regionen erhållit en del av de kvarvarande "
                                "medlen efter rekvisitionstillfället; beloppet ovan avser det sammanlagda bidraget.")
            kw["style"] = "prose"
        if i == 1:  # costs above the grant
            used = rec + r.choice([38_400, 112_650, 9_000])
            unused = 0
            kw["style"] = "table"
            cost = (cost_rows(r, used), used)
        if i == 2:  # unused does not match
            kw["style"] = "form"
            unused = unused + r.choice([10_000, -1_000, 5_500])
        if i == 3:  # cost table that does not add up
            kw["style"] = "table"
            rows = cost_rows(r, used, 5)
            lab, v = rows[2]
            rows[2] = (lab, v + r.choice([-20_000, 15_000, 3_000]))
            cost = (rows, used)
            kw["sum_mismatch"] = True
        if i in (4, 5):  # late: arrives the Monday/Tuesday after the deadline
            d = pick_date(r, dt.date(2025, 2, 27), dt.date(2025, 3, 3), weekday=False)
            rd = dt.date(2025, 3, 3) if i == 4 else pick_date(r, dt.date(2025, 3, 4), dt.date(2025, 3, 12))
        if i == 6:
            cost = (cost_rows(r, used), used)
            kw["style"] = "form"
        if i >= 6:
            kw["clean"] = True
        kw.update(date=d, recv_date=rd, received=rec, used=used, unused=unused, cost=cost)
        add(**kw)
    return specs


# ---------------------------------------------------------------------------------------------
# flags

def compute_flags(items, alloc):
    seen_sha = set()
    reqs = []  # (org_key, program, year, requested)
    for it in items:
        e, fl = it["expect"], []
        if it["sha"] in seen_sha:
            fl.append("DUPLICATE_DOCUMENT")
        seen_sha.add(it["sha"])
        t, prog, yr = e["document_type"], e.get("program"), e.get("grant_year")
        org = e.get("organisation")
        okey = (org["kind"], org["code"]) if org else None
        pcfg = PROGRAMS.get((prog, yr))
        rec_day = dt.date.fromisoformat(it["received"])
        am = e.get("amounts", {})
        if t in ("requisition", "return_report", "decision"):
            if pcfg is None:
                fl.append("UNKNOWN_PROGRAM")
            wrong = pcfg is not None and org is not None and org["kind"] not in pcfg["kinds"]
            if wrong:
                fl.append("WRONG_RECIPIENT_KIND")
            a = alloc.get((prog, yr, org["code"])) if org else None
            if not wrong and pcfg is not None and org is not None and a is None:
                fl.append("NO_ALLOCATION")
            if t == "requisition":
                if a is not None and am.get("requested") is not None and am["requested"] > a:
                    fl.append("AMOUNT_EXCEEDS_ALLOCATION")
                if any(q[0] == okey and q[1] == prog and q[2] == yr for q in reqs):
                    fl.append("DUPLICATE_REQUISITION")
                reqs.append((okey, prog, yr, am.get("requested") or 0))
                if pcfg and sum(q[3] for q in reqs if q[1] == prog and q[2] == yr) > pcfg["pool"]:
                    fl.append("POOL_EXCEEDED")
                if pcfg and rec_day > pcfg["req_deadline"]:
                    fl.append("LATE_REQUISITION")
                if not wrong:
                    miss = org is None or am.get("requested") is None
                    if prog == "hembesok" and yr == 2024 and org and org["kind"] == "region":
                        miss = miss or not e.get("collaborating_municipalities") or e.get("municipal_share_percent") is None
                    if miss:
                        fl.append("MISSING_FIELD")
            elif t == "return_report":
                if a is not None and am.get("received", 0) > a:
                    fl.append("AMOUNT_EXCEEDS_ALLOCATION")
                if pcfg and rec_day > pcfg["rep_deadline"]:
                    fl.append("LATE_REPORT")
                rc, us, un = am.get("received"), am.get("used"), am.get("unused")
                if rc is not None and us is not None:
                    if us > rc:
                        fl.append("USED_EXCEEDS_RECEIVED")
                    elif un is not None and abs((rc - us) - un) > 1:
                        fl.append("UNUSED_MISMATCH")
                if (rc is None or us is None) and not wrong:
                    fl.append("MISSING_FIELD")
            elif t == "decision":
                if a is not None and am.get("decided") is not None and abs(am["decided"] - a) > it["tol"]:
                    fl.append("DECISION_AMOUNT_MISMATCH")
                if not wrong and (am.get("decided") is None or not e.get("document_date")):
                    fl.append("MISSING_FIELD")
        if it.get("sum_mismatch"):
            fl.append("SUM_MISMATCH")
        it["flags"] = sorted(set(fl))


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1717)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    args = ap.parse_args()
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for p in out.iterdir():
        if p.suffix in (".pdf", ".jpg", ".png") or p.name in ("truth.json", "allocations.csv"):
            p.unlink()
    seed = args.seed
    regions, munis = load_data(args.shared)
    rng = random.Random(f"{seed}-alloc")
    alloc = make_allocations(rng, regions)
    ctx = dict(seed=seed, regions=regions, munis=munis,
               rstyle={c: region_style(seed, regions[c], munis) for c in regions},
               mstyle={c: muni_style(seed, munis[c]) for c in munis})
    specs = plan(seed, regions, munis, alloc)

    # duplicates: a report and a decision sent twice (byte-identical file)
    r = random.Random(f"{seed}-dups")
    # scanned selection (about a third), with a few modes
    rs = random.Random(f"{seed}-scan")
    ids = [s["id"] for s in specs]
    scan_ids = set(rs.sample(ids, round(len(ids) * 0.33)))
    items = []
    for s in specs:
        doc, exp = WRITERS[s["w"]](ctx, s)
        sig = doc.sig_pos
        pdf = doc.finish()
        it = dict(spec=s, expect=exp, received=d_iso(s["recv_date"] if s["w"] == "rep" else s["received"]), pdf=pdf, sig=sig,
                  tol=s.get("tol"), sum_mismatch=s.get("sum_mismatch", False))
        if s["id"] in scan_ids:
            mode = rs.choice(["office"] * 7 + ["faint"] * 2)
            it["mode"] = mode
        items.append(it)
    scanned = [it for it in items if "mode" in it]
    # a few as bare images
    import pypdfium2 as pdfium
    single = [it for it in scanned if len(pdfium.PdfDocument(it["pdf"])) == 1 and it["spec"]["w"] != "dec"]
    special = rs.sample(single, 3)
    for it, m in zip(special, ["photo", "png", "jpg"]):
        it["mode"] = m
    for it in items:
        if "mode" in it:
            imgs, dpi = scan(it["pdf"], it["sig"], it["mode"], hash_seed(seed, it["spec"]["id"]))
            data, ext = encode_scan(imgs[:1] if it["mode"] in ("photo", "png", "jpg") else imgs, dpi, it["mode"],
                                    random.Random(hash_seed(seed, it["spec"]["id"]) + 1))
            it["data"], it["ext"], it["scanned"] = data, ext, True
        else:
            it["data"], it["ext"], it["scanned"] = it["pdf"], "pdf", False
    # bare images are single-page only: make sure they are
    for it in items:
        if it["ext"] in ("jpg", "png"):
            import pypdfium2 as pdfium
            assert len(pdfium.PdfDocument(it["pdf"])) == 1, it["spec"]
    # duplicates
    reps = sorted([it for it in items if it["spec"]["w"] == "rep" and it["spec"].get("clean") and not it["scanned"]],
                  key=lambda it: it["received"])
    decs = [it for it in items if it["spec"]["w"] == "dec" and it["scanned"] and it["spec"]["org"] != "18"
            and abs(it["spec"]["decided"] - alloc[("hembesok", it["spec"]["year"], it["spec"]["org"])]) <= it["spec"]["tol"]]
    decs = decs or [it for it in items if it["spec"]["w"] == "dec" and it["spec"]["tol"] == 500]
    for orig in (reps[0] if reps else None, decs[0] if decs else None):
        if orig is None:
            continue
        d0 = dt.date.fromisoformat(orig["received"])
        dd = dict(orig)
        dd["received"] = d_iso(d0 + dt.timedelta(days=r.randint(3, 9)))
        if orig["spec"]["w"] == "rep":
            assert dt.date.fromisoformat(dd["received"]) <= PROGRAMS[("hembesok", orig["spec"]["year"])]["rep_deadline"]
        dd["dup_of"] = True
        items.append(dd)
    for it in items:
        it["sha"] = hashlib.sha256(it["data"]).hexdigest()
    items.sort(key=lambda it: (it["received"], it["spec"]["id"], it.get("dup_of", False)))
    compute_flags(items, alloc)
    truth = []
    for i, it in enumerate(items):
        name = f"C17-{i + 1:03d}.{it['ext']}"
        (out / name).write_bytes(it["data"])
        truth.append({"file": name, "scanned": it["scanned"], "received": it["received"],
                      "expect": it["expect"], "flags": it["flags"]})
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(out / "allocations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
        for (prog, yr, code), amt in sorted(alloc.items(), key=lambda kv: (kv[0][0], -kv[0][1], kv[0][2])):
            name = regions[code]["name"] if len(code) == 2 else munis[code]["name"]
            w.writerow([prog, yr, code, name, amt, 45 if (prog == "bhv-pilot" and amt == 580_000) else (40 if prog == "bhv-pilot" else "")])
    from collections import Counter
    fc = Counter(f for t in truth for f in t["flags"])
    print(f"{len(truth)} documents, {sum(t['scanned'] for t in truth)} scanned, "
          f"{sum(not t['flags'] for t in truth)} without flags; flags: {dict(sorted(fc.items()))}", file=sys.stderr)


def hash_seed(seed, i):
    return int(hashlib.sha256(f"{seed}-scan-{i}".encode()).hexdigest()[:12], 16)


if __name__ == "__main__":
    main()
