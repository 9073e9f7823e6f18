#!/usr/bin/env python
"""genC15.py OUTDIR [--seed N] [--shared DIR]

Blind labelled corpus C15: "paper that has had a life" -- scans (~60 %) of printed,
signed, stamped, folded, copied and re-scanned grant documents, beside ordinary text PDFs.
Deterministic for a given seed; writes only inside OUTDIR.
"""
import argparse, csv, io, json, math, os, random, sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import pypdfium2 as pdfium
import img2pdf
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.colors import Color

FD = "/usr/share/fonts/truetype/dejavu/"
for n, f in [("Sans", "DejaVuSans.ttf"), ("SansB", "DejaVuSans-Bold.ttf"), ("Serif", "DejaVuSerif.ttf"),
             ("SerifB", "DejaVuSerif-Bold.ttf"), ("SansI", "DejaVuSans-Oblique.ttf"),
             ("Cond", "DejaVuSansCondensed.ttf"), ("CondB", "DejaVuSansCondensed-Bold.ttf"),
             ("SerifI", "DejaVuSerifCondensed-Italic.ttf"), ("Mono", "DejaVuSansMono.ttf")]:
    pdfmetrics.registerFont(TTFont(n, FD + f))
W, H = A4

# --------------------------------------------------------------------------- helpers

def kr(n):
    s = f"{int(n):,}".replace(",", " ")
    return s


class Doc:
    """A tiny layout engine over reportlab that records anchors (page, x0, top, x1, bottom)."""

    def __init__(self, fonts=("Sans", "SansB"), size=10.5, margin=62, letterhead=None, rng=None):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.f, self.fb = fonts
        self.size = size
        self.m = margin
        self.page = 1
        self.y = H - 60
        self.anchors = {}
        self.letterhead = letterhead
        self.rng = rng
        if letterhead:
            self._letterhead()

    def _letterhead(self):
        name, color, addr = self.letterhead
        c = self.c
        r, g, b = color
        c.setFillColor(Color(r, g, b))
        c.rect(0, H - 18, W, 18, stroke=0, fill=1)
        # logo: three circles
        for i in range(3):
            c.circle(self.m + 10 + i * 13, H - 52, 6.5 - i, stroke=0, fill=1)
        c.setFont(self.fb, 15)
        c.drawString(self.m + 50, H - 57, name)
        c.setFillColor(Color(0.25, 0.25, 0.25))
        c.setFont(self.f, 7.5)
        c.drawString(self.m + 50, H - 69, addr)
        c.setFillColor(Color(0, 0, 0))
        self.y = H - 105

    def mark(self, key, x0, ybase, text, font=None, size=None):
        font = font or self.f
        size = size or self.size
        w = pdfmetrics.stringWidth(text, font, size)
        self.anchors[key] = (self.page, x0, H - ybase - size * 0.85, x0 + w, H - ybase + size * 0.25)

    def text(self, x, s, font=None, size=None, key=None, dy=None):
        font = font or self.f
        size = size or self.size
        self.c.setFont(font, size)
        self.c.drawString(x, self.y, s)
        if key:
            self.mark(key, x, self.y, s, font, size)
        self.y -= dy if dy is not None else size * 1.45

    def right(self, s, font=None, size=None, key=None):
        font = font or self.f
        size = size or self.size
        w = pdfmetrics.stringWidth(s, font, size)
        self.text(W - self.m - w, s, font, size, key)

    def gap(self, g=8):
        self.y -= g

    def para(self, s, font=None, size=None, width=None, keys=None):
        """Wrapped paragraph; keys: {substring: key} marks substrings (must not be split)."""
        font = font or self.f
        size = size or self.size
        width = width or (W - 2 * self.m)
        keys = keys or {}
        # protect key substrings from wrapping by using placeholders
        prot = {}
        for i, sub in enumerate(keys):
            ph = f"\x00{i}\x00"
            prot[ph] = sub
            s = s.replace(sub, ph.replace(" ", ""))
        words = s.split(" ")
        lines, cur = [], ""
        def real(t):
            for ph, sub in prot.items():
                t = t.replace(ph, sub)
            return t
        for wd in words:
            t = (cur + " " + wd).strip()
            if pdfmetrics.stringWidth(real(t), font, size) > width and cur:
                lines.append(cur)
                cur = wd
            else:
                cur = t
        if cur:
            lines.append(cur)
        for ln in lines:
            self.need(size * 1.5)
            rl = real(ln)
            self.c.setFont(font, size)
            self.c.drawString(self.m, self.y, rl)
            for sub, key in keys.items():
                if sub in rl:
                    x0 = self.m + pdfmetrics.stringWidth(rl[:rl.index(sub)], font, size)
                    self.mark(key, x0, self.y, sub, font, size)
            self.y -= size * 1.45

    def need(self, h):
        if self.y - h < 70:
            self.newpage()

    def newpage(self):
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = H - 70

    def footer(self):
        pass

    def kvtable(self, rows, x=None, w1=190, w2=None, border=True, rowh=None, keys=None):
        """rows: list of (label, value[, key])."""
        x = x if x is not None else self.m
        w2 = w2 or (W - 2 * self.m - w1)
        rowh = rowh or self.size * 2.1
        c = self.c
        for row in rows:
            lab, val = row[0], row[1]
            key = row[2] if len(row) > 2 else None
            labl = self._wrap(lab, self.fb, self.size - 0.5, w1 - 10)
            vall = self._wrap(val, self.f, self.size, w2 - 10) if val else [""]
            n = max(len(labl), len(vall))
            h = rowh + (n - 1) * self.size * 1.3
            self.need(h + 4)
            top = self.y + self.size * 1.25
            if border:
                c.setLineWidth(0.6)
                c.rect(x, top - h, w1 + w2, h, stroke=1, fill=0)
                c.line(x + w1, top, x + w1, top - h)
            yy = top - self.size * 1.45
            c.setFont(self.fb, self.size - 0.5)
            for i, ln in enumerate(labl):
                c.drawString(x + 5, yy - i * self.size * 1.3, ln)
            c.setFont(self.f, self.size)
            for i, ln in enumerate(vall):
                c.drawString(x + w1 + 6, yy - i * self.size * 1.3, ln)
            if key and val:
                self.mark(key, x + w1 + 6, yy, vall[0])
            self.y -= h
        self.y -= 6

    def _wrap(self, s, font, size, width):
        words, lines, cur = s.split(" "), [], ""
        for wd in words:
            t = (cur + " " + wd).strip()
            if pdfmetrics.stringWidth(t, font, size) > width and cur:
                lines.append(cur)
                cur = wd
            else:
                cur = t
        lines.append(cur)
        return lines

    def costtable(self, head, rows, total_label, total, key_total=None, key_rows=None):
        x0, x1 = self.m, W - self.m
        c = self.c
        rh = self.size * 1.9
        self.need(rh * (len(rows) + 3))
        c.setLineWidth(0.6)
        top = self.y + self.size * 1.3
        c.setFillColor(Color(0.88, 0.88, 0.88))
        c.rect(x0, top - rh, x1 - x0, rh, stroke=1, fill=1)
        c.setFillColor(Color(0, 0, 0))
        c.setFont(self.fb, self.size)
        c.drawString(x0 + 5, top - rh + 6, head[0])
        c.drawRightString(x1 - 6, top - rh + 6, head[1])
        yy = top - rh
        for i, (lab, val) in enumerate(rows):
            c.rect(x0, yy - rh, x1 - x0, rh, stroke=1, fill=0)
            c.setFont(self.f, self.size)
            c.drawString(x0 + 5, yy - rh + 6, lab)
            s = kr(val)
            c.drawRightString(x1 - 6, yy - rh + 6, s)
            if key_rows:
                w = pdfmetrics.stringWidth(s, self.f, self.size)
                self.mark(f"{key_rows}{i}", x1 - 6 - w, yy - rh + 6, s)
            yy -= rh
        c.setLineWidth(1.2)
        c.rect(x0, yy - rh, x1 - x0, rh, stroke=1, fill=0)
        c.setFont(self.fb, self.size)
        c.drawString(x0 + 5, yy - rh + 6, total_label)
        s = kr(total)
        c.drawRightString(x1 - 6, yy - rh + 6, s)
        if key_total:
            w = pdfmetrics.stringWidth(s, self.fb, self.size)
            self.mark(key_total, x1 - 6 - w, yy - rh + 6, s, self.fb)
        c.setLineWidth(0.6)
        self.y = yy - rh - self.size * 1.6

    def signature(self, place_date, name, title, key_date=None, date_str=None):
        self.need(90)
        self.gap(10)
        if key_date:
            pre = place_date[:place_date.index(date_str)]
            self.c.setFont(self.f, self.size)
            self.c.drawString(self.m, self.y, place_date)
            self.mark(key_date, self.m + pdfmetrics.stringWidth(pre, self.f, self.size), self.y, date_str)
            self.y -= self.size * 1.45
        else:
            self.text(self.m, place_date)
        self.gap(26)
        # scribble-ish signature in ink
        c = self.c
        c.setStrokeColor(Color(0.1, 0.15, 0.45))
        c.setLineWidth(1.0)
        rng = self.rng
        p = c.beginPath()
        x, y = self.m + 5, self.y + 8
        p.moveTo(x, y)
        for i in range(14):
            x += rng.uniform(6, 11)
            p.lineTo(x, y + rng.uniform(-7, 9))
        c.drawPath(p, stroke=1, fill=0)
        c.setStrokeColor(Color(0, 0, 0))
        c.setLineWidth(0.5)
        c.line(self.m, self.y - 2, self.m + 200, self.y - 2)
        self.y -= 14
        self.text(self.m, name)
        self.text(self.m, title, size=self.size - 1)

    def watermark(self, word, crossed=False):
        c = self.c
        c.saveState()
        c.setFillColor(Color(0.8, 0.8, 0.8))
        c.setStrokeColor(Color(0.55, 0.55, 0.55))
        c.translate(W / 2, H / 2)
        c.rotate(35)
        c.setFont("SansB", 96)
        c.drawCentredString(0, -30, word)
        if crossed:
            c.setLineWidth(5)
            wv = pdfmetrics.stringWidth(word, "SansB", 96)
            c.line(-wv / 2 - 10, 5, wv / 2 + 10, 5)
            c.line(-wv / 2 - 10, -35, wv / 2 + 10, 25)
        c.restoreState()

    def finish(self):
        self.footer()
        self.c.save()
        return self.buf.getvalue()


# --------------------------------------------------------------------------- scan effects

def font(sz, name="DejaVuSans.ttf"):
    return ImageFont.truetype(FD + name, sz)


def render(pdf_bytes, dpi):
    pdf = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72).to_pil().convert("RGB")
        out.append(img)
    return out


def pt2px(v, dpi):
    return int(round(v * dpi / 72))


def overlay_multiply(img, layer_rgb, alpha_mask):
    a = np.asarray(img).astype(np.float32) / 255
    l = np.asarray(layer_rgb).astype(np.float32) / 255
    m = np.asarray(alpha_mask).astype(np.float32)[..., None] / 255
    out = a * (1 - m) + (a * l) * m
    return Image.fromarray((out * 255).clip(0, 255).astype(np.uint8))


def highlighter(img, box, dpi, color=(255, 236, 60)):
    p, x0, t, x1, b = box
    pad = 3
    bx = [pt2px(x0 - pad, dpi), pt2px(t - pad, dpi), pt2px(x1 + pad, dpi), pt2px(b + pad, dpi)]
    layer = Image.new("RGB", img.size, color)
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).rectangle(bx, fill=200)
    mask = mask.filter(ImageFilter.GaussianBlur(2))
    return overlay_multiply(img, layer, mask)


def coffee_ring(img, cx, cy, r, dpi, rng):
    layer = Image.new("RGB", img.size, (150, 105, 60))
    mask = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(mask)
    R = pt2px(r, dpi)
    X, Y = pt2px(cx, dpi), pt2px(cy, dpi)
    d.ellipse([X - R, Y - R * 0.93, X + R, Y + R * 0.93], fill=28)
    th = max(3, pt2px(2.2, dpi))
    start = rng.uniform(0, 360)
    d.arc([X - R, Y - R * 0.93, X + R, Y + R * 0.93], start, start + 290, fill=120, width=th)
    d.arc([X - R + 2, Y - R * 0.93 + 2, X + R - 2, Y + R * 0.93 - 2], start + 40, start + 200, fill=90, width=th // 2 + 1)
    mask = mask.filter(ImageFilter.GaussianBlur(pt2px(0.8, dpi)))
    return overlay_multiply(img, layer, mask)


def crease(img, y_pt, dpi, vertical=False, strength=0.2):
    a = np.asarray(img).astype(np.float32)
    n = a.shape[1] if vertical else a.shape[0]
    pos = pt2px(y_pt, dpi)
    idx = np.arange(n, dtype=np.float32)
    wdt = pt2px(9, dpi)
    shade = 1 - strength * np.exp(-((idx - pos) / wdt) ** 2) * (idx < pos + 2)
    shade = shade * (1 - 0.06 * np.exp(-((idx - pos) / (wdt * 3)) ** 2))
    line = np.abs(idx - pos) < max(1, dpi // 150)
    shade = np.where(line, shade * 0.72, shade)
    light = (idx > pos + 1) & (idx < pos + max(2, dpi // 75))
    shade = np.where(light, np.minimum(1.0, shade * 1.05), shade)
    if vertical:
        a = a * shade[None, :, None]
    else:
        a = a * shade[:, None, None]
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def punch_holes(img, dpi, left=True):
    d = ImageDraw.Draw(img)
    w, h = img.size
    x = pt2px(30, dpi) if left else w - pt2px(30, dpi)
    r = pt2px(8, dpi)
    for yc in (h / 2 - pt2px(57, dpi), h / 2 + pt2px(57, dpi)):
        d.ellipse([x - r, yc - r, x + r, yc + r], fill=(38, 38, 38))
        d.arc([x - r - 2, yc - r - 2, x + r + 2, yc + r + 2], 200, 340, fill=(120, 120, 120), width=2)
    return img


def stamp(img, box_pt, lines, dpi, rng, color=(200, 30, 40), angle=None, alpha=150):
    """box_pt: (x0, top) of stamp in points; lines: list of (text, size_pt)."""
    x0, top = box_pt
    sc = dpi / 72
    wpt = max(pdfmetrics.stringWidth(t, "SansB", s) for t, s in lines) + 16
    hpt = sum(s * 1.35 for t, s in lines) + 10
    lay = Image.new("L", (int(wpt * sc) + 8, int(hpt * sc) + 8), 0)
    d = ImageDraw.Draw(lay)
    d.rectangle([2, 2, lay.size[0] - 3, lay.size[1] - 3], outline=255, width=max(2, int(1.6 * sc)))
    yy = 5 * sc
    for t, s in lines:
        f = font(int(s * sc), "DejaVuSans-Bold.ttf")
        tw = d.textlength(t, font=f)
        d.text(((lay.size[0] - tw) / 2, yy), t, fill=255, font=f)
        yy += s * 1.35 * sc
    # ink unevenness
    arr = np.asarray(lay).astype(np.float32)
    noise = np.asarray(Image.fromarray((np.random.RandomState(rng.randint(0, 10**6)).rand(*arr.shape) * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(3))).astype(np.float32) / 255
    arr = arr * (0.55 + 0.6 * noise)
    lay = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    ang = angle if angle is not None else rng.uniform(-6, 6)
    lay = lay.rotate(ang, expand=True, resample=Image.BICUBIC)
    mask = Image.new("L", img.size, 0)
    mask.paste(lay.point(lambda v: v * alpha // 255), (int(x0 * sc), int(top * sc)))
    layer = Image.new("RGB", img.size, color)
    a = np.asarray(img).astype(np.float32)
    m = np.asarray(mask).astype(np.float32)[..., None] / 255
    col = np.array(color, np.float32)[None, None, :]
    out = a * (1 - m) + np.minimum(a, col) * m
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def handwriting(img, x_pt, y_pt, text, dpi, rng, size=13, color=(25, 45, 140), angle=None, strike=False):
    sc = dpi / 72
    f = font(int(size * sc), "DejaVuSans-Oblique.ttf")
    tmp = ImageDraw.Draw(Image.new("L", (10, 10)))
    tw = int(tmp.textlength(text, font=f)) + 20
    th = int(size * sc * 1.6)
    lay = Image.new("L", (tw, th), 0)
    d = ImageDraw.Draw(lay)
    x = 6
    for ch in text:  # wobbly baseline per character
        d.text((x, 4 + rng.uniform(-1.5, 1.5) * sc / 2), ch, fill=255, font=f)
        x += d.textlength(ch, font=f) * rng.uniform(0.97, 1.06)
    if strike:
        d.line([(2, th * 0.55), (tw - 4, th * 0.45)], fill=255, width=max(2, int(1.2 * sc)))
        d.line([(2, th * 0.4), (tw - 4, th * 0.62)], fill=255, width=max(2, int(1.2 * sc)))
    lay = lay.filter(ImageFilter.GaussianBlur(0.6))
    lay = lay.rotate(angle if angle is not None else rng.uniform(-4, 3), expand=True, resample=Image.BICUBIC)
    mask = Image.new("L", img.size, 0)
    mask.paste(lay, (int(x_pt * sc), int(y_pt * sc)))
    a = np.asarray(img).astype(np.float32)
    m = np.asarray(mask).astype(np.float32)[..., None] / 255 * 0.9
    col = np.array(color, np.float32)[None, None, :]
    out = a * (1 - m) + col * m
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def tick(img, x_pt, y_pt, dpi, color=(25, 45, 140)):
    sc = dpi / 72
    d = ImageDraw.Draw(img)
    p = [(x_pt * sc, (y_pt + 5) * sc), ((x_pt + 4) * sc, (y_pt + 10) * sc), ((x_pt + 13) * sc, (y_pt - 4) * sc)]
    d.line(p, fill=color, width=max(2, int(1.3 * sc)), joint="curve")
    return img


def scanify(img, rng, dpi, gray=True, skew=0.0, noise=6, faint=False, dark_edge=True, blur=0.5, copy_gen=False):
    if copy_gen:  # photocopy: harsher contrast, toner specks
        g = img.convert("L")
        a = np.asarray(g).astype(np.float32)
        a = np.where(a < 150, a * 0.75, np.minimum(255, a * 1.04 + 6))
        rs = np.random.RandomState(rng.randint(0, 10**6))
        specks = rs.rand(*a.shape) < 0.0007
        a[specks] = rs.randint(20, 120, size=specks.sum())
        img = Image.fromarray(a.clip(0, 255).astype(np.uint8)).convert("RGB")
    if gray:
        img = img.convert("L").convert("RGB")
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=(246, 246, 244))
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur * dpi / 300))
    a = np.asarray(img).astype(np.float32)
    rs = np.random.RandomState(rng.randint(0, 10**6))
    a = a + rs.normal(0, noise, a.shape[:2])[..., None]
    if faint:
        a = 255 - (255 - a) * 0.72
    # paper tone
    a = a * np.array([0.985, 0.98, 0.965] if not gray else [0.975, 0.975, 0.975])[None, None, :] + 3
    h, w = a.shape[:2]
    if dark_edge:  # scanner lid shadow on one edge
        e = np.linspace(0, 1, w)
        sh = 1 - 0.35 * np.exp(-e / 0.012)
        a = a * sh[None, :, None]
    img = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    if gray:
        img = img.convert("L")
    return img


def to_jpeg(img, q):
    b = io.BytesIO()
    img.save(b, "JPEG", quality=q, optimize=False)
    return b.getvalue()


def images_to_pdf(jpegs, dpis):
    """All pages of one document share a dpi; page size follows the pixels (portrait or landscape)."""
    dpi = dpis[0]
    data = img2pdf.convert(jpegs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)), nodate=True)
    # img2pdf/pikepdf write a random trailer /ID: replace it (same length) by a content hash
    import re, hashlib
    pat = re.compile(rb"/ID \[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\]")
    zero = pat.sub(lambda m: b"/ID [<" + b"0" * 32 + b"><" + b"0" * 32 + b">]", data)
    h = hashlib.md5(zero).hexdigest().encode()
    return pat.sub(lambda m: b"/ID [<" + h + b"><" + h + b">]", data)


def two_up(p1, p2, dpi):
    """Two portrait A4 page images onto one landscape A4 sheet."""
    Wl, Hl = pt2px(H, dpi), pt2px(W, dpi)
    sheet = Image.new("RGB", (Wl, Hl), (255, 255, 255))
    s = min((Wl / 2 - 20) / p1.size[0], (Hl - 20) / p1.size[1])
    for i, p in enumerate((p1, p2)):
        q = p.resize((int(p.size[0] * s), int(p.size[1] * s)), Image.LANCZOS)
        x = int(i * Wl / 2 + (Wl / 2 - q.size[0]) / 2)
        y = int((Hl - q.size[1]) / 2)
        sheet.paste(q, (x, y))
        ImageDraw.Draw(sheet).rectangle([x, y, x + q.size[0], y + q.size[1]], outline=(150, 150, 150), width=1)
    return sheet, s


# --------------------------------------------------------------------------- domain data

MUNI_FORMAL = {
    "0126": "Huddinge kommun", "0127": "Botkyrka kommun", "0180": "Stockholms stad", "0380": "Uppsala kommun",
    "0381": "Enköpings kommun", "0580": "Linköpings kommun", "0581": "Norrköpings kommun", "0780": "Växjö kommun",
    "0880": "Kalmar kommun", "1080": "Karlskrona kommun", "1082": "Karlshamns kommun", "1280": "Malmö stad",
    "1281": "Lunds kommun", "1283": "Helsingborgs stad", "1380": "Halmstads kommun", "1480": "Göteborgs Stad",
    "1780": "Karlstads kommun", "1880": "Örebro kommun", "1881": "Kumla kommun", "1980": "Västerås stad",
    "1983": "Köpings kommun", "2080": "Falu kommun", "2180": "Gävle kommun", "2184": "Hudiksvalls kommun",
    "2262": "Timrå kommun", "2281": "Sundsvalls kommun", "2380": "Östersunds kommun", "2480": "Umeå kommun",
    "2482": "Skellefteå kommun",
}
REGION_INFO = {  # code: (display name, town, postal address, orgnr, colour)
    "01": ("Region Stockholm", "Stockholm", "Box 6909, 102 39 Stockholm", "232100-0016", (0.0, 0.30, 0.55)),
    "03": ("Region Uppsala", "Uppsala", "Box 602, 751 25 Uppsala", "232100-0024", (0.55, 0.10, 0.35)),
    "05": ("Region Östergötland", "Linköping", "581 91 Linköping", "232100-0040", (0.0, 0.45, 0.35)),
    "12": ("Region Skåne", "Kristianstad", "291 89 Kristianstad", "232100-0255", (0.75, 0.15, 0.10)),
    "10": ("Region Blekinge", "Karlskrona", "371 81 Karlskrona", "232100-0057", (0.10, 0.35, 0.60)),
    "13": ("Region Halland", "Halmstad", "Box 517, 301 80 Halmstad", "232100-0115", (0.0, 0.40, 0.60)),
    "14": ("Västra Götalandsregionen", "Vänersborg", "Regionens hus, 462 80 Vänersborg", "232100-0131", (0.0, 0.35, 0.55)),
    "17": ("Region Värmland", "Karlstad", "Box 1022, 651 15 Karlstad", "232100-0156", (0.15, 0.45, 0.15)),
    "18": ("Region Örebro län", "Örebro", "Box 1613, 701 16 Örebro", "232100-0164", (0.80, 0.35, 0.0)),
    "19": ("Region Västmanland", "Västerås", "721 89 Västerås", "232100-0172", (0.20, 0.20, 0.55)),
    "20": ("Region Dalarna", "Falun", "Box 712, 791 29 Falun", "232100-0180", (0.55, 0.10, 0.10)),
    "21": ("Region Gävleborg", "Gävle", "801 88 Gävle", "232100-0198", (0.0, 0.40, 0.45)),
    "22": ("Region Västernorrland", "Härnösand", "871 85 Härnösand", "232100-0206", (0.30, 0.15, 0.45)),
    "23": ("Region Jämtland Härjedalen", "Östersund", "Box 654, 831 27 Östersund", "232100-0214", (0.10, 0.30, 0.50)),
    "24": ("Region Västerbotten", "Umeå", "901 89 Umeå", "232100-0222", (0.05, 0.35, 0.30)),
    "07": ("Region Kronoberg", "Växjö", "Box 1223, 351 12 Växjö", "232100-0065", (0.45, 0.30, 0.0)),
    "08": ("Region Kalmar län", "Kalmar", "Box 601, 391 26 Kalmar", "232100-0073", (0.0, 0.30, 0.45)),
}
MUNI_INFO = {  # code: (town, address, orgnr, colour, sender board)
    "0127": ("Tumba", "Munkhättevägen 45, 147 85 Tumba", "212000-0043", (0.05, 0.35, 0.50)),
    "1280": ("Malmö", "205 80 Malmö", "212000-1124", (0.0, 0.40, 0.30)),
    "0180": ("Stockholm", "Box 8130, 104 20 Stockholm", "212000-0142", (0.0, 0.25, 0.50)),
    "1480": ("Göteborg", "Box 5135, 402 23 Göteborg", "212000-1355", (0.0, 0.30, 0.55)),
    "0581": ("Norrköping", "601 81 Norrköping", "212000-0449", (0.10, 0.35, 0.20)),
}
PROG_TITLE = {
    "hembesok": "statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram",
    "bhv-pilot": "statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden",
}
PEOPLE = ["Anna Lindqvist", "Karin Berg", "Maria Holm", "Eva Sundström", "Lena Åberg", "Johan Ek",
          "Per Nyström", "Sara Öhman", "Ulrika Falk", "Mikael Dahl", "Helena Strand", "Tomas Wikström"]

# --------------------------------------------------------------------------- documents

def org_header(d, o):
    if o["kind"] == "region":
        name, town, addr, orgnr, col = REGION_INFO[o["code"]]
    else:
        town, addr, orgnr, col = MUNI_INFO[o["code"]]
        name = MUNI_FORMAL[o["code"]]
    return name, town, addr, orgnr, col


def new_doc(o, rng, style):
    name, town, addr, orgnr, col = org_header(None, o)
    fonts = ("Serif", "SerifB") if style.get("serif") else ("Sans", "SansB")
    return Doc(fonts=fonts, size=style.get("size", 10.5), rng=rng,
               letterhead=(name, col, f"{addr}  ·  Org.nr {orgnr}  ·  Tfn 0{rng.randint(10,99)}-{rng.randint(100000,999999)}")), name, town, orgnr


def top_right(d, date, dnr):
    y0 = d.y
    d.y = H - 50
    x = W - d.m - 150
    d.text(x, "Datum", size=8, dy=11)
    d.text(x, date, key="date", dy=14)
    d.text(x, "Diarienummer", size=8, dy=11)
    d.text(x, dnr, dy=14)
    d.y = min(y0, d.y - 10)


def doc_requisition(o, rng):
    p = o["program"]
    d, name, town, orgnr = new_doc(o["org"], rng, o.get("style", {}))
    if o.get("watermark"):
        d.watermark(*o["watermark"])
    form = o.get("form", True)
    top_right(d, o["date"], o["dnr"])
    d.text(d.m, "Till Socialstyrelsen", dy=13)
    d.text(d.m, "Avdelningen för statsbidrag", size=9, dy=12)
    d.gap(14)
    yr = o["year"]
    d.para(f"Rekvisition av statsbidrag {yr}", font=d.fb, size=15)
    d.para(PROG_TITLE[p][0].upper() + PROG_TITLE[p][1:] + (f" år {yr}" if p == "hembesok" else f" för {yr}"), size=10)
    d.gap(8)
    amount = kr(o["amount"]) + " kr"
    munis = o.get("munis")
    share = o.get("share")
    if form:
        rows = [("Sökande", name), ("Organisationsnummer", orgnr), ("Bidragsår", str(yr)),
                ("Rekvirerat belopp", amount, "amount")]
        if munis is not None:
            rows.append(("Samverkande kommuner", ", ".join(MUNI_FORMAL[m] for m in munis), "munis"))
        if share is not None:
            rows.append(("Andel av bidraget som finansierar kommunal verksamhet", f"{share} %", "share"))
        elif "share_field" in o:
            rows.append(("Andel av bidraget som finansierar kommunal verksamhet", o["share_field"]))
        if p == "hembesok" and yr == 2024:
            rows.append(("Önskar ta del av eventuellt kvarvarande medel", o.get("leftover", "Ja")))
        if p == "bhv-pilot":
            rows.append(("Pilotområde", o["area"]))
        rows.append(("Bankgiro för utbetalning", f"{rng.randint(100,999)}-{rng.randint(1000,9999)}"))
        ct = rng.choice(PEOPLE)
        rows.append(("Kontaktperson", f"{ct}, {ct.split()[0].lower()}.{ct.split()[1].lower().replace('å','a').replace('ö','o').replace('ä','a')}@example.se"))
        d.kvtable(rows, w1=200)
    else:
        keys = {amount.replace(" kr", " kronor"): "amount"}
        txt = (f"{name} rekvirerar härmed {amount.replace(' kr', ' kronor')} i {PROG_TITLE[p]} för bidragsåret {yr}.")
        d.para(txt, keys=keys)
        d.gap(4)
        if munis:
            mtxt = " och ".join([", ".join(MUNI_FORMAL[m] for m in munis[:-1]), MUNI_FORMAL[munis[-1]]]) if len(munis) > 1 else MUNI_FORMAL[munis[0]]
            d.para(f"Arbetet med utökade hembesök bedrivs i samverkan med {mtxt}, i bostadsområden med "
                   "socioekonomiska utmaningar. Barnhälsovården samverkar med socialtjänstens förebyggande "
                   "verksamhet, mödrahälsovården och tandvården.")
            d.gap(4)
        elif p == "hembesok":
            d.para("Barnhälsovården samverkar med mödrahälsovården och tandvården. Hembesöken genomförs "
                   "av BVC-sjuksköterskor tillsammans med en föräldrarådgivare.")
            d.gap(4)
        if share is not None:
            st = f"{share} procent"
            d.para(f"Av det rekvirerade bidraget avser {st} att finansiera kommunal verksamhet.", keys={st: "share"})
            d.gap(4)
        if p == "hembesok" and yr == 2024:
            d.para("Regionen önskar ta del av eventuellt kvarvarande medel efter rekvisitionstillfället.")
            d.gap(4)
        d.para(f"Beloppet betalas till regionens bankgiro {rng.randint(100,999)}-{rng.randint(1000,9999)}. "
               f"Organisationsnummer {orgnr}.")
    if o.get("note"):
        d.gap(4)
        d.para(o["note"], font=d.fb, size=10)
    if o.get("budget"):
        if o.get("break_budget"):
            d.newpage()
        d.gap(6)
        d.para("Planerad användning av bidraget", font=d.fb, size=11)
        d.gap(2)
        d.costtable(("Kostnadsslag", "Belopp (kr)"), o["budget"], "Summa", sum(v for _, v in o["budget"]),
                    key_total="budget_total")
    d.gap(6)
    d.para("Undertecknad intygar att uppgifterna i rekvisitionen är riktiga och att bidraget kommer att "
           "användas enligt Socialstyrelsens anvisningar.", size=9.5)
    pd = f"{town} {o['date']}"
    signer = rng.choice(PEOPLE)
    d.signature(pd, signer, "Hälso- och sjukvårdsdirektör" if o["org"]["kind"] == "region" else "Socialdirektör",
                key_date="sigdate", date_str=o["date"])
    return d


def doc_report(o, rng):
    p = o["program"]
    d, name, town, orgnr = new_doc(o["org"], rng, o.get("style", {}))
    if o.get("watermark"):
        d.watermark(*o["watermark"])
    top_right(d, o["date"], o["dnr"])
    d.gap(16)
    yr = o["year"]
    d.para(f"Ekonomisk redovisning – återrapportering av statsbidrag {yr}", font=d.fb, size=14)
    d.para(PROG_TITLE[p][0].upper() + PROG_TITLE[p][1:], size=10)
    d.gap(8)
    rows = [("Bidragsmottagare", name), ("Organisationsnummer", orgnr), ("Bidragsår", str(yr)),
            ("Redovisningsperiod", f"{yr}-01-01 – {yr}-12-31"),
            ("Erhållet bidrag", kr(o["received"]) + " kr", "received")]
    d.kvtable(rows, w1=200)
    d.para("Förbrukade medel per kostnadsslag", font=d.fb, size=11)
    d.gap(2)
    d.costtable(("Kostnadsslag", "Kronor"), o["costs"], "Summa förbrukade medel", o["used"], key_total="used_total",
                key_rows="cost")
    rows = [("Förbrukat belopp", kr(o["used"]) + " kr", "used"),
            ("Ej förbrukade medel (återbetalas)", kr(o["unused"]) + " kr", "unused")]
    d.kvtable(rows, w1=200)
    d.para(o.get("comment", "Verksamheten har bedrivits enligt plan. Hembesöken har genomförts gemensamt av "
                                 "barnhälsovården och socialtjänstens förebyggande verksamhet."), size=9.5)
    signer = rng.choice(PEOPLE)
    d.signature(f"{town} {o['date']}", signer, "Ekonomichef" if o["org"]["kind"] == "region" else "Förvaltningschef",
                key_date="sigdate", date_str=o["date"])
    return d


def words_amount(o):
    return o["decided_text"]


def doc_decision(o, rng):
    p = o["program"]
    d, name, town, orgnr = new_doc(o["org"], rng, o.get("style", {}))
    if o.get("watermark"):
        d.watermark(*o["watermark"])
    d.text(d.m, "PROTOKOLLSUTDRAG", font=d.fb, size=13, dy=18)
    d.kvtable([("Organ", o["board"]), ("Sammanträdesdatum", o["date"], "date"), ("Plats", o.get("place", f"{town}, sammanträdesrum Regionen" if o['org']['kind']=='region' else f"Stadshuset, {town}"))], w1=140, border=False, rowh=15)
    d.gap(6)
    yr = o["year"]
    d.para(f"§ {o['para']}  {o['title']}", font=d.fb, size=12)
    d.text(d.m, f"Dnr {o['dnr']}", size=9)
    d.gap(6)
    d.para("Ärendebeskrivning", font=d.fb, size=11)
    for s in o["background"]:
        d.para(s)
        d.gap(4)
    if o.get("break_decision"):
        d.newpage()
        d.text(d.m, f"{o['board']}, sammanträde {o['date']}, § {o['para']} (forts.)", size=8.5)
        d.gap(6)
    d.para("Beslut", font=d.fb, size=11)
    amt = o["decided_text"]
    d.para(o["decision_sentence"].format(amt=amt), keys={amt: "amount"})
    d.gap(4)
    if o.get("extra"):
        d.para(o["extra"])
        d.gap(4)
    d.gap(8)
    d.text(d.m, "Vid protokollet", size=9, dy=26)
    d.text(d.m, rng.choice(PEOPLE) + ", sekreterare", size=9, dy=22)
    d.text(d.m, "Justeras", size=9, dy=26)
    d.text(d.m, rng.choice(PEOPLE) + ", ordförande     " + rng.choice(PEOPLE) + ", justerare", size=9, dy=20)
    d.gap(8)
    d.text(d.m, "Utdraget bestyrks", size=8.5, dy=12)
    d.text(d.m, rng.choice(PEOPLE), size=8.5)
    return d


def add_appendix(d, o):
    if not o.get("appendix"):
        return
    d.newpage()
    title, paras = o["appendix"]
    d.para(title, font=d.fb, size=12)
    d.gap(4)
    for s in paras:
        d.para(s)
        d.gap(5)


# --------------------------------------------------------------------------- allocations

ALLOC_2024 = {"01": (13412000, None), "03": (2618000, None), "04": (1874000, None), "05": (3905000, 20),
              "06": (2236000, None), "07": (1402000, None), "08": (1557000, None), "09": (512000, None),
              "10": (1083000, None), "12": (12960000, None), "14": (15220000, None), "17": (2047000, None),
              "18": (3318000, 30), "19": (2964000, 30), "20": (1726000, None), "21": (2115000, 35),
              "22": (1268000, None), "23": (642000, None), "24": (1590000, 25), "25": (1311000, None)}
# Region Halland (13) deliberately has no 2024 row.
ALLOC_2023 = {"01": 4870000, "03": 1650000, "04": 1420000, "05": 1930000, "06": 640000, "07": 1286000,
              "08": 975000, "09": 310000, "10": 1105000, "12": 5980000, "13": 1190000, "14": 5812000,
              "17": 1547000, "18": 1349000, "19": 1380000, "20": 1263000, "21": 1120000, "22": 1045000,
              "23": 318000, "24": 980000, "25": 1400000}
PILOT_2023 = {"0127": (580000, 45), "1280": (580000, 45), "1480": (580000, 45), "0180": (255000, 40)}
POOLS = {("hembesok", 2023): 42000000, ("hembesok", 2024): 82000000, ("bhv-pilot", 2023): 4500000}
REQ_DEADLINE = {("hembesok", 2023): "2023-10-31", ("hembesok", 2024): "2024-04-05", ("bhv-pilot", 2023): "2023-06-16"}
REP_DEADLINE = {("hembesok", 2023): "2024-03-01", ("hembesok", 2024): "2025-03-01", ("bhv-pilot", 2023): "2024-05-03"}


def alloc_rows(regions, munis):
    rows = []
    for c, (a, m) in ALLOC_2024.items():
        rows.append(("hembesok", 2024, c, regions[c], a, m))
    for c, a in ALLOC_2023.items():
        rows.append(("hembesok", 2023, c, regions[c], a, None))
    for c, (a, m) in PILOT_2023.items():
        rows.append(("bhv-pilot", 2023, c, munis[c], a, m))
    return rows


def allocation(program, year, code):
    if program == "hembesok" and year == 2024:
        v = ALLOC_2024.get(code)
        return (v[0], v[1]) if v else None
    if program == "hembesok" and year == 2023:
        v = ALLOC_2023.get(code)
        return (v, None) if v else None
    if program == "bhv-pilot" and year == 2023:
        return PILOT_2023.get(code)
    return None


# --------------------------------------------------------------------------- corpus specification

def split(total, n, rng, unit=100):
    w = [rng.uniform(0.5, 2.5) for _ in range(n)]
    s = sum(w)
    parts = [int(total * x / s / unit) * unit for x in w]
    parts[0] += total - sum(parts)
    return parts


COST_LABELS = ["Personalkostnader BVC-sjuksköterskor", "Föräldrarådgivare, socialtjänst", "Tolkkostnader",
               "Utbildning och handledning", "Resor och bilkostnader", "Material och informationsinsatser"]
BUDGET_LABELS = ["BVC-sjuksköterskor, utökade hembesök", "Kommunal verksamhet (föräldrarådgivare)",
                 "Tolk och översättning", "Kompetensutveckling", "Samordning och uppföljning"]


def specs(rng):
    S = []

    def req(received, org, program, year, date, amount, dnr, **kw):
        S.append(dict(kind="requisition", received=received, org=org, program=program, year=year, date=date,
                      amount=amount, dnr=dnr, **kw))

    def rep(received, org, program, year, date, received_amt, used, unused, dnr, **kw):
        S.append(dict(kind="return_report", received=received, org=org, program=program, year=year, date=date,
                      received_amt=received_amt, used=used, unused=unused, dnr=dnr, **kw))

    def dec(received, org, program, year, date, decided, decided_text, half_unit, dnr, **kw):
        S.append(dict(kind="decision", received=received, org=org, program=program, year=year, date=date,
                      decided=decided, decided_text=decided_text, half_unit=half_unit, dnr=dnr, **kw))

    R = lambda c: {"kind": "region", "code": c}
    M = lambda c: {"kind": "municipality", "code": c}
    PIL = "Pilotområde {}"
    # ---- 2023: pilot
    req("2023-05-08", M("0127"), "bhv-pilot", 2023, "2023-05-04", 580000, "SOC 2023/0412", area="Alby och Fittja")
    dec("2023-05-22", M("1280"), "bhv-pilot", 2023, "2023-05-17", 580000, "580 000 kronor", 0.5, "SN-2023-1187",
        board="Socialnämnden", para=94, title="Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården 2023",
        background=["Socialstyrelsen har i anvisningar angett att kommuner inom de fyra pilotområdena kan rekvirera "
                    "statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden för 2023. "
                    "Malmö stad ingår med pilotområdet Rosengård, där ett utökat hembesöksprogram bedrivs i samverkan "
                    "med Region Skåne sedan 2020.",
                    "Kommunen ansvarar för den förebyggande socialtjänstens del av hembesöken."],
        decision_sentence="Socialnämnden beslutar att rekvirera {amt} i statsbidrag för pilotverksamhet i "
                          "barnhälsovården för 2023 samt att uppdra åt förvaltningen att underteckna rekvisitionen.",
        scan=dict(dpi=300, gray=True, skew=-2.4, fx=[("inkom", "date", 30), ("holes",)], q=72))
    req("2023-05-30", M("1280"), "bhv-pilot", 2023, "2023-05-25", 580000, "SOF-2023-02231", area="Rosengård",
        scan=dict(dpi=150, gray=True, skew=3.1, fx=[("hand_ok", "amount")], q=65))
    req("2023-06-09", M("0180"), "bhv-pilot", 2023, "2023-06-05", 255000, "SOF 2023/1406", area="Rinkeby-Kista",
        style={"serif": True},
        scan=dict(dpi=300, gray=True, skew=1.2, fx=[("holes",), ("crease", "amount")], q=70, copy=True))
    req("2023-06-21", M("1480"), "bhv-pilot", 2023, "2023-06-14", 580000, "N135-0457/23", area="Angered och Bergsjön",
        scan=dict(dpi=300, gray=False, skew=-1.0, fx=[("inkom", "sigdate", 40)], q=75))
    # ---- 2023: hembesok decisions and requisitions
    dec("2023-09-18", R("23"), "hembesok", 2023, "2023-09-12", 318000, "318 000 kronor", 0.5, "RS/1187/2023",
        board="Regionstyrelsens arbetsutskott", para=211,
        title="Fördelning av statsbidrag för utökade hembesöksprogram 2023",
        background=["Socialstyrelsen fördelar under 2023 totalt 42 miljoner kronor till regionerna för att stödja och "
                    "stimulera barnhälsovårdens förebyggande arbete med hembesöksprogram.",
                    "Enligt Socialstyrelsens fördelningslista tilldelas Region Jämtland Härjedalen medel för 2023. "
                    "Medlen ska användas senast 2023-12-31 och redovisas senast den 1 mars 2024."],
        decision_sentence="Arbetsutskottet beslutar att fördela statsbidraget för 2023, {amt}, till "
                          "barnhälsovårdsenheten för planering och genomförande av utökade hembesök.")
    req("2023-10-03", R("17"), "hembesok", 2023, "2023-09-28", 1547000, "RS 2023-0712", form=False,
        scan=dict(dpi=300, gray=True, skew=0.8, rot={0: 180}, fx=[("holes",)], q=70))
    dec("2023-10-16", R("18"), "hembesok", 2023, "2023-10-10", 1300000, "1,3 miljoner kronor", 50000, "RS 23/04418",
        board="Regionstyrelsen", para=187,
        title="Fördelning av statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med hembesöksprogram 2023",
        background=["Socialstyrelsen har regeringens uppdrag att stödja och stimulera barnhälsovårdens arbete med "
                    "hembesöksprogram. För 2023 har Socialstyrelsen utlyst ett statsbidrag om totalt 42 miljoner "
                    "kronor som fördelas till regionerna.",
                    "Statsbidraget får endast användas till utökade hembesök och planeringen ska ske i samverkan med "
                    "andra centrala aktörer. Arbetet med utökade hembesök på BVC bedrivs av respektive vårdcentral och "
                    "samordnas av centrala barnhälsovårdsenheten (CBHV).",
                    "Medlen ska vara förbrukade senast den 31 december 2023 och redovisas till Socialstyrelsen senast "
                    "den 1 mars 2024. Medel som inte har använts ska återbetalas."] * 1 +
                   ["Regionstyrelsens arbetsutskott har berett ärendet. Förslaget har stämts av med "
                    "hälsovalsenheten och med de vårdcentraler som bedriver utökade hembesök i dag.",
                    "Hembesöken genomförs i dag i Vivalla, Brickebacken och Varberga. Under hösten planeras en "
                    "utökning till fler områden med socioekonomiska utmaningar i länet.",
                    "Centrala barnhälsovårdsenheten ansvarar för utbildning av BVC-sjuksköterskor, för "
                    "metodstöd och för den samlade uppföljningen av programmet.",
                    "Samverkan sker med socialtjänstens förebyggande verksamhet, mödrahälsovården och "
                    "tandvården. Formerna för samverkan regleras i en överenskommelse med kommunerna.",
                    "Vidarefördelning av medel till aktörer som deltar i arbetet kan ske efter beslut av "
                    "hälsovalsenheten. Redovisning sker enligt Socialstyrelsens anvisningar.",
                    "Förslaget bedöms stärka barns rätt till en god hälsa enligt barnkonventionen.",
                    "Beslutsunderlag: tjänsteskrivelse från hälsovalsenheten samt Socialstyrelsens anvisningar."],
        decision_sentence="Regionstyrelsen beslutar att fördela statsbidraget ({amt} 2023) till centrala "
                          "barnhälsovårdsenheten vid hälsovalsenheten, regionkansliet.",
        break_decision=True, scan=dict(dpi=300, gray=True, twoup=True, skew=0.6, fx=[], q=75))
    dec("2023-10-25", R("14"), "hembesok", 2023, "2023-10-19", 5600000, "5,6 miljoner kronor", 50000, "HSN 2023-00871",
        board="Hälso- och sjukvårdsstyrelsen", para=142,
        title="Användning av statsbidrag för utökade hembesöksprogram 2023",
        background=["Västra Götalandsregionen har tagit del av Socialstyrelsens statsbidrag för att stödja och "
                    "stimulera barnhälsovårdens förebyggande arbete med hembesöksprogram för 2023.",
                    "Förvaltningen föreslår att medlen används för utökade hembesök i Göteborg, Trollhättan och Borås."],
        decision_sentence="Hälso- och sjukvårdsstyrelsen beslutar att statsbidraget om {amt} för 2023 fördelas "
                          "till barnhälsovårdsenheterna enligt förvaltningens förslag.",
        scan=dict(dpi=300, gray=False, skew=-3.6, fx=[("coffee", "amount", 40, 30, 48)], q=70))
    req("2023-11-06", R("20"), "hembesok", 2023, "2023-11-02", 1263000, "RD23/03318")
    dec("2023-11-14", R("08"), "hembesok", 2023, "2023-11-08", 975000, "975 tkr", 500, "RS 2023/1544",
        board="Regionstyrelsen", para=233, title="Statsbidrag för utökade hembesöksprogram 2023",
        background=["Region Kalmar län har rekvirerat Socialstyrelsens statsbidrag för utökade hembesöksprogram 2023.",
                    "Medlen föreslås fördelas till barnhälsovårdsenheten för hembesök i Kalmar och Nybro."],
        decision_sentence="Regionstyrelsen beslutar att fördela statsbidraget om {amt} till barnhälsovårdsenheten "
                          "för utökade hembesök under 2023.",
        scan=dict(dpi=300, gray=False, skew=2.2, fx=[("hl", "amount"), ("holes",)], q=78))
    dec("2023-11-20", R("07"), "hembesok", 2023, "2023-11-15", 1200000, "1,2 miljoner kronor", 50000, "22RK1877",
        board="Regionstyrelsen", para=168, title="Fördelning av statsbidrag för hembesöksprogram i barnhälsovården 2023",
        background=["Socialstyrelsen har fördelat statsbidrag till regionerna för att stödja och stimulera "
                    "barnhälsovårdens förebyggande arbete med hembesöksprogram under 2023.",
                    "Medlen ska användas i områden med socioekonomiska utmaningar."],
        decision_sentence="Regionstyrelsen beslutar att {amt} av statsbidraget för 2023 fördelas till "
                          "barnhälsovårdsenheten i Växjö.")
    # ---- 2024 requisitions
    req("2024-01-15", R("10"), "hembesok", 2024, "2024-01-11", 1083000, "2024/00041", munis=["1080", "1082"],
        share=40)
    req("2024-01-29", R("03"), "hembesok", 2024, "2024-01-24", 2618000, "RS2024-00112", munis=["0380", "0381"],
        share=35, form=False,
        scan=dict(dpi=300, gray=False, skew=1.6, fx=[("hl", "amount"), ("hand_note", 1, 390, 140, "Dnr SoS 24/1187")], q=80))
    req("2024-02-05", R("05"), "hembesok", 2024, "2024-02-01", 3905000, "RJL 2024/205", munis=["0580", "0581"],
        share=25,
        scan=dict(dpi=300, gray=True, skew=-2.1, fx=[("crease", "amount"), ("holes",)], q=72))
    req("2024-02-12", M("0581"), "hembesok", 2024, "2024-02-08", 450000, "SON 2024/0077", form=True,
        scan=dict(dpi=150, gray=True, skew=4.3, fx=[("inkom", "date", 25)], q=68))
    rep("2024-02-19", R("23"), "hembesok", 2023, "2024-02-14", 318000, 297600, 20400, "RS/1187/2023",
        scan=dict(dpi=300, gray=True, skew=2.8, fx=[("crease", "used"), ("hand_ok", "unused")], q=72))
    req("2024-02-26", R("18"), "hembesok", 2024, "2024-02-21", 3318000, "24RS1412", munis=["1880", "1881"],
        share=25,
        scan=dict(dpi=300, gray=True, skew=-1.4, fx=[("inkom", "date", 35)], q=72))
    rep("2024-03-04", R("17"), "hembesok", 2023, "2024-02-28", 1547000, 1402300, 144700, "RS 2023-0712")
    req("2024-03-05", R("13"), "hembesok", 2024, "2024-03-01", 580000, "RH 2024-0318", munis=["1380"], share=50,
        appendix=("Bilaga 1. Beskrivning av verksamheten",
                  ["Region Halland inför under 2024 ett utökat hembesöksprogram i Halmstad i samverkan med Halmstads "
                   "kommun. Programmet riktar sig till förstagångsföräldrar i områdena Andersberg och Vallås.",
                   "Programmet omfattar sex hembesök under barnets första 15 månader, varav flera genomförs gemensamt "
                   "av BVC-sjuksköterska och föräldrarådgivare från socialtjänsten.",
                   "Uppföljning sker genom den nationella barnhälsovårdsdatabasen och en lokal enkät till föräldrarna."]),
        scan=dict(dpi=300, gray=True, skew=1.1, rot={1: 90}, fx=[("holes",)], q=72))
    req("2024-03-11", R("21"), "hembesok", 2024, "2024-03-07", 2300000, "RS 2024/311", munis=["2180", "2184"],
        share=40, form=False)
    bud = split(12960000, 5, rng, 1000)
    req("2024-03-14", R("12"), "hembesok", 2024, "2024-03-08", 12960000, "1201-2024-0188",
        munis=["1280", "1281", "1283"], share=35, budget=list(zip(BUDGET_LABELS, bud)), break_budget=True,
        scan=dict(dpi=300, gray=False, skew=0.9, rot={1: 180}, fx=[("hand_ok", "budget_total")], q=76))
    req("2024-03-18", R("22"), "hembesok", 2024, "2024-03-13", 1268000, "RS 2024/0552", munis=["2281", "2262"],
        share_field="")
    req("2024-03-20", R("18"), "hembesok", 2024, "2024-03-15", 3318000, "24RS1412", munis=["1880", "1881"],
        share=30, watermark=("KOPIA", False), note="Denna rekvisition ersätter rekvisitionen daterad 2024-02-21.",
        scan=dict(dpi=300, gray=True, skew=2.0, fx=[("hand_strike", "amount", "3 381 000")], q=70, copy=True))
    rep("2024-03-22", M("0127"), "bhv-pilot", 2023, "2024-03-18", 580000, 561300, 18700, "SOC 2023/0412",
        scan=dict(dpi=150, gray=True, skew=-2.7, fx=[("holes",), ("hand_ok", "unused")], q=66))
    req("2024-03-26", R("01"), "hembesok", 2024, "2024-03-21", 13412000, "RS 2024-0366",
        munis=["0180", "0127", "0126"], share=30,
        scan=dict(dpi=150, gray=True, skew=1.5, fx=[("hand_ok", "amount"), ("hand_ok", "share")], q=68))
    req("2024-04-02", R("23"), "hembesok", 2024, "2024-03-27", 642000, "RS/0309/2024", form=False, share=50)
    req("2024-04-05", R("19"), "hembesok", 2024, "2024-04-03", 2964000, "RV 2024/0871", munis=["1980", "1983"],
        share=35, appendix=("Bilaga. Kontaktuppgifter och verksamhetsbeskrivning",
                            ["Utökade hembesök erbjuds familjer i Västerås (Skultuna, Råby och Bäckby) och i Köping.",
                             "Kontaktperson för rekvisitionen är regionens samordnare för barnhälsovård.",
                             "Uppföljning sker kvartalsvis i den regionala samverkansgruppen."]),
        scan=dict(dpi=300, gray=True, twoup=True, skew=-0.7, fx=[], q=78))
    req("2024-04-09", R("20"), "hembesok", 2024, "2024-04-04", 1726000, "RD24/01102", munis=["2080"], share=30,
        scan=dict(dpi=300, gray=True, skew=6.2, fx=[("coffee", "munis", 120, 20, 40)], q=72))
    rep("2024-04-15", M("1280"), "bhv-pilot", 2023, "2024-04-10", 580000, 602400, 0, "SOF-2023-02231",
        comment="Kostnaderna för året har överstigit bidraget. Mellanskillnaden har finansierats inom "
                "förvaltningens egen budget.")
    rep("2024-04-22", M("0180"), "bhv-pilot", 2023, "2024-04-17", 255000, 231800, 32200, "SOF 2023/1406",
        scan=dict(dpi=300, gray=False, skew=-1.8, fx=[("coffee", "received", 170, -10, 46), ("holes",)], q=74))
    rep("2024-05-13", M("1480"), "bhv-pilot", 2023, "2024-05-08", 580000, 580000, 0, "N135-0457/23",
        scan=dict(dpi=300, gray=True, skew=2.5, rot={0: 180}, fx=[("inkom", "sigdate", 40)], q=70))
    dec("2024-05-27", R("21"), "hembesok", 2024, "2024-05-21", 2115000, "2 115 tkr", 500, "RS 2024/311",
        board="Hälso- och sjukvårdsnämnden", para=77, title="Statsbidrag för utökade hembesöksprogram 2024",
        background=["Region Gävleborg har rekvirerat statsbidrag från Socialstyrelsen för utökade hembesöksprogram "
                    "för 2024 i samverkan med Gävle kommun och Hudiksvalls kommun."],
        decision_sentence="Hälso- och sjukvårdsnämnden beslutar att fördela statsbidraget för 2024, {amt}, till "
                          "barnhälsovården i Gävle och Hudiksvall.")
    dec("2024-06-10", R("24"), "hembesok", 2024, "2024-06-04", 1500000, "1,5 miljoner kronor", 50000, "RS 567-2024",
        board="Regionstyrelsen", para=121, title="Fördelning av statsbidrag för hembesöksprogram 2024",
        background=["Socialstyrelsen fördelar under 2024 totalt 82 miljoner kronor till regionerna för utökade "
                    "hembesöksprogram i samverkan med kommunerna.",
                    "Förvaltningen föreslår att medlen fördelas till barnhälsovården i Umeå och Skellefteå."],
        decision_sentence="Regionstyrelsen beslutar att {amt} av statsbidraget för 2024 fördelas till "
                          "barnhälsovården i Umeå och Skellefteå.",
        watermark=("UTKAST", True),
        scan=dict(dpi=300, gray=True, skew=-4.5, fx=[("holes",), ("crease", "amount")], q=70))
    # ---- 2025 return reports for 2024
    rep("2025-01-20", R("10"), "hembesok", 2024, "2025-01-15", 1083000, 1012450, 70550, "2024/00041")
    rep("2025-01-28", R("03"), "hembesok", 2024, "2025-01-23", 2618000, 2391000, 227000, "RS2024-00112",
        sum_off=12000,
        scan=dict(dpi=300, gray=False, skew=1.9, fx=[("hl", "used_total"), ("hl", "unused")], q=78))
    rep("2025-02-04", R("05"), "hembesok", 2024, "2025-01-30", 4100000, 3800000, 300000, "RJL 2024/205",
        scan=dict(dpi=150, gray=True, skew=-3.2, fx=[("crease", "received"), ("holes",)], q=66))
    rep("2025-02-11", R("12"), "hembesok", 2024, "2025-02-06", 12960000, 12411700, 548300, "1201-2024-0188",
        appendix=("Bilaga 1. Verksamhetsberättelse",
                  ["Under 2024 har utökade hembesök erbjudits i Malmö, Lund och Helsingborg. Totalt har 1 184 "
                   "hembesök genomförts, varav 612 gemensamt med socialtjänstens föräldrarådgivare.",
                   "Samverkan med kommunerna har skett i lokala styrgrupper som sammanträtt varje kvartal.",
                   "Rekryteringen av tolkar har varit en utmaning under våren men har förbättrats under hösten."] +
                  ["Uppföljningen visar att andelen familjer som tackat ja till programmet ökat jämfört med "
                   "föregående år och att de flesta familjer fullföljer samtliga besök.",
                   "Kompetensutvecklingen har omfattat motiverande samtal, tolkanvändning och samverkan med "
                   "socialtjänsten. Samtliga nyanställda BVC-sjuksköterskor har genomgått introduktionen.",
                   "Familjernas erfarenheter har samlats in genom en enkät vid barnets 15-månadersbesök. "
                   "Föräldrarna uppger att hembesöken har gett trygghet och bättre kännedom om förskolan.",
                   "Tandvården har medverkat vid besöket vid 12 månader i Malmö och Helsingborg. I Lund har "
                   "samarbetet påbörjats under hösten.",
                   "Socialtjänstens föräldrarådgivare har deltagit vid de gemensamma besöken och har därutöver "
                   "erbjudit öppna föräldragrupper på familjecentralerna.",
                   "Inför 2025 planeras en utvidgning av programmet till ytterligare två bostadsområden, under "
                   "förutsättning att statsbidraget fortsätter.",
                   "Regionen bedömer att målen för året i huvudsak har uppnåtts. En fördjupad utvärdering görs "
                   "tillsammans med kommunerna under 2025.",
                   "Underlag för den ekonomiska redovisningen finns hos regionens ekonomiavdelning och kan "
                   "lämnas på begäran."]),
        scan=dict(dpi=300, gray=True, skew=1.3, rot={2: 270}, fx=[("hand_ok", "used")], q=72))
    rep("2025-02-18", R("01"), "hembesok", 2024, "2025-02-13", 13412000, 13655000, 0, "RS 2024-0366",
        comment="Kostnaderna har överstigit erhållet bidrag. Överskjutande kostnader har finansierats av regionen.")
    S.append(dict(kind="dup", received="2025-02-24", of=len(S) - 2))
    rep("2025-03-01", R("19"), "hembesok", 2024, "2025-02-26", 2964000, 2817250, 146750, "RV 2024/0871")
    rep("2025-03-04", R("18"), "hembesok", 2024, "2025-02-28", 3318000, 3102900, 215100, "24RS1412",
        scan=dict(dpi=150, gray=True, skew=2.3, fx=[("inkom", "date", 30)], q=66))
    rep("2025-03-10", R("24"), "hembesok", 2024, "2025-03-05", 1590000, 1475000, 115000, "RS 567-2024",
        watermark=("KOPIA", False), scan=dict(dpi=300, gray=True, skew=-5.5, fx=[("holes",)], q=70, copy=True))
    return S


# --------------------------------------------------------------------------- build

def build_pdf(sp, rng):
    o = dict(sp)
    if sp["kind"] == "requisition":
        d = doc_requisition(o, rng)
    elif sp["kind"] == "return_report":
        costs_n = 5 if rng.random() < 0.5 else 6
        parts = split(sp["used"] + sp.get("sum_off", 0), costs_n, rng, 50)
        o = dict(sp, received=sp["received_amt"], costs=list(zip(COST_LABELS[:costs_n], parts)))
        d = doc_report(o, rng)
    else:
        d = doc_decision(o, rng)
    add_appendix(d, o)
    pdf = d.finish()
    return pdf, d.anchors, d.page


def apply_fx(pages, anchors, fx, dpi, rng, gray):
    for f in fx:
        k = f[0]
        if k == "holes":
            pages[0] = punch_holes(pages[0], dpi)
            continue
        if k == "hand_note":
            _, p, x, y, t = f
            pages[p - 1] = handwriting(pages[p - 1], x, y, t, dpi, rng, size=12)
            continue
        p, x0, t, x1, b = anchors[f[1]]
        i = p - 1
        if k == "hl":
            pages[i] = highlighter(pages[i], anchors[f[1]], dpi,
                                   color=(255, 236, 60) if rng.random() < 0.6 else (140, 250, 120))
        elif k == "crease":
            pages[i] = crease(pages[i], (t + b) / 2, dpi, strength=0.22)
        elif k == "coffee":
            pages[i] = coffee_ring(pages[i], x0 + f[2], t + f[3], f[4], dpi, rng)
        elif k == "inkom":
            pages[i] = stamp(pages[i], (x1 - f[2] * 0.45, t - 16),
                             [("SOCIALSTYRELSEN", 7), ("INKOM", 12), (INKOM_DATE[0], 9.5)], dpi, rng,
                             color=(200, 30, 40) if rng.random() < 0.7 else (30, 50, 170))
        elif k == "hand_ok":
            pages[i] = tick(pages[i], x1 + 10, t - 1, dpi)
            pages[i] = handwriting(pages[i], x1 + 26, t - 6, "ok", dpi, rng, size=11)
        elif k == "hand_strike":
            pages[i] = handwriting(pages[i], x1 + 18, t - 8, f[2], dpi, rng, size=12, strike=True)
            pages[i] = handwriting(pages[i], x1 + 100, t - 8, "fel /LÅ", dpi, rng, size=11)
    return pages


INKOM_DATE = [""]


def scan_pdf(pdf, anchors, sc, rng, received):
    dpi = sc["dpi"]
    INKOM_DATE[0] = received
    pages = render(pdf, dpi)
    pages = apply_fx(pages, anchors, sc.get("fx", []), dpi, rng, sc.get("gray", True))
    if sc.get("twoup"):
        sheet, _ = two_up(pages[0], pages[1], dpi)
        pages = [sheet]
    outs = []
    for i, pg in enumerate(pages):
        sk = sc.get("skew", 0) * (1 if i == 0 else rng.uniform(0.4, 1.1))
        im = scanify(pg, rng, dpi, gray=sc.get("gray", True), skew=sk, copy_gen=sc.get("copy", False),
                     noise=5 if dpi >= 300 else 4)
        r = sc.get("rot", {}).get(i, 0)
        if r:
            im = im.rotate(r, expand=True)
        outs.append(to_jpeg(im, sc.get("q", 72)))
    return images_to_pdf(outs, [dpi] * len(outs))


def expect_of(sp):
    e = {"document_type": sp["kind"], "program": sp["program"], "grant_year": sp["year"],
         "organisation": dict(sp["org"])}
    if sp["kind"] == "requisition":
        e["amounts"] = {"requested": sp["amount"]}
    elif sp["kind"] == "return_report":
        e["amounts"] = {"received": sp["received_amt"], "used": sp["used"], "unused": sp["unused"]}
    else:
        e["amounts"] = {"decided": sp["decided"]}
    e["document_date"] = sp["date"]
    if sp["kind"] == "requisition":
        if sp.get("munis"):
            e["collaborating_municipalities"] = sorted(sp["munis"])
        if sp.get("share") is not None:
            e["municipal_share_percent"] = sp["share"]
    return e


def compute_flags(truth_items):
    """The contract's rules, in arrival order. truth_items: list of (expect, received, extra)."""
    reqs_on_file = []   # (org code, kind, program, year, requested)
    out = []
    for e, received, extra in truth_items:
        fl = []
        if extra.get("dup"):
            out.append(["DUPLICATE_DOCUMENT"])
            continue
        t, p, y = e["document_type"], e.get("program"), e.get("grant_year")
        org = e.get("organisation")
        am = e.get("amounts", {})
        al = allocation(p, y, org["code"]) if org else None
        if t == "requisition":
            wrong = p == "hembesok" and y in (2023, 2024) and org["kind"] == "municipality"
            if wrong:
                fl.append("WRONG_RECIPIENT_KIND")
            else:
                if al is None:
                    fl.append("NO_ALLOCATION")
                miss = "requested" not in am
                if org["kind"] == "region" and p == "hembesok" and y == 2024:
                    miss = miss or not e.get("collaborating_municipalities") or "municipal_share_percent" not in e
                if miss:
                    fl.append("MISSING_FIELD")
            if al and am.get("requested", 0) > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if al and al[1] is not None and e.get("municipal_share_percent") is not None \
                    and e["municipal_share_percent"] < al[1]:
                fl.append("SHARE_BELOW_MINIMUM")
            if received > REQ_DEADLINE[(p, y)]:
                fl.append("LATE_REQUISITION")
            if any(r[0] == org["code"] and r[1] == org["kind"] and r[2] == p and r[3] == y for r in reqs_on_file):
                fl.append("DUPLICATE_REQUISITION")
            reqs_on_file.append((org["code"], org["kind"], p, y, am.get("requested", 0)))
            tot = sum(r[4] for r in reqs_on_file if r[2] == p and r[3] == y)
            assert tot <= POOLS[(p, y)], "pool would be exceeded: avoid"
        elif t == "return_report":
            assert al is not None
            if am["received"] > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if am["used"] > am["received"]:
                fl.append("USED_EXCEEDS_RECEIVED")
            elif abs((am["received"] - am["used"]) - am["unused"]) > 1:
                fl.append("UNUSED_MISMATCH")
            if received > REP_DEADLINE[(p, y)]:
                fl.append("LATE_REPORT")
        elif t == "decision":
            assert al is not None
            if abs(am["decided"] - al[0]) > extra["half_unit"]:
                fl.append("DECISION_AMOUNT_MISMATCH")
        if extra.get("sum_off"):
            fl.append("SUM_MISMATCH")
        out.append(sorted(fl))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1515)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    np.random.seed(a.seed)
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    regions, munis = {}, {}
    with open(Path(a.shared) / "data" / "scb_regions.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            regions[r["region_code"]] = r["region_name"]
    with open(Path(a.shared) / "data" / "scb_municipalities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            munis[r["municipality_code"]] = r["municipality_name"]
    for c in MUNI_FORMAL:
        assert c in munis, c
    S = specs(rng)
    # arrival order must be non-decreasing
    assert all(S[i]["received"] <= S[i + 1]["received"] for i in range(len(S) - 1))
    truth, items, files = [], [], []
    for n, sp in enumerate(S, 1):
        name = f"C15_{n:02d}.pdf"
        drng = random.Random(f"{a.seed}-{n}")
        if sp["kind"] == "dup":
            src = S[sp["of"]]
            data = (out / src["_file"]).read_bytes()
            (out / name).write_bytes(data)
            t = dict(truth[sp["of"]])
            t = {"file": name, "scanned": t["scanned"], "received": sp["received"], "expect": t["expect"]}
            truth.append(t)
            items.append((t["expect"], sp["received"], {"dup": True}))
            sp["_file"] = name
            continue
        assert sp["date"] <= sp["received"]
        pdf, anchors, npages = build_pdf(sp, drng)
        assert npages <= 3, (name, npages)
        if sp.get("scan"):
            data = scan_pdf(pdf, anchors, sp["scan"], drng, sp["received"])
        else:
            data = pdf
        (out / name).write_bytes(data)
        sp["_file"] = name
        e = expect_of(sp)
        truth.append({"file": name, "scanned": bool(sp.get("scan")), "received": sp["received"], "expect": e})
        items.append((e, sp["received"], {"half_unit": sp.get("half_unit"), "sum_off": sp.get("sum_off")}))
    flags = compute_flags(items)
    for t, f in zip(truth, flags):
        t["flags"] = f
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(out / "allocations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek",
                    "municipal_share_min_percent"])
        for r in alloc_rows(regions, munis):
            w.writerow([r[0], r[1], r[2], r[3], r[4], "" if r[5] is None else r[5]])
    print(f"wrote {len(truth)} documents to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
