#!/usr/bin/env python3
"""C9 blind corpus: plain-text e-mails/notes printed to PDF (monospace), typed numbers and dates.

usage: genC9.py OUTDIR --seed N
"""
from pathlib import Path
import argparse, csv, datetime as dt, io, json, os, random, textwrap

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import pypdfium2 as pdfium
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

NB = "\u00a0"  # protects numbers from wrapping; rendered as plain space
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = str(SHARED / "data")
MUNI = {}
with open(f"{DATA}/scb_municipalities.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        MUNI[r["municipality_code"]] = r["municipality_name"]
REG = {}
with open(f"{DATA}/scb_regions.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        REG[r["region_code"]] = r["region_name"]

pdfmetrics.registerFont(TTFont("DejaVuMono", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"))

# ---------------------------------------------------------------- programs / allocations
PROGRAMS = {
    ("hembesok", 2023): dict(kinds={"region"}, pool=42_000_000, req_dl="2023-10-31", rep_dl="2024-03-01"),
    ("hembesok", 2024): dict(kinds={"region"}, pool=82_000_000, req_dl="2024-04-05", rep_dl="2025-03-01"),
    ("bhv-pilot", 2023): dict(kinds={"region", "municipality"}, pool=4_500_000, req_dl="2023-06-16", rep_dl="2024-05-03"),
}
A23 = {"01": 5107000, "03": 1709000, "04": 1505000, "05": 1872000, "06": 486000, "07": 1811000,
       "08": 975000, "09": 1750000, "10": 1989000, "12": 6334000, "13": 1206000, "14": 5650000,
       "17": 2770000, "18": 1349000, "19": 1472000, "20": 1679000, "21": 298000, "22": 1619000,
       "23": 261000, "24": 634000, "25": 1524000}
A24 = {"01": 13420000, "03": 2535000, "04": 1480000, "05": 4778000, "06": 4913000, "07": 1610000,
       "08": 3636000, "09": 834000, "10": 4089000, "12": 9903000, "13": 2040000, "14": 11250000,
       "17": 2084000, "18": 3370000, "19": 2208000, "20": 1930000, "21": 1230000, "22": 979000,
       "24": 1560000, "25": 1505000}  # 23 (Jämtland Härjedalen) deliberately has no row
MIN24 = {"03": 25, "13": 30, "20": 25}
PILOT = {"0181": (580000, 45), "1280": (580000, 45), "1480": (580000, 45), "0380": (255000, 40),
         "01": (705000, None), "12": (705000, None), "14": (705000, None), "03": (385000, None)}

ALLOC = {}
for c, v in A23.items():
    ALLOC[("hembesok", 2023, c)] = (v, None)
for c, v in A24.items():
    ALLOC[("hembesok", 2024, c)] = (v, MIN24.get(c))
for c, v in PILOT.items():
    ALLOC[("bhv-pilot", 2023, c)] = v


def org_name(code):
    return REG[code] if len(code) == 2 else MUNI[code]


# ---------------------------------------------------------------- typing helpers
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]
MON3 = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
WDAY = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


def D(s):
    return dt.date.fromisoformat(s)


def sdate(iso, style):
    d = D(iso)
    if style == "iso":
        return iso
    if style == "long":
        return f"{d.day} {MONTHS[d.month-1]} {d.year}"
    if style == "slash":
        return f"{d.day}/{d.month} {d.year}"
    if style == "dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "den_e":
        suf = ":a" if d.day % 10 in (1, 2) and d.day not in (11, 12) else ":e"
        return f"den {d.day}{suf} {MONTHS[d.month-1]} {d.year}"
    if style == "short":
        return f"{d.day} {MON3[d.month-1]} {d.year}"
    raise ValueError(style)


def sent(iso, t, style="outlook"):
    d = D(iso)
    if style == "outlook":
        return f"den {d.day} {MONTHS[d.month-1]} {d.year} {t}"
    if style == "outlook_wd":
        return f"{WDAY[d.weekday()]} {d.day} {MONTHS[d.month-1]} {d.year} {t}"
    return f"{iso} {t}"


def grp(n, sep=" "):
    s = f"{n:,}".replace(",", sep)
    return s


ONES = ["", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
        "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"]
TENS = ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"]


def w1000(n):
    h, r = divmod(n, 100)
    s = (ONES[h] + "hundra") if h else ""
    s += ONES[r] if r < 20 else TENS[r // 10] + ONES[r % 10]
    return s


def words(n):
    m, rest = divmod(n, 1_000_000)
    t, u = divmod(rest, 1000)
    parts = []
    if m:
        parts.append("en miljon" if m == 1 else w1000(m) + " miljoner")
    tail = ""
    if t:
        tail += ("ettusen" if t == 1 else w1000(t) + "tusen")
    if u:
        tail += w1000(u)
    if tail:
        parts.append(tail)
    return " ".join(parts) + " kronor"


def amt(n, style):
    if style == "sp":
        s = grp(n) + " kr"
    elif style == "nosp":
        s = f"{n} kr"
    elif style == "dot":
        s = grp(n, ".") + ":-"
    elif style == "colon":
        s = grp(n) + ":-"
    elif style == "tkr":
        assert n % 1000 == 0
        s = grp(n // 1000) + " tkr"
    elif style == "sek":
        s = "SEK " + grp(n)
    elif style == "krpre":
        s = "kr " + grp(n)
    elif style == "kronor":
        s = grp(n) + " kronor"
    elif style == "words":
        s = words(n)
    elif style == "words+":
        s = f"{words(n)} ({grp(n)} kr)"
    else:
        raise ValueError(style)
    return s.replace(" ", NB)


PCTW = {15: "femton", 20: "tjugo", 25: "tjugofem", 30: "trettio", 35: "trettiofem", 40: "fyrtio",
        45: "fyrtiofem", 50: "femtio"}


def pct(p, style):
    s = {"sp": f"{p} %", "nosp": f"{p}%", "procent": f"{p} procent", "words": f"{PCTW[p]} procent"}[style]
    return s.replace(" ", NB)


# ---------------------------------------------------------------- people / addresses
FIRST = ["Anna", "Karin", "Maria", "Eva", "Lena", "Sara", "Johan", "Erik", "Lars", "Mikael", "Helena",
         "Ulrika", "Camilla", "Peter", "Fredrik", "Sofia", "Malin", "Jonas", "Ingrid", "Annika"]
LAST = ["Andersson", "Lindqvist", "Berg", "Nyström", "Holm", "Ek", "Sandberg", "Lundgren", "Forsberg",
        "Wikström", "Sjöberg", "Engström", "Hedlund", "Åberg", "Björk", "Falk", "Söderlund", "Mattsson"]

DOMAIN = {"01": "regionstockholm.se", "03": "regionuppsala.se", "04": "regionsormland.se",
          "05": "regionostergotland.se", "06": "rjl.se", "07": "kronoberg.se", "08": "regionkalmar.se",
          "09": "gotland.se", "10": "regionblekinge.se", "12": "skane.se", "13": "regionhalland.se",
          "14": "vgregion.se", "17": "regionvarmland.se", "18": "regionorebrolan.se",
          "19": "regionvastmanland.se", "20": "regiondalarna.se", "21": "regiongavleborg.se",
          "22": "rvn.se", "23": "regionjh.se", "24": "regionvasterbotten.se", "25": "norrbotten.se",
          "0181": "sodertalje.se", "1280": "malmo.se", "1480": "goteborg.se", "0380": "uppsala.se",
          "1880": "orebro.se", "0581": "norrkoping.se"}
SOS = "statsbidrag@socialstyrelsen.se"
MUNVAR = {"0380": "Uppsala kommun", "0381": "Enköpings kommun", "0580": "Linköpings kn",
          "0581": "Norrköpings kommun", "0680": "Jönköpings kommun", "1380": "Halmstads kommun",
          "1383": "Varbergs kn", "2080": "Falu kommun", "2081": "Borlänge kommun", "2380": "Östersunds kommun",
          "0980": "Gotlands kommun", "1480": "Göteborgs Stad", "1490": "Borås Stad", "1494": "Lidköpings kommun",
          "1080": "Karlskrona kommun", "1082": "Karlshamns kommun", "2281": "Sundsvalls kommun"}


class People:
    def __init__(self, rng):
        self.rng = rng

    def person(self):
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def addr(self, name, code):
        a = name.lower().replace(" ", ".")
        for x, y in (("å", "a"), ("ä", "a"), ("ö", "o")):
            a = a.replace(x, y)
        return f"{a}@{DOMAIN[code]}"


# ---------------------------------------------------------------- text layout
import re
_MON = "|".join(MONTHS)
_PROT = [(re.compile(r"(?<=\d) (?=\d{3}(?!\d))"), NB),
         (re.compile(r"(?<=\d) (?=(kr|kronor|tkr|mkr|miljoner|miljon|procent|%)\b|%)"), NB),
         (re.compile(r"(?<=\bSEK) (?=\d)|(?<=\bkr) (?=\d)"), NB),
         (re.compile(r"(?<=miljoner) (?=kronor)"), NB),
         (re.compile(r"(?<=\d) (?=(" + _MON + r") \d{4})"), NB),
         (re.compile(r"\b(" + _MON + r") (?=\d{4})"), r"\1" + NB),
         (re.compile(r"(?<=\d) (?=(" + _MON + r")\b)"), NB)]


def wrap_body(text, width=78):
    for rx, rep in _PROT:
        text = rx.sub(rep, text)
    out = []
    for line in text.split("\n"):
        if line.startswith("|"):  # preformatted
            out.append(line[1:])
            continue
        prefix = ""
        while line.startswith("> "):
            prefix += "> "
            line = line[2:]
        if line.strip() == "":
            out.append(prefix.rstrip())
            continue
        for w in textwrap.wrap(line, width - len(prefix), break_long_words=False, break_on_hyphens=False):
            out.append(prefix + w)
    return [l.replace(NB, " ") for l in out]


def render_pdf(lines, path, font="Courier", size=10):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("")
    W, H = A4
    lh = size * 1.25
    y0 = H - 62
    y = y0
    c.setFont(font, size)
    for l in lines:
        if l == "\f" or y < 60:
            c.showPage()
            c.setFont(font, size)
            y = y0
            if l == "\f":
                continue
        c.drawString(58, y, l)
        y -= lh
    c.showPage()
    c.save()


# ---------------------------------------------------------------- scan simulation
def stamp(img, text_lines, rng):
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 26)
    W = img.size[0]
    x0, y0 = W - 560, 18
    d.rectangle([x0, y0, x0 + 500, y0 + 40 * len(text_lines) + 16], outline=90, width=4)
    for i, t in enumerate(text_lines):
        d.text((x0 + 18, y0 + 10 + 40 * i), t, fill=90, font=f)


def scan_images(pdf_path, mode, rng, stamp_lines=None):
    pdf = pdfium.PdfDocument(pdf_path)
    imgs = []
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    for i in range(len(pdf)):
        dpi = 200 if mode != "photo" else 170
        img = pdf[i].render(scale=dpi / 72).to_pil().convert("L")
        if stamp_lines and i == 0:
            stamp(img, stamp_lines, rng)
        img = img.filter(ImageFilter.MinFilter(3))  # toner spread: thin Courier strokes print heavier
        a = np.asarray(img).astype(np.float32)
        if mode in ("faint",):
            a = 255 - (255 - a) * 0.62
            a = a + 8
        if mode in ("scan", "faint", "rot90", "png"):
            a = a + nrng.normal(0, 6 if mode != "png" else 4, a.shape)
            sp = nrng.random(a.shape) < 0.0008
            a[sp] = 40
        a = np.clip(a, 0, 255).astype(np.uint8)
        img = Image.fromarray(a)
        if mode in ("scan", "faint", "png"):
            ang = rng.uniform(-1.6, 1.6)
            img = img.rotate(ang, resample=Image.BICUBIC, expand=True, fillcolor=235)
            img = img.filter(ImageFilter.GaussianBlur(0.35))
        if mode == "rot90":
            img = img.rotate(rng.choice([90, -90]), expand=True, fillcolor=255)
            img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, expand=True, fillcolor=235)
        if mode == "photo":
            import cv2
            src = np.asarray(img.convert("RGB"))
            h, w = src.shape[:2]
            bg = np.full((int(h * 1.12), int(w * 1.12), 3), (92, 80, 70), np.uint8)
            jit = lambda s: s * rng.uniform(0.01, 0.04)
            srcp = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
            ox, oy = w * 0.06, h * 0.06
            dstp = np.float32([[ox + jit(w), oy + jit(h)], [ox + w - jit(w), oy + jit(h) * 0.5],
                               [ox + w - jit(w) * 0.5, oy + h - jit(h)], [ox + jit(w) * 0.3, oy + h - jit(h) * 0.4]])
            M = cv2.getPerspectiveTransform(srcp, dstp)
            out = cv2.warpPerspective(src, M, (bg.shape[1], bg.shape[0]), dst=bg, borderMode=cv2.BORDER_TRANSPARENT)
            yy, xx = np.mgrid[0:out.shape[0], 0:out.shape[1]]
            shade = 1.0 - 0.32 * np.clip((xx / out.shape[1] + yy / out.shape[0]) - 0.9, 0, 1)
            out = np.clip(out.astype(np.float32) * shade[..., None] * np.array([1.0, 0.97, 0.9]), 0, 255)
            out = out + nrng.normal(0, 5, out.shape)
            img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
        imgs.append(img)
    pdf.close()
    return imgs


def write_scan(pdf_src, out_path, mode, rng, stamp_lines=None):
    imgs = scan_images(pdf_src, mode, rng, stamp_lines)
    ext = os.path.splitext(out_path)[1]
    if ext == ".png":
        imgs[0].save(out_path, optimize=True)
        return
    if ext == ".jpg":
        imgs[0].save(out_path, quality=72)
        return
    c = canvas.Canvas(out_path, pagesize=A4, invariant=1)
    for img in imgs:
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=rng.choice([55, 62, 70]))
        buf.seek(0)
        w, h = img.size
        W, H = A4
        if w > h:
            c.setPageSize((H, W))
            W, H = H, W
        else:
            c.setPageSize(A4)
        c.drawImage(ImageReader(buf), 0, 0, W, H)
        c.showPage()
    c.save()


# ---------------------------------------------------------------- document builders
class Doc:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def outlook_header(owner, frm, frm_addr, when, to, subj, attach=None):
    h = [owner, "_" * 78, "",
         f"Från:            {frm} <{frm_addr}>",
         f"Skickat:         {when}",
         f"Till:            {to}",
         f"Ämne:            {subj}"]
    if attach:
        h.append(f"Bifogade filer:  {attach}")
    return h + [""]


def plain_header(frm, frm_addr, when, to, subj):
    return [f"Ämne:   {subj}", f"Från:   {frm} <{frm_addr}>", f"Datum:  {when}", f"Till:   {to}", "", ""]


def build(rng, ppl):
    docs = []

    def add(**kw):
        docs.append(Doc(**kw))

    def sig(name, title, orgline, extra=None):
        s = f"\n\nMed vänlig hälsning\n\n{name}\n{title}\n{orgline}"
        if extra:
            s += "\n" + extra
        return s

    # =============== bhv-pilot 2023 =============================================
    p = ppl.person()
    body = (f"Hej!\n\nHärmed rekvirerar Södertälje kommun statsbidrag för pilotverksamhet i "
            f"barnhälsovården i socioekonomiskt utsatta områden för år 2023.\n\n"
            f"|Rekvirerat belopp:        {amt(580000,'dot').replace(NB,' ')}\n"
            f"|Kommunens andel:          {pct(45,'sp').replace(NB,' ')} av områdets bidrag\n"
            f"|Bankgiro:                 5050-1055\n"
            f"|Referens:                 SN 2023/114\n\n"
            f"Pengarna används till socialtjänstens del av de utökade hembesöken (familjebehandlare "
            f"som deltar vid hembesök tillsammans med BVC-sjuksköterska).\n\n"
            f"Södertälje {sdate('2023-05-08','slash')}" + sig(p, "Verksamhetschef, Socialkontoret", "Södertälje kommun"))
    lines = outlook_header(ppl.person(), p, ppl.addr(p, "0181"), sent("2023-05-08", "15:42"), SOS,
                           "Rekvisition pilotverksamhet BHV 2023 - Södertälje kn") + wrap_body(body)
    add(recv="2023-05-09", lines=lines, scan=None,
        expect=dict(document_type="requisition", program="bhv-pilot", grant_year=2023,
                    organisation=("municipality", "0181"), amounts={"requested": 580000},
                    document_date="2023-05-08", municipal_share_percent=45), style="outlook")

    # Malmö: forwarded, same day
    p, q = ppl.person(), ppl.person()
    inner = (f"Hej {q.split()[0]},\n\nHär kommer underlaget till vår rekvisition av statsbidraget för "
             f"pilotverksamhet i barnhälsovården 2023 (pilotområdet Malmö).\n\n"
             f"Malmö stad rekvirerar {amt(575000,'sek')}. Kommunens andel av pilotområdets bidrag är "
             f"{pct(45,'procent')}.\n\nKan du skicka den vidare till Socialstyrelsen?\n\n/{p.split()[0]}")
    body = (f"Vidarebefordrar rekvisitionen från Malmö stad, se nedan.\n\n{q}\nMalmö stad, Stadskontoret\n\n"
            f"-------- Vidarebefordrat meddelande --------\n"
            f"|Från: {p} <{ppl.addr(p,'1280')}>\n"
            f"|Skickat: {sent('2023-05-22','08:55','iso')}\n"
            f"|Till: {q} <{ppl.addr(q,'1280')}>\n"
            f"|Ämne: Rekvisition pilot BHV 2023\n\n" + inner)
    lines = plain_header(q, ppl.addr(q, "1280"), sent("2023-05-22", "11:20", "iso"), SOS,
                         "VB: Rekvisition pilot BHV 2023") + wrap_body(body)
    add(recv="2023-05-23", lines=lines, scan="scan", ext=".pdf",
        expect=dict(document_type="requisition", program="bhv-pilot", grant_year=2023,
                    organisation=("municipality", "1280"), amounts={"requested": 575000},
                    document_date="2023-05-22", municipal_share_percent=45), style="forward")

    # Göteborg: over allocation
    p = ppl.person()
    body = ("REKVISITION\n"
            "|------------------------------------------------------------------\n"
            "|Statsbidrag:   Pilotverksamhet i barnhälsovården i socioekonomiskt\n"
            "|               utsatta områden\n"
            "|Bidragsår:     2023\n"
            "|Sökande:       Göteborgs Stad, Social resursförvaltning\n"
            "|Org.nr:        212000-1355\n"
            f"|Belopp:        {amt(600000,'krpre').replace(NB,' ')}\n"
            f"|Kommunal andel:{' '}{pct(45,'nosp')}\n"
            f"|Datum:         {sdate('2023-06-01','dot')}\n"
            "|------------------------------------------------------------------\n\n"
            "Beloppet avser kommunens del av pilotområdet Göteborg (Hjällbo/Angered).\n"
            + sig(p, "Enhetschef", "Göteborgs Stad"))
    lines = ["Rekvisition_pilot_2023_GBG.txt", "", ""] + wrap_body(body)
    add(recv="2023-06-02", lines=lines, scan=None,
        expect=dict(document_type="requisition", program="bhv-pilot", grant_year=2023,
                    organisation=("municipality", "1480"), amounts={"requested": 600000},
                    document_date="2023-06-01", municipal_share_percent=45), style="note")

    # Uppsala kommun: share below minimum (40)
    p = ppl.person()
    body = (f"Hej,\n\nUppsala kommun rekvirerar härmed statsbidrag för pilotverksamhet i barnhälsovården "
            f"2023 (pilotområdet med särskilt uppdrag, Gottsunda).\n\n"
            f"|  Rekvirerat belopp .......... {amt(255000,'sp').replace(NB,' ')}\n"
            f"|  Kommunens andel ............ {pct(35,'sp').replace(NB,' ')}\n\n"
            f"Vi återkommer med ekonomisk redovisning enligt anvisningarna.\n"
            + sig(p, "Strateg, socialförvaltningen", "Uppsala kommun", f"Uppsala {sdate('2023-06-05','long')}"))
    lines = outlook_header(ppl.person(), p, ppl.addr(p, "0380"), sent("2023-06-05", "09:12", "outlook_wd"), SOS,
                           "Rekvisition statsbidrag pilotverksamhet 2023") + wrap_body(body)
    add(recv="2023-06-05", lines=lines, scan="faint", ext=".pdf", stamp=True,
        expect=dict(document_type="requisition", program="bhv-pilot", grant_year=2023,
                    organisation=("municipality", "0380"), amounts={"requested": 255000},
                    document_date="2023-06-05", municipal_share_percent=35), style="outlook")

    # Örebro kommun: not a pilot municipality -> NO_ALLOCATION
    p = ppl.person()
    body = (f"Till Socialstyrelsen\n\nÖrebro kommun vill rekvirera statsbidrag för pilotverksamhet i "
            f"barnhälsovården i socioekonomiskt utsatta områden, bidragsår 2023, för arbetet i Vivalla.\n\n"
            f"Rekvirerat belopp: {amt(500000,'nosp')}\n"
            f"Kommunens andel: {pct(45,'procent')}\n\n"
            f"Örebro {sdate('2023-06-07','den_e')}\n\n{p}\nSocialchef, Örebro kommun")
    lines = plain_header(p, ppl.addr(p, "1880"), sent("2023-06-07", "13:30", "iso"), SOS,
                         "Rekvisition pilotverksamhet BHV 2023") + wrap_body(body)
    add(recv="2023-06-08", lines=lines, scan=None,
        expect=dict(document_type="requisition", program="bhv-pilot", grant_year=2023,
                    organisation=("municipality", "1880"), amounts={"requested": 500000},
                    document_date="2023-06-07", municipal_share_percent=45), style="plain")

    # Region Skåne pilot requisition
    p = ppl.person()
    body = (f"Hej!\n\nRegion Skåne rekvirerar regionens del av statsbidraget för pilotverksamhet i "
            f"barnhälsovården i socioekonomiskt utsatta områden 2023, pilotområdet Malmö.\n\n"
            f"Belopp: {amt(705000,'tkr')}\n\nUtbetalning till Region Skånes bankgiro 5327-6133, "
            f"märk med ref. 2300-114.\n" + sig(p, "Controller, Barnhälsovården", "Region Skåne"))
    lines = outlook_header(ppl.person(), p, ppl.addr(p, "12"), sent("2023-06-12", "10:03"), SOS,
                           "Rekvisition - pilot BHV 2023 - Region Skåne") + wrap_body(body)
    add(recv="2023-06-12", lines=lines, scan="png", ext=".png",
        expect=dict(document_type="requisition", program="bhv-pilot", grant_year=2023,
                    organisation=("region", "12"), amounts={"requested": 705000},
                    document_date="2023-06-12"), style="outlook")

    # Göteborg corrected, late and duplicate (reply quoting Socialstyrelsen)
    p, s = ppl.person(), ppl.person()
    body = (f"Hej {s.split()[0]},\n\nTack för påpekandet. Vi skickar härmed en rättad rekvisition: "
            f"Göteborgs Stad rekvirerar {amt(580000,'sp')} för pilotverksamhet i barnhälsovården 2023. "
            f"Kommunens andel är oförändrad, {pct(45,'sp')}.\n\nUrsäkta sent svar, jag har varit "
            f"på semester.\n\n{p}\nGöteborgs Stad\n\n"
            f"|Från: {s} <{s.split()[0].lower()}.{s.split()[1].lower().replace('ö','o').replace('å','a').replace('ä','a')}@socialstyrelsen.se>\n"
            f"|Skickat: den 7 juni 2023 16:10\n"
            f"|Till: {p}\n"
            f"|Ämne: SV: Rekvisition pilot 2023\n"
            f"|\n"
            f"> Hej,\n> Er rekvisition avser ett högre belopp än det som fördelats till Göteborgs Stad enligt "
            f"bilaga 1 i anvisningarna. Vänligen inkom med en rättad rekvisition.\n> Med vänlig hälsning\n> {s}\n> Socialstyrelsen")
    lines = outlook_header(ppl.person(), p, ppl.addr(p, "1480"), sent("2023-06-20", "14:48"), SOS,
                           "SV: SV: Rekvisition pilot 2023") + wrap_body(body)
    add(recv="2023-06-21", lines=lines, scan=None,
        expect=dict(document_type="requisition", program="bhv-pilot", grant_year=2023,
                    organisation=("municipality", "1480"), amounts={"requested": 580000},
                    document_date="2023-06-20", municipal_share_percent=45), style="reply")

    # Södertälje socialnämnd protokollsutdrag (decision)
    docs.append(protokoll(ppl, org=("municipality", "0181"), head="SÖDERTÄLJE KOMMUN",
                          body_org="Socialnämnden", datum="2023-06-14", datestyle="long", paragraf="§ 87",
                          dnr="SN 2023/114", program="bhv-pilot", year=2023,
                          amount_text=amt(580000, "sp"), decided=580000, recv="2023-06-26", scan="scan",
                          subject="Statsbidrag för pilotverksamhet i barnhälsovården 2023",
                          att=f"att ta emot statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden 2023 om {amt(580000,'sp')}, samt",
                          att2="att uppdra åt förvaltningen att redovisa användningen av medlen till Socialstyrelsen."))

    # =============== hembesok 2023 =============================================
    # Kalmar requisition
    p = ppl.person()
    body = (f"Hej,\n\nRegion Kalmar län rekvirerar statsbidrag för utökade hembesöksprogram inom "
            f"barnhälsovården för 2023 med {amt(975000,'dot')}\n\nVi följer Socialstyrelsens anvisningar "
            f"för bidragsåret 2023.\n" + sig(p, "Samordnare barnhälsovård", "Region Kalmar län", "Kalmar " + sdate("2023-09-04", "iso")))
    lines = outlook_header(ppl.person(), p, ppl.addr(p, "08"), sent("2023-09-04", "11:15"), SOS,
                           "Rekvisition utökade hembesök 2023") + wrap_body(body)
    add(recv="2023-09-05", lines=lines, scan=None,
        expect=dict(document_type="requisition", program="hembesok", grant_year=2023,
                    organisation=("region", "08"), amounts={"requested": 975000}, document_date="2023-09-04"),
        style="outlook")

    # Västmanland decision 1,5 mkr (alloc 1 472 000, within ±50 000)
    docs.append(protokoll(ppl, org=("region", "19"), head="REGION VÄSTMANLAND", body_org="Regionstyrelsen",
                          datum="2023-09-26", datestyle="dot", paragraf="§ 212", dnr="RV 2023/1187",
                          program="hembesok", year=2023, decided=1500000, recv="2023-10-02", scan=None,
                          subject="Statsbidrag för utökade hembesöksprogram inom barnhälsovården 2023",
                          att="att fördela statsbidraget för utökade hembesöksprogram inom barnhälsovården 2023, 1,5 mkr, till Barnhälsovårdsenheten, samt",
                          att2="att ge regiondirektören i uppdrag att återrapportera till Socialstyrelsen senast 1 mars 2024.",
                          tol=50000))

    # Gävleborg requisition in tkr, Reg. abbreviation
    p = ppl.person()
    body = (f"Reg. Gävleborg rekvirerar härmed statsbidrag för utökade hembesöksprogram inom "
            f"barnhälsovården, bidragsår 2023.\n\n|Rekvirerat belopp:   {amt(298000,'tkr').replace(NB,' ')}\n"
            f"|Kontaktperson:       {p}\n|Datum:               {sdate('2023-10-09','short')}\n"
            + sig(p, "Verksamhetsutvecklare", "Region Gävleborg"))
    lines = plain_header(p, ppl.addr(p, "21"), sent("2023-10-09", "14:02", "iso"), SOS,
                         "Rekvisition hembesök 2023") + wrap_body(body)
    add(recv="2023-10-10", lines=lines, scan="scan", ext=".pdf",
        expect=dict(document_type="requisition", program="hembesok", grant_year=2023,
                    organisation=("region", "21"), amounts={"requested": 298000}, document_date="2023-10-09"),
        style="plain")

    # Dalarna decision 1,6 miljoner (alloc 1 679 000 -> mismatch)
    docs.append(protokoll(ppl, org=("region", "20"), head="REGION DALARNA", body_org="Hälso- och sjukvårdsnämnden",
                          datum="2023-10-12", datestyle="den_e", paragraf="§ 141", dnr="RD23/05512",
                          program="hembesok", year=2023, decided=1600000, recv="2023-10-17", scan="faint",
                          subject="Fördelning av statsbidrag för utökade hembesöksprogram 2023",
                          att="att statsbidraget för utökade hembesöksprogram inom barnhälsovården 2023, 1,6 miljoner kronor, fördelas till Centrala barnhälsovården, samt",
                          att2="att medlen ska användas under 2023.", tol=50000))

    # Kronoberg decision 1 811 tkr exact; later an identical copy (DUPLICATE_DOCUMENT)
    docs.append(protokoll(ppl, org=("region", "07"), head="REGION KRONOBERG", body_org="Regionstyrelsen",
                          datum="2023-10-18", datestyle="iso", paragraf="§ 190", dnr="23RK1540",
                          program="hembesok", year=2023, decided=1811000, recv="2023-10-23", scan=None,
                          subject="Statsbidrag utökade hembesöksprogram inom barnhälsovården 2023",
                          att=f"att ta emot och fördela statsbidraget för utökade hembesöksprogram 2023 om {amt(1811000,'tkr')} till barnhälsovårdsenheten.",
                          att2=None, tol=500, key="kronoberg_dec"))

    # Värmland decision in words
    docs.append(protokoll(ppl, org=("region", "17"), head="REGION VÄRMLAND", body_org="Regionstyrelsens arbetsutskott",
                          datum="2023-10-24", datestyle="long", paragraf="§ 98", dnr="RS/2023-0874",
                          program="hembesok", year=2023, decided=2770000, recv="2023-10-27", scan="rot90",
                          subject="Statsbidrag för utökade hembesöksprogram inom barnhälsovården 2023",
                          att=f"att statsbidraget om {amt(2770000,'words')} för utökade hembesöksprogram 2023 fördelas till barnhälsovården i Värmland.",
                          att2=None, tol=0.5))

    # Halland decision 1 260 tkr (alloc 1 206 000 -> mismatch)
    docs.append(protokoll(ppl, org=("region", "13"), head="REGION HALLAND", body_org="Regionstyrelsen",
                          datum="2023-10-25", datestyle="slash", paragraf="§ 154", dnr="RS230512",
                          program="hembesok", year=2023, decided=1260000, recv="2023-10-31", scan=None,
                          subject="Statsbidrag för utökade hembesöksprogram inom barnhälsovården 2023",
                          att=f"att fördela statsbidraget för utökade hembesöksprogram inom barnhälsovården 2023, {amt(1260000,'tkr')}, till Närsjukvården Halland, samt",
                          att2="att medlen ska användas under bidragsåret 2023.", tol=500))

    # Norrbotten requisition 1,6 miljoner (alloc 1 524 000) -> exceeds
    p = ppl.person()
    body = (f"Hej!\n\nRegion Norrbotten rekvirerar 1,6{NB}miljoner{NB}kronor i statsbidrag för utökade "
            f"hembesöksprogram inom barnhälsovården för år 2023.\n\nPengarna ska gå till att starta "
            f"utökade hembesök i Luleå, Boden och Kiruna.\n\n" + f"{p}\nRegion Norrbotten\n{sdate('2023-10-30','slash')}")
    lines = outlook_header(ppl.person(), p, ppl.addr(p, "25"), sent("2023-10-30", "16:51"), SOS,
                           "Rekvisition statsbidrag hembesök 2023") + wrap_body(body)
    add(recv="2023-10-30", lines=lines, scan=None,
        expect=dict(document_type="requisition", program="hembesok", grant_year=2023,
                    organisation=("region", "25"), amounts={"requested": 1600000}, document_date="2023-10-30"),
        style="outlook")

    # duplicate copy of Kronoberg decision
    add(recv="2023-11-02", dup_of="kronoberg_dec", style="dup")

    # Västerbotten requisition late
    p = ppl.person()
    body = (f"Hej,\n\nVi ber om ursäkt för att rekvisitionen kommer in sent.\n\nRegion Västerbotten "
            f"rekvirerar statsbidrag för utökade hembesöksprogram inom barnhälsovården 2023, "
            f"{amt(634000,'kronor')}.\n\nUmeå {sdate('2023-11-03','dot')}\n\n{p}\nRegion Västerbotten, Barnhälsovården")
    lines = outlook_header(ppl.person(), p, ppl.addr(p, "24"), sent("2023-11-03", "09:44"), SOS,
                           "Rekvisition hembesöksprogram 2023 (sen)") + wrap_body(body)
    add(recv="2023-11-06", lines=lines, scan="photo", ext=".jpg",
        expect=dict(document_type="requisition", program="hembesok", grant_year=2023,
                    organisation=("region", "24"), amounts={"requested": 634000}, document_date="2023-11-03"),
        style="outlook")

    # =============== hembesok 2024 requisitions =================================
    def req24(recv, code, date, amount_s, requested, collab, share_s, share, scan=None, ext=".pdf",
              style="outlook", orgname=None, extra="", quoted=None, subj=None, datestyle="iso", t="10:12",
              omit_collab=False, omit_share=False):
        p = ppl.person()
        on = orgname or REG[code]
        mun = ", ".join(MUNVAR[c] for c in collab)
        lines_b = [f"Hej!\n\n{on} rekvirerar härmed statsbidrag för utökade hembesöksprogram inom "
                   f"barnhälsovården för år 2024.\n"]
        lines_b.append(f"|Rekvirerat belopp:         {amount_s.replace(NB,' ')}")
        if not omit_collab:
            lines_b.append(f"|Samverkande kommuner:      {mun}")
        if not omit_share:
            lines_b.append(f"|Andel till kommunal verksamhet: {share_s.replace(NB,' ')}")
        lines_b.append("")
        if extra:
            lines_b.append(extra + "\n")
        lines_b.append(f"Datum: {sdate(date, datestyle)}")
        body = "\n".join(lines_b) + sig(p, "Verksamhetschef barnhälsovård", on)
        if quoted:
            body += "\n\n" + quoted
        subj = subj or "Rekvisition statsbidrag utökade hembesöksprogram 2024"
        if style == "outlook":
            lines = outlook_header(ppl.person(), p, ppl.addr(p, code), sent(date, t), SOS, subj) + wrap_body(body)
        else:
            lines = plain_header(p, ppl.addr(p, code), sent(date, t, "iso"), SOS, subj) + wrap_body(body)
        e = dict(document_type="requisition", program="hembesok", grant_year=2024,
                 organisation=("region", code), amounts={"requested": requested}, document_date=date)
        if not omit_collab:
            e["collaborating_municipalities"] = sorted(collab)
        if not omit_share:
            e["municipal_share_percent"] = share
        add(recv=recv, lines=lines, scan=scan, ext=ext, expect=e, style=style)

    req24("2024-02-08", "03", "2024-02-07", amt(2535000, "dot"), 2535000, ["0380", "0381"],
          pct(30, "sp"), 30, datestyle="long")
    s = ppl.person()
    req24("2024-02-15", "05", "2024-02-14", amt(4778000, "tkr"), 4778000, ["0580", "0581"],
          pct(25, "words"), 25, style="outlook", subj="SV: Påminnelse rekvisition hembesök 2024",
          datestyle="slash", scan="scan",
          quoted=(f"|Från: {s} <statsbidrag@socialstyrelsen.se>\n|Skickat: den 1 februari 2024 08:30\n"
                  f"|Ämne: Påminnelse rekvisition hembesök 2024\n|\n"
                  f"> Hej,\n> Enligt fördelningen i anvisningarna kan Region Östergötland rekvirera "
                  f"högst 4{NB}778{NB}000{NB}kr för 2024. Rekvisitionen ska ha kommit in senast den 5 april 2024.\n"
                  f"> Vänliga hälsningar\n> {s}"))

    # Norrköpings kommun requisition -> WRONG_RECIPIENT_KIND
    p = ppl.person()
    body = (f"Hej,\n\nNorrköpings kommun rekvirerar statsbidrag för utökade hembesöksprogram inom "
            f"barnhälsovården 2024 för socialtjänstens del i hembesöken i Hageby och Navestad.\n\n"
            f"Belopp: {amt(450000,'sp')}\n\nNorrköping {sdate('2024-02-19','den_e')}\n\n"
            f"{p}\nNorrköpings kommun, Socialkontoret")
    lines = plain_header(p, ppl.addr(p, "0581"), sent("2024-02-19", "13:05", "iso"), SOS,
                         "Rekvisition hembesöksprogram 2024") + wrap_body(body)
    add(recv="2024-02-20", lines=lines, scan=None,
        expect=dict(document_type="requisition", program="hembesok", grant_year=2024,
                    organisation=("municipality", "0581"), amounts={"requested": 450000},
                    document_date="2024-02-19"), style="plain")

    req24("2024-02-27", "06", "2024-02-26", amt(5100000, "sek"), 5100000, ["0680"],
          pct(40, "nosp"), 40, orgname="Region Jönköpings län", datestyle="dot")
    s = ppl.person()
    req24("2024-03-04", "06", "2024-03-04", amt(4913000, "sp"), 4913000, ["0680"], pct(40, "nosp"), 40,
          subj="SV: Rekvisition statsbidrag utökade hembesöksprogram 2024",
          extra="Detta är en rättad rekvisition som ersätter den vi skickade 26 februari.",
          scan="faint",
          quoted=(f"|Från: {s} <statsbidrag@socialstyrelsen.se>\n|Skickat: den 28 februari 2024 15:02\n"
                  f"|Ämne: SV: Rekvisition statsbidrag utökade hembesöksprogram 2024\n|\n"
                  f"> Hej,\n> Ni har rekvirerat 5{NB}100{NB}000{NB}kr, vilket är mer än regionens "
                  f"tilldelning på 4{NB}913{NB}000{NB}kr. Vänligen skicka en rättad rekvisition.\n> {s}, Socialstyrelsen"))
    req24("2024-03-06", "13", "2024-03-05", amt(2040000, "nosp"), 2040000, ["1380", "1383"],
          None, None, omit_share=True, style="plain", datestyle="short")
    req24("2024-03-12", "13", "2024-03-12", amt(2040000, "sp"), 2040000, ["1380", "1383"],
          pct(35, "procent"), 35, subj="Kompletterad rekvisition hembesök 2024",
          extra="Rekvisitionen ersätter den vi skickade 5 mars, där andelen till kommunal verksamhet saknades.")
    req24("2024-03-14", "20", "2024-03-13", amt(1930000, "colon"), 1930000, ["2080", "2081"],
          pct(15, "sp"), 15, scan="scan", datestyle="iso", orgname="Reg. Dalarna")
    req24("2024-03-19", "23", "2024-03-18", amt(261000, "sp"), 261000, ["2380"], pct(50, "sp"), 50,
          style="plain", datestyle="long")
    req24("2024-03-21", "09", "2024-03-20", amt(834000, "words+"), 834000, ["0980"], pct(20, "words"), 20,
          datestyle="den_e", scan="photo", ext=".jpg")
    req24("2024-03-26", "14", "2024-03-25", amt(9870000, "sek"), 9870000, ["1480", "1490", "1494"],
          pct(40, "nosp"), 40, orgname="Västra Götalandsregionen (VGR)", style="plain", datestyle="slash")
    req24("2024-03-28", "04", "2024-03-27", amt(1480000, "krpre"), 1480000, [], pct(30, "sp"), 30,
          omit_collab=True, orgname="Region Sörmland", datestyle="dot")
    req24("2024-04-03", "10", "2024-04-03", amt(4089000, "krpre"), 4089000, ["1080", "1082"],
          pct(25, "procent"), 25, scan="png", ext=".png", datestyle="iso")
    req24("2024-04-09", "22", "2024-04-08", amt(979000, "sp"), 979000, ["2281"], pct(30, "nosp"), 30,
          style="plain", datestyle="short", scan="scan")

    # Uppsala regional decision 2024: 2,5 miljoner (alloc 2 535 000 within ±50 000)
    docs.append(protokoll(ppl, org=("region", "03"), head="REGION UPPSALA", body_org="Regionstyrelsen",
                          datum="2024-04-23", datestyle="long", paragraf="§ 76", dnr="RS2024-00412",
                          program="hembesok", year=2024, decided=2500000, recv="2024-04-29", scan=None,
                          subject="Statsbidrag för utökade hembesöksprogram inom barnhälsovården 2024",
                          att="att fördela statsbidraget för utökade hembesöksprogram 2024, 2,5 miljoner kronor, till Akademiska barnhälsovården och samverkande kommuner enligt bilaga.",
                          att2=None, tol=50000))
    # =============== other =======================================================
    p = ppl.person()
    body = (f"Hej alla kontaktpersoner för statsbidraget för utökade hembesöksprogram 2024!\n\n"
            f"Region Halland bjuder in till nätverksträff om utökade hembesök i Halmstad "
            f"{sdate('2024-05-16','long')} kl. 9.30-15.00. Anmälan senast 3 maj till undertecknad.\n\n"
            f"Program:\n|  09.30  Kaffe\n|  10.00  Erfarenheter från Varberg och Halmstad\n"
            f"|  12.00  Lunch\n|  13.00  Samverkan med socialtjänsten och tandvården\n\n"
            f"Välkomna!\n\n{p}\nRegion Halland")
    lines = outlook_header(ppl.person(), p, ppl.addr(p, "13"), sent("2024-04-17", "10:30"), SOS,
                           "Inbjudan nätverksträff utökade hembesöksprogram 2024") + wrap_body(body)
    add(recv="2024-04-17", lines=lines, scan=None,
        expect=dict(document_type="other", program="hembesok", grant_year=2024, organisation=("region", "13"),
                    document_date="2024-04-17"),
        style="outlook")

    # =============== hembesok 2023 return reports (early 2024) ==================
    def rr(recv, code, date, year, received, used, unused, fmt, items=None, total=None, scan=None, ext=".pdf",
           style="note", orgname=None, program="hembesok", kind="region", quoted=None, datestyle="iso",
           extra=""):
        p = ppl.person()
        on = orgname or org_name(code)
        prog_txt = ("statsbidrag för utökade hembesöksprogram inom barnhälsovården" if program == "hembesok"
                    else "statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden")
        b = [f"EKONOMISK REDOVISNING\n",
             f"Avser: {prog_txt}", "",
             f"|Bidragsår:    {year}",
             f"|Mottagare:    {on}",
             f"|Datum:        {sdate(date, datestyle)}", ""]
        b2 = [f"|{'Erhållet bidrag':<28}{amt(received, fmt).replace(NB,' '):>22}",
              f"|{'Förbrukat':<28}{amt(used, fmt).replace(NB,' '):>22}",
              f"|{'Ej förbrukat / återbetalas':<28}{amt(unused, fmt).replace(NB,' '):>22}"]
        if items:
            b.append("Kostnader (kr):")
            b.append("|")
            for name, v in items:
                b.append(f"|  {name:<44}{grp(v):>14}")
            b.append("|  " + "-" * 58)
            b.append(f"|  {'Summa kostnader':<44}{grp(total):>14}")
            b.append("")
        b += b2 + [""]
        if extra:
            b.append(extra)
        body = "\n".join(b) + sig(p, "Ekonom", on)
        if quoted:
            body += "\n\n" + quoted
        subj = f"Återrapportering statsbidrag {'hembesöksprogram' if program == 'hembesok' else 'pilotverksamhet BHV'} {year}"
        if style == "outlook":
            lines = outlook_header(ppl.person(), p, ppl.addr(p, code), sent(date, "15:20"), SOS, subj) + wrap_body(body)
        elif style == "plain":
            lines = plain_header(p, ppl.addr(p, code), sent(date, "15:20", "iso"), SOS, subj) + wrap_body(body)
        else:
            lines = [f"redovisning_{year}.txt", "", ""] + wrap_body(body)
        e = dict(document_type="return_report", program=program, grant_year=year,
                 organisation=(kind, code), amounts={"received": received, "used": used, "unused": unused},
                 document_date=date)
        add(recv=recv, lines=lines, scan=scan, ext=ext, expect=e, style=style,
            sum_mismatch=(items is not None and sum(v for _, v in items) != total))

    rr("2024-02-12", "08", "2024-02-09", 2023, 975000, 912400, 62600, "sp",
       items=[("Lön BHV-sjuksköterskor", 604000), ("Lön familjebehandlare (kommunerna)", 251400),
              ("Utbildning och handledning", 38000), ("Resor", 19000)], total=912400, style="outlook")
    rr("2024-02-20", "07", "2024-02-19", 2023, 1811000, 1650300, 160700, "sp",
       items=[("Personal barnhälsovård", 1102300), ("Personal socialtjänst", 420000),
              ("Tolk", 66000), ("Utbildning", 52000)], total=1650300, scan="scan", datestyle="dot")
    rr("2024-02-26", "21", "2024-02-23", 2023, 298000, 301500, 0, "nosp", style="plain", datestyle="long")
    rr("2024-03-04", "24", "2024-03-04", 2023, 634000, 590000, 44000, "tkr", style="outlook", scan="faint",
       orgname="Västerbottens läns region",
       datestyle="slash")

    # =============== bhv-pilot return reports =====================================
    rr("2024-04-25", "0181", "2024-04-24", 2023, 580000, 571300, 8700, "colon", program="bhv-pilot",
       kind="municipality", orgname="Södertälje kommun", style="plain", datestyle="den_e")
    rr("2024-05-13", "1280", "2024-05-10", 2023, 575000, 575000, 0, "sp", program="bhv-pilot",
       kind="municipality", orgname="Malmö stad", style="outlook", scan="scan", datestyle="short")

    # =============== hembesok 2024 return reports (2025) ===========================
    rr("2025-01-20", "03", "2025-01-17", 2024, 2535000, 2401250, 133750, "sp",
       items=[("Lön BHV-sjuksköterskor", 1480250), ("Lön socialsekreterare (kommunerna)", 712000),
              ("Tolkkostnader", 121000), ("Utbildning/handledning", 88000)], total=2401250, style="note")
    rr("2025-01-28", "05", "2025-01-27", 2024, 4778000, 4778000, 0, "tkr", style="plain", scan="png", ext=".png",
       datestyle="long")
    rr("2025-02-04", "14", "2025-02-03", 2024, 9870000, 9120500, 749500, "sp", orgname="Västra Götalandsregionen",
       items=[("Personal BHV, sjuksköterskor", 5210500), ("Personal socialtjänst (Göteborg, Borås, Lidköping)", 2890000),
              ("Tandvård och mödrahälsovård", 610000), ("Tolk", 244000), ("Utbildning", 166000)],
       total=9120500, style="outlook")
    s = ppl.person()
    rr("2025-02-11", "09", "2025-02-10", 2024, 834000, 790000, 34000, "sp", style="outlook", scan="scan",
       datestyle="dot",
       quoted=(f"|Från: {s} <statsbidrag@socialstyrelsen.se>\n|Skickat: den 3 februari 2025 09:00\n"
               f"|Ämne: Påminnelse återrapportering 2024\n|\n> Hej!\n> Påminnelse: återrapporteringen av "
               f"statsbidraget för utökade hembesöksprogram 2024 ska ha kommit in senast den 1 mars 2025.\n> {s}"))
    rr("2025-02-18", "10", "2025-02-17", 2024, 4089000, 4250000, 0, "sek", style="plain", datestyle="iso")
    rr("2025-02-25", "06", "2025-02-24", 2024, 4913000, 4700000, 213000, "sp",
       items=[("Lön BHV-sjuksköterskor", 2950000), ("Lön familjebehandlare", 1210000),
              ("Tolk", 310000), ("Lokaler och resor", 220000)], total=4700000, scan="rot90", datestyle="den_e")
    rr("2025-02-27", "22", "2025-02-26", 2024, 1100000, 1020000, 80000, "sp", style="outlook",
       extra="Regionen fick del av de medel som andra regioner inte rekvirerat.")
    rr("2025-03-05", "13", "2025-03-04", 2024, 2040000, 1911000, 129000, "krpre", style="plain", scan="scan",
       datestyle="short")
    rr("2025-03-12", "20", "2025-03-11", 2024, 1930000, 1804600, 125400, "sp", style="outlook", datestyle="long")

    # other: contact person change, Region Värmland
    p, old = ppl.person(), ppl.person()
    body = (f"Hej,\n\nFrån och med {sdate('2025-03-17','long')} är jag kontaktperson för Region Värmlands "
            f"statsbidrag för utökade hembesöksprogram inom barnhälsovården 2024 i stället för {old}, som har "
            f"gått i pension. Jag ansvarar också för återrapporteringen av 2024 års bidrag.\n\nMina kontaktuppgifter:\n|  {p}\n|  Region Värmland, Hälso- och sjukvårdsförvaltningen\n"
            f"|  Tfn 010-831 40 22\n|  {ppl.addr(p,'17')}\n\nMed vänlig hälsning\n{p}")
    lines = plain_header(p, ppl.addr(p, "17"), sent("2025-03-13", "08:40", "iso"), SOS,
                         "Ny kontaktperson statsbidrag hembesök 2024") + wrap_body(body)
    add(recv="2025-03-13", lines=lines, scan="scan",
        expect=dict(document_type="other", program="hembesok", grant_year=2024, organisation=("region", "17"),
                    document_date="2025-03-13"),
        style="plain", ext=".pdf")
    return docs


def protokoll(ppl, org, head, body_org, datum, datestyle, paragraf, dnr, program, year, decided, recv, scan,
              subject, att, att2, tol=0.5, key=None, amount_text=None):
    ordf, just, sekr = ppl.person(), ppl.person(), ppl.person()
    on = org_name(org[1])
    b = [f"|{head:<40}PROTOKOLLSUTDRAG",
         f"|{body_org:<40}Sammanträdesdatum",
         f"|{'':<40}{sdate(datum, datestyle)}", "", "",
         f"|{paragraf}    Dnr {dnr}", "",
         f"|{subject}", "|" + "=" * len(subject), "",
         "Beslut", "", f"{body_org} beslutar", "", att]
    if att2:
        b += ["", att2]
    b += ["", "Ärendet", "",
          (f"Socialstyrelsen fördelar statsbidrag för {year} enligt regeringens uppdrag. "
           f"{on} har möjlighet att ta del av medlen för {'utökade hembesöksprogram inom barnhälsovården' if program=='hembesok' else 'pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden'}. "
           f"Medlen ska användas under perioden 1 januari-31 december {year}."),
          "", "", "|Vid protokollet", "", f"|{sekr}", "", "|Justeras", "",
          f"|{ordf:<30}{just}", f"|ordförande{'':<20}justerare", "", "",
          "|Utdragsbestyrkande", f"|{ppl.person()}"]
    lines = wrap_body("\n".join(b))
    return Doc(recv=recv, lines=lines, scan=scan, ext=".pdf", key=key, tol=tol, style="protokoll",
               expect=dict(document_type="decision", program=program, grant_year=year, organisation=org,
                           amounts={"decided": decided}, document_date=datum))


# ---------------------------------------------------------------- flags
def compute_flags(docs):
    on_file = []  # list of expect dicts
    pool_sum = {}
    for d in docs:
        e = d.expect
        fl = []
        if getattr(d, "dup", False):
            fl.append("DUPLICATE_DOCUMENT")
            d.flags = fl + d.flags_orig_content
            on_file.append(e)
            continue
        t = e["document_type"]
        kind, code = e["organisation"]
        key = (e.get("program"), e.get("grant_year"))
        prog = PROGRAMS.get(key)
        al = ALLOC.get((key[0], key[1], code))
        recv = d.recv
        if t == "other":
            fl.append("UNKNOWN_DOCUMENT_TYPE")
        elif t == "requisition":
            wrong = kind not in prog["kinds"]
            if wrong:
                fl.append("WRONG_RECIPIENT_KIND")
            if not wrong and al is None:
                fl.append("NO_ALLOCATION")
            if al and e["amounts"]["requested"] > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if recv > prog["req_dl"]:
                fl.append("LATE_REQUISITION")
            if any(o["document_type"] == "requisition" and o["organisation"] == e["organisation"]
                   and (o["program"], o["grant_year"]) == key for o in on_file):
                fl.append("DUPLICATE_REQUISITION")
            if not wrong and key == ("hembesok", 2024) and kind == "region" and (
                    "collaborating_municipalities" not in e or "municipal_share_percent" not in e):
                fl.append("MISSING_FIELD")
            pool_sum[key] = pool_sum.get(key, 0) + e["amounts"]["requested"]
            assert pool_sum[key] <= prog["pool"]
        elif t == "return_report":
            assert al is not None
            a = e["amounts"]
            if a["received"] > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if recv > prog["rep_dl"]:
                fl.append("LATE_REPORT")
            if a["used"] > a["received"]:
                fl.append("USED_EXCEEDS_RECEIVED")
            elif abs(a["received"] - a["used"] - a["unused"]) > 1:
                fl.append("UNUSED_MISMATCH")
            if getattr(d, "sum_mismatch", False):
                fl.append("SUM_MISMATCH")
        elif t == "decision":
            assert al is not None
            if abs(e["amounts"]["decided"] - al[0]) > d.tol:
                fl.append("DECISION_AMOUNT_MISMATCH")
        sh = e.get("municipal_share_percent")
        if sh is not None and al is not None and al[1] is not None and sh < al[1] and \
                not ("WRONG_RECIPIENT_KIND" in fl):
            fl.append("SHARE_BELOW_MINIMUM")
        d.flags = fl
        on_file.append(e)


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=99)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    ppl = People(rng)
    docs = build(rng, ppl)
    docs.sort(key=lambda d: d.recv)  # stable: construction order within a day
    keyed = {getattr(d, "key", None): d for d in docs if getattr(d, "key", None)}
    os.makedirs(a.outdir, exist_ok=True)
    for f in os.listdir(a.outdir):
        if f.startswith("C9_") or f in ("truth.json", "allocations.csv"):
            os.remove(os.path.join(a.outdir, f))
    # expand duplicates
    for d in docs:
        if getattr(d, "style", "") == "dup":
            src = keyed[d.dup_of]
            d.expect = src.expect
            d.dup = True
            d.src = src
    compute_flags_wrap(docs)
    truth = []
    tmp = os.path.join(a.outdir, ".tmp.pdf")
    for i, d in enumerate(docs, 1):
        if getattr(d, "dup", False):
            ext = d.src.ext if getattr(d.src, "ext", None) else ".pdf"
        else:
            ext = getattr(d, "ext", None) or ".pdf"
            if not d.scan:
                ext = ".pdf"
        name = f"C9_{i:02d}{ext}"
        path = os.path.join(a.outdir, name)
        if getattr(d, "dup", False):
            with open(d.src.path, "rb") as fi, open(path, "wb") as fo:
                fo.write(fi.read())
        else:
            font = "DejaVuMono" if (i % 5 == 3) else "Courier"
            if d.scan:
                render_pdf(d.lines, tmp, font=font)
                st = None
                if getattr(d, "stamp", False) or (i % 4 == 1):
                    st = ["SOCIALSTYRELSEN", f"Inkom {d.recv}"]
                write_scan(tmp, path, d.scan, rng, st)
            else:
                render_pdf(d.lines, path, font=font)
        d.path = path
        d.file = name
        e = dict(d.expect)
        e["organisation"] = {"kind": e["organisation"][0], "code": e["organisation"][1]}
        order = ["document_type", "program", "grant_year", "organisation", "amounts", "document_date",
                 "collaborating_municipalities", "municipal_share_percent"]
        e = {k: e[k] for k in order if k in e}
        truth.append({"file": name, "scanned": bool(getattr(d, "scan", None)) or bool(getattr(getattr(d, 'src', None), 'scan', None)),
                      "received": d.recv, "expect": e, "flags": d.flags})
    if os.path.exists(tmp):
        os.remove(tmp)
    with open(os.path.join(a.outdir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    with open(os.path.join(a.outdir, "allocations.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek",
                    "municipal_share_min_percent"])
        for (prog, yr, code), (v, mn) in sorted(ALLOC.items(), key=lambda x: (x[0][0], x[0][1], x[0][2])):
            w.writerow([prog, yr, code, org_name(code), v, "" if mn is None else mn])
    print(f"wrote {len(truth)} documents to {a.outdir}")


def compute_flags_wrap(docs):
    # duplicates of a document: content flags of the original apply again; original here has none
    for d in docs:
        if getattr(d, "dup", False):
            d.flags_orig_content = []
    compute_flags(docs)
    for d in docs:
        if getattr(d, "dup", False):
            assert d.src.flags == [], "duplicate only of a flag-free document"


if __name__ == "__main__":
    main()
