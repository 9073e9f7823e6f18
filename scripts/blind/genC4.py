#!/usr/bin/env python3
"""genC4.py OUTDIR --seed N

Blind labelled corpus C4: scanned paper and photos of filled-in forms (handwriting-like and
typewriter fills, tick boxes), amounts in tkr / mnkr / words, and the bhv-pilot program.
Deterministic for a given seed.
"""
import argparse, io, json, math, random, csv, hashlib, shutil, re
from pathlib import Path

import numpy as np
import cv2
import img2pdf
from PIL import Image, ImageDraw, ImageFont, ImageFilter
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FD = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    "sans": "DejaVuSans.ttf", "sansb": "DejaVuSans-Bold.ttf", "serif": "DejaVuSerif.ttf",
    "serifb": "DejaVuSerif-Bold.ttf", "mono": "DejaVuSansMono.ttf", "monob": "DejaVuSansMono-Bold.ttf",
    "hand": "DejaVuSans-Oblique.ttf", "hand2": "DejaVuSerifCondensed-Italic.ttf",
    "hand3": "DejaVuSansCondensed-Oblique.ttf", "cond": "DejaVuSansCondensed.ttf",
}
W, H = 595.276, 841.89
_fcache = {}


def F(name, px):
    key = (name, round(px * 4))
    if key not in _fcache:
        _fcache[key] = ImageFont.truetype(FD + FONTS[name], max(1, round(px)))
    return _fcache[key]


def tlen(txt, f, size):
    return F(f, size * 10).getlength(txt) / 10.0


def wrap(txt, f, size, width):
    out, cur = [], ""
    for w in txt.split():
        t = (cur + " " + w).strip()
        if tlen(t, f, size) > width and cur:
            out.append(cur)
            cur = w
        else:
            cur = t
    if cur:
        out.append(cur)
    return out


# ----------------------------------------------------------------------------- numbers
ONES = ["", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
        "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"]
TENS = {2: "tjugo", 3: "trettio", 4: "fyrtio", 5: "femtio", 6: "sextio", 7: "sjuttio", 8: "åttio", 9: "nittio"}


def w999(n):
    s = ""
    h, r = divmod(n, 100)
    if h:
        s += ONES[h] + "hundra"
    if r >= 20:
        s += TENS[r // 10] + ONES[r % 10]
    elif r:
        s += ONES[r]
    return s


def words(n):
    m, r = divmod(n, 1_000_000)
    t, u = divmod(r, 1000)
    parts = []
    if m:
        parts.append("en miljon" if m == 1 else w999(m) + " miljoner")
    tail = ""
    if t:
        tail += ("et" if t == 1 else w999(t)) + "tusen"
    if u:
        tail += w999(u)
    if tail:
        parts.append(tail)
    return " ".join(parts).replace("ttt", "tt") + " kronor"


def kr(n):
    s = f"{n:,}".replace(",", " ")
    return s


def tkr(n):  # n in kronor -> '1 349' or '698,5'
    v = n / 1000
    if abs(v - round(v)) < 1e-9:
        return kr(int(round(v)))
    ip = int(v)
    dec = f"{v - ip:.1f}"[2:]
    return f"{kr(ip)},{dec}"


# ----------------------------------------------------------------------------- page model
class Page:
    def __init__(self):
        self.el = []

    def t(self, x, y, s, size=10, f="sans", color=(0, 0, 0)):
        self.el.append(("t", x, y, s, size, f, color))

    def v(self, x, y, s, size=12):  # a filled-in value (hand / typewriter / print)
        self.el.append(("v", x, y, s, size))

    def line(self, x0, y0, x1, y1, w=0.7, color=(0, 0, 0)):
        self.el.append(("l", x0, y0, x1, y1, w, color))

    def rect(self, x0, y0, x1, y1, w=0.7, fill=None):
        self.el.append(("r", x0, y0, x1, y1, w, fill))

    def box(self, x, y, checked, sz=9):
        self.el.append(("b", x, y, sz, checked))

    def sign(self, x, y, w=110):
        self.el.append(("s", x, y, w))

    def stamp(self, x, y, lines, color=(170, 30, 40), angle=0):
        self.el.append(("st", x, y, lines, color, angle))

    def para(self, x, y, txt, size=10, f="serif", width=460, lead=1.35):
        for ln in wrap(txt, f, size, width):
            self.t(x, y, ln, size, f)
            y += size * lead
        return y


FILL = {"hand": ("hand", (25, 40, 135)), "hand2": ("hand2", (20, 20, 60)), "hand3": ("hand3", (30, 30, 110)),
        "type": ("mono", (25, 25, 25)), "print": ("sans", (0, 0, 0))}


def render_img(page, fill, rng, dpi=200):
    k = dpi / 72.0
    img = Image.new("RGB", (round(W * k), round(H * k)), "white")
    d = ImageDraw.Draw(img)
    fnt, ink = FILL[fill]
    stamps = []
    for e in page.el:
        kind = e[0]
        if kind == "t":
            _, x, y, s, size, f, color = e
            d.text((x * k, y * k), s, font=F(f, size * k), fill=color, anchor="ls")
        elif kind == "v":
            _, x, y, s, size = e
            if fill.startswith("hand"):
                cx = x * k
                for ch in s:
                    sz = size * k * (1 + rng.uniform(-0.07, 0.08))
                    dy = rng.uniform(-1.0, 1.0) * k
                    d.text((cx, y * k + dy), ch, font=F(fnt, sz), fill=ink, anchor="ls")
                    cx += F(fnt, sz).getlength(ch) * (1 + rng.uniform(0.0, 0.08))
            else:
                d.text((x * k, y * k), s, font=F(fnt, size * k), fill=ink, anchor="ls")
        elif kind == "l":
            _, x0, y0, x1, y1, w, color = e
            d.line([(x0 * k, y0 * k), (x1 * k, y1 * k)], fill=color, width=max(1, round(w * k)))
        elif kind == "r":
            _, x0, y0, x1, y1, w, fl = e
            d.rectangle([x0 * k, y0 * k, x1 * k, y1 * k], outline=(0, 0, 0), width=max(1, round(w * k)),
                        fill=fl)
        elif kind == "b":
            _, x, y, sz, checked = e
            d.rectangle([x * k, (y - sz) * k, (x + sz) * k, y * k], outline=(0, 0, 0), width=max(1, round(0.8 * k)))
            if checked:
                j = (lambda: rng.uniform(-1.2, 1.2) * k) if fill.startswith("hand") else (lambda: 0)
                c = ink
                wd = max(2, round(1.6 * k))
                d.line([(x * k + 1.5 * k + j(), (y - sz) * k + 1.5 * k + j()), ((x + sz) * k - 1.5 * k + j(), y * k - 1.5 * k + j())], fill=c, width=wd)
                d.line([((x + sz) * k - 1.5 * k + j(), (y - sz) * k + 1.5 * k + j()), (x * k + 1.5 * k + j(), y * k - 1.5 * k + j())], fill=c, width=wd)
        elif kind == "s":
            _, x, y, w = e
            pts = []
            for i in range(40):
                t = i / 39
                pts.append(((x + t * w) * k, (y - 6 - 7 * math.sin(t * 9 + rng.uniform(0, .4)) * (1 - t * 0.5)) * k))
            d.line(pts, fill=(20, 30, 110), width=max(1, round(1.1 * k)))
        elif kind == "st":
            stamps.append(e)
    for _, x, y, lines, color, angle in stamps:
        fs = 9 * k
        wmax = max(F("sansb", fs).getlength(l) for l in lines) + 16 * k
        hh = len(lines) * fs * 1.35 + 12 * k
        layer = Image.new("RGBA", (int(wmax) + 4, int(hh) + 4), (0, 0, 0, 0))
        ld = ImageDraw.Draw(layer)
        ld.rounded_rectangle([2, 2, wmax, hh], radius=6 * k, outline=color + (200,), width=max(2, round(1.5 * k)))
        for i, l in enumerate(lines):
            ld.text((8 * k, 6 * k + i * fs * 1.35), l, font=F("sansb", fs), fill=color + (190,))
        layer = layer.rotate(angle, expand=True, resample=Image.BICUBIC)
        img.paste(layer, (int(x * k), int(y * k)), layer)
    return img


_rl_done = False


def render_pdf(pages, fill, path, title="", author=""):
    global _rl_done
    if not _rl_done:
        for n, f in FONTS.items():
            pdfmetrics.registerFont(TTFont("C4" + n, FD + f))
        _rl_done = True
    fnt, ink = FILL[fill]
    c = rl_canvas.Canvas(str(path), pagesize=(W, H), invariant=1)
    c.setTitle(title)
    c.setAuthor(author)
    for page in pages:
        for e in page.el:
            kind = e[0]
            if kind == "t":
                _, x, y, s, size, f, color = e
                c.setFillColorRGB(*[v / 255 for v in color])
                c.setFont("C4" + f, size)
                c.drawString(x, H - y, s)
            elif kind == "v":
                _, x, y, s, size = e
                c.setFillColorRGB(*[v / 255 for v in ink])
                c.setFont("C4" + fnt, size)
                c.drawString(x, H - y, s)
            elif kind == "l":
                _, x0, y0, x1, y1, w, color = e
                c.setStrokeColorRGB(*[v / 255 for v in color])
                c.setLineWidth(w)
                c.line(x0, H - y0, x1, H - y1)
            elif kind == "r":
                _, x0, y0, x1, y1, w, fl = e
                c.setStrokeColorRGB(0, 0, 0)
                c.setLineWidth(w)
                if fl:
                    c.setFillColorRGB(*[v / 255 for v in fl])
                c.rect(x0, H - y1, x1 - x0, y1 - y0, stroke=1, fill=1 if fl else 0)
            elif kind == "b":
                _, x, y, sz, checked = e
                c.setStrokeColorRGB(0, 0, 0)
                c.setLineWidth(0.8)
                c.rect(x, H - y, sz, sz, stroke=1, fill=0)
                if checked:
                    c.setFillColorRGB(0, 0, 0)
                    c.setFont("C4sansb", sz)
                    c.drawString(x + 1.2, H - y + 1.3, "X")
            elif kind == "s":
                _, x, y, w = e
                c.setStrokeColorRGB(0.1, 0.1, 0.45)
                c.setLineWidth(1)
                p = c.beginPath()
                p.moveTo(x, H - y + 6)
                for i in range(1, 40):
                    t = i / 39
                    p.lineTo(x + t * w, H - (y - 6 - 7 * math.sin(t * 9) * (1 - t * 0.5)))
                c.drawPath(p)
        c.showPage()
    c.save()


# ----------------------------------------------------------------------------- degradations
def to_gray(img):
    return np.asarray(img.convert("L"), dtype=np.float32)


def scan_degrade(img, rng, angle=1.0, faint=False, noise=8.0, blur=0.6, bg=242, out_dpi=200):
    a = to_gray(img)
    if faint:
        a = 255 - (255 - a) * 0.52
    a = bg - (255 - a) * (bg / 255.0)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    im = im.rotate(angle, resample=Image.BICUBIC, fillcolor=int(bg), expand=False)
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(im, dtype=np.float32)
    nr = np.random.default_rng(rng.randrange(1 << 30))
    a = a + nr.normal(0, noise, a.shape)
    # speckles
    m = nr.random(a.shape) < 0.0006
    a[m] = nr.uniform(40, 120, m.sum())
    # darker scanner edge on one side
    a[:, :6] *= 0.55
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if out_dpi != 200:
        im = im.resize((round(im.width * out_dpi / 200), round(im.height * out_dpi / 200)), Image.LANCZOS)
    return im


def fax_degrade(img, rng, angle=0.6):
    a = to_gray(img)
    im = Image.fromarray(a.astype(np.uint8)).rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    w, h = im.size
    low = im.resize((w, h // 2), Image.BILINEAR)  # fine-mode fax: half vertical resolution
    b = np.asarray(low, dtype=np.float32)
    nr = np.random.default_rng(rng.randrange(1 << 30))
    b = b + nr.normal(0, 18, b.shape)
    b = np.where(b < 165, 0, 255).astype(np.uint8)
    # random streaks
    for _ in range(3):
        r = nr.integers(0, b.shape[0])
        b[r, :] = np.where(nr.random(b.shape[1]) < 0.3, 0, b[r, :])
    im = Image.fromarray(b).resize((w, h), Image.NEAREST)
    return im


def photo_degrade(img, rng, shadow=0.6):
    a = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w = a.shape[:2]
    nr = np.random.default_rng(rng.randrange(1 << 30))
    # paper tone
    a = a * np.array([0.97, 0.95, 0.90])
    pad = int(0.08 * w)
    Wc, Hc = w + 2 * pad, h + 2 * pad
    bgc = np.array(rng.choice([(96, 78, 60), (130, 128, 124), (60, 66, 80), (150, 120, 90)]), dtype=np.float32)
    j = lambda s: rng.uniform(0.2, 1.0) * s
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    s = rng.uniform(0.04, 0.07) * w
    dst = np.float32([[pad + j(s), pad + j(s)], [pad + w - j(s), pad + j(s) * 0.5],
                      [pad + w - j(s) * 0.5, pad + h - j(s)], [pad + j(s) * 0.7, pad + h - j(s) * 0.4]])
    M = cv2.getPerspectiveTransform(src, dst)
    canvas = np.ones((Hc, Wc, 3), np.float32) * bgc
    canvas = canvas + nr.normal(0, 6, canvas.shape)
    warped = cv2.warpPerspective(a, M, (Wc, Hc), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), M, (Wc, Hc))
    canvas = canvas * (1 - mask[..., None]) + warped * mask[..., None]
    # shadow: gradient from one corner + soft blob
    yy, xx = np.mgrid[0:Hc, 0:Wc].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    g = (np.cos(ang) * xx / Wc + np.sin(ang) * yy / Hc)
    g = (g - g.min()) / (g.max() - g.min())
    light = shadow + (1 - shadow) * g
    cx, cy = rng.uniform(0, Wc), rng.uniform(0, Hc * 0.3)
    blob = np.exp(-(((xx - cx) / (Wc * 0.35)) ** 2 + ((yy - cy) / (Hc * 0.2)) ** 2))
    light = light * (1 - 0.22 * blob)
    canvas = canvas * light[..., None]
    canvas = canvas + nr.normal(0, 4, canvas.shape)
    im = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8))
    im = im.filter(ImageFilter.GaussianBlur(0.7))
    tw = 1500
    im = im.resize((tw, round(im.height * tw / im.width)), Image.LANCZOS)
    return im


def jpeg_bytes(im, q):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, dpi=(200, 200))
    return b.getvalue()


def images_to_pdf(ims, path, q=60, png=False):
    blobs = []
    for im in ims:
        if png:
            b = io.BytesIO()
            im.save(b, "PNG", dpi=(200, 200))
            blobs.append(b.getvalue())
        else:
            blobs.append(jpeg_bytes(im, q))
    layout = img2pdf.get_layout_fun((img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)))
    pdf = img2pdf.convert(blobs, layout_fun=layout, nodate=True)
    # the PDF /ID may be random: make it a hash of the page images (same length, so offsets hold)
    h = hashlib.md5(b"".join(blobs)).hexdigest().encode()
    pdf = re.sub(rb"/ID \[<[0-9a-fA-F]{32}><[0-9a-fA-F]{32}>\]", b"/ID [<" + h + b"><" + h + b">]", pdf)
    Path(path).write_bytes(pdf)


# ----------------------------------------------------------------------------- reference data
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
REG = {r["region_code"]: r for r in csv.DictReader(open(DATA / "scb_regions.csv", encoding="utf-8"))}
MUN = {r["municipality_code"]: r for r in csv.DictReader(open(DATA / "scb_municipalities.csv", encoding="utf-8"))}


def munname(code, style=0):
    n = MUN[code]["municipality_name"]
    gen = n if n.endswith("s") else n + "s"
    return [f"{n} kommun", f"{gen} kommun", f"{n.upper()} KOMMUN", f"Kommunen {n}"][style]


PROGRAMS = {
    ("hembesok", 2023): dict(pool=42_000_000, req_dl="2023-10-31", rep_dl="2024-03-01", kinds={"region"}),
    ("hembesok", 2024): dict(pool=82_000_000, req_dl="2024-04-05", rep_dl="2025-03-01", kinds={"region"}),
    ("bhv-pilot", 2023): dict(pool=4_500_000, req_dl="2023-06-16", rep_dl="2024-05-03", kinds={"region", "municipality"}),
}
ALLOC = [
    ("hembesok", 2023, "18", 1349000, None), ("hembesok", 2023, "12", 4912000, None),
    ("hembesok", 2023, "21", 1036000, None), ("hembesok", 2023, "20", 1063000, None),
    ("hembesok", 2023, "17", 988000, None), ("hembesok", 2023, "24", 1005000, None),
    ("hembesok", 2024, "18", 2690000, 25), ("hembesok", 2024, "08", 1722000, None),
    ("hembesok", 2024, "03", 2871000, 25), ("hembesok", 2024, "10", 771000, None),
    ("hembesok", 2024, "06", 1955000, None), ("hembesok", 2024, "22", 1101000, None),
    ("hembesok", 2024, "25", 1128000, None),
    ("bhv-pilot", 2023, "1880", 580000, 45), ("bhv-pilot", 2023, "0380", 580000, 45),
    ("bhv-pilot", 2023, "0581", 580000, 45), ("bhv-pilot", 2023, "0181", 255000, 40),
    ("bhv-pilot", 2023, "18", 705000, 45), ("bhv-pilot", 2023, "03", 705000, 45),
    ("bhv-pilot", 2023, "05", 705000, 45), ("bhv-pilot", 2023, "01", 385000, 40),
]
ALLOC_MAP = {(p, y, c): (a, m) for p, y, c, a, m in ALLOC}

PNAME = {"hembesok": "Statsbidrag för utökade hembesöksprogram inom barnhälsovården",
         "bhv-pilot": "Statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden"}
PILOT_AREA = {"1880": ("Pilotområde 1", "Vivalla"), "0380": ("Pilotområde 2", "Gottsunda"),
              "0581": ("Pilotområde 3", "Navestad/Hageby"), "0181": ("Område med särskilt uppdrag", "Hovsjö"),
              "18": ("Pilotområde 1", "Vivalla"), "03": ("Pilotområde 2", "Gottsunda"),
              "05": ("Pilotområde 3", "Navestad/Hageby"), "01": ("Område med särskilt uppdrag", "Hovsjö")}
SV_MON = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


def orgname(kind, code, style=0):
    if kind == "region":
        r = REG[code]
        if style == 1 and r["region_name"].startswith("Region "):
            return r["region_name"].upper()
        return r["region_name"]
    return munname(code, style)


def fmt_date(iso, style):
    y, m, d = iso.split("-")
    if style == 0:
        return iso
    if style == 1:
        return f"{int(d)} {SV_MON[int(m) - 1]} {y}"
    if style == 2:
        return f"{y}-{m}-{d}".replace("-", "‑") if False else f"{d}.{m}.{y}"
    return iso


def amount_text(n, unit):
    if unit == "kr":
        return kr(n)
    if unit == "kr:-":
        return kr(n) + ":-"
    if unit == "tkr":
        return tkr(n)
    raise ValueError(unit)


# ----------------------------------------------------------------------------- form builders
def cell(p, x0, y0, x1, y1, label, value=None, vsize=12, lsize=7):
    p.rect(x0, y0, x1, y1, 0.6)
    p.t(x0 + 3, y0 + 8.5, label, lsize, "sans", (40, 40, 40))
    if value is not None:
        p.v(x0 + 7, y1 - 6, value, vsize)


def header_form(p, title, sub, form_no, rng):
    p.t(50, 52, "Socialstyrelsen", 12, "sansb")
    p.t(50, 63, "Avdelningen för statsbidrag", 7.5, "sans", (60, 60, 60))
    p.t(420, 52, form_no, 7.5, "sans", (60, 60, 60))
    p.line(50, 70, 545, 70, 1.2)
    p.t(50, 95, title, 15, "sansb")
    y = 112
    for ln in wrap(sub, "sans", 9.5, 495):
        p.t(50, y, ln, 9.5, "sans")
        y += 12.5
    return y + 6


def prog_ticks(p, y, prog):
    p.t(50, y, "Statsbidraget avser (kryssa i ett alternativ):", 8.5, "sansb")
    y += 15
    p.box(56, y, prog == "hembesok")
    p.t(72, y - 1, "Utökade hembesöksprogram inom barnhälsovården", 9)
    y += 15
    p.box(56, y, prog == "bhv-pilot")
    p.t(72, y - 1, "Pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden", 9)
    return y + 12


def sokande(p, y, s):
    p.t(50, y, "1. Sökande", 10, "sansb")
    y += 6
    cell(p, 50, y, 545, y + 30, "Organisationens namn", s["orgtext"])
    y += 30
    cell(p, 50, y, 300, y + 30, "Organisationsnummer", s["orgnr"])
    p.rect(300, y, 545, y + 30, 0.6)
    p.t(303, y + 8.5, "Typ av organisation", 7, "sans", (40, 40, 40))
    p.box(310, y + 24, s["kind"] == "municipality")
    p.t(324, y + 23, "Kommun", 9)
    p.box(400, y + 24, s["kind"] == "region")
    p.t(414, y + 23, "Region", 9)
    y += 30
    cell(p, 50, y, 545, y + 30, "Postadress", s["addr"], 11)
    y += 30
    cell(p, 50, y, 300, y + 30, "Kontaktperson", s["contact"], 11)
    cell(p, 300, y, 545, y + 30, "Telefon", s["phone"], 11)
    return y + 30 + 16


def underskrift(p, y, s, label_date="Ort och datum"):
    p.t(50, y, "4. Underskrift av behörig företrädare", 10, "sansb")
    y += 6
    cell(p, 50, y, 300, y + 32, label_date, s["place"] + " " + s["date_txt"] if s.get("date_txt") else s["place"], 12)
    cell(p, 300, y, 545, y + 32, "Underskrift")
    p.sign(320, y + 27, 120)
    y += 32
    cell(p, 50, y, 300, y + 30, "Namnförtydligande", s["signer"], 11)
    cell(p, 300, y, 545, y + 30, "Befattning", s["title"], 11)
    return y + 30 + 14


def footer(p, txt):
    p.line(50, 800, 545, 800, 0.5)
    p.t(50, 812, txt, 7, "sans", (80, 80, 80))
    p.t(500, 812, "Sida 1 (1)", 7, "sans", (80, 80, 80))


def requisition_form(s, rng):
    p = Page()
    sub = ("Rekvisitionen avser " + PNAME[s["prog"]].lower() + ".") if not s.get("tick") else \
        "Använd blanketten för att rekvirera statsbidrag. Fyll i samtliga uppgifter och skicka blanketten till Socialstyrelsen."
    y = header_form(p, "REKVISITION AV STATSBIDRAG", sub, s.get("formno", "Blankett SB 12 (2023-01)"), rng)
    if s.get("tick"):
        y = prog_ticks(p, y, s["prog"])
    s["_by"] = y
    cell(p, 50, y, 200, y + 30, "Bidragsår", str(s["year"]))
    y += 46
    y = sokande(p, y, s)
    p.t(50, y, "2. Rekvisition", 10, "sansb")
    y += 6
    unit = s["unit"]
    lab = "Rekvirerat belopp (tkr)" if unit == "tkr" else "Rekvirerat belopp (kronor)"
    cell(p, 50, y, 300, y + 32, lab, amount_text(s["requested"], unit) if s.get("requested") is not None else None, 13)
    if s["prog"] == "bhv-pilot":
        a, n = PILOT_AREA[s["code"]]
        cell(p, 300, y, 545, y + 32, "Pilotområde", f"{a} ({n})" if s.get("area", True) else None, 10)
    else:
        cell(p, 300, y, 545, y + 32, "Kostnadsperiod", f"{s['year']}-01-01 – {s['year']}-12-31", 10)
    y += 32
    cell(p, 50, y, 545, y + 30, "Belopp med bokstäver",
         words(s["requested"]) if (s.get("words") and s.get("requested") is not None) else None, 11)
    y += 30
    if s["prog"] == "bhv-pilot":
        cell(p, 50, y, 545, y + 30, "Andel av områdets ersättning som avser kommunens förebyggande socialtjänst (procent)",
             (f"{s['share']} %" if s.get("share") is not None else None), 12)
        y += 30
    elif s["year"] >= 2024:
        cell(p, 50, y, 545, y + 30, "Andel av bidraget som finansierar kommunal verksamhet (procent)",
             (f"{s['share']} %" if s.get("share") is not None else None), 12)
        y += 30
        col = s.get("collab") or []
        txt = ", ".join(munname(c, 0) for c in col)
        cell(p, 50, y, 545, y + 44, "Kommuner som regionen samverkar med", None)
        lines = wrap(txt, "hand", 11, 470) if txt else []
        for i, ln in enumerate(lines[:2]):
            p.v(57, y + 24 + i * 15, ln, 11)
        y += 44
    y += 16
    p.t(50, y, "3. Utbetalning", 10, "sansb")
    y += 6
    cell(p, 50, y, 300, y + 30, "Bankgiro / plusgiro", s["bg"], 11)
    cell(p, 300, y, 545, y + 30, "Referens på utbetalningen", s["ref"], 11)
    y += 46
    y = underskrift(p, y, s)
    p.t(50, y + 4, "Rekvisitionen ska ha kommit in till Socialstyrelsen senast den dag som anges i anvisningarna.", 7.5,
        "sans", (60, 60, 60))
    footer(p, "Socialstyrelsen, 106 30 Stockholm  |  Tfn 075-247 30 00  |  registrator@socialstyrelsen.se")
    return [p]


def report_form(s, rng):
    p = Page()
    sub = ("Återrapporteringen avser " + PNAME[s["prog"]].lower() + ".") if not s.get("tick") else \
        "Redovisa hur statsbidraget har använts under bidragsåret. Medel som inte har använts ska återbetalas."
    y = header_form(p, "ÅTERRAPPORTERING – EKONOMISK REDOVISNING", sub, s.get("formno", "Blankett SB 14 (2024-01)"), rng)
    if s.get("tick"):
        y = prog_ticks(p, y, s["prog"])
    cell(p, 50, y, 200, y + 30, "Bidragsår", str(s["year"]))
    cell(p, 200, y, 545, y + 30, "Diarienummer hos mottagaren", s["dnr"], 11)
    y += 46
    y = sokande(p, y, s)
    unit = s["unit"]
    p.t(50, y, "2. Ekonomisk redovisning " + ("(belopp i tkr)" if unit == "tkr" else "(belopp i kronor)"), 10, "sansb")
    y += 6
    rows = [("Erhållet bidrag", s.get("received")), ("Förbrukade medel under bidragsåret", s.get("used")),
            ("Ej förbrukade medel (återbetalas till Socialstyrelsen)", s.get("unused"))]
    for lab, val in rows:
        p.rect(50, y, 545, y + 26, 0.6)
        p.line(360, y, 360, y + 26, 0.6)
        p.t(56, y + 17, lab, 9.5)
        if val is not None:
            p.v(370, y + 19, amount_text(val, unit), 13)
        y += 26
    y += 14
    if s.get("costs"):
        p.t(50, y, "3. Förbrukade medel per kostnadsslag", 10, "sansb")
        y += 6
        for lab, val in s["costs"] + [("Summa kostnader", s["cost_total"])]:
            bold = lab.startswith("Summa")
            p.rect(50, y, 545, y + 22, 0.6, fill=(235, 235, 235) if bold else None)
            p.line(360, y, 360, y + 22, 0.6)
            p.t(56, y + 15, lab, 9.5, "sansb" if bold else "sans")
            p.v(370, y + 16, amount_text(val, unit), 12)
            y += 22
        y += 14
    p.t(50, y, "Kort beskrivning av hur medlen har använts", 10, "sansb")
    y += 6
    p.rect(50, y, 545, y + 58, 0.6)
    for i, ln in enumerate(wrap(s["desc"], "hand", 10.5, 425)[:3]):
        p.v(57, y + 17 + i * 16, ln, 10.5)
    y += 72
    s2 = dict(s)
    y = underskrift(p, y, s2)
    footer(p, "Skickas till Socialstyrelsen, 106 30 Stockholm, eller registrator@socialstyrelsen.se")
    return [p]


# ----------------------------------------------------------------------------- prose builders
def letterhead(p, org, dept, f):
    p.t(50, 58, org, 14, "serifb" if f != "mono" else "monob")
    p.t(50, 72, dept, 9, f)
    p.line(50, 80, 545, 80, 0.8)


def prose_doc(s, rng):
    """s: org, dept, f (body font), head (list of (label, value)), title, paras (list of str or ('h', str)),
    sign (list of lines), page2 (optional list of paras), kind_label"""
    f = s.get("f", "serif")
    bsize = 10.5 if f != "mono" else 9.5
    pages = []
    p = Page()
    letterhead(p, s["org"], s["dept"], f)
    y = 100
    if s.get("kind_label"):
        p.t(360, y, s["kind_label"], 12, "sansb" if f != "mono" else "monob")
        y += 16
    for lab, val in s["head"]:
        p.t(360, y, lab, 7.5, "sans", (70, 70, 70))
        p.t(360, y + 11, val, 10, f)
        y += 25
    y = max(y + 10, 190)
    for ln in wrap(s["title"], "serifb" if f != "mono" else "monob", 13, 495):
        p.t(50, y, ln, 13, "serifb" if f != "mono" else "monob")
        y += 17
    y += 8
    allparas = list(s["paras"])
    for para in allparas:
        if isinstance(para, tuple) and para[0] == "h":
            y += 4
            p.t(50, y, para[1], 11, "sansb" if f != "mono" else "monob")
            y += 15
            continue
        if isinstance(para, tuple) and para[0] == "table":
            rows = para[1]
            for r in rows:
                p.t(60, y, r[0], bsize, f)
                p.t(480 - tlen(r[1], f, bsize), y, r[1], bsize, f)
                y += bsize * 1.5
            y += 6
            continue
        for ln in wrap(para, f, bsize, 490):
            if y > 760:
                footer(p, s.get("foot", ""))
                pages.append(p)
                p = Page()
                p.t(50, 50, s["org"], 9, f)
                y = 80
            p.t(50, y, ln, bsize, f)
            y += bsize * 1.4
        y += 7
    y += 10
    if y > 700:
        footer(p, s.get("foot", ""))
        pages.append(p)
        p = Page()
        y = 80
    for i, ln in enumerate(s.get("sign", [])):
        if i == 1 and s.get("signature", True):
            p.sign(52, y + 2, 110)
            y += 22
        p.t(50, y, ln, bsize, f)
        y += bsize * 1.45
    if s.get("boxes"):
        y += 12
        for i, lab in enumerate(s["boxes"]):
            p.rect(50 + i * 165, y, 205 + i * 165, y + 34, 0.6)
            p.t(54 + i * 165, y + 9, lab, 7, "sans", (60, 60, 60))
            if i < 2:
                p.v(100 + i * 165, y + 27, rng.choice(["AL", "KJ", "MN", "PE", "SB", "LH"]), 12)
    footer(p, s.get("foot", ""))
    pages.append(p)
    return pages


# ----------------------------------------------------------------------------- corpus definition
PEOPLE = ["Anna Lindqvist", "Karin Holm", "Johan Berg", "Maria Sandberg", "Erik Nyström", "Sara Ek",
          "Lena Wikström", "Peter Åberg", "Helena Forsberg", "Mikael Strand", "Eva Dahl", "Fatima Hassan"]
TOWN = {"18": "Örebro", "03": "Uppsala", "05": "Linköping", "01": "Stockholm", "12": "Malmö", "21": "Gävle",
        "20": "Falun", "17": "Karlstad", "13": "Halmstad", "08": "Kalmar", "10": "Karlskrona", "06": "Jönköping",
        "25": "Luleå", "22": "Härnösand", "23": "Östersund", "24": "Umeå"}
AREA = {"18": "019", "03": "018", "05": "010", "01": "08", "12": "040", "21": "026", "20": "023", "17": "054",
        "13": "035", "08": "0480", "10": "0455", "06": "036", "25": "0920", "22": "0611", "23": "063", "24": "090"}


def req(key, code, prog, year, amount, recv, date, style, fill="hand", **kw):
    return dict(key=key, dtype="requisition", code=code, prog=prog, year=year, requested=amount, recv=recv,
                date=date, style=style, fill=fill, **kw)


def rep(key, code, prog, year, received, used, unused, recv, date, style, fill="hand", **kw):
    return dict(key=key, dtype="return_report", code=code, prog=prog, year=year, received=received, used=used,
                unused=unused, recv=recv, date=date, style=style, fill=fill, **kw)


def dec(key, code, prog, year, decided, phrase, tol, recv, date, style, **kw):
    return dict(key=key, dtype="decision", code=code, prog=prog, year=year, decided=decided, phrase=phrase, tol=tol,
                recv=recv, date=date, style=style, fill="print", **kw)


def kind_of(code):
    return "region" if len(code) == 2 else "municipality"


DOCS = [
    # --- bhv-pilot 2023 -------------------------------------------------------------------------
    dict(key="I1", dtype="instruction", code="18", prog="bhv-pilot", year=2023, recv="2023-04-14", date="2023-04-11",
         style="scan", fill="type", body="mono", faint=False),
    req("P1", "1880", "bhv-pilot", 2023, 580000, "2023-05-08", "2023-05-04", "scan", "hand", words=True, share=45, tick=True, stamp=True),
    req("P2", "0380", "bhv-pilot", 2023, 580000, "2023-05-15", "2023-05-12", "photo_jpg", "hand2"),
    req("P3", "0581", "bhv-pilot", 2023, 575000, "2023-05-22", "2023-05-17", "text", "print", words=True, share=45, date_style=1),
    req("P4", "0181", "bhv-pilot", 2023, 255000, "2023-05-29", "2023-05-25", "fax", "hand3", share=35, tick=True),
    req("P5", "18", "bhv-pilot", 2023, 705000, "2023-06-02", "2023-05-31", "scan", "type", share=45, tick=True, faint=True, unit="kr:-"),
    req("P6", "03", "bhv-pilot", 2023, 705000, "2023-06-09", "2023-06-07", "scan", "hand", share=45, unit="tkr", stamp=True),
    req("P7", "01", "bhv-pilot", 2023, 385000, "2023-06-16", "2023-06-15", "photo_pdf", "hand", share=40, words=True),
    req("P8", "05", "bhv-pilot", 2023, 1285000, "2023-06-20", "2023-06-19", "scan", "hand2", share=45, words=True, tick=True),
    dec("DP1", "0581", "bhv-pilot", 2023, 580000, "580 tkr", 500, "2023-06-28", "2023-06-21", "scan", stamp=True),
    dec("DP2", "03", "bhv-pilot", 2023, 700000, "0,7 mnkr", 50000, "2023-09-12", "2023-09-05", "text"),
    rep("R7", "0380", "bhv-pilot", 2023, 580000, None, None, "2024-04-15", "2024-04-12", "scan", "hand2", tick=True),
    rep("R1", "1880", "bhv-pilot", 2023, 580000, 561200, 18800, "2024-04-22", "2024-04-18", "scan", "hand", tick=True, stamp=True),
    rep("R2", "0581", "bhv-pilot", 2023, 575000, 548300, 26700, "2024-04-26", "2024-04-24", "scan", "hand3", unit="tkr",
        costs=[("Personalkostnader", 402000), ("Utbildning och handledning", 61500), ("Lokaler och resor", 38400),
               ("Övriga kostnader", 51400)], cost_total=548300, faint=True),
    rep("R5", "03", "bhv-pilot", 2023, 705000, 742300, 0, "2024-04-29", "2024-04-25", "photo_jpg", "hand"),
    rep("R6", "05", "bhv-pilot", 2023, 1285000, 1190000, 95000, "2024-04-30", "2024-04-29", "scan", "type", unit="kr:-"),
    rep("R4", "18", "bhv-pilot", 2023, 705000, 689450, 15550, "2024-05-03", "2024-05-02", "text", "print", tick=True,
        costs=[("Personalkostnader", 512300), ("Tolkkostnader", 88150), ("Utbildning", 54000), ("Material och resor", 35000)],
        cost_total=689450),
    rep("R3", "0181", "bhv-pilot", 2023, 255000, 255000, 0, "2024-05-07", "2024-05-06", "fax", "hand"),
    # --- hembesok 2023 --------------------------------------------------------------------------
    req("Q1", "18", "hembesok", 2023, 1349000, "2023-09-18", "2023-09-14", "scan", "type", unit="kr:-", stamp=True),
    req("Q2", "20", "hembesok", 2023, 1063000, "2023-09-25", "2023-09-21", "text", "print", words=True, tick=True),
    req("Q5", "2180", "hembesok", 2023, 400000, "2023-10-04", "2023-10-02", "fax", "hand", tick=True),
    req("Q4", "13", "hembesok", 2023, 1250000, "2023-10-10", "2023-10-06", "photo_jpg", "hand", unit="tkr"),
    dec("DC", "21", "hembesok", 2023, 1036000, "1 036 tkr", 500, "2023-10-12", "2023-10-09", "scan", stamp=True),
    dict(key="DC2", dup_of="DC", recv="2023-10-16"),
    req("Q3", "20", "hembesok", 2023, 1063000, "2023-10-19", "2023-10-17", "scan", "hand", stamp=True),
    dec("DB", "12", "hembesok", 2023, 4800000, "4,8 mnkr", 50000, "2023-10-20", "2023-10-16", "scan", faint=True),
    dict(key="O1", dtype="other", code="17", recv="2023-10-23", date="2023-10-18", style="scan", fill="print"),
    req("Q6", "17", "hembesok", 2023, 988000, "2023-11-03", "2023-10-30", "scan", "hand2", tick=True, words=True),
    dec("DD", "20", "hembesok", 2023, 1036000, "1 036 tkr", 500, "2023-11-07", "2023-11-02", "photo_jpg"),
    dec("DA", "18", "hembesok", 2023, 1300000, "1,3 miljoner kronor", 50000, "2023-11-24", "2023-11-21", "text"),
    dec("DE", "24", "hembesok", 2023, 1005000, "en miljon femtusen kronor", 0.5, "2023-12-04", "2023-11-28", "scan_png"),
    dict(key="O2", dtype="other", code="0581", recv="2024-01-15", date="2024-01-10", style="photo_jpg", fill="print"),
    rep("RA", "18", "hembesok", 2023, 1349000, 1287400, 71600, "2024-02-20", "2024-02-16", "scan", "hand", stamp=True),
    rep("RB", "12", "hembesok", 2023, 4912000, 4655300, 256700, "2024-03-05", "2024-03-04", "text", "print", tick=True),
    # --- hembesok 2024 --------------------------------------------------------------------------
    req("S7", "0880", "hembesok", 2024, 400000, "2024-02-19", "2024-02-15", "scan", "hand", tick=True),
    req("S4", "10", "hembesok", 2024, 771000, "2024-02-27", "2024-02-23", "fax", "hand", collab=["1080", "1083"]),
    dict(key="I2", dtype="instruction", code="08", prog="hembesok", year=2024, recv="2024-03-01", date="2024-02-26",
         style="text", fill="print", body="serif"),
    req("S5", "10", "hembesok", 2024, 771000, "2024-03-06", "2024-03-05", "text", "print", collab=["1080", "1083"], share=35, words=True),
    req("S1", "18", "hembesok", 2024, 2690000, "2024-03-11", "2024-03-07", "scan", "hand", collab=["1880", "1881"], share=30, tick=True, stamp=True),
    req("S2", "08", "hembesok", 2024, 1800000, "2024-03-15", "2024-03-13", "photo_jpg", "hand2", collab=["0880", "0881"], share=40),
    req("S3", "03", "hembesok", 2024, 2871000, "2024-03-20", "2024-03-18", "scan", "type", collab=["0380", "0381"], share=20, unit="tkr", faint=True),
    req("S8", "23", "hembesok", 2024, 950000, "2024-03-27", "2024-03-25", "text", "print", collab=["2380"], share=25, date_style=1),
    req("S6", "06", "hembesok", 2024, 1955000, "2024-04-05", "2024-04-04", "scan_png", "hand3", collab=["0680", "0682"], share=30),
    req("S9", "25", "hembesok", 2024, 1128000, "2024-04-09", "2024-04-08", "scan", "hand", collab=["2580"], share=30, stamp=True),
    dec("DF", "03", "hembesok", 2024, 2900000, "2,9 mnkr", 50000, "2024-05-14", "2024-05-07", "scan"),
    dec("DG", "08", "hembesok", 2024, 1722000, "en miljon sjuhundratjugotvåtusen kronor", 0.5, "2024-05-20", "2024-05-15", "text"),
    dec("DH", "06", "hembesok", 2024, 2100000, "2,1 mnkr", 50000, "2024-05-27", "2024-05-22", "fax"),
    rep("RD", "08", "hembesok", 2024, 1722000, 1640500, 81500, "2025-02-10", "2025-02-06", "scan", "hand", tick=True),
    dict(key="RD2", dup_of="RD", recv="2025-02-13"),
    rep("RE", "25", "hembesok", 2024, 1128000, 1104600, 23400, "2025-02-18", "2025-02-14", "photo_jpg", "hand", unit="tkr",
        costs=[("Personalkostnader", 780000), ("Tolk och översättning", 210500), ("Utbildning", 64100),
               ("Resor", 40000)], cost_total=1104600),
    rep("RF", "10", "hembesok", 2024, 771000, 702900, 58100, "2025-02-24", "2025-02-20", "scan", "hand2", stamp=True),
]


TEXT_KEYS = {"P6", "DC", "DB", "S7", "R6", "DF", "RD", "S9", "R1", "O1", "RA"}


def org_details(d, rng):
    code, kind = d["code"], kind_of(d["code"])
    rc = code if kind == "region" else MUN[code]["region_code"]
    town = TOWN.get(rc, "Stockholm") if kind == "region" else MUN[code]["municipality_name"]
    d.setdefault("unit", "kr")
    d["kind"] = kind
    d["orgtext"] = orgname(kind, code, d.get("orgstyle", 0))
    d["orgnr"] = ("232100-" if kind == "region" else "212000-") + f"{rng.randrange(0, 9999):04d}"
    d["addr"] = f"Box {rng.randrange(100, 9999)}, {rng.randrange(100, 989)} {rng.randrange(10, 99)} {town}"
    d["contact"] = rng.choice(PEOPLE)
    d["phone"] = f"{AREA.get(rc, '08')}-{rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
    d["place"] = town
    d["date_txt"] = fmt_date(d["date"], d.get("date_style", 0))
    d["signer"] = rng.choice(PEOPLE)
    d["title"] = ("Hälso- och sjukvårdsdirektör" if kind == "region" else rng.choice(["Socialchef", "Förvaltningschef"]))
    d["bg"] = f"{rng.randrange(100, 9999)}-{rng.randrange(1000, 9999)}"
    d["ref"] = rng.choice(["Barnhälsovård", "Ansvar 4120", "BHV-pilot", "Projekt 71034", "Hembesök BVC"])
    d["dnr"] = f"{rng.choice(['RS', 'SN', 'HSN', 'KS'])} {d['year']}/{rng.randrange(100, 2999)}"
    d["desc"] = rng.choice([
        "Medlen har använts till barnhälsovårdssjuksköterskor och föräldrarådgivare som genomfört hembesök tillsammans med socialtjänsten.",
        "Bidraget har finansierat personal för utökade hembesök, tolk vid besöken samt utbildning för medarbetarna.",
        "Gemensamma hembesök med BVC och socialtjänst, handledning och samordning i området."])
    return d


def decision_spec(d, rng):
    kind = kind_of(d["code"])
    org = orgname(kind, d["code"])
    y = d["year"]
    pn = "utökade hembesöksprogram inom barnhälsovården" if d["prog"] == "hembesok" else \
        "pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden"
    par = f"§ {rng.randrange(12, 260)}"
    dnr = f"{rng.choice(['RS', 'HSN', 'SN'])} {y}/{rng.randrange(100, 2999)}"
    if kind == "municipality":
        area = PILOT_AREA[d["code"]][1]
        board = "Socialnämnden"
        beslut = (f"Socialnämnden beslutar att rekvirera och ta emot statsbidrag för {pn} för år {y} "
                  f"om {d['phrase']}, att användas inom förebyggande socialtjänst i {area}.")
        summ = ("Socialstyrelsen har regeringens uppdrag att genomföra pilotverksamhet för barnhälsovård i "
                f"socioekonomiskt utsatta områden. Kommunen ingår med området {area}. Kommunens medel avser "
                "förebyggande socialtjänst som genomförs tillsammans med barnavårdscentralen.")
    else:
        board = rng.choice(["Regionstyrelsen", "Hälso- och sjukvårdsnämnden"])
        target = "barnhälsovården i " + PILOT_AREA[d["code"]][1] if d["prog"] == "bhv-pilot" else \
            "centrala barnhälsovårdsenheten för planering och samordning av utökade hembesök"
        beslut = f"{board} beslutar att statsbidraget för {pn} om {d['phrase']} för {y} fördelas till {target}."
        summ = ("Socialstyrelsen har utlyst ett statsbidrag för att stödja och stimulera barnhälsovårdens "
                "förebyggande arbete med hembesök. Bidraget får endast användas till en utökning av hembesöksprogram "
                "och planeringen ska ske i samverkan med socialtjänsten, tandvården, mödrahälsovården och förskolan.")
    return dict(org=org, dept=board, f="serif", kind_label="PROTOKOLLSUTDRAG",
                head=[("Sammanträdesdatum", fmt_date(d["date"], 0)), ("Paragraf", par), ("Diarienummer", dnr)],
                title=f"Fördelning av statsbidrag för {pn} {y}",
                paras=[("h", "Beslut"), beslut, ("h", "Sammanfattning"), summ,
                       ("h", "Ärendebeskrivning"),
                       "Arbetet med utökade hembesök bedrivs av barnavårdscentralerna och samordnas centralt. "
                       "Medlen ska användas under bidragsåret och återrapporteras till Socialstyrelsen enligt "
                       "myndighetens anvisningar. Eventuella medel som inte har använts återbetalas.",
                       ("h", "Beslutsunderlag"), "Tjänsteskrivelse från förvaltningen. Socialstyrelsens anvisningar för statsbidraget."],
                sign=["Vid protokollet", "", rng.choice(PEOPLE), "sekreterare"],
                boxes=["Ordförandes sign", "Justerandes sign", "Utdragsbestyrkande"],
                foot=f"{org}  |  {board}  |  Protokollsutdrag")


def instruction_spec(d, rng):
    if d["key"] == "I1":
        return dict(org="Region Örebro län", dept="Hälsovalsenheten, centrala barnhälsovården", f="mono",
                    kind_label="RUTIN", head=[("Datum", d["date"]), ("Dnr", "23RS2210")],
                    title="Rutin för rekvisition och återrapportering av statsbidrag för pilotverksamhet i barnhälsovården 2023",
                    paras=[("h", "Syfte"),
                           "Rutinen beskriver hur regionen och Örebro kommun rekvirerar och redovisar statsbidraget för "
                           "pilotverksamheten i Vivalla under bidragsåret 2023.",
                           ("h", "Ansvar och arbetsgång"),
                           "1. Centrala barnhälsovården sammanställer regionens rekvisition på Socialstyrelsens blankett. "
                           "Regionens andel av områdets ersättning är 55 procent och kommunens andel 45 procent.",
                           "2. Rekvisitionen undertecknas av hälso- och sjukvårdsdirektören och ska vara Socialstyrelsen "
                           "tillhanda senast den 16 juni 2023.",
                           "3. Kostnaderna bokförs på särskilt projektnummer. Endast kostnader under perioden "
                           "1 januari - 31 december 2023 får belasta bidraget.",
                           "4. Ekonomisk återrapportering lämnas senast den 3 maj 2024. Ej använda medel återbetalas "
                           "efter faktura från Socialstyrelsen."],
                    sign=["Fastställd av", "", "Centrala barnhälsovården"], foot="Region Örebro län | Rutin")
    return dict(org="Region Kalmar län", dept="Regionkansliet, Barnhälsovårdsenheten", f="serif",
                kind_label="ANVISNING", head=[("Datum", d["date"]), ("Till", "Vårdcentralernas BVC")],
                title="Anvisning till vårdcentraler: statsbidrag för utökade hembesöksprogram inom barnhälsovården 2024",
                paras=["Regionen rekvirerar under våren statsbidraget för utökade hembesök för 2024 i samverkan med "
                       "Kalmar kommun och Nybro kommun. Denna anvisning beskriver hur vårdcentralerna ska planera, "
                       "registrera och redovisa de hembesök som finansieras av bidraget.",
                       ("h", "Vilka besök omfattas"),
                       "Utökade hembesök görs tillsammans med socialtjänstens föräldrarådgivare vid barnets ålder "
                       "1-2 veckor, 2 månader, 4 månader, 8 månader, 12 månader och 15 månader. Besöken registreras "
                       "med särskild åtgärdskod i journalen.",
                       ("h", "Ersättning och redovisning"),
                       "Ersättning per genomfört gemensamt hembesök betalas ut kvartalsvis. Vårdcentralerna lämnar "
                       "underlag till barnhälsovårdsenheten senast den 20 januari 2025 så att regionen kan "
                       "återrapportera till Socialstyrelsen i tid.",
                       ("h", "Kontakt"), "Frågor besvaras av barnhälsovårdsenhetens samordnare."],
                sign=["Barnhälsovårdsenheten", "", rng.choice(PEOPLE), "Verksamhetschef"], signature=False,
                foot="Region Kalmar län | Anvisning")


def other_spec(d, rng):
    if d["key"] == "O1":
        return dict(org="Region Värmland", dept="Barnhälsovårdsenheten", f="serif", kind_label="INBJUDAN",
                    head=[("Datum", d["date"])],
                    title="Välkommen till nätverksträff för barnhälsovården i Värmland",
                    paras=["Vi bjuder in BVC-sjuksköterskor, familjecentralernas personal och socialtjänstens "
                           "föräldrastödjare till en gemensam eftermiddag om föräldrastöd och samverkan.",
                           ("h", "Program"),
                           ("table", [("13.00 Välkomna och inledning", "Aulan"), ("13.30 Språkutveckling hos små barn", "Aulan"),
                                      ("14.30 Fika", "Foajén"), ("15.00 Erfarenheter från familjecentralerna", "Sal 2"),
                                      ("16.00 Avslutning", "Aulan")]),
                           "Träffen hålls tisdagen den 14 november 2023 i Karlstad. Anmälan görs till "
                           "barnhälsovårdsenheten senast den 6 november. Deltagandet är kostnadsfritt.",
                           "Varmt välkomna!"],
                    sign=["Med vänliga hälsningar", "", rng.choice(PEOPLE), "Samordnare barnhälsovård"], signature=False,
                    foot="Region Värmland | Barnhälsovårdsenheten")
    return dict(org="Norrköpings kommun", dept="Familjecentralen Navestad", f="serif", kind_label="NYHETSBREV",
                head=[("Nummer", "1 / 2024")],
                title="Nytt från familjecentralen – vintern 2024",
                paras=["Hej alla familjer! Här kommer vinterns nyheter från öppna förskolan, barnavårdscentralen och "
                       "föräldrastödet på familjecentralen.",
                       ("h", "Öppna förskolan"),
                       "Öppna förskolan har öppet måndag, tisdag och torsdag klockan 9-12. På onsdagar har vi "
                       "babycafé för föräldrar med barn under ett år.",
                       ("h", "Babymassage"),
                       "En ny kurs i babymassage startar i februari. Kursen är fem träffar och anmälan görs till "
                       "BVC-sjuksköterskan.",
                       ("h", "Språkstunder"),
                       "Biblioteket kommer till oss varannan fredag med sagor och ramsor på flera språk."],
                sign=["Hälsningar från oss alla på familjecentralen"], signature=False,
                foot="Norrköpings kommun | Familjecentralen Navestad")


def build_pages(d, rng):
    t = d["dtype"]
    if t == "requisition":
        return requisition_form(org_details(d, rng), rng), d["fill"]
    if t == "return_report":
        return report_form(org_details(d, rng), rng), d["fill"]
    if t == "decision":
        s = decision_spec(d, rng)
    elif t == "instruction":
        s = instruction_spec(d, rng)
    else:
        s = other_spec(d, rng)
    if d["style"] == "text" or d["style"] in ("fax",):
        pass
    return prose_doc(s, rng), d.get("fill", "print")


def add_stamp(pages, d, rng):
    p = pages[0]
    n = rng.randrange(1000, 9999)
    lines = ["SOCIALSTYRELSEN", f"Inkom {d['recv']}", f"Dnr 6.2-{n}/{d['recv'][:4]}"]
    if d["dtype"] in ("requisition", "return_report"):
        # beside the 'Bidragsår' cell, right side, clear of the values
        p.stamp(330, d["_by"] - 4, lines, angle=rng.uniform(-4, 4))
    else:
        p.stamp(330, 4, lines, color=(60, 40, 150), angle=rng.uniform(-3, 3))


def write_doc(d, pages, fill, out, rng):
    style = d["style"]
    base = out / d["file_stem"]
    if style == "text":
        path = base.with_suffix(".pdf")
        render_pdf(pages, fill, path, title=d.get("title_meta", ""), author="")
        return path
    if d.get("stamp"):
        if d["dtype"] == "return_report":
            pages[0].stamp(250, 2, ["SOCIALSTYRELSEN", f"Inkom {d['recv']}", f"Dnr 6.2-{rng.randrange(1000, 9999)}/{d['recv'][:4]}"],
                           angle=rng.uniform(-4, 4))
        else:
            add_stamp(pages, d, rng)
    ims = [render_img(p, fill, rng) for p in pages]
    if style == "scan":
        outs = [scan_degrade(im, rng, angle=rng.uniform(-2.8, 2.8), faint=d.get("faint", False),
                             noise=rng.uniform(5, 11), out_dpi=rng.choice([150, 200, 200])) for im in ims]
        path = base.with_suffix(".pdf")
        images_to_pdf(outs, path, q=rng.randrange(35, 70))
    elif style == "scan_png":
        o = scan_degrade(ims[0], rng, angle=rng.uniform(-2.0, 2.0), noise=rng.uniform(4, 8))
        path = base.with_suffix(".png")
        o.save(path, "PNG", dpi=(200, 200))
    elif style == "fax":
        outs = []
        for i, im in enumerate(ims):
            dd = ImageDraw.Draw(im)
            k = 200 / 72
            dd.text((30 * k, 22 * k), f"FAX  {d['recv']} 08:{rng.randrange(10, 59)}   FRÅN: +46 {rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}   S. {i + 1:02d}/{len(ims):02d}",
                    font=F("mono", 7.5 * k), fill=(0, 0, 0), anchor="ls")
            outs.append(fax_degrade(im, rng, angle=rng.uniform(-1.5, 1.5)))
        path = base.with_suffix(".pdf")
        images_to_pdf(outs, path, png=True)
    elif style in ("photo_jpg", "photo_pdf"):
        o = photo_degrade(ims[0], rng, shadow=rng.uniform(0.45, 0.7))
        if style == "photo_jpg":
            path = base.with_suffix(".jpg")
            o.save(path, "JPEG", quality=rng.randrange(70, 88))
        else:
            path = base.with_suffix(".pdf")
            images_to_pdf([o], path, q=80)
    else:
        raise ValueError(style)
    return path


# ----------------------------------------------------------------------------- truth and flags
def expect_of(d):
    e = {"document_type": d["dtype"]}
    if d["dtype"] == "other":
        e["organisation"] = {"kind": kind_of(d["code"]), "code": d["code"]}
        return e
    e["program"] = d["prog"]
    e["grant_year"] = d["year"]
    e["organisation"] = {"kind": kind_of(d["code"]), "code": d["code"]}
    am = {}
    if d["dtype"] == "requisition" and d.get("requested") is not None:
        am["requested"] = d["requested"]
    if d["dtype"] == "return_report":
        for k in ("received", "used", "unused"):
            if d.get(k) is not None:
                am[k] = d[k]
    if d["dtype"] == "decision":
        am["decided"] = d["decided"]
    if am:
        e["amounts"] = am
    e["document_date"] = d["date"]
    if d["dtype"] == "requisition":
        if d.get("collab"):
            e["collaborating_municipalities"] = sorted(d["collab"])
        if d.get("share") is not None:
            e["municipal_share_percent"] = d["share"]
    return e


def compute_flags(docs):
    reqs = []  # (code, prog, year, requested)
    for d in docs:
        fl = []
        if d.get("dup_of"):
            fl.append("DUPLICATE_DOCUMENT")
        t = d["dtype"]
        if t == "other":
            fl.append("UNKNOWN_DOCUMENT_TYPE")
            d["flags"] = fl
            continue
        if t == "instruction":
            d["flags"] = fl
            continue
        py = (d["prog"], d["year"])
        prog = PROGRAMS[py]
        kind = kind_of(d["code"])
        wrong = kind not in prog["kinds"]
        if wrong:
            fl.append("WRONG_RECIPIENT_KIND")
        al = ALLOC_MAP.get((d["prog"], d["year"], d["code"]))
        if al is None and not wrong:
            fl.append("NO_ALLOCATION")
        if t == "requisition":
            r = d.get("requested")
            if not wrong:
                miss = r is None
                if d["prog"] == "hembesok" and d["year"] >= 2024 and kind == "region":
                    miss = miss or not d.get("collab") or d.get("share") is None
                if miss:
                    fl.append("MISSING_FIELD")
            if al and r is not None and r > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if any(q[0] == d["code"] and q[1:3] == py for q in reqs):
                fl.append("DUPLICATE_REQUISITION")
            reqs.append((d["code"], d["prog"], d["year"], r or 0))
            if sum(q[3] for q in reqs if q[1:3] == py) > prog["pool"]:
                fl.append("POOL_EXCEEDED")
            if d["recv"] > prog["req_dl"]:
                fl.append("LATE_REQUISITION")
            if al and al[1] is not None and d.get("share") is not None and d["share"] < al[1]:
                fl.append("SHARE_BELOW_MINIMUM")
        elif t == "return_report":
            rc, us, un = d.get("received"), d.get("used"), d.get("unused")
            if rc is None or us is None:
                fl.append("MISSING_FIELD")
            if al and rc is not None and rc > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if rc is not None and us is not None:
                if us > rc:
                    fl.append("USED_EXCEEDS_RECEIVED")
                elif un is not None and abs((rc - us) - un) > 1:
                    fl.append("UNUSED_MISMATCH")
            if d.get("costs") and abs(sum(v for _, v in d["costs"]) - d["cost_total"]) > 1:
                fl.append("SUM_MISMATCH")
            if d["recv"] > prog["rep_dl"]:
                fl.append("LATE_REPORT")
        elif t == "decision":
            if al and abs(d["decided"] - al[0]) > d["tol"]:
                fl.append("DECISION_AMOUNT_MISMATCH")
        d["flags"] = fl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=4)
    a = ap.parse_args()
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)
    docs = [dict(x) for x in DOCS]
    for d in docs:  # typed, born-digital versions of these (keeps the scanned share near 55 %)
        if d["key"] in TEXT_KEYS:
            d["style"] = "text"
            d["fill"] = "type" if d.get("fill") == "type" else "print"
            d.pop("stamp", None)
    byk = {d["key"]: d for d in docs}
    for d in docs:
        if d.get("dup_of"):
            src = byk[d["dup_of"]]
            for k, v in src.items():
                if k not in ("key", "recv", "dup_of"):
                    d.setdefault(k, v)
    order = sorted(range(len(docs)), key=lambda i: (docs[i]["recv"], i))
    docs = [docs[i] for i in order]
    for n, d in enumerate(docs, 1):
        d["file_stem"] = f"C4_{n:02d}"
    compute_flags(docs)
    truth = []
    paths = {}
    for d in docs:
        r = random.Random(f"{a.seed}-{d['key']}")
        if d.get("dup_of"):
            src = paths[d["dup_of"]]
            path = (out / d["file_stem"]).with_suffix(src.suffix)
            shutil.copyfile(src, path)
        else:
            pages, fill = build_pages(d, r)
            path = write_doc(d, pages, fill, out, r)
        paths[d["key"]] = path
        truth.append({"file": path.name, "scanned": d["style"] != "text", "received": d["recv"],
                      "expect": expect_of(d), "flags": d["flags"], "_key": d["key"], "_style": d["style"]})
    (out / "truth.json").write_text(json.dumps([{k: v for k, v in t.items() if not k.startswith("_")} for t in truth],
                                               ensure_ascii=False, indent=1), encoding="utf-8")
    for t in truth:
        print(t["file"], t["_key"], t["_style"], t["expect"]["document_type"], t["flags"])
    with open(out / "allocations.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent"])
        for p, y, c, amt, mn in ALLOC:
            nm = REG[c]["region_name"] if len(c) == 2 else MUN[c]["municipality_name"]
            w.writerow([p, y, c, nm, amt, "" if mn is None else mn])
    print(f"wrote {len(truth)} documents to {out}")


if __name__ == "__main__":
    main()
