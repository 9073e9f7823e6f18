#!/usr/bin/env python3
"""genC12.py OUTDIR --seed N [--shared DIR]

Blind labelled corpus C12: discrepancy flags at their edges (exact allocation, +1 kr,
deadline day / day after / day before, corrected and plain duplicate requisitions,
received/used/unused arithmetic by 1 kr, 2 kr and large gaps, municipal share at and
below the allocation's minimum, grant years the program does not have, organisations
missing from the allocation list), as text PDFs and scans.

Deterministic for a given seed; writes only into OUTDIR.
"""
import argparse, csv, io, json, math, random
import datetime as dt
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import img2pdf
import pypdfium2 as pdfium
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.utils import simpleSplit

FONTDIR = Path("/usr/share/fonts/truetype")
def _ff(name):
    for p in FONTDIR.rglob(name):
        return str(p)
    raise FileNotFoundError(name)

for nm, fn in [("Sans", "DejaVuSans.ttf"), ("SansB", "DejaVuSans-Bold.ttf"), ("Serif", "DejaVuSerif.ttf"),
               ("SerifB", "DejaVuSerif-Bold.ttf"), ("SerifI", "DejaVuSerif-Italic.ttf"),
               ("Cond", "DejaVuSansCondensed.ttf"), ("CondB", "DejaVuSansCondensed-Bold.ttf"),
               ("Mono", "DejaVuSansMono.ttf")]:
    pdfmetrics.registerFont(TTFont(nm, _ff(fn)))

W, H = A4

# --------------------------------------------------------------------------- programs
PROGRAMS = {
    ("hembesok", 2023): dict(pool=42_000_000, req_dl=dt.date(2023, 10, 31), rep_dl=dt.date(2024, 3, 1), kinds={"region"}),
    ("hembesok", 2024): dict(pool=82_000_000, req_dl=dt.date(2024, 4, 5), rep_dl=dt.date(2025, 3, 1), kinds={"region"}),
    ("hembesok", 2025): dict(pool=None, req_dl=None, rep_dl=None, kinds={"region", "municipality"}),
    ("hembesok", 2026): dict(pool=150_000_000, req_dl=None, rep_dl=None, kinds={"region", "municipality"}),
    ("bhv-pilot", 2023): dict(pool=4_500_000, req_dl=dt.date(2023, 6, 16), rep_dl=dt.date(2024, 5, 3), kinds={"region", "municipality"}),
}
PNAME = {
    "hembesok": "statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram",
    "bhv-pilot": "statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden",
}
PSHORT = {"hembesok": "Utökade hembesöksprogram inom barnhälsovården",
          "bhv-pilot": "Pilotverksamhet i barnhälsovården"}


def fmt(n, sep=" "):
    s = f"{abs(int(n)):,}".replace(",", sep)
    return ("-" if n < 0 else "") + s


def money(n, style=0):
    return [f"{fmt(n)} kr", f"{fmt(n)}:-", f"{fmt(n)} kronor", f"{fmt(n)} SEK"][style % 4]


def sv_date_long(d):
    mon = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december"][d.month - 1]
    return f"{d.day} {mon} {d.year}"


# --------------------------------------------------------------------------- reference data
class Ref:
    def __init__(self, shared):
        self.regions = {}
        with open(shared / "data" / "scb_regions.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.regions[r["region_code"]] = r
        self.munis = {}
        with open(shared / "data" / "scb_municipalities.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.munis[r["municipality_code"]] = r

    def rname(self, code):
        return self.regions[code]["region_name"]

    def mname(self, code, form="kommun"):
        n = self.munis[code]["municipality_name"]
        special = {"Malmö": "Malmö stad", "Göteborg": "Göteborgs Stad", "Stockholm": "Stockholms stad",
                   "Falun": "Falu kommun", "Helsingborg": "Helsingborgs stad", "Västerås": "Västerås stad",
                   "Borås": "Borås Stad", "Solna": "Solna stad"}
        if form == "kommun":
            if n in special:
                return special[n]
            gen = n if n[-1].lower() in "aeiouyåäösxz" else n + "s"
            return f"{gen} kommun"
        return n

    def region_munis(self, code):
        return sorted(c for c, r in self.munis.items() if r["region_code"] == code)


# --------------------------------------------------------------------------- PDF drawing helpers
class Doc:
    def __init__(self):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.y = H - 60

    def text(self, x, y, s, font="Serif", size=10.5):
        self.c.setFont(font, size)
        self.c.drawString(x, y, s)

    def rtext(self, x, y, s, font="Serif", size=10.5):
        self.c.setFont(font, size)
        self.c.drawRightString(x, y, s)

    def para(self, s, font="Serif", size=10.5, x=70, width=W - 140, lead=None, gap=7):
        lead = lead or size * 1.38
        self.c.setFont(font, size)
        for line in simpleSplit(s, font, size, width):
            self.c.drawString(x, self.y, line)
            self.y -= lead
        self.y -= gap

    def kv_table(self, rows, x=70, widths=(200, 255), font="Sans", size=9.5, rowh=22, boldkeys=True):
        c = self.c
        top = self.y + 4
        for k, v in rows:
            vlines = simpleSplit(v, font, size, widths[1] - 10) or [""]
            klines = simpleSplit(k, "SansB" if boldkeys else font, size, widths[0] - 10) or [""]
            h = max(rowh, 13 * max(len(vlines), len(klines)) + 9)
            c.setLineWidth(0.7)
            c.rect(x, top - h, widths[0], h)
            c.rect(x + widths[0], top - h, widths[1], h)
            c.setFont("SansB" if boldkeys else font, size)
            for i, ln in enumerate(klines):
                c.drawString(x + 5, top - 14 - 13 * i, ln)
            c.setFont(font, size)
            for i, ln in enumerate(vlines):
                c.drawString(x + widths[0] + 5, top - 14 - 13 * i, ln)
            top -= h
        self.y = top - 16

    def grid(self, header, rows, x=70, widths=(260, 130), font="Sans", size=9.5, rowh=18, bold_last=False):
        c = self.c
        top = self.y + 4
        allrows = [header] + rows
        for ri, row in enumerate(allrows):
            cx = x
            c.setLineWidth(0.6)
            for ci, cell in enumerate(row):
                c.rect(cx, top - rowh, widths[ci], rowh)
                f = "SansB" if ri == 0 or (bold_last and ri == len(allrows) - 1) else font
                c.setFont(f, size)
                if ci == 0:
                    c.drawString(cx + 5, top - rowh + 5, cell)
                else:
                    c.drawRightString(cx + widths[ci] - 5, top - rowh + 5, cell)
                cx += widths[ci]
            top -= rowh
        self.y = top - 16

    def finish(self):
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def letterhead(d, org, sub, rng, style):
    c = d.c
    if style == 0:
        c.setFillColorRGB(0.1, 0.25, 0.45)
        c.rect(0, H - 50, W, 50, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1)
        d.text(70, H - 33, org, "SansB", 15)
        c.setFillColorRGB(0, 0, 0)
        d.text(70, H - 68, sub, "Sans", 9)
        d.y = H - 95
    elif style == 1:
        d.text(70, H - 60, org, "SerifB", 16)
        d.text(70, H - 76, sub, "SerifI", 9.5)
        c.setLineWidth(1.2)
        c.line(70, H - 84, W - 70, H - 84)
        d.y = H - 110
    else:
        c.setFillColorRGB(0.55, 0.1, 0.15)
        c.circle(85, H - 62, 14, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
        d.text(108, H - 58, org, "CondB", 14)
        d.text(108, H - 72, sub, "Cond", 9)
        d.y = H - 105


def footer(d, org, rng):
    c = d.c
    c.setLineWidth(0.4)
    c.line(70, 62, W - 70, 62)
    pn = rng.choice(["010", "019", "021", "031", "035", "040", "046", "054", "060", "063", "090"])
    d.text(70, 50, f"{org}  ·  Växel {pn}-{rng.randint(10, 99)} {rng.randint(10, 99)} 000  ·  registrator@{slug(org)}.se", "Sans", 7.5)


def slug(s):
    t = s.lower()
    for a, b in [("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), (" ", ""), ("-", "")]:
        t = t.replace(a, b)
    return t[:24]


SIGNERS = ["Anna Lindqvist", "Johan Berglund", "Maria Sandberg", "Erik Holm", "Karin Nyström",
           "Per Åkesson", "Sofia Engström", "Lars Wikström", "Eva Magnusson", "Mikael Öberg",
           "Helena Forsberg", "Jonas Lundgren", "Ulla Björk", "Peter Dahlin", "Cecilia Ek"]
TITLES_R = ["Hälso- och sjukvårdsdirektör", "Regiondirektör", "Chef Hälsovalsenheten", "Verksamhetschef Centrala barnhälsovården"]
TITLES_M = ["Socialchef", "Förvaltningschef, socialförvaltningen", "Kommundirektör", "Ekonomichef"]


def org_display(ref, o):
    return ref.rname(o["code"]) if o["kind"] == "region" else ref.mname(o["code"])


def munis_text(ref, codes):
    names = [ref.mname(c) for c in codes]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " och " + names[-1]


# --------------------------------------------------------------------------- document styles
def dnr(rng, year, kind):
    pre = {"region": rng.choice(["RS", "HSN", "RJL", "RD"]), "municipality": rng.choice(["KS", "SN", "SOC"])}[kind]
    return f"{pre} {year}/{rng.randint(100, 2999)}"


def req_letter(ref, s, rng):
    d = Doc()
    org = org_display(ref, s["org"])
    sub = "Hälso- och sjukvårdsförvaltningen" if s["org"]["kind"] == "region" else "Socialförvaltningen"
    letterhead(d, org, sub, rng, rng.randint(0, 2))
    d.rtext(W - 70, d.y + 10, f"Datum: {s['date'].isoformat()}", "Serif", 10)
    d.rtext(W - 70, d.y - 4, f"Dnr {dnr(rng, s['date'].year, s['org']['kind'])}", "Serif", 10)
    d.text(70, d.y - 20, "Socialstyrelsen", "Serif", 10.5)
    d.text(70, d.y - 34, "Avdelningen för statsbidrag", "Serif", 10.5)
    d.text(70, d.y - 48, "106 30 Stockholm", "Serif", 10.5)
    d.y -= 90
    p, y = s["p"], s["y"]
    title = (f"Rekvisition av statsbidrag för utökade hembesöksprogram {y}" if p == "hembesok"
             else f"Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården {y}")
    if s.get("corrects"):
        title = "Korrigerad rekvisition – " + title[0].lower() + title[1:]
    d.para(title, "SerifB", 12.5, gap=10)
    if s.get("corrects"):
        d.para(f"Denna rekvisition ersätter tidigare inskickad rekvisition daterad {s['corrects'].isoformat()}. "
               f"Beloppet i den tidigare rekvisitionen var felaktigt angivet.", "SerifI", 10.5)
    amt = s["amounts"]["requested"]
    body = (f"{org} rekvirerar härmed {money(amt, 2)} i {PNAME[p]} för bidragsåret {y}, "
            f"i enlighet med Socialstyrelsens anvisningar.")
    if s.get("leftover"):
        body = (f"{org} rekvirerar härmed {money(amt, 2)} i {PNAME[p]} för bidragsåret {y}. "
                f"I beloppet ingår {money(s['leftover'], 2)} som regionen önskar ta del av ur eventuellt kvarvarande medel.")
    d.para(body)
    if s.get("munis"):
        d.para(f"Arbetet med utökade hembesök bedrivs i samverkan med {munis_text(ref, s['munis'])}, "
               "främst genom socialtjänstens förebyggande verksamhet och familjecentraler.")
    elif p == "hembesok" and y >= 2024 and s["org"]["kind"] == "region":
        d.para("Arbetet bedrivs i samverkan med kommunerna i länet och med tandvården, mödrahälsovården "
               "och förskolan i berörda områden.")
    if s.get("share") is not None:
        if p == "hembesok":
            d.para(f"Av bidraget avser {s['share']} procent att finansiera kommunal verksamhet inom samverkan.")
        else:
            d.para(f"Kommunens andel av pilotområdets totala ersättning är {s['share']} procent, i enlighet med "
                   "fördelningen mellan kommun och region i bilaga 1 till anvisningarna.")
    if p == "bhv-pilot" and s.get("partner_region"):
        d.para(f"Pilotverksamheten genomförs tillsammans med {ref.rname(s['partner_region'])}, som rekvirerar "
               "regionens del separat.")
    d.para(f"Medlen önskas utbetalda till bankgiro {rng.randint(100, 999)}-{rng.randint(1000, 9999)}. "
           f"Kontaktperson för rekvisitionen är {rng.choice(SIGNERS)}, tfn 0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}.")
    d.y -= 10
    d.para(f"{s['place']} den {sv_date_long(s['date'])}", "Serif", 10.5, gap=30)
    d.para(s["signer"], "Serif", 10.5, gap=0)
    d.para(s["title"], "SerifI", 10)
    footer(d, org, rng)
    return d.finish()


def req_form(ref, s, rng):
    d = Doc()
    org = org_display(ref, s["org"])
    p, y = s["p"], s["y"]
    d.text(70, H - 60, "REKVISITION", "SansB", 18)
    d.text(70, H - 78, f"Statsbidrag {y} – {PSHORT[p]}", "Sans", 11)
    d.rtext(W - 70, H - 36, "Socialstyrelsen – blankett för rekvisition", "Sans", 8.5)
    d.y = H - 110
    if s.get("corrects"):
        d.para(f"OBS! Ersätter tidigare inskickad rekvisition daterad {s['corrects'].isoformat()}.", "SansB", 10, gap=8)
    rows = [("Sökande organisation", org),
            ("Organisationsnummer", f"{'232100' if s['org']['kind'] == 'region' else '212000'}-{rng.randint(1000, 9999)}"),
            ("Bidrag", PNAME[p][0].upper() + PNAME[p][1:]),
            ("Bidragsår", str(y)),
            ("Rekvirerat belopp (kr)", fmt(s["amounts"]["requested"]))]
    if p == "hembesok" and y >= 2024:
        rows.append(("Samverkande kommuner", munis_text(ref, s["munis"]) if s.get("munis") else ""))
        rows.append(("Andel som finansierar kommunal verksamhet",
                     f"{s['share']} %" if s.get("share") is not None else ""))
    elif p == "bhv-pilot" and s.get("share") is not None:
        rows.append(("Kommunens andel av pilotområdets ersättning", f"{s['share']} %"))
    rows.append(("Önskar del av kvarvarande medel", "Ja" if s.get("leftover") else "Nej"))
    rows.append(("Kontaktperson", f"{rng.choice(SIGNERS)}, {slug(rng.choice(SIGNERS)).replace('ö','o')}@{slug(org)}.se"))
    d.kv_table(rows)
    d.para("Härmed intygas att uppgifterna ovan är riktiga och att medlen kommer att användas i enlighet "
           "med Socialstyrelsens anvisningar för bidraget.", "Sans", 9.5)
    d.kv_table([("Ort och datum", f"{s['place']} {s['date'].isoformat()}"),
                ("Underskrift / namnförtydligande", f"{s['signer']}, {s['title']}")], widths=(200, 255))
    footer(d, org, rng)
    return d.finish()


def req_eservice(ref, s, rng):
    d = Doc()
    org = org_display(ref, s["org"])
    p, y = s["p"], s["y"]
    c = d.c
    c.setFillColorRGB(0.93, 0.93, 0.93)
    c.rect(40, H - 75, W - 80, 40, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    d.text(52, H - 60, "Socialstyrelsen  |  E-tjänst för statsbidrag", "SansB", 11)
    d.y = H - 105
    d.para(f"Sammanställning av inskickad rekvisition – {PSHORT[p]} {y}", "SansB", 12, x=52, gap=10)
    rows = [("Ärende", f"SB-{y}-{rng.randint(10000, 99999)}"),
            ("Organisation", org),
            ("Bidragsår", str(y)),
            ("Inskickad", s["date"].isoformat()),
            ("Rekvirerat belopp", money(s["amounts"]["requested"], 0))]
    if s.get("munis") is not None and p == "hembesok":
        rows.append(("Samverkande kommuner", "; ".join(ref.mname(m) for m in s["munis"]) if s["munis"] else "–"))
    if s.get("share") is not None:
        rows.append(("Andel till kommunal verksamhet", f"{s['share']} %"))
    rows.append(("Ombud", f"{s['signer']} ({s['title']})"))
    d.kv_table(rows, x=52, widths=(190, 300), font="Cond", boldkeys=False)
    d.para("Rekvisitionen är signerad av behörigt ombud. Denna sammanställning är en utskrift av uppgifterna "
           "som skickats in via e-tjänsten.", "Cond", 9, x=52)
    footer(d, org, rng)
    return d.finish()


def report_doc(ref, s, rng):
    d = Doc()
    org = org_display(ref, s["org"])
    p, y = s["p"], s["y"]
    sub = "Hälso- och sjukvårdsförvaltningen" if s["org"]["kind"] == "region" else "Socialförvaltningen"
    letterhead(d, org, sub, rng, rng.randint(0, 2))
    d.rtext(W - 70, d.y + 10, f"Datum {s['date'].isoformat()}", "Sans", 9.5)
    d.y -= 18
    d.para(f"Återrapportering – ekonomisk redovisning av statsbidrag {y}", "SansB", 13, gap=4)
    d.para(PSHORT[p], "Sans", 10.5, gap=12)
    a = s["amounts"]
    d.para(f"{org} lämnar härmed återrapportering av hur {y} års {PNAME[p]} har använts "
           f"under perioden 1 januari–31 december {y}.", "Serif", 10.5)
    if s.get("noused"):
        d.para(f"Regionen har erhållit {money(a['received'], 2)} i bidrag. Samtliga planerade insatser kunde inte "
               f"genomföras under året och {money(a['unused'], 2)} återbetalas därför till Socialstyrelsen "
               "enligt faktura.", "Serif", 10.5)
    else:
        rows = [("Erhållet bidrag", fmt(a["received"]) + " kr"),
                ("Förbrukat bidrag", fmt(a["used"]) + " kr"),
                ("Ej förbrukat bidrag (att återbetala)", fmt(a["unused"]) + " kr")]
        d.grid(["Ekonomisk sammanställning", "Belopp"], rows, widths=(300, 155))
        if s.get("extra_note"):
            d.para(s["extra_note"], "Serif", 10.5)
        if s.get("costs"):
            d.para("Förbrukade medel per kostnadsslag", "SansB", 10.5, gap=6)
            crow = [(k, fmt(v)) for k, v in s["costs"]]
            crow.append(("Summa kostnader", fmt(s["cost_total"])))
            d.grid(["Kostnadsslag", "Kronor"], crow, widths=(300, 155), bold_last=True)
        if s.get("overspent"):
            d.para("Kostnaderna har överstigit erhållet bidrag. Överskjutande del har finansierats inom "
                   "ordinarie budget.", "Serif", 10.5)
        elif a.get("unused", 0) > 0:
            d.para("Ej förbrukade medel återbetalas till Socialstyrelsen efter fakturering.", "Serif", 10.5)
    d.para("Insatserna har genomförts i samverkan med socialtjänstens förebyggande verksamhet, mödrahälsovården "
           "och tandvården. En verksamhetsberättelse har lämnats i Socialstyrelsens webbformulär.", "Serif", 10.5)
    d.y -= 8
    d.para(f"{s['place']} {s['date'].isoformat()}", "Serif", 10.5, gap=26)
    d.para(s["signer"], "Serif", 10.5, gap=0)
    d.para(s["title"], "SerifI", 10)
    footer(d, org, rng)
    return d.finish()


def decision_doc(ref, s, rng):
    d = Doc()
    org = org_display(ref, s["org"])
    c = d.c
    d.text(70, H - 58, org, "SansB", 13)
    d.rtext(W - 70, H - 58, "PROTOKOLLSUTDRAG", "SansB", 11)
    d.text(70, H - 74, "Regionstyrelsens arbetsutskott", "Sans", 10)
    d.rtext(W - 70, H - 74, f"Sammanträdesdatum {s['date'].isoformat()}", "Sans", 9.5)
    c.setLineWidth(0.8)
    c.line(70, H - 84, W - 70, H - 84)
    d.y = H - 110
    d.para(f"§ {rng.randint(90, 240)}   Fördelning av statsbidrag för att stödja och stimulera barnhälsovårdens "
           f"förebyggande arbete med hembesöksprogram {s['y']}", "SansB", 11.5)
    d.para(f"Diarienummer {dnr(rng, s['y'], 'region')}", "Sans", 9.5, gap=12)
    d.para("Beslut", "SansB", 11, gap=4)
    d.para(f"Arbetsutskottet beslutar för regionstyrelsens räkning", "Serif", 10.5, gap=4)
    d.para(f"att fördela statsbidraget ({s['written']} {s['y']}) för att stödja och stimulera "
           f"barnhälsovårdens förebyggande arbete med hembesök till centrala barnhälsovårdsenheten.", "Serif", 10.5, x=90, width=W - 160)
    d.para("Sammanfattning av ärendet", "SansB", 11, gap=4)
    d.para(f"Socialstyrelsen har regeringens uppdrag att stödja och stimulera barnhälsovårdens arbete med "
           f"hembesöksprogram. För {s['y']} har Socialstyrelsen utlyst ett statsbidrag som endast får användas "
           f"till utökade hembesök. Planeringen ska ske i samverkan med socialtjänsten, tandvården, "
           f"mödrahälsovården och förskolan. Medlen ska användas senast 31 december {s['y']} och "
           "återrapporteras till Socialstyrelsen senast den 1 mars året därpå.", "Serif", 10.5)
    d.para("Beslutet skickas till", "SansB", 10.5, gap=3)
    d.para("Hälsovalsenheten, Centrala barnhälsovårdsenheten, Ekonomienheten", "Serif", 10.5)
    d.y -= 8
    d.para("Rätt utdraget intygar", "SerifI", 10, gap=22)
    d.para(s["signer"] + ", nämndsekreterare", "Serif", 10.5)
    footer(d, org, rng)
    return d.finish()


STYLES = {"letter": req_letter, "form": req_form, "eservice": req_eservice, "report": report_doc,
          "decision": decision_doc}


# --------------------------------------------------------------------------- scanning
def rasterize(pdf_bytes, dpi):
    pdf = pdfium.PdfDocument(pdf_bytes)
    page = pdf[0]
    img = page.render(scale=dpi / 72).to_pil().convert("RGB")
    pdf.close()
    return img


def stamp(img, text_lines, rng, dpi):
    s = dpi / 72
    font = ImageFont.truetype(_ff("DejaVuSans-Bold.ttf"), int(11 * s))
    w, h = int(150 * s), int(48 * s)
    st = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    dr = ImageDraw.Draw(st)
    col = (175, 30, 40, 215) if rng.random() < 0.6 else (40, 50, 160, 215)
    dr.rectangle([2, 2, w - 3, h - 3], outline=col, width=max(2, int(1.6 * s)))
    for i, t in enumerate(text_lines):
        dr.text((int(10 * s), int((6 + 16 * i) * s)), t, fill=col, font=font)
    st = st.rotate(rng.uniform(-6, 6), expand=True, resample=Image.BICUBIC)
    x = int(img.width - st.width - rng.uniform(40, 90) * s)
    yy = int(img.height - st.height - rng.uniform(8, 14) * s)
    img.paste(st, (x, yy), st)
    return img


def degrade(img, mode, rng, nrng, dpi):
    a = np.asarray(img.convert("L"), dtype=np.float32)
    if mode == "faint":
        a = 255 - (255 - a) * 0.55
        a += nrng.normal(0, 7, a.shape)
    elif mode == "fax":
        a += nrng.normal(0, 25, a.shape)
        a = np.where(a > 165, 255, 0).astype(np.float32)
        sp = nrng.random(a.shape) < 0.0005
        a[sp] = 0
    else:
        a = a * 0.92 + 12
        a += nrng.normal(0, 9, a.shape)
    g = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if mode != "fax":
        g = g.filter(ImageFilter.GaussianBlur(0.6))
    ang = rng.uniform(-1.6, 1.6)
    g = g.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=235 if mode != "fax" else 255)
    if mode == "rot90":
        g = g.rotate(90, expand=True)
    return g


def photo(img, rng, nrng):
    w, h = img.size
    bg = Image.new("RGB", (int(w * 1.18), int(h * 1.14)), tuple(int(x) for x in (95 + rng.randint(-15, 15), 80, 66)))
    import cv2
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    ox, oy = (bg.width - w) / 2, (bg.height - h) / 2
    j = lambda: rng.uniform(-0.03, 0.03) * w
    dst = np.float32([[ox + j(), oy + j()], [ox + w + j(), oy + j()], [ox + w + j(), oy + h + j()], [ox + j(), oy + h + j()]])
    M = cv2.getPerspectiveTransform(src, dst)
    arr = np.asarray(img).astype(np.float32)
    warped = cv2.warpPerspective(arr, M, bg.size, borderMode=cv2.BORDER_CONSTANT, borderValue=(-1, -1, -1))
    mask = warped[..., 0] < 0
    out = np.where(mask[..., None], np.asarray(bg, np.float32), warped)
    # warm tint + shadow gradient
    yy, xx = np.mgrid[0:out.shape[0], 0:out.shape[1]]
    sh = 1 - 0.38 * np.clip((xx / out.shape[1] * 0.7 + yy / out.shape[0] * 0.5) - 0.35, 0, 1)
    out = out * sh[..., None] * np.array([1.0, 0.97, 0.9])
    out += nrng.normal(0, 5, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def make_scan(pdf_bytes, scan, rng, nrng, received):
    mode, ext = scan["mode"], scan["ext"]
    dpi = 150 if mode == "fax" else (170 if mode == "photo" else 200)
    img = rasterize(pdf_bytes, dpi)
    if scan.get("stamp"):
        img = stamp(img, ["SOCIALSTYRELSEN", f"Inkom {received.isoformat()}"], rng, dpi)
    if mode == "photo":
        out = photo(img, rng, nrng)
    else:
        out = degrade(img, mode, rng, nrng, dpi)
    b = io.BytesIO()
    if ext == "png":
        out.save(b, format="PNG", optimize=False)
        return b.getvalue()
    out.save(b, format="JPEG", quality=rng.randint(45, 72) if mode != "fax" else 80)
    jb = b.getvalue()
    if ext == "jpg":
        return jb
    return img2pdf.convert(jb, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)), nodate=True, engine=img2pdf.Engine.internal)


# --------------------------------------------------------------------------- corpus plan
def build_plan(ref, rng):
    regions = sorted(ref.regions)
    allocs = {}   # (program, year, code) -> (amount, min_share)

    def alloc_year(year, total, omit):
        codes = [c for c in regions if c not in omit]
        pop = {"01": 24, "03": 4, "04": 3, "05": 4.7, "06": 3.7, "07": 2, "08": 2.5, "09": 0.6, "10": 1.6,
               "12": 14, "13": 3.4, "14": 17.5, "17": 2.8, "18": 3.1, "19": 2.8, "20": 2.9, "21": 2.9,
               "22": 2.4, "23": 1.3, "24": 2.7, "25": 2.5}
        w = {c: pop[c] * rng.uniform(0.6, 1.5) for c in codes}
        ws = sum(w.values())
        for c in codes:
            allocs[("hembesok", year, c)] = [int(round(total * w[c] / ws / 1000.0)) * 1000, None]

    alloc_year(2023, 39_600_000, {"23"})          # Jämtland Härjedalen missing for 2023
    alloc_year(2024, 78_300_000, {"09"})          # Gotland missing for 2024
    pilot = {"1280": (580000, 45), "1880": (580000, 45), "0181": (580000, 45), "0380": (255000, 40)}
    for c, (amt, mn) in pilot.items():
        allocs[("bhv-pilot", 2023, c)] = [amt, mn]

    R = lambda code: {"kind": "region", "code": code}
    M = lambda code: {"kind": "municipality", "code": code}
    docs = []

    def add(**k):
        docs.append(k)

    D = dt.date
    def A(p, y, code):
        return allocs[(p, y, code)][0]

    # regions for hembesok 2024 roles
    r24 = [c for c in regions if c != "09"]
    rng.shuffle(r24)
    (q_exact, q_over1, q_under, q_dl, q_dayafter, q_before, q_lateover, q_nomunis, q_noshare,
     q_corr, q_dupe, q_share20, q_share29, x1, x2, x3, x4, x5, x6, x7) = r24
    allocs[("hembesok", 2024, q_exact)][1] = 30
    allocs[("hembesok", 2024, q_share20)][1] = 25
    allocs[("hembesok", 2024, q_share29)][1] = 30
    allocs[("hembesok", 2024, x1)][1] = 20

    def munis_for(code, k=None):
        ms = ref.region_munis(code)
        k = k or rng.randint(1, min(4, len(ms)))
        return sorted(rng.sample(ms, min(k, len(ms))))

    r23 = [c for c in regions if c != "23"]
    rng.shuffle(r23)
    (h_dl, h_late, h_over1, d1, d2, d3, d4, h_rep_ok, h_rep_late) = r23[:9]
    # decisions whose written amount sits exactly at / around the rounding limit
    allocs[("hembesok", 2023, d1)][0] = 1_351_000   # "1,4 miljoner" -> diff 49 000, no flag
    allocs[("hembesok", 2023, d2)][0] = 2_150_000   # "2,1 miljoner" -> diff 50 000, not more: no flag
    allocs[("hembesok", 2023, d3)][0] = 2_438_600   # "2 438 tkr" -> diff 600 > 500: flag
    allocs[("hembesok", 2023, d4)][0] = 974_000     # "975 000 kronor" -> diff 1 000: flag

    # ---------------- bhv-pilot 2023 requisitions
    add(t="requisition", p="bhv-pilot", y=2023, org=M("1280"), date=D(2023, 5, 19), rec=D(2023, 5, 22),
        style="letter", req=585000, share=45, partner="12", note="pilot over allocation")
    add(t="requisition", p="bhv-pilot", y=2023, org=M("0136"), date=D(2023, 6, 7), rec=D(2023, 6, 8),
        style="form", req=580000, share=45, note="not a pilot municipality -> no allocation row")
    add(t="requisition", p="bhv-pilot", y=2023, org=M("1280"), date=D(2023, 6, 13), rec=D(2023, 6, 14),
        style="letter", req=580000, share=45, corrects=D(2023, 5, 19), note="corrected, exact allocation")
    add(t="requisition", p="bhv-pilot", y=2023, org=M("0380"), date=D(2023, 6, 14), rec=D(2023, 6, 15),
        style="form", req=255000, share=35, scan=dict(mode="office", ext="pdf"), note="share 35 < 40")
    add(t="requisition", p="bhv-pilot", y=2023, org=M("1880"), date=D(2023, 6, 16), rec=D(2023, 6, 16),
        style="letter", req=580000, share=45, partner="18", scan=dict(mode="office", ext="pdf", stamp=True),
        note="deadline day, exact, share at min")
    add(t="requisition", p="bhv-pilot", y=2023, org=M("0181"), date=D(2023, 6, 16), rec=D(2023, 6, 17),
        style="form", req=575000, share=44, note="day after deadline, share 44 < 45")
    # ---------------- hembesok 2023
    add(t="decision", p="hembesok", y=2023, org=R(d1), date=D(2023, 9, 26), rec=D(2023, 9, 28), written="1,4 miljoner kronor",
        decided=1_400_000, note="diff 49 000 within 50 000")
    add(t="requisition", p="hembesok", y=2023, org=M("0581"), date=D(2023, 9, 29), rec=D(2023, 10, 2), style="letter",
        req=450000, scan=dict(mode="faint", ext="pdf"), note="municipality for region-only year")
    add(t="requisition", p="hembesok", y=2023, org=R("23"), date=D(2023, 10, 3), rec=D(2023, 10, 4), style="form",
        req=820000, note="region missing from 2023 allocation list")
    add(t="decision", p="hembesok", y=2023, org=R(d2), date=D(2023, 10, 10), rec=D(2023, 10, 12), written="2,1 miljoner kronor",
        decided=2_100_000, scan=dict(mode="office", ext="pdf"), note="diff exactly 50 000: not more")
    add(t="decision", p="hembesok", y=2023, org=R(d3), date=D(2023, 10, 17), rec=D(2023, 10, 19), written="2 438 tkr",
        decided=2_438_000, note="diff 600 > 500")
    add(t="requisition", p="hembesok", y=2023, org=R(h_over1), date=D(2023, 10, 27), rec=D(2023, 10, 30), style="eservice",
        req=A("hembesok", 2023, h_over1) + 1, note="one krona over")
    add(t="requisition", p="hembesok", y=2023, org=R(h_dl), date=D(2023, 10, 31), rec=D(2023, 10, 31), style="letter",
        req=A("hembesok", 2023, h_dl), scan=dict(mode="photo", ext="jpg"), note="deadline day, exact")
    add(t="requisition", p="hembesok", y=2023, org=R(h_late), date=D(2023, 10, 31), rec=D(2023, 11, 1), style="form",
        req=A("hembesok", 2023, h_late) - 150000, note="day after deadline")
    add(t="decision", p="hembesok", y=2023, org=R(d4), date=D(2023, 11, 7), rec=D(2023, 11, 9), written="975 000 kronor",
        decided=975_000, scan=dict(mode="fax", ext="pdf"), note="diff 1 000 > 0.5")
    # ---------------- hembesok 2024 requisitions
    add(t="requisition", p="hembesok", y=2024, org=M("0484"), date=D(2024, 2, 12), rec=D(2024, 2, 13), style="letter",
        req=300000, note="municipality, regions only")
    add(t="requisition", p="hembesok", y=2024, org=R(q_exact), date=D(2024, 2, 14), rec=D(2024, 2, 15), style="eservice",
        req=A("hembesok", 2024, q_exact), munis=munis_for(q_exact), share=30, note="exact, share = min 30")
    add(t="requisition", p="bhv-pilot", y=2024, org=M("1280"), date=D(2024, 2, 16), rec=D(2024, 2, 19), style="letter",
        req=580000, share=45, partner="12", scan=dict(mode="office", ext="pdf"), note="pilot year 2024 not configured")
    add(t="requisition", p="hembesok", y=2024, org=R(q_over1), date=D(2024, 2, 20), rec=D(2024, 2, 21), style="form",
        req=A("hembesok", 2024, q_over1) + 1, munis=munis_for(q_over1), share=40,
        scan=dict(mode="office", ext="pdf", stamp=True), note="one krona over")
    add(t="requisition", p="hembesok", y=2024, org=R(q_dupe), date=D(2024, 2, 26), rec=D(2024, 2, 27), style="letter",
        req=A("hembesok", 2024, q_dupe) - 235000, munis=munis_for(q_dupe), share=35, tag="dupe-orig", note="original")
    add(t="requisition", p="hembesok", y=2024, org=R(x1), date=D(2024, 2, 28), rec=D(2024, 2, 29), style="form",
        req=A("hembesok", 2024, x1), munis=munis_for(x1), share=20, note="share = min 20, exact")
    add(t="requisition", p="hembesok", y=2024, org=R(q_under), date=D(2024, 3, 1), rec=D(2024, 3, 4), style="letter",
        req=int(A("hembesok", 2024, q_under) * 0.6 / 1000) * 1000, munis=munis_for(q_under), share=25,
        scan=dict(mode="photo", ext="jpg"), note="well under")
    add(t="requisition", p="hembesok", y=2024, org=R("09"), date=D(2024, 3, 4), rec=D(2024, 3, 5), style="eservice",
        req=790000, munis=["0980"], share=50, note="Gotland missing from 2024 list")
    add(t="requisition", p="hembesok", y=2024, org=R(q_share20), date=D(2024, 3, 6), rec=D(2024, 3, 7), style="form",
        req=A("hembesok", 2024, q_share20), munis=munis_for(q_share20), share=20,
        scan=dict(mode="faint", ext="pdf"), note="share 20 < 25")
    add(t="requisition", p="hembesok", y=2024, org=R(q_nomunis), date=D(2024, 3, 8), rec=D(2024, 3, 11), style="letter",
        req=A("hembesok", 2024, q_nomunis) - 40000, munis=[], share=40, note="no municipalities named")
    add(t="requisition", p="hembesok", y=2024, org=R(q_noshare), date=D(2024, 3, 13), rec=D(2024, 3, 14), style="eservice",
        req=A("hembesok", 2024, q_noshare), munis=munis_for(q_noshare), share=None, note="no share")
    add(t="requisition", p="hembesok", y=2024, org=R(q_corr), date=D(2024, 3, 15), rec=D(2024, 3, 18), style="letter",
        req=A("hembesok", 2024, q_corr) + 100000, munis=munis_for(q_corr, 2), share=40, tag="corr-orig",
        leftover=100000, note="asks for leftover -> over allocation")
    add(t="requisition", p="hembesok", y=2024, org=R(q_share29), date=D(2024, 3, 19), rec=D(2024, 3, 20), style="letter",
        req=A("hembesok", 2024, q_share29) - 12000, munis=munis_for(q_share29), share=29,
        scan=dict(mode="office", ext="png"), note="share 29 < 30")
    add(t="requisition", p="hembesok", y=2024, org=R(q_corr), date=D(2024, 3, 22), rec=D(2024, 3, 25), style="form",
        req=None, munis=None, share=None, corr_of="corr-orig", note="corrected: exact allocation")
    add(t="requisition", p="hembesok", y=2024, org=R(q_dupe), date=None, rec=D(2024, 3, 27), style=None,
        req=None, dup_of="dupe-orig", scan=dict(mode="office", ext="pdf", stamp=True), note="plain duplicate re-sent as scan")
    add(t="requisition", p="hembesok", y=2024, org=R(x2), date=D(2024, 3, 28), rec=D(2024, 4, 2), style="eservice",
        req=A("hembesok", 2024, x2), munis=munis_for(x2), share=50, note="plain")
    add(t="requisition", p="hembesok", y=2024, org=R(q_before), date=D(2024, 4, 3), rec=D(2024, 4, 4), style="form",
        req=A("hembesok", 2024, q_before), munis=munis_for(q_before), share=30, note="day before deadline")
    add(t="requisition", p="hembesok", y=2024, org=R(q_dl), date=D(2024, 4, 5), rec=D(2024, 4, 5), style="letter",
        req=A("hembesok", 2024, q_dl) - 5000, munis=munis_for(q_dl), share=45,
        scan=dict(mode="office", ext="pdf", stamp=True), note="deadline day")
    add(t="requisition", p="hembesok", y=2024, org=R(q_dayafter), date=D(2024, 4, 5), rec=D(2024, 4, 6), style="eservice",
        req=A("hembesok", 2024, q_dayafter), munis=munis_for(q_dayafter), share=35, note="day after deadline (Saturday)")
    add(t="requisition", p="hembesok", y=2024, org=R(q_lateover), date=D(2024, 4, 8), rec=D(2024, 4, 8), style="form",
        req=A("hembesok", 2024, q_lateover) + 25000, munis=munis_for(q_lateover), share=40,
        scan=dict(mode="rot90", ext="pdf"), note="late and over")
    # ---------------- 2023 reports (hembesok deadline 2024-03-01, pilot 2024-05-03)
    add(t="return_report", p="hembesok", y=2023, org=R(h_rep_ok), date=D(2024, 2, 26), rec=D(2024, 2, 29),
        received=A("hembesok", 2023, h_rep_ok), used_frac=0.91, costs=True, note="ok")
    add(t="return_report", p="hembesok", y=2023, org=R(h_dl), date=D(2024, 2, 29), rec=D(2024, 3, 1),
        received=A("hembesok", 2023, h_dl), used_frac=0.874, unused_delta=1, scan=dict(mode="office", ext="pdf"),
        note="deadline day, unused 1 kr off")
    add(t="return_report", p="hembesok", y=2023, org=R(h_rep_late), date=D(2024, 3, 1), rec=D(2024, 3, 2),
        received=A("hembesok", 2023, h_rep_late), used_frac=0.95, costs=True, note="day after deadline")
    add(t="return_report", p="bhv-pilot", y=2023, org=M("1280"), date=D(2024, 4, 26), rec=D(2024, 4, 29),
        received=580000, used_frac=0.977, costs=True, scan=dict(mode="photo", ext="jpg"), note="ok")
    add(t="return_report", p="bhv-pilot", y=2023, org=M("1880"), date=D(2024, 5, 2), rec=D(2024, 5, 3),
        received=580000, used_frac=1.0, note="deadline day, all used")
    add(t="return_report", p="bhv-pilot", y=2023, org=M("0380"), date=D(2024, 5, 3), rec=D(2024, 5, 4),
        received=255000, used_frac=0.948, costs=True, scan=dict(mode="fax", ext="pdf"), note="day after")
    # ---------------- hembesok 2024 reports (deadline 2025-03-01, a Saturday)
    add(t="return_report", p="hembesok", y=2024, org=R(q_exact), date=D(2025, 1, 17), rec=D(2025, 1, 20),
        received=A("hembesok", 2024, q_exact), used_frac=0.935, costs=True, note="ok")
    add(t="return_report", p="hembesok", y=2024, org=R(x3), date=D(2025, 1, 27), rec=D(2025, 1, 28),
        received=A("hembesok", 2024, x3), used_frac=1.0, used_plus=1, scan=dict(mode="office", ext="pdf"),
        note="used = received + 1")
    add(t="return_report", p="hembesok", y=2024, org=R(x4), date=D(2025, 2, 3), rec=D(2025, 2, 4),
        received=A("hembesok", 2024, x4) + 140000, used_frac=0.97, costs=True,
        extra_note="I erhållet bidrag ingår 140 000 kr ur kvarvarande medel som fördelades efter rekvisitionstillfället.", note="received leftover funds > allocation")
    add(t="return_report", p="hembesok", y=2024, org=R(x5), date=D(2025, 2, 6), rec=D(2025, 2, 7),
        received=A("hembesok", 2024, x5), used_frac=0.88, unused_delta=2, costs=True, scan=dict(mode="faint", ext="pdf"),
        note="unused 2 kr off")
    add(t="return_report", p="hembesok", y=2024, org=R(x6), date=D(2025, 2, 10), rec=D(2025, 2, 11),
        received=A("hembesok", 2024, x6), used_frac=0.9, unused_delta=-1, cost_delta=-1, costs=True,
        note="unused 1 kr off and cost rows 1 kr off (both tolerated)")
    add(t="return_report", p="hembesok", y=2024, org=R(q_dupe), date=D(2025, 2, 12), rec=D(2025, 2, 13),
        received=A("hembesok", 2024, q_dupe) - 235000, used_frac=0.8, unused_delta=10000, costs=True,
        scan=dict(mode="office", ext="png"), note="unused 10 000 off")
    add(t="return_report", p="hembesok", y=2024, org=R(x7), date=D(2025, 2, 17), rec=D(2025, 2, 18),
        received=A("hembesok", 2024, x7), used_frac=0.92, cost_delta=1000, costs=True, note="cost table 1 000 off total")
    add(t="return_report", p="hembesok", y=2024, org=R(q_noshare), date=D(2025, 2, 19), rec=D(2025, 2, 20),
        received=A("hembesok", 2024, q_noshare), used_frac=0.93, noused=True, scan=dict(mode="office", ext="pdf"),
        note="used not stated")
    add(t="return_report", p="hembesok", y=2024, org=R(x2), date=D(2025, 2, 21), rec=D(2025, 2, 24),
        received=A("hembesok", 2024, x2), used_frac=1.0, used_plus=212400, costs=True, note="overspent")
    add(t="return_report", p="hembesok", y=2024, org=R(q_under), date=D(2025, 2, 27), rec=D(2025, 2, 28),
        received=int(A("hembesok", 2024, q_under) * 0.6 / 1000) * 1000, used_frac=0.96, costs=True,
        note="received = requisitioned (well under allocation)")
    add(t="return_report", p="hembesok", y=2024, org=R(q_dl), date=D(2025, 2, 28), rec=D(2025, 3, 1),
        received=A("hembesok", 2024, q_dl) - 5000, used_frac=0.99, scan=dict(mode="photo", ext="jpg"),
        note="deadline day (Saturday)")
    add(t="return_report", p="hembesok", y=2024, org=R(q_before), date=D(2025, 2, 28), rec=D(2025, 3, 2),
        received=A("hembesok", 2024, q_before), used_frac=0.9, costs=True, note="day after deadline")
    add(t="return_report", p="hembesok", y=2024, org=R(q_corr), date=D(2025, 3, 3), rec=D(2025, 3, 4),
        received=A("hembesok", 2024, q_corr), used_frac=0.85, unused_delta=-3000, costs=True,
        scan=dict(mode="office", ext="pdf", stamp=True), note="late and unused off")
    # ---------------- grant year the program does not have (received last)
    add(t="requisition", p="hembesok", y=2027, org=R(x3), date=D(2026, 11, 16), rec=D(2026, 11, 17), style="form",
        req=2_400_000, munis=munis_for(x3), share=40, note="hembesok 2027 not configured")
    return docs, allocs


def compute(ref, docs, allocs, rng):
    """Fill in amounts, signers; compute flags in arrival order."""
    by_tag = {}
    on_file_req = []
    out = []
    for i, s in enumerate(docs):
        s = dict(s)
        kind = s["org"]["kind"]
        s["signer"] = rng.choice(SIGNERS)
        s["title"] = rng.choice(TITLES_R if kind == "region" else TITLES_M)
        s["place"] = (ref.regions[s["org"]["code"]]["county_name"].replace(" län", "").rstrip("s")
                      if kind == "region" else ref.munis[s["org"]["code"]]["municipality_name"])
        if kind == "region":
            seat = {"01": "Stockholm", "03": "Uppsala", "04": "Nyköping", "05": "Linköping", "06": "Jönköping",
                    "07": "Växjö", "08": "Kalmar", "09": "Visby", "10": "Karlskrona", "12": "Kristianstad",
                    "13": "Halmstad", "14": "Vänersborg", "17": "Karlstad", "18": "Örebro", "19": "Västerås",
                    "20": "Falun", "21": "Gävle", "22": "Härnösand", "23": "Östersund", "24": "Umeå", "25": "Luleå"}
            s["place"] = seat[s["org"]["code"]]
        if s.get("dup_of"):
            o = by_tag[s["dup_of"]]
            for k in ("date", "style", "munis", "share", "amounts", "leftover", "signer", "title", "place", "partner"):
                s[k] = o.get(k)
            s["pdf_seed"] = o["pdf_seed"]
        elif s.get("corr_of"):
            o = by_tag[s["corr_of"]]
            s["munis"], s["share"] = o["munis"], o["share"]
            s["amounts"] = {"requested": allocs[(s["p"], s["y"], s["org"]["code"])][0]}
            s["corrects"] = o["date"]
            s["signer"], s["title"], s["place"] = o["signer"], o["title"], o["place"]
        if s["t"] == "requisition" and not s.get("dup_of") and not s.get("corr_of"):
            s["amounts"] = {"requested": s["req"]}
        if s["t"] == "decision":
            s["amounts"] = {"decided": s["decided"]}
            s["style"] = "decision"
        if s["t"] == "return_report":
            s["style"] = "report"
            rec = s["received"]
            used = int(round(rec * s["used_frac"] / 100.0)) * 100 + rng.randint(0, 99) * (1 if s["used_frac"] < 1 else 0)
            if s["used_frac"] >= 1.0:
                used = rec
            used += s.get("used_plus", 0)
            unused = max(rec - used, 0) + s.get("unused_delta", 0)
            s["amounts"] = {"received": rec, "used": used, "unused": unused}
            if s.get("used_plus"):
                s["overspent"] = True
            if s.get("costs"):
                cats = ["Personalkostnader (BVC-sjuksköterskor, föräldrarådgivare)", "Tolkkostnader",
                        "Resor och bilersättning", "Utbildning och handledning", "Informationsmaterial",
                        "Övriga kostnader"]
                n = rng.randint(3, 6)
                cats = cats[:n]
                target = used + s.get("cost_delta", 0)
                ws = [rng.uniform(1, 3) if j else 8 for j in range(n)]
                vals = [int(target * w / sum(ws)) for w in ws]
                vals[0] += target - sum(vals)
                s["costs"] = list(zip(cats, vals))
                s["cost_total"] = used
            if s.get("noused"):
                s["amounts"] = {"received": rec, "unused": rec - used}
        if "pdf_seed" not in s:
            s["pdf_seed"] = rng.randint(0, 2**31)
        if s.get("tag"):
            by_tag[s["tag"]] = s
        if s.get("partner"):
            s["partner_region"] = s["partner"]
        s["flags"] = flags_for(s, allocs, on_file_req)
        if s["t"] == "requisition":
            on_file_req.append(s)
        out.append(s)
    # pool check: keep every configured program-year well under its pool (POOL_EXCEEDED avoided)
    for (p, y), cfg in PROGRAMS.items():
        tot = sum(d["amounts"]["requested"] for d in out if d["t"] == "requisition" and d["p"] == p and d["y"] == y)
        assert cfg["pool"] is None or tot < cfg["pool"], (p, y, tot)
    return out


def flags_for(s, allocs, on_file_req):
    f = []
    p, y, o, t = s["p"], s["y"], s["org"], s["t"]
    cfg = PROGRAMS.get((p, y))
    a = s["amounts"]
    if cfg is None:
        f.append("UNKNOWN_PROGRAM")
    wrong = cfg is not None and o["kind"] not in cfg["kinds"]
    if wrong:
        f.append("WRONG_RECIPIENT_KIND")
    row = allocs.get((p, y, o["code"]))
    if row is None and not wrong:
        f.append("NO_ALLOCATION")
    if row is not None:
        if t == "requisition" and a["requested"] > row[0]:
            f.append("AMOUNT_EXCEEDS_ALLOCATION")
        if t == "return_report" and a["received"] > row[0]:
            f.append("AMOUNT_EXCEEDS_ALLOCATION")
        if t == "decision":
            w = s["written"]
            tol = 50_000 if "miljoner" in w else (500 if "tkr" in w else 0.5)
            if abs(a["decided"] - row[0]) > tol:
                f.append("DECISION_AMOUNT_MISMATCH")
        if s.get("share") is not None and row[1] is not None and s["share"] < row[1]:
            f.append("SHARE_BELOW_MINIMUM")
    if t == "requisition" and any(r["org"] == o and r["p"] == p and r["y"] == y for r in on_file_req):
        f.append("DUPLICATE_REQUISITION")
    if cfg is not None:
        if t == "requisition" and cfg["req_dl"] and s["rec"] > cfg["req_dl"]:
            f.append("LATE_REQUISITION")
        if t == "return_report" and cfg["rep_dl"] and s["rec"] > cfg["rep_dl"]:
            f.append("LATE_REPORT")
    if t == "return_report" and "used" in a:
        if a["used"] > a["received"]:
            f.append("USED_EXCEEDS_RECEIVED")
        elif abs((a["received"] - a["used"]) - a["unused"]) > 1:
            f.append("UNUSED_MISMATCH")
    if t == "return_report" and s.get("costs"):
        if abs(sum(v for _, v in s["costs"]) - s["cost_total"]) > 1:
            f.append("SUM_MISMATCH")
    if not wrong:
        miss = False
        if t == "requisition":
            if p == "hembesok" and o["kind"] == "region" and y >= 2024:
                miss = not s.get("munis") or s.get("share") is None
        if t == "return_report":
            miss = "used" not in a or "received" not in a
        if miss:
            f.append("MISSING_FIELD")
    return sorted(f)


def expect_of(s):
    e = {"document_type": s["t"], "program": s["p"], "grant_year": s["y"],
         "organisation": {"kind": s["org"]["kind"], "code": s["org"]["code"]},
         "amounts": dict(s["amounts"]), "document_date": s["date"].isoformat()}
    if s["t"] == "requisition":
        if s.get("munis") is not None and s["p"] == "hembesok":
            e["collaborating_municipalities"] = sorted(s["munis"])
        if s.get("share") is not None:
            e["municipal_share_percent"] = s["share"]
    return e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1212)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    a = ap.parse_args()
    ref = Ref(Path(a.shared))
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)
    plan, allocs = build_plan(ref, rng)
    plan.sort(key=lambda s: s["rec"])          # arrival order (stable within a day)
    docs = compute(ref, plan, allocs, rng)
    # styles for scan assignment are in the plan; check arrival order never depends on same-day order
    truth = []
    for i, s in enumerate(docs, 1):
        drng = random.Random(s["pdf_seed"])
        pdf = STYLES[s["style"]](ref, s, drng)
        scan = s.get("scan")
        srng = random.Random(a.seed * 1000 + i)
        nrng = np.random.default_rng(a.seed * 1000 + i)
        if scan:
            data = make_scan(pdf, scan, srng, nrng, s["rec"])
            ext = scan["ext"]
        else:
            data, ext = pdf, "pdf"
        name = f"C{i:02d}.{ext}"
        (out / name).write_bytes(data)
        truth.append({"file": name, "scanned": bool(scan), "received": s["rec"].isoformat(),
                      "expect": expect_of(s), "flags": s["flags"], "note": s.get("note", "")})
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(out / "allocations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
        for (p, y, code), (amt, mn) in sorted(allocs.items(), key=lambda kv: (kv[0][0], -kv[0][1], kv[0][2])):
            nm = ref.rname(code) if len(code) == 2 else ref.mname(code, "short")
            w.writerow([p, y, code, nm, amt, "" if mn is None else mn])


if __name__ == "__main__":
    main()
