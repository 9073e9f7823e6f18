#!/usr/bin/env python3
"""C10 blind corpus: bookkeeping-style return reports, protokollsutdrag full of other
names, requisitions citing many figures. Usage: genC10.py OUTDIR --seed N"""
from pathlib import Path
import argparse, csv, io, json, os, random, datetime as dt

from reportlab import rl_config
rl_config.invariant = 1
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle,
                                KeepTogether)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FD = "/usr/share/fonts/truetype/dejavu/"
FONTS = {}
for nm, f in [("Sans", "DejaVuSans.ttf"), ("Sans-B", "DejaVuSans-Bold.ttf"),
              ("Serif", "DejaVuSerif.ttf"), ("Serif-B", "DejaVuSerif-Bold.ttf"),
              ("Cond", "DejaVuSansCondensed.ttf"), ("Cond-B", "DejaVuSansCondensed-Bold.ttf")]:
    pdfmetrics.registerFont(TTFont(nm, FD + f))

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = str(SHARED / "data") + "/"
REGIONS = {}
for r in csv.DictReader(open(DATA + "scb_regions.csv", encoding="utf-8")):
    REGIONS[r["region_code"]] = (r["region_name"], r["county_name"])
MUNIS = {}
MUNIS_BY_REGION = {}
for r in csv.DictReader(open(DATA + "scb_municipalities.csv", encoding="utf-8")):
    MUNIS[r["municipality_code"]] = r["municipality_name"]
    MUNIS_BY_REGION.setdefault(r["region_code"], []).append(r["municipality_code"])

CITY = {"0180": "Stockholms stad", "1280": "Malmö stad", "1480": "Göteborgs Stad"}


def muni_name(code):
    if code in CITY:
        return CITY[code]
    n = MUNIS[code]
    if n[-1].lower() in "aeiouyåäö" or n.endswith(("s", "x", "z")):
        return n + " kommun"
    return n + "s kommun"


def muni_gen(code):
    n = MUNIS[code]
    if n.endswith(("s", "x", "z")):
        return n
    return n + "s"


# ---------------------------------------------------------------- programs
PROGRAMS = {
    ("hembesok", 2023): dict(pool=42_000_000, req_dl="2023-10-31", rep_dl="2024-03-01"),
    ("hembesok", 2024): dict(pool=82_000_000, req_dl="2024-04-05", rep_dl="2025-03-01"),
    ("hembesok", 2025): dict(pool=None, req_dl=None, rep_dl=None),
    ("bhv-pilot", 2023): dict(pool=4_500_000, req_dl="2023-06-16", rep_dl="2024-05-03"),
}
PNAME = {
    "hembesok": "statsbidrag för utökade hembesöksprogram inom barnhälsovården",
    "bhv-pilot": "statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden",
}

FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Mats",
         "Lena", "Anders", "Kristina", "Magnus", "Elin", "Fredrik", "Ingrid", "Jonas",
         "Helena", "Mikael", "Åsa", "Björn", "Linnea", "Ola", "Camilla", "Göran", "Sofia",
         "Nils", "Ulrika", "Henrik", "Malin", "Stefan", "Birgitta", "Tobias", "Jenny"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
        "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist",
        "Berg", "Axelsson", "Sandberg", "Holm", "Forsberg", "Sjöberg", "Wallin", "Engström",
        "Lundgren", "Hedlund", "Björk", "Nyström", "Åberg", "Ekström", "Öberg", "Falk"]
PARTY = ["(S)", "(M)", "(SD)", "(C)", "(V)", "(KD)", "(L)", "(MP)"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]


def D(s):
    return dt.date.fromisoformat(s)


def long_date(d):
    return f"{d.day} {MONTHS[d.month-1]} {d.year}"


def grp(n):
    s = f"{n:,}".replace(",", " ")
    return s


def money(ore, dec=True, neg="minus"):
    """ore: integer öre. neg styles: minus(−), hyphen(-), paren, trail"""
    negative = ore < 0
    ore = abs(ore)
    kr, o = divmod(ore, 100)
    s = grp(kr) + (f",{o:02d}" if dec else "")
    if not negative:
        return s
    return {"minus": "\u2212" + s, "hyphen": "-" + s, "paren": "(" + s + ")",
            "trail": s + "-"}[neg]


# ---------------------------------------------------------------- styles
def styles(font="Sans"):
    b = font + "-B"
    return dict(
        n=ParagraphStyle("n", fontName=font, fontSize=10, leading=13.5),
        s=ParagraphStyle("s", fontName=font, fontSize=8.5, leading=11),
        h1=ParagraphStyle("h1", fontName=b, fontSize=14, leading=18, spaceAfter=6),
        h2=ParagraphStyle("h2", fontName=b, fontSize=11, leading=15, spaceBefore=6, spaceAfter=3),
        lh=ParagraphStyle("lh", fontName=b, fontSize=16, leading=20),
        r=ParagraphStyle("r", fontName=font, fontSize=10, leading=13, alignment=2),
    )


def build_pdf(path, story, header_text=None, font="Sans"):
    def on_page(c, doc):
        c.saveState()
        c.setFont(font, 7.5)
        if header_text:
            c.drawString(20 * mm, 287 * mm, header_text)
        c.drawRightString(190 * mm, 10 * mm, f"Sida {doc.page}")
        c.restoreState()
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=22 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=18 * mm)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


def tbl(rows, widths, font="Sans", header=True, bold_last=False, grid=True, right_cols=()):
    t = Table(rows, colWidths=widths)
    st = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9),
          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2.5),
          ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    for c in right_cols:
        st.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
    if header:
        st += [("FONTNAME", (0, 0), (-1, 0), font + "-B"),
               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e4e4"))]
    if bold_last:
        st += [("FONTNAME", (0, -1), (-1, -1), font + "-B"),
               ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black)]
    if grid:
        st.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
    else:
        st.append(("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black))
    t.setStyle(TableStyle(st))
    return t


def names(rng, k):
    out = set()
    while len(out) < k:
        out.add(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    return sorted(out)


# ---------------------------------------------------------------- allocations
def make_allocations(rng):
    rows = []
    codes = sorted(REGIONS)
    for year, pool in [(2023, 42_000_000), (2024, 82_000_000)]:
        w = [rng.uniform(0.3, 3.0) for _ in codes]
        w[codes.index("01")] *= 4; w[codes.index("14")] *= 3.5; w[codes.index("12")] *= 3
        tot = sum(w)
        for c, wi in zip(codes, w):
            amt = int(pool * 0.97 * wi / tot / 1000) * 1000
            rows.append(dict(program="hembesok", grant_year=year, recipient_code=c,
                             recipient_name=REGIONS[c][0], amount_sek=amt,
                             municipal_share_min_percent=""))
    for c, a, m in [("0127", 580000, 45), ("1280", 580000, 45), ("1480", 580000, 45),
                    ("0180", 255000, 40)]:
        rows.append(dict(program="bhv-pilot", grant_year=2023, recipient_code=c,
                         recipient_name=MUNIS[c], amount_sek=a, municipal_share_min_percent=m))
    for c, a in [("0380", 1_214_000), ("1880", 986_000), ("2480", 742_000), ("0581", 1_108_000),
                 ("1980", 893_000), ("03", 1_950_000), ("22", 1_420_000)]:
        nm = REGIONS[c][0] if len(c) == 2 else MUNIS[c]
        rows.append(dict(program="hembesok", grant_year=2025, recipient_code=c,
                         recipient_name=nm, amount_sek=a, municipal_share_min_percent=""))
    return rows


# ---------------------------------------------------------------- documents
class Doc:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def org_display(kind, code):
    return REGIONS[code][0] if kind == "region" else muni_name(code)


def letterhead(S, kind, code, rng, dept=None):
    nm = org_display(kind, code)
    if dept is None:
        dept = rng.choice(["Hälso- och sjukvårdsförvaltningen", "Regionkansliet",
                           "Ekonomiavdelningen", "Centrala barnhälsovården"]) if kind == "region" \
            else rng.choice(["Socialförvaltningen", "Kommunledningskontoret",
                             "Utbildnings- och socialförvaltningen"])
    return [Paragraph(nm.upper() if rng.random() < 0.3 else nm, S["lh"]),
            Paragraph(dept, S["s"]), Spacer(1, 8)]


# ---- requisitions --------------------------------------------------------
def gen_requisition(d, rng, alloc, path):
    font = rng.choice(["Sans", "Serif", "Cond"])
    S = styles(font)
    st = letterhead(S, d.kind, d.code, rng)
    dd = D(d.date)
    nm = org_display(d.kind, d.code)
    a = alloc.get((d.program, d.year, d.code))
    dnr = f"{'RS' if d.kind == 'region' else 'SN'} {d.date[:4]}/{rng.randint(100, 2999)}"
    meta = [["Datum", d.date if rng.random() < 0.6 else long_date(dd)], ["Dnr", dnr],
            ["Mottagare", "Socialstyrelsen, Enheten för statsbidrag"]]
    st.append(tbl(meta, [35 * mm, 90 * mm], font=font, header=False, grid=False))
    st.append(Spacer(1, 10))
    title = f"Rekvisition av {PNAME[d.program]} {d.year}"
    st.append(Paragraph(title, S["h1"]))
    if d.program == "hembesok" and d.year == 2024:
        pct = round(a / 82_000_000 * 100, 1)
        last = alloc.get(("hembesok", 2023, d.code))
        st.append(Paragraph(
            f"Socialstyrelsen fördelar för 2024 totalt 82 miljoner kronor till regionerna. "
            f"Fördelningen grundar sig till en tredjedel på antalet barn 0–5 år och till två "
            f"tredjedelar på antalet barn 0–5 år i områden av SCB:s områdestyp 1–2. "
            f"Enligt fördelningen kan {nm} rekvirera högst {grp(a)} kronor, vilket motsvarar "
            f"{str(pct).replace('.', ',')} procent av den totala ramen. För bidragsåret 2023 "
            f"erhöll regionen {grp(last)} kronor.", S["n"]))
        if d.extra_text:
            st.append(Spacer(1, 4)); st.append(Paragraph(d.extra_text, S["n"]))
        st.append(Spacer(1, 6))
        st.append(Paragraph("Samverkande kommuner", S["h2"]))
        st.append(Paragraph(
            "Regionen genomför de utökade hembesöken i samverkan med socialtjänsten i "
            + ", ".join(muni_name(c) for c in d.collab[:-1])
            + (" och " if len(d.collab) > 1 else "") + muni_name(d.collab[-1]) + ".", S["n"]))
        st.append(Spacer(1, 6))
        rows = [["Uppgift", "Värde"],
                ["Tilldelning enligt fördelning", f"{grp(a)} kr"],
                ["Rekvirerat belopp", f"{grp(d.requested)} kr"],
                ["Andel av bidraget som finansierar kommunal verksamhet", f"{d.share} %"],
                ["Antal samverkande kommuner", str(len(d.collab))]]
        st.append(tbl(rows, [105 * mm, 45 * mm], font=font, right_cols=(1,)))
    elif d.program == "hembesok" and d.year == 2023:
        st.append(Paragraph(
            f"Regeringen har avsatt 50 000 000 kronor för 2023, varav 42 000 000 kronor "
            f"fördelas till regionerna och 8 000 000 kronor avser Socialstyrelsens "
            f"administration. {nm} har tilldelats {grp(a)} kronor.", S["n"]))
        if d.extra_text:
            st.append(Spacer(1, 4)); st.append(Paragraph(d.extra_text, S["n"]))
        st.append(Spacer(1, 6))
        st.append(Paragraph(f"{nm} rekvirerar härmed <b>{grp(d.requested)} kronor</b> för "
                            f"bidragsåret 2023.", S["n"]))
    elif d.program == "bhv-pilot":
        st.append(Paragraph(
            f"Statsbidraget om totalt 4 500 000 kronor fördelas på fyra pilotområden. Varje "
            f"område tilldelas 1 285 000 kronor, varav 45 procent till kommunen och 55 procent "
            f"till regionen; det särskilda området tilldelas 640 000 kronor (40/60). "
            f"{muni_name(d.code)} har tilldelats {grp(a)} kronor. Region "
            f"{'Stockholm' if d.code in ('0127', '0180') else ('Skåne' if d.code == '1280' else 'Västra Götaland')} "
            f"rekvirerar sin del separat.", S["n"]))
        if d.extra_text:
            st.append(Spacer(1, 4)); st.append(Paragraph(d.extra_text, S["n"]))
        st.append(Spacer(1, 6))
        rows = [["Post", "Belopp"], ["Tilldelat pilotområdet totalt", "1 285 000 kr"],
                ["varav kommunens del enligt fördelning", f"{grp(a)} kr"],
                ["Belopp som kommunen rekvirerar", f"{grp(d.requested)} kr"]]
        st.append(tbl(rows, [105 * mm, 45 * mm], font=font, right_cols=(1,)))
    else:  # hembesok 2025 municipality
        reg = d.code[:2]
        st.append(Paragraph(
            f"Enligt förordningen (2025:74) om statsbidrag för utökade hembesöksprogram kan "
            f"både regioner och kommuner ta del av bidraget. {muni_name(d.code)} har i "
            f"Socialstyrelsens fördelning tilldelats {grp(a)} kronor. {REGIONS[reg][0]} "
            f"rekvirerar för regionens del separat. Kommunen uppfyller villkoren 1–5 i "
            f"förordningen.", S["n"]))
        if d.extra_text:
            st.append(Spacer(1, 4)); st.append(Paragraph(d.extra_text, S["n"]))
        st.append(Spacer(1, 6))
        st.append(Paragraph(f"Rekvirerat belopp: <b>{grp(d.requested)} kr</b>", S["n"]))
    st.append(Spacer(1, 10))
    st.append(Paragraph("Bankgiro: " + f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
                        + f" &nbsp;&nbsp; Organisationsnummer: {'23' if d.kind == 'region' else '21'}"
                        + f"{rng.randint(2000, 2999)}-{rng.randint(1000, 9999)}", S["s"]))
    st.append(Spacer(1, 14))
    signer = names(rng, 1)[0]
    st.append(Paragraph(f"{signer}<br/>{'Regiondirektör' if d.kind == 'region' else 'Förvaltningschef'}, {nm}", S["n"]))
    build_pdf(path, st, header_text=f"{nm} · Dnr {dnr}", font=font)


# ---- return reports --------------------------------------------------------
COST_ROWS = ["Personalkostnader BVC-sjuksköterskor", "Personalkostnader socialsekreterare",
             "Arbetsgivaravgifter och pensioner", "Utbildning och handledning",
             "Tolkkostnader", "Resor och bilersättning", "Material och tryck",
             "Samordning och projektledning"]


def make_cost_table(rng, used_kr, n_rows):
    """rows of öre summing exactly to used_kr*100 (incl. a negative correction row)."""
    labels = [COST_ROWS[0]] + rng.sample(COST_ROWS[1:], n_rows - 1)
    target = used_kr * 100
    neg = -rng.choice([12000, 8450, 23500, 4975]) * 100 - rng.randint(0, 99)
    w = [rng.uniform(0.3, 3) for _ in labels]
    w[0] *= 3
    rest = target - neg
    vals = [int(rest * wi / sum(w)) + rng.randint(-99, 99) for wi in w]
    vals[-1] = rest - sum(vals[:-1])
    rows = list(zip(labels, vals))
    rows.append(("Korrigering felbokförd kostnad (omföring)", neg))
    return rows


def gen_report(d, rng, alloc, path):
    font = rng.choice(["Sans", "Serif", "Cond"])
    S = styles(font)
    st = letterhead(S, d.kind, d.code, rng, dept=rng.choice(
        ["Ekonomistaben", "Ekonomiavdelningen", "Redovisningsenheten"]))
    nm = org_display(d.kind, d.code)
    dd = D(d.date)
    neg = d.neg
    st.append(Paragraph(f"Ekonomisk redovisning – {PNAME[d.program]} {d.year}", S["h1"]))
    st.append(Paragraph(
        f"Återrapportering till Socialstyrelsen. Redovisningsperiod {d.year}-01-01 – "
        f"{d.year}-12-31. Rapporterande organisation: {nm}.", S["n"]))
    st.append(Spacer(1, 8))
    # summary
    if rng.random() < 0.6:
        summ = [["Sammanställning", "Belopp (kr)"],
                ["Erhållet statsbidrag", money(d.received_amt * 100)],
                ["Förbrukat bidrag", money(d.used * 100)],
                ["Ej förbrukat bidrag (återbetalas)", money(d.unused * 100)]]
        st.append(tbl(summ, [100 * mm, 50 * mm], font=font, right_cols=(1,)))
    else:
        st.append(Paragraph(
            f"Erhållet bidrag: <b>{money(d.received_amt * 100)} kr</b><br/>"
            f"Förbrukade medel under perioden: <b>{money(d.used * 100)} kr</b><br/>"
            f"Ej förbrukade medel som återbetalas till Socialstyrelsen: "
            f"<b>{money(d.unused * 100)} kr</b>", S["n"]))
    st.append(Spacer(1, 10))
    # cost table Budget / Utfall / Avvikelse
    st.append(Paragraph("Kostnader per kostnadsslag", S["h2"]))
    rows = d.cost_rows  # list of (label, utfall_ore)
    budgets = []
    btotal = d.received_amt * 100
    w = [max(v, 100000) * rng.uniform(0.86, 1.12) for _, v in rows[:-1]]
    acc = 0
    for i, (_, v) in enumerate(rows[:-1]):
        b = int(round(btotal * w[i] / sum(w) / 100000.0)) * 100000
        budgets.append(b)
    budgets[-1] = btotal - sum(budgets[:-1])
    budgets.append(0)
    trows = [["Kostnadsslag", "Budget", "Utfall", "Avvikelse"]]
    varav_done = False
    for i, ((lab, v), b) in enumerate(zip(rows, budgets)):
        trows.append([lab, money(b, neg=neg), money(v, neg=neg), money(b - v, neg=neg)])
        if not varav_done and i == 0:
            vv = int(v * rng.uniform(0.08, 0.2))
            trows.append(["   varav OB- och jourtillägg", "", money(vv, neg=neg), ""])
            varav_done = True
        if lab.startswith("Utbildning"):
            trows.append(["   varav kurs i motiverande samtal", "", money(int(v * 0.4), neg=neg), ""])
    ut_total = d.stated_total * 100
    trows.append(["Summa kostnader", money(btotal, neg=neg), money(ut_total, neg=neg),
                  money(btotal - ut_total, neg=neg)])
    t = tbl(trows, [72 * mm, 30 * mm, 32 * mm, 30 * mm], font=font, bold_last=True,
            right_cols=(1, 2, 3), grid=rng.random() < 0.6)
    st.append(t)
    st.append(Spacer(1, 4))
    st.append(Paragraph("Negativa belopp avser minskade kostnader. Avvikelse = budget − utfall. "
                        "Varav-rader ingår i raden ovanför och summeras inte.", S["s"]))
    st.append(Spacer(1, 8))
    if d.extra_text:
        st.append(Paragraph(d.extra_text, S["n"])); st.append(Spacer(1, 6))
    st.append(Paragraph(f"Ort och datum: {d.city}, {d.date if d.iso_date else long_date(dd)}", S["n"]))
    st.append(Spacer(1, 16))
    a, b = names(rng, 2)
    st.append(tbl([[f"{a}", f"{b}"], ["Ekonomichef", "Verksamhetschef barnhälsovård"]],
                  [75 * mm, 75 * mm], font=font, header=False, grid=False))
    build_pdf(path, st, header_text=f"{nm} – Ekonomisk redovisning {d.year}", font=font)


# ---- decisions / protokollsutdrag -----------------------------------------
def gen_decision(d, rng, alloc, path):
    font = rng.choice(["Serif", "Sans"])
    S = styles(font)
    nm = org_display(d.kind, d.code)
    dd = D(d.date)
    body = d.body
    st = [Paragraph(nm, S["lh"]), Paragraph("PROTOKOLLSUTDRAG", S["h2"])]
    st.append(tbl([["Sammanträdesdatum", d.date if rng.random() < 0.7 else long_date(dd)], ["Organ", body], ["Paragraf", f"§ {d.par}"],
                   ["Diarienummer", d.dnr]], [45 * mm, 100 * mm], font=font, header=False, grid=False))
    st.append(Spacer(1, 6))
    st.append(Paragraph("Närvarande", S["h2"]))
    mem = names(rng, 9)
    st.append(Paragraph("Ledamöter: " + ", ".join(f"{m} {rng.choice(PARTY)}" for m in mem[:6])
                        + f", {mem[6]} {rng.choice(PARTY)} ordförande", S["s"]))
    st.append(Paragraph("Tjänstgörande ersättare: " + ", ".join(
        f"{m} {rng.choice(PARTY)}" for m in mem[7:]), S["s"]))
    st.append(Paragraph("Övriga närvarande: " + d.others, S["s"]))
    st.append(Spacer(1, 8))
    st.append(Paragraph(f"§ {d.par} &nbsp; {d.title}", S["h2"]))
    st.append(Paragraph("Ärendebeskrivning", S["h2"]))
    for p in d.paras:
        st.append(Paragraph(p, S["n"])); st.append(Spacer(1, 4))
    st.append(Paragraph("Beslutsunderlag", S["h2"]))
    st.append(Paragraph(d.underlag, S["s"]))
    st.append(Paragraph("Beslut", S["h2"]))
    st.append(Paragraph(d.decision_text, S["n"]))
    st.append(Spacer(1, 4))
    st.append(Paragraph("Beslutet skickas till: " + d.sendto, S["s"]))
    st.append(Spacer(1, 14))
    st.append(tbl([["Justerandes signatur", "Utdragsbestyrkande"],
                   ["", ""], [mem[0], names(rng, 1)[0] + ", nämndsekreterare"]],
                  [75 * mm, 75 * mm], font=font, header=False, grid=False))
    build_pdf(path, st, header_text=f"{nm} · {body} · Protokollsutdrag § {d.par}", font=font)


# ---------------------------------------------------------------- scanning
def scan(pdf_path, out_path, rng, mode):
    import numpy as np, pypdfium2 as pdfium, img2pdf, cv2
    from PIL import Image, ImageFilter, ImageDraw, ImageFont
    pdf = pdfium.PdfDocument(pdf_path)
    imgs = []
    for i in range(len(pdf)):
        im = pdf[i].render(scale=200 / 72).to_pil().convert("L")
        if mode.get("stamp") and i == 0:
            sd = Image.new("L", im.size, 255)
            dr = ImageDraw.Draw(sd)
            f = ImageFont.truetype(FD + "DejaVuSans-Bold.ttf", 38)
            x, y = im.size[0] - 560, 90
            dr.rectangle([x, y, x + 440, y + 120], outline=0, width=5)
            dr.text((x + 30, y + 12), "INKOM", font=f, fill=0)
            dr.text((x + 30, y + 62), mode["stamp"], font=f, fill=0)
            sd = sd.rotate(rng.uniform(-6, 6), fillcolor=255)
            a = np.array(im).astype(np.float32); s = np.array(sd).astype(np.float32)
            im = Image.fromarray(np.minimum(a, np.where(s < 128, 120, 255)).astype(np.uint8))
        a = np.array(im).astype(np.float32)
        if mode.get("faint"):
            a = 255 - (255 - a) * 0.55
        if mode.get("photo"):
            h, w = a.shape
            grad = np.linspace(0.78, 1.0, w)[None, :] * np.linspace(0.9, 1.0, h)[:, None]
            a = a * grad
            src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
            j = lambda: rng.uniform(0.0, 0.035)
            dst = np.float32([[w * j(), h * j()], [w * (1 - j()), h * j()],
                              [w * (1 - j()), h * (1 - j())], [w * j(), h * (1 - j())]])
            M = cv2.getPerspectiveTransform(src, dst)
            a = cv2.warpPerspective(a, M, (w, h), borderValue=110)
        a = a + np.random.RandomState(rng.randint(0, 10**6)).normal(0, mode.get("noise", 8), a.shape)
        im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        im = im.rotate(mode.get("rot", 0) + rng.uniform(-0.4, 0.4), resample=Image.BICUBIC,
                       expand=abs(mode.get("rot", 0)) > 45, fillcolor=235)
        if mode.get("blur"):
            im = im.filter(ImageFilter.GaussianBlur(0.6))
        imgs.append(im)
    q = mode.get("q", 60)
    if out_path.endswith(".pdf"):
        bufs = []
        for im in imgs:
            b = io.BytesIO(); im.save(b, "JPEG", quality=q, dpi=(200, 200)); bufs.append(b.getvalue())
        import re, hashlib
        data = img2pdf.convert(bufs, nodate=True)
        det = hashlib.md5(b"".join(bufs)).hexdigest().encode()
        for old in set(re.findall(rb"/ID \[<([0-9a-f]{32})>", data)):
            data = data.replace(old, det)
        with open(out_path, "wb") as f:
            f.write(data)
    elif out_path.endswith(".jpg"):
        imgs[0].save(out_path, "JPEG", quality=q, dpi=(200, 200))
    else:
        imgs[0].save(out_path, "PNG", dpi=(200, 200))


# ---------------------------------------------------------------- plan
def plan(rng, alloc):
    docs = []
    A = lambda p, y, c: alloc[(p, y, c)]

    def rdate(start, end):
        s, e = D(start), D(end)
        return (s + dt.timedelta(days=rng.randint(0, (e - s).days))).isoformat()

    def after(date, lo=1, hi=4):
        return (D(date) + dt.timedelta(days=rng.randint(lo, hi))).isoformat()

    # ---- hembesok 2024 requisitions (regions)
    req24 = [("03", "ok"), ("05", "ok"), ("08", "exceed"), ("10", "ok"), ("13", "late"),
             ("17", "ok"), ("20", "exceed"), ("21", "late"), ("24", "ok"), ("25", "dup1")]
    for code, kind in req24:
        a = A("hembesok", 2024, code)
        munis = MUNIS_BY_REGION[code]
        collab = sorted(rng.sample(munis, min(len(munis), rng.randint(1, 4))))
        extra = None
        req = a
        date = rdate("2024-02-07", "2024-03-28")
        if kind == "exceed":
            req = a + rng.choice([150_000, 265_000, 400_000])
            extra = (f"Regionen önskar därutöver ta del av eventuella medel som inte rekvireras av "
                     f"andra regioner och rekvirerar därför totalt {grp(req)} kronor, det vill "
                     f"säga {grp(req - a)} kronor utöver fördelningen.")
        if kind == "late":
            date = rdate("2024-04-04", "2024-04-10")
        if kind == "dup1":
            req = a - 300_000
            date = "2024-02-20"
        d = Doc(type="requisition", program="hembesok", year=2024, kind="region", code=code,
                requested=req, date=date, collab=collab, share=rng.choice([20, 25, 30, 40, 50]),
                extra_text=extra)
        d.received = after(date, 1, 3) if kind != "late" else max(after(date, 0, 3), "2024-04-08")
        docs.append(d)
        if kind == "dup1":
            d2 = Doc(type="requisition", program="hembesok", year=2024, kind="region", code=code,
                     requested=a, date="2024-03-12", collab=collab, share=d.share,
                     extra_text=("Denna rekvisition ersätter regionens tidigare rekvisition "
                                 f"daterad 2024-02-20 om {grp(a - 300_000)} kronor."))
            d2.received = "2024-03-13"
            docs.append(d2)
    # ---- hembesok 2023 requisitions
    for code, kind in [("19", "ok"), ("06", "late")]:
        a = A("hembesok", 2023, code)
        date = rdate("2023-09-05", "2023-10-20") if kind == "ok" else "2023-11-03"
        d = Doc(type="requisition", program="hembesok", year=2023, kind="region", code=code,
                requested=a, date=date, extra_text=None)
        d.received = after(date, 1, 3)
        docs.append(d)
    # ---- bhv-pilot requisitions
    for code, kind in [("0127", "ok"), ("1280", "exceed"), ("0180", "late")]:
        a = A("bhv-pilot", 2023, code)
        req = a if kind != "exceed" else 610_000
        date = rdate("2023-05-02", "2023-06-05") if kind != "late" else "2023-06-19"
        d = Doc(type="requisition", program="bhv-pilot", year=2023, kind="municipality", code=code,
                requested=req, date=date,
                extra_text=("Kommunen har budgeterat kostnader om 612 400 kronor för 2023 och "
                            f"rekvirerar {grp(req)} kronor." if kind == "exceed" else None))
        d.received = after(date, 1, 3)
        docs.append(d)
    # ---- hembesok 2025 municipality requisitions
    for code, kind in [("0380", "ok"), ("2480", "exceed")]:
        a = A("hembesok", 2025, code)
        req = a if kind == "ok" else a + 58_000
        date = rdate("2025-03-03", "2025-04-15")
        d = Doc(type="requisition", program="hembesok", year=2025, kind="municipality", code=code,
                requested=req, date=date, extra_text=None)
        d.received = after(date, 1, 3)
        docs.append(d)

    # ---- return reports
    negstyles = ["minus", "hyphen", "paren", "trail"]
    rep = [("hembesok", 2024, "03", "ok"), ("hembesok", 2024, "05", "sum"),
           ("hembesok", 2024, "10", "unused"), ("hembesok", 2024, "17", "ok"),
           ("hembesok", 2024, "24", "exceeds"), ("hembesok", 2024, "13", "late"),
           ("hembesok", 2024, "08", "sum"), ("hembesok", 2024, "25", "unused"),
           ("hembesok", 2024, "20", "ok"), ("hembesok", 2024, "21", "recv_over"),
           ("hembesok", 2023, "19", "ok"), ("hembesok", 2023, "14", "sum"),
           ("hembesok", 2023, "07", "late"), ("hembesok", 2023, "09", "exceeds"),
           ("bhv-pilot", 2023, "0127", "ok"), ("bhv-pilot", 2023, "1280", "unused"),
           ("bhv-pilot", 2023, "1480", "late")]
    for i, (p, y, code, kind) in enumerate(rep):
        kindorg = "region" if len(code) == 2 else "municipality"
        a = A(p, y, code)
        received = a
        if kind == "recv_over":
            received = a + 120_000
        used = int(received * rng.uniform(0.78, 0.97) / 100) * 100
        if kind == "exceeds":
            used = received + rng.choice([18_400, 42_750, 9_900])
        unused = max(received - used, 0)
        if kind == "unused":
            unused = received - used + rng.choice([10_000, 25_000, -15_000])
        dl = PROGRAMS[(p, y)]["rep_dl"]
        if kind == "late":
            date = (D(dl) + dt.timedelta(days=rng.randint(3, 12))).isoformat()
        else:
            date = (D(dl) - dt.timedelta(days=rng.randint(12, 55))).isoformat()
        cost = make_cost_table(rng, used, rng.randint(4, 6))
        stated_total = used
        if kind == "sum":
            # perturb one row so rows no longer add to the stated total
            j = rng.randrange(len(cost) - 1)
            lab, v = cost[j]
            cost[j] = (lab, v + rng.choice([10_000_00, -24_500_00, 31_250_00]))
        city = (REGIONS[code][1].replace(" län", "").replace("s län", "") if kindorg == "region"
                else MUNIS[code])
        cityname = {"03": "Uppsala", "05": "Linköping", "10": "Karlskrona", "17": "Karlstad",
                    "24": "Umeå", "13": "Halmstad", "08": "Kalmar", "25": "Luleå",
                    "20": "Falun", "21": "Gävle", "19": "Västerås", "14": "Göteborg",
                    "07": "Växjö", "09": "Visby"}.get(code, MUNIS.get(code, city))
        extra = None
        if kind == "recv_over":
            extra = (f"Utöver fördelningen om {grp(a)} kronor har regionen erhållit "
                     f"{grp(received - a)} kronor av de medel som andra regioner inte rekvirerade.")
        d = Doc(type="return_report", program=p, year=y, kind=kindorg, code=code, received_amt=received,
                used=used, unused=unused, date=date, cost_rows=cost, stated_total=stated_total,
                sum_mismatch=(kind == "sum"), neg=negstyles[i % 4], city=cityname,
                iso_date=rng.random() < 0.6, extra_text=extra)
        d.received = after(date, 1, 4) if kind != "late" else after(date, 1, 2)
        docs.append(d)

    # ---- decisions (protokollsutdrag)
    def dec(kind, code, p, y, body, amount_text, decided, tol, date, mentions, title, verb):
        return dict(kind=kind, code=code, p=p, y=y, body=body, amount_text=amount_text,
                    decided=decided, tol=tol, date=date, mentions=mentions, title=title, verb=verb)

    decs = []
    # region, hembesok 2023
    for code, style, mis in [("18", "mn", False), ("20", "kr", False), ("14", "tkr", True),
                             ("23", "kr", False), ("12", "kr", True)]:
        a = A("hembesok", 2023, code)
        if style == "mn":
            v = round(a / 1e6, 1); text = f"{str(v).replace('.', ',')} miljoner kronor"
            decided, tol = int(round(v * 1e6)), 50_000
        elif style == "tkr":
            v = a // 1000 + (180 if mis else 0); text = f"{grp(v)} tkr"; decided, tol = v * 1000, 500
        else:
            v = a + (75_000 if mis else 0); text = f"{grp(v)} kronor"; decided, tol = v, 0.5
        decs.append(dec("region", code, "hembesok", 2023, "Regionstyrelsen", text, decided, tol,
                        rdate("2023-09-12", "2023-11-20"), None,
                        "Fördelning av statsbidrag för hembesöksprogram inom barnhälsovården 2023",
                        "fördela statsbidraget om"))
    # region, hembesok 2024
    for code, style, mis in [("03", "kr", False), ("22", "mn", True), ("10", "tkr", False)]:
        a = A("hembesok", 2024, code)
        if style == "mn":
            v = round(a / 1e6, 1) + 0.4; text = f"{str(round(v, 1)).replace('.', ',')} miljoner kronor"
            decided, tol = int(round(v * 1e6)), 50_000
        elif style == "tkr":
            v = a // 1000; text = f"{grp(v)} tkr"; decided, tol = v * 1000, 500
        else:
            v = a; text = f"{grp(v)} kronor"; decided, tol = v, 0.5
        decs.append(dec("region", code, "hembesok", 2024, rng.choice(["Regionstyrelsen", "Hälso- och sjukvårdsnämnden"]),
                        text, decided, tol, rdate("2024-02-01", "2024-03-20"), None,
                        "Rekvisition av statsbidrag för utökade hembesöksprogram 2024",
                        "rekvirera statsbidrag om"))
    # municipalities, bhv-pilot 2023
    for code, body, mis in [("0127", "Socialnämnden", False), ("1480", "Kommunstyrelsen", True),
                            ("0180", "Socialnämnden", False)]:
        a = A("bhv-pilot", 2023, code)
        v = a if not mis else 642_500
        decs.append(dec("municipality", code, "bhv-pilot", 2023, body, f"{grp(v)} kronor", v, 0.5,
                        rdate("2023-04-18", "2023-05-30"), None,
                        "Deltagande i pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden 2023",
                        "rekvirera statsbidrag om"))
    # municipalities, hembesok 2025
    for code, body, mis in [("1880", "Kommunstyrelsen", False), ("0581", "Socialnämnden", True),
                            ("1980", "Socialnämnden", False)]:
        a = A("hembesok", 2025, code)
        v = a if not mis else a + 92_000
        decs.append(dec("municipality", code, "hembesok", 2025, body, f"{grp(v)} kronor", v, 0.5,
                        rdate("2025-02-10", "2025-04-10"), None,
                        "Statsbidrag för utökade hembesöksprogram inom barnhälsovården 2025",
                        "rekvirera och ta emot statsbidrag om"))

    for x in decs:
        docs.append(make_decision_doc(x, rng, alloc))
    return docs


def other_regions(rng, code, k):
    return [REGIONS[c][0] for c in rng.sample([c for c in REGIONS if c != code], k)]


def make_decision_doc(x, rng, alloc):
    code, kind = x["code"], x["kind"]
    nm = org_display(kind, code)
    date = x["date"]
    y = x["y"]
    par = rng.randint(12, 240)
    pref = {"Regionstyrelsen": "RS", "Hälso- och sjukvårdsnämnden": "HSN",
            "Kommunstyrelsen": "KS", "Socialnämnden": "SN"}[x["body"]]
    dnr = f"{pref} {date[:4]}/{rng.randint(100, 3999)}"
    prev = (D(date) - dt.timedelta(days=rng.randint(20, 90)))
    prev_par = rng.randint(10, 200)
    oth = other_regions(rng, code if kind == "region" else code[:2], 3)
    paras = []
    if kind == "region":
        reg_munis = MUNIS_BY_REGION[code]
        ms = [muni_name(c) for c in rng.sample(reg_munis, min(3, len(reg_munis)))]
        if y == 2023:
            paras.append("Socialstyrelsen har regeringens uppdrag att stödja och stimulera "
                         "barnhälsovårdens förebyggande arbete med hembesöksprogram. Av regeringens "
                         "50 miljoner kronor för 2023 fördelas 42 miljoner kronor till regionerna.")
        else:
            paras.append("För 2024 fördelar Socialstyrelsen 82 miljoner kronor till regionerna för "
                         "utökade hembesöksprogram. Regionen ska i rekvisitionen ange samverkande "
                         "kommuner och den andel som finansierar kommunal verksamhet.")
        paras.append(f"Arbetet bedrivs i samverkan med socialtjänsten i {', '.join(ms[:-1])}"
                     f"{' och ' if len(ms) > 1 else ''}{ms[-1]}. Motsvarande program finns sedan tidigare i "
                     f"{oth[0]} och {oth[1]}, och erfarenheter har inhämtats från {oth[2]} "
                     f"samt från Rinkeby-Kista stadsdelsförvaltning i Stockholms stad.")
        paras.append(f"Regionstyrelsens arbetsutskott behandlade ärendet {prev.isoformat()}, "
                     f"§ {prev_par}, och föreslog att ärendet skulle beredas vidare.")
        others = f"{names(rng, 1)[0]}, regiondirektör; {names(rng, 1)[0]}, hälso- och sjukvårdsdirektör; {names(rng, 1)[0]}, sekreterare"
        sendto = "Socialstyrelsen; Centrala barnhälsovården; " + "; ".join(ms[:2])
    else:
        reg = code[:2]
        neigh = [muni_name(c) for c in rng.sample([c for c in MUNIS_BY_REGION[reg] if c != code], 3)]
        if x["p"] == "bhv-pilot":
            paras.append("Socialstyrelsen fördelar 4 500 000 kronor till fyra pilotområden: "
                         "Botkyrka kommun, Malmö stad, Göteborgs Stad och Stockholms stad, "
                         "tillsammans med Region Stockholm, Region Skåne och Västra Götalandsregionen. "
                         "Varje område tilldelas 1 285 000 kronor, varav 45 procent till kommunen.")
        else:
            paras.append("Enligt förordningen (2025:74) kan både regioner och kommuner få "
                         f"statsbidrag för utökade hembesöksprogram. {REGIONS[reg][0]} har fattat "
                         f"beslut om sin del vid regionstyrelsens sammanträde {prev.isoformat()}.")
        paras.append(f"Förvaltningen har samrått med {neigh[0]}, {neigh[1]} och {neigh[2]} samt med "
                     f"{REGIONS[reg][0]}. {oth[0]} och {oth[1]} har redovisat erfarenheter från "
                     f"liknande arbete.")
        paras.append(f"Ärendet bereddes av arbetsutskottet {prev.isoformat()}, § {prev_par}.")
        others = f"{names(rng, 1)[0]}, socialdirektör; {names(rng, 1)[0]}, nämndsekreterare"
        sendto = f"Socialstyrelsen; {REGIONS[reg][0]}; ekonomienheten"
    dtext = (f"{x['body']} beslutar<br/><br/>att {x['verb']} <b>{x['amount_text']}</b> för "
             f"{'bidragsåret ' + str(y)}, samt<br/><br/>att uppdra åt "
             f"{'regiondirektören' if kind == 'region' else 'förvaltningschefen'} att verkställa beslutet.")
    underlag = (f"Tjänsteskrivelse {(D(date) - dt.timedelta(days=rng.randint(10, 30))).isoformat()}; "
                f"Socialstyrelsens anvisningar för {y}; arbetsutskottets protokoll § {prev_par}.")
    return Doc(type="decision", program=x["p"], year=y, kind=kind, code=code, body=x["body"],
               par=par, dnr=dnr, others=others, title=x["title"], paras=paras, underlag=underlag,
               decision_text=dtext, sendto=sendto, date=date, decided=x["decided"], tol=x["tol"],
               received=(D(date) + dt.timedelta(days=rng.randint(3, 9))).isoformat())


# ---------------------------------------------------------------- flags
def compute_flags(docs, alloc):
    on_file = []
    pool_sum = {}
    for d in docs:
        f = []
        key = (d.program, d.year, d.code)
        a = alloc.get(key)
        assert a is not None, key
        pr = PROGRAMS[(d.program, d.year)]
        if d.type == "requisition":
            if d.requested > a:
                f.append("AMOUNT_EXCEEDS_ALLOCATION")
            pk = (d.program, d.year)
            pool_sum[pk] = pool_sum.get(pk, 0) + d.requested
            if pr["pool"] and pool_sum[pk] > pr["pool"]:
                f.append("POOL_EXCEEDED")
            if any(o.type == "requisition" and (o.program, o.year, o.code) == key for o in on_file):
                f.append("DUPLICATE_REQUISITION")
            if pr["req_dl"] and d.received > pr["req_dl"]:
                f.append("LATE_REQUISITION")
        elif d.type == "return_report":
            if d.received_amt > a:
                f.append("AMOUNT_EXCEEDS_ALLOCATION")
            if pr["rep_dl"] and d.received > pr["rep_dl"]:
                f.append("LATE_REPORT")
            if d.used > d.received_amt:
                f.append("USED_EXCEEDS_RECEIVED")
            elif abs(d.received_amt - d.used - d.unused) > 1:
                f.append("UNUSED_MISMATCH")
            rows_sum = sum(v for _, v in d.cost_rows)
            if abs(rows_sum - d.stated_total * 100) > 100:
                f.append("SUM_MISMATCH")
            assert d.sum_mismatch == ("SUM_MISMATCH" in f)
        elif d.type == "decision":
            if abs(d.decided - a) > d.tol:
                f.append("DECISION_AMOUNT_MISMATCH")
        d.flags = f
        on_file.append(d)


def truth_of(d):
    e = {"document_type": d.type, "program": d.program, "grant_year": d.year,
         "organisation": {"kind": d.kind, "code": d.code}}
    if d.type == "requisition":
        e["amounts"] = {"requested": d.requested}
    elif d.type == "return_report":
        e["amounts"] = {"received": d.received_amt, "used": d.used, "unused": d.unused}
    else:
        e["amounts"] = {"decided": d.decided}
    e["document_date"] = d.date
    if d.type == "requisition" and d.program == "hembesok" and d.year == 2024:
        e["collaborating_municipalities"] = sorted(d.collab)
        e["municipal_share_percent"] = d.share
    return e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1010)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    arows = make_allocations(rng)
    alloc = {(r["program"], int(r["grant_year"]), r["recipient_code"]): int(r["amount_sek"]) for r in arows}
    docs = plan(rng, alloc)
    # stable arrival order
    for i, d in enumerate(docs):
        d.idx = i
    docs.sort(key=lambda d: (d.received, d.idx))
    compute_flags(docs, alloc)
    # scan choices: ~38 %
    n = len(docs)
    scan_idx = set(rng.sample(range(n), round(n * 0.38)))
    truth = []
    tmp = os.path.join(args.outdir, "_tmp.pdf")
    modes = [dict(rot=1.2, noise=7, q=55), dict(rot=-0.8, noise=10, q=45, faint=True),
             dict(rot=0.5, noise=6, q=65, stamp=True), dict(rot=-1.5, noise=9, q=50, blur=True),
             dict(rot=0.3, noise=6, q=70, photo=True), dict(rot=90, noise=6, q=60)]
    mi = 0
    for k, d in enumerate(docs):
        drng = random.Random(args.seed * 1000 + d.idx)
        base = f"C10_{k+1:02d}"
        gen = {"requisition": gen_requisition, "return_report": gen_report,
               "decision": gen_decision}[d.type]
        if k in scan_idx:
            gen(d, drng, alloc, tmp)
            m = dict(modes[mi % len(modes)]); mi += 1
            if m.get("stamp"):
                m["stamp"] = d.received
            import pypdfium2 as pdfium
            npages = len(pdfium.PdfDocument(tmp))
            ext = ".pdf"
            if npages == 1 and mi % 3 == 2:
                ext = ".jpg" if mi % 2 else ".png"
            if m.get("rot") == 90 and ext != ".pdf":
                m["rot"] = 0.7
            fn = base + ext
            scan(tmp, os.path.join(args.outdir, fn), drng, m)
            os.remove(tmp)
            scanned = True
        else:
            fn = base + ".pdf"
            gen(d, drng, alloc, os.path.join(args.outdir, fn))
            scanned = False
        truth.append({"file": fn, "scanned": scanned, "received": d.received,
                      "expect": truth_of(d), "flags": d.flags})
    with open(os.path.join(args.outdir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    with open(os.path.join(args.outdir, "allocations.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["program", "grant_year", "recipient_code", "recipient_name",
                                          "amount_sek", "municipal_share_min_percent"])
        w.writeheader()
        for r in arows:
            w.writerow(r)
    print(f"{len(truth)} documents written to {args.outdir}")


if __name__ == "__main__":
    main()
