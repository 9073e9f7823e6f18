#!/usr/bin/env python3
"""Blind corpus C20: letters in plain business Swedish (requisitions, return reports,
decisions told in prose, printed Outlook e-mails), about a third scanned.

usage: genC20.py OUTDIR --seed N [--shared /work/shared]
"""
import argparse, csv, datetime as dt, io, json, math, os, random, shutil
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
import img2pdf
import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

NB = "\u00a0"   # glue inside amounts/dates for line breaking; drawn as an ordinary space
FONTDIR = "/usr/share/fonts/truetype/dejavu/"
FAMILIES = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "scond": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf"),
}
for fam, (r, b) in FAMILIES.items():
    pdfmetrics.registerFont(TTFont(fam, FONTDIR + r))
    pdfmetrics.registerFont(TTFont(fam + "-b", FONTDIR + b))

MON = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
       "september", "oktober", "november", "december"]
WDAY = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
EN_WDAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MON = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

PROGRAMS = {
    ("hembesok", 2023): dict(pool=42_000_000, req_deadline=dt.date(2023, 10, 31), rep_deadline=dt.date(2024, 3, 1), kinds={"region"}),
    ("hembesok", 2024): dict(pool=82_000_000, req_deadline=dt.date(2024, 4, 5), rep_deadline=dt.date(2025, 3, 1), kinds={"region"}),
    ("bhv-pilot", 2023): dict(pool=4_500_000, req_deadline=dt.date(2023, 6, 16), rep_deadline=dt.date(2024, 5, 3), kinds={"municipality"}),
}

# ---------------------------------------------------------------- formatting

def grp(n):
    return f"{n:,}".replace(",", NB)


def money(n, style):
    if style == "kr":
        return f"{grp(n)}{NB}kr"
    if style == "kronor":
        return f"{grp(n)}{NB}kronor"
    if style == "colon":
        return f"{grp(n)}:-"
    if style == "sek":
        return f"{grp(n)}{NB}SEK"
    if style == "sekpre":
        return f"SEK{NB}{grp(n)}"
    if style == "ore":
        return f"{grp(n)},00{NB}kr"
    if style == "nospace":
        return f"{n}{NB}kronor"
    if style == "tkr":
        assert n % 1000 == 0, n
        return f"{grp(n // 1000)}{NB}tkr"
    if style in ("mkr", "mnkr"):
        assert n % 1000 == 0, n
        s = f"{n / 1e6:.3f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{s}{NB}miljoner{NB}kronor" if style == "mkr" else f"{s}{NB}mnkr"
    raise ValueError(style)


def money_unit(n, style):
    """half a unit of the last digit written (DECISION_AMOUNT_MISMATCH tolerance)"""
    if style == "tkr":
        return 500
    if style in ("mkr", "mnkr"):
        s = f"{n / 1e6:.3f}".rstrip("0").rstrip(".")
        dec = len(s.split(".")[1]) if "." in s else 0
        return 10 ** (6 - dec) / 2
    return 0.5


def fdate(d, style):
    if style == "long":
        return f"den{NB}{d.day}{NB}{MON[d.month - 1]}{NB}{d.year}"
    if style == "plain":
        return f"{d.day}{NB}{MON[d.month - 1]}{NB}{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return f"{d.day}/{d.month}{NB}{d.year}"
    raise ValueError(style)


def gen(name):
    """genitive as used in 'X kommun' / 'X stad'"""
    if name[-1] in "sxz" or name[-1].lower() in "aeiouyåäö":
        return name
    return name + "s"


def joinlist(items):
    items = list(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " och " + items[-1]


# ---------------------------------------------------------------- reference data

def load_shared(shared):
    regions, munis = {}, {}
    with open(Path(shared) / "data/scb_regions.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            regions[r["region_code"]] = (r["region_name"], r["county_name"])
    with open(Path(shared) / "data/scb_municipalities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            munis[r["municipality_code"]] = (r["municipality_name"], r["region_code"])
    return regions, munis


MUNI_OFFICIAL = {"1280": "Malmö stad", "1480": "Göteborgs Stad", "0180": "Stockholms stad",
                 "1980": "Västerås stad", "1490": "Borås Stad", "1283": "Helsingborgs stad",
                 "0380": "Uppsala kommun"}

SEATS = {"01": ("Box 6909", "102 39 Stockholm", "08-123 132 00"), "03": ("Box 602", "751 25 Uppsala", "018-611 00 00"),
         "04": ("Box 301", "611 26 Nyköping", "0155-24 50 00"), "05": ("Box 1024", "581 11 Linköping", "010-103 00 00"),
         "06": ("Box 1024", "551 11 Jönköping", "010-242 00 00"), "07": ("Box 1223", "351 12 Växjö", "0470-58 30 00"),
         "08": ("Box 601", "391 26 Kalmar", "0480-840 00"), "09": ("Visborgsallén 19", "621 81 Visby", "0498-26 90 00"),
         "10": ("Box 488", "371 24 Karlskrona", "0455-73 40 00"), "12": ("Box 5101", "291 89 Kristianstad", "044-309 30 00"),
         "13": ("Box 517", "301 80 Halmstad", "035-13 48 00"), "14": ("Box 1091", "405 23 Göteborg", "010-441 00 00"),
         "17": ("Box 1022", "651 15 Karlstad", "054-61 40 00"), "18": ("Box 1613", "701 16 Örebro", "019-602 10 00"),
         "19": ("Box 2003", "721 89 Västerås", "021-17 30 00"), "20": ("Box 712", "791 29 Falun", "023-49 00 00"),
         "21": ("Box 1110", "801 88 Gävle", "026-15 40 00"), "22": ("Box 301", "871 26 Härnösand", "0611-800 00"),
         "23": ("Box 654", "831 27 Östersund", "063-14 75 00"), "24": ("Box 443", "901 09 Umeå", "090-785 00 00"),
         "25": ("Box 943", "971 28 Luleå", "0920-28 40 00")}
MUNI_SEAT = {"0181": ("Box 2002", "151 89 Södertälje", "08-523 010 00"), "1980": ("Box 60", "721 03 Västerås", "021-39 00 00"),
             "1490": ("Box 2270", "503 15 Borås", "033-35 70 00"), "1280": ("Box 5203", "205 80 Malmö", "040-34 10 00"),
             "0127": ("Box 19", "147 21 Tumba", "08-530 610 00"), "0484": ("Box 512", "631 86 Eskilstuna", "016-710 10 00"),
             "2180": ("Box 801", "801 30 Gävle", "026-17 80 00"), "1283": ("Box 1001", "251 89 Helsingborg", "042-10 50 00")}
DOMAIN = {"01": "regionstockholm.se", "03": "regionuppsala.se", "04": "regionsormland.se", "05": "regionostergotland.se",
          "06": "rjl.se", "07": "kronoberg.se", "08": "regionkalmar.se", "09": "gotland.se", "10": "regionblekinge.se",
          "12": "skane.se", "13": "regionhalland.se", "14": "vgregion.se", "17": "regionvarmland.se",
          "18": "regionorebrolan.se", "19": "regionvastmanland.se", "20": "regiondalarna.se", "21": "regiongavleborg.se",
          "22": "rvn.se", "23": "regionjh.se", "24": "regionvasterbotten.se", "25": "norrbotten.se",
          "0181": "sodertalje.se", "1980": "vasteras.se", "1490": "boras.se", "1280": "malmo.se", "0127": "botkyrka.se",
          "0484": "eskilstuna.se", "2180": "gavle.se", "1283": "helsingborg.se"}

OFFICIALS = [
    ("Anna-Karin Lindqvist", "hälso- och sjukvårdsdirektör"), ("Mats Ekholm", "regiondirektör"),
    ("Birgitta Sjöberg", "verksamhetschef, Centrala barnhälsovården"), ("Johan Nyström", "ekonomichef"),
    ("Leila Haddad", "utvecklingsstrateg barn och unga"), ("Per-Olof Wikström", "controller"),
    ("Sara Öberg", "samordnare utökade hembesök"), ("Gunilla Forsberg", "avdelningschef primärvård"),
    ("Erik Holmgren", "hälso- och sjukvårdsdirektör"), ("Maria Pettersson", "barnhälsovårdsöverläkare"),
    ("Amir Karimi", "controller, hälso- och sjukvårdsförvaltningen"), ("Helena Strand", "regionråd"),
    ("Lars Bäckström", "ekonom"), ("Karin Dahlberg", "verksamhetsutvecklare"),
    ("Fredrik Lund", "biträdande regiondirektör"), ("Ingrid Hallberg", "vårdutvecklare barnhälsovård"),
    ("Tomas Grönlund", "socialchef"), ("Eva Mattsson", "förvaltningschef, socialförvaltningen"),
    ("Nadia Rahimi", "enhetschef förebyggande socialtjänst"), ("Ulf Sandberg", "kommundirektör"),
    ("Christina Berglund", "ekonomichef, socialförvaltningen"), ("Jonas Ek", "utredare"),
    ("Malin Hedlund", "strateg folkhälsa"), ("Patrik Svensson", "nämndsekreterare"),
    ("Linnea Åkesson", "ordförande, hälso- och sjukvårdsnämnden"), ("Henrik Falk", "regionstyrelsens ordförande"),
    ("Åsa Norberg", "avdelningschef barn- och ungdomshälsa"), ("Kristoffer Blom", "redovisningsekonom"),
    ("Margareta Lövgren", "verksamhetschef, Mödra- och barnhälsovården"), ("Daniel Westin", "budgetansvarig"),
    ("Sofia Engström", "processledare"), ("Björn Carlsson", "sektionschef"),
    ("Ylva Hammar", "kanslichef"), ("Robert Lindgren", "ekonomichef"), ("Elin Jansson", "samordnare"),
    ("Göran Wallin", "regiondirektör"), ("Hanna Björk", "nämndsekreterare"), ("Omar Said", "controller"),
    ("Catharina Nord", "hälso- och sjukvårdsdirektör"), ("Viktor Almqvist", "socialdirektör"),
]

# ---------------------------------------------------------------- text building blocks

PROG_LONG = {
    "hembesok": ["statsbidraget för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram",
                 "statsbidraget till regioner för utökade hembesöksprogram inom barnhälsovården",
                 "statsbidrag för utökade hembesöksprogram inom barnhälsovården"],
    "bhv-pilot": ["statsbidraget för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden",
                  "statsbidrag till kommuner för pilotverksamhet i barnhälsovården",
                  "statsbidraget för pilotverksamheten inom barnhälsovård i socioekonomiskt utsatta områden"],
}

BACKGROUND_HB = [
    "Arbetet med utökade hembesök bedrivs på barnavårdscentralerna i nära samarbete med socialtjänstens förebyggande verksamhet. Vid varje extra hembesök deltar en sjuksköterska från barnhälsovården och en familjebehandlare eller socialsekreterare från kommunen.",
    "Programmet riktar sig i första hand till förstagångsföräldrar och till familjer som nyligen kommit till Sverige. Besöken planeras utifrån familjens behov och önskemål och genomförs under barnets första femton månader.",
    "Under våren har en gemensam utbildningsdag för sjuksköterskor, familjebehandlare och tandhygienister genomförts, och rutiner för dokumentation och samtycke har tagits fram tillsammans med kommunerna.",
    "Erfarenheterna hittills är goda. Familjerna tar emot besöken väl, och personalen beskriver att kontakten med förskolan och tandvården har blivit tätare. Särskilt arbetet med språkutveckling och läsfrämjande insatser har fått ett positivt mottagande.",
    "Regionen har prioriterat områden där andelen barn i familjer med låg inkomst är hög och där deltagandet i förskolan är lägre än i länet i övrigt. Urvalet har gjorts i dialog med kommunernas socialtjänst och barnhälsovårdens centrala enhet.",
    "En styrgrupp med företrädare för regionen och kommunerna följer arbetet och träffas regelbundet. Styrgruppen ansvarar också för att resultaten sammanställs inför återrapporteringen till Socialstyrelsen.",
    "Tolk används vid de flesta besöken, och informationsmaterial har översatts till de vanligaste språken i områdena. Mödrahälsovården informerar blivande föräldrar om programmet redan under graviditeten.",
    "Medlen kommer framför allt att användas till personalkostnader för de extra besöken, till handledning och kompetensutveckling samt till resor och tolkkostnader.",
    "Barnhälsovårdens centrala enhet ansvarar för samordning, metodstöd och uppföljning. Varje deltagande vårdcentral har utsett en kontaktperson för programmet.",
    "Uppföljningen görs med hjälp av barnhälsovårdens journalsystem och en enkät till familjerna efter avslutat program. Resultaten redovisas för de politiska nämnderna och för samverkansparterna i kommunerna.",
    "Rekryteringen av sjuksköterskor har varit en utmaning i delar av länet. För att säkra kontinuiteten har regionen valt att knyta programmet till ett mindre antal barnavårdscentraler med särskilt avsatt tid för hembesöken.",
    "Familjecentralerna spelar en viktig roll i arbetet. Där möts barnhälsovård, mödrahälsovård, öppen förskola och socialtjänst under samma tak, vilket underlättar övergången från hembesöken till andra stödinsatser.",
    "Tandvården medverkar genom att informera om munhälsa vid ett av de extra besöken, och förskolan bjuds in att presentera sin verksamhet för familjer med barn som närmar sig förskoleåldern.",
]
BACKGROUND_PILOT = [
    "Pilotverksamheten bedrivs i samverkan mellan barnavårdscentralen, socialtjänstens förebyggande verksamhet, tandvården och mödrahälsovården i området. Familjerna erbjuds sex hembesök och två extra mottagningsbesök under barnets två första levnadsår.",
    "Kommunens del av arbetet består främst av familjebehandlarnas medverkan vid hembesöken, föräldrastödjande insatser och samordning med öppna förskolan.",
    "Verksamheten riktar sig till förstagångsföräldrar och föräldrar som får sitt första barn i Sverige. Intresset bland familjerna har varit stort och nästan alla som erbjudits programmet har tackat ja.",
    "Samarbetet med regionens barnhälsovård fungerar väl. Gemensamma ärendegenomgångar hålls varannan vecka och en gemensam handlingsplan har tagits fram för området.",
    "Socialnämnden följer verksamheten löpande och har fått information om pilotens utveckling vid flera sammanträden under året.",
    "Personalen har deltagit i den nationella utbildning som Socialstyrelsen har anordnat för pilotområdena, och en lokal arbetsgrupp träffas varje månad för att följa upp rutinerna.",
    "Tandvården och mödrahälsovården deltar i de gemensamma planeringsmötena. Tolk har använts vid merparten av besöken och information har tagits fram på flera språk.",
    "Utvärderingen av pilotverksamheten görs av en oberoende aktör, och kommunen har lämnat de uppgifter som efterfrågats om antalet besök och familjer.",
]
CLOSINGS = ["Med vänlig hälsning", "Med vänliga hälsningar", "Vänliga hälsningar", "Med vänlig hälsning"]
BREAKDOWN_ITEMS = ["lönekostnader för sjuksköterskor och familjebehandlare", "utbildning och handledning",
                   "resor och tolk", "informationsmaterial och översättning", "samordning och administration"]


# ---------------------------------------------------------------- layout engine

class Letter:
    W, H = A4

    def __init__(self, path, rng, family="sans", size=10.5, footer=None, margins=(70, 70)):
        self.c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        self.c.setTitle("")
        self.rng = rng
        self.fam = family
        self.size = size
        self.lead = size * 1.38
        self.left, self.right = margins[0], self.W - margins[1]
        self.footer = footer
        self.page = 1
        self.pages_total = None
        self.y = self.H - 60

    def _w(self, text, font, size):
        return pdfmetrics.stringWidth(text.replace(NB, " "), font, size)

    def text(self, x, y, s, font=None, size=None, align="left"):
        font = font or self.fam
        size = size or self.size
        s2 = s.replace(NB, " ")
        self.c.setFont(font, size)
        if align == "right":
            self.c.drawRightString(x, y, s2)
        elif align == "center":
            self.c.drawCentredString(x, y, s2)
        else:
            self.c.drawString(x, y, s2)

    def newpage(self):
        self.draw_footer()
        self.c.showPage()
        self.page += 1
        self.y = self.H - 70

    def draw_footer(self):
        if self.footer:
            self.c.setLineWidth(0.4)
            self.c.line(self.left, 52, self.right, 52)
            self.text(self.left, 40, self.footer, size=7.5)
        self.text(self.right, self.H - 35, f"Sida {self.page}", size=8, align="right")

    def need(self, h):
        if self.y - h < 75:
            self.newpage()

    def para(self, text, bold=False, size=None, space=None, indent=0):
        font = self.fam + ("-b" if bold else "")
        size = size or self.size
        lead = size * 1.38
        width = self.right - self.left - indent
        words = text.split(" ")
        lines, cur = [], ""
        for w in words:
            t = (cur + " " + w) if cur else w
            if self._w(t, font, size) <= width or not cur:
                cur = t
            else:
                lines.append(cur)
                cur = w
        if cur:
            lines.append(cur)
        for ln in lines:
            self.need(lead)
            self.text(self.left + indent, self.y, ln, font, size)
            self.y -= lead
        self.y -= (space if space is not None else lead * 0.6)

    def gap(self, h):
        self.y -= h

    def save(self):
        self.draw_footer()
        self.c.save()


def letterhead(L, style, org_name, unit, seat, right_lines):
    c = L.c
    if style == 0:
        L.text(L.left, L.H - 62, org_name, L.fam + "-b", 15)
        L.text(L.left, L.H - 77, unit, size=8.5)
        for i, s in enumerate(right_lines):
            L.text(L.right, L.H - 62 - 12 * i, s, size=9, align="right")
        c.setLineWidth(0.8)
        c.line(L.left, L.H - 90, L.right, L.H - 90)
        L.y = L.H - 120
    elif style == 1:
        L.text(L.W / 2, L.H - 60, org_name.upper(), L.fam + "-b", 13, align="center")
        L.text(L.W / 2, L.H - 74, unit, size=9, align="center")
        c.setLineWidth(1.5)
        c.line(L.left, L.H - 84, L.right, L.H - 84)
        y = L.H - 104
        for s in right_lines:
            L.text(L.right, y, s, size=9, align="right")
            y -= 12
        L.y = y - 14
    else:
        c.setFillGray(0.25)
        c.rect(L.left, L.H - 92, 42, 42, fill=1, stroke=0)
        c.setFillGray(1)
        initials = "".join(w[0] for w in org_name.replace("-", " ").split()[:2]).upper()
        L.text(L.left + 21, L.H - 77, initials, L.fam + "-b", 14, align="center")
        c.setFillGray(0)
        L.text(L.left + 52, L.H - 64, org_name, L.fam + "-b", 12)
        L.text(L.left + 52, L.H - 78, unit, size=8.5)
        L.text(L.left + 52, L.H - 90, f"{seat[0]}, {seat[1]}", size=8.5)
        y = L.H - 64
        for s in right_lines:
            L.text(L.right, y, s, size=9, align="right")
            y -= 12
        L.y = L.H - 125


def outlook_header(L, sender_name, sender_mail, sent, to, subject, english, cc=None):
    c = L.c
    L.text(L.left, L.H - 55, sender_name, L.fam + "-b", 13)
    c.setLineWidth(1.2)
    c.line(L.left, L.H - 62, L.right, L.H - 62)
    y = L.H - 80
    rows = ([("From:", f"{sender_name} <{sender_mail}>"), ("Sent:", sent), ("To:", to)] + ([("Cc:", cc)] if cc else []) + [("Subject:", subject)]) if english else \
           ([("Från:", f"{sender_name} <{sender_mail}>"), ("Skickat:", sent), ("Till:", to)] + ([("Kopia:", cc)] if cc else []) + [("Ämne:", subject)])
    for k, v in rows:
        L.text(L.left, y, k, L.fam + "-b", 9.5)
        L.text(L.left + 62, y, v, size=9.5)
        y -= 13
    L.y = y - 16


# ---------------------------------------------------------------- scanning

def render_pages(pdf_path, dpi):
    doc = pdfium.PdfDocument(str(pdf_path))
    out = []
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72).to_pil().convert("L")
        out.append(img)
    doc.close()
    return out


def stamp(img, rng, received, dpi):
    s = dpi / 150
    w, h = int(230 * s), int(82 * s)
    st = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(st)
    fb = ImageFont.truetype(FONTDIR + "DejaVuSans-Bold.ttf", int(16 * s))
    fr = ImageFont.truetype(FONTDIR + "DejaVuSans.ttf", int(13 * s))
    d.rectangle([2, 2, w - 3, h - 3], outline=70, width=max(2, int(3 * s)))
    d.text((int(12 * s), int(8 * s)), "SOCIALSTYRELSEN", font=fb, fill=70)
    d.text((int(12 * s), int(32 * s)), f"Inkom {received.isoformat()}", font=fr, fill=70)
    d.text((int(12 * s), int(54 * s)), f"Dnr 4.3-{rng.randint(1000, 9999)}/{received.year}", font=fr, fill=70)
    st = st.rotate(rng.uniform(-6, 6), expand=True, fillcolor=255)
    x = int(img.width * rng.uniform(0.40, 0.46))
    y = int(0.004 * img.height)
    region = img.crop((x, y, x + st.width, y + st.height))
    img.paste(Image.fromarray(np.minimum(np.asarray(region), np.asarray(st))), (x, y))


def degrade(img, rng, nrng, mode, dpi):
    angle = rng.uniform(-1.6, 1.6)
    if mode == "faint":
        arr = np.asarray(img).astype(np.float32)
        arr = 255 - (255 - arr) * rng.uniform(0.5, 0.62)
        img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    arr = np.asarray(img).astype(np.float32)
    arr += nrng.normal(0, 9 if mode != "faint" else 6, arr.shape)
    # speckles
    n = int(arr.size * 0.0004)
    ys, xs = nrng.integers(0, arr.shape[0], n), nrng.integers(0, arr.shape[1], n)
    arr[ys, xs] = nrng.integers(0, 120, n)
    # scanner edge shadow
    arr[:, :int(6 * dpi / 150)] *= 0.55
    img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if rng.random() < 0.5:
        img = img.filter(ImageFilter.GaussianBlur(0.5))
    return img


def phone_photo(img, rng, nrng):
    w, h = img.size
    pad = int(w * 0.08)
    bg = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (92, 80, 66))
    page = img.convert("RGB")
    bg.paste(page, (pad, pad))
    W, H = bg.size
    j = lambda: rng.uniform(-0.035, 0.035) * W
    # quad of source corners (ul, ll, lr, ur) for Image.QUAD
    quad = (pad * 0.4 + j(), pad * 0.3 + j(), pad * 0.2 + j(), H - pad * 0.5 + j(),
            W - pad * 0.6 + j(), H - pad * 0.2 + j(), W - pad * 0.3 + j(), pad * 0.6 + j())
    out = bg.transform((int(W * 0.9), int(H * 0.9)), Image.QUAD, quad, resample=Image.BICUBIC)
    arr = np.asarray(out).astype(np.float32)
    yy, xx = np.mgrid[0:arr.shape[0], 0:arr.shape[1]]
    shade = 1 - 0.35 * np.clip((xx / arr.shape[1] * 0.8 + yy / arr.shape[0] * 0.6) - 0.4, 0, 1)
    arr *= shade[..., None]
    arr[..., 0] *= 1.03
    arr[..., 2] *= 0.93
    arr += nrng.normal(0, 5, arr.shape)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def scan(pdf_path, out_path, spec, rng, seed):
    mode = spec["scan"]
    nrng = np.random.default_rng(seed)
    dpi = 200 if mode in ("phone",) else rng.choice([150, 170, 200])
    pages = render_pages(pdf_path, dpi)
    imgs = []
    for i, p in enumerate(pages):
        if spec.get("stamp") and i == 0:
            stamp(p, rng, spec["rec"], dpi)
        if mode == "phone":
            im = phone_photo(p, rng, nrng)
        else:
            im = degrade(p, rng, nrng, mode, dpi)
        imgs.append(im)
    ext = out_path.suffix
    if ext in (".jpg", ".png"):
        assert len(imgs) == 1, spec["key"]
        if ext == ".jpg":
            imgs[0].save(out_path, "JPEG", quality=72)
        else:
            imgs[0].convert("L").save(out_path, "PNG", optimize=False)
        return
    blobs = []
    for im in imgs:
        b = io.BytesIO()
        im.save(b, "JPEG", quality=int(rng.choice([45, 55, 65])), dpi=(dpi, dpi))
        blobs.append(b.getvalue())
    out_path.write_bytes(img2pdf.convert(blobs, nodate=True, engine=img2pdf.Engine.internal))


# ---------------------------------------------------------------- the corpus plan

D = dt.date


def make_allocations(regions, rng):
    w = {"01": 0.235, "03": 0.04, "04": 0.03, "05": 0.045, "06": 0.036, "07": 0.021, "08": 0.022, "09": 0.006,
         "10": 0.014, "12": 0.14, "13": 0.031, "14": 0.165, "17": 0.026, "18": 0.034, "19": 0.03, "20": 0.023,
         "21": 0.024, "22": 0.02, "23": 0.011, "24": 0.026, "25": 0.021}
    tot = sum(w.values())
    alloc = {}
    for code in regions:
        a24 = int(round(w[code] / tot * 68_000_000 * rng.uniform(0.93, 1.07), -3))
        a23 = int(round(w[code] / tot * 38_000_000 * rng.uniform(0.9, 1.1), -3))
        alloc[("hembesok", 2024, code)] = [a24, None]
        alloc[("hembesok", 2023, code)] = [a23, None]
    # minimum municipal share on some 2024 rows
    for code in ("05", "12", "21"):
        alloc[("hembesok", 2024, code)][1] = 30
    # fixed figures needed by specific letters
    alloc[("hembesok", 2023, "18")][0] = 1_327_000      # decision "1,3 miljoner kronor" (within 50 000)
    alloc[("hembesok", 2023, "06")][0] = 1_288_000      # decision "1,4 miljoner kronor" (112 000 off)
    alloc[("hembesok", 2023, "24")][0] = 1_904_000      # decision "1 940 tkr"
    for code, amt, share in (("0181", 580_000, 45), ("1980", 580_000, 45), ("1490", 580_000, 45), ("1280", 255_000, 40)):
        alloc[("bhv-pilot", 2023, code)] = [amt, share]
    return alloc


def plan(alloc):
    """Every document: what it says. received = day the mail arrived."""
    A = lambda p, y, c: alloc[(p, y, c)][0]
    S = []

    def add(**kw):
        kw.setdefault("style", "letter")
        kw.setdefault("scan", None)
        kw["key"] = f"d{len(S):02d}"
        S.append(kw)

    R, M = "region", "municipality"
    H24, H23, P23 = ("hembesok", 2024), ("hembesok", 2023), ("bhv-pilot", 2023)
    # --- hembesok 2024 requisitions
    add(t="req", pg=H24, org=(R, "03"), req=A(*H24, "03"), munis=["0380", "0381"], share=40, date=D(2024, 2, 12), rec=D(2024, 2, 13), variant=0)
    add(t="req", pg=H24, org=(R, "05"), req=A(*H24, "05"), munis=["0580", "0581", "0583"], share=35, date=D(2024, 2, 20), rec=D(2024, 2, 20), style="outlook", variant=1)
    add(t="req", pg=H24, org=(R, "06"), req=A(*H24, "06"), munis=["0680", "0683"], share=50, date=D(2024, 3, 1), rec=D(2024, 3, 4), scan="office", stamp=True, variant=2)
    add(t="req", pg=H24, org=(R, "07"), req=(A(*H24, "07") - 214_000) // 1000 * 1000, munis=["0780"], share=30, date=D(2024, 2, 27), rec=D(2024, 2, 29), variant=3)
    add(t="req", pg=H24, org=(R, "08"), req=A(*H24, "08") + 350_000, munis=["0880", "0882"], share=40, date=D(2024, 3, 18), rec=D(2024, 3, 19), variant="leftover")
    add(t="req", pg=H24, org=(R, "10"), req=A(*H24, "10"), munis=["1080", "1081"], share=None, date=D(2024, 3, 6), rec=D(2024, 3, 8), scan="faint", variant=1)
    add(t="req", pg=H24, org=(R, "12"), req=A(*H24, "12"), munis=["1280", "1283", "1290"], share=25, date=D(2024, 3, 11), rec=D(2024, 3, 12), style="outlook", variant=2)
    add(t="req", pg=H24, org=(R, "13"), req=None, munis=["1380"], share=50, date=D(2024, 3, 21), rec=D(2024, 3, 22), variant="whole")
    add(t="req", pg=H24, org=(R, "14"), req=A(*H24, "14"), munis=["1480", "1490", "1488"], share=30, date=D(2024, 3, 26), rec=D(2024, 3, 26), style="outlook_en", variant=0)
    add(t="req", pg=H24, org=(R, "17"), req=A(*H24, "17"), munis=["1780", "1784"], share=45, date=D(2024, 2, 15), rec=D(2024, 2, 19), amt="tkr", variant=3, scan="office")
    add(t="req", pg=H24, org=(R, "18"), req=A(*H24, "18") - 300_000, munis=["1880"], share=40, date=D(2024, 2, 21), rec=D(2024, 2, 23), variant=1)
    add(t="req", pg=H24, org=(R, "18"), req=A(*H24, "18"), munis=["1880", "1881"], share=40, date=D(2024, 3, 14), rec=D(2024, 3, 15), variant="corrected", style="outlook")
    add(t="req", pg=H24, org=(R, "19"), req=A(*H24, "19"), munis=["1980"], share=35, date=D(2024, 4, 4), rec=D(2024, 4, 5), variant=2, scan="jpg")
    add(t="req", pg=H24, org=(R, "20"), req=A(*H24, "20"), munis=["2080", "2081"], share=30, date=D(2024, 4, 8), rec=D(2024, 4, 9), variant="late")
    add(t="req", pg=H24, org=(R, "21"), req=A(*H24, "21"), munis=["2180", "2181"], share=20, date=D(2024, 3, 27), rec=D(2024, 3, 28), variant=0, scan="office", stamp=True)
    add(t="req", pg=H24, org=(R, "22"), req=A(*H24, "22"), munis=None, share=35, date=D(2024, 2, 8), rec=D(2024, 2, 9), variant="nomunis")
    add(t="req", pg=H24, org=(R, "23"), req=A(*H24, "23"), munis=["2380", "2309"], share=40, date=D(2024, 3, 5), rec=D(2024, 3, 5), amt="tkr", variant=3, style="outlook")
    add(t="req", pg=H24, org=(R, "24"), req=A(*H24, "24") + 120_000, munis=["2480", "2482"], share=40, date=D(2024, 3, 28), rec=D(2024, 4, 2), variant=2)
    add(t="req", pg=H24, org=(R, "25"), req=A(*H24, "25"), munis=["2580", "2584", "2523"], share=35, date=D(2024, 2, 28), rec=D(2024, 3, 1), scan="phone", variant=0)
    add(t="req", pg=H24, org=(R, "01"), req=A(*H24, "01"), munis=["0180", "0181", "0127"], share=50, date=D(2024, 3, 7), rec=D(2024, 3, 7), style="outlook", variant=1)
    add(t="req", pg=H24, org=(R, "04"), req=A(*H24, "04"), munis=["0484", "0480"], share=40, date=D(2024, 2, 14), rec=D(2024, 2, 16), variant=3, scan="office")
    add(t="req", pg=H24, org=(R, "04"), req=150_000, munis=["0484", "0480"], share=40, date=D(2024, 4, 3), rec=D(2024, 4, 4), variant="extra", style="outlook")
    add(t="req", pg=H24, org=(M, "2180"), req=400_000, date=D(2024, 3, 12), rec=D(2024, 3, 14), variant="muni")
    add(t="req", pg=H24, org=(M, "1283"), req=650_000, date=D(2024, 2, 26), rec=D(2024, 2, 28), variant="muni", scan="office", stamp=True)
    # --- hembesok 2023 requisitions
    add(t="req", pg=H23, org=(R, "18"), req=A(*H23, "18"), date=D(2023, 9, 19), rec=D(2023, 9, 21), variant=0)
    add(t="req", pg=H23, org=(R, "01"), req=A(*H23, "01"), date=D(2023, 10, 2), rec=D(2023, 10, 2), style="outlook", variant=1)
    add(t="req", pg=H23, org=(R, "20"), req=A(*H23, "20"), date=D(2023, 11, 2), rec=D(2023, 11, 3), variant="late", scan="office", stamp=True)
    # --- decisions
    add(t="dec", pg=H23, org=(R, "18"), dec=1_300_000, amt="mkr", date=D(2023, 10, 12), rec=D(2023, 10, 16), variant=0, mention_alloc=True)
    add(t="dec", pg=H23, org=(R, "14"), dec=A(*H23, "14"), amt="kronor", date=D(2023, 10, 24), rec=D(2023, 10, 27), variant=1, scan="office")
    add(t="dec", pg=H23, org=(R, "06"), dec=1_400_000, amt="mkr", date=D(2023, 11, 7), rec=D(2023, 11, 9), variant=2)
    add(t="dec", pg=H23, org=(R, "24"), dec=1_940_000, amt="tkr", date=D(2023, 9, 26), rec=D(2023, 9, 29), variant=0, scan="faint")
    add(t="dec", pg=H24, org=(R, "21"), dec=A(*H24, "21"), amt="kr", date=D(2024, 5, 14), rec=D(2024, 5, 17), variant=1)
    add(t="dec", pg=H24, org=(R, "12"), dec=4_500_000, amt="mkr", date=D(2024, 4, 23), rec=D(2024, 4, 25), variant="part", scan="png")
    add(t="dec", pg=P23, org=(M, "1490"), dec=580_000, amt="kronor", date=D(2023, 4, 25), rec=D(2023, 4, 28), variant="muni")
    add(t="dup", of="d28", rec=D(2023, 11, 13))
    # --- bhv-pilot 2023 requisitions
    add(t="req", pg=P23, org=(M, "0181"), req=580_000, date=D(2023, 5, 10), rec=D(2023, 5, 11), variant=0)
    add(t="req", pg=P23, org=(M, "1980"), req=580_000, date=D(2023, 5, 23), rec=D(2023, 5, 23), style="outlook", variant=1)
    add(t="req", pg=P23, org=(M, "1490"), req=620_000, date=D(2023, 5, 30), rec=D(2023, 6, 1), variant=2, scan="office", stamp=True)
    add(t="req", pg=P23, org=(M, "1280"), req=255_000, date=D(2023, 6, 19), rec=D(2023, 6, 20), variant="late")
    add(t="req", pg=P23, org=(M, "0127"), req=580_000, date=D(2023, 5, 15), rec=D(2023, 5, 17), variant=1, scan="office")
    add(t="req", pg=P23, org=(M, "0484"), req=400_000, date=D(2023, 6, 5), rec=D(2023, 6, 7), variant=0, style="outlook")
    # --- bhv-pilot 2023 return reports
    add(t="rep", pg=P23, org=(M, "0181"), received=580_000, used=561_240, unused=18_760, date=D(2024, 4, 16), rec=D(2024, 4, 18), variant=0)
    add(t="rep", pg=P23, org=(M, "1980"), received=580_000, used=597_300, unused=0, date=D(2024, 4, 24), rec=D(2024, 4, 25), variant="over", scan="office", stamp=True)
    add(t="rep", pg=P23, org=(M, "1280"), received=255_000, used=255_000, unused=0, date=D(2024, 5, 6), rec=D(2024, 5, 7), variant=1, style="outlook")
    add(t="rep", pg=P23, org=(M, "1490"), received=580_000, used=543_915, unused=36_085, date=D(2024, 5, 2), rec=D(2024, 5, 3), variant=2)
    # --- hembesok 2023 return reports
    add(t="rep", pg=H23, org=(R, "18"), received=A(*H23, "18"), used=A(*H23, "18") - 88_412, unused=88_412, date=D(2024, 2, 19), rec=D(2024, 2, 20), variant=1)
    u = A(*H23, "01") - 612_734
    add(t="rep", pg=H23, org=(R, "01"), received=A(*H23, "01"), used=u, unused=621_734, date=D(2024, 2, 26), rec=D(2024, 2, 27), variant=0, style="outlook")
    add(t="rep", pg=H23, org=(R, "20"), received=A(*H23, "20"), used=A(*H23, "20") - 250_000, unused=250_000, date=D(2024, 3, 4), rec=D(2024, 3, 5), variant=2, scan="office")
    # --- hembesok 2024 return reports
    a = A(*H24, "03")
    add(t="rep", pg=H24, org=(R, "03"), received=a, used=a - 143_206, unused=143_206, date=D(2025, 2, 10), rec=D(2025, 2, 11), variant="breakdown")
    a = A(*H24, "05")
    add(t="rep", pg=H24, org=(R, "05"), received=a, used=a - 311_520, unused=311_250, date=D(2025, 2, 17), rec=D(2025, 2, 18), variant=0, scan="office", stamp=True)
    a = A(*H24, "06")
    add(t="rep", pg=H24, org=(R, "06"), received=a, used=a + 46_830, unused=0, date=D(2025, 1, 28), rec=D(2025, 1, 29), variant="over")
    a = A(*H24, "08") + 350_000
    add(t="rep", pg=H24, org=(R, "08"), received=a, used=a - 97_400, unused=97_400, date=D(2025, 2, 5), rec=D(2025, 2, 6), variant="leftover", style="outlook")
    a = A(*H24, "14")
    add(t="rep", pg=H24, org=(R, "14"), received=a, used=a - 1_208_663, unused=1_208_663, date=D(2025, 2, 24), rec=D(2025, 2, 24), variant=1, style="outlook_en")
    a = A(*H24, "17")
    add(t="rep", pg=H24, org=(R, "17"), received=a, used=a - 52_000, unused=52_000, date=D(2025, 2, 27), rec=D(2025, 3, 1), variant="breakdown", scan="office")
    a = A(*H24, "25")
    add(t="rep", pg=H24, org=(R, "25"), received=a, used=a - 400_127, unused=400_127, date=D(2025, 2, 28), rec=D(2025, 3, 4), variant=2)
    a = A(*H24, "23")
    add(t="rep", pg=H24, org=(R, "23"), received=a, used=a - 61_300, unused=16_300, date=D(2025, 1, 20), rec=D(2025, 1, 22), variant=1)
    a = A(*H24, "09")
    add(t="rep", pg=H24, org=(R, "09"), received=a, used=a - 20_450, unused=20_450, date=D(2025, 2, 3), rec=D(2025, 2, 5), variant=0, scan="jpg")
    a = A(*H24, "21")
    add(t="rep", pg=H24, org=(R, "21"), received=a, used=a, unused=0, date=D(2025, 1, 15), rec=D(2025, 1, 17), variant="all", scan="faint")
    return S


# ---------------------------------------------------------------- flags (contract rules, arrival order)

def compute_flags(docs, alloc):
    seen_sha, reqs = set(), []
    for d in docs:
        e, fl = d["expect"], []
        if d["sha"] in seen_sha:
            fl.append("DUPLICATE_DOCUMENT")
        seen_sha.add(d["sha"])
        t, prog, year = e["document_type"], e.get("program"), e.get("grant_year")
        org = e.get("organisation")
        am = e.get("amounts", {})
        P = PROGRAMS.get((prog, year))
        row = alloc.get((prog, year, org["code"])) if org else None
        wrong = bool(P and org and org["kind"] not in P["kinds"])
        if wrong:
            fl.append("WRONG_RECIPIENT_KIND")
        elif row is None:
            fl.append("NO_ALLOCATION")
        missing = []
        rec = d["received_date"]
        if t == "requisition":
            if "requested" not in am:
                missing.append("requested")
            if org and org["kind"] == "region" and prog == "hembesok" and year >= 2024:
                if "collaborating_municipalities" not in e:
                    missing.append("collaborating_municipalities")
                if "municipal_share_percent" not in e:
                    missing.append("municipal_share_percent")
            if row and "requested" in am and am["requested"] > row[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if any(r["org"] == org["code"] and r["pg"] == (prog, year) for r in reqs):
                fl.append("DUPLICATE_REQUISITION")
            reqs.append({"org": org["code"], "pg": (prog, year), "amt": am.get("requested", 0)})
            if sum(r["amt"] for r in reqs if r["pg"] == (prog, year)) > P["pool"]:
                fl.append("POOL_EXCEEDED")
            if rec > P["req_deadline"]:
                fl.append("LATE_REQUISITION")
        elif t == "return_report":
            for k in ("received", "used"):
                if k not in am:
                    missing.append(k)
            if row and am.get("received", 0) > row[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if am["used"] > am["received"]:
                fl.append("USED_EXCEEDS_RECEIVED")
            elif "unused" in am and abs(am["received"] - am["used"] - am["unused"]) > 1:
                fl.append("UNUSED_MISMATCH")
            if rec > P["rep_deadline"]:
                fl.append("LATE_REPORT")
        elif t == "decision":
            if row and abs(am["decided"] - row[0]) > d["dec_tol"]:
                fl.append("DECISION_AMOUNT_MISMATCH")
        if row and row[1] is not None and "municipal_share_percent" in e and e["municipal_share_percent"] < row[1]:
            fl.append("SHARE_BELOW_MINIMUM")
        if missing and not wrong:
            fl.append("MISSING_FIELD")
        d["flags"] = fl


# ---------------------------------------------------------------- writers

class Ctx:
    def __init__(self, spec, regions, munis, alloc, rng):
        self.s, self.regions, self.munis, self.alloc, self.rng = spec, regions, munis, alloc, rng
        kind, code = spec["org"]
        self.kind, self.code = kind, code
        if kind == "region":
            self.name = regions[code][0]
            self.seat = SEATS[code]
        else:
            mn = munis[code][0]
            self.name = MUNI_OFFICIAL.get(code, f"{gen(mn)} kommun")
            self.seat = MUNI_SEAT[code]
        self.city = self.seat[1].split(" ", 2)[2]

    def ch(self, xs):
        return self.rng.choice(xs)

    def m(self, n, style=None):
        return money(n, style or self.s.get("amt") or self.ch(["kr", "kronor", "kronor", "colon", "sek", "kr"]))

    def muni_list(self, codes):
        names = [self.munis[c][0] for c in codes]
        if len(names) > 1 and self.rng.random() < 0.5:
            return "kommunerna " + joinlist(names)
        return joinlist([MUNI_OFFICIAL.get(c, f"{gen(self.munis[c][0])} kommun") for c in codes])


def short_region(name):
    return {"Västra Götalandsregionen": "Västra Götalandsregionen"}.get(name, name)


def req_body(C):
    s, ch, rng = C.s, C.ch, C.rng
    prog, year = s["pg"]
    P = []
    orgname = C.name
    org_it = "regionen" if C.kind == "region" else "kommunen"
    long = ch(PROG_LONG[prog])
    v = s.get("variant")
    if prog == "hembesok" and C.kind == "region":
        pool = PROGRAMS[(prog, year)]["pool"]
        al = C.alloc[(prog, year, C.code)][0]
        intros = [
            f"Socialstyrelsen har i sina anvisningar för bidragsåret {year} meddelat att regionerna kan rekvirera {long}. Totalt fördelas {money(pool, ch(['mkr', 'kronor']))} och enligt fördelningslistan har {orgname} tilldelats {C.m(al)}.",
            f"Regeringen har gett Socialstyrelsen i uppdrag att fördela {long} för {year}. Av de {money(pool, 'mkr')} som finns att fördela uppgår {orgname}s andel till {C.m(al)}.",
            f"Med anledning av Socialstyrelsens anvisningar om {long} för {year} översänder {orgname} härmed sin rekvisition.",
        ]
        P.append(intros[2] if v == "whole" else ch(intros))
        if v == "whole":
            P.append(f"{orgname} rekvirerar härmed hela det belopp som regionen har tilldelats enligt Socialstyrelsens fördelningslista för bidragsåret {year}. Regionen önskar också ta del av eventuella kvarvarande medel efter rekvisitionstillfället.")
        elif v == "leftover":
            P.append(f"Utöver tilldelningen önskar regionen ta del av kvarvarande medel, då behovet i de prioriterade områdena är större än den ursprungliga fördelningen medger. Vi vill därför härmed rekvirera totalt {C.m(s['req'])} för {year}.")
        elif v == "corrected":
            P.append(f"Denna rekvisition ersätter den rekvisition som regionen skickade in i februari. I den tidigare rekvisitionen angavs ett för lågt belopp och endast en av de samverkande kommunerna. {orgname} ansöker nu om att få ta del av {C.m(s['req'])} av {year} års statsbidrag.")
        elif v == "extra":
            P.append(f"Regionen har tidigare under året rekvirerat sin tilldelning. Eftersom arbetet har kommit igång snabbare än planerat önskar {orgname} erhålla ytterligare {C.m(s['req'])} ur de kvarvarande medlen för {year}.")
        else:
            P.append(ch([
                f"Vi vill härmed rekvirera {C.m(s['req'])} för bidragsåret {year}.",
                f"{orgname} ansöker härmed om att få ta del av {C.m(s['req'])} av {year} års statsbidrag.",
                f"Härmed begärs utbetalning av {C.m(s['req'])} avseende {long} för {year}.",
                f"{orgname} önskar erhålla {C.m(s['req'])} för arbetet med utökade hembesök under {year}.",
            ]))
        if year >= 2024:
            if s.get("munis"):
                P.append(ch([
                    f"Arbetet bedrivs i samverkan med {C.muni_list(s['munis'])}, där socialtjänstens förebyggande verksamhet deltar vid hembesöken.",
                    f"Regionen kommer under {year} att samverka med {C.muni_list(s['munis'])}. Överenskommelser om samverkan har träffats med respektive socialförvaltning.",
                ]))
            else:
                P.append("Vilka kommuner som kommer att ingå i samverkan är ännu inte klart. Dialog pågår med flera av länets kommuner och vi återkommer med besked så snart avtalen är undertecknade.")
            if s.get("share") is not None and s.get("req"):
                part = s["req"] * s["share"] // 100
                P.append(ch([
                    f"Av bidraget avser regionen att låta {s['share']}{NB}procent, det vill säga {C.m(part, 'kr')}, finansiera kommunal verksamhet inom socialtjänstens förebyggande arbete.",
                    f"{s['share']}{NB}% av medlen ska gå till kommunal verksamhet, vilket motsvarar {C.m(part, 'kronor')}.",
                ]))
            elif s.get("share") is not None:
                P.append(f"Av bidraget ska {s['share']}{NB}procent finansiera kommunal verksamhet.")
            else:
                P.append("Hur stor del av bidraget som ska gå till kommunal verksamhet kommer att bestämmas i de lokala överenskommelserna under våren.")
        if year >= 2024 and v not in ("whole",) and rng.random() < 0.6:
            prev = C.alloc[("hembesok", 2023, C.code)][0]
            P.append(f"För {year - 1} erhöll {org_it} {C.m(prev, 'kr')}, som i huvudsak användes för planering, rekrytering och utbildning av personal.")
    elif prog == "hembesok":   # municipality, wrong kind
        reg = C.regions[C.munis[C.code][1]][0]
        P.append(f"{C.name} har tagit del av att Socialstyrelsen fördelar {long} för {year}. Kommunens socialtjänst deltar sedan förra året i hembesöken tillsammans med barnhälsovården i {reg}.")
        P.append(ch([
            f"Kommunen vill härmed rekvirera {C.m(s['req'])} för socialtjänstens del av arbetet under {year}.",
            f"Härmed begärs {C.m(s['req'])} för kommunens medverkan i de utökade hembesöken {year}.",
        ]))
        P.append(f"Medlen ska användas till familjebehandlare som medverkar vid de extra besöken. Socialnämnden ställde sig bakom ansökan vid sitt sammanträde {fdate(s['date'] - dt.timedelta(days=9), 'long')}.")
    else:   # bhv-pilot
        P.append(ch([
            f"Socialstyrelsen har beslutat att {C.name} ingår i pilotverksamheten för {year}. I anvisningarna framgår att totalt {money(4_500_000, 'kronor')} fördelas till de fyra pilotområdena.",
            f"Enligt Socialstyrelsens anvisningar för {long} kan de deltagande kommunerna rekvirera sin del av bidraget för {year}.",
        ]))
        if v == "late":
            P.append(f"Vi ber om ursäkt för att rekvisitionen kommer in efter sista dagen den 16 juni 2023; fördröjningen beror på att nämndens beslut behövde inväntas. {C.name} vill härmed rekvirera {C.m(s['req'])} för kommunens del av pilotverksamheten {year}.")
        else:
            P.append(ch([
                f"{C.name} vill härmed rekvirera {C.m(s['req'])} för kommunens del av pilotverksamheten {year}.",
                f"Härmed begärs {C.m(s['req'])} för den förebyggande socialtjänstens medverkan i pilotområdet under {year}.",
                f"Kommunen ansöker om att få ta del av {C.m(s['req'])} av {year} års bidrag till pilotverksamheten.",
            ]))
        P.append("Rekvisitionen avser den förebyggande socialtjänstens medverkan i hembesöken och de extra mottagningsbesöken.")
    # background
    bg = BACKGROUND_HB if prog == "hembesok" else BACKGROUND_PILOT
    for p in rng.sample(bg, 2 if s.get("short") else rng.randint(3, 7)):
        P.append(p)
    # deadlines / meeting dates / payment details
    dl = PROGRAMS[(prog, year)]["req_deadline"]
    extra = []
    if v == "late" and prog == "hembesok":
        extra.append(f"Vi är medvetna om att rekvisitionen skulle ha kommit in senast {fdate(dl, 'long')} och ber om överseende med förseningen, som beror på sjukfrånvaro under våren.")
    elif v != "late":
        extra.append(ch([
            f"Vi har noterat att rekvisitionen ska vara Socialstyrelsen tillhanda senast {fdate(dl, 'long')}.",
            f"Beslut om att rekvirera medlen fattades {fdate(s['date'] - dt.timedelta(days=rng.randint(6, 20)), ch(['long', 'iso']))} av {'hälso- och sjukvårdsnämnden' if C.kind == 'region' else 'socialnämnden'}.",
        ]))
    extra.append(f"Medlen betalas in på {org_it}s bankgiro {rng.randint(100, 999)}-{rng.randint(1000, 9999)} med angivande av referens {rng.choice(['RS', 'HSN', 'SN', 'KS'])} {year}/{rng.randint(100, 2999)}.")
    P += extra
    return P


def rep_body(C):
    s, ch, rng = C.s, C.ch, C.rng
    prog, year = s["pg"]
    org_it = "regionen" if C.kind == "region" else "kommunen"
    long = ch(PROG_LONG[prog])
    v = s.get("variant")
    rcv, used, unused = s["received"], s["used"], s["unused"]
    P = [ch([
        f"Härmed lämnar {C.name} sin återrapportering av {long} för {year}, inklusive den ekonomiska redovisningen.",
        f"{C.name} återrapporterar här hur {year} års statsbidrag har använts. Redovisningen avser perioden 1{NB}januari–31{NB}december{NB}{year}.",
        f"I enlighet med Socialstyrelsens anvisningar redovisar {org_it} nedan hur {long} för {year} har använts.",
    ])]
    bg = BACKGROUND_HB if prog == "hembesok" else BACKGROUND_PILOT
    for p in rng.sample(bg, 2 if s.get("short") else rng.randint(2, 6)):
        P.append(p)
    if v == "leftover":
        base = C.alloc[(prog, year, C.code)][0]
        P.append(f"{C.name} har för {year} erhållit totalt {C.m(rcv, 'kronor')}, varav {C.m(rcv - base, 'kronor')} avser kvarvarande medel som Socialstyrelsen fördelade under hösten. Av detta har {C.m(used, 'kronor')} förbrukats under året. Resterande {C.m(unused, 'kr')} kommer att betalas tillbaka när faktura har inkommit.")
    elif v == "over":
        P.append(ch([
            f"{org_it.capitalize()} erhöll {C.m(rcv, 'kronor')} för {year}. De faktiska kostnaderna för verksamheten uppgick till {C.m(used, 'kronor')} och överstiger därmed det erhållna bidraget. Mellanskillnaden har finansierats med egna medel, och något belopp att återbetala finns inte (0{NB}kr).",
            f"Av redovisningen framgår att {org_it} har använt {C.m(used, 'kr')}, medan bidraget uppgick till {C.m(rcv, 'kr')}. Det finns därför inga outnyttjade medel; belopp att återbetala är 0{NB}kronor.",
        ]))
    elif v == "all":
        P.append(f"Av de {C.m(rcv, 'kronor')} som {org_it} erhöll har hela beloppet, {C.m(used, 'kronor')}, använts under {year}. Ej förbrukade medel uppgår således till 0{NB}kronor och inget ska återbetalas.")
    else:
        P.append(ch([
            f"Av de {C.m(rcv)} som {org_it} erhöll har {C.m(used)} använts. Resterande {C.m(unused)} betalas tillbaka till Socialstyrelsen.",
            f"{org_it.capitalize()} tog under {year} emot {C.m(rcv)} i statsbidrag. Kostnaderna för året uppgick till {C.m(used)}, vilket innebär att {C.m(unused)} inte har förbrukats och kommer att återbetalas efter fakturering.",
            f"Det erhållna bidraget uppgick till {C.m(rcv)}. Under året har {C.m(used)} förbrukats och {C.m(unused)} återstår, vilket {org_it} återbetalar.",
        ]))
    if v == "breakdown" or (v not in ("over",) and rng.random() < 0.4):
        n = 3
        parts, left = [], used
        for i in range(n - 1):
            x = int(used * rng.uniform(0.12, 0.55 if i == 0 else 0.3))
            parts.append(x)
            left -= x
        parts.append(left)
        parts.sort(reverse=True)
        items = rng.sample(BREAKDOWN_ITEMS, n)
        P.append("De förbrukade medlen fördelar sig på " + joinlist([f"{items[i]} med {C.m(parts[i], 'kr')}" for i in range(n)]) + ".")
    if rng.random() < 0.5 and prog == "hembesok" and year == 2024:
        prev = C.alloc[("hembesok", 2023, C.code)][0]
        P.append(f"Som jämförelse kan nämnas att {org_it} för {year - 1} fick {C.m(prev, 'kronor')} i motsvarande bidrag.")
    dl = PROGRAMS[(prog, year)]["rep_deadline"]
    P.append(ch([
        f"Återrapporteringen skulle enligt anvisningarna lämnas senast {fdate(dl, 'long')}.",
        f"Redovisningen har stämts av mot huvudboken per {fdate(D(year, 12, 31), 'iso')} och godkänts av ekonomienheten.",
        f"Verksamheten fortsätter under {year + 1} och en ny ansökan kommer att lämnas när Socialstyrelsen öppnar nästa utlysning.",
    ]))
    return P


def dec_body(C):
    s, ch, rng = C.s, C.ch, C.rng
    prog, year = s["pg"]
    v = s.get("variant")
    long = ch(PROG_LONG[prog])
    amt = money(s["dec"], s["amt"])
    d = fdate(s["date"], ch(["long", "long", "iso"]))
    P = []
    if C.kind == "region":
        board = ch(["Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Regionstyrelsens arbetsutskott"])
        P.append(f"{board} i {C.name} har vid sitt sammanträde i dag, {d}, behandlat ärendet om {long}.")
        if v == "part":
            P.append(f"{board} beslutade att {amt} av bidraget ska fördelas vidare till kommunerna i länet för socialtjänstens medverkan i hembesöken, enligt de överenskommelser som har träffats under våren.")
        else:
            P.append(ch([
                f"{board} beslutade att fördela statsbidraget om {amt} för {year} till centrala barnhälsovårdsenheten för planering och samordning av arbetet med utökade hembesök.",
                f"Beslutet innebär att statsbidraget, {amt}, fördelas till barnhälsovården för arbetet med utökade hembesök under {year}.",
            ]))
        if s.get("mention_alloc"):
            P.append(f"Totalt omfattar statsbidraget {money(PROGRAMS[(prog, year)]['pool'], 'mkr')}, varav {C.name} får ta del av {money(C.alloc[(prog, year, C.code)][0], 'mkr')}.")
        else:
            P.append(f"Totalt fördelar Socialstyrelsen {money(PROGRAMS[(prog, year)]['pool'], ch(['mkr', 'kronor']))} till landets regioner för {year}.")
    else:
        P.append(f"Socialnämnden i {C.name} beslutade vid sitt sammanträde {d} att ta emot statsbidrag om {amt} för pilotverksamhet i barnhälsovården under {year}.")
        P.append(f"Medlen ska användas för den förebyggande socialtjänstens medverkan i pilotområdet, i samverkan med {C.regions[C.munis[C.code][1]][0]}.")
    bg = BACKGROUND_HB if prog == "hembesok" else BACKGROUND_PILOT
    for p in rng.sample(bg, 1 if s.get("short") else rng.randint(2, 5)):
        P.append(p)
    dl = PROGRAMS[(prog, year)]["rep_deadline"]
    P.append(f"Medlen ska användas senast {fdate(D(year, 12, 31), 'long')} och återrapporteras till Socialstyrelsen senast {fdate(dl, 'long')}. Medel som inte har använts ska återbetalas.")
    P.append("Beslutet är justerat och protokollsutdrag skickas till Socialstyrelsen för kännedom.")
    return P


def write_doc(spec, path, regions, munis, alloc, rng):
    C = Ctx(spec, regions, munis, alloc, rng)
    prog, year = spec["pg"]
    fam = rng.choice(list(FAMILIES))
    size = rng.choice([10, 10.5, 11])
    seat = C.seat
    footer = f"{C.name} · Postadress {seat[0]}, {seat[1]} · Telefon {seat[2]} · Org.nr {rng.randint(200000, 232199)}-{rng.randint(1000, 9999)}"
    L = Letter(path, rng, fam, size, footer=footer if spec["style"] == "letter" else None)
    t = spec["t"]
    body = {"req": req_body, "rep": rep_body, "dec": dec_body}[t](C)
    official = spec["official"]
    first = official[0].split()[0].lower().replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e")
    last = official[0].split()[-1].lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    mail = f"{first}.{last}@{DOMAIN[C.code]}"
    unit = {"req": ["Hälso- och sjukvårdsförvaltningen", "Regionkansliet", "Barn- och ungdomshälsan"],
            "rep": ["Ekonomiavdelningen", "Hälso- och sjukvårdsförvaltningen", "Centrala barnhälsovården"],
            "dec": ["Regionkansliet, nämndsekretariatet", "Kansliavdelningen"]}[t]
    if C.kind == "municipality":
        unit = ["Socialförvaltningen", "Socialtjänsten, förebyggande enheten", "Kommunledningskontoret"]
    unit = rng.choice(unit)
    subj = {"req": f"Rekvisition – {'utökade hembesöksprogram' if prog == 'hembesok' else 'pilotverksamhet i barnhälsovården'} {year}",
            "rep": f"Återrapportering statsbidrag {'utökade hembesöksprogram' if prog == 'hembesok' else 'pilotverksamhet barnhälsovård'} {year}",
            "dec": f"Beslut om fördelning av statsbidrag för {'hembesöksprogram' if prog == 'hembesok' else 'pilotverksamhet'} {year}"}[t]
    dnr = f"{rng.choice(['RS', 'HSN', 'Dnr', 'SN', 'Dnr'])} {spec['date'].year}/{rng.randint(40, 3999)}"
    if spec["style"].startswith("outlook"):
        en = spec["style"] == "outlook_en"
        d = spec["date"]
        hh, mm = rng.randint(7, 16), rng.randint(0, 59)
        sent = (f"{EN_WDAY[d.weekday()]}, {d.day} {EN_MON[d.month - 1]} {d.year} {hh:02d}:{mm:02d}" if en
                else f"den {d.day} {MON[d.month - 1]} {d.year} {hh:02d}:{mm:02d}")
        if not en and rng.random() < 0.5:
            sent = f"{WDAY[d.weekday()]} " + sent
        outlook_header(L, official[0], mail, sent, "Socialstyrelsen Statsbidrag <statsbidrag@socialstyrelsen.se>",
                       ("SV: " if rng.random() < 0.2 else "") + subj, en,
                       cc=(f"Registrator {C.name} <registrator@{DOMAIN[C.code]}>" if rng.random() < 0.5 else None))
        L.para("Hej," if rng.random() < 0.6 else "Till Socialstyrelsen,")
        for p in body:
            L.para(p)
        L.gap(4)
        L.para(rng.choice(CLOSINGS), space=2)
        L.para(official[0], bold=True, space=0)
        L.para(f"{official[1][0].upper()}{official[1][1:]}", space=0)
        L.para(f"{C.name} | {unit}", space=0)
        L.para(f"Tfn {seat[2]} | {mail}", size=size - 1.5, space=0)
        L.save()
        return
    # ordinary letter: where the date goes
    dstyle = rng.choice(["iso", "long", "plain", "slash", "iso"])
    where = rng.choice(["head", "place", "end"])
    right = []
    if where == "head":
        right.append(fdate(spec["date"], "iso" if dstyle in ("long", "plain") else dstyle).replace(NB, " "))
    right.append(dnr)
    letterhead(L, rng.randint(0, 2), C.name, unit, seat, right)
    if where == "place":
        L.para(f"{C.city} {fdate(spec['date'], dstyle)}", space=10)
    L.para("Socialstyrelsen", space=0)
    L.para(rng.choice(["Enheten för statsbidrag", "Avdelningen för kunskapsstyrning", "Statsbidragsenheten"]), space=0)
    L.para("106 30 Stockholm", space=16)
    L.para(subj, bold=True, size=size + 2, space=10)
    for p in body:
        L.para(p)
    L.gap(6)
    closing = rng.choice(CLOSINGS)
    if where == "end":
        L.para(f"{C.city} {fdate(spec['date'], dstyle)}", space=6)
    L.need(90)
    L.para(closing, space=4)
    L.para(C.name, space=30)
    L.para(official[0], space=0)
    L.para(official[1][0].upper() + official[1][1:], space=0)
    L.save()


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    a = ap.parse_args()
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for f in out.iterdir():
        if f.suffix in (".pdf", ".jpg", ".png", ".json", ".csv"):
            f.unlink()
    regions, munis = load_shared(a.shared)
    master = random.Random(a.seed)
    alloc = make_allocations(regions, random.Random(a.seed * 7 + 1))
    specs = plan(alloc)
    MUNI_WORDS = ("social", "kommun", "nämndsekreterare")
    offm = [o for o in OFFICIALS if any(w in o[1] for w in MUNI_WORDS)]
    offr = [o for o in OFFICIALS if o not in offm]
    master.shuffle(offm)
    master.shuffle(offr)
    nm = nr = 0
    for s in specs:
        if s["t"] == "dup":
            continue
        if s["org"][0] == "municipality":
            s["official"] = offm[nm % len(offm)]; nm += 1
        else:
            s["official"] = offr[nr % len(offr)]; nr += 1
        if s["scan"] in ("jpg", "png"):
            s["short"] = True
    # arrival order
    order = sorted(range(len(specs)), key=lambda i: (specs[i]["rec"], i))
    keymap = {}
    docs = []
    tmp = out / "_tmp"
    tmp.mkdir(exist_ok=True)
    for n, i in enumerate(order, 1):
        s = specs[i]
        if s["t"] == "dup":
            src = keymap[s["of"]]
            ext = Path(src["file"]).suffix
            fn = f"c20-{n:03d}{ext}"
            shutil.copyfile(out / src["file"], out / fn)
            d = {"file": fn, "scanned": src["scanned"], "received": s["rec"].isoformat(),
                 "expect": json.loads(json.dumps(src["expect"])), "flags": [], "received_date": s["rec"],
                 "sha": src["sha"], "dec_tol": src.get("dec_tol")}
            docs.append(d)
            keymap[s["key"]] = d
            continue
        rng = random.Random(a.seed * 1000 + i)
        ext = {"jpg": ".jpg", "png": ".png"}.get(s["scan"], ".pdf")
        fn = f"c20-{n:03d}{ext}"
        scan_mode = s["scan"]
        if scan_mode in ("jpg", "png"):
            s["scan"] = "office"
        text_pdf = (tmp / f"{n:03d}.pdf") if scan_mode else (out / fn)
        write_doc(s, text_pdf, regions, munis, alloc, rng)
        if scan_mode:
            scan(text_pdf, out / fn, s, rng, a.seed * 1000 + i)
        kind, code = s["org"]
        prog, year = s["pg"]
        e = {"document_type": {"req": "requisition", "rep": "return_report", "dec": "decision"}[s["t"]],
             "program": prog, "grant_year": year, "organisation": {"kind": kind, "code": code}, "amounts": {}}
        tol = None
        if s["t"] == "req":
            if s.get("req") is not None:
                e["amounts"]["requested"] = s["req"]
        elif s["t"] == "rep":
            e["amounts"] = {"received": s["received"], "used": s["used"], "unused": s["unused"]}
        else:
            e["amounts"] = {"decided": s["dec"]}
            tol = money_unit(s["dec"], s["amt"])
        if not e["amounts"]:
            del e["amounts"]
        e["document_date"] = s["date"].isoformat()
        if s.get("munis"):
            e["collaborating_municipalities"] = sorted(s["munis"])
        if s["t"] == "req" and s.get("share") is not None and prog == "hembesok" and kind == "region" and year >= 2024:
            e["municipal_share_percent"] = s["share"]
        import hashlib
        d = {"file": fn, "scanned": bool(scan_mode), "received": s["rec"].isoformat(), "expect": e, "flags": [],
             "received_date": s["rec"], "sha": hashlib.sha256((out / fn).read_bytes()).hexdigest(), "dec_tol": tol}
        docs.append(d)
        keymap[s["key"]] = d
    shutil.rmtree(tmp)
    compute_flags(docs, alloc)
    truth = [{k: d[k] for k in ("file", "scanned", "received", "expect", "flags")} for d in docs]
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(out / "allocations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
        for (p, y, c), (amt, mn) in sorted(alloc.items(), key=lambda kv: (kv[0][0], -kv[0][1], kv[0][2])):
            name = regions[c][0] if len(c) == 2 else munis[c][0]
            w.writerow([p, y, c, name, amt, "" if mn is None else mn])
    from collections import Counter
    print(len(truth), "documents;", sum(d["scanned"] for d in truth), "scanned;",
          sum(not d["flags"] for d in truth), "without flags")
    print(dict(Counter(f for d in truth for f in d["flags"])))


if __name__ == "__main__":
    main()
