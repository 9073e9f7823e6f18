"""Shared helpers for the blind corpora: reference data, amount/date wording, flag engine,
PDF rendering (reportlab platypus) and scan/photo degradation (pypdfium2 + Pillow + OpenCV)."""
import csv, json, io, math, random, re, datetime as dt
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
import cv2
import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_JUSTIFY, TA_RIGHT, TA_CENTER
from reportlab.platypus import Paragraph as _RLParagraph
from reportlab.platypus import (SimpleDocTemplate, Spacer, Table, TableStyle,
                                PageBreak, KeepTogether)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DATA = Path(__file__).resolve().parents[2].parent / 'shared' / 'data'
FONTDIR = Path('/usr/share/fonts/truetype/dejavu')

REG = {}
for r in csv.DictReader(open(DATA / 'scb_regions.csv', encoding='utf-8')):
    REG[r['region_code']] = (r['region_name'], r['county_name'])
MUN = {}
MUN_BY_NAME = {}
for r in csv.DictReader(open(DATA / 'scb_municipalities.csv', encoding='utf-8')):
    MUN[r['municipality_code']] = (r['municipality_name'], r['region_code'])
    MUN_BY_NAME[r['municipality_name']] = r['municipality_code']


_NUMSP = re.compile(r'(?<=\d) (?=\d{3}(?!\d))')


def Paragraph(text, style, *a, **k):
    """reportlab Paragraph that never breaks a line inside a grouped number."""
    return _RLParagraph(_NUMSP.sub('\u00a0', text), style, *a, **k)


def mc(name):
    return MUN_BY_NAME[name]


def gen_s(name):
    """Swedish genitive of a place name."""
    return name if name[-1] in 'sxz' else name + 's'


STAD = {'Stockholm': 'Stockholms stad', 'Göteborg': 'Göteborgs Stad', 'Malmö': 'Malmö stad',
        'Borås': 'Borås Stad', 'Trollhättan': 'Trollhättans stad', 'Västerås': 'Västerås stad',
        'Helsingborg': 'Helsingborgs stad', 'Landskrona': 'Landskrona stad', 'Solna': 'Solna stad',
        'Haparanda': 'Haparanda stad', 'Mölndal': 'Mölndals stad'}


def mun_formal(name, style=0):
    """How a municipality names itself: 'Umeå kommun', 'Sundsvalls kommun', 'Borås Stad'."""
    if name in STAD:
        f = STAD[name]
    elif name[-1].lower() in 'aeiouyåäö':
        f = f'{name} kommun'
    else:
        f = f'{gen_s(name)} kommun'
    return f.upper() if style == 2 else f


PROGRAMS = {
    ('hembesok', 2023): dict(pool=42_000_000, req_dl='2023-10-31', rep_dl='2024-03-01', kinds={'region'}),
    ('hembesok', 2024): dict(pool=82_000_000, req_dl='2024-04-05', rep_dl='2025-03-01', kinds={'region'}),
    ('bhv-pilot', 2023): dict(pool=4_500_000, req_dl='2023-06-16', rep_dl='2024-05-03', kinds={'municipality'}),
}

BASE_ALLOC_2024 = {'01': 13698000, '03': 2535000, '04': 469000, '05': 4778000, '06': 4913000, '07': 3210000,
                   '08': 3636000, '09': 834000, '10': 4089000, '12': 9903000, '13': 580000, '14': 12774000,
                   '17': 2084000, '18': 3406000, '19': 3370000, '20': 1142000, '21': 1307000, '22': 979000,
                   '23': 503000, '24': 2755000, '25': 5035000}
BASE_ALLOC_2023 = {'01': 5107000, '03': 1709000, '04': 1505000, '05': 1872000, '06': 486000, '07': 1811000,
                   '08': 975000, '09': 1750000, '10': 1989000, '12': 6334000, '13': 1206000, '14': 5650000,
                   '17': 2770000, '18': 1349000, '19': 1472000, '20': 1679000, '21': 298000, '22': 1619000,
                   '23': 261000, '24': 634000, '25': 1524000}
PILOT_ALLOC = {'0127': (580000, 45), '1280': (580000, 45), '1480': (580000, 45), '0180': (255000, 40)}


def make_allocations(min_share_2024=None):
    """rows: (program, year, code, name, amount, minshare|None)"""
    rows = []
    min_share_2024 = min_share_2024 or {}
    for c, a in BASE_ALLOC_2024.items():
        rows.append(('hembesok', 2024, c, REG[c][0], a, min_share_2024.get(c)))
    for c, a in BASE_ALLOC_2023.items():
        rows.append(('hembesok', 2023, c, REG[c][0], a, None))
    for c, (a, s) in PILOT_ALLOC.items():
        rows.append(('bhv-pilot', 2023, c, MUN[c][0], a, s))
    return rows


def write_allocations(path, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['program', 'grant_year', 'recipient_code', 'recipient_name', 'amount_sek',
                    'municipal_share_min_percent'])
        for p, y, c, n, a, s in rows:
            w.writerow([p, y, c, n, a, '' if s is None else s])


# ---------------------------------------------------------------- flag engine
def compute_flags(docs, alloc_rows):
    """docs in arrival order; each has 'expect' (truth) and optional 'sum_mismatch' (bool) and
    'dec_tol' (half a unit of the last digit written, decisions). Returns nothing; sets d['flags']."""
    alloc = {(p, y, c): (a, s) for p, y, c, n, a, s in alloc_rows}
    reqs = []   # (org code, program, year, amount)
    seen_dates = set()
    for d in docs:
        assert d['received'] not in seen_dates, ('received dates must be unique', d['received'])
        seen_dates.add(d['received'])
        e = d['expect']
        fl = []
        t = e['document_type']
        if t == 'other':
            fl.append('UNKNOWN_DOCUMENT_TYPE')
            d['flags'] = fl
            continue
        if t == 'instruction':
            d['flags'] = fl
            continue
        key = (e['program'], e['grant_year'])
        prog = PROGRAMS[key]
        org = e.get('organisation')
        am = e.get('amounts', {})
        wrong = org is not None and org['kind'] not in prog['kinds']
        if wrong:
            assert t == 'requisition'
            fl.append('WRONG_RECIPIENT_KIND')
        al = alloc.get((e['program'], e['grant_year'], org['code'])) if org else None
        if not wrong and org and al is None:
            assert t == 'requisition'
            fl.append('NO_ALLOCATION')
        if t == 'requisition':
            if al and 'requested' in am and am['requested'] > al[0]:
                fl.append('AMOUNT_EXCEEDS_ALLOCATION')
            if any(r[0] == org['code'] and r[1:3] == key for r in reqs):
                fl.append('DUPLICATE_REQUISITION')
            if d['received'] > prog['req_dl']:
                fl.append('LATE_REQUISITION')
            if not wrong:
                missing = 'requested' not in am
                if key == ('hembesok', 2024) and org['kind'] == 'region':
                    if not e.get('collaborating_municipalities') or 'municipal_share_percent' not in e:
                        missing = True
                if missing:
                    fl.append('MISSING_FIELD')
            if al and al[1] is not None and 'municipal_share_percent' in e and e['municipal_share_percent'] < al[1]:
                fl.append('SHARE_BELOW_MINIMUM')
            reqs.append((org['code'], e['program'], e['grant_year'], am.get('requested', 0)))
            tot = sum(r[3] for r in reqs if r[1:3] == key)
            assert tot <= prog['pool'] * 0.9, 'keep pools well clear'
        elif t == 'return_report':
            if al and 'received' in am and am['received'] > al[0]:
                fl.append('AMOUNT_EXCEEDS_ALLOCATION')
            if 'received' in am and 'used' in am:
                if am['used'] > am['received']:
                    fl.append('USED_EXCEEDS_RECEIVED')
                elif 'unused' in am and abs(am['received'] - am['used'] - am['unused']) > 1:
                    fl.append('UNUSED_MISMATCH')
            if d['received'] > prog['rep_dl']:
                fl.append('LATE_REPORT')
            if 'received' not in am or 'used' not in am:
                fl.append('MISSING_FIELD')
        elif t == 'decision':
            if al and 'decided' in am and abs(am['decided'] - al[0]) > d['dec_tol']:
                fl.append('DECISION_AMOUNT_MISMATCH')
            if 'decided' not in am or 'document_date' not in e:
                fl.append('MISSING_FIELD')
        if d.get('sum_mismatch'):
            fl.append('SUM_MISMATCH')
        d['flags'] = fl


# ---------------------------------------------------------------- wording
MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september',
          'oktober', 'november', 'december']


def D(s):
    return dt.date.fromisoformat(s)


def fdate(s, style=0):
    d = D(s) if isinstance(s, str) else s
    if style == 0:
        return d.isoformat()
    if style == 1:
        return f'{d.day} {MONTHS[d.month - 1]} {d.year}'
    if style == 2:
        return f'den {d.day} {MONTHS[d.month - 1]} {d.year}'
    if style == 3:
        return f'{d.year}-{d.month:02d}-{d.day:02d}'
    if style == 4:
        return f'{d.day:02d}.{d.month:02d}.{d.year}'
    raise ValueError


def grp(n, sep=' '):
    s = f'{int(n):,}'.replace(',', sep)
    return s


def kr(n, style=0, nb=True):
    sep = '\u00a0' if nb else ' '
    g = grp(n, sep)
    if style == 0:
        return f'{g}{sep}kronor'
    if style == 1:
        return f'{g}{sep}kr'
    if style == 2:
        return f'{g}:-'
    if style == 3:
        return f'{grp(n, ".")} kr'
    if style == 4:   # tkr
        assert n % 1000 == 0
        return f'{grp(n // 1000, sep)}{sep}tkr'
    if style == 5:   # mnkr with three decimals
        assert n % 1000 == 0
        m = n // 1000
        return f'{m // 1000},{m % 1000:03d}{sep}mnkr'
    if style == 6:
        return f'{g}{sep}SEK'
    if style == 7:
        return f'{grp(n, sep)}{sep}kronor'.replace('kronor', 'kr.')
    raise ValueError


def add_days(s, n):
    return (D(s) + dt.timedelta(days=n)).isoformat()


# ---------------------------------------------------------------- rendering
_fonts_done = False


def fonts():
    global _fonts_done
    if _fonts_done:
        return
    for name, f in [('DejaVuSans', 'DejaVuSans.ttf'), ('DejaVuSans-Bold', 'DejaVuSans-Bold.ttf'),
                    ('DejaVuSerif', 'DejaVuSerif.ttf'), ('DejaVuSerif-Bold', 'DejaVuSerif-Bold.ttf'),
                    ('DejaVuSansCond', 'DejaVuSansCondensed.ttf'),
                    ('DejaVuSansCond-Bold', 'DejaVuSansCondensed-Bold.ttf'),
                    ('DejaVuSansMono', 'DejaVuSansMono.ttf')]:
        pdfmetrics.registerFont(TTFont(name, str(FONTDIR / f)))
    _fonts_done = True


FONTSETS = [('Times-Roman', 'Times-Bold'), ('Helvetica', 'Helvetica-Bold'), ('DejaVuSerif', 'DejaVuSerif-Bold'),
            ('DejaVuSans', 'DejaVuSans-Bold'), ('DejaVuSansCond', 'DejaVuSansCond-Bold')]


def styles(fontset=0, size=10.5, justify=False):
    fonts()
    reg, bold = FONTSETS[fontset % len(FONTSETS)]
    base = ParagraphStyle('b', fontName=reg, fontSize=size, leading=size * 1.35,
                          alignment=TA_JUSTIFY if justify else TA_LEFT, spaceAfter=size * 0.6)
    return dict(
        body=base,
        bold=ParagraphStyle('bo', parent=base, fontName=bold),
        h1=ParagraphStyle('h1', parent=base, fontName=bold, fontSize=size + 4, leading=(size + 4) * 1.25,
                          spaceAfter=8, alignment=TA_LEFT),
        h2=ParagraphStyle('h2', parent=base, fontName=bold, fontSize=size + 1.5, leading=(size + 1.5) * 1.3,
                          spaceBefore=4, spaceAfter=4, alignment=TA_LEFT),
        small=ParagraphStyle('sm', parent=base, fontSize=size - 2, leading=(size - 2) * 1.3, spaceAfter=2),
        right=ParagraphStyle('r', parent=base, alignment=TA_RIGHT, spaceAfter=1),
        cell=ParagraphStyle('c', parent=base, fontSize=size - 1, leading=(size - 1) * 1.25, spaceAfter=0,
                            alignment=TA_LEFT),
        cellb=ParagraphStyle('cb', parent=base, fontName=bold, fontSize=size - 1, leading=(size - 1) * 1.25,
                             spaceAfter=0, alignment=TA_LEFT),
        cellr=ParagraphStyle('cr', parent=base, fontSize=size - 1, leading=(size - 1) * 1.25, spaceAfter=0,
                             alignment=TA_RIGHT),
        indent=ParagraphStyle('in', parent=base, leftIndent=28, firstLineIndent=-28),
        reg=reg, boldname=bold, size=size)


def build_pdf(path, story, header=None, footer=None, margins=(25, 22, 25, 22), pagesize=A4):
    """header/footer: callables (canvas, doc) or None."""
    def onpage(c, doc):
        c.saveState()
        if header:
            header(c, doc)
        if footer:
            footer(c, doc)
        c.restoreState()
    l, t, r, b = margins
    doc = SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=l * mm, rightMargin=r * mm,
                            topMargin=t * mm, bottomMargin=b * mm, title='', author='')
    doc.build(story, onFirstPage=onpage, onLaterPages=onpage)


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


# ---------------------------------------------------------------- scans
def render_pages(pdf_path, dpi=200):
    pdf = pdfium.PdfDocument(str(pdf_path))
    out = []
    for i in range(len(pdf)):
        page = pdf[i]
        img = page.render(scale=dpi / 72).to_pil().convert('RGB')
        out.append(img)
    pdf.close()
    return out


def _stamp(img, rng, text_lines, color=(200, 30, 40)):
    """rubber stamp, drawn on an RGB image (top right area)."""
    w, h = img.size
    s = w / 1654
    lay = Image.new('RGBA', (int(560 * s), int(200 * s)), (0, 0, 0, 0))
    dr = ImageDraw.Draw(lay)
    f1 = ImageFont.truetype(str(FONTDIR / 'DejaVuSans-Bold.ttf'), int(38 * s))
    f2 = ImageFont.truetype(str(FONTDIR / 'DejaVuSans.ttf'), int(30 * s))
    dr.rounded_rectangle([4, 4, lay.size[0] - 4, lay.size[1] - 4], radius=int(14 * s), outline=color + (210,),
                         width=max(3, int(5 * s)))
    y = int(18 * s)
    for i, t in enumerate(text_lines):
        f = f1 if i == 0 else f2
        tw = dr.textlength(t, font=f)
        dr.text(((lay.size[0] - tw) / 2, y), t, font=f, fill=color + (200,))
        y += int(52 * s) if i == 0 else int(42 * s)
    lay = lay.rotate(rng.uniform(-8, 8), expand=True, resample=Image.BICUBIC)
    # patchy ink
    a = np.array(lay)
    mask = np.random.default_rng(rng.randrange(1 << 30)).random(a.shape[:2]) < 0.18
    a[..., 3][mask] = (a[..., 3][mask] * 0.3).astype(np.uint8)
    lay = Image.fromarray(a)
    x = int(w * rng.uniform(0.55, 0.62))
    y = int(h * rng.uniform(0.095, 0.1))
    img.paste(lay, (x, y), lay)
    return img


def degrade(img, rng, kind='office', stamp=None, faint=False, angle=None):
    """img: PIL RGB page at ~200 dpi. Returns PIL image (RGB or L)."""
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    if stamp:
        img = _stamp(img, rng, stamp)
    if kind in ('office', 'faint', 'fax'):
        g = img if stamp else img.convert('L')
        if angle is None:
            angle = rng.uniform(-1.6, 1.6)
        g = g.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255) if g.mode == 'RGB' else 255)
        a = np.asarray(g).astype(np.float32)
        if faint or kind == 'faint':
            a = 255 - (255 - a) * rng.uniform(0.45, 0.6)
        if kind == 'fax':
            # low vertical resolution, hard threshold, streaks
            gl = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).convert('L')
            w, h = gl.size
            gl = gl.resize((w, h // 2), Image.BILINEAR).resize((w, h), Image.NEAREST)
            b = np.asarray(gl).astype(np.float32)
            b += nrng.normal(0, 10, b.shape)
            b = np.where(b < 165, 0, 255).astype(np.float32)
            for _ in range(3):
                yy = int(nrng.integers(0, h - 3))
                b[yy:yy + 2, :] = np.minimum(b[yy:yy + 2, :], 90 + nrng.normal(0, 40, (2, w)))
            sp = nrng.random(b.shape) < 0.0015
            b[sp] = 0
            return Image.fromarray(np.clip(b, 0, 255).astype(np.uint8))
        a += nrng.normal(0, rng.uniform(5, 11), a.shape)
        # speckles
        sp = nrng.random(a.shape[:2]) < 0.0006
        a[sp] = 40
        # slightly grey paper
        a = a * rng.uniform(0.9, 0.97) + rng.uniform(2, 12)
        out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
        return out
    if kind == 'photo':
        return photo(img, rng)
    raise ValueError(kind)


def photo(img, rng):
    """phone photo: page on a table, perspective, shadow, colour cast."""
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    a = np.asarray(img.convert('RGB')).astype(np.float32)
    h, w = a.shape[:2]
    W, H = int(w * 1.18), int(h * 1.12)
    # background (table)
    bg = np.zeros((H, W, 3), np.float32)
    base = np.array([rng.uniform(90, 140), rng.uniform(75, 115), rng.uniform(55, 90)])
    bg[:] = base
    bg += nrng.normal(0, 6, bg.shape)
    mx, my = (W - w) / 2, (H - h) / 2
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    j = lambda s: rng.uniform(-s, s)
    dst = np.float32([[mx + j(50) + 40, my + j(40)], [mx + w + j(50) - 30, my + j(40) + 20],
                      [mx + w + j(30), my + h + j(30)], [mx + j(30), my + h + j(30) - 10]])
    M = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(a, M, (W, H), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), M, (W, H), flags=cv2.INTER_LINEAR)
    out = warped * mask[..., None] + bg * (1 - mask[..., None])
    # lighting: gradient + soft shadow band
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    grad = 0.82 + 0.16 * ((np.cos(ang) * xx / W + np.sin(ang) * yy / H) + 1) / 2
    sx = rng.uniform(0.2, 0.8) * W
    shadow = 1 - 0.33 * (1 / (1 + np.exp(-(xx - sx - (yy - H / 2) * rng.uniform(-0.4, 0.4)) / (0.03 * W))))
    if rng.random() < 0.5:
        shadow = shadow[:, ::-1]
    light = (grad * shadow)[..., None]
    tint = np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.85, 0.95)])
    out = out * light * tint
    out += nrng.normal(0, 4, out.shape)
    out = np.clip(out, 0, 255).astype(np.uint8)
    im = Image.fromarray(out)
    im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    # downscale like a phone picture
    im = im.resize((int(W * 0.8), int(H * 0.8)), Image.LANCZOS)
    return im


def jpeg_roundtrip(im, q):
    b = io.BytesIO()
    im.save(b, 'JPEG', quality=q)
    b.seek(0)
    return Image.open(b).copy()


def images_to_pdf(images, path, dpi=200, q=70):
    ims = [jpeg_roundtrip(i.convert('RGB') if i.mode not in ('L', 'RGB') else i, q) for i in images]
    ims[0].save(str(path), 'PDF', resolution=dpi, save_all=True, append_images=ims[1:])


def scan_pdf(text_pdf, out_path, rng, kind='office', stamp=None, faint=False, dpi=200, q=None, out_format='pdf',
             faxhdr=None, angles=None):
    pages = render_pages(text_pdf, dpi=dpi)
    outs = []
    for i, p in enumerate(pages):
        if faxhdr:
            dr = ImageDraw.Draw(p)
            f = ImageFont.truetype(str(FONTDIR / 'DejaVuSansMono.ttf'), int(24 * dpi / 200))
            dr.text((int(40 * dpi / 200), int(12 * dpi / 200)), f'{faxhdr}   S.{i + 1}/{len(pages)}', font=f, fill=(0, 0, 0))
        outs.append(degrade(p, rng, kind=kind, stamp=stamp if i == 0 else None, faint=faint,
                            angle=None if angles is None else angles[i % len(angles)]))
    if q is None:
        q = rng.randint(45, 75)
    if out_format == 'pdf':
        images_to_pdf(outs, out_path, dpi=dpi if kind != 'photo' else int(dpi * 0.8), q=q)
    elif out_format == 'jpg':
        assert len(outs) == 1
        outs[0].convert('RGB').save(str(out_path), 'JPEG', quality=q)
    elif out_format == 'png':
        assert len(outs) == 1
        im = outs[0]
        if im.mode == 'RGB' and kind != 'photo':
            im = im.convert('L')
        im.save(str(out_path), 'PNG', optimize=True)
    else:
        raise ValueError


def write_truth(outdir, docs):
    out = []
    for d in docs:
        out.append({'file': d['file'], 'scanned': d['scanned'], 'received': d['received'],
                    'expect': d['expect'], 'flags': d['flags']})
    (Path(outdir) / 'truth.json').write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding='utf-8')
