"""Blind corpus C2: forms, bordered tables and e-service printouts.

usage: genC2.py OUTDIR --seed N
"""
import argparse, random, sys, tempfile, shutil
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from common import *  # noqa
from genC1 import SEATS, MUN_SEATS, SIGN, TITLES_R, TITLES_M, NAME_R, collab_text, letterhead

GREY = colors.Color(0.88, 0.88, 0.88)
DARK = colors.Color(0.2, 0.25, 0.35)
CHK = '\u2612'
UNCHK = '\u2610'

UNITS = ['BVC Ålidhem', 'BVC Tomtebo', 'BVC Mariehem', 'BVC Centrum', 'BVC Västra', 'BVC Norra', 'BVC Östra',
         'BVC Söder', 'BVC Hagaström', 'BVC Brynäs', 'BVC Sätra', 'BVC Andersberg', 'BVC Öster', 'BVC Väster',
         'Familjecentralen Vivalla', 'Familjecentralen Varberga', 'Familjecentralen Baronbackarna',
         'Familjecentralen Navestad', 'Familjecentralen Skäggetorp', 'Familjecentralen Ryd',
         'Familjecentralen Hageby', 'Familjecentralen Ringdansen', 'BVC Kronogården', 'BVC Lervik',
         'BVC Hovsjö', 'BVC Ronna', 'BVC Geneta', 'BVC Fornhöjden', 'BVC Stensättra', 'BVC Råby',
         'BVC Bäckby', 'BVC Pettersberg', 'BVC Skiftinge', 'BVC Årby', 'BVC Fröslunda', 'BVC Lagersberg']


def orginfo(kind, code):
    if kind == 'region':
        return NAME_R.get(code, REG[code][0]), SEATS.get(code, ('Visborgsgatan 19', '621 81 Visby', '0498-26 90 00', '212000-0803'))
    return mun_formal(MUN[code][0]), MUN_SEATS.get(code, ('Kommunhuset', '000 00 ' + MUN[code][0], '0000-000 00', '212000-0000'))


def grid(rows, st, widths=(62 * mm, 98 * mm), shade=True):
    data = []
    for r in rows:
        if isinstance(r, str):   # section header row
            data.append([Paragraph(f'<b>{r}</b>', st['cell']), ''])
        else:
            data.append([Paragraph(r[0], st['cell']), Paragraph(r[1], st['cell'])])
    t = Table(data, colWidths=list(widths))
    cmds = [('GRID', (0, 0), (-1, -1), 0.5, colors.black), ('VALIGN', (0, 0), (-1, -1), 'TOP'),
            ('TOPPADDING', (0, 0), (-1, -1), 3), ('BOTTOMPADDING', (0, 0), (-1, -1), 4)]
    for i, r in enumerate(rows):
        if isinstance(r, str):
            cmds += [('SPAN', (0, i), (1, i)), ('BACKGROUND', (0, i), (1, i), GREY)]
        elif shade:
            cmds.append(('BACKGROUND', (0, i), (0, i), colors.Color(0.95, 0.95, 0.95)))
    t.setStyle(TableStyle(cmds))
    return t


def cbox(on, label, st):
    return f'<font name="DejaVuSans">{CHK if on else UNCHK}</font> {label}'


def eservice_hdr(d, st, title, printed):
    reg, bold = st['reg'], st['boldname']
    case_id = d['case_id']

    def hdr(c, doc):
        W, H = A4
        c.setFillColor(DARK)
        c.rect(0, H - 16 * mm, W, 16 * mm, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(bold, 12)
        c.drawString(18 * mm, H - 10 * mm, 'Socialstyrelsen  |  E-tjänst för statsbidrag')
        c.setFont(reg, 8)
        c.drawRightString(W - 18 * mm, H - 10 * mm, f'Utskriven {printed}')
        c.setFillColor(colors.black)
        c.setFont(reg, 7.5)
        c.drawString(18 * mm, 10 * mm, f'Ärende-ID {case_id}   ·   https://etjanster.socialstyrelsen.se/statsbidrag/arende/{case_id.replace("-", "")}')
        c.drawRightString(W - 18 * mm, 10 * mm, f'Sida {doc.page} av {d.get("npages", 1)}')
    return hdr


def money(n):
    return grp(n)


# ------------------------------------------------------------------ templates
def t_eservice_req(d, rng):
    st = styles(d['font'], size=10)
    kind, code = d['org']
    org, seat = orginfo(kind, code)
    y = d['year']
    hdr = eservice_hdr(d, st, 'Rekvisition', f'{d["printed"]} {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}')
    P = lambda s: Paragraph(s, st['body'])
    story = [Paragraph('Rekvisition av statsbidrag – kvittens', st['h1']),
             P(f'Rekvisitionen är inskickad och registrerad. Ärende-ID: <b>{d["case_id"]}</b>.')]
    rows = ['1. Sökande',
            ('Organisation', org), ('Organisationsnummer', seat[3]),
            ('Postadress', f'{seat[0]}, {seat[1]}'), ('Kontaktperson', d['signer']),
            ('Telefon', seat[2]), ('E-post', f'{d["signer"].split()[0].lower()}.{d["signer"].split()[-1].lower()}@example.se'
                                   .replace('å', 'a').replace('ä', 'a').replace('ö', 'o')),
            '2. Statsbidrag']
    if d['program'] == 'hembesok':
        rows += [('Statsbidrag', 'Statsbidrag till regioner för utökade hembesöksprogram inom barnhälsovården'
                  if y == 2024 else 'Statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med hembesöksprogram'),
                 ('Bidragsår', str(y))]
    else:
        rows += [('Statsbidrag', 'Pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden'),
                 ('Bidragsår', str(y))]
    if d.get('show_alloc'):
        rows.append(('Belopp enligt fördelningslista (kr)', money(d['show_alloc'])))
    rows.append(('Rekvirerat belopp (kr)', f'<b>{money(d["amounts"]["requested"])}</b>'))
    if d['program'] == 'hembesok' and y == 2024:
        rows.append('3. Samverkan med kommuner')
        names = d.get('names') or []
        if d.get('with_codes'):
            mtxt = '<br/>'.join(f'{mun_formal(n)} ({mc(n)})' for n in names)
        else:
            mtxt = '<br/>'.join(mun_formal(n) if d.get('formal') else n for n in names)
        rows.append(('Kommuner som regionen samverkar med', mtxt if names else '–'))
        rows.append(('Andel av bidraget som finansierar kommunal verksamhet (%)',
                     str(d['share']) if d.get('share') is not None else '–'))
        rows.append(('Kvarvarande medel', cbox(d.get('leftover', True), 'Regionen önskar ta del av kvarvarande medel', st)))
    if d['program'] == 'bhv-pilot':
        rows.append('3. Pilotområde')
        rows.append(('Område', d['area']))
        if d.get('share') is not None:
            rows.append(('Kommunens andel av områdets medel (%)', str(d['share'])))
    rows += ['4. Utbetalning', ('Bankgiro', f'{rng.randint(100, 9999)}-{rng.randint(1000, 9999)}'),
             ('Betalningsreferens', f'{rng.randint(10000, 99999)}'),
             '5. Underskrift', ('Datum', fdate(d['date'], 0)),
             ('Namn', d['signer']), ('Befattning', rng.choice(TITLES_R if kind == 'region' else TITLES_M)),
             ('Intygande', cbox(True, 'Jag intygar att uppgifterna är riktiga och att jag är behörig att företräda organisationen', st))]
    story += [grid(rows, st), Spacer(1, 8),
              Paragraph(f'Inskickad {fdate(d["date"], 0)} kl. {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}'
                        f' av {d["signer"]}', st['small'])]
    return story, hdr, None, st


def t_paper_form(d, rng):
    """a municipality's or region's own bordered form (requisition), typed in."""
    st = styles(d['font'], size=10)
    kind, code = d['org']
    org, seat = orginfo(kind, code)
    y = d['year']
    reg, bold = st['reg'], st['boldname']

    def hdr(c, doc):
        W, H = A4
        c.setFont(bold, 11)
        c.drawString(20 * mm, H - 15 * mm, org)
        c.setFont(reg, 8)
        c.drawRightString(W - 20 * mm, H - 15 * mm, f'Blankett {d["formno"]} · rev. {d["formrev"]}')
        c.drawString(20 * mm, 10 * mm, f'{seat[0]} · {seat[1]} · Tfn {seat[2]} · Org.nr {seat[3]}')
        c.drawRightString(W - 20 * mm, 10 * mm, f'{doc.page}({d.get("npages", 1)})')
    P = lambda s: Paragraph(s, st['body'])
    pname = ('pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden' if d['program'] == 'bhv-pilot'
             else 'utökade hembesöksprogram inom barnhälsovården')
    story = [Spacer(1, 4 * mm), Paragraph(f'REKVISITION', st['h1']),
             P(f'Statsbidrag för {pname} – bidragsår {y}')]
    rows = [('Sökande kommun/region', org), ('Förvaltning', d.get('dept', 'Socialförvaltningen')),
            ('Kontaktperson, telefon', f'{d["signer"]}, {seat[2]}')]
    if d['program'] == 'bhv-pilot':
        rows.append(('Pilotområde', d['area']))
    rows.append(('Belopp som rekvireras', kr(d['amounts']['requested'], d.get('amstyle', 1))))
    if d.get('share') is not None:
        rows.append(('Kommunens andel (%)' if kind == 'municipality' else 'Andel till kommunal verksamhet',
                     f'{d["share"]} %'))
    if d.get('names'):
        rows.append(('Samverkande kommuner', d['collab_phrase']))
    story += [grid(rows, st, widths=(60 * mm, 110 * mm)), Spacer(1, 8)]
    chk = [[Paragraph(cbox(True, 'Medlen används i enlighet med villkoren för statsbidraget', st), st['cell'])],
           [Paragraph(cbox(True, 'Återrapportering lämnas senast den dag som anges i anvisningarna', st), st['cell'])],
           [Paragraph(cbox(False, 'Rekvisitionen ersätter en tidigare inskickad rekvisition', st), st['cell'])]]
    t = Table(chk, colWidths=[170 * mm])
    t.setStyle(TableStyle([('BOX', (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [t, Spacer(1, 10)]
    sig = Table([[Paragraph('Ort och datum', st['small']), Paragraph('Underskrift', st['small'])],
                 [Paragraph(f'{seat[1].split(" ", 2)[-1]}, {fdate(d["date"], 0)}', st['cell']),
                  Paragraph(f'<i>{d["signer"]}</i>', st['cell'])],
                 [Paragraph('Namnförtydligande', st['small']), Paragraph('Befattning', st['small'])],
                 [Paragraph(d['signer'], st['cell']), Paragraph(rng.choice(TITLES_M if kind == 'municipality' else TITLES_R), st['cell'])]],
                colWidths=[85 * mm, 85 * mm])
    sig.setStyle(TableStyle([('GRID', (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [sig, Spacer(1, 6),
              Paragraph('Blanketten skickas till Socialstyrelsen, 106 30 Stockholm, eller per e-post.', st['small'])]
    return story, hdr, None, st


def cost_table(st, items, total_label, total, colw=(115 * mm, 45 * mm), transport=None, header=('Kostnadsslag', 'Belopp, kr')):
    """items: list of (label, amount, is_varav). transport: index after which a page-1 subtotal row is shown."""
    data = [[Paragraph(f'<b>{header[0]}</b>', st['cell']), Paragraph(f'<b>{header[1]}</b>', st['cellr'])]]
    styles_ = [('GRID', (0, 0), (-1, -1), 0.5, colors.black), ('BACKGROUND', (0, 0), (-1, 0), GREY),
               ('VALIGN', (0, 0), (-1, -1), 'MIDDLE')]
    running = 0
    for i, (lab, val, varav) in enumerate(items):
        if varav:
            data.append([Paragraph(f'&nbsp;&nbsp;&nbsp;&nbsp;<i>varav {lab}</i>', st['cell']),
                         Paragraph(f'<i>{grp(val)}</i>', st['cellr'])])
        else:
            data.append([Paragraph(lab, st['cell']), Paragraph(grp(val), st['cellr'])])
            running += val
        if transport is not None and i == transport:
            data.append([Paragraph('<b>Summa att transportera</b>', st['cell']), Paragraph(f'<b>{grp(running)}</b>', st['cellr'])])
            styles_.append(('BACKGROUND', (0, len(data) - 1), (-1, len(data) - 1), GREY))
            data.append([Paragraph('<b>Transport</b>', st['cell']), Paragraph(f'<b>{grp(running)}</b>', st['cellr'])])
            styles_.append(('BACKGROUND', (0, len(data) - 1), (-1, len(data) - 1), GREY))
    data.append([Paragraph(f'<b>{total_label}</b>', st['cell']), Paragraph(f'<b>{grp(total)}</b>', st['cellr'])])
    styles_ += [('BACKGROUND', (0, -1), (-1, -1), GREY), ('LINEABOVE', (0, -1), (-1, -1), 1.2, colors.black)]
    t = Table(data, colWidths=list(colw), repeatRows=1)
    t.setStyle(TableStyle(styles_))
    return t


def t_report_form(d, rng):
    st = styles(d['font'], size=10)
    kind, code = d['org']
    org, seat = orginfo(kind, code)
    y = d['year']
    am = d['amounts']
    P = lambda s: Paragraph(s, st['body'])
    eserv = d.get('eservice', False)
    if eserv:
        hdr = eservice_hdr(d, st, 'Redovisning', f'{d["printed"]} {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}')
        ftr = None
        story = [Paragraph('Återrapportering – ekonomisk redovisning', st['h1']),
                 P(f'Redovisningen är inskickad. Ärende-ID: <b>{d["case_id"]}</b>.')]
    else:
        hdr, ftr = letterhead(org, d.get('dept', 'Ekonomiavdelningen'), seat, st, dnr=d.get('dnr'), date=None)
        story = [Spacer(1, 12 * mm), Paragraph('Ekonomisk redovisning av statsbidrag', st['h1'])]
    pname = ('Utökade hembesöksprogram inom barnhälsovården' if d['program'] == 'hembesok'
             else 'Pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden')
    rows = ['Mottagare', ('Organisation', org), ('Organisationsnummer', seat[3]), ('Kontaktperson', d['signer']),
            'Statsbidrag', ('Statsbidrag', pname), ('Bidragsår', str(y)),
            ('Redovisningsperiod', f'{y}-01-01 – {y}-12-31'),
            'Ekonomisk sammanställning']
    rows.append(('Erhållet bidrag (kr)', money(am['received'])))
    rows.append(('Förbrukat bidrag (kr)', money(am['used']) if 'used' in am else ''))
    if d.get('unused_word'):
        rows.append(('Ej förbrukat bidrag som återbetalas (kr)', d['unused_word']))
    elif 'unused' in am:
        rows.append(('Ej förbrukat bidrag som återbetalas (kr)', money(am['unused'])))
    else:
        rows.append(('Ej förbrukat bidrag som återbetalas (kr)', ''))
    story += [grid(rows, st), Spacer(1, 10)]
    if d.get('costs'):
        story.append(Paragraph('Specifikation av förbrukade medel', st['h2']))
        if d.get('cost_intro'):
            story.append(P(d['cost_intro']))
        story.append(cost_table(st, d['costs'], d.get('total_label', 'Summa förbrukat'), d['cost_total'],
                                transport=d.get('transport'), header=d.get('cost_header', ('Kostnadsslag', 'Belopp, kr'))))
        story.append(Spacer(1, 10))
    story.append(Paragraph('Intygande och underskrift', st['h2']))
    sig = [[Paragraph(cbox(True, 'Vi intygar att medlen har använts i enlighet med villkoren för statsbidraget', st), st['cell']), ''],
           [Paragraph('Datum', st['small']), Paragraph('Underskrift / namnförtydligande', st['small'])],
           [Paragraph(fdate(d['date'], 0), st['cell']), Paragraph(f'{d["signer"]}, {rng.choice(TITLES_R if kind == "region" else TITLES_M)}', st['cell'])]]
    t = Table(sig, colWidths=[50 * mm, 110 * mm])
    t.setStyle(TableStyle([('GRID', (0, 0), (-1, -1), 0.5, colors.black), ('SPAN', (0, 0), (1, 0))]))
    story += [KeepTogether([t])]
    if not eserv:
        story += [Spacer(1, 8), Paragraph(f'Redovisningen ska vara Socialstyrelsen tillhanda senast {fdate(d["deadline"], 0)}.',
                                          st['small'])]
    return story, hdr, ftr, st


def t_decision_form(d, rng):
    st = styles(d['font'], size=10)
    kind, code = d['org']
    org, seat = orginfo(kind, code)
    y = d['year']
    P = lambda s: Paragraph(s, st['body'])
    hdr, ftr = letterhead(org, d.get('dept', 'Regionkansliet'), seat, st, dnr=d.get('dnr'), date=None)
    story = [Spacer(1, 12 * mm), Paragraph('DELEGATIONSBESLUT', st['h1']),
             P(f'Fördelning av statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med '
               f'hembesöksprogram {y}')]
    rows = [('Beslutsfattare', d['decider']), ('Delegation enligt', f'Delegationsordning punkt {rng.randint(2, 9)}.{rng.randint(1, 20)}'),
            ('Beslutsdatum', fdate(d['date'], 0)), ('Ärende', d.get('dnr', '')),
            ('Beslut', d['dec_text'])]
    story += [grid(rows, st, widths=(45 * mm, 115 * mm)), Spacer(1, 10)]
    if d.get('dist'):
        story.append(Paragraph('Fördelning inom regionen', st['h2']))
        story.append(cost_table(st, [(a, b, False) for a, b in d['dist']], 'Totalt', sum(b for a, b in d['dist']),
                                header=('Mottagare', 'Belopp, kr')))
        story.append(Spacer(1, 8))
    story.append(P(f'Beslutet anmäls till {d.get("board", "regionstyrelsen")} vid nästa sammanträde.'))
    story.append(P(f'{d["decider"]}'))
    return story, hdr, ftr, st


def t_instruction_form(d, rng):
    st = styles(d['font'], size=10)
    code = d['org'][1]
    org, seat = orginfo('region', code)
    y = d['year']
    P = lambda s: Paragraph(s, st['body'])
    hdr, ftr = letterhead(org, 'Ekonomistaben', seat, st, dnr=None, date=d['date'], datestyle=0)
    story = [Spacer(1, 12 * mm),
             Paragraph(f'Instruktion: ekonomisk redovisning av statsbidraget för utökade hembesöksprogram {y}', st['h1']),
             P(f'Denna instruktion beskriver hur enheterna inom {org} fyller i underlaget till regionens ekonomiska '
               f'redovisning av statsbidraget för {y}. Underlaget lämnas till ekonomistaben senast den 20 januari {y + 1}.')]
    rows = [('Fält', 'Så fyller du i'), ('Kostnadsställe', 'Enhetens kostnadsställe (sex siffror).'),
            ('Personalkostnader', 'Lön inklusive sociala avgifter för BVC-sjuksköterskor och föräldrarådgivare.'),
            ('varav kommunal del', 'Den del som avser socialtjänstens medverkan. Ingår i personalkostnaderna.'),
            ('Tolk', 'Fakturerade tolkkostnader för hembesök.'),
            ('Övrigt', 'Resor, material och utbildning.'),
            ('Summa', 'Summan av raderna ovan, exklusive varav-raden.')]
    t = Table([[Paragraph(f'<b>{a}</b>' if i == 0 else a, st['cell']), Paragraph(f'<b>{b}</b>' if i == 0 else b, st['cell'])]
               for i, (a, b) in enumerate(rows)], colWidths=[45 * mm, 115 * mm])
    t.setStyle(TableStyle([('GRID', (0, 0), (-1, -1), 0.5, colors.black), ('BACKGROUND', (0, 0), (-1, 0), GREY)]))
    story += [t, Spacer(1, 8), P('Frågor besvaras av ekonomistaben.')]
    return story, hdr, ftr, st


def t_other_form(d, rng):
    st = styles(d['font'], size=10)
    code = d['org'][1]
    org, seat = orginfo('region', code)
    y = d['year']
    P = lambda s: Paragraph(s, st['body'])
    if d['variant'] == 0:
        hdr, ftr = letterhead(org, 'Kompetenscentrum', seat, st, date=d['date'])
        story = [Spacer(1, 12 * mm), Paragraph('Anmälan – utbildningsdag om utökade hembesök', st['h1']),
                 P(f'Utbildningsdagen ingår i regionens arbete inom statsbidraget för utökade hembesöksprogram {y}.'),
                 grid([('Namn', 'Fatima Yilmaz'), ('Arbetsplats', 'BVC Centrum'), ('Yrke', 'Distriktssköterska'),
                       ('Telefon', '070-312 45 67'), ('Kostavvikelser', '–'),
                       ('Datum för utbildningen', fdate(add_days(d['date'], 30), 0)),
                       ('Deltar', cbox(True, 'Förmiddag', st) + '&nbsp;&nbsp;' + cbox(True, 'Eftermiddag', st))], st),
                 Spacer(1, 8), P(f'Anmälan registrerad {fdate(d["date"], 0)}.')]
    else:
        hdr, ftr = letterhead(org, 'Inköp och upphandling', seat, st, date=d['date'])
        items = [('Tolktjänst, hembesök (arabiska), 2 tim', 1150), ('Tolktjänst, hembesök (somaliska), 1,5 tim', 862),
                 ('Resetillägg', 240)]
        story = [Spacer(1, 12 * mm), Paragraph('Beställningsbekräftelse – tolktjänster', st['h1']),
                 P(f'Beställningen avser tolk vid hembesök inom statsbidraget för utökade hembesöksprogram {y}. '
                   f'Beställare: {org}, BVC Söder.'),
                 cost_table(st, [(a, b, False) for a, b in items], 'Summa exkl. moms', sum(b for a, b in items),
                            header=('Tjänst', 'Pris, kr')),
                 Spacer(1, 8), P('Leverantör: Tolkförmedlingen Norr AB, org.nr 556677-8899. Betalningsvillkor 30 dagar.')]
    return story, hdr, ftr, st


TPL = {'eservice_req': t_eservice_req, 'paper_form': t_paper_form, 'report_form': t_report_form,
       'decision_form': t_decision_form, 'instruction': t_instruction_form, 'other': t_other_form}


def costs_for(total, rng, n_main=5, varav=True, labels=None):
    """split total into n_main rows (hundreds), with a varav split under the first."""
    labels = labels or ['Personalkostnader', 'Tolkkostnader', 'Resor', 'Utbildning och handledning',
                        'Material och informationsinsatser', 'Lokalkostnader', 'Övriga kostnader']
    parts = []
    rest = total
    for i in range(n_main - 1):
        v = int(rest * rng.uniform(0.08, 0.2) / 100) * 100 if i else int(total * rng.uniform(0.55, 0.7) / 100) * 100
        parts.append(v)
        rest -= v
    parts.append(rest)
    items = []
    for i, v in enumerate(parts):
        items.append((labels[i], v, False))
        if i == 0 and varav:
            a = int(v * 0.58 / 100) * 100
            items.append(('BVC-sjuksköterskor', a, True))
            items.append(('föräldrarådgivare (kommunal verksamhet)', v - a, True))
    return items


def unit_costs(total, rng, n):
    base = [rng.randint(20, 60) for _ in range(n)]
    s = sum(base)
    vals = [int(total * b / s / 100) * 100 for b in base]
    vals[-1] += total - sum(vals)
    return [(UNITS[i % len(UNITS)], v, False) for i, v in enumerate(vals)]


def plan(rng):
    docs = []
    add = lambda **k: docs.append(k)
    R, RR = 'requisition', 'return_report'
    # ---- e-service requisitions hembesok 2024
    ereq = [  # code, amount, names, share, date, received, style, extras
        ('12', 9903000, ['Malmö', 'Helsingborg', 'Landskrona'], 30, '2024-02-08', '2024-02-09', 'text', {}),
        ('01', 13698000, ['Stockholm', 'Botkyrka', 'Södertälje', 'Järfälla'], 40, '2024-02-13', '2024-02-15', 'office', {'with_codes': True}),
        ('08', 3636000, ['Kalmar', 'Nybro', 'Västervik'], 50, '2024-02-27', '2024-02-29', 'photo_jpg', {}),
        ('10', 4089000, ['Karlskrona', 'Ronneby'], 45, '2024-03-05', '2024-03-07', 'text', {'formal': True}),
        ('13', 580000, ['Halmstad', 'Falkenberg'], 50, '2024-03-12', '2024-03-14', 'fax', {}),
        ('07', 3210000, ['Växjö', 'Ljungby'], 35, '2024-01-24', '2024-01-26', 'text', {'formal': True, 'leftover': False}),
        ('23', 503000, ['Östersund'], 50, '2024-02-01', '2024-02-05', 'png', {}),
        ('20', 1142000, ['Falun', 'Borlänge'], 40, '2024-03-22', '2024-03-25', 'text', {'with_codes': True}),
    ]
    for code, a, names, sh, date, rec, style, ex in ereq:
        add(type=R, tpl='eservice_req', program='hembesok', year=2024, org=('region', code), amounts={'requested': a},
            names=names, share=sh, date=date, received=rec, style=style, printed=add_days(date, rng.randint(0, 1)),
            show_alloc=BASE_ALLOC_2024[code] if rng.random() < 0.6 else None, **ex)
    # exceeds allocation, allocation shown next to it
    add(type=R, tpl='eservice_req', program='hembesok', year=2024, org=('region', '25'), amounts={'requested': 5350000},
        names=['Luleå', 'Piteå', 'Haparanda'], share=40, date='2024-03-18', received='2024-03-20', style='text',
        printed='2024-03-19', show_alloc=5035000)
    # no municipalities given -> MISSING_FIELD
    add(type=R, tpl='eservice_req', program='hembesok', year=2024, org=('region', '09'), amounts={'requested': 834000},
        names=[], share=25, date='2024-02-19', received='2024-02-20', style='text', printed='2024-02-19',
        show_alloc=834000)
    # share below list's minimum (Skåne... use Östergötland min 30)
    add(type=R, tpl='eservice_req', program='hembesok', year=2024, org=('region', '05'), amounts={'requested': 4778000},
        names=['Linköping', 'Norrköping'], share=20, date='2024-03-26', received='2024-03-27', style='office',
        printed='2024-03-26', show_alloc=4778000)
    # late
    add(type=R, tpl='eservice_req', program='hembesok', year=2024, org=('region', '19'), amounts={'requested': 3370000},
        names=['Västerås'], share=30, date='2024-04-05', received='2024-04-08', style='text', printed='2024-04-05',
        show_alloc=3370000)
    # duplicate: a second printout for Skåne with a new amount
    add(type=R, tpl='eservice_req', program='hembesok', year=2024, org=('region', '12'), amounts={'requested': 9500000},
        names=['Malmö', 'Helsingborg', 'Landskrona', 'Lund'], share=30, date='2024-03-28', received='2024-04-02',
        style='office', printed='2024-03-28', show_alloc=9903000)
    add(type=R, tpl='eservice_req', program='hembesok', year=2024, org=('region', '06'), amounts={'requested': 4913000},
        names=['Jönköping', 'Värnamo'], share=35, date='2024-01-17', received='2024-01-18', style='text',
        printed='2024-01-18', show_alloc=4913000, with_codes=True)
    add(type=R, tpl='paper_form', program='hembesok', year=2024, org=('region', '22'), amounts={'requested': 979000},
        names=['Sundsvall', 'Härnösand'], share=30, date='2024-03-01', received='2024-03-04', style='text',
        formno='RV-EK 12', formrev='2023-12', amstyle=1, dept='Hälso- och sjukvårdsförvaltningen')
    # region paper form 2023 (hembesok 2023 requisition)
    add(type=R, tpl='paper_form', program='hembesok', year=2023, org=('region', '22'), amounts={'requested': 1619000},
        date='2023-10-04', received='2023-10-06', style='text', formno='RV-EK 12', formrev='2022-09', amstyle=1,
        dept='Regionstaben')
    add(type=R, tpl='eservice_req', program='hembesok', year=2023, org=('region', '14'), amounts={'requested': 5650000},
        date='2023-10-19', received='2023-10-20', style='fax', printed='2023-10-19')
    # pilot requisitions (municipal forms)
    add(type=R, tpl='paper_form', program='bhv-pilot', year=2023, org=('municipality', '0127'),
        amounts={'requested': 580000}, share=45, area='Alby och Fittja', date='2023-05-15', received='2023-05-17',
        style='office', formno='SOC 114', formrev='2023-01', amstyle=0)
    add(type=R, tpl='eservice_req', program='bhv-pilot', year=2023, org=('municipality', '1480'),
        amounts={'requested': 620000}, area='Hjällbo', share=45, date='2023-06-07', received='2023-06-08',
        style='text', printed='2023-06-08', show_alloc=580000)
    add(type=R, tpl='paper_form', program='bhv-pilot', year=2023, org=('municipality', '0180'),
        amounts={'requested': 255000}, share=35, area='Rinkeby-Kista', date='2023-06-12', received='2023-06-14',
        style='photo_pdf', formno='SLK 07', formrev='2021-11', amstyle=1, dept='Rinkeby-Kista stadsdelsförvaltning')
    add(type=R, tpl='paper_form', program='bhv-pilot', year=2023, org=('municipality', '1283'),
        amounts={'requested': 580000}, area='Drottninghög', date='2023-06-05', received='2023-06-06',
        style='text', formno='SF 3', formrev='2023-02', amstyle=0)

    # ---- return reports hembesok 2024
    rep = [  # code, received, used, unused, date, rec, style, costs-kind, extra
        ('12', 9903000, 8911400, 991600, '2025-01-21', '2025-01-23', 'text', 'simple', {'eservice': True}),
        ('01', 13698000, 12877300, 820700, '2025-02-11', '2025-02-13', 'text', 'units2p', {}),
        ('10', 4089000, 3702500, 386500, '2025-01-14', '2025-01-16', 'office', 'simple', {}),
        ('07', 3210000, 3210000, 0, '2025-02-04', '2025-02-06', 'text', 'simple', {'unused_word': 'Inget'}),
        ('23', 503000, 455900, 47100, '2025-01-28', '2025-01-30', 'photo_jpg', None, {'eservice': True}),
        ('14', 12774000, 11930600, 843400, '2025-02-18', '2025-02-20', 'office', 'units2p_transport', {}),
        ('09', 834000, 860500, 0, '2025-01-08', '2025-01-10', 'text', 'simple', {}),            # USED_EXCEEDS
        ('19', 3370000, 3045200, 342800, '2025-02-25', '2025-02-27', 'faint', 'simple', {}),     # UNUSED_MISMATCH (324 800)
        ('03', 2535000, 2218700, 316300, '2025-03-06', '2025-03-10', 'text', 'simple', {'eservice': True}),  # LATE
        ('20', 1200000, 1144000, 56000, '2025-02-10', '2025-02-12', 'text', 'simple', {}),       # received > 1 142 000
        ('25', 5035000, None, None, '2025-02-27', '2025-02-28', 'text', None, {}),               # used blank
        ('06', 4913000, 4402000, 511000, '2025-01-31', '2025-02-03', 'text', 'simple_bad', {}),  # SUM_MISMATCH
        ('13', 580000, 512300, 67700, '2025-02-14', '2025-02-17', 'fax', 'units2p_bad', {}),     # SUM_MISMATCH 2 pages
    ]
    for code, r, u, un, date, rec, style, ck, ex in rep:
        am = {'received': r}
        if u is not None:
            am['used'] = u
        if un is not None:
            am['unused'] = un
        d = dict(type=RR, tpl='report_form', program='hembesok', year=2024, org=('region', code), amounts=am,
                 date=date, received=rec, style=style, deadline='2025-03-01', printed=date, **ex)
        if ck == 'simple':
            d['costs'] = costs_for(u, rng)
            d['cost_total'] = u
        elif ck == 'simple_bad':
            d['costs'] = costs_for(u, rng)
            # one main row mistyped: rows no longer add up to the total
            lab, v, va = d['costs'][3]
            d['costs'][3] = (lab, v + 30000, va)
            d['cost_total'] = u
            d['sum_mismatch'] = True
        elif ck and ck.startswith('units2p'):
            n = 34 if code != '13' else 30
            d['costs'] = unit_costs(u, rng, n)
            d['cost_total'] = u
            d['cost_header'] = ('Enhet', 'Förbrukat, kr')
            d['cost_intro'] = 'Förbrukade medel per enhet (lön, tolk och övriga kostnader):'
            d['npages'] = 2
            if ck == 'units2p_transport':
                d['transport'] = 17
            if ck == 'units2p_bad':
                lab, v, va = d['costs'][21]
                d['costs'][21] = (lab, v - 4000, va)
                d['sum_mismatch'] = True
        if code == '19':
            am['unused'] = 342800   # stated; 3 370 000 - 3 045 200 = 324 800
        docs.append(d)
    # ---- return reports 2023 and pilot
    add(type=RR, tpl='report_form', program='hembesok', year=2023, org=('region', '24'),
        amounts={'received': 634000, 'used': 588100, 'unused': 45900}, date='2024-02-12', received='2024-02-14',
        style='text', deadline='2024-03-01', printed='2024-02-12', eservice=True)
    add(type=RR, tpl='report_form', program='hembesok', year=2023, org=('region', '21'),
        amounts={'received': 298000, 'used': 298000, 'unused': 0}, date='2024-03-04', received='2024-03-06',
        style='office', deadline='2024-03-01', unused_word='0', costs=costs_for(298000, rng, 3, varav=False),
        cost_total=298000)
    add(type=RR, tpl='report_form', program='bhv-pilot', year=2023, org=('municipality', '0180'),
        amounts={'received': 255000, 'used': 231400, 'unused': 23600}, date='2024-04-22', received='2024-04-24',
        style='text', deadline='2024-05-03', costs=costs_for(231400, rng, 4, varav=False), cost_total=231400,
        dept='Rinkeby-Kista stadsdelsförvaltning')
    add(type=RR, tpl='report_form', program='bhv-pilot', year=2023, org=('municipality', '1280'),
        amounts={'received': 580000, 'used': 566900, 'unused': 13100}, date='2024-05-02', received='2024-05-03',
        style='png', deadline='2024-05-03', eservice=True, printed='2024-05-02')

    # ---- decisions (delegationsbeslut with a distribution table)
    add(type='decision', tpl='decision_form', program='hembesok', year=2023, org=('region', '05'),
        amounts={'decided': 1872000}, dec_tol=0.5, decider='Hälso- och sjukvårdsdirektör Karin Hedlund',
        dec_text='Statsbidraget för 2023 om 1 872 000 kronor fördelas enligt tabellen nedan.',
        dist=[('Barnhälsovårdsenheten, Linköping', 936000), ('Vårdcentraler i Norrköping', 624000),
              ('Vårdcentraler i Motala', 312000)], date='2023-10-09', received='2023-10-11', style='text',
        dnr='RÖ 2023-04417')
    add(type='decision', tpl='decision_form', program='hembesok', year=2023, org=('region', '01'),
        amounts={'decided': 5100000}, dec_tol=50000, decider='Hälso- och sjukvårdsdirektör Mats Eriksson',
        dec_text='Regionen tar emot statsbidrag om 5,1 miljoner kronor för 2023 och uppdrar åt '
                 'Centrala barnhälsovården att fördela medlen.', date='2023-09-25', received='2023-09-27',
        style='office', dnr='HSN 2023-1121')
    add(type='decision', tpl='decision_form', program='hembesok', year=2023, org=('region', '25'),
        amounts={'decided': 1254000}, dec_tol=0.5, decider='Primärvårdsdirektör Eva Sandberg',
        dec_text='Statsbidraget för hembesöksprogram 2023, 1 254 000 kronor, fördelas enligt tabellen nedan.',
        dist=[('Hälsocentraler i Luleå', 627000), ('Hälsocentraler i Boden', 418000), ('Hälsocentral Kalix', 209000)],
        date='2023-11-13', received='2023-11-15', style='faint', dnr='RN 2023/2210')
    add(type='decision', tpl='decision_form', program='hembesok', year=2024, org=('region', '18'),
        amounts={'decided': 3406000}, dec_tol=500, decider='Regiondirektör Lars Berglund',
        dec_text='Statsbidraget för utökade hembesöksprogram 2024 om 3 406 tkr fördelas enligt tabellen nedan.',
        dist=[('Centrala barnhälsovården', 1021000), ('Vivalla/Lundby vårdcentral', 1195000),
              ('Varberga vårdcentral', 1190000)], date='2024-05-06', received='2024-05-08', style='text',
        dnr='RS 2024/0993')
    # ---- instruction and other
    add(type='instruction', tpl='instruction', program='hembesok', year=2024, org=('region', '17'),
        date='2024-11-18', received='2024-11-20', style='text')
    add(type='other', tpl='other', program='hembesok', year=2024, org=('region', '08'), variant=0,
        date='2024-09-02', received='2024-09-04', style='text')
    add(type='other', tpl='other', program='hembesok', year=2024, org=('region', '25'), variant=1,
        date='2024-10-14', received='2024-10-16', style='office')
    return docs


def truth_of(d):
    e = {'document_type': d['type']}
    if d.get('program'):
        e['program'] = d['program']
        e['grant_year'] = d['year']
    e['organisation'] = {'kind': d['org'][0], 'code': d['org'][1]}
    if d.get('amounts'):
        e['amounts'] = dict(d['amounts'])
    e['document_date'] = d['date']
    if d.get('names'):
        e['collaborating_municipalities'] = sorted(mc(n) for n in d['names'])
    if d.get('share') is not None:
        e['municipal_share_percent'] = d['share']
    return e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('outdir')
    ap.add_argument('--seed', type=int, default=2)
    a = ap.parse_args()
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)
    docs = plan(rng)
    docs.sort(key=lambda d: d['received'])
    rows = make_allocations(min_share_2024={'05': 30, '12': 25, '01': 30})
    for d in docs:
        d['expect'] = truth_of(d)
    compute_flags(docs, rows)     # also checks unique received dates before the slow part
    tmp = Path(tempfile.mkdtemp(prefix='c2gen-'))
    for i, d in enumerate(docs, 1):
        d.setdefault('font', rng.randrange(5))
        d.setdefault('signer', rng.choice(SIGN))
        d.setdefault('variant', 0)
        d.setdefault('case_id', f'{D(d["date"]).year}-{rng.randint(100, 999):03d}{rng.randint(100, 999)}')
        d.setdefault('dnr', f'Dnr {rng.choice(["RS", "HSN", "RK", "KS"])} {D(d["date"]).year}/{rng.randint(100, 2999)}')
        if d['tpl'] == 'paper_form' and d.get('names'):
            d['collab_phrase'] = collab_text(d['names'], 1)
        story, hdr, ftr, st = TPL[d['tpl']](d, rng)
        style = d['style']
        ext = {'photo_jpg': 'jpg', 'png': 'png'}.get(style, 'pdf')
        name = f'C2_{i:02d}.{ext}'
        d['file'] = name
        d['scanned'] = style != 'text'
        src = tmp / f'{i:02d}.pdf'
        build_pdf(src, story, header=hdr, footer=ftr, margins=(18, 24, 18, 18) if d['tpl'] in ('eservice_req',) or d.get('eservice') else (20, 22, 20, 20))
        if style == 'text':
            shutil.copy(src, out / name)
        else:
            stamp = None
            if rng.random() < 0.4 and style in ('office', 'faint'):
                stamp = ['INKOM', fdate(d['received'], 0), 'Socialstyrelsen']
            kind = {'photo_jpg': 'photo', 'photo_pdf': 'photo', 'png': 'office'}.get(style, style)
            scan_pdf(src, out / name, rng, kind=kind, stamp=stamp, out_format=ext, faxhdr=(
                f'{fdate(d["date"], 0)} {rng.randint(8, 16):02d}:{rng.randint(10, 59)}  FRÅN: '
                f'{orginfo(*d["org"])[1][2]}  TILL: 075-247 30 00' if kind == 'fax' else None))
    write_allocations(out / 'allocations.csv', rows)
    write_truth(out, docs)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f'{len(docs)} documents written to {out}')


if __name__ == '__main__':
    main()
