#!/usr/bin/env python3
"""C7 blind corpus: what office software and scanners make of grant documents.

Usage: genC7.py OUTDIR --seed N
Styles: filled AcroForm PDFs (fields not flattened), flattened forms, Excel sheets printed
to PDF, Word exports (two columns, text boxes, header/footer), Outlook/OWA e-mail prints,
scans (with a damaged scanner OCR text layer, image-only PDFs, bare .jpg/.png).
"""
import argparse, csv, io, json, os, random, shutil, hashlib, math
from datetime import date

import numpy as np
from PIL import Image, ImageFilter, ImageDraw
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas as rlcanvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib import colors
from reportlab.platypus import (BaseDocTemplate, PageTemplate, Frame, Paragraph, Spacer,
                                Table, TableStyle, FrameBreak, NextPageTemplate)
from reportlab.lib.styles import ParagraphStyle

FD = '/usr/share/fonts/truetype/dejavu/'
for nm, f in [('Sans', 'DejaVuSans.ttf'), ('SansB', 'DejaVuSans-Bold.ttf'),
              ('SansI', 'DejaVuSans-Oblique.ttf'), ('Serif', 'DejaVuSerif.ttf'),
              ('SerifB', 'DejaVuSerif-Bold.ttf'), ('Cond', 'DejaVuSansCondensed.ttf'),
              ('CondB', 'DejaVuSansCondensed-Bold.ttf'), ('Mono', 'DejaVuSansMono.ttf')]:
    pdfmetrics.registerFont(TTFont(nm, FD + f))
from reportlab.lib.fonts import addMapping
addMapping('Serif', 0, 0, 'Serif'); addMapping('Serif', 1, 0, 'SerifB')
addMapping('Sans', 0, 0, 'Sans'); addMapping('Sans', 1, 0, 'SansB')

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = str(SHARED / 'data') + '/'
REG = {r['region_code']: r for r in csv.DictReader(open(DATA + 'scb_regions.csv', encoding='utf-8'))}
MUN = {r['municipality_code']: r for r in csv.DictReader(open(DATA + 'scb_municipalities.csv', encoding='utf-8'))}

MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti',
          'september', 'oktober', 'november', 'december']
WEEKDAYS = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag']

PROGTXT = {
    'hembesok': 'statsbidrag för utökade hembesöksprogram inom barnhälsovården',
    'bhv-pilot': 'statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden',
}
PROGSHORT = {'hembesok': 'utökade hembesöksprogram', 'bhv-pilot': 'pilotverksamhet i barnhälsovården'}

# ---------------------------------------------------------------- allocations / programs
ALLOC_2024 = {'01': 13698000, '03': 2535000, '04': 469000, '05': 4778000, '06': 4913000,
              '07': 3210000, '08': 3636000, '09': 834000, '10': 4089000, '12': 9903000,
              '13': 580000, '14': 12774000, '17': 2084000, '18': 3406000, '19': 3370000,
              '20': 1142000, '21': 1307000, '22': 979000, '23': 503000, '24': 2755000,
              '25': 5035000}
SHAREMIN_2024 = {'14': 30, '12': 25, '06': 30, '24': 20}
ALLOC_2023 = {'01': 5107000, '03': 1709000, '04': 1505000, '05': 1872000, '06': 486000,
              '07': 1811000, '08': 975000, '09': 1750000, '10': 1989000, '12': 6334000,
              '13': 1206000, '14': 5650000, '17': 2770000, '18': 1349000, '19': 1472000,
              '20': 1679000, '21': 298000, '22': 1619000, '23': 261000, '24': 634000,
              '25': 1524000}
PILOT = {'0127': (580000, 45), '1280': (580000, 45), '1480': (580000, 45), '0180': (255000, 40)}

PROGRAMS = {  # (prog, year): recipients kinds, pool, req deadline, report deadline
    ('hembesok', 2023): ({'region'}, 42000000, '2023-10-31', '2024-03-01'),
    ('hembesok', 2024): ({'region'}, 82000000, '2024-04-05', '2025-03-01'),
    ('bhv-pilot', 2023): ({'municipality', 'region'}, 4500000, '2023-06-16', '2024-05-03'),
}


def alloc_rows():
    rows = []
    for c, a in ALLOC_2024.items():
        rows.append(('hembesok', 2024, c, REG[c]['region_name'], a, SHAREMIN_2024.get(c, '')))
    for c, a in ALLOC_2023.items():
        rows.append(('hembesok', 2023, c, REG[c]['region_name'], a, ''))
    for c, (a, s) in PILOT.items():
        rows.append(('bhv-pilot', 2023, c, MUN[c]['municipality_name'], a, s))
    return rows


def alloc_lookup():
    d = {}
    for p, y, c, n, a, s in alloc_rows():
        d[(p, y, c)] = (a, s if s != '' else None)
    return d


# ---------------------------------------------------------------- text helpers
def fmt(n, sep=' '):
    s = f'{int(n):,}'.replace(',', sep)
    return s


def sv_date(iso, style='iso'):
    y, m, d = map(int, iso.split('-'))
    if style == 'iso':
        return iso
    if style == 'long':
        return f'{d} {MONTHS[m-1]} {y}'
    if style == 'outlook':
        wd = WEEKDAYS[date(y, m, d).weekday()]
        return f'den {d} {MONTHS[m-1]} {y}'
    return iso


def org_name(org, variant=0):
    kind, code = org
    if kind == 'region':
        r = REG[code]
        if variant == 1 and code == '14':
            return 'Västra Götalandsregionen'
        if variant == 1 and r['region_name'].endswith(' län'):
            return r['region_name'][:-4]
        return r['region_name']
    n = MUN[code]['municipality_name']
    special = {'0180': 'Stockholms stad', '1480': 'Göteborgs Stad', '1280': 'Malmö stad'}
    if code in special:
        return special[code]
    return n + ' kommun'


def mun_name(code):
    return MUN[code]['municipality_name']


def mun_list_text(codes):
    names = [mun_name(c) for c in codes]
    if len(names) == 1:
        return 'kommunen ' + names[0]
    return 'kommunerna ' + ', '.join(names[:-1]) + ' och ' + names[-1]


def domain(org):
    kind, code = org
    if kind == 'region':
        base = REG[code]['region_name'].lower().replace('region ', 'region').replace(' län', '')
    else:
        base = mun_name(code).lower()
    for a, b in [('å', 'a'), ('ä', 'a'), ('ö', 'o'), (' ', ''), ('-', '')]:
        base = base.replace(a, b)
    if code == '14' and kind == 'region':
        base = 'vgregion'
    return base + '.se'


# ---------------------------------------------------------------- document specs
def R(c):
    return ('region', c)


def M(c):
    return ('municipality', c)


def build_specs():
    S = []

    def add(**k):
        S.append(k)
    # ---- bhv-pilot 2023 requisitions
    add(rcv='2023-05-08', type='requisition', prog='bhv-pilot', year=2023, org=M('0127'),
        amounts={'requested': 580000}, date='2023-05-04', share=45, style='acro', scan=None)
    add(rcv='2023-05-22', type='requisition', prog='bhv-pilot', year=2023, org=M('0180'),
        amounts={'requested': 255000}, date='2023-05-22', share=40, style='email', scan=None,
        sent_time='10:47', print_date='2023-05-22 11:02')
    add(rcv='2023-06-09', type='requisition', prog='bhv-pilot', year=2023, org=M('1280'),
        amounts={'requested': 580000}, date='2023-06-07', share=40, style='wordletter',
        scan='ocrpdf')
    add(rcv='2023-06-12', type='requisition', prog='bhv-pilot', year=2023, org=M('0181'),
        amounts={'requested': 400000}, date='2023-06-12', style='email', scan=None,
        sent_time='08:15')
    add(rcv='2023-06-14', type='requisition', prog='bhv-pilot', year=2023, org=M('0380'),
        amounts={'requested': 300000}, date='2023-06-13', style='form', scan=None)
    add(rcv='2023-06-20', type='requisition', prog='bhv-pilot', year=2023, org=M('1480'),
        amounts={'requested': 580000}, date='2023-06-14', share=45, style='form', scan='jpg')
    # ---- hembesok 2023
    add(rcv='2023-09-12', type='decision', prog='hembesok', year=2023, org=R('20'),
        amounts={'decided': 1679000}, written='1 679 000 kr', tol=0.5, date='2023-09-07',
        style='word2col', scan=None)
    add(rcv='2023-10-03', type='decision', prog='hembesok', year=2023, org=R('07'),
        amounts={'decided': 1600000}, written='1,6 miljoner kronor', tol=50000,
        date='2023-09-28', style='word2col', scan='ocrpdf')
    add(rcv='2023-10-10', type='requisition', prog='hembesok', year=2023, org=R('03'),
        amounts={'requested': 1709000}, date='2023-10-06', style='acro', scan=None)
    add(rcv='2023-10-18', type='requisition', prog='hembesok', year=2023, org=R('17'),
        amounts={'requested': 2900000}, date='2023-10-17', style='email', scan=None,
        sent_time='15:20', print_date='2023-10-18 07:58')
    add(rcv='2023-10-31', type='requisition', prog='hembesok', year=2023, org=R('21'),
        amounts={'requested': 298000}, date='2023-10-30', style='acro', scan=None)
    add(rcv='2023-11-06', type='requisition', prog='hembesok', year=2023, org=R('13'),
        amounts={'requested': 1206000}, date='2023-11-03', style='form', scan='png')
    add(rcv='2023-11-14', type='decision', prog='hembesok', year=2023, org=R('12'),
        amounts={'decided': 6300000}, written='6,3 miljoner kronor', tol=50000,
        date='2023-11-08', style='wordletter', scan='ocrpdf')
    add(rcv='2023-11-20', type='decision', prog='hembesok', year=2023, org=R('05'),
        amounts={'decided': 2400000}, written='2,4 miljoner kronor', tol=50000,
        date='2023-11-15', style='word2col', scan=None)
    add(rcv='2023-11-28', type='other', prog='hembesok', year=2024, org=R('03'),
        date='2023-11-28', style='email', scan=None, kind='invitation', sent_time='13:05')
    # ---- hembesok 2024 requisitions
    add(rcv='2024-01-15', type='requisition', prog='hembesok', year=2024, org=R('08'),
        amounts={'requested': 3636000}, date='2024-01-12', collab=['0880', '0882'], share=35,
        style='acro', scan=None)
    add(rcv='2024-01-22', type='requisition', prog='hembesok', year=2024, org=R('14'),
        amounts={'requested': 12774000}, date='2024-01-19', collab=['1480', '1488', '1490'],
        share=25, style='word2col', scan=None)
    add(rcv='2024-02-05', type='requisition', prog='hembesok', year=2024, org=R('06'),
        amounts={'requested': 4913000}, date='2024-02-05', collab=['0680', '0683'], share=30,
        style='email', scan=None, sent_time='14:32', print_date='2024-02-05 14:40')
    add(rcv='2024-02-12', type='requisition', prog='hembesok', year=2024, org=R('18'),
        amounts={'requested': 3406000}, date='2024-02-08', collab=['1880', '1881'], share=40,
        style='form', scan='ocrpdf')
    add(rcv='2024-02-14', type='requisition', prog='hembesok', year=2024, org=M('1880'),
        amounts={'requested': 400000}, date='2024-02-13', style='email', scan=None,
        sent_time='09:12')
    add(rcv='2024-02-19', type='requisition', prog='hembesok', year=2024, org=R('19'),
        amounts={'requested': 3370000}, date='2024-02-16', share=50, style='acro', scan=None,
        empty_collab=True)
    add(rcv='2024-02-26', type='requisition', prog='hembesok', year=2024, org=R('06'),
        amounts={'requested': 4913000}, date='2024-02-05', collab=['0680', '0683'], share=30,
        style='acro', scan=None)
    add(rcv='2024-03-04', type='requisition', prog='hembesok', year=2024, org=R('25'),
        amounts={'requested': 5200000}, date='2024-03-01', collab=['2580', '2584'], share=30,
        style='wordletter', scan='jpg')
    add(rcv='2024-03-11', type='requisition', prog='hembesok', year=2024, org=R('10'),
        amounts={'requested': 4089000}, date='2024-03-07', collab=['1080', '1082'], share=40,
        style='wordletter', scan=None)
    add(rcv='2024-03-20', type='requisition', prog='hembesok', year=2024, org=R('09'),
        amounts={'requested': 834000}, date='2024-03-18', collab=['0980'], share=25,
        style='form', scan='ocrpdf')
    add(rcv='2024-03-25', type='requisition', prog='hembesok', year=2024, org=R('09'),
        amounts={'requested': 834000}, date='2024-03-18', collab=['0980'], share=25,
        style='acro', scan=None)
    add(rcv='2024-03-27', type='requisition', prog='hembesok', year=2024, org=R('04'),
        amounts={'requested': 469000}, date='2024-03-26', collab=['0480', '0484'],
        style='form', scan='png', no_share=True)
    add(rcv='2024-04-02', type='requisition', prog='hembesok', year=2024, org=R('24'),
        amounts={'requested': 2755000}, date='2024-03-28', collab=['2480', '2482'], share=15,
        style='form', scan=None)
    add(rcv='2024-04-03', type='requisition', prog='hembesok', year=2024, org=M('1280'),
        amounts={'requested': 500000}, date='2024-04-02', style='wordletter', scan='imgpdf')
    add(rcv='2024-04-05', type='requisition', prog='hembesok', year=2024, org=R('20'),
        amounts={'requested': 1142000}, date='2024-04-05', collab=['2080', '2081'], share=50,
        style='email', scan=None, sent_time='16:52', print_date='2024-04-05 17:03')
    add(rcv='2024-04-09', type='requisition', prog='hembesok', year=2024, org=R('12'),
        amounts={'requested': 9903000}, date='2024-04-08', collab=['1280', '1283', '1290'],
        share=30, style='word2col', scan='ocrpdf')
    add(rcv='2024-04-18', type='other', prog='hembesok', year=2024, org=R('13'),
        date='2024-04-16', style='invoice', scan='ocrpdf', kind='invoice')
    add(rcv='2024-05-20', type='instruction', prog='hembesok', year=2024, org=R('18'),
        date='2024-05-14', style='word2col', scan=None)
    # ---- return reports hembesok 2023 / bhv-pilot 2023
    add(rcv='2024-02-20', type='return_report', prog='hembesok', year=2023, org=R('03'),
        amounts={'received': 1709000, 'used': 1652400, 'unused': 56600}, date='2024-02-16',
        style='excel', scan=None, sep=' ', tag='upp23')
    add(rcv='2024-02-22', type='return_report', prog='hembesok', year=2023, org=R('18'),
        amounts={'received': 1349000, 'used': 1287300, 'unused': 61700}, date='2024-02-21',
        style='excel', scan=None, sep='\u00a0', sum_off=12000)
    add(rcv='2024-02-26', dup_of='upp23')  # same file as the Uppsala report again
    add(rcv='2024-02-27', type='return_report', prog='hembesok', year=2023, org=R('17'),
        amounts={'received': 2770000, 'used': 2811000, 'unused': 0}, date='2024-02-26',
        style='wordletter', scan=None)
    add(rcv='2024-02-29', type='return_report', prog='hembesok', year=2023, org=R('17'),
        amounts={'received': 2770000, 'used': 2711000, 'unused': 59000}, date='2024-02-29',
        style='wordletter', scan=None, correction=True)
    add(rcv='2024-03-08', type='return_report', prog='hembesok', year=2023, org=R('09'),
        amounts={'received': 1750000, 'used': 1620000, 'unused': 130000}, date='2024-03-06',
        style='excel', scan='jpg', sep='.')
    add(rcv='2024-04-22', type='return_report', prog='bhv-pilot', year=2023, org=M('0127'),
        amounts={'received': 580000, 'used': 567500, 'unused': 12500}, date='2024-04-19',
        style='excel', scan=None, sep='.')
    add(rcv='2024-04-25', type='return_report', prog='bhv-pilot', year=2023, org=M('0180'),
        amounts={'received': 255000, 'used': 231500, 'unused': 32500}, date='2024-04-24',
        style='form', scan='ocrpdf')
    add(rcv='2024-04-30', type='return_report', prog='bhv-pilot', year=2023, org=M('1480'),
        amounts={'received': 580000, 'used': 596300, 'unused': 0}, date='2024-04-29',
        style='acro', scan=None)
    add(rcv='2024-05-06', type='return_report', prog='bhv-pilot', year=2023, org=M('1280'),
        amounts={'received': 580000, 'used': 541200, 'unused': 38800}, date='2024-05-03',
        style='acro', scan=None)
    # ---- hembesok 2024 return reports
    add(rcv='2025-01-20', type='return_report', prog='hembesok', year=2024, org=R('08'),
        amounts={'received': 3636000, 'used': 3401250, 'unused': 234750}, date='2025-01-17',
        style='excel', scan=None, sep='\u00a0', sum_off=-25000)
    add(rcv='2025-01-27', type='return_report', prog='hembesok', year=2024, org=R('10'),
        amounts={'received': 4089000, 'used': 3950000, 'unused': 193000}, date='2025-01-24',
        style='acro', scan=None)
    add(rcv='2025-02-03', type='return_report', prog='hembesok', year=2024, org=R('06'),
        amounts={'received': 4913000, 'used': 4913000, 'unused': 0}, date='2025-01-31',
        style='excel', scan='ocrpdf', sep=' ', rot90=True)
    add(rcv='2025-02-05', type='return_report', prog='hembesok', year=2024, org=R('14'),
        amounts={'received': 12774000, 'used': 11902300, 'unused': 871700}, date='2025-02-04',
        style='word2col', scan=None, tag='vgr24')
    add(rcv='2025-02-10', type='return_report', prog='hembesok', year=2024, org=R('10'),
        amounts={'received': 4089000, 'used': 3950000, 'unused': 139000}, date='2025-02-07',
        style='email', scan=None, correction=True, sent_time='11:26',
        print_date='2025-02-10 08:31')
    add(rcv='2025-02-12', dup_of='vgr24')  # VGR report sent again
    add(rcv='2025-02-17', type='return_report', prog='hembesok', year=2024, org=R('18'),
        amounts={'received': 3406000}, date='2025-02-17', style='email', scan=None,
        sent_time='15:44', cover_only=True)
    add(rcv='2025-02-24', type='return_report', prog='hembesok', year=2024, org=R('18'),
        amounts={'received': 3406000, 'used': 3210400, 'unused': 195600}, date='2025-02-21',
        style='form', scan='ocrpdf', supplement=True)
    add(rcv='2025-02-25', type='return_report', prog='hembesok', year=2024, org=R('25'),
        amounts={'received': 5200000, 'used': 5100000, 'unused': 100000}, date='2025-02-24',
        style='excel', scan=None, sep='.')
    add(rcv='2025-03-05', type='return_report', prog='hembesok', year=2024, org=R('20'),
        amounts={'received': 1142000, 'used': 1098000, 'unused': 44000}, date='2025-03-04',
        style='email', scan='png', sent_time='09:03', print_date='2025-03-05 08:20')
    # sort by arrival (stable)
    idx = sorted(range(len(S)), key=lambda i: (S[i]['rcv'], i))
    out = [S[i] for i in idx]
    tags = {s['tag']: j for j, s in enumerate(out) if 'tag' in s}
    for s in out:
        if 'dup_of' in s:
            s['dup_of'] = tags[s['dup_of']]
    return out


# ---------------------------------------------------------------- flags
def compute_flags(specs, alloc):
    onfile_reqs = []
    onfile_sha = set()
    for s in specs:
        fl = []
        if s['sha'] in onfile_sha:
            fl.append('DUPLICATE_DOCUMENT')
        t = s['type']
        key = (s['prog'], s['year'])
        org = s['org']
        prog = PROGRAMS.get(key)
        if t == 'other':
            fl.append('UNKNOWN_DOCUMENT_TYPE')
        elif t in ('requisition', 'return_report', 'decision'):
            a = s.get('amounts', {})
            wrong = t == 'requisition' and org[0] not in prog[0]
            al = alloc.get((s['prog'], s['year'], org[1]))
            if wrong:
                fl.append('WRONG_RECIPIENT_KIND')
            elif al is None:
                fl.append('NO_ALLOCATION')
            if t == 'requisition':
                if al and a['requested'] > al[0]:
                    fl.append('AMOUNT_EXCEEDS_ALLOCATION')
                tot = sum(r['amounts']['requested'] for r in onfile_reqs
                          if (r['prog'], r['year']) == key) + a['requested']
                assert tot <= prog[1], 'pool'
                if any(r['org'] == org and (r['prog'], r['year']) == key for r in onfile_reqs):
                    fl.append('DUPLICATE_REQUISITION')
                if s['rcv'] > prog[2]:
                    fl.append('LATE_REQUISITION')
                if al and al[1] is not None and s.get('share') is not None and s['share'] < al[1]:
                    fl.append('SHARE_BELOW_MINIMUM')
                if not wrong:
                    if key[0] == 'hembesok' and key[1] >= 2024 and org[0] == 'region':
                        if not s.get('collab') or s.get('share') is None:
                            fl.append('MISSING_FIELD')
            if t == 'return_report':
                if al and a['received'] > al[0]:
                    fl.append('AMOUNT_EXCEEDS_ALLOCATION')
                if s['rcv'] > prog[3]:
                    fl.append('LATE_REPORT')
                if 'used' in a:
                    if a['used'] > a['received']:
                        fl.append('USED_EXCEEDS_RECEIVED')
                    elif abs(a['received'] - a['used'] - a['unused']) > 1:
                        fl.append('UNUSED_MISMATCH')
                else:
                    fl.append('MISSING_FIELD')
                if s.get('sum_off'):
                    fl.append('SUM_MISMATCH')
            if t == 'decision':
                if al and abs(a['decided'] - al[0]) > s['tol']:
                    fl.append('DECISION_AMOUNT_MISMATCH')
        s['flags'] = sorted(set(fl))
        if t == 'requisition':
            onfile_reqs.append(s)
        onfile_sha.add(s['sha'])


# ---------------------------------------------------------------- content (shared by styles)
def title_of(s):
    t = s['type']; y = s['year']; p = s['prog']
    if t == 'requisition':
        return f'Rekvisition av {PROGTXT[p]} {y}'
    if t == 'return_report':
        pre = ''
        if s.get('correction'):
            pre = 'Rättelse – '
        if s.get('supplement'):
            pre = 'Komplettering – '
        return pre + f'Återrapportering och ekonomisk redovisning av {PROGTXT[p]} {y}'
    if t == 'decision':
        return f'Fördelning av {PROGTXT[p]} {y}'
    if t == 'instruction':
        return f'Rutin för {PROGTXT[p]} {y}'
    return ''


def person(rng, org):
    first = ['Anna', 'Maria', 'Karin', 'Eva', 'Lena', 'Sara', 'Johan', 'Erik', 'Lars', 'Mikael',
             'Peter', 'Emma', 'Sofia', 'Helena', 'Anders', 'Jonas', 'Ulrika', 'Camilla']
    last = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson',
            'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Lindberg', 'Holm', 'Berg',
            'Sandberg', 'Ek', 'Lundqvist', 'Nyström']
    return rng.choice(first) + ' ' + rng.choice(last)


def role(org, t):
    if org[0] == 'region':
        return {'requisition': 'Hälso- och sjukvårdsdirektör', 'return_report': 'Ekonomichef, hälso- och sjukvårdsförvaltningen',
                'decision': 'Regionstyrelsens ordförande'}.get(t, 'Verksamhetschef')
    return {'requisition': 'Socialchef', 'return_report': 'Controller, socialförvaltningen'}.get(t, 'Förvaltningschef')


def body_paragraphs(s, rng, sep=' '):
    """Prose paragraphs for letters / e-mails; every stated value appears exactly."""
    t, p, y, org = s['type'], s['prog'], s['year'], s['org']
    on = org_name(org)
    a = s.get('amounts', {})
    P = []
    if t == 'requisition':
        P.append(f'{on} rekvirerar härmed {PROGTXT[p]} för år {y}.')
        P.append(f'Rekvirerat belopp: {fmt(a["requested"], sep)} kr.')
        if p == 'hembesok' and y == 2023:
            P.append('Medlen kommer att användas för att planera och starta upp utökade hembesök '
                     'i samverkan med kommunernas socialtjänst under 2023.')
        if p == 'hembesok' and y >= 2024 and org[0] == 'region':
            if s.get('collab'):
                P.append('Verksamheten bedrivs i samverkan med ' + mun_list_text(s['collab']) + '.')
            if s.get('share') is not None:
                P.append(f'Andel av bidraget som ska finansiera kommunal verksamhet: {s["share"]} %.')
            P.append('Regionen önskar ta del av eventuellt kvarvarande medel efter rekvisitionstillfället.')
        if p == 'hembesok' and org[0] == 'municipality':
            P.append('Kommunens socialtjänst genomför de utökade hembesöken tillsammans med '
                     'barnavårdscentralerna i stadsdelarna med störst behov.')
        if p == 'bhv-pilot':
            if s.get('share') is not None:
                P.append(f'Beloppet avser kommunens andel ({s["share"]} %) av pilotområdets '
                         'statsbidrag och finansierar socialtjänstens förebyggande verksamhet.')
            else:
                P.append('Beloppet finansierar socialtjänstens förebyggande verksamhet i '
                         'samverkan med barnhälsovården.')
            P.append('Utbetalning önskas till kommunens bankgiro enligt tidigare lämnade uppgifter.')
    elif t == 'return_report':
        if s.get('correction'):
            P.append('Rättelse av tidigare inskickad återrapport. I den återrapport vi skickade '
                     'tidigare fanns ett fel i beloppen. Denna rättelse ersätter den tidigare '
                     'inskickade redovisningen.')
        if s.get('supplement'):
            P.append('Komplettering av tidigare inskickad återrapport: här följer den ekonomiska '
                     'redovisningen som saknades.')
        P.append(f'{on} återrapporterar härmed användningen av {PROGTXT[p]} för bidragsåret {y}.')
        P.append(f'Erhållet bidrag: {fmt(a["received"], sep)} kr.')
        if 'used' in a:
            P.append(f'Förbrukat under året: {fmt(a["used"], sep)} kr.')
            P.append(f'Ej förbrukat bidrag att återbetala: {fmt(a["unused"], sep)} kr.')
        else:
            P.append('Den ekonomiska redovisningen med förbrukade medel skickas separat så snart '
                     'bokslutet är klart.')
        P.append('Medlen har använts till utökade hembesök tillsammans med socialtjänsten, '
                 'utbildning av personal och tolkkostnader.')
    return P


def sign_block(s, rng):
    on = org_name(s['org'])
    return [person(rng, s['org']), role(s['org'], s['type']), on]


# ---------------------------------------------------------------- style: forms (AcroForm or flattened)
def form_fields(s):
    t, p, y, a = s['type'], s['prog'], s['year'], s.get('amounts', {})
    F = [('Organisation (sökande)', org_name(s['org'], 0)),
         ('Statsbidrag', PROGSHORT[p]),
         ('Bidragsår', str(y))]
    if t == 'requisition':
        F.append(('Rekvirerat belopp (kr)', fmt(a['requested'])))
        if p == 'hembesok' and y >= 2024 and s['org'][0] == 'region':
            F.append(('Samverkande kommuner', '' if s.get('empty_collab') else
                      ', '.join(mun_name(c) for c in s.get('collab', []))))
            F.append(('Andel till kommunal verksamhet (%)',
                      '' if s.get('no_share') else str(s['share'])))
        if p == 'bhv-pilot' and s.get('share') is not None:
            F.append(('Kommunens andel av pilotområdets bidrag (%)', str(s['share'])))
    else:
        F.append(('Erhållet bidrag (kr)', fmt(a['received'])))
        F.append(('Förbrukat bidrag (kr)', fmt(a['used'])))
        F.append(('Ej förbrukat bidrag (kr)', fmt(a['unused'])))
    F.append(('Datum', s['date']))
    return F


def draw_form(path, s, rng, acro):
    c = rlcanvas.Canvas(path, pagesize=A4, invariant=1)
    c.setCreator('Microsoft® Word för Microsoft 365' if acro else 'Adobe Acrobat Pro 2020')
    c.setProducer('Adobe PDF Library 20.12' if acro else 'Adobe Acrobat Pro 2020 (utplattad)')
    W, H = A4
    t = s['type']
    # header band
    c.setFillColor(colors.HexColor('#1f3864')); c.rect(0, H - 60, W, 60, fill=1, stroke=0)
    c.setFillColor(colors.white); c.setFont('SansB', 13)
    c.drawString(40, H - 30, 'Blankett' + (' – rekvisition' if t == 'requisition' else ' – återrapportering'))
    c.setFont('Sans', 8.5)
    c.drawString(40, H - 46, 'Statsbidrag inom barnhälsovården · fyll i samtliga fält · blankett SB-17')
    c.setFillColor(colors.black)
    c.setFont('SansB', 11.5)
    ttl = title_of(s)
    y0 = H - 90
    words = ttl.split(); line = ''
    for w in words:
        if pdfmetrics.stringWidth(line + ' ' + w, 'SansB', 11.5) > W - 80:
            c.drawString(40, y0, line.strip()); y0 -= 16; line = w
        else:
            line += ' ' + w
    c.drawString(40, y0, line.strip()); y0 -= 26
    if s.get('supplement'):
        c.setFont('Sans', 9.5)
        c.drawString(40, y0, 'Komplettering av tidigare inskickad återrapport (ekonomisk redovisning bifogas här).')
        y0 -= 20
    c.setFont('Sans', 8.5)
    c.drawString(40, y0, 'Uppgifter om sökande')
    y0 -= 8
    F = form_fields(s)
    # extra non-value fields
    F = F[:1] + [('Organisationsnummer', rng.choice(['232100-0180', '212000-0142', '232100-0032', '212000-1355']))] + F[1:]
    F.append(('Kontaktperson', person(rng, s['org'])))
    F.append(('Telefon', '0%d-%d %02d %02d' % (rng.randint(10, 99), rng.randint(10, 99), rng.randint(0, 99), rng.randint(0, 99))))
    for i, (lab, val) in enumerate(F):
        bh = 34
        c.setStrokeColor(colors.HexColor('#7f7f7f')); c.setLineWidth(0.6)
        c.rect(40, y0 - bh, W - 80, bh, stroke=1, fill=0)
        c.setFont('Sans', 7.2); c.setFillColor(colors.HexColor('#404040'))
        c.drawString(44, y0 - 9, lab)
        c.setFillColor(colors.black)
        if acro:
            c.acroForm.textfield(name='f%02d_%s' % (i, lab.split(' ')[0].lower().replace('å', 'a').replace('ä', 'a').replace('ö', 'o')), value=val,
                                 x=44, y=y0 - bh + 3, width=W - 92, height=19,
                                 fontName='Helvetica', fontSize=11, borderWidth=0,
                                 fillColor=colors.HexColor('#eef3fb'), textColor=colors.black,
                                 forceBorder=False)
        else:
            c.setFont(rng.choice(['Sans', 'Cond']), 11)
            c.drawString(48, y0 - bh + 9, val)
        y0 -= bh + 4
    y0 -= 14
    c.setFont('Sans', 8)
    txt = ['Genom underskrift intygas att uppgifterna är riktiga och att medlen används enligt',
           'villkoren i anvisningarna. Blanketten skickas till statsbidrag@socialstyrelsen.se.']
    for l in txt:
        c.drawString(40, y0, l); y0 -= 11
    y0 -= 30
    c.line(40, y0, 250, y0); c.line(300, y0, W - 40, y0)
    c.setFont('Sans', 7)
    c.drawString(40, y0 - 10, 'Underskrift'); c.drawString(300, y0 - 10, 'Namnförtydligande')
    if not acro:
        c.setFont('SansI', 10); c.drawString(310, y0 + 4, person(rng, s['org']))
    c.setFont('Sans', 7); c.setFillColor(colors.HexColor('#606060'))
    c.drawString(40, 28, 'Socialstyrelsen · Blankett SB-17 · Rekvisition/återrapport statsbidrag')
    c.drawRightString(W - 40, 28, 'Sida 1 av 1')
    if acro:
        c.acroForm.extras['NeedAppearances'] = 'true'  # viewers regenerate field appearances
    c.showPage(); c.save()


# ---------------------------------------------------------------- style: Excel printed to PDF
def cost_rows(s, rng):
    a = s['amounts']; used = a['used']
    p = s['prog']
    labels = ['Personalkostnader BVC-sjuksköterskor', 'Socialtjänstens medverkan (kommunal andel)',
              'Tolkkostnader', 'Utbildning och handledning', 'Resor och bilersättning',
              'Informationsmaterial']
    if p == 'bhv-pilot':
        labels = ['Familjebehandlare, lönekostnad', 'Föräldrastöd och gruppverksamhet',
                  'Tolkkostnader', 'Utbildning', 'Resor', 'Material']
    w = [0.42, 0.30, 0.1, 0.08, 0.06, 0.04]
    vals = [int(round(used * x / 100.0)) * 100 for x in w[:-1]]
    vals.append(used - sum(vals))
    assert vals[-1] > 0
    if s.get('sum_off'):
        vals[1] += s['sum_off']
    return list(zip(labels, vals))


def draw_excel(path, s, rng):
    sep = s.get('sep', ' ')
    W, H = landscape(A4)
    c = rlcanvas.Canvas(path, pagesize=(W, H), invariant=1)
    c.setCreator('Microsoft® Excel® för Microsoft 365'); c.setProducer('Microsoft® Excel® för Microsoft 365')
    a = s['amounts']; on = org_name(s['org'])
    font = 'Sans'; fs = 9.5
    colx = [50, 410, 560, 600, 790]  # A | B (amount) | C (kr) | D (note)
    rowh = 17
    rows = []
    rows.append(('T', f'Ekonomisk redovisning {PROGSHORT[s["prog"]]} {s["year"]}', '', '', ''))
    rows.append(('', '', '', '', ''))
    rows.append(('', 'Organisation', on, '', ''))
    rows.append(('', 'Bidragsår', str(s['year']), '', ''))
    rows.append(('', 'Datum', s['date'], '', ''))
    rows.append(('', '', '', '', ''))
    rows.append(('H', 'Post', 'Belopp', '', 'Kommentar'))
    rows.append(('N', 'Erhållet bidrag', a['received'], 'kr', 'Utbetalt från Socialstyrelsen'))
    rows.append(('', '', '', '', ''))
    rows.append(('H', 'Kostnader', '', '', ''))
    for lab, v in cost_rows(s, rng):
        rows.append(('N', lab, v, 'kr', ''))
    rows.append(('NB', 'Summa förbrukat', a['used'], 'kr', ''))
    rows.append(('', '', '', '', ''))
    rows.append(('NB', 'Ej förbrukat bidrag (återbetalas)', a['unused'], 'kr', 'Faktureras av Socialstyrelsen'))
    rows.append(('', '', '', '', ''))
    rows.append(('', 'Kontaktperson', person(rng, s['org']), '', ''))
    top = H - 50
    # gridlines over the used range
    nrows = len(rows)
    c.setStrokeColor(colors.HexColor('#c8c8c8')); c.setLineWidth(0.4)
    for i in range(nrows + 1):
        c.line(colx[0], top - i * rowh, colx[-1], top - i * rowh)
    for x in colx:
        c.line(x, top - (rowh if x not in (colx[0], colx[-1]) else 0), x, top - nrows * rowh)
    for i, (kind, A_, B_, C_, D_) in enumerate(rows):
        yb = top - (i + 1) * rowh + 5
        if kind == 'T':
            c.setFont('SansB', 12); c.setFillColor(colors.black)
            c.drawString(colx[0] + 3, yb, A_); continue
        bold = kind in ('H', 'NB')
        c.setFont('SansB' if bold else font, fs)
        if kind == 'H':
            c.setFillColor(colors.HexColor('#dde7f3'))
            c.rect(colx[0], top - (i + 1) * rowh, colx[-1] - colx[0], rowh, fill=1, stroke=0)
            c.setFillColor(colors.black)
        c.drawString(colx[0] + 3, yb, str(A_))
        if isinstance(B_, int):
            c.drawRightString(colx[2] - 4, yb, fmt(B_, sep))
        else:
            c.drawString(colx[1] + 3, yb, str(B_))
        c.drawString(colx[2] + 4, yb, C_)
        c.setFont('Sans', 8.5); c.drawString(colx[3] + 3, yb, D_)
    # Excel page footer: path left, sheet centre, page right
    c.setFont('Sans', 7.5); c.setFillColor(colors.black)
    fname = f'Återrapport_{s["prog"]}_{s["year"]}_v{rng.randint(2, 6)}.xlsx'
    srv = rng.choice(['\\\\fs01\\ekonomi$\\Statsbidrag\\', 'C:\\Users\\%s\\OneDrive - %s\\Dokument\\' % ('ab%04d' % rng.randint(100, 9999), on)])
    c.drawString(30, 22, srv + fname)
    c.drawCentredString(W / 2, 22, rng.choice(['Återrapport', 'Blad1', 'Redovisning ' + str(s['year'])]))
    c.drawRightString(W - 30, 22, 'Sida 1 av 1')
    c.showPage(); c.save()


# ---------------------------------------------------------------- style: Word exports
def word_header_footer(s, rng):
    on = org_name(s['org'])
    addr = {'region': 'Regionens hus', 'municipality': 'Stadshuset'}[s['org'][0]]
    pn = rng.randint(100, 999)
    tel = f'Telefon 0{rng.randint(10, 99)}-{rng.randint(100, 999)} {rng.randint(10, 99)} 00 · www.{domain(s["org"])}'
    post = '%03d %02d' % (rng.randint(100, 989), rng.randint(10, 99))
    dnr = ('RS' if s['org'][0] == 'region' else 'SN') + f' {s["date"][:4]}/{rng.randint(100, 2999)}'
    def onpage(c, doc):
        W, H = doc.pagesize
        c.saveState()
        c.setFillColor(colors.HexColor('#00548c')); c.setFont('SansB', 15)
        c.drawString(50, H - 48, on.upper())
        c.setFont('Sans', 7.5); c.setFillColor(colors.HexColor('#555555'))
        c.drawString(50, H - 60, 'Hälso- och sjukvårdsförvaltningen' if s['org'][0] == 'region' else 'Socialförvaltningen')
        c.setFont('Sans', 8.5); c.setFillColor(colors.black)
        c.drawRightString(W - 50, H - 46, f'Dnr {dnr}')
        c.drawRightString(W - 50, H - 58, f'{doc.page} ({{NP}})'.replace('{NP}', str(getattr(doc, '_np', '?'))))
        c.setStrokeColor(colors.HexColor('#00548c')); c.setLineWidth(1.2)
        c.line(50, H - 68, W - 50, H - 68)
        c.setLineWidth(0.5); c.line(50, 52, W - 50, 52)
        c.setFont('Sans', 7); c.setFillColor(colors.HexColor('#444444'))
        c.drawString(50, 42, f'{on} · {addr} · Box {pn} · {post} {rng_city(s)}')
        c.drawString(50, 33, tel)
        c.restoreState()
    return onpage, dnr


def rng_city(s):
    kind, code = s['org']
    if kind == 'municipality':
        return mun_name(code)
    caps = {'03': 'Uppsala', '04': 'Nyköping', '05': 'Linköping', '06': 'Jönköping', '07': 'Växjö',
            '08': 'Kalmar', '09': 'Visby', '10': 'Karlskrona', '12': 'Kristianstad', '13': 'Halmstad',
            '14': 'Vänersborg', '17': 'Karlstad', '18': 'Örebro', '19': 'Västerås', '20': 'Falun',
            '21': 'Gävle', '22': 'Härnösand', '23': 'Östersund', '24': 'Umeå', '25': 'Luleå', '01': 'Stockholm'}
    return caps[code]


def word_story(s, rng, st):
    """Returns (flow for single col intro, flow for two-col part)."""
    t, p, y, a = s['type'], s['prog'], s['year'], s.get('amounts', {})
    on = org_name(s['org'])
    H1, N, SM = st['h1'], st['n'], st['sm']
    intro, cols = [], []
    ds = rng.choice(['iso', 'long'])
    filler = [
        '<b>Bakgrund</b>',
        'Barnhälsovården når nästan alla barn och familjer, men i områden med socioekonomiska '
        'utmaningar behöver kontakten förstärkas. De utökade hembesöken genomförs av en '
        'sjuksköterska från barnavårdscentralen tillsammans med en familjebehandlare eller '
        'föräldrarådgivare från socialtjänsten.',
        'Under året har arbetet följts upp i den gemensamma styrgruppen där regionen och '
        'kommunerna ingår. Uppföljningen visar att andelen familjer som tackar ja till samtliga '
        'besök har ökat, och att samverkan med förskola och tandvård har stärkts.',
        'Familjerna erbjuds besök när barnet är 1–2 veckor, 2, 4, 8, 12 och 15 månader. '
        'Besöken anpassas efter familjens behov och genomförs med tolk vid behov.',
        '<b>Organisation och samverkan</b>',
        'Personalen har fått gemensam utbildning i motiverande samtal, språkutveckling och '
        'tidig upptäckt av risker i barnets uppväxtmiljö.',
        'Arbetet leds av en styrgrupp med representanter för barnhälsovården, socialtjänsten, '
        'mödrahälsovården och folktandvården. En samordnare på centrala barnhälsovårdsenheten '
        'håller ihop planeringen och stödjer barnavårdscentralerna i områdena.',
        '<b>Målgrupp</b>',
        'Programmet riktas i första hand till förstagångsföräldrar och till familjer som fått sitt '
        'första barn i Sverige. Prioritet ges till familjer där det finns kända riskfaktorer, '
        'exempelvis trångboddhet, ekonomisk utsatthet eller begränsade kunskaper i svenska.',
        '<b>Uppföljning</b>',
        'Antalet genomförda besök registreras i journalsystemet med en särskild åtgärdskod och '
        'sammanställs kvartalsvis. Föräldrarnas upplevelse följs upp med en kort enkät vid '
        'barnets 15-månadersbesök.',
        'Erfarenheterna hittills visar att de gemensamma besöken sänker trösklarna till '
        'socialtjänstens öppna verksamheter, och att fler familjer tar del av föräldrastöd och '
        'öppen förskola.',
        '<b>Ekonomi och redovisning</b>',
        'Medlen bokförs på ett särskilt projektnummer så att kostnaderna kan särredovisas. '
        'Kostnader för lön, tolk, resor och utbildning fördelas månadsvis och stäms av mot '
        'budgeten i samband med tertialbokslut.',
        'Eventuella medel som inte har förbrukats vid årets slut redovisas i återrapporteringen '
        'och betalas tillbaka enligt Socialstyrelsens anvisningar.',
        '<b>Kontaktuppgifter</b>',
        'Frågor om detta ärende besvaras av barnhälsovårdssamordnaren eller av handläggaren på '
        'ekonomiavdelningen. Svar kan lämnas per e-post eller telefon under kontorstid.',
    ]
    if t == 'decision':
        intro.append(Paragraph('PROTOKOLLSUTDRAG', H1))
        intro.append(Paragraph('Regionstyrelsen', N))
        intro.append(Paragraph(f'Sammanträdesdatum: {sv_date(s["date"], ds)}', N))
        cols.append(Paragraph(f'§ {rng.randint(100, 260)} ' + title_of(s), st['h2']))
        cols.append(Paragraph('<b>Beslut</b>', N))
        cols.append(Paragraph(f'Regionstyrelsen beslutar att fördela statsbidraget om '
                              f'{s["written"]} för {y} till barnhälsovårdsenheten för planering '
                              'och samordning av arbetet med utökade hembesök.', N))
        cols.append(Paragraph('<b>Sammanfattning</b>', N))
        cols.append(Paragraph('Socialstyrelsen har regeringens uppdrag att stödja och stimulera '
                              'barnhälsovårdens förebyggande arbete med hembesöksprogram. Medlen '
                              'får användas under bidragsåret och ska återrapporteras.', N))
        cols += [Paragraph(f, N) for f in filler[:6]]
        cols.append(Paragraph('<b>Beslutsunderlag</b>', N))
        cols.append(Paragraph('Tjänsteskrivelse från hälso- och sjukvårdsförvaltningen.', N))
        box = Table([[Paragraph(f'<b>Beslutat belopp:</b> {s["written"]}', SM)],
                     [Paragraph(f'Bidragsår: {y}', SM)]], colWidths=[200])
        box.setStyle(TableStyle([('BOX', (0, 0), (-1, -1), 1, colors.HexColor('#00548c')),
                                 ('BACKGROUND', (0, 0), (-1, -1), colors.HexColor('#eaf2f8'))]))
        cols.append(Spacer(1, 6)); cols.append(box)
        cols.append(Spacer(1, 10))
        cols.append(Paragraph('Justerandes signatur ............', SM))
        cols.append(Paragraph('Utdragsbestyrkande ............', SM))
        return intro, cols
    if t == 'instruction':
        intro.append(Paragraph(title_of(s), H1))
        intro.append(Paragraph(f'Datum: {sv_date(s["date"], ds)}', N))
        cols.append(Paragraph('<b>Bakgrund</b>', N))
        cols.append(Paragraph(f'{on} tar emot {PROGTXT[p]} för {y}. Denna rutin beskriver hur '
                              'medlen fördelas till barnavårdscentralerna och hur hembesöken '
                              'registreras och följs upp.', N))
        cols += [Paragraph(f, N) for f in filler]
        cols.append(Paragraph('<b>Ersättning</b>', N))
        cols.append(Paragraph('Hembesök som görs tillsammans med kommunens socialtjänst ersätts med '
                              '2 500 kr per besök. Ordinarie hembesök ersätts med 1 800 kr.', N))
        cols.append(Paragraph('<b>Uppföljning</b>', N))
        cols.append(Paragraph('Verksamheterna rapporterar antalet genomförda besök till centrala '
                              'barnhälsovårdsenheten senast vid utgången av januari året efter.', N))
        return intro, cols
    # requisition / return report letters
    intro.append(Paragraph(title_of(s), H1))
    intro.append(Paragraph(f'Datum: {sv_date(s["date"], ds)}', N))
    intro.append(Paragraph('Till: Socialstyrelsen, enheten för statsbidrag', N))
    intro.append(Spacer(1, 6))
    P = body_paragraphs(s, rng)
    cols.append(Paragraph(P[0], N))
    rows = []
    if t == 'requisition':
        rows.append(['Rekvirerat belopp', fmt(a['requested']) + ' kr'])
        if s.get('collab'):
            rows.append(['Samverkande kommuner', ', '.join(mun_name(c) for c in s['collab'])])
        if s.get('share') is not None and p == 'hembesok':
            rows.append(['Andel till kommunal verksamhet', f'{s["share"]} %'])
    else:
        rows.append(['Erhållet bidrag', fmt(a['received']) + ' kr'])
        rows.append(['Förbrukat', fmt(a['used']) + ' kr'])
        rows.append(['Ej förbrukat', fmt(a['unused']) + ' kr'])
    box = Table([[Paragraph(f'<b>{k}</b>', SM), Paragraph(v, SM)] for k, v in rows],
                colWidths=[105, 110])
    box.setStyle(TableStyle([('BOX', (0, 0), (-1, -1), 1, colors.HexColor('#00548c')),
                             ('BACKGROUND', (0, 0), (-1, -1), colors.HexColor('#eaf2f8')),
                             ('VALIGN', (0, 0), (-1, -1), 'TOP')]))
    cols.append(box); cols.append(Spacer(1, 6))
    cols += [Paragraph(x, N) for x in P[1:]]
    cols += [Paragraph(f, N) for f in filler[:(rng.choice([9, 12]) if st.get('tc') else (rng.choice([3, 6]) if st.get('short') else rng.choice([3, 6, 18, 18])))]]
    cols.append(Spacer(1, 10))
    cols.append(Paragraph('Med vänlig hälsning', N))
    for l in sign_block(s, rng):
        cols.append(Paragraph(l, N))
    return intro, cols


def draw_word(path, s, rng, twocol):
    onpage, dnr = word_header_footer(s, rng)
    serif = rng.random() < 0.5
    fn = 'Serif' if serif else 'Sans'
    st = {'h1': ParagraphStyle('h1', fontName='SansB', fontSize=13.5, leading=17, spaceAfter=6),
          'h2': ParagraphStyle('h2', fontName='SansB', fontSize=11, leading=14, spaceAfter=4),
          'n': ParagraphStyle('n', fontName=fn, fontSize=10 if twocol else 10.5, leading=13.5,
                              spaceAfter=6),
          'sm': ParagraphStyle('sm', fontName=fn, fontSize=9, leading=11.5), 'tc': twocol}
    W, H = A4
    st['short'] = s.get('scan') in ('jpg', 'png')  # a bare image holds one page
    seed2 = rng.randint(0, 2**30)
    intro, cols = word_story(s, random.Random(seed2), st)

    class D(BaseDocTemplate):
        pass
    def build(np_):
        buf = io.BytesIO()
        doc = D(buf, pagesize=A4, invariant=1, creator='Microsoft® Word för Microsoft 365',
                producer='Microsoft® Word för Microsoft 365', title=title_of(s))
        doc._np = np_
        top = H - 80; bot = 62
        if twocol:
            fi = Frame(50, top - 105, W - 100, 105, id='intro')
            g = 18; cw = (W - 100 - g) / 2
            f1 = Frame(50, bot, cw, top - 105 - bot, id='c1')
            f2 = Frame(50 + cw + g, bot, cw, top - 105 - bot, id='c2')
            l1 = Frame(50, bot, cw, top - bot, id='l1'); l2 = Frame(50 + cw + g, bot, cw, top - bot, id='l2')
            doc.addPageTemplates([PageTemplate('first', [fi, f1, f2], onPage=onpage),
                                  PageTemplate('later', [l1, l2], onPage=onpage)])
            story = intro + [NextPageTemplate('later'), FrameBreak()] + cols
        else:
            f = Frame(70, bot, W - 140, top - bot)
            doc.addPageTemplates([PageTemplate('one', [f], onPage=onpage)])
            story = intro + cols
        doc.build([x for x in story])
        return buf.getvalue(), doc.page
    # rebuild story objects each time (platypus consumes them)
    data, n = build('?')
    intro, cols = word_story(s, random.Random(seed2), st)
    data, n2 = build(n)
    open(path, 'wb').write(data)


def hash_seed(s):
    return int(hashlib.md5((s['rcv'] + s['type'] + s['org'][1]).encode()).hexdigest()[:8], 16)


# ---------------------------------------------------------------- style: e-mail printout
def draw_email(path, s, rng):
    W, H = A4
    c = rlcanvas.Canvas(path, pagesize=A4, invariant=1)
    c.setCreator('Microsoft Outlook'); c.setProducer('Microsoft: Print To PDF')
    on = org_name(s['org'])
    sender = person(rng, s['org'])
    sfirst, slast = sender.split(' ')
    addr = f'{sfirst.lower()}.{slast.lower()}@{domain(s["org"])}'
    for a_, b_ in [('å', 'a'), ('ä', 'a'), ('ö', 'o')]:
        addr = addr.replace(a_, b_)
    reader = rng.choice(['Statsbidrag Socialstyrelsen', 'Registrator', 'Handläggare statsbidrag'])
    y = H - 50
    if s.get('print_date'):  # browser / OWA print: print date + URL in page margins
        c.setFont('Sans', 7.5)
        c.drawString(30, H - 22, s['print_date'].replace('-', '-'))
        c.drawCentredString(W / 2, H - 22, 'E-post – ' + reader + ' – Outlook')
        c.drawString(30, 16, 'https://outlook.office.com/mail/inbox/id/AAQkAGE1%d' % rng.randint(10**6, 10**7))
        c.drawRightString(W - 30, 16, '1/1')
    c.setFont('SansB', 14); c.drawString(50, y, reader); y -= 8
    c.setLineWidth(2); c.line(50, y, W - 50, y); y -= 22
    t = s['type']
    if t == 'requisition':
        subj = f'Rekvisition {PROGSHORT[s["prog"]]} {s["year"]} – {on}'
    elif t == 'return_report':
        subj = ('Rättelse: ' if s.get('correction') else '') + f'Återrapport statsbidrag {PROGSHORT[s["prog"]]} {s["year"]} – {on}'
    else:
        subj = f'Inbjudan: nätverksträff utökade hembesök inför {s["year"]}'
    hdr = [('Från:', f'{sender} <{addr}>'),
           ('Skickat:', f'{sv_date(s["date"], "outlook")} {s.get("sent_time", "10:00")}'),
           ('Till:', 'Statsbidrag <statsbidrag@socialstyrelsen.se>'),
           ('Ämne:', subj)]
    if t == 'other':
        hdr[2] = ('Till:', 'BVC-nätverket; Statsbidrag <statsbidrag@socialstyrelsen.se>')
    for k, v in hdr:
        c.setFont('SansB', 10); c.drawString(50, y, k)
        c.setFont('Sans', 10); c.drawString(130, y, v); y -= 15
    y -= 14
    if t == 'other':
        P = [f'Hej!',
             f'{on} bjuder in till en nätverksträff om arbetet med {PROGTXT[s["prog"]]} inför '
             f'bidragsåret {s["year"]}.',
             'Tid: torsdag 14 december kl. 09.00–12.00. Plats: Regionens hus, sal Fyris, '
             'samt via Teams.',
             'Vi går igenom erfarenheterna hittills, planeringen med kommunernas socialtjänst och '
             'hur rekvisitionen till Socialstyrelsen går till.',
             'Anmälan senast den 8 december till undertecknad.']
    else:
        P = ['Hej,'] + body_paragraphs(s, rng, sep=rng.choice([' ', '\u00a0']))
    P += ['', 'Med vänliga hälsningar', sender, role(s['org'], t), on,
          f'Tel. 0{rng.randint(10, 99)}-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}']
    c.setFont('Sans', 10.5)
    for p in P:
        words = p.split(' '); line = ''
        for w in words:
            if pdfmetrics.stringWidth((line + ' ' + w).strip(), 'Sans', 10.5) > W - 100:
                c.drawString(50, y, line.strip()); y -= 14; line = w
            else:
                line = (line + ' ' + w).strip()
        c.drawString(50, y, line); y -= 14
        if p:
            y -= 5
    c.showPage(); c.save()


# ---------------------------------------------------------------- style: supplier invoice (other)
def draw_invoice(path, s, rng):
    W, H = A4
    c = rlcanvas.Canvas(path, pagesize=A4, invariant=1)
    c.setCreator('Visma eEkonomi')
    c.setFont('SansB', 16); c.drawString(50, H - 60, 'Språkbron Tolkförmedling AB')
    c.setFont('Sans', 8.5); c.drawString(50, H - 74, 'Storgatan 12 · 302 43 Halmstad · Org.nr 556812-4471 · Bankgiro 5532-1190')
    c.setFont('SansB', 22); c.drawRightString(W - 50, H - 60, 'FAKTURA')
    y = H - 110
    c.setFont('Sans', 10)
    for k, v in [('Fakturanummer', '24-0418'), ('Fakturadatum', s['date']), ('Förfallodatum', '2024-05-16'),
                 ('Er referens', 'Ref 7340 BHV hembesök'), ('Kundnummer', '10392')]:
        c.drawString(330, y, k); c.drawString(440, y, v); y -= 14
    y2 = H - 110
    c.setFont('SansB', 10); c.drawString(50, y2, 'Fakturaadress'); y2 -= 14
    c.setFont('Sans', 10)
    for l in [org_name(s['org']), 'Barn- och ungdomshälsan', 'Fakturaskanning FE 412', '301 80 Halmstad']:
        c.drawString(50, y2, l); y2 -= 14
    y = min(y, y2) - 24
    c.setFont('Sans', 9.5)
    c.drawString(50, y, 'Avser: tolktjänster vid utökade hembesök under mars 2024,')
    y -= 13
    c.drawString(50, y, f'finansierade med {PROGTXT[s["prog"]]} {s["year"]}.')
    y -= 24
    rows = [('Beskrivning', 'Antal', 'À-pris', 'Belopp'),
            ('Kontakttolkning arabiska, hembesök', '14 tim', '520,00', '7 280,00'),
            ('Kontakttolkning somaliska, hembesök', '9 tim', '560,00', '5 040,00'),
            ('Telefontolkning dari', '6 tim', '410,00', '2 460,00'),
            ('Reseersättning', '212 km', '2,50', '530,00')]
    xs = [50, 330, 400, 470, W - 50]
    for i, r in enumerate(rows):
        c.setFont('SansB' if i == 0 else 'Sans', 9.5)
        c.drawString(xs[0], y, r[0]); c.drawRightString(xs[2] - 10, y, r[1])
        c.drawRightString(xs[3] + 20, y, r[2]); c.drawRightString(xs[4], y, r[3])
        y -= 6
        c.setLineWidth(0.4); c.line(50, y, W - 50, y); y -= 12
    for k, v in [('Summa exkl. moms', '15 310,00'), ('Moms 0 % (sjukvårdstolkning)', '0,00'), ('Att betala SEK', '15 310,00')]:
        c.setFont('SansB' if k.startswith('Att') else 'Sans', 10)
        c.drawString(330, y, k); c.drawRightString(W - 50, y, v); y -= 15
    c.setFont('Sans', 8); c.drawString(50, 40, 'Dröjsmålsränta debiteras enligt räntelagen. Godkänd för F-skatt.')
    c.showPage(); c.save()


# ---------------------------------------------------------------- scanning
def ocr_damage(text, rng, level):
    out = text
    subs = [('l', '1'), ('1', 'l'), ('O', '0'), ('0', 'O'), ('rn', 'm'), ('m', 'rn'),
            ('ä', 'a'), ('ö', '6'), ('å', 'a'), ('é', 'e'), ('i', 'í'), ('S', '5'), ('B', '8')]
    chars = list(out)
    res = ''
    i = 0
    while i < len(out):
        done = False
        if rng.random() < level:
            for a, b in rng.sample(subs, len(subs)):
                if out.startswith(a, i):
                    res += b; i += len(a); done = True; break
        if not done:
            ch = out[i]
            if ch == ' ' and rng.random() < level * 0.6:
                res += ''  # words run together
            elif ch.isalpha() and rng.random() < level * 0.3:
                res += ch + ' '  # word split
            else:
                res += ch
            i += 1
    return res


def render_page_images(pdfpath, dpi, forms=False):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(pdfpath)
    if forms:
        pdf.init_forms()
    ims = []
    for i in range(len(pdf)):
        pg = pdf[i]
        ims.append(pg.render(scale=dpi / 72, may_draw_forms=forms).to_pil().convert('RGB'))
    return ims


def degrade(im, rng, kind):
    """kind: 'scan' | 'faint' | 'photo'"""
    g = im.convert('L')
    arr = np.asarray(g).astype(np.float32)
    nrs = np.random.RandomState(rng.randint(0, 2**31 - 1))
    if kind == 'faint':
        arr = 255 - (255 - arr) * rng.uniform(0.45, 0.6)
    arr += nrs.normal(0, rng.uniform(5, 11), arr.shape)
    # speckles
    sp = nrs.rand(*arr.shape) < 0.0012
    arr[sp] = rng.uniform(40, 120)
    # gray border band where the lid shadow is
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    g = Image.fromarray(arr, 'L')
    g = g.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    ang = rng.uniform(-1.8, 1.8)
    g = g.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=rng.randint(225, 245))
    if kind == 'photo':
        w, h = g.size
        grad = np.linspace(1.0, rng.uniform(0.72, 0.82), w)[None, :] * np.linspace(1.0, 0.9, h)[:, None]
        a2 = (np.asarray(g).astype(np.float32) * grad)
        g = Image.fromarray(np.clip(a2, 0, 255).astype(np.uint8), 'L')
        # mild perspective
        d = int(w * 0.025)
        coeffs = find_coeffs([(0, 0), (w, 0), (w, h), (0, h)],
                             [(d, d), (w - d // 2, 0), (w, h), (d // 2, h - d)])
        g = g.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=90)
    return g, ang


def find_coeffs(pa, pb):
    A = []
    for p1, p2 in zip(pa, pb):
        A.append([p1[0], p1[1], 1, 0, 0, 0, -p2[0] * p1[0], -p2[0] * p1[1]])
        A.append([0, 0, 0, p1[0], p1[1], 1, -p2[1] * p1[0], -p2[1] * p1[1]])
    A = np.array(A, dtype=float); B = np.array(pb, dtype=float).reshape(8)
    res = np.linalg.solve(A, B)
    return res.tolist()


def jpeg_bytes(img, q):
    b = io.BytesIO(); img.save(b, 'JPEG', quality=q); return b.getvalue()


def scan_doc(src_pdf, dst, s, rng):
    mode = s['scan']
    dpi = rng.choice([150, 200]) if mode in ('ocrpdf', 'imgpdf') else rng.choice([130, 150])
    ims = render_page_images(src_pdf, dpi)
    kind = 'photo' if mode == 'jpg' and rng.random() < 0.6 else ('faint' if rng.random() < 0.3 else 'scan')
    s['_scan_kind'] = kind
    outs = []
    for im in ims:
        if s.get('rot90'):
            im = im.rotate(90, expand=True)
        g, ang = degrade(im, rng, kind)
        outs.append((g, ang))
    if mode in ('jpg', 'png'):
        g = outs[0][0]
        if mode == 'jpg':
            open(dst, 'wb').write(jpeg_bytes(g, rng.randint(45, 70)))
        else:
            g.save(dst, 'PNG', optimize=True)
        return
    jpgs = [jpeg_bytes(g, rng.randint(40, 65)) for g, _ in outs]
    if mode == 'imgpdf':
        import img2pdf
        raw = img2pdf.convert(jpgs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)), nodate=True, producer='KONICA MINOLTA bizhub C300i')
        import pikepdf
        with pikepdf.open(io.BytesIO(raw)) as pk:
            del pk.trailer['/ID']
            pk.save(dst, static_id=True)
        return
    # ocrpdf: image + invisible, partly damaged scanner OCR text layer
    import pdfplumber
    from reportlab.lib.utils import ImageReader
    pl = pdfplumber.open(src_pdf)
    c = rlcanvas.Canvas(dst, invariant=1)
    c.setCreator('RICOH IM C3000'); c.setProducer('RICOH Scan-to-PDF OCR')
    level = rng.uniform(0.04, 0.09)
    for (g, ang), jb, page in zip(outs, jpgs, pl.pages):
        pw, ph = float(page.width), float(page.height)
        if s.get('rot90'):
            pw, ph = ph, pw
        c.setPageSize((pw, ph))
        c.drawImage(ImageReader(io.BytesIO(jb)), 0, 0, pw, ph)
        lines = page.extract_text_lines(layout=False, strip=True)
        th = math.radians(ang)  # PIL rotates counter-clockwise by ang (image coords)
        cx, cy = pw / 2, ph / 2
        for ln in lines:
            if rng.random() < 0.12:
                continue  # a line the scanner's OCR missed
            txt = ocr_damage(ln['text'], rng, level)
            x0, top, bottom = ln['x0'], ln['top'], ln['bottom']
            if s.get('rot90'):
                continue  # rotated sheet: scanner OCR found nothing useful
            # PDF coords of baseline start
            bx, by = x0, float(page.height) - bottom + 1.5
            # rotate about centre by +ang (counter-clockwise in PDF coords, y up)
            dx, dy = bx - cx, by - cy
            rx = cx + dx * math.cos(th) - dy * math.sin(th)
            ry = cy + dx * math.sin(th) + dy * math.cos(th)
            fs = max(5, (bottom - top) * 0.95)
            to = c.beginText()
            to.setTextRenderMode(3)
            to.setTextTransform(math.cos(th), math.sin(th), -math.sin(th), math.cos(th), rx, ry)
            to.setFont('Sans', fs)
            w_real = ln['x1'] - x0
            w_txt = pdfmetrics.stringWidth(txt, 'Sans', fs) or 1
            to.setHorizScale(max(50, min(200, 100 * w_real / w_txt)))
            to.textOut(txt)
            c.drawText(to)
        c.showPage()
    c.save()


# ---------------------------------------------------------------- main
def expect_of(s):
    e = {'document_type': s['type'], 'program': s['prog'], 'grant_year': s['year'],
         'organisation': {'kind': s['org'][0], 'code': s['org'][1]}}
    if s.get('amounts'):
        e['amounts'] = dict(s['amounts'])
    if s.get('date'):
        e['document_date'] = s['date']
    if s['type'] == 'requisition':
        if s.get('collab') and not s.get('empty_collab'):
            e['collaborating_municipalities'] = sorted(s['collab'])
        if s.get('share') is not None and not s.get('no_share'):
            e['municipal_share_percent'] = s['share']
    return e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('outdir'); ap.add_argument('--seed', type=int, default=77)
    args = ap.parse_args()
    out = args.outdir
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        if f.endswith(('.pdf', '.jpg', '.png', '.json', '.csv')):
            os.remove(os.path.join(out, f))
    tmp = os.path.join(out, '.work'); os.makedirs(tmp, exist_ok=True)
    specs = build_specs()
    for s in specs:
        if s.get('no_share'):
            s.pop('share', None)
    truth = []
    for i, s in enumerate(specs):
        rng = random.Random(args.seed * 1000 + i)
        stem = 'C7-%02d' % (i + 1)
        if 'dup_of' in s:
            o = specs[s['dup_of']]
            for k, v in o.items():
                if k not in ('rcv', 'dup_of', 'file', 'sha', 'flags'):
                    s[k] = v
            s['file'] = stem + os.path.splitext(o['file'])[1]
            shutil.copyfile(os.path.join(out, o['file']), os.path.join(out, s['file']))
        else:
            ext = '.' + s['scan'] if s.get('scan') in ('jpg', 'png') else '.pdf'
            s['file'] = stem + ext
            src = os.path.join(tmp, stem + '_clean.pdf') if s.get('scan') else os.path.join(out, s['file'])
            st = s['style']
            if st in ('acro', 'form'):
                draw_form(src, s, rng, acro=(st == 'acro' and not s.get('scan')))
            elif st == 'excel':
                draw_excel(src, s, rng)
            elif st in ('word2col', 'wordletter'):
                draw_word(src, s, rng, twocol=(st == 'word2col'))
            elif st == 'email':
                draw_email(src, s, rng)
            elif st == 'invoice':
                draw_invoice(src, s, rng)
            if s.get('scan'):
                scan_doc(src, os.path.join(out, s['file']), s, rng)
        s['sha'] = hashlib.sha256(open(os.path.join(out, s['file']), 'rb').read()).hexdigest()
    compute_flags(specs, alloc_lookup())
    for s in specs:
        truth.append({'file': s['file'], 'scanned': bool(s.get('scan')), 'received': s['rcv'],
                      'expect': expect_of(s), 'flags': s['flags'],
                      '_style': s['style'] + ('+' + s['scan'] if s.get('scan') else '')
                      + ('+dup' if 'dup_of' in s else '')})
    json.dump([{k: v for k, v in t.items() if not k.startswith('_')} for t in truth],
              open(os.path.join(out, 'truth.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
    with open(os.path.join(out, 'allocations.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['program', 'grant_year', 'recipient_code', 'recipient_name', 'amount_sek',
                    'municipal_share_min_percent'])
        for r in alloc_rows():
            w.writerow(r)
    shutil.rmtree(tmp)
    for t in truth:
        print(t['file'], t['_style'], t['received'], t['expect']['document_type'],
              t['expect']['organisation']['code'], t['flags'])


if __name__ == '__main__':
    main()
