#!/usr/bin/env python3
"""C11 blind corpus: everything else that lands in the grant mailbox, among ordinary documents."""
from pathlib import Path
import sys, os, io, json, csv, random, argparse, hashlib, datetime as dt
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle, PageBreak
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
import numpy as np
from PIL import Image, ImageFilter, ImageEnhance, ImageDraw, ImageFont
import pypdfium2 as pdfium
import img2pdf
from reportlab import rl_config
rl_config.invariant = 1

FD = '/usr/share/fonts/truetype/dejavu/'
pdfmetrics.registerFont(TTFont('DV', FD + 'DejaVuSans.ttf'))
pdfmetrics.registerFont(TTFont('DVB', FD + 'DejaVuSans-Bold.ttf'))
pdfmetrics.registerFont(TTFont('DS', FD + 'DejaVuSerif.ttf'))
pdfmetrics.registerFont(TTFont('DSB', FD + 'DejaVuSerif-Bold.ttf'))

# ---------------- reference data ----------------
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REG = {r['region_code']: r for r in csv.DictReader(open(SHARED / 'data' / 'scb_regions.csv', encoding='utf-8'))}
MUN = {r['municipality_code']: r for r in csv.DictReader(open(SHARED / 'data' / 'scb_municipalities.csv', encoding='utf-8'))}

ALLOC24 = {'01':13698000,'03':2535000,'04':469000,'05':4778000,'06':4913000,'07':3210000,'08':3636000,'09':834000,
 '10':4089000,'12':9903000,'13':580000,'14':12774000,'17':2084000,'18':3406000,'19':3370000,'20':1142000,
 '21':1307000,'22':979000,'23':503000,'24':2755000,'25':5035000}
ALLOC23 = {'01':5107000,'03':1709000,'04':1505000,'05':1872000,'06':486000,'07':1811000,'08':975000,'09':1750000,
 '10':1989000,'12':6334000,'13':1206000,'14':5650000,'17':2770000,'18':1349000,'19':1472000,'20':1679000,
 '21':298000,'22':1619000,'23':261000,'24':634000,'25':1524000}
PILOT = {'0127':(580000,45),'1280':(580000,45),'1480':(580000,45),'0180':(255000,40)}

ALLOC = {}
for c,a in ALLOC24.items(): ALLOC[('hembesok',2024,c)] = (a,None)
for c,a in ALLOC23.items(): ALLOC[('hembesok',2023,c)] = (a,None)
for c,(a,p) in PILOT.items(): ALLOC[('bhv-pilot',2023,c)] = (a,p)

PROG = {('hembesok',2023):dict(kind='region',pool=42000000,req=dt.date(2023,10,31),rep=dt.date(2024,3,1)),
        ('hembesok',2024):dict(kind='region',pool=82000000,req=dt.date(2024,4,5),rep=dt.date(2025,3,1)),
        ('bhv-pilot',2023):dict(kind='pilot',pool=4500000,req=dt.date(2023,6,16),rep=dt.date(2024,5,3))}

MONTHS = ['januari','februari','mars','april','maj','juni','juli','augusti','september','oktober','november','december']

def kr(n, suf=' kr'):
    s = f'{n:,}'.replace(',', ' ')
    return s + suf

def lang_date(d):
    return f'{d.day} {MONTHS[d.month-1]} {d.year}'

def D(s): return dt.date.fromisoformat(s)

def rname(c): return REG[c]['region_name']
def mname(c): return MUN[c]['municipality_name']
def kommun(c):
    n = mname(c)
    special = {'1480':'Göteborgs Stad','1280':'Malmö stad','0180':'Stockholms stad'}
    if c in special: return special[c]
    return n + ('' if n[-1] in 'aeiouyåäösxz' else 's') + ' kommun'

# ---------------- styles ----------------
def styles(serif=False, size=10.5):
    f, fb = ('DS','DSB') if serif else ('DV','DVB')
    return dict(
        p=ParagraphStyle('p', fontName=f, fontSize=size, leading=size*1.4, spaceAfter=5),
        small=ParagraphStyle('s', fontName=f, fontSize=8, leading=10, textColor=colors.HexColor('#444444')),
        h1=ParagraphStyle('h1', fontName=fb, fontSize=15, leading=19, spaceAfter=8, spaceBefore=4),
        h2=ParagraphStyle('h2', fontName=fb, fontSize=11.5, leading=15, spaceAfter=4, spaceBefore=6),
        b=ParagraphStyle('b', fontName=fb, fontSize=size, leading=size*1.4, spaceAfter=4),
        cell=ParagraphStyle('c', fontName=f, fontSize=9.5, leading=12),
        f=f, fb=fb)

def build_pdf(blocks, header=None, footer=None, serif=False):
    """blocks: list of (kind, payload). returns pdf bytes"""
    buf = io.BytesIO()
    S = styles(serif)
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=22*mm, rightMargin=22*mm, topMargin=30*mm,
                            bottomMargin=22*mm, title='', author='', creator='', producer='', subject='')
    def onpage(c, d):
        c.saveState()
        if header:
            c.setFont(S['fb'], 12); c.drawString(22*mm, A4[1]-16*mm, header[0])
            c.setFont(S['f'], 8.5)
            for i, t in enumerate(header[1:]):
                c.drawString(22*mm, A4[1]-(21+4*i)*mm, t)
            c.setLineWidth(0.6); c.line(22*mm, A4[1]-26*mm, A4[0]-22*mm, A4[1]-26*mm)
        c.setFont(S['f'], 7.5)
        if footer: c.drawString(22*mm, 12*mm, footer)
        c.drawRightString(A4[0]-22*mm, 12*mm, f'Sida {d.page}')
        c.restoreState()
    story = []
    for kind, x in blocks:
        if kind in ('p','h1','h2','b','small'):
            story.append(Paragraph(x, S[kind]))
        elif kind == 'sp':
            story.append(Spacer(1, x*mm))
        elif kind == 'br':
            story.append(PageBreak())
        elif kind == 'kv':   # bordered label/value form
            data = [[Paragraph(a, S['cell']), Paragraph(b, S['cell'])] for a, b in x]
            t = Table(data, colWidths=[70*mm, 96*mm])
            t.setStyle(TableStyle([('GRID',(0,0),(-1,-1),0.6,colors.black),('VALIGN',(0,0),(-1,-1),'TOP'),
                                   ('BACKGROUND',(0,0),(0,-1),colors.HexColor('#eeeeee'))]))
            story.append(t); story.append(Spacer(1, 4*mm))
        elif kind == 'tab':  # header row + rows, last col right aligned
            hdr, rows, widths = x
            data = [[Paragraph('<b>%s</b>' % h, S['cell']) for h in hdr]] + [[Paragraph(str(v), S['cell']) for v in r] for r in rows]
            t = Table(data, colWidths=[w*mm for w in widths], repeatRows=1)
            t.setStyle(TableStyle([('GRID',(0,0),(-1,-1),0.5,colors.grey),('BACKGROUND',(0,0),(-1,0),colors.HexColor('#dde4ee'))]))
            story.append(t); story.append(Spacer(1, 4*mm))
    doc.build(story, onFirstPage=onpage, onLaterPages=onpage)
    return buf.getvalue()

# ---------------- scanning ----------------
def degrade(img, rng, mode):
    img = img.convert('L')
    if mode.get('faint'):
        img = ImageEnhance.Contrast(img).enhance(0.55); img = ImageEnhance.Brightness(img).enhance(1.18)
    ang = mode.get('angle', rng.uniform(-1.6, 1.6))
    img = img.rotate(ang, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if mode.get('stamp'):
        d = ImageDraw.Draw(img); W, H = img.size
        fnt = ImageFont.truetype(FD + 'DejaVuSans-Bold.ttf', int(W/32))
        x0, y0 = int(W*0.58), int(H*0.06)
        d.rectangle([x0, y0, x0+int(W*0.33), y0+int(W*0.11)], outline=90, width=4)
        d.text((x0+15, y0+10), 'INKOM', fill=90, font=fnt)
        d.text((x0+15, y0+10+int(W/28)), mode['stamp'], fill=90, font=fnt)
    a = np.asarray(img).astype(np.float32)
    if mode.get('shadow'):
        H, W = a.shape; g = np.linspace(0.72, 1.0, W)[None, :]; a = a*g
    a = a + np.random.default_rng(rng.randint(0, 10**6)).normal(0, mode.get('noise', 9), a.shape)
    a = np.clip(a, 0, 255).astype(np.uint8)
    img = Image.fromarray(a).filter(ImageFilter.GaussianBlur(mode.get('blur', 0.5)))
    if mode.get('rot90'):
        img = img.rotate(mode['rot90'], expand=True)
    return img

def scan(pdf_bytes, rng, mode, fmt):
    pdf = pdfium.PdfDocument(pdf_bytes)
    dpi = mode.get('dpi', 160)
    imgs = []
    for i in range(len(pdf)):
        pil = pdf[i].render(scale=dpi/72).to_pil()
        imgs.append(degrade(pil, rng, mode))
    q = mode.get('q', 55)
    if fmt == 'pdf':
        parts = []
        for im in imgs:
            b = io.BytesIO(); im.save(b, 'JPEG', quality=q); parts.append(b.getvalue())
        return img2pdf.convert(parts, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)))
    assert len(imgs) == 1
    b = io.BytesIO()
    if fmt == 'jpg': imgs[0].save(b, 'JPEG', quality=q, dpi=(dpi, dpi))
    else: imgs[0].save(b, 'PNG', dpi=(dpi, dpi))
    return b.getvalue()

# ---------------- document builders ----------------
SOS_HDR = ('Socialstyrelsen', '106 30 Stockholm  ·  Besök: Rålambsvägen 3  ·  Tel 075-247 30 00', 'statsbidrag@socialstyrelsen.se  ·  www.socialstyrelsen.se')
HEMB = 'statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram'
PILOTTXT = 'statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden'

def prog_text(p): return HEMB if p == 'hembesok' else PILOTTXT

def reg_hdr(c, unit='Regionkansliet'):
    return (rname(c), unit, 'Registrator: registrator@' + rname(c).lower().replace(' ', '').replace('ö','o').replace('ä','a').replace('å','a')[:14] + '.se')

def mun_hdr(c, unit='Socialförvaltningen'):
    return (kommun(c), unit, 'Växel 0' + str(10 + int(c) % 80) + '-' + str(100000 + int(c)*7 % 900000))

def dnr(rng, pre): return f'{pre} {rng.randint(2019, 2019)+0}/{rng.randint(100, 2999)}'

def req_region(d, rng, style):
    c, y, p = d['org'], d['year'], d['prog']
    date = D(d['date']); amt = d['requested']
    munis = d.get('munis'); share = d.get('share')
    ref = f'RS {date.year}/{rng.randint(100,2999)}'
    if style == 'letter':
        B = [('small', f'Datum: {date.isoformat()}<br/>Diarienummer: {ref}'), ('sp', 6),
             ('p', 'Till Socialstyrelsen<br/>Enheten för statsbidrag'), ('sp', 4),
             ('h1', f'Rekvisition av statsbidrag – utökade hembesöksprogram {y}'),
             ('p', f'{rname(c)} rekvirerar härmed {prog_text(p)} för år {y}.'),
             ('p', f'Rekvirerat belopp: <b>{kr(amt)}</b>')]
        if munis:
            B.append(('p', 'Regionen samverkar med följande kommuner: ' + ', '.join(kommun(m) for m in munis) + '.'))
        if share is not None:
            B.append(('p', f'Andel av bidraget som ska finansiera kommunal verksamhet: {share} procent.'))
        elif munis:
            B.append(('p', 'Fördelningen mellan regionens och kommunernas verksamhet bestäms i samråd under året.'))
        if d.get('leftover'):
            B.append(('p', 'Regionen önskar ta del av eventuella kvarvarande medel efter rekvisitionstillfället.'))
        B += [('sp', 8), ('p', f'{rname(c)}, {lang_date(date)}'), ('sp', 10), ('p', 'Hälso- och sjukvårdsdirektör')]
        return B, reg_hdr(c)
    # form
    rows = [('Organisation', rname(c)), ('Organisationsnummer', f'2321{rng.randint(100000,999999)}'),
            ('Statsbidrag', f'Utökade hembesöksprogram inom barnhälsovården, bidragsår {y}'),
            ('Rekvirerat belopp (kr)', kr(amt, ''))]
    if munis: rows.append(('Samverkande kommuner', ', '.join(mname(m) for m in munis)))
    if share is not None: rows.append(('Andel till kommunal verksamhet', f'{share} %'))
    rows += [('Önskar ta del av kvarvarande medel', 'Ja' if d.get('leftover') else 'Nej'),
             ('Kontaktperson', 'Samordnare barnhälsovård'), ('Datum', date.isoformat())]
    B = [('h1', f'REKVISITION {y}'), ('p', f'Statsbidrag till regioner – {HEMB}'), ('kv', rows),
         ('p', 'Underskrift av behörig företrädare för regionen'), ('sp', 10), ('p', '_______________________________')]
    if d.get('page2'):
        rr, uu = d['page2']
        B += [('br', None), ('h2', f'Bilaga: Sammanfattning av återrapportering för bidragsår {y-1}'),
              ('p', f'För kännedom sammanfattas här regionens återrapportering av {y-1} års statsbidrag, som lämnades till Socialstyrelsen i februari {y}.'),
              ('tab', (['Post', 'Belopp'], [[f'Erhållet bidrag {y-1}', kr(rr)], [f'Förbrukat {y-1}', kr(uu)],
                                            [f'Ej förbrukat {y-1} (återbetalt)', kr(rr-uu)]], [100, 50])),
              ('p', 'Erfarenheterna från föregående år ligger till grund för planeringen av årets utökade hembesök.')]
    return B, reg_hdr(c, 'Hälso- och sjukvårdsförvaltningen')

def req_mun(d, rng, style):
    c, y, p = d['org'], d['year'], d['prog']
    date = D(d['date']); amt = d['requested']
    B = [('small', f'{lang_date(date)}'), ('sp', 4), ('p', 'Socialstyrelsen<br/>Avdelningen för statsbidrag'), ('sp', 4),
         ('h1', f'Rekvisition – {prog_text(p)} {y}'),
         ('p', f'{kommun(c)} rekvirerar härmed statsbidrag för år {y} enligt Socialstyrelsens anvisningar.'),
         ('kv', [('Kommun', kommun(c)), ('Bidragsår', str(y)), ('Belopp som rekvireras', kr(amt)),
                 ('Plusgiro / bankgiro', f'{rng.randint(100,999)}-{rng.randint(1000,9999)}'), ('Datum', date.isoformat())]),
         ('p', 'Medlen avser förebyggande socialtjänst i samverkan med barnhälsovården.' if p == 'bhv-pilot'
               else 'Medlen avser kommunens del av arbetet med utökade hembesök i samverkan med regionen.'),
         ('sp', 8), ('p', 'Socialchef')]
    return B, mun_hdr(c)

def report(d, rng, style):
    c, y, p = d['org'], d['year'], d['prog']
    date = D(d['date']); rc, us, un = d['received'], d['used'], d['unused']
    isreg = len(c) == 2
    name = rname(c) if isreg else kommun(c)
    B = [('small', f'Datum {date.isoformat()}'), ('sp', 3),
         ('h1', f'Återrapportering – ekonomisk redovisning av statsbidrag {y}'),
         ('p', f'{name} redovisar härmed hur {y} års {prog_text(p)} har använts.')]
    if d.get('items'):
        items = d['items']; tot = d['items_total']
        B += [('h2', 'Kostnader'), ('tab', (['Kostnadsslag', 'Belopp (kr)'],
              [[a, kr(b, '')] for a, b in items] + [['<b>Summa kostnader</b>', '<b>' + kr(tot, '') + '</b>']], [110, 50]))]
    B += [('h2', 'Ekonomisk sammanställning'),
          ('kv', [('Erhållet bidrag', kr(rc)), ('Förbrukat belopp', kr(us)), ('Ej förbrukat belopp att återbetala', kr(un))]),
          ('p', 'Verksamheten har bedrivits i samverkan med socialtjänsten och barnavårdscentralerna.')]
    if d.get('ask_leftover'):
        B += [('h2', 'Rekvisition av kvarvarande medel'),
              ('p', f'{name} önskar samtidigt ta del av de kvarvarande medel för bidragsår {y+1} som Socialstyrelsen kan komma att fördela till regioner som angett detta.')]
    B += [('sp', 8), ('p', f'Ort och datum: {name}, {date.isoformat()}'), ('sp', 8), ('p', 'Ekonomichef')]
    return B, (reg_hdr(c, 'Ekonomienheten') if isreg else mun_hdr(c))

def decision_reg(d, rng, style):
    c, y, p = d['org'], d['year'], d['prog']
    date = D(d['date']); dtext = d['dtext']
    ref = f'RS {date.year}/{rng.randint(100,2999)}'
    if style == 'protokoll':
        B = [('h1', 'Protokollsutdrag'), ('p', f'Regionstyrelsens arbetsutskott<br/>Sammanträdesdatum: {date.isoformat()}'),
             ('p', f'§ {rng.randint(40,230)} Fördelning av statsbidrag för utökade hembesöksprogram {y}, dnr {ref}'),
             ('h2', 'Beslut'), ('p', f'Regionstyrelsens arbetsutskott beslutar att fördela statsbidraget om {dtext} för {y} till barnhälsovårdsenheten.')]
        if d.get('quote'):
            B += [('h2', 'Ärendet'), ('p', 'Socialstyrelsen har publicerat fördelningen av statsbidraget. Utdrag ur fördelningslistan (urval av regioner):'),
                  ('tab', (['Region', f'Belopp {y}'], [[rname(q), kr(ALLOC[(p, y, q)][0])] for q in d['quote']], [100, 50]))]
        B += [('p', 'Beslutet skickas till: Hälso- och sjukvårdsdirektören, Ekonomistaben'), ('sp', 8),
              ('p', 'Vid protokollet<br/><br/>Sekreterare'), ('small', 'Utdragsbestyrkande')]
        return B, (rname(c), 'Regionstyrelsen', '')
    # tjänsteskrivelse
    B = [('small', f'Tjänsteskrivelse  ·  {date.isoformat()}  ·  Dnr {ref}'), ('sp', 3),
         ('h1', f'Fördelning av statsbidrag för utökade hembesöksprogram {y}'),
         ('h2', 'Förslag till beslut'),
         ('p', f'Regionstyrelsens arbetsutskott föreslår regionstyrelsen besluta<br/>att fördela statsbidraget ({dtext} {y}) till centrala barnhälsovårdsenheten.'),
         ('h2', 'Sammanfattning'),
         ('p', f'Socialstyrelsen har regeringens uppdrag att stödja och stimulera barnhälsovårdens arbete med hembesöksprogram. Statsbidraget får endast användas till utökade hembesök under {y} och planeringen ska ske i samverkan med kommunerna.'),
         ('h2', 'Ekonomiska konsekvenser'),
         ('p', 'Bidraget finansierar planering och samordning samt ersättning till vårdcentraler som genomför utökade hembesök. Medel som inte används ska återbetalas.'),
         ('sp', 8), ('p', 'Regiondirektör'), ('small', 'Skickas till: Regionstyrelsen')]
    return B, reg_hdr(c, 'Regionkansliet – Hälsovalsenheten')

def decision_sos(d, rng, style):
    c, y, p = d['org'], d['year'], d['prog']
    date = D(d['date']); amt = d['decided']
    B = [('small', f'BESLUT  ·  {date.isoformat()}  ·  Dnr {rng.randint(10000,99999)}/{y}'), ('sp', 4),
         ('p', f'{rname(c)}<br/>Registrator'), ('sp', 3),
         ('h1', f'Beslut om statsbidrag för utökade hembesöksprogram {y}'),
         ('h2', 'Beslut'),
         ('p', f'Socialstyrelsen beslutar att bevilja {rname(c)} {kr(amt)} i {prog_text(p)} för år {y}, i enlighet med regionens rekvisition.'),
         ('p', 'Medlen får användas för kostnader under kalenderåret. Medel som inte har använts ska återbetalas efter återrapportering.'),
         ('sp', 6), ('p', 'Enhetschef<br/>Enheten för statsbidrag'),
         ('br', None), ('h2', f'Bilaga – Fördelning av statsbidraget {y} mellan regionerna (för kännedom)'),
         ('tab', (['Kod', 'Region', 'Belopp (kr)'], [[q, rname(q), kr(ALLOC[(p, y, q)][0], '')] for q in sorted(REG)] +
                  [['', '<b>Totalt</b>', '<b>' + kr(PROG[(p, y)]['pool'], '') + '</b>']], [18, 90, 45]))]
    return B, SOS_HDR

def instruction(d, rng, style):
    c, y, p = d['org'], d['year'], d['prog']
    date = D(d['date'])
    isreg = len(c) == 2
    name = rname(c) if isreg else kommun(c)
    B = [('small', f'Fastställd {date.isoformat()}'), ('sp', 3),
         ('h1', f'Rutin – {prog_text(p)} {y}'),
         ('h2', 'Syfte'), ('p', f'Rutinen beskriver hur {name} hanterar statsbidraget internt: rekvisition, fördelning till verksamheterna, uppföljning och återrapportering till Socialstyrelsen.'),
         ('h2', 'Ansvar'), ('p', 'Centrala barnhälsovårdsenheten samordnar arbetet. Ekonomienheten bokför bidraget på ett särskilt projektnummer.'),
         ('h2', 'Ersättning till verksamheterna'),
         ('p', f'Hembesök som görs tillsammans med socialtjänsten ersätts med {kr(2500)} per besök. Ordinarie hembesök ersätts med {kr(1800)}.'),
         ('h2', 'Uppföljning'), ('p', 'Verksamheterna rapporterar antal genomförda besök kvartalsvis. Underlaget ligger till grund för återrapporteringen.')]
    return B, (reg_hdr(c, 'Hälsovalsenheten') if isreg else mun_hdr(c))

def other_sos(d, rng, style):
    c, y, p = d['org'], d['year'], d['prog']
    date = D(d['date'])
    name = rname(c) if len(c) == 2 else kommun(c)
    if style == 'payment':
        B = [('small', f'Datum {date.isoformat()}'), ('sp', 4), ('p', f'{name}<br/>Ekonomiavdelningen'), ('sp', 4),
             ('h1', 'Utbetalningsbesked'),
             ('p', f'Socialstyrelsen har i dag gjort en utbetalning till {name} avseende {prog_text(p)}, bidragsår {y}.'),
             ('kv', [('Mottagare', name), ('Avser', f'Statsbidrag {y}'), ('Utbetalt belopp', kr(d['amt'])),
                     ('Utbetalningsdag', date.isoformat()), ('Betalningsreferens', f'SOS-{rng.randint(100000,999999)}')]),
             ('p', 'Detta är ett meddelande om utbetalning. Kontakta Socialstyrelsen om beloppet inte har kommit in inom fem bankdagar.')]
    elif style == 'reminder':
        dl = PROG[(p, y)]['rep']
        B = [('small', f'{date.isoformat()}'), ('sp', 4), ('p', f'{name}<br/>Registrator'), ('sp', 4),
             ('h1', 'Påminnelse om återrapportering'),
             ('p', f'Enligt Socialstyrelsens anvisningar ska {name} senast den {lang_date(dl)} återrapportera hur {y} års {prog_text(p)} har använts.'),
             ('p', 'Vi har ännu inte tagit emot er återrapportering. Återrapporteringen lämnas i Socialstyrelsens webbformulär, som har skickats till regionens registratur.'),
             ('p', 'Om ni redan har skickat in er redovisning kan ni bortse från denna påminnelse.'),
             ('sp', 6), ('p', 'Med vänlig hälsning<br/>Enheten för statsbidrag')]
    else:  # receipt
        B = [('h1', 'Mottagningsbekräftelse'),
             ('p', f'Socialstyrelsen bekräftar att en handling från {name} har kommit in {date.isoformat()}.'),
             ('kv', [('Avsändare', name), ('Ärende', f'Statsbidrag utökade hembesöksprogram {y}'), ('Diarienummer', f'{rng.randint(1000,9999)}/{date.year}'),
                     ('Registrerad', date.isoformat())]),
             ('p', 'Handlingen kommer att handläggas i turordning. Detta meddelande kan inte besvaras.')]
    return B, SOS_HDR

BUILD = dict(req_region=req_region, req_mun=req_mun, report=report, decision_reg=decision_reg,
             decision_sos=decision_sos, instruction=instruction, other=other_sos)

# ---------------- the corpus plan ----------------
# received, builder, style, facts, scan
def plan():
    P = []
    def add(recv, b, style, scan=None, **f):
        P.append(dict(recv=recv, b=b, style=style, scan=scan, **f))
    pil = dict(prog='bhv-pilot', year=2023)
    h23 = dict(prog='hembesok', year=2023)
    h24 = dict(prog='hembesok', year=2024)
    add('2023-04-20', 'req_mun', '', org='0127', date='2023-04-18', requested=580000, **pil)
    add('2023-05-08', 'req_mun', '', scan=dict(fmt='pdf', stamp='2023-05-08'), org='1280', date='2023-05-04', requested=580000, **pil)
    add('2023-05-15', 'instruction', '', org='0180', date='2023-05-10', **pil)
    add('2023-06-09', 'req_mun', '', scan=dict(fmt='pdf', faint=True), org='1480', date='2023-06-07', requested=620000, **pil)
    add('2023-06-12', 'req_mun', '', org='0380', date='2023-06-09', requested=580000, **pil)
    add('2023-06-21', 'req_mun', '', scan=dict(fmt='jpg', q=45), org='0180', date='2023-06-20', requested=255000, **pil)
    add('2023-07-03', 'other', 'payment', org='0127', date='2023-07-03', amt=580000, **pil)
    add('2023-08-30', 'decision_reg', 'protokoll', org='23', date='2023-08-28', dtext=kr(261000), decided=261000, dfmt='kr', **h23)
    add('2023-09-12', 'req_region', 'letter', org='07', date='2023-09-08', requested=1811000, **h23)
    add('2023-09-20', 'req_region', 'form', scan=dict(fmt='pdf', stamp='2023-09-20'), org='07', date='2023-09-18', requested=1811000, **h23)
    add('2023-09-26', 'decision_reg', 'tjs', org='20', date='2023-09-21', dtext='1,7 miljoner kronor', decided=1700000, dfmt='mn1', **h23)
    add('2023-10-05', 'req_region', 'form', scan=dict(fmt='pdf'), org='09', date='2023-10-02', requested=1750000, **h23)
    add('2023-10-10', 'decision_reg', 'protokoll', org='14', date='2023-10-05', dtext=kr(5650000), decided=5650000, dfmt='kr', quote=['13','14','12','07'], **h23)
    add('2023-10-18', 'req_region', 'letter', scan=dict(fmt='pdf', shadow=True), org='08', date='2023-10-16', requested=1100000, **h23)
    add('2023-10-24', 'decision_reg', 'protokoll', scan=dict(fmt='pdf', angle=-2.2), org='21', date='2023-10-19', dtext='320 tkr', decided=320000, dfmt='tkr', **h23)
    add('2023-11-06', 'req_region', 'letter', scan=dict(fmt='jpg', q=50), org='24', date='2023-11-03', requested=634000, **h23)
    add('2023-11-10', 'decision_sos', '', org='07', date='2023-11-08', decided=1811000, dfmt='kr', **h23)
    add('2023-11-30', 'decision_reg', 'tjs', org='18', date='2023-11-28', dtext='1,3 miljoner kronor', decided=1300000, dfmt='mn1', **h23)
    add('2024-01-15', 'other', 'reminder', scan=dict(fmt='png'), org='03', date='2024-01-12', **h23)
    add('2024-01-22', 'instruction', '', org='13', date='2024-01-17', **h24)
    add('2024-02-08', 'req_region', 'form', org='05', date='2024-02-07', requested=4778000, munis=['0580','0581'], share=30, **h24)
    add('2024-02-12', 'req_region', 'form', scan=dict(fmt='pdf', stamp='2024-02-12'), org='09', date='2024-02-09', requested=834000, munis=['0980'], share=25, page2=(1750000, 1612400), leftover=True, **h24)
    add('2024-02-14', 'report', '', org='09', date='2024-02-09', received=1750000, used=1612400, unused=137600, **h23)
    add('2024-02-16', 'report', '', org='07', date='2024-02-14', received=1811000, used=1690000, unused=121000, ask_leftover=True, **h23)
    add('2024-02-19', 'req_mun', '', org='0580', date='2024-02-15', requested=350000, **h24)
    add('2024-02-26', 'req_region', 'letter', scan=dict(fmt='pdf'), org='12', date='2024-02-22', requested=9903000, munis=['1280','1283'], share=40, **h24)
    add('2024-02-27', 'report', '', org='17', date='2024-02-23', received=2770000, used=2500000, unused=207000, **h23)
    add('2024-02-28', 'report', '', scan=dict(fmt='pdf', faint=True), org='19', date='2024-02-26', received=1472000, used=1530000, unused=0, **h23)
    add('2024-02-29', 'report', '', org='13', date='2024-02-27', received=1206000, used=1060000, unused=146000,
        items=[('Personal, barnhälsovård', 612000), ('Personal, socialtjänst (kommunerna)', 318000), ('Utbildning och handledning', 84000), ('Resor', 31000)], items_total=1060000, **h23)
    add('2024-03-04', 'req_region', 'letter', org='03', date='2024-03-01', requested=2535000, munis=['0380','0381'], share=None, **h24)
    add('2024-03-06', 'req_mun', '', scan=dict(fmt='pdf', stamp='2024-03-06'), org='1380', date='2024-03-04', requested=290000, **h24)
    add('2024-03-07', 'other', 'payment', org='05', date='2024-03-06', amt=4778000, **h24)
    add('2024-03-11', 'req_region', 'letter', scan=dict(fmt='png', noise=7), org='06', date='2024-03-08', requested=4913000, munis=['0680'], share=None, **h24)
    add('2024-03-12', 'report', '', scan=dict(fmt='pdf', stamp='2024-03-12'), org='04', date='2024-03-08', received=1505000, used=1402500, unused=102500, **h23)
    add('2024-03-14', 'req_region', 'form', org='25', date='2024-03-13', requested=5300000, munis=['2580','2584'], share=35, **h24)
    add('2024-03-20', 'decision_reg', 'tjs', org='22', date='2024-03-18', dtext=kr(979000), decided=979000, dfmt='kr', **h24)
    add('2024-03-22', 'req_region', 'form', org='12', date='2024-03-21', requested=9903000, munis=['1280','1283'], share=40, **h24)
    add('2024-04-03', 'other', 'receipt', scan=dict(fmt='pdf'), org='25', date='2024-04-02', **h24)
    add('2024-04-09', 'req_region', 'letter', org='10', date='2024-04-08', requested=4089000, munis=['1080'], share=50, **h24)
    add('2024-04-10', 'DUP', 'of:2024-01-22')
    add('2024-05-02', 'report', '', org='1480', date='2024-04-29', received=580000, used=561300, unused=18700, **pil)
    add('2024-05-13', 'report', '', scan=dict(fmt='pdf', angle=1.9), org='1280', date='2024-05-10', received=580000, used=574000, unused=6000, **pil)
    add('2024-05-27', 'decision_reg', 'protokoll', scan=dict(fmt='pdf'), org='20', date='2024-05-22', dtext='1,2 miljoner kronor', decided=1200000, dfmt='mn1', **h24)
    add('2024-06-04', 'decision_sos', '', org='03', date='2024-05-31', decided=2535000, dfmt='kr', **h24)
    add('2024-06-10', 'DUP', 'of:2023-08-30')
    add('2025-01-20', 'other', 'reminder', scan=dict(fmt='jpg', q=50), org='21', date='2025-01-17', **h24)
    add('2025-01-28', 'other', 'receipt', org='05', date='2025-01-27', **h24)
    add('2025-02-10', 'report', '', org='05', date='2025-02-07', received=4778000, used=4512300, unused=265700, **h24)
    add('2025-02-13', 'report', '', org='13', date='2025-02-12', received=580000, used=512000, unused=86000, **h24)
    add('2025-02-18', 'report', '', scan=dict(fmt='pdf'), org='12', date='2025-02-14', received=9903000, used=9950000, unused=0, **h24)
    add('2025-02-24', 'report', '', org='06', date='2025-02-20', received=4913000, used=4600000, unused=313000,
        items=[('Personal, BVC-sjuksköterskor', 2950000), ('Personal, socialtjänst (kommunerna)', 1320000), ('Tolk', 210000), ('Resor och material', 150000)], items_total=4600000, **h24)
    add('2025-03-04', 'report', '', scan=dict(fmt='pdf', faint=True, stamp='2025-03-04'), org='25', date='2025-02-27', received=5035000, used=4877000, unused=158000, **h24)
    return P

# ---------------- flags ----------------
def expect_of(d):
    t = {'other': 'other', 'req_region': 'requisition', 'req_mun': 'requisition', 'report': 'return_report',
         'decision_reg': 'decision', 'decision_sos': 'decision', 'instruction': 'instruction'}[d['b']]
    c = d['org']
    e = {'document_type': t, 'program': d['prog'], 'grant_year': d['year'],
         'organisation': {'kind': 'region' if len(c) == 2 else 'municipality', 'code': c}}
    am = {}
    if t == 'requisition': am['requested'] = d['requested']
    if t == 'return_report': am.update(received=d['received'], used=d['used'], unused=d['unused'])
    if t == 'decision': am['decided'] = d['decided']
    if am: e['amounts'] = am
    e['document_date'] = d['date']
    if d['b'] == 'req_region' and d.get('munis'):
        e['collaborating_municipalities'] = sorted(d['munis'])
    if d['b'] == 'req_region' and d.get('share') is not None:
        e['municipal_share_percent'] = d['share']
    return e

def flags_of(d, e, onfile, shas, sha):
    F = []
    if sha in shas: F.append('DUPLICATE_DOCUMENT')
    t = e['document_type']; c = e['organisation']['code']; kind = e['organisation']['kind']
    key = (e['program'], e['grant_year']); P = PROG[key]; recv = D(d['recv'])
    if t == 'other': F.append('UNKNOWN_DOCUMENT_TYPE'); return F
    if t == 'instruction': return F
    wrong = P['kind'] == 'region' and kind != 'region' and e['grant_year'] in (2023, 2024)
    if wrong: F.append('WRONG_RECIPIENT_KIND')
    al = ALLOC.get((e['program'], e['grant_year'], c))
    if al is None and not wrong: F.append('NO_ALLOCATION')
    am = e.get('amounts', {})
    if t == 'requisition':
        if al and am['requested'] > al[0]: F.append('AMOUNT_EXCEEDS_ALLOCATION')
        reqs = [o for o in onfile if o['document_type'] == 'requisition' and (o['program'], o['grant_year']) == key]
        if sum(o['amounts']['requested'] for o in reqs) + am['requested'] > P['pool']: F.append('POOL_EXCEEDED')
        if any(o['organisation']['code'] == c for o in reqs): F.append('DUPLICATE_REQUISITION')
        if recv > P['req']: F.append('LATE_REQUISITION')
        if not wrong and kind == 'region' and key == ('hembesok', 2024):
            if 'collaborating_municipalities' not in e or 'municipal_share_percent' not in e: F.append('MISSING_FIELD')
        if al and al[1] and e.get('municipal_share_percent', 100) < al[1]: F.append('SHARE_BELOW_MINIMUM')
    if t == 'return_report':
        if al and am['received'] > al[0]: F.append('AMOUNT_EXCEEDS_ALLOCATION')
        if recv > P['rep']: F.append('LATE_REPORT')
        if am['used'] > am['received']: F.append('USED_EXCEEDS_RECEIVED')
        elif abs(am['received'] - am['used'] - am['unused']) > 1: F.append('UNUSED_MISMATCH')
        if d.get('items') and abs(sum(v for _, v in d['items']) - d['items_total']) > 1: F.append('SUM_MISMATCH')
    if t == 'decision':
        tol = {'kr': 0.5, 'tkr': 500, 'mn1': 50000}[d['dfmt']]
        if al and abs(am['decided'] - al[0]) > tol: F.append('DECISION_AMOUNT_MISMATCH')
    return F

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('out'); ap.add_argument('--seed', type=int, default=1111)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for f in os.listdir(a.out):
        if f.startswith('C11_') or f in ('truth.json', 'allocations.csv'): os.remove(os.path.join(a.out, f))
    P = plan()
    P.sort(key=lambda d: d['recv'])  # stable
    truth, onfile, shas, byrecv = [], [], set(), {}
    for i, d in enumerate(P, 1):
        if d['b'] == 'DUP':
            src = byrecv[d['style'][3:]]
            data, ext, e, scanned, dsrc = src['data'], src['ext'], src['e'], src['scanned'], src['d']
            dd = dict(dsrc); dd['recv'] = d['recv']
        else:
            B, hdr = BUILD[d['b']](d, rng, d['style'])
            foot = None
            if hdr is SOS_HDR: foot = 'Socialstyrelsen  ·  Org.nr 202100-5554'
            pdf = build_pdf(B, header=hdr, footer=foot, serif=(rng.random() < 0.4))
            e = expect_of(d); dd = d
            if d['scan']:
                m = dict(d['scan']); fmt = m.pop('fmt')
                data = scan(pdf, rng, m, fmt); ext = fmt; scanned = True
            else:
                data = pdf; ext = 'pdf'; scanned = False
        sha = hashlib.sha256(data).hexdigest()
        F = flags_of(dd, e, onfile, shas, sha)
        fn = f'C11_{i:03d}.{ext}'
        open(os.path.join(a.out, fn), 'wb').write(data)
        truth.append({'file': fn, 'scanned': scanned, 'received': d['recv'], 'expect': e, 'flags': F})
        shas.add(sha)
        onfile.append(e)
        if d['b'] != 'DUP':
            byrecv[d['recv']] = dict(data=data, ext=ext, e=e, scanned=scanned, d=d)
        # keep file mtime = received day 09:00 local-ish
        ts = dt.datetime.fromisoformat(d['recv'] + 'T09:00:00').timestamp()
        os.utime(os.path.join(a.out, fn), (ts, ts))
    json.dump(truth, open(os.path.join(a.out, 'truth.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
    with open(os.path.join(a.out, 'allocations.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f); w.writerow(['program', 'grant_year', 'recipient_code', 'recipient_name', 'amount_sek', 'municipal_share_min_percent'])
        for (p, y, c), (amt, mn) in ALLOC.items():
            w.writerow([p, y, c, rname(c) if len(c) == 2 else mname(c), amt, '' if mn is None else mn])
    print(len(truth), 'documents')

if __name__ == '__main__':
    main()
