"""Blind corpus C3: documents in the wrong place, several years in one document, the bhv-pilot program.

usage: genC3.py OUTDIR --seed N
"""
import argparse, random, sys, tempfile, shutil
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from common import *  # noqa
from genC1 import (SEATS, MUN_SEATS, SIGN, TITLES_R, TITLES_M, NAME_R, letterhead, addressee, sign,
                   t_protokoll, t_req_pilot)
from genC2 import grid, cost_table, GREY, cbox

MUN_SEATS.setdefault('1281', ('Stadshuset', '221 00 Lund', '046-359 50 00', '212000-1223'))
K = lambda n, s=0: kr(n, s)


def orgname(kind, code):
    if kind == 'region':
        return NAME_R.get(code, REG[code][0]), SEATS[code]
    return mun_formal(MUN[code][0]), MUN_SEATS[code]


def t_letter(d, rng):
    """generic prose letter: d['title'], d['paras'] (strings)."""
    st = styles(d['font'], justify=d.get('justify', False))
    kind, code = d['org']
    org, seat = orgname(kind, code)
    hdr, ftr = letterhead(org, d.get('dept') or rng.choice(['Hälso- och sjukvårdsförvaltningen', 'Regionkansliet',
                                                               'Socialförvaltningen' if kind == 'municipality' else 'Hälsovalsenheten']),
                          seat, st, dnr=d.get('dnr'), date=d['date'], datestyle=d.get('datestyle', 0))
    story = [Spacer(1, 14 * mm)] + addressee(st, d.get('addr', 0))
    story.append(Paragraph(d['title'], st['h2']))
    for p in d['paras']:
        if isinstance(p, tuple) and p[0] == 'table':
            story += [cost_table(st, p[1], p[2], p[3], header=p[4]), Spacer(1, 8)]
        else:
            story.append(Paragraph(p, st['body']))
    story += sign(st, d['signer'], rng.choice(TITLES_R if kind == 'region' else TITLES_M), org)
    return story, hdr, ftr, st


# ------------------------------------------------------------------ documents in the wrong place
def t_invoice(d, rng):
    st = styles(d['font'], size=9.5)
    reg, bold = st['reg'], st['boldname']
    sup = d['supplier']

    def hdr(c, doc):
        W, H = A4
        c.setFont(bold, 16)
        c.drawString(20 * mm, H - 22 * mm, sup[0])
        c.setFont(reg, 8)
        c.drawString(20 * mm, H - 27 * mm, sup[1])
        c.setFont(bold, 18)
        c.drawRightString(W - 20 * mm, H - 22 * mm, 'FAKTURA')
        c.setFont(reg, 7.5)
        c.drawString(20 * mm, 12 * mm, f'{sup[0]} · {sup[1]} · Org.nr {sup[2]} · Bankgiro {sup[3]} · Godkänd för F-skatt')
    P = lambda s: Paragraph(s, st['body'])
    meta = [('Fakturanummer', d['invno']), ('Fakturadatum', fdate(d['date'], 0)),
            ('Förfallodatum', fdate(add_days(d['date'], 30), 0)), ('OCR', d['ocr']),
            ('Er referens', d['ref']), ('Vår referens', d['ourref'])]
    story = [Spacer(1, 10 * mm),
             Paragraph('<br/>'.join(d['buyer']), st['body']), Spacer(1, 6),
             grid(meta, st, widths=(45 * mm, 70 * mm)), Spacer(1, 10)]
    items = d['items']
    data = [[Paragraph('<b>Beskrivning</b>', st['cell']), Paragraph('<b>Antal</b>', st['cellr']),
             Paragraph('<b>À-pris</b>', st['cellr']), Paragraph('<b>Belopp</b>', st['cellr'])]]
    tot = 0
    for lab, n, ap in items:
        data.append([Paragraph(lab, st['cell']), Paragraph(str(n).replace('.', ','), st['cellr']),
                      Paragraph(f'{ap:,.2f}'.replace(',', ' ').replace('.', ','), st['cellr']),
                      Paragraph(f'{n * ap:,.2f}'.replace(',', ' ').replace('.', ','), st['cellr'])])
        tot += n * ap
    moms = tot * d.get('vat', 0.25)
    for lab, v in [('Summa exkl. moms', tot), (f'Moms {int(d.get("vat", 0.25) * 100)} %', moms), ('Att betala', tot + moms)]:
        data.append([Paragraph(f'<b>{lab}</b>', st['cell']), '', '',
                     Paragraph(f'<b>{v:,.2f}</b>'.replace(',', ' ').replace('.', ','), st['cellr'])])
    t = Table(data, colWidths=[90 * mm, 18 * mm, 28 * mm, 32 * mm])
    t.setStyle(TableStyle([('LINEBELOW', (0, 0), (-1, 0), 0.8, colors.black),
                           ('LINEABOVE', (0, len(items) + 1), (-1, len(items) + 1), 0.8, colors.black),
                           ('BACKGROUND', (0, -1), (-1, -1), GREY)]))
    story += [t, Spacer(1, 10)]
    for p in d.get('notes', []):
        story.append(P(p))
    return story, hdr, None, st


def t_cv(d, rng):
    st = styles(d['font'], size=10)
    P = lambda s: Paragraph(s, st['body'])
    story = [Paragraph('CURRICULUM VITAE', st['small']), Paragraph(d['person'], st['h1']),
             P('Leg. sjuksköterska, distriktssköterska<br/>Tallbacksvägen 14, 163 55 Spånga · 073-845 21 90 · '
               'f. 1984'),
             Paragraph('Yrkeserfarenhet', st['h2'])]
    for a, b in [('2023 – ', 'BVC-sjuksköterska med ansvar för utökade hembesök, Rinkeby familjecentral. Deltog i '
                  'pilotverksamheten i barnhälsovården tillsammans med föräldrarådgivare från socialtjänsten.'),
                 ('2018 – 2022', 'Distriktssköterska, vårdcentral i Tensta.'),
                 ('2012 – 2018', 'Sjuksköterska, barnakuten, Astrid Lindgrens barnsjukhus.')]:
        story.append(Paragraph(f'<b>{a}</b>&nbsp;&nbsp;{b}', st['indent']))
    story.append(Paragraph('Utbildning', st['h2']))
    for a, b in [('2017', 'Specialistsjuksköterskeprogrammet, distriktssköterska, 75 hp, Karolinska institutet'),
                 ('2012', 'Sjuksköterskeprogrammet, 180 hp, Sophiahemmet högskola')]:
        story.append(Paragraph(f'<b>{a}</b>&nbsp;&nbsp;{b}', st['indent']))
    story.append(Paragraph('Språk', st['h2']))
    story.append(P('Svenska (modersmål), engelska (flytande), arabiska (goda kunskaper)'))
    story.append(Paragraph('Referenser', st['h2']))
    story.append(P('Lämnas på begäran.'))
    story.append(Spacer(1, 10))
    story.append(P(f'Spånga {fdate(d["date"], 1)}'))
    return story, None, None, st


def t_newsletter(d, rng):
    st = styles(d['font'], size=10, justify=True)
    reg, bold = st['reg'], st['boldname']

    def hdr(c, doc):
        W, H = A4
        c.setFillColorRGB(*d.get('color', (0.1, 0.45, 0.4)))
        c.rect(0, H - 30 * mm, W, 30 * mm, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(bold, 20)
        c.drawString(20 * mm, H - 17 * mm, d['masthead'])
        c.setFont(reg, 9)
        c.drawString(20 * mm, H - 24 * mm, d['subline'])
        c.setFillColorRGB(0, 0, 0)
        c.setFont(reg, 7.5)
        c.drawString(20 * mm, 10 * mm, d.get('foot', 'Du får nyhetsbrevet eftersom du prenumererar. Avsluta prenumerationen via länken i e-postmeddelandet.'))
    story = [Spacer(1, 14 * mm)]
    for h, txt in d['items']:
        story.append(Paragraph(h, st['h2']))
        story.append(Paragraph(txt, st['body']))
    return story, hdr, None, st


def t_invitation(d, rng):
    st = styles(d['font'], size=10.5)
    kind, code = d['org'] if d.get('org') else ('x', None)
    if code:
        org, seat = orgname(kind, code)
        hdr, ftr = letterhead(org, d.get('dept', 'Kansliet'), seat, st, date=d['date'])
    else:
        hdr = ftr = None
    P = lambda s: Paragraph(s, st['body'])
    story = [Spacer(1, 14 * mm), Paragraph(d['title'], st['h1'])]
    for p in d['paras']:
        story.append(P(p))
    rows = [('Tid', d['when']), ('Plats', d['where']), ('Anmälan', d['rsvp'])]
    story += [grid(rows, st, widths=(30 * mm, 130 * mm)), Spacer(1, 8)]
    if d.get('agenda'):
        story.append(Paragraph('Dagordning', st['h2']))
        for i, a in enumerate(d['agenda'], 1):
            story.append(P(f'{i}. {a}'))
    story.append(P(f'Välkomna!<br/>{d["signer"]}'))
    return story, hdr, ftr, st


def t_jobad(d, rng):
    st = styles(d['font'], size=10.5, justify=True)
    kind, code = d['org']
    org, seat = orgname(kind, code)
    reg, bold = st['reg'], st['boldname']

    def hdr(c, doc):
        W, H = A4
        c.setFont(bold, 11)
        c.drawString(20 * mm, H - 15 * mm, org)
        c.setFont(reg, 8)
        c.drawRightString(W - 20 * mm, H - 15 * mm, f'Annons-ID {d["adid"]} · Publicerad {fdate(d["date"], 0)}')
    P = lambda s: Paragraph(s, st['body'])
    story = [Paragraph(d['title'], st['h1'])] + [P(p) for p in d['paras']]
    story.append(grid([('Anställningsform', 'Tillsvidare, heltid'), ('Tillträde', 'Enligt överenskommelse'),
                       ('Sista ansökningsdag', fdate(add_days(d['date'], 21), 0)), ('Referensnummer', d['adid']),
                       ('Kontakt', f'{d["signer"]}, {seat[2]}')], st, widths=(45 * mm, 120 * mm)))
    return story, hdr, None, st


TPL = {'letter': t_letter, 'protokoll': t_protokoll, 'req_pilot': t_req_pilot, 'invoice': t_invoice, 'cv': t_cv,
       'newsletter': t_newsletter, 'invitation': t_invitation, 'jobad': t_jobad}


def plan(rng):
    docs = []
    add = lambda **k: docs.append(k)
    # ============ several years in one document ============
    # -- requisitions 2024 that look back at 2023
    add(type='requisition', tpl='letter', program='hembesok', year=2024, org=('region', '24'),
        amounts={'requested': 2755000}, names=['Umeå', 'Skellefteå'], share=40,
        title='Rekvisition av statsbidrag för utökade hembesöksprogram 2024',
        paras=['För 2023 tilldelades Region Västerbotten 634 000 kronor för att stödja och stimulera '
               'barnhälsovårdens förebyggande arbete med hembesöksprogram. Av dessa återbetalades 45 900 kronor '
               'efter återrapporteringen i februari 2024.',
               'För bidragsåret 2024 rekvirerar regionen härmed 2 755 000 kronor.',
               'Arbetet bedrivs i samverkan med Umeå kommun och Skellefteå kommun. 40 procent av bidraget går till '
               'kommunal verksamhet.',
               'Regionen avser att fortsätta programmet även 2025, då förordningen (2025:74) ger kommunerna '
               'möjlighet att själva söka medel.'],
        date='2024-02-06', received='2024-02-08', style='text')
    add(type='requisition', tpl='letter', program='hembesok', year=2024, org=('region', '06'),
        amounts={'requested': 5200000}, names=['Jönköping'], share=30,
        title='Rekvisition – statsbidrag utökade hembesök, bidragsår 2024',
        paras=['Region Jönköpings län har under 2023 planerat arbetet med utökade hembesök med stöd av 2023 års '
               'statsbidrag om 486 000 kronor.',
               'Mot bakgrund av det ökade antalet familjer i programmet rekvirerar regionen 5 200 000 kronor för 2024.',
               'Samverkan sker med Jönköpings kommun. Andelen som finansierar kommunal verksamhet är 30 procent.'],
        date='2024-03-19', received='2024-03-21', style='office')
    add(type='requisition', tpl='letter', program='hembesok', year=2024, org=('region', '21'),
        amounts={'requested': 1307000}, names=['Gävle', 'Sandviken', 'Hudiksvall'], share=35,
        title='Rekvisition 2024 – utökade hembesöksprogram',
        paras=['Region Gävleborg rekvirerar 1 307 000 kronor för 2024 (för 2023 erhöll regionen 298 000 kronor).',
               'Programmet genomförs 2024 tillsammans med Gävle, Sandvikens och Hudiksvalls kommuner. '
               'Regionen och kommunerna har kommit överens om att 35 procent av medlen ska finansiera kommunal '
               'verksamhet.'],
        date='2024-01-22', received='2024-01-24', style='faint')
    # -- decisions that mention several years
    add(type='decision', tpl='protokoll', program='hembesok', year=2024, org=('region', '18'),
        amounts={'decided': 3406000}, dec_tol=0.5, para=58, dnr='RS 24/01177',
        dec_text='fördela 2024 års statsbidrag för utökade hembesöksprogram, 3 406 000 kronor, till centrala '
                 'barnhälsovårdsenheten,',
        bg=['Regionstyrelsen beslutade den 28 november 2023 att fördela 2023 års statsbidrag om 1,3 miljoner '
            'kronor till centrala barnhälsovårdsenheten.',
            'För 2024 har Socialstyrelsen fördelat 82 miljoner kronor till regionerna, varav 3 406 000 kronor till '
            'Region Örebro län. Från 2025 regleras bidraget i förordningen (2025:74).'],
        tj_date='2024-04-30', date='2024-05-14', received='2024-05-17', style='text')
    add(type='decision', tpl='protokoll', program='hembesok', year=2024, org=('region', '17'),
        amounts={'decided': 2800000}, dec_tol=50000, para=122, dnr='RS/2024:0219',
        dec_text='statsbidraget för utökade hembesöksprogram 2024, 2,8 miljoner kronor, fördelas till '
                 'vårdcentralerna i Karlstad och Kristinehamn,',
        bg=['För 2023 fick Region Värmland 2 770 000 kronor, som fördelades till centrala barnhälsovården.',
            'För 2024 uppgår regionens andel till cirka 2,8 miljoner kronor.'],
        tj_date='2024-05-21', date='2024-06-04', received='2024-06-07', style='office')
    add(type='decision', tpl='protokoll', program='hembesok', year=2024, org=('region', '07'),
        amounts={'decided': 2400000}, dec_tol=0.5, para=76, dnr='RK 2024/0388',
        dec_text='avsätta 2 400 000 kronor av 2024 års statsbidrag för utökade hembesöksprogram till '
                 'familjecentralerna i Växjö,',
        bg=['År 2023 erhöll regionen 1 811 000 kronor, som användes för planering.',
            'Resterande del av 2024 års medel fördelas i ett senare beslut.'],
        tj_date='2024-04-15', date='2024-04-24', received='2024-04-30', style='text')
    add(type='decision', tpl='protokoll', program='hembesok', year=2023, org=('region', '10'),
        amounts={'decided': 1989000}, dec_tol=0.5, para=301, dnr='2023/0914',
        dec_text='ta emot och fördela statsbidraget för hembesöksprogram 2023 om 1 989 000 kronor till '
                 'barnhälsovården,',
        bg=['Regeringen har aviserat att 100 miljoner kronor planeras för 2024 och 200 miljoner kronor årligen '
            'från 2025.',
            'Regionen avser att rekvirera även de kommande årens medel.'],
        tj_date='2023-10-03', date='2023-10-18', received='2023-10-23', style='fax')
    # -- return reports that mention other years
    add(type='return_report', tpl='letter', program='hembesok', year=2024, org=('region', '14'),
        amounts={'received': 12774000, 'used': 11905000, 'unused': 869000},
        title='Återrapportering av statsbidrag för utökade hembesöksprogram 2024',
        paras=['Västra Götalandsregionen redovisar härmed användningen av 2024 års statsbidrag.',
               'Av 2023 års bidrag, 5 650 000 kronor, återbetalades 412 000 kronor i mars 2024. Det beloppet ingår '
               'inte i denna redovisning.',
               'För 2024 har regionen tagit emot 12 774 000 kronor. Förbrukat belopp uppgår till 11 905 000 '
               'kronor, och ej förbrukade medel om 869 000 kronor återbetalas efter fakturering.',
               'Inför 2025 har regionen ansökt om fortsatt bidrag enligt förordningen (2025:74).'],
        date='2025-02-19', received='2025-02-21', style='text')
    add(type='return_report', tpl='letter', program='hembesok', year=2024, org=('region', '08'),
        amounts={'received': 3636000, 'used': 3301900, 'unused': 334100},
        title='Ekonomisk redovisning – utökade hembesöksprogram, bidragsår 2024',
        paras=['Region Kalmar län har för 2024 erhållit 3 636 000 kronor (2023: 975 000 kronor).',
               ('table', [('2024: Personalkostnader', 2480000, False), ('2024: Tolk och resor', 512400, False),
                          ('2024: Utbildning', 309500, False)], 'Summa förbrukat 2024', 3301900,
                ('Kostnadsslag', 'Kronor')),
               'Ej förbrukat, 334 100 kronor, återbetalas till Socialstyrelsen.'],
        date='2025-02-25', received='2025-02-27', style='office')
    add(type='return_report', tpl='letter', program='hembesok', year=2024, org=('region', '03'),
        amounts={'received': 2535000, 'used': 2535000, 'unused': 0},
        title='Återrapportering statsbidrag utökade hembesöksprogram 2024',
        paras=['Region Uppsala har tagit emot 2 535 000 kronor för 2024. Hela beloppet, 2 535 000 kronor, har '
               'förbrukats och inget belopp återbetalas.',
               'Jämfört med 2023, då 1 709 000 kronor erhölls, har antalet familjer i programmet fördubblats.'],
        date='2025-03-03', received='2025-03-04', style='text')
    add(type='return_report', tpl='letter', program='hembesok', year=2023, org=('region', '12'),
        amounts={'received': 6334000, 'used': 5802300, 'unused': 531700},
        title='Återrapportering av 2023 års statsbidrag för hembesöksprogram',
        paras=['Region Skåne har för 2023 tagit emot 6 334 000 kronor, varav 5 802 300 kronor har förbrukats. '
               'Återstående 531 700 kronor återbetalas.',
               'Regionen har den 12 februari 2024 rekvirerat 9 903 000 kronor för 2024. Den rekvisitionen '
               'redovisas separat.'],
        date='2024-02-22', received='2024-02-26', style='text')
    add(type='return_report', tpl='letter', program='hembesok', year=2023, org=('region', '19'),
        amounts={'received': 1472000, 'used': 1488000, 'unused': 0},
        title='Återrapportering 2023 – hembesöksprogram inom barnhälsovården',
        paras=['Region Västmanland erhöll 1 472 000 kronor för 2023. Förbrukade medel för 2023 uppgår till 1 488 000 '
               'kronor, vilket överstiger bidraget. Mellanskillnaden har finansierats av regionen. Inget belopp '
               'återbetalas.',
               'För 2024 planerar regionen att rekvirera hela tilldelningen om 3 370 000 kronor.'],
        date='2024-02-15', received='2024-02-19', style='photo_jpg')
    # instruction mentioning several years (region routine), clearly for 2024
    add(type='instruction', tpl='letter', program='hembesok', year=2024, org=('region', '25'),
        title='Anvisning till hälsocentralerna: utökade hembesök 2024',
        paras=['Denna anvisning gäller för arbetet med utökade hembesöksprogram under bidragsåret 2024 och ersätter '
               'anvisningen för 2023.',
               'Hälsocentralerna ska registrera varje gemensamt hembesök med socialtjänsten. Kostnader som uppstår '
               'efter den 31 december 2024 kan inte belastas 2024 års statsbidrag.',
               'Inför 2025 kommer en ny anvisning att tas fram när villkoren i förordningen (2025:74) är kända.'],
        date='2024-03-05', received='2024-03-07', style='text', dept='Hälso- och sjukvårdsförvaltningen', addr=1)

    # ============ bhv-pilot ============
    P_ = 'bhv-pilot'
    add(type='requisition', tpl='req_pilot', program=P_, year=2023, org=('municipality', '0127'),
        amounts={'requested': 650000}, share=45, area='Alby och Fittja', variant=0, date='2023-05-03',
        received='2023-05-04', style='text', amstyle=0)
    add(type='requisition', tpl='req_pilot', program=P_, year=2023, org=('municipality', '1280'),
        amounts={'requested': 580000}, share=45, area='Rosengård', variant=1, date='2023-05-11',
        received='2023-05-12', style='office', amstyle=1)
    add(type='requisition', tpl='req_pilot', program=P_, year=2023, org=('municipality', '1480'),
        amounts={'requested': 580000}, area='Hjällbo', variant=0, date='2023-04-24', received='2023-04-26',
        style='text', amstyle=0)
    add(type='requisition', tpl='req_pilot', program=P_, year=2023, org=('municipality', '1480'),
        amounts={'requested': 560000}, area='Hjällbo', variant=1, date='2023-06-09', received='2023-06-12',
        style='faint', amstyle=2)
    add(type='requisition', tpl='req_pilot', program=P_, year=2023, org=('municipality', '0180'),
        amounts={'requested': 255000}, share=30, area='Rinkeby-Kista', variant=0, date='2023-06-16',
        received='2023-06-20', style='text', amstyle=0)
    add(type='requisition', tpl='req_pilot', program=P_, year=2023, org=('municipality', '1281'),
        amounts={'requested': 580000}, area='Norra Fäladen', variant=1, date='2023-05-25', received='2023-05-26',
        style='text', amstyle=0)
    # pilot reports
    add(type='return_report', tpl='letter', program=P_, year=2023, org=('municipality', '0127'),
        amounts={'received': 650000, 'used': 603500, 'unused': 46500},
        title='Återrapportering – pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden 2023',
        paras=['Botkyrka kommun har för 2023 tagit emot 650 000 kronor för pilotverksamheten i Alby och Fittja.',
               'Av medlen har 603 500 kronor förbrukats. Ej förbrukade medel, 46 500 kronor, återbetalas.',
               'Kommunen fortsätter arbetet under 2024 med egna medel.'],
        date='2024-03-27', received='2024-03-28', style='text')
    add(type='return_report', tpl='letter', program=P_, year=2023, org=('municipality', '1280'),
        amounts={'received': 580000, 'used': 512000, 'unused': 68000},
        title='Redovisning av statsbidrag för pilotverksamhet i barnhälsovården 2023',
        paras=['Malmö stad har tagit emot 580 000 kronor för pilotverksamhet i Rosengård 2023.',
               'Förbrukat: 512 000 kronor. Att återbetala: 68 000 kronor.'],
        date='2024-05-08', received='2024-05-10', style='office')
    add(type='return_report', tpl='letter', program=P_, year=2023, org=('municipality', '1480'),
        amounts={'received': 580000, 'used': 580000, 'unused': 0},
        title='Återrapportering pilotverksamhet barnhälsovård 2023 – Hjällbo',
        paras=['Göteborgs Stad har för 2023 erhållit 580 000 kronor och har förbrukat 580 000 kronor. '
               'Inga medel återbetalas.',
               'Under 2024 har arbetet i Hjällbo finansierats inom ordinarie budget.'],
        date='2024-04-29', received='2024-05-02', style='text')
    add(type='return_report', tpl='letter', program=P_, year=2023, org=('municipality', '0180'),
        amounts={'received': 255000, 'used': 262400, 'unused': 0},
        title='Ekonomisk redovisning – pilotverksamhet i barnhälsovården 2023',
        paras=['Stockholms stad, Rinkeby-Kista stadsdelsförvaltning, har tagit emot 255 000 kronor för 2023.',
               'Förbrukade medel uppgår till 262 400 kronor. Överskjutande kostnader har täckts av '
               'stadsdelsnämndens budget. Inget belopp återbetalas.'],
        date='2024-04-10', received='2024-04-12', style='png')
    # pilot decisions (municipal boards)
    add(type='decision', tpl='protokoll', program=P_, year=2023, org=('municipality', '0180'),
        amounts={'decided': 300000}, dec_tol=50000, board='Rinkeby-Kista stadsdelsnämnd', para=84,
        dnr='RK 2023/0311',
        dec_text='ta emot statsbidrag om cirka 0,3 miljoner kronor för pilotverksamhet i barnhälsovården 2023,',
        bg=['Stadsdelsnämnden deltar som särskilt område i pilotverksamheten.'],
        tj_date='2023-04-11', date='2023-04-20', received='2023-04-24', style='text')
    add(type='decision', tpl='protokoll', program=P_, year=2023, org=('municipality', '0127'),
        amounts={'decided': 528000}, dec_tol=0.5, board='Socialnämnden', para=41, dnr='SN/2023:144',
        dec_text='godkänna att förvaltningen tar emot 528 000 kronor i statsbidrag för pilotverksamhet i '
                 'barnhälsovården 2023,',
        bg=['Botkyrka kommun deltar med Alby och Fittja i pilotverksamheten.'],
        tj_date='2023-03-29', date='2023-04-12', received='2023-04-14', style='office')
    add(type='decision', tpl='protokoll', program=P_, year=2023, org=('municipality', '1480'),
        amounts={'decided': 580000}, dec_tol=0.5, board='Socialnämnden Nordost', para=133, dnr='N169-0221/23',
        dec_text='rekvirera 580 000 kronor för pilotverksamhet i barnhälsovården i Hjällbo 2023,',
        bg=['Göteborgs Stad deltar med Hjällbo i Socialstyrelsens pilotverksamhet. Pilotverksamheten planeras '
            'pågå även 2024, med förbehåll för att medel beviljas.'],
        tj_date='2023-04-05', date='2023-04-18', received='2023-04-21', style='text')

    # ============ documents in the wrong place ============
    O = 'other'
    add(type=O, tpl='invoice', date='2024-09-30', received='2024-10-02', style='text',
        supplier=('Tolkförmedlingen Norr AB', 'Storgatan 22, 903 26 Umeå', '556812-4471', '5402-1187'),
        buyer=['Region Västerbotten', 'Fakturaservice', 'Box 443', '901 09 Umeå'], invno='2024-10482',
        ocr='104820093', ref='Projekt 4711 Utökade hembesök', ourref='Jenny Sundqvist',
        items=[('Tolk, hembesök, arabiska, 2 tim, 2024-09-04', 2, 575.0),
               ('Tolk, hembesök, dari, 1,5 tim, 2024-09-11', 1.5, 575.0), ('Reseersättning', 1, 310.0)])
    add(type=O, tpl='invoice', date='2025-03-17', received='2025-03-19', style='office',
        supplier=('Kontorsvaruhuset i Malmö AB', 'Industrigatan 9, 212 14 Malmö', '556401-2299', '5133-7720'),
        buyer=['Malmö stad', 'Hälsa-, vård- och omsorgsförvaltningen', 'Leverantörsfakturor', '205 80 Malmö'],
        invno='88123', ocr='8812300457', ref='HVOM Rosengård', ourref='Kundtjänst',
        items=[('Kopieringspapper A4, 5 x 500 ark', 4, 289.0), ('Pärmar A4, röd', 12, 39.5),
               ('Whiteboardpennor, 4-pack', 3, 69.0)])
    add(type=O, tpl='cv', date='2024-08-19', received='2024-08-21', style='text', person='Amira Haddad')
    add(type=O, tpl='newsletter', date='2024-06-03', received='2024-06-05', style='text',
        nodate=True, masthead='Barnhälsovården informerar', subline='Nyhetsbrev för BVC-personal · juni 2024',
        items=[('Språkstöd i väntrummet', 'Från hösten finns bildstöd på tio språk i alla väntrum. Materialet kan '
                'beställas kostnadsfritt.'),
               ('Nya vaccinationsrutiner', 'Rutinen för kompletterande vaccinationer har uppdaterats. Läs den nya '
                'versionen i ledningssystemet.'),
               ('Sommarstängda mottagningar', 'Under juli har flera mottagningar reducerade öppettider. Hänvisa '
                'föräldrar till närmaste öppna BVC.'),
               ('Kurs i motiverande samtal', 'Tre kurstillfällen under hösten. Anmälan via utbildningsportalen senast '
                '30 augusti.')])
    add(type=O, tpl='newsletter', date='2025-01-13', received='2025-01-15', style='office',
        nodate=True, masthead='Nätverket för föräldrastöd', subline='Medlemsbrev nr 1 · januari 2025', color=(0.45, 0.2, 0.35),
        items=[('Årets första träff', 'Nätverket träffas digitalt den 12 februari. Tema: att nå pappor i '
                'föräldrastödet.'),
               ('Ny forskning', 'En ny avhandling visar att hembesök i kombination med föräldragrupper ökar '
                'deltagandet i barnhälsovårdens program.'),
               ('Medlemsavgift', 'Medlemsavgiften för 2025 är oförändrad, 350 kronor per organisation.')])
    add(type=O, tpl='invitation', org=('municipality', '1280'), program=P_, year=2023, date='2023-09-11',
        received='2023-09-13', style='text', title='Kallelse: uppföljningsmöte för pilotverksamheten',
        paras=['Välkommen till uppföljningsmöte för pilotverksamheten i barnhälsovården i socioekonomiskt utsatta '
               'områden 2023. Mötet samlar representanter för de fyra pilotområdena.'],
        when='5 oktober 2023 kl. 13.00–16.00', where='Malmö stadshus, sammanträdesrum Kockum',
        rsvp='senast 25 september 2023 till pilotsamordnaren',
        agenda=['Lägesrapport från varje område', 'Erfarenheter av gemensamma hembesök',
                'Planering av utvärderingen', 'Övriga frågor'], dept='Hälsa-, vård- och omsorgsförvaltningen')
    add(type=O, tpl='invitation', org=('region', '25'), program='hembesok', year=2024, date='2024-08-26',
        received='2024-08-28', style='photo_jpg', title='Inbjudan: Teams-möte om utökade hembesök',
        paras=['Region Norrbotten bjuder in samverkande kommuner till ett digitalt möte om arbetet inom '
               'statsbidraget för utökade hembesöksprogram 2024.'],
        when='17 september 2024 kl. 09.00–10.30', where='Microsoft Teams (länk skickas ut)',
        rsvp='senast 10 september 2024', agenda=['Uppföljning första halvåret', 'Rekrytering', 'Nästa steg'],
        dept='Hälso- och sjukvårdsförvaltningen')
    add(type=O, tpl='jobad', org=('region', '18'), date='2024-07-01', received='2024-07-03', style='text',
        adid='RÖL-2024-1187', title='BVC-sjuksköterska till utökade hembesök, Vivalla',
        paras=['Region Örebro län söker en BVC-sjuksköterska till det utökade hembesöksprogrammet på Vivalla '
               'vårdcentral. Du gör hembesök tillsammans med föräldrarådgivare från socialtjänsten.',
               'Vi söker dig som är distriktssköterska eller barnsjuksköterska med erfarenhet av barnhälsovård. '
               'Kunskaper i arabiska eller somaliska är meriterande.'])
    add(type=O, tpl='invitation', org=None, nodate=True, date='2024-10-07', received='2024-10-09', style='text',
        title='Utbildningsdag: Barnhälsovård i utsatta områden',
        paras=['Nationell utbildningsdag för barnhälsovårdens personal, arrangerad av föreningen för '
               'barnhälsovård. Avgift 1 950 kronor exkl. moms per deltagare.'],
        when='21 november 2024 kl. 09.30–16.00', where='Folkets hus, Stockholm', rsvp='via föreningens webbplats',
        signer='Programkommittén')
    return docs


def truth_of(d):
    e = {'document_type': d['type']}
    if d.get('program'):
        e['program'] = d['program']
        e['grant_year'] = d['year']
    if d.get('org'):
        e['organisation'] = {'kind': d['org'][0], 'code': d['org'][1]}
    if d.get('amounts'):
        e['amounts'] = dict(d['amounts'])
    if not d.get('nodate'):
        e['document_date'] = d['date']
    if d.get('names'):
        e['collaborating_municipalities'] = sorted(mc(n) for n in d['names'])
    if d.get('share') is not None:
        e['municipal_share_percent'] = d['share']
    return e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('outdir')
    ap.add_argument('--seed', type=int, default=3)
    a = ap.parse_args()
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)
    docs = plan(rng)
    docs.sort(key=lambda d: d['received'])
    rows = make_allocations()
    for d in docs:
        d['expect'] = truth_of(d)
    compute_flags(docs, rows)
    tmp = Path(tempfile.mkdtemp(prefix='c3gen-'))
    for i, d in enumerate(docs, 1):
        d.setdefault('font', rng.randrange(5))
        d.setdefault('signer', rng.choice(SIGN))
        d.setdefault('variant', 0)
        d.setdefault('dnr', f'Dnr {rng.choice(["RS", "HSN", "SN", "KS"])} {D(d["date"]).year}/{rng.randint(100, 2999)}')
        story, hdr, ftr, st = TPL[d['tpl']](d, rng)
        style = d['style']
        ext = {'photo_jpg': 'jpg', 'png': 'png'}.get(style, 'pdf')
        name = f'C3_{i:02d}.{ext}'
        d['file'] = name
        d['scanned'] = style != 'text'
        src = tmp / f'{i:02d}.pdf'
        build_pdf(src, story, header=hdr, footer=ftr)
        if style == 'text':
            shutil.copy(src, out / name)
        else:
            stamp = None
            if rng.random() < 0.4 and style in ('office', 'faint'):
                stamp = ['INKOM', fdate(d['received'], 0), 'Socialstyrelsen']
            kind = {'photo_jpg': 'photo', 'png': 'office'}.get(style, style)
            scan_pdf(src, out / name, rng, kind=kind, stamp=stamp, out_format=ext,
                     faxhdr=(f'{fdate(d["date"], 0)} 14:{rng.randint(10, 59)}  FRÅN: 0455-73 10 00' if kind == 'fax' else None))
    write_allocations(out / 'allocations.csv', rows)
    write_truth(out, docs)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f'{len(docs)} documents written to {out}')


if __name__ == '__main__':
    main()
