#!/usr/bin/env python3
"""genC21.py OUTDIR --seed N [--shared DIR]

Blind labelled corpus C21: return reports (återrapporter) in full, as regions and pilot
municipalities write them, mixed with some requisitions and decisions.  Deterministic:
the same seed gives the same truth.json, allocations.csv and the same PDFs.
"""
import argparse, csv, io, json, math, random, shutil, datetime as dt
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
import pypdfium2 as pdfium
import img2pdf
from reportlab import rl_config
rl_config.invariant = 1
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle,
                                PageBreak, KeepTogether)

FONTDIR = "/usr/share/fonts/truetype/dejavu/"
for nm, fn in [("Sans", "DejaVuSans.ttf"), ("Sans-B", "DejaVuSans-Bold.ttf"),
               ("Serif", "DejaVuSerif.ttf"), ("Serif-B", "DejaVuSerif-Bold.ttf"),
               ("Cond", "DejaVuSansCondensed.ttf"), ("Cond-B", "DejaVuSansCondensed-Bold.ttf")]:
    pdfmetrics.registerFont(TTFont(nm, FONTDIR + fn))
FAMILIES = [("Sans", "Sans-B"), ("Serif", "Serif-B"), ("Cond", "Cond-B")]

# ---------------------------------------------------------------- programs (contract)
PROGRAMS = {
    ("hembesok", 2023): dict(pool=42_000_000, req_deadline=dt.date(2023, 10, 31),
                             rep_deadline=dt.date(2024, 3, 1), kinds={"region"}),
    ("hembesok", 2024): dict(pool=82_000_000, req_deadline=dt.date(2024, 4, 5),
                             rep_deadline=dt.date(2025, 3, 1), kinds={"region"}),
    ("bhv-pilot", 2023): dict(pool=4_500_000, req_deadline=dt.date(2023, 6, 16),
                              rep_deadline=dt.date(2024, 5, 3), kinds={"region", "municipality"}),
}

# collaborating municipalities per region, with the way the region writes them
KOMMUNER = {
    "01": [("0181", "Södertälje kommun"), ("0127", "Botkyrka kommun"), ("0126", "Huddinge kommun"), ("0123", "Järfälla kommun")],
    "03": [("0380", "Uppsala kommun"), ("0381", "Enköpings kommun"), ("0382", "Östhammars kommun")],
    "04": [("0484", "Eskilstuna kommun"), ("0480", "Nyköpings kommun"), ("0486", "Strängnäs kommun")],
    "05": [("0580", "Linköpings kommun"), ("0581", "Norrköpings kommun"), ("0583", "Motala kommun")],
    "06": [("0680", "Jönköpings kommun"), ("0683", "Värnamo kommun"), ("0686", "Eksjö kommun")],
    "07": [("0780", "Växjö kommun"), ("0781", "Ljungby kommun")],
    "08": [("0880", "Kalmar kommun"), ("0882", "Oskarshamns kommun"), ("0883", "Västerviks kommun")],
    "10": [("1080", "Karlskrona kommun"), ("1082", "Karlshamns kommun")],
    "12": [("1280", "Malmö stad"), ("1283", "Helsingborgs stad"), ("1281", "Lunds kommun"), ("1290", "Kristianstads kommun")],
    "13": [("1380", "Halmstads kommun"), ("1383", "Varbergs kommun"), ("1384", "Kungsbacka kommun")],
    "14": [("1480", "Göteborgs Stad"), ("1490", "Borås Stad"), ("1488", "Trollhättans Stad")],
    "17": [("1780", "Karlstads kommun"), ("1715", "Kils kommun"), ("1784", "Arvika kommun")],
    "18": [("1880", "Örebro kommun"), ("1881", "Kumla kommun"), ("1885", "Lindesbergs kommun")],
    "19": [("1980", "Västerås stad"), ("1983", "Köpings kommun")],
    "20": [("2080", "Falu kommun"), ("2081", "Borlänge kommun")],
    "21": [("2180", "Gävle kommun"), ("2181", "Sandvikens kommun"), ("2184", "Hudiksvalls kommun")],
    "22": [("2281", "Sundsvalls kommun"), ("2280", "Härnösands kommun"), ("2284", "Örnsköldsviks kommun")],
    "23": [("2380", "Östersunds kommun")],
    "24": [("2480", "Umeå kommun"), ("2482", "Skellefteå kommun")],
    "25": [("2580", "Luleå kommun"), ("2581", "Piteå kommun"), ("2584", "Kiruna kommun")],
}
SEAT = {"01": "Stockholm", "03": "Uppsala", "04": "Nyköping", "05": "Linköping", "06": "Jönköping",
        "07": "Växjö", "08": "Kalmar", "09": "Visby", "10": "Karlskrona", "12": "Kristianstad",
        "13": "Halmstad", "14": "Vänersborg", "17": "Karlstad", "18": "Örebro", "19": "Västerås",
        "20": "Falun", "21": "Gävle", "22": "Härnösand", "23": "Östersund", "24": "Umeå", "25": "Luleå"}
WEIGHT = {"01": 24, "03": 4.2, "04": 3.1, "05": 4.6, "06": 3.6, "07": 2.0, "08": 2.2, "09": 0.6,
          "10": 1.6, "12": 14.5, "13": 3.2, "14": 17.0, "17": 2.6, "18": 3.4, "19": 3.1, "20": 2.5,
          "21": 2.6, "22": 2.1, "23": 1.1, "24": 2.4, "25": 2.2}
# pilot areas (municipality code, name as written, region, allocation, min share)
PILOT = [("0181", "Södertälje kommun", "01", 580_000, 45), ("1280", "Malmö stad", "12", 580_000, 45),
         ("1480", "Göteborgs Stad", "14", 580_000, 45), ("0180", "Stockholms stad", "01", 255_000, 40)]
PILOT_UNIT = {"0181": "Socialkontoret, Södertälje kommun", "1280": "Funktionsstöds- och socialförvaltningen, Malmö stad",
              "1480": "Socialförvaltningen Nordost, Göteborgs Stad", "0180": "Rinkeby-Kista stadsdelsförvaltning, Stockholms stad"}
PILOT_AREA = {"0181": "Ronna/Geneta", "1280": "Rosengård", "1480": "Angered", "0180": "Rinkeby"}

FIRST = ["Anna", "Karin", "Maria", "Eva", "Lena", "Sara", "Helena", "Johan", "Peter", "Mikael", "Ingrid",
         "Elin", "Fredrik", "Camilla", "Annika", "Jonas", "Linnea", "Hanna", "Per", "Malin", "Åsa", "Björn"]
LAST = ["Andersson", "Lindqvist", "Berg", "Holmström", "Nyberg", "Sjöberg", "Ekström", "Lundgren",
        "Åberg", "Hedlund", "Forsberg", "Strand", "Öberg", "Sandberg", "Wikström", "Blom", "Engström"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]


# ---------------------------------------------------------------- formatting helpers
def sep(n):
    s = f"{abs(int(n)):,}".replace(",", " ")
    return ("-" if n < 0 else "") + s


def money(n, style="kr"):
    if style == "kr":
        return f"{sep(n)} kr"
    if style == "kronor":
        return f"{sep(n)} kronor"
    if style == "colon":
        return f"{sep(n)}:-"
    if style == "dec":
        return f"{sep(n)},00 kr"
    if style == "bare":
        return sep(n)
    if style == "bare00":
        return f"{sep(n)},00"
    raise ValueError(style)


def tkr(n):
    assert n % 100 == 0
    whole, dec = divmod(n, 1000)
    return f"{sep(whole)},{dec // 100}"


def dstr(d, style):
    if style == "iso":
        return d.isoformat()
    if style == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "den":
        return f"den {d.day} {MONTHS[d.month - 1]} {d.year}"
    raise ValueError(style)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rnd_date(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


# ---------------------------------------------------------------- PDF rendering
class Doc:
    """A list of flowable specs plus the page decoration."""

    def __init__(self, rng, org_line, unit_line, ref, footer, family=None):
        self.rng = rng
        self.fam = family or rng.choice(FAMILIES)
        self.org_line, self.unit_line, self.ref, self.footer = org_line, unit_line, ref, footer
        f, fb = self.fam
        self.st = {
            "p": ParagraphStyle("p", fontName=f, fontSize=10.2, leading=14.2, spaceAfter=6, alignment=TA_LEFT),
            "h1": ParagraphStyle("h1", fontName=fb, fontSize=14.5, leading=18.5, spaceAfter=10, spaceBefore=4),
            "h2": ParagraphStyle("h2", fontName=fb, fontSize=11.5, leading=15, spaceAfter=5, spaceBefore=9),
            "small": ParagraphStyle("s", fontName=f, fontSize=8.8, leading=11.5, spaceAfter=4),
            "cell": ParagraphStyle("c", fontName=f, fontSize=9.8, leading=12.5),
        }
        self.story = []
        self.sums = []   # (rows, total) for every itemised table

    def h1(self, t): self.story.append(Paragraph(esc(t), self.st["h1"]))
    def h2(self, t): self.story.append(Paragraph(esc(t), self.st["h2"]))
    def p(self, t, raw=False): self.story.append(Paragraph(t if raw else esc(t), self.st["p"]))
    def small(self, t): self.story.append(Paragraph(esc(t), self.st["small"]))
    def space(self, h=0.3): self.story.append(Spacer(1, h * cm))
    def pagebreak(self): self.story.append(PageBreak())

    def kv(self, pairs, w1=6.2, w2=9.8, boxed=False):
        f, fb = self.fam
        data = [[Paragraph(esc(a), ParagraphStyle("k", parent=self.st["cell"], fontName=fb)),
                 Paragraph(esc(b), self.st["cell"])] for a, b in pairs]
        t = Table(data, colWidths=[w1 * cm, w2 * cm], hAlign="LEFT")
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                 ("TOPPADDING", (0, 0), (-1, -1), 3)]
        if boxed:
            style += [("GRID", (0, 0), (-1, -1), 0.6, colors.black)]
        t.setStyle(TableStyle(style))
        self.story.append(t)
        self.space(0.25)

    def table(self, header, rows, widths, num_cols=(), total_rows=(), grid=True, shade=True):
        f, fb = self.fam
        data = [header] + rows
        t = Table(data, colWidths=[w * cm for w in widths], hAlign="LEFT", repeatRows=1)
        style = [("FONTNAME", (0, 0), (-1, -1), f), ("FONTSIZE", (0, 0), (-1, -1), 9.8),
                 ("FONTNAME", (0, 0), (-1, 0), fb), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 3)]
        for c in num_cols:
            style.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
        for r in total_rows:
            style.append(("FONTNAME", (0, r + 1), (-1, r + 1), fb))
            style.append(("LINEABOVE", (0, r + 1), (-1, r + 1), 1.0, colors.black))
        if grid:
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        else:
            style.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
        if shade:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.86, 0.86, 0.86)))
        t.setStyle(TableStyle(style))
        self.story.append(t)
        self.space(0.35)

    def build(self):
        buf = io.BytesIO()
        f, fb = self.fam

        def deco(canvas, doc):
            canvas.saveState()
            w, h = A4
            canvas.setFont(fb, 12)
            canvas.drawString(2.2 * cm, h - 1.7 * cm, self.org_line)
            canvas.setFont(f, 8.8)
            if self.unit_line:
                canvas.drawString(2.2 * cm, h - 2.15 * cm, self.unit_line)
            if self.ref:
                canvas.drawRightString(w - 2.2 * cm, h - 1.7 * cm, self.ref)
            canvas.setLineWidth(0.6)
            canvas.line(2.2 * cm, h - 2.4 * cm, w - 2.2 * cm, h - 2.4 * cm)
            canvas.line(2.2 * cm, 1.9 * cm, w - 2.2 * cm, 1.9 * cm)
            canvas.setFont(f, 7.8)
            canvas.drawString(2.2 * cm, 1.45 * cm, self.footer)
            canvas.drawRightString(w - 2.2 * cm, 1.45 * cm, f"Sida {doc.page}")
            canvas.restoreState()

        d = SimpleDocTemplate(buf, pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm,
                              topMargin=3.0 * cm, bottomMargin=2.4 * cm, invariant=1,
                              title="", author="", creator="", producer="")
        d.build(self.story, onFirstPage=deco, onLaterPages=deco)
        return buf.getvalue()


# ---------------------------------------------------------------- scanning
def _stamp(img, text_lines, rng):
    w, h = img.size
    font = ImageFont.truetype(FONTDIR + "DejaVuSans-Bold.ttf", int(h * 0.0125))
    lay = Image.new("RGBA", (int(w * 0.3), int(h * 0.07)), (255, 255, 255, 0))
    dr = ImageDraw.Draw(lay)
    col = rng.choice([(170, 30, 40, 200), (60, 40, 150, 200)])
    dr.rounded_rectangle([3, 3, lay.size[0] - 4, lay.size[1] - 4], radius=10, outline=col, width=4)
    y = 10
    for t in text_lines:
        tw = dr.textlength(t, font=font)
        dr.text(((lay.size[0] - tw) / 2, y), t, font=font, fill=col)
        y += int(h * 0.017)
    lay = lay.rotate(rng.uniform(-7, 7), expand=True, resample=Image.BICUBIC)
    x = int(w * rng.uniform(0.55, 0.62))
    yy = int(h * rng.uniform(0.982, 0.99))
    base = img.convert("RGBA")
    base.alpha_composite(lay, (x, yy - lay.size[1]))
    return base.convert("RGB")


def scan_pages(pdf_bytes, seed, profile, stamp=None):
    rng = random.Random(seed)
    npr = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(pdf_bytes)
    out = []
    dpi = {"office": 200, "faint": 200, "stamp": 200, "fax": 170, "phone": 160}[profile]
    for i in range(len(pdf)):
        page = pdf[i]
        img = page.render(scale=dpi / 72).to_pil().convert("RGB")
        page.close()
        if stamp and i == 0:
            img = _stamp(img, stamp, rng)
        color = profile in ("stamp", "phone")
        if not color:
            img = img.convert("L")
        ang = rng.uniform(-1.3, 1.3) if profile != "fax" else rng.uniform(-0.6, 0.6)
        fill = 255 if not color else (255, 255, 255)
        img = img.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=fill)
        if profile == "phone":
            img = _phone(img, rng, npr)
        arr = np.asarray(img).astype(np.float32)
        if profile == "faint":
            arr = 255 - (255 - arr) * rng.uniform(0.55, 0.65)
        if profile == "fax":
            arr = np.where(arr < 150, 20.0, 250.0)
        sigma = {"office": 7, "faint": 6, "stamp": 6, "fax": 0, "phone": 8}[profile]
        arr = arr + npr.normal(0, sigma, arr.shape)
        # a little dust
        nd = int(arr.shape[0] * arr.shape[1] / 40000)
        ys = npr.integers(0, arr.shape[0], nd)
        xs = npr.integers(0, arr.shape[1], nd)
        arr[ys, xs] = 40
        arr = np.clip(arr, 0, 255).astype(np.uint8)
        img = Image.fromarray(arr)
        if profile in ("office", "faint"):
            img = img.filter(ImageFilter.GaussianBlur(0.55))
        q = {"office": 68, "faint": 72, "stamp": 70, "fax": 80, "phone": 62}[profile]
        b = io.BytesIO()
        img.save(b, "JPEG", quality=q)
        out.append((b.getvalue(), dpi))
    pdf.close()
    return out


def _phone(img, rng, npr):
    img = img.convert("RGB")
    w, h = img.size
    bg = Image.new("RGB", (int(w * 1.12), int(h * 1.1)), (92, 78, 64))
    bg.paste(img, (int(w * 0.06), int(h * 0.05)))
    W, H = bg.size
    d = lambda a: a * rng.uniform(0.01, 0.035)
    # perspective: map output quad corners to input
    src = [(d(W), d(H)), (W - d(W), d(H) * 0.4), (W - d(W) * 0.3, H - d(H)), (d(W) * 0.5, H - d(H) * 0.3)]
    dst = [(0, 0), (W, 0), (W, H), (0, H)]
    coeffs = _persp(dst, src)
    img = bg.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    arr = np.asarray(img).astype(np.float32)
    gx = np.linspace(0.72, 1.03, W)[None, :, None]
    gy = np.linspace(1.0, 0.88, H)[:, None, None]
    arr = arr * gx * gy * np.array([1.0, 0.97, 0.9])[None, None, :]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _persp(pa, pb):
    m = []
    for p1, p2 in zip(pa, pb):
        m.append([p1[0], p1[1], 1, 0, 0, 0, -p2[0] * p1[0], -p2[0] * p1[1]])
        m.append([0, 0, 0, p1[0], p1[1], 1, -p2[1] * p1[0], -p2[1] * p1[1]])
    A = np.array(m, dtype=float)
    B = np.array(pb, dtype=float).reshape(8)
    return tuple(np.linalg.solve(A, B).tolist())


def pages_to_pdf(pages):
    return img2pdf.convert([b for b, _ in pages], layout_fun=img2pdf.get_fixed_dpi_layout_fun((pages[0][1], pages[0][1])),
                           nodate=True, engine=img2pdf.Engine.internal)


# ---------------------------------------------------------------- text pools
VERKSAMHET = [
    "Under {y} har regionen i samverkan med kommunernas socialtjänst erbjudit ett utökat hembesöksprogram till förstagångsföräldrar och familjer som fått sitt första barn i Sverige.",
    "Programmet bedrivs från barnavårdscentraler i områden med socioekonomiska utmaningar (SCB:s områdestyp 1 och 2) och omfattar hembesök utöver det nationella barnhälsovårdsprogrammet.",
    "Hembesöken genomförs av en BHV-sjuksköterska tillsammans med en föräldrarådgivare eller familjebehandlare från socialtjänstens förebyggande verksamhet.",
    "Under våren genomfördes en gemensam introduktionsutbildning för nyanställd personal, och rutiner för dokumentation och KVA-kodning av gemensamma besök togs fram.",
    "Centrala barnhälsovårdsenheten har haft en samordnande funktion och har följt upp verksamheten vid regelbundna avstämningsmöten med de deltagande barnavårdscentralerna.",
    "Arbetet har under året gått från planering till ordinarie drift. Rekryteringen av sjuksköterskor tog längre tid än beräknat, vilket försenade starten i ett av områdena.",
    "Hembesöken har särskilt fokuserat på barnets språkutveckling, information om förskolan och tandvårdens förebyggande arbete samt föräldraskapsstöd.",
    "Tolk har använts vid en stor del av besöken. Regionen har under året upphandlat telefontolk och kontakttolk med kort varsel för att underlätta planeringen.",
    "Verksamheten har följts upp med de indikatorer som Socialstyrelsen tagit fram, och en lokal utvärdering påbörjades under hösten.",
    "Erfarenheterna från de första månaderna visar att familjerna uppskattar besöken och att andelen barn som deltar i det ordinarie programmet har ökat.",
]
VERKSAMHET_2023 = [
    "Bidraget för {y} har använts för att förbereda ett utökat hembesöksprogram i samverkan med kommunerna.",
    "Under hösten {y} genomfördes en kartläggning av behoven i områden med socioekonomiska utmaningar och en arbetsgrupp med representanter för barnhälsovården och socialtjänsten bildades.",
    "Medlen har främst använts till projektledning, utbildning av personal och planering av de första gemensamma hembesöken.",
    "Ett första hembesöksteam startade i december {y}.",
]
MALGRUPP = [
    "Målgruppen är förstagångsföräldrar och familjer som fått sitt första barn i Sverige, bosatta i de prioriterade områdena.",
    "Familjer erbjuds programmet i samband med det första hembesöket från barnavårdscentralen, vanligen när barnet är en till två veckor gammalt.",
    "En stor del av familjerna har annat modersmål än svenska, och många har kort tid i Sverige.",
    "Programmet prioriterar barn som utifrån kända riskfaktorer löper en förhöjd risk att utvecklas ogynnsamt.",
]
SAMVERKAN_OTHER = [
    "Samverkan har också skett med mödrahälsovården, folktandvården och den öppna förskolan.",
    "En gemensam styrgrupp med representanter för region och kommun har sammanträtt varje kvartal.",
    "Överenskommelser om ansvarsfördelning och sekretess har tecknats mellan parterna.",
    "Familjecentralerna i områdena har fungerat som mötesplats för uppföljande besök.",
]
ERFARENHET = [
    "Familjerna har i hög grad tackat ja till erbjudandet, och avhoppen har varit få efter det första gemensamma besöket.",
    "Det gemensamma arbetet mellan BHV-sjuksköterska och socialtjänst har gett en bättre bild av familjernas behov tidigt.",
    "Svårigheter har funnits att hitta tider som passar både barnhälsovården och socialtjänsten, särskilt under sommaren.",
    "Inför {y1} planeras programmet att utvidgas till ytterligare ett område.",
    "Handledning för personalen har genomförts en gång per månad under hela året.",
    "Dokumentationen har förenklats genom en gemensam mall för gemensamma hembesök.",
    "Uppföljningen visar att fler familjer har fått kontakt med den öppna förskolan och tandvården.",
    "Regionen avser att fortsätta arbetet under {y1} inom ramen för förordningen (2025:74).",
]
AREAS = ["Norra", "Södra", "Centrum", "Östra", "Västra", "Stationsområdet", "Hagaberg", "Björkhagen", "Backa"]


# ---------------------------------------------------------------- the corpus
class Gen:
    def __init__(self, out, seed, shared):
        self.out, self.seed, self.shared = Path(out), seed, Path(shared)
        self.rng = random.Random(seed)
        self.regions = {}
        with open(self.shared / "data/scb_regions.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                self.regions[r["region_code"]] = (r["region_name"], r["county_name"])
        self.munis = {}
        with open(self.shared / "data/scb_municipalities.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                self.munis[r["municipality_code"]] = (r["municipality_name"], r["region_code"])
        for reg, lst in KOMMUNER.items():
            for code, nm in lst:
                assert self.munis[code][1] == reg and nm.startswith(self.munis[code][0][:4]), (code, nm)
        self.alloc = {}
        self.make_allocations()
        self.docs = []

    # allocations --------------------------------------------------------
    def make_allocations(self):
        rng = random.Random(self.seed * 7 + 1)
        for year, total in ((2023, 41_600_000), (2024, 81_500_000)):
            w = {c: WEIGHT[c] * rng.uniform(0.85, 1.15) for c in self.regions}
            s = sum(w.values())
            for c in sorted(self.regions):
                amt = int(round(total * w[c] / s / 1000.0)) * 1000
                self.alloc[("hembesok", year, c)] = (amt, None)
        # the one real figure in the seeds
        self.alloc[("hembesok", 2023, "18")] = (1_349_000, None)
        for p in ("hembesok",):
            for y in (2023, 2024):
                tot = sum(v[0] for k, v in self.alloc.items() if k[0] == p and k[1] == y)
                assert tot <= PROGRAMS[(p, y)]["pool"], tot
        for code, nm, reg, amt, share in PILOT:
            self.alloc[("bhv-pilot", 2023, code)] = (amt, share)

    def write_allocations(self):
        with open(self.out / "allocations.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
            for (p, y, c), (amt, share) in sorted(self.alloc.items(), key=lambda kv: (kv[0][0], -kv[0][1], kv[0][2])):
                name = self.regions[c][0] if len(c) == 2 else self.munis[c][0]
                w.writerow([p, y, c, name, amt, "" if share is None else share])

    # common pieces --------------------------------------------------------
    def region_head(self, rng, reg, year_ref):
        name, county = self.regions[reg]
        unit = rng.choice(["Hälso- och sjukvårdsförvaltningen", "Regionkansliet, Hälsovalsenheten",
                           "Centrala barnhälsovårdsenheten", "Område Barn och ungdom", "Folkhälsa och sjukvård"])
        ref = f"Dnr {rng.choice(['RS', 'HSN', 'RK', 'HS'])} {year_ref}/{rng.randint(40, 2900):04d}"
        post = f"{rng.randint(100, 999)} {rng.randint(10, 99)}"
        footer = (f"{name} · Box {rng.randint(100, 9999)} · {post} {SEAT[reg]} · Tfn 0{rng.randint(10, 99)}-"
                  f"{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} · Org.nr 232100-0{rng.randint(100, 999)}")
        return name, unit, ref, footer

    def muni_head(self, rng, code, year_ref):
        unit = PILOT_UNIT[code]
        name = unit.split(", ")[-1]
        ref = f"Dnr {rng.choice(['SN', 'SOC', 'SDN'])} {year_ref}/{rng.randint(40, 990):03d}"
        footer = (f"{name} · {rng.randint(100, 999)} {rng.randint(10, 99)} {self.munis[code][0]} · Växel 0{rng.randint(8, 40)}-"
                  f"{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)} · Org.nr 212000-{rng.randint(1000, 9999)}")
        return name, unit.split(", ")[0], ref, footer

    def signer(self, rng, region=True):
        n = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        t = rng.choice(["Hälso- och sjukvårdsdirektör", "Regiondirektör", "Verksamhetschef, barnhälsovården",
                        "Biträdande hälso- och sjukvårdsdirektör"] if region else
                       ["Socialchef", "Förvaltningschef", "Stadsdelsdirektör", "Avdelningschef, förebyggande socialtjänst"])
        return n, t

    # ---------------------------------------------------------------- cost rows
    def cost_rows(self, rng, used, tkr_mode=False):
        items = [("Lönekostnader", (0.52, 0.68)), ("OH-kostnader (overhead)", (0.07, 0.14)),
                 ("Utbildning", (0.03, 0.08)), ("Tolk", (0.02, 0.06)), ("Resor", (0.02, 0.05)),
                 ("Lokaler", (0.02, 0.06)), ("Material", (0.01, 0.04))]
        keep = [items[0]] + [it for it in items[1:] if rng.random() < 0.8]
        if len(keep) < 4:
            keep = items[:5]
        labels = {"OH-kostnader (overhead)": rng.choice(["OH-kostnader (overhead)", "OH/overhead", "Overheadkostnader (OH)"]),
                  "Lönekostnader": rng.choice(["Lönekostnader", "Lönekostnader inkl. sociala avgifter", "Personal (lön inkl. PO)"]),
                  "Resor": rng.choice(["Resor", "Resor och bilkostnader"]),
                  "Material": rng.choice(["Material", "Material och informationsmaterial", "Förbrukningsmaterial"])}
        rows = []
        if used == 0:
            return [(labels.get(l, l), 0) for l, _ in keep]
        rest = used
        for l, (a, b) in keep[1:]:
            v = int(round(used * rng.uniform(a, b) / 100.0)) * 100
            rows.append((labels.get(l, l), v))
            rest -= v
        assert rest > 0
        rows.insert(0, (labels.get(keep[0][0], keep[0][0]), rest))
        return rows

    # ---------------------------------------------------------------- return report
    def report(self, spec):
        rng = random.Random(spec["seed"])
        prog, year = spec["program"], spec["year"]
        is_pilot = prog == "bhv-pilot"
        code = spec["org"]
        ddate = spec["ddate"]
        if is_pilot:
            orgname, unit, ref, footer = self.muni_head(rng, code, ddate.year)
        else:
            orgname, unit, ref, footer = self.region_head(rng, code, ddate.year)
        D = Doc(rng, orgname, unit, ref, footer)
        amt_style = rng.choice(["kr", "kr", "kronor", "colon", "dec"])
        M = lambda n: money(n, amt_style)
        # title
        if is_pilot:
            D.h1(rng.choice([f"Återrapportering av statsbidrag för pilotverksamhet i barnhälsovården {year}",
                             f"Redovisning – statsbidrag {year} för pilotverksamhet i barnhälsovården (förebyggande socialtjänst)"]))
        else:
            D.h1(rng.choice([f"Återrapportering av statsbidrag för utökade hembesöksprogram inom barnhälsovården {year}",
                             f"Återrapport: statsbidrag till regioner för utökade hembesöksprogram, bidragsår {year}",
                             f"Redovisning av statsbidrag {year} – utökade hembesöksprogram i samverkan med kommuner"]))
        kvs = [("Organisation", orgname if not is_pilot else PILOT_UNIT[code]),
               ("Bidragsår", str(year)),
               ("Statsbidrag", "Pilotverksamhet i barnhälsovården" if is_pilot else "Utökade hembesöksprogram inom barnhälsovården"),
               ("Period som redovisas", f"{year}-01-01 – {year}-12-31"),
               ("Kontaktperson", f"{rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(['samordnare', 'utvecklingsledare', 'controller'])}")]
        if rng.random() < 0.5:
            kvs.insert(3, ("Socialstyrelsens diarienummer", f"{rng.randint(1, 9)}.{rng.randint(1, 9)}-{rng.randint(1000, 49999)}/{year}"))
        if spec.get("share") is not None:
            kvs.append(("Andel av bidraget till kommunal verksamhet", f"{spec['share']} %"))
        D.kv(kvs, w1=7.6, w2=8.4, boxed=rng.random() < 0.5)
        dstyle = rng.choice(["iso", "iso", "long"])
        sec = iter(range(1, 10))
        numbered = rng.random() < 0.6
        H = lambda t: D.h2(f"{next(sec)}. {t}" if numbered else t)
        long_doc = spec.get("long", False)
        area = PILOT_AREA.get(code) if is_pilot else None

        # 1 Verksamhet
        H("Verksamhet")
        payback = spec.get("extra") == "payback"
        if payback:
            D.p(f"Planeringen av ett utökat hembesöksprogram påbörjades under {year} tillsammans med kommunerna, men "
                f"verksamheten kunde inte starta under året.")
            D.p("Rekryteringen av BHV-sjuksköterskor och familjebehandlare blev inte klar, och regionen har därför inte "
                "haft några kostnader som belastar statsbidraget.")
        elif is_pilot:
            D.p(f"Pilotverksamheten i {area} har under {year} bedrivits av den förebyggande socialtjänsten i samverkan med "
                f"barnhälsovården. Familjebehandlare från socialtjänsten har deltagit i sex utökade hembesök under barnets två första levnadsår, "
                f"tillsammans med BVC-sjuksköterskan.")
            D.p(rng.choice(VERKSAMHET[3:]).format(y=year))
            D.p(rng.choice(VERKSAMHET[6:]).format(y=year))
        elif year == 2023:
            for s in VERKSAMHET_2023[: rng.randint(3, 4)]:
                D.p(s.format(y=year))
        else:
            for s in rng.sample(VERKSAMHET, rng.randint(3, 5) + (2 if long_doc else 0)):
                D.p(s.format(y=year))
        # 2 Målgrupp
        H("Målgrupp")
        for s in rng.sample(MALGRUPP, rng.randint(2, 3)):
            D.p(s)
        if rng.random() < 0.6:
            D.p(f"I de prioriterade områdena bor cirka {sep(rng.randint(900, 6400))} barn i åldern 0–5 år, och under året föddes "
                f"{rng.randint(120, 700)} barn i områdena.")
        # 3 Antal hembesök (statistics)
        if long_doc and rng.random() < 0.6:
            D.pagebreak()
        H("Antal hembesök")
        fam = rng.randint(25, 160) if year == 2024 or is_pilot else rng.randint(3, 14)
        small = year == 2023 and not is_pilot
        visits_total = 0
        if payback:
            D.p(f"Inga hembesök inom det utökade programmet har genomförts under {year}.")
        elif rng.random() < 0.5:
            areas = rng.sample(AREAS, rng.randint(2, 4)) if not is_pilot else [area]
            rows, fcol, vcol, scol = [], [], [], []
            for a in areas:
                f_ = rng.randint(2, 6) if small else rng.randint(8, 60); v = f_ * rng.randint(1, 3) if small else f_ * rng.randint(3, 6); s_ = int(v * rng.uniform(0.4, 0.8))
                rows.append([a, str(f_), str(v), str(s_)]); fcol.append(f_); vcol.append(v); scol.append(s_)
            rows.append(["Totalt", str(sum(fcol)), str(sum(vcol)), str(sum(scol))])
            for col in (fcol, vcol, scol):
                D.sums.append((col, sum(col)))
            D.table(["Område", "Familjer", "Hembesök", "Med socialtjänst"], rows,
                    [4.4, 3.2, 3.2, 4.2], num_cols=(1, 2, 3), total_rows=(len(rows) - 1,))
            visits_total = sum(vcol)
        else:
            v = fam * (rng.randint(1, 2) if small else rng.randint(3, 6))
            rows = [["Familjer som erbjudits programmet", str(fam + rng.randint(3, 40))],
                    ["Familjer som deltagit", str(fam)],
                    ["Genomförda hembesök", str(v)],
                    ["varav gemensamma med socialtjänsten", str(int(v * rng.uniform(0.45, 0.85)))],
                    ["BHV-sjuksköterskor i programmet", str(rng.randint(2, 9))],
                    ["Familjebehandlare/föräldrarådgivare", str(rng.randint(1, 6))],
                    ["Årsarbetare totalt", f"{rng.randint(0, 1) if small else rng.randint(1, 7)},{rng.choice([2, 5, 8])}"]]
            D.table(["Nyckeltal", f"Utfall {year}"], rows, [10.0, 4.0], num_cols=(1,), grid=rng.random() < 0.6)
            visits_total = v
        D.p(f"Ersättningen till barnavårdscentralerna har varit {rng.choice(['2 500', '1 800', '2 200'])} kr per gemensamt hembesök. "
            f"Besöken har registrerats med KVA-kod ZV509.") if not is_pilot and not payback and rng.random() < 0.5 else None
        # 4 Samverkan
        H("Samverkan")
        collab = spec.get("collab") or []
        if is_pilot:
            rname = self.regions[PILOT[[p[0] for p in PILOT].index(code)][2]][0]
            D.p(f"Verksamheten har bedrivits i samverkan med {rname} (barnhälsovården och mödrahälsovården i området) samt folktandvården.")
        else:
            names = [dict(KOMMUNER[code])[c] for c in collab]
            if len(names) == 1:
                lst = names[0]
            else:
                lst = ", ".join(names[:-1]) + " och " + names[-1]
            if rng.random() < 0.5:
                D.p(f"Regionen har under {year} samverkat med följande kommuner: {lst}.")
            else:
                D.p(f"Programmet genomförs i samverkan med socialtjänsten i {lst}.")
        for s in rng.sample(SAMVERKAN_OTHER, rng.randint(1, 3)):
            D.p(s)
        if long_doc and not payback:
            D.h2("Erfarenheter och fortsatt arbete")
            for t_ in rng.sample(ERFARENHET, 4):
                D.p(t_.format(y=year, y1=year + 1))
            q = [rng.randint(8, 90) if not small else rng.randint(0, 6) for _ in range(4)]
            D.sums.append((q, sum(q)))
            D.table(["Kvartal", "Q1", "Q2", "Q3", "Q4", "Totalt"], [["Genomförda hembesök"] + [str(x) for x in q] + [str(sum(q))]],
                    [4.6, 2.0, 2.0, 2.0, 2.0, 2.4], num_cols=(1, 2, 3, 4, 5))
        if long_doc or rng.random() < 0.35:
            D.pagebreak()
        # 5 Ekonomisk redovisning
        H("Ekonomisk redovisning")
        self.economy(D, rng, spec, M, year)
        # 6 Underskrift
        H("Underskrift")
        n, t = self.signer(rng, not is_pilot)
        city = self.munis[code][0] if is_pilot else SEAT[code]
        D.p("Härmed intygas att uppgifterna i denna återrapportering är riktiga och att statsbidraget har använts i enlighet med "
            "villkoren i Socialstyrelsens anvisningar.")
        D.space(0.3)
        D.kv([("Ort och datum", f"{city} {dstr(ddate, dstyle)}"), ("Underskrift", "……………………………………………"),
              ("Namnförtydligande", n), ("Befattning", t)], w1=4.5, w2=10)
        return D.build(), D.sums

    def economy(self, D, rng, spec, M, year):
        rec, used, unused = spec["amounts"].get("received"), spec["amounts"].get("used"), spec["amounts"].get("unused")
        style = spec.get("econ") or rng.choice(["lines", "smalltable", "sentences", "budget", "tkr"])
        if rec is None and style == "budget":
            style = "lines"
        extra = spec.get("extra")  # 'tillagg', 'carry', 'overspent', 'payback', 'missing_used', 'missing_rec'
        sum_err = spec.get("sum_err", 0)
        D.p(f"Redovisningen avser kostnader under perioden 1 januari–31 december {year}. Beloppen anges i kronor"
            f"{' (tabellen i tusental kronor, tkr)' if style == 'tkr' else ''}.")
        # the cost table
        if extra == "payback":
            D.p("Inga kostnader har belastat statsbidraget under året.")
        elif extra == "missing_used":
            D.p(rng.choice(["Den ekonomiska redovisningen sammanställs av regionens ekonomiavdelning och skickas in separat när bokslutet är fastställt.",
                            "Slutlig ekonomisk redovisning av förbrukade medel lämnas i Socialstyrelsens e-tjänst efter att årsbokslutet har fastställts."]))
        else:
            rows = self.cost_rows(rng, used)
            vals = [v for _, v in rows]
            if sum_err:
                # one row typed wrong: the stated total is the sum the region booked
                i = rng.randrange(1, len(rows))
                rows[i] = (rows[i][0], rows[i][1] + sum_err)
                vals = [v for _, v in rows]
            total = used
            D.sums.append((vals, total))
            if style == "budget":
                budget_total = rec
                # align budget rows to the same labels
                blines = []
                rest = budget_total
                for j, (l, v) in enumerate(rows):
                    if j == 0:
                        blines.append(None)
                        continue
                    bv = int(round(v * rng.uniform(0.9, 1.15) / 100.0)) * 100 if budget_total else 0
                    blines.append(bv); rest -= bv
                blines[0] = rest
                if rest <= 0:
                    style = "lines"
                else:
                    D.sums.append((blines, budget_total))
                    tr = [[l, money(bv, "bare"), money(v, "bare")] for (l, v), bv in zip(rows, blines)]
                    tr.append(["Summa", money(budget_total, "bare"), money(total, "bare")])
                    D.table(["Kostnadsslag", "Budget (kr)", "Utfall (kr)"], tr, [7.4, 4.0, 4.0], num_cols=(1, 2),
                            total_rows=(len(tr) - 1,))
            if style == "tkr":
                tr = [[l, tkr(v)] for l, v in rows] + [["Summa kostnader", tkr(total)]]
                D.table(["Kostnadsslag", "Utfall, tkr"], tr, [9.0, 4.0], num_cols=(1,), total_rows=(len(tr) - 1,))
            elif style != "budget":
                bare = rng.choice(["bare", "bare00"])
                lab = rng.choice(["Summa kostnader", "Summa förbrukade medel", "Totalt"])
                tr = [[l, money(v, bare)] for l, v in rows] + [[lab, money(total, bare)]]
                D.table(["Kostnadsslag", "Belopp (kr)"], tr, [9.0, 4.5], num_cols=(1,), total_rows=(len(tr) - 1,),
                        grid=rng.random() < 0.7)
        # received / used / unused
        if extra in ("tillagg", "carry"):
            base, add = spec["base"], rec - spec["base"]
            addlab = ("Tilldelning av kvarvarande medel (omfördelning)" if extra == "tillagg"
                      else f"Medel överförda från {year - 1}")
            D.kv([(f"Statsbidrag {year} enligt rekvisition", M(base)), (addlab, M(add)),
                  ("Summa erhållna medel", M(rec)), ("Förbrukat", M(used)),
                  ("Ej förbrukat (återbetalas)", M(unused))], w1=8.5, w2=6)
            return
        if extra == "missing_used":
            D.p(f"Regionen har för {year} erhållit {M(rec)} i statsbidrag.")
            return
        if extra == "missing_rec":
            D.kv([("Förbrukade medel", M(used)), ("Ej förbrukade medel som återbetalas", M(unused))], w1=8, w2=6)
            D.p("Beslut om utbetalt belopp framgår av Socialstyrelsens beslut.")
            return
        lab_rec = rng.choice(["Erhållet bidrag", "Erhållet statsbidrag", "Erhållna medel", "Utbetalt bidrag från Socialstyrelsen"])
        lab_used = rng.choice(["Förbrukat", "Förbrukade medel", "Använda medel"])
        lab_un = rng.choice(["Ej förbrukat", "Ej förbrukade medel", "Att återbetala", "Ej förbrukat / att återbetala"])
        if extra == "overspent":
            over = used - rec
            lines = [(lab_rec, M(rec)), (lab_used, M(used)), (lab_un, M(0))]
            note = (f"Kostnaderna har överstigit erhållet bidrag med {M(over)}. Mellanskillnaden har finansierats med "
                    f"regionens egna medel och inget belopp ska återbetalas.")
        elif extra == "payback":
            lines = [(lab_rec, M(rec)), (lab_used, M(0)), (lab_un, M(unused))]
            note = ("Verksamheten kunde inte starta under året eftersom rekryteringen av personal inte blev klar. "
                    "Hela bidraget återbetalas till Socialstyrelsen.")
        else:
            lines = [(lab_rec, M(rec)), (lab_used, M(used)), (lab_un, M(unused))]
            note = None
        if style == "smalltable":
            D.table([l for l, _ in lines], [[v for _, v in lines]], [5.2, 5.2, 5.2], num_cols=(0, 1, 2))
        elif style == "sentences":
            if extra == "overspent":
                D.p(f"{'Kommunen' if spec['program'] == 'bhv-pilot' else 'Regionen'} har erhållit {M(rec)} i statsbidrag för {year}. "
                    f"Förbrukade medel uppgår till {M(used)}. Ej förbrukade medel: {M(0)}.")
            elif extra == "payback":
                D.p(f"Erhållet statsbidrag för {year} uppgår till {M(rec)}. Förbrukade medel uppgår till {M(0)}. "
                    f"Ej förbrukade medel att återbetala: {M(unused)}.")
            else:
                who = "Kommunen" if spec["program"] == "bhv-pilot" else "Regionen"
                D.p(f"{who} har erhållit {M(rec)} i statsbidrag för {year}. Under året har {M(used)} förbrukats. "
                    f"Ej förbrukade medel, {M(unused)}, återbetalas till Socialstyrelsen efter fakturering.")
        else:
            D.kv(lines, w1=7.5, w2=6)
        if note:
            D.p(note)

    # ---------------------------------------------------------------- requisition
    def requisition(self, spec):
        rng = random.Random(spec["seed"])
        prog, year, code, ddate = spec["program"], spec["year"], spec["org"], spec["ddate"]
        kind = spec["orgkind"]
        req = spec["amounts"]["requested"]
        M = lambda n: money(n, rng.choice(["kr", "kronor", "colon"]))
        if kind == "region":
            orgname, unit, ref, footer = self.region_head(rng, code, ddate.year)
        elif prog == "bhv-pilot":
            orgname, unit, ref, footer = self.muni_head(rng, code, ddate.year)
        else:
            mn = self.munis[code][0]
            orgname = f"{mn}{'' if mn[-1] in 'aeiouyåäös' else 's'} kommun"
            unit = "Socialförvaltningen"
            ref = f"Dnr SOC {ddate.year}/{rng.randint(40, 900)}"
            footer = f"{orgname} · {rng.randint(100, 999)} {rng.randint(10, 99)} {mn} · Org.nr 212000-{rng.randint(1000, 9999)}"
        D = Doc(rng, orgname, unit, ref, footer)
        if prog == "bhv-pilot":
            D.h1(f"Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården {year}")
            D.p(f"{orgname} rekvirerar härmed statsbidrag för {year} för den förebyggande socialtjänstens medverkan i "
                f"pilotverksamheten i barnhälsovården i {PILOT_AREA[code]}, enligt Socialstyrelsens anvisningar.")
            D.kv([("Kommun", orgname), ("Pilotområde", PILOT_AREA[code]), ("Bidragsår", str(year)),
                  ("Rekvirerat belopp", M(req)), ("Plusgiro/bankgiro", f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}")], boxed=True)
        else:
            D.h1(rng.choice([f"Rekvisition av statsbidrag för utökade hembesöksprogram {year}",
                             f"Rekvisition – statsbidrag till barnhälsovårdens förebyggande arbete med hembesöksprogram {year}"]))
            pairs = [("Sökande", orgname), ("Bidragsår", str(year)), ("Rekvirerat belopp", M(req))]
            if spec.get("collab_names"):
                pairs.append(("Samverkande kommuner", ", ".join(spec["collab_names"])))
            if spec.get("share") is not None:
                pairs.append(("Andel av bidraget som finansierar kommunal verksamhet", f"{spec['share']} %"))
            if kind == "region" and year == 2024:
                pairs.append(("Önskar ta del av kvarvarande medel", rng.choice(["Ja", "Nej"])))
            D.p(f"{orgname} rekvirerar statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med "
                f"utökade hembesöksprogram under {year}.")
            D.kv(pairs, boxed=True, w1=7, w2=9)
            if spec.get("note"):
                D.p(spec["note"])
            if kind == "region" and year == 2024 and spec.get("share") is None:
                D.p("Fördelningen mellan regionens och kommunernas verksamhet bestäms i den gemensamma styrgruppen under våren.")
        D.space(0.5)
        n, t = self.signer(rng, kind == "region")
        D.kv([("Datum", dstr(ddate, rng.choice(["iso", "long"]))), ("Underskrift", "……………………………………"),
              ("Namnförtydligande", n), ("Befattning", t)], w1=4.5, w2=10)
        return D.build(), D.sums

    # ---------------------------------------------------------------- decision
    def decision(self, spec):
        rng = random.Random(spec["seed"])
        year, code, ddate = spec["year"], spec["org"], spec["ddate"]
        orgname, unit, ref, footer = self.region_head(rng, code, ddate.year)
        board = rng.choice(["Regionstyrelsen", "Hälso- och sjukvårdsnämnden", "Regionstyrelsens arbetsutskott"])
        D = Doc(rng, orgname, "Protokollsutdrag", ref, footer)
        D.h1(f"{board} – protokollsutdrag")
        D.kv([("Sammanträdesdatum", dstr(ddate, "iso")), ("Paragraf", f"§ {rng.randint(20, 260)}")], w1=5.6, w2=8)
        D.h2(f"Fördelning av statsbidrag för utökade hembesöksprogram {year}")
        D.h2("Beslut")
        D.p(f"{board} beslutar att fördela statsbidraget ({spec['decided_text']} {year}) för att stödja och stimulera "
            f"barnhälsovårdens förebyggande arbete med hembesök till centrala barnhälsovårdsenheten.")
        D.h2("Sammanfattning av ärendet")
        pool = "42 miljoner kronor" if year == 2023 else "82 miljoner kronor"
        D.p(f"Socialstyrelsen har regeringens uppdrag att stödja och stimulera barnhälsovårdens arbete med hembesöksprogram. "
            f"Av totalt {pool} som fördelas till regionerna för {year} kan {orgname} rekvirera medel enligt Socialstyrelsens "
            f"fördelningslista. Medlen ska användas senast den 31 december {year} och redovisas till Socialstyrelsen.")
        D.space(0.4)
        D.kv([("Justerare", f"{rng.choice(FIRST)} {rng.choice(LAST)}"), ("Ordförande", f"{rng.choice(FIRST)} {rng.choice(LAST)}"),
              ("Utdragsbestyrkande", f"{rng.choice(FIRST)} {rng.choice(LAST)}")], w1=4.5, w2=8)
        return D.build(), D.sums

    # ---------------------------------------------------------------- plan
    def plan(self):
        rng = self.rng
        regs = sorted(self.regions)
        specs = []
        S = lambda: rng.randint(1, 10**9)

        def A(p, y, c):
            return self.alloc[(p, y, c)][0]

        def collab_for(reg):
            lst = KOMMUNER.get(reg, [])
            k = rng.randint(1, min(3, len(lst)))
            return sorted(c for c, _ in rng.sample(lst, k))

        def mk_unused(rec, lo=0.02, hi=0.25):
            if rng.random() < 0.12:
                return 0
            return int(round(rec * rng.uniform(lo, hi) / 100.0)) * 100

        # --- hembesok 2024 reports: 20 regions (not Gotland)
        r24 = [r for r in regs if r != "09"]
        rng.shuffle(r24)
        kinds24 = (["clean"] * 7 + ["payback", "carry_under"] + ["overspent"] * 2 + ["unused_mm"] + ["sum_mm"] * 2 +
                   ["late_sum"] + ["late"] + ["tillagg", "carry"] + ["missing_used", "missing_rec"])
        assert len(kinds24) == len(r24)
        rng.shuffle(kinds24)
        win24 = (dt.date(2025, 1, 8), dt.date(2025, 3, 1))
        late24 = (dt.date(2025, 3, 3), dt.date(2025, 3, 21))
        # --- hembesok 2023 reports: 10 regions
        r23 = [r for r in regs if r not in ("18", "09")]
        rng.shuffle(r23)
        r23 = r23[:10]
        kinds23 = ["clean"] * 4 + ["payback", "overspent", "sum_mm", "late", "missing_used", "unused_mm"]
        rng.shuffle(kinds23)
        win23 = (dt.date(2024, 1, 10), dt.date(2024, 3, 1))
        late23 = (dt.date(2024, 3, 4), dt.date(2024, 3, 20))

        def report_spec(prog, year, code, kind, win, late):
            alloc = A(prog, year, code)
            s = dict(doc="return_report", program=prog, year=year, org=code,
                     orgkind="municipality" if prog == "bhv-pilot" else "region", seed=S(), sums_expect=0)
            recv = rnd_date(rng, *(late if kind.startswith("late") else win))
            s["received"] = recv
            s["ddate"] = recv - dt.timedelta(days=rng.randint(0, 5))
            rec = alloc
            if kind == "carry_under":
                base = int(round(alloc * rng.uniform(0.6, 0.8) / 1000.0)) * 1000
                rec = base + int(round(alloc * rng.uniform(0.05, 0.15) / 1000.0)) * 1000
                s["base"], s["extra"] = base, "carry"
                assert rec <= alloc
            elif kind in ("tillagg", "carry"):
                s["base"] = alloc
                rec = alloc + int(round(alloc * rng.uniform(0.04, 0.12) / 1000.0)) * 1000
                s["extra"] = kind
            if kind == "payback":
                used, unused = 0, rec
                s["extra"] = "payback"
                s["econ"] = rng.choice(["lines", "smalltable", "sentences"])
            elif kind == "overspent":
                used = rec + int(round(rec * rng.uniform(0.02, 0.12) / 100.0)) * 100
                unused = 0
                s["extra"] = "overspent"
                s["econ"] = rng.choice(["lines", "smalltable", "sentences", "tkr"])
            else:
                unused = mk_unused(rec)
                used = rec - unused
            if kind == "unused_mm":
                wrong = unused + rng.choice([-1, 1]) * rng.choice([10_000, 1_000, 9_000, 100_000 if rec > 800_000 else 20_000])
                if wrong < 0 or unused == 0:
                    unused = int(round(rec * 0.1 / 100.0)) * 100
                    used = rec - unused
                    wrong = unused + 10_000
                s["wrong_unused"] = wrong
            if kind in ("sum_mm", "late_sum"):
                s["sum_err"] = rng.choice([10_000, -10_000, 1_000, 90_000, -9_000, 100_000])
            amounts = dict(received=rec, used=used, unused=s.get("wrong_unused", unused))
            if kind == "missing_used":
                amounts = dict(received=rec)
                s["extra"] = "missing_used"
            if kind == "missing_rec":
                amounts = dict(used=used, unused=unused)
                s["extra"] = "missing_rec"
            if "econ" not in s and s.get("extra") in ("tillagg", "carry"):
                s["econ"] = rng.choice(["lines", "tkr"])
            s["amounts"] = amounts
            if prog == "hembesok":
                s["collab"] = collab_for(code)
                if year == 2024 and rng.random() < 0.3:
                    s["share"] = rng.choice([25, 30, 40, 50])
            s["long"] = rng.random() < 0.4
            s["kind_tag"] = kind
            return s

        for code, kind in zip(r24, kinds24):
            specs.append(report_spec("hembesok", 2024, code, kind, win24, late24))
        for code, kind in zip(r23, kinds23):
            specs.append(report_spec("hembesok", 2023, code, kind, win23, late23))
        pk = ["clean", "clean", "late", "unused_mm"]
        for (code, *_), kind in zip(PILOT, pk):
            specs.append(report_spec("bhv-pilot", 2023, code, kind, (dt.date(2024, 3, 18), dt.date(2024, 5, 3)),
                                     (dt.date(2024, 5, 6), dt.date(2024, 5, 24))))
        # --- requisitions
        def req_spec(prog, year, code, kind, amount, recv, **kw):
            s = dict(doc="requisition", program=prog, year=year, org=code, orgkind=kind, seed=S(),
                     amounts=dict(requested=amount), received=recv, ddate=recv - dt.timedelta(days=rng.randint(0, 4)))
            s.update(kw)
            return s

        pilot_codes = [p[0] for p in PILOT]
        specs.append(req_spec("bhv-pilot", 2023, "0181", "municipality", 580_000, rnd_date(rng, dt.date(2023, 5, 2), dt.date(2023, 6, 9))))
        specs.append(req_spec("bhv-pilot", 2023, "0180", "municipality", 255_000, rnd_date(rng, dt.date(2023, 5, 2), dt.date(2023, 6, 16))))
        specs.append(req_spec("bhv-pilot", 2023, "1280", "municipality", 580_000, rnd_date(rng, dt.date(2023, 6, 19), dt.date(2023, 6, 28))))
        c23 = rng.choice([r for r in regs if r not in r23])
        specs.append(req_spec("hembesok", 2023, c23, "region", A("hembesok", 2023, c23), rnd_date(rng, dt.date(2023, 9, 4), dt.date(2023, 10, 31))))
        # 2024 requisitions: pick regions
        pool24 = [r for r in regs if r != "09"]
        rng.shuffle(pool24)
        w24 = (dt.date(2024, 2, 6), dt.date(2024, 4, 5))
        clean1, clean2, over, late, dupr, miss = pool24[:6]
        rep24 = {s["org"]: s for s in specs if s["doc"] == "return_report" and s["year"] == 2024 and s["program"] == "hembesok"}

        def req_amt(c):
            s = rep24.get(c)
            if s and s.get("extra") == "carry" and s["base"] < A("hembesok", 2024, c):
                return s["base"]
            return A("hembesok", 2024, c)

        def collab_kw(c):
            cl = rep24[c]["collab"] if c in rep24 else collab_for(c)
            names = [dict(KOMMUNER[c])[x] for x in cl]
            return dict(collab=cl, collab_names=names)

        for c in (clean1, clean2):
            specs.append(req_spec("hembesok", 2024, c, "region", req_amt(c), rnd_date(rng, *w24),
                                  share=rng.choice([30, 40, 50]), **collab_kw(c)))
        amt = A("hembesok", 2024, over) + int(round(A("hembesok", 2024, over) * rng.uniform(0.05, 0.2) / 1000.0)) * 1000
        specs.append(req_spec("hembesok", 2024, over, "region", amt, rnd_date(rng, *w24), share=40, **collab_kw(over)))
        specs.append(req_spec("hembesok", 2024, late, "region", req_amt(late), rnd_date(rng, dt.date(2024, 4, 8), dt.date(2024, 4, 19)),
                              share=50, **collab_kw(late)))
        d1 = rnd_date(rng, dt.date(2024, 2, 6), dt.date(2024, 3, 1))
        base_amt = int(round(A("hembesok", 2024, dupr) * 0.8 / 1000.0)) * 1000
        specs.append(req_spec("hembesok", 2024, dupr, "region", base_amt, d1, share=30, **collab_kw(dupr)))
        specs.append(req_spec("hembesok", 2024, dupr, "region", A("hembesok", 2024, dupr), d1 + dt.timedelta(days=rng.randint(7, 20)),
                              share=30, note="Denna rekvisition ersätter regionens tidigare inskickade rekvisition, där beloppet var felaktigt angivet.",
                              **collab_kw(dupr)))
        specs.append(req_spec("hembesok", 2024, miss, "region", req_amt(miss), rnd_date(rng, *w24), **collab_kw(miss)))
        specs.append(req_spec("hembesok", 2024, "2480", "municipality", rng.choice([250_000, 300_000, 400_000]), rnd_date(rng, *w24)))
        # --- decisions
        dregs = [r for r in regs if r not in (c23,)]
        rng.shuffle(dregs)
        for i, (c, mode) in enumerate(zip(dregs[:3], ["mn_ok", "exact", "mn_bad"])):
            year = 2023 if i != 1 else 2024
            a = A("hembesok", year, c)
            if mode == "mn_ok":
                m = round(a / 100_000) / 10
                txt = f"{m:.1f} miljoner kronor".replace(".", ",")
                dec, tol = int(round(m * 1_000_000)), 50_000
                if abs(dec - a) >= 45_000:
                    txt, dec, tol = f"{a // 1000} tkr", a // 1000 * 1000, 500
            elif mode == "exact":
                txt, dec, tol = f"{sep(a)} kronor", a, 0.5
            else:
                m = round(a / 100_000) / 10 + rng.choice([0.3, -0.2, 0.4])
                txt = f"{m:.1f} miljoner kronor".replace(".", ",")
                m = float(f"{m:.1f}")
                dec, tol = int(round(m * 1_000_000)), 50_000
            recv = rnd_date(rng, dt.date(2023, 9, 12), dt.date(2023, 11, 24)) if year == 2023 else rnd_date(rng, dt.date(2024, 2, 12), dt.date(2024, 3, 28))
            specs.append(dict(doc="decision", program="hembesok", year=year, org=c, orgkind="region", seed=S(),
                              amounts=dict(decided=dec), decided_text=txt, tol=tol, received=recv,
                              ddate=recv - dt.timedelta(days=rng.randint(2, 8))))
        # --- duplicates: two clean reports sent again
        cleans = [s for s in specs if s["doc"] == "return_report" and s.get("kind_tag") == "clean"]
        rng.shuffle(cleans)
        dups = []
        for s in cleans[:2]:
            dl = PROGRAMS[(s["program"], s["year"])]["rep_deadline"]
            r2 = min(s["received"] + dt.timedelta(days=rng.randint(1, 12)), dl)
            dups.append(dict(s, dup_of=id(s), received=r2, seed=s["seed"]))
        specs += dups
        for s in specs:
            s.setdefault("dup_of", None)
            s["_id"] = id(s) if s["dup_of"] is None else None
        # arrival order
        order = sorted(specs, key=lambda s: (s["received"], s["dup_of"] is not None, s["seed"]))
        return order

    # ---------------------------------------------------------------- flags (contract rules)
    def flags(self, s, onfile_reqs, sums):
        f = []
        key = (s["program"], s["year"])
        prog = PROGRAMS[key]
        if s["dup_of"] is not None:
            f.append("DUPLICATE_DOCUMENT")
        a = self.alloc.get((s["program"], s["year"], s["org"]))
        amt = s["amounts"]
        wrong = s["orgkind"] not in prog["kinds"]
        if wrong:
            f.append("WRONG_RECIPIENT_KIND")
        elif a is None:
            f.append("NO_ALLOCATION")
        if s["doc"] == "requisition":
            if a and amt["requested"] > a[0]:
                f.append("AMOUNT_EXCEEDS_ALLOCATION")
            tot = sum(r["amounts"]["requested"] for r in onfile_reqs if (r["program"], r["year"]) == key) + amt["requested"]
            if tot > prog["pool"]:
                f.append("POOL_EXCEEDED")
            if any(r["org"] == s["org"] and (r["program"], r["year"]) == key for r in onfile_reqs):
                f.append("DUPLICATE_REQUISITION")
            if s["received"] > prog["req_deadline"]:
                f.append("LATE_REQUISITION")
            if not wrong and s["orgkind"] == "region" and key == ("hembesok", 2024):
                if not s.get("collab") or s.get("share") is None:
                    f.append("MISSING_FIELD")
            if a and a[1] is not None and s.get("share") is not None and s["share"] < a[1]:
                f.append("SHARE_BELOW_MINIMUM")
        elif s["doc"] == "return_report":
            if a and "received" in amt and amt["received"] > a[0]:
                f.append("AMOUNT_EXCEEDS_ALLOCATION")
            if s["received"] > prog["rep_deadline"]:
                f.append("LATE_REPORT")
            if "received" in amt and "used" in amt:
                if amt["used"] > amt["received"]:
                    f.append("USED_EXCEEDS_RECEIVED")
                elif "unused" in amt and abs(amt["received"] - amt["used"] - amt["unused"]) > 1:
                    f.append("UNUSED_MISMATCH")
            if not wrong and ("received" not in amt or "used" not in amt):
                f.append("MISSING_FIELD")
        elif s["doc"] == "decision":
            if a and abs(amt["decided"] - a[0]) > s["tol"]:
                f.append("DECISION_AMOUNT_MISMATCH")
        if any(abs(sum(rows) - tot) > 1 for rows, tot in sums):
            f.append("SUM_MISMATCH")
        return sorted(set(f))

    # ---------------------------------------------------------------- run
    def run(self):
        self.out.mkdir(parents=True, exist_ok=True)
        for p in self.out.iterdir():
            if p.suffix in (".pdf", ".jpg", ".png") or p.name in ("truth.json", "allocations.csv"):
                p.unlink()
        self.write_allocations()
        order = self.plan()
        # choose scanned documents: ~36 %, and their profile
        rng = random.Random(self.seed * 31 + 5)
        originals = [s for s in order if s["dup_of"] is None]
        idx = list(range(len(originals)))
        rng.shuffle(idx)
        reps = [i for i in idx if originals[i]["doc"] == "return_report"]
        others = [i for i in idx if originals[i]["doc"] != "return_report"]
        scan_set = set(reps[:13] + others[:5])
        one_page = [i for i in others[:5]]
        img_set = {one_page[0]: "jpg", one_page[1]: "png"}
        profiles = ["office", "office", "office", "faint", "stamp", "fax"]
        for n, i in enumerate(sorted(scan_set)):
            s = originals[i]
            s["scanned"] = True
            s["profile"] = {"jpg": "phone", "png": "fax"}.get(img_set.get(i), profiles[n % len(profiles)])
            s["ext"] = img_set.get(i, "pdf")
        for s in originals:
            s.setdefault("scanned", False)
            s.setdefault("ext", "pdf")
        built = {}
        truth, onfile_reqs = [], []
        for n, s in enumerate(order, 1):
            if s["dup_of"] is not None:
                src = next(o for o in originals if id(o) == s["dup_of"])
                data, sums, ext, scanned = built[id(src)]
            else:
                builder = {"return_report": self.report, "requisition": self.requisition, "decision": self.decision}[s["doc"]]
                data, sums = builder(s)
                ext, scanned = s["ext"], s["scanned"]
                if scanned:
                    stamp = None
                    if s["profile"] in ("stamp",) or (s["profile"] == "office" and s["seed"] % 3 == 0):
                        stamp = ["SOCIALSTYRELSEN", f"Inkom {s['received'].isoformat()}", f"Dnr {s['seed'] % 9 + 1}.{s['seed'] % 7 + 1}-{s['seed'] % 40000 + 1000}/{s['received'].year}"]
                    pages = scan_pages(data, s["seed"], s["profile"], stamp)
                    if ext == "pdf":
                        data = pages_to_pdf(pages)
                    else:
                        assert len(pages) == 1, "image documents must be one page"
                        im = Image.open(io.BytesIO(pages[0][0]))
                        b = io.BytesIO()
                        if ext == "png":
                            im.convert("L").save(b, "PNG", optimize=False)
                        else:
                            im.save(b, "JPEG", quality=80, dpi=(pages[0][1], pages[0][1]))
                        data = b.getvalue()
                built[id(s)] = (data, sums, ext, scanned)
            fname = f"C21-{n:02d}.{ext}"
            (self.out / fname).write_bytes(data)
            flags = self.flags(s, onfile_reqs, sums)
            if s["doc"] == "requisition":
                onfile_reqs.append(s)
            exp = {"document_type": s["doc"], "program": s["program"], "grant_year": s["year"],
                   "organisation": {"kind": s["orgkind"], "code": s["org"]},
                   "amounts": dict(s["amounts"]), "document_date": s["ddate"].isoformat()}
            if s.get("collab"):
                exp["collaborating_municipalities"] = sorted(s["collab"])
            if s.get("share") is not None:
                exp["municipal_share_percent"] = s["share"]
            truth.append({"file": fname, "scanned": scanned, "received": s["received"].isoformat(),
                          "expect": exp, "flags": flags})
        with open(self.out / "truth.json", "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        return truth


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=2121)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    a = ap.parse_args()
    truth = Gen(a.outdir, a.seed, a.shared).run()
    from collections import Counter
    fc = Counter(f for d in truth for f in d["flags"])
    print(f"{len(truth)} documents, {sum(d['scanned'] for d in truth)} scanned, "
          f"{sum(not d['flags'] for d in truth)} without flags")
    print("types:", dict(Counter(d["expect"]["document_type"] for d in truth)))
    print("flags:", dict(sorted(fc.items())))


if __name__ == "__main__":
    main()
