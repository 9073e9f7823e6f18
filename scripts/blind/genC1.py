"""Blind corpus C1: letters in prose and municipal senders.

usage: genC1.py OUTDIR --seed N
"""
import argparse, random, sys, tempfile, shutil
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from common import *  # noqa

SEATS = {'01': ('Box 6909', '102 39 Stockholm', '08-123 130 00', '232100-0016'),
         '03': ('Box 602', '751 25 Uppsala', '018-611 00 00', '232100-0024'),
         '04': ('Repslagaregatan 19', '611 88 Nyköping', '0155-24 50 00', '232100-0032'),
         '05': ('S:t Larsgatan 49', '581 91 Linköping', '010-103 00 00', '232100-0040'),
         '06': ('Box 1024', '551 11 Jönköping', '010-242 00 00', '232100-0057'),
         '07': ('Box 1223', '351 12 Växjö', '0470-58 30 00', '232100-0065'),
         '08': ('Box 601', '391 26 Kalmar', '0480-840 00', '232100-0073'),
         '10': ('Landstingsvägen 2', '371 81 Karlskrona', '0455-73 10 00', '232100-0081'),
         '12': ('Rådhus Skåne', '291 89 Kristianstad', '044-309 30 00', '232100-0255'),
         '13': ('Box 517', '301 80 Halmstad', '035-13 48 00', '232100-0115'),
         '14': ('Regionens hus', '405 44 Göteborg', '010-441 00 00', '232100-0131'),
         '17': ('Rosenborgsgatan 15', '651 82 Karlstad', '054-61 40 00', '232100-0156'),
         '18': ('Box 1613', '701 16 Örebro', '019-602 10 00', '232100-0164'),
         '19': ('Regionhuset', '721 89 Västerås', '021-17 30 00', '232100-0172'),
         '20': ('Box 712', '791 29 Falun', '023-49 00 00', '232100-0180'),
         '21': ('Box 834', '801 30 Gävle', '026-15 40 00', '232100-0198'),
         '22': ('Regionens hus', '871 85 Härnösand', '0611-800 00', '232100-0206'),
         '23': ('Box 654', '831 27 Östersund', '063-14 75 00', '232100-0214'),
         '24': ('Box 443', '901 09 Umeå', '090-785 00 00', '232100-0222'),
         '25': ('Box 943', '971 28 Luleå', '0920-28 40 00', '232100-0230')}
MUN_SEATS = {'0127': ('Munkhättevägen 45', '147 85 Tumba', '08-530 610 00', '212000-2882'),
             '1280': ('August Palms plats 1', '205 80 Malmö', '040-34 10 00', '212000-1124'),
             '1480': ('Box 5015', '402 21 Göteborg', '031-365 00 00', '212000-1355'),
             '0180': ('Box 44', '124 21 Bandhagen', '08-508 11 000', '212000-0142'),
             '2480': ('Skolgatan 31 A', '901 84 Umeå', '090-16 10 00', '212000-2627'),
             '2460': ('Vännäs kommun', '911 81 Vännäs', '0935-140 00', '212000-2585'),
             '0181': ('Campusgatan 26', '151 89 Södertälje', '08-523 010 00', '212000-0159')}

DEPTS_R = ['Hälso- och sjukvårdsförvaltningen', 'Regionkansliet', 'Hälsovalsenheten',
           'Central barnhälsovård', 'Avdelningen för primärvård', 'Regionledningskontoret']
SIGN = ['Anna Lindqvist', 'Per-Olof Nyström', 'Karin Hedlund', 'Mats Eriksson', 'Eva Sandberg',
        'Johan Holm', 'Maria Åkesson', 'Lars Berglund', 'Sara Öberg', 'Fredrik Lund', 'Ingrid Wallin',
        'Ahmed Hassan', 'Lena Forsberg', 'Jonas Engström', 'Helena Björk']
TITLES_R = ['hälso- och sjukvårdsdirektör', 'regiondirektör', 'verksamhetschef, Centrala barnhälsovården',
            'ekonomichef', 'primärvårdsdirektör', 'enhetschef']
TITLES_M = ['socialdirektör', 'förvaltningschef', 'stadsdelsdirektör', 'avdelningschef', 'controller']

NAME_R = {'01': 'Region Stockholm', '14': 'Västra Götalandsregionen', '23': 'Region Jämtland Härjedalen'}


def regname(code):
    return REG[code][0]


def collab_text(names, style):
    """names: list of short municipality names. Returns phrase."""
    def join(xs):
        return xs[0] if len(xs) == 1 else ', '.join(xs[:-1]) + ' och ' + xs[-1]
    if style == 0:      # Umeå, Vännäs och Robertsfors kommuner
        return join(names[:-1] + [names[-1]]) + (' kommuner' if len(names) > 1 else ' kommun')
    if style == 1:
        return join([mun_formal(n) for n in names])
    if style == 2:
        return 'kommunerna ' + join(names) if len(names) > 1 else mun_formal(names[0])
    if style == 3:      # genitive last: Luleå och Bodens kommuner
        if len(names) == 1:
            return mun_formal(names[0])
        return join(names[:-1] + [gen_s(names[-1])]) + ' kommuner'
    raise ValueError


def letterhead(orgname, dept, seat, st, dnr=None, date=None, datestyle=0, logo=True):
    """returns header function drawing letterhead at top and a footer with misleading numbers."""
    reg, bold = st['reg'], st['boldname']

    def header(c, doc):
        W, H = A4
        if doc.page == 1:
            if logo:
                c.setFillColorRGB(0.15, 0.3, 0.55)
                c.circle(25 * mm + 6, H - 17 * mm, 7, stroke=0, fill=1)
                c.setFillColorRGB(0, 0, 0)
            c.setFont(bold, 13)
            c.drawString(25 * mm + (18 if logo else 0), H - 19 * mm, orgname)
            c.setFont(reg, 9)
            c.drawString(25 * mm + (18 if logo else 0), H - 24 * mm, dept)
            if date:
                c.setFont(reg, 10)
                c.drawRightString(W - 25 * mm, H - 19 * mm, 'Datum: ' + fdate(date, datestyle) if datestyle == 0 else fdate(date, datestyle))
            if dnr:
                c.setFont(reg, 9)
                c.drawRightString(W - 25 * mm, H - 24 * mm, dnr)
        else:
            c.setFont(reg, 8.5)
            c.drawString(25 * mm, H - 14 * mm, orgname)
        c.setFont(reg, 8)
        c.drawRightString(W - 25 * mm, 12 * mm, f'Sida {doc.page}')

    def footer(c, doc):
        W, H = A4
        if doc.page != 1:
            return
        c.setStrokeColorRGB(0.6, 0.6, 0.6)
        c.line(25 * mm, 20 * mm, W - 25 * mm, 20 * mm)
        c.setFont(reg, 7.5)
        c.drawString(25 * mm, 16 * mm, f'Postadress: {seat[0]}, {seat[1]}')
        c.drawString(25 * mm, 12.5 * mm, f'Telefon: {seat[2]}   Org.nr: {seat[3]}')
        c.drawString(110 * mm, 16 * mm, f'E-post: registrator@{orgname.split()[-1].lower()}.se'
                     .replace('ö', 'o').replace('ä', 'a').replace('å', 'a'))
    return header, footer


def addressee(st, variant=0):
    lines = [['Socialstyrelsen', 'Enheten för statsbidrag', '106 30 Stockholm'],
             ['Till Socialstyrelsen', '106 30 STOCKHOLM'],
             ['Socialstyrelsen', 'Avdelningen för kunskapsstöd', 'statsbidrag@socialstyrelsen.se']][variant % 3]
    return [Paragraph('<br/>'.join(lines), st['body']), Spacer(1, 10)]


def sign(st, name, title, orgname, place_date=None, closing='Med vänlig hälsning'):
    out = [Spacer(1, 10)]
    if place_date:
        out.append(Paragraph(place_date, st['body']))
    out += [Paragraph(closing, st['body']), Spacer(1, 18),
            Paragraph(f'{name}<br/>{title}<br/>{orgname}', st['body'])]
    return out


# ------------------------------------------------------------------ templates
def t_req_region(d, rng):
    st = styles(d['font'], justify=d.get('justify', False))
    code = d['org'][1]
    org = NAME_R.get(code, regname(code))
    v = d['variant']
    am = d['amounts']['requested']
    P = lambda s: Paragraph(s, st['body'])
    hdr, ftr = letterhead(org, rng.choice(DEPTS_R), SEATS[code], st, dnr=d.get('dnr'), date=d['date'],
                          datestyle=d.get('datestyle', 0))
    story = [Spacer(1, 14 * mm)] + addressee(st, v)
    y = d['year']
    amt = kr(am, d.get('amstyle', 0), nb=d.get('nb', False))
    ct = d.get('collab_phrase')
    share = d.get('share')
    sh = {0: f'{share} procent', 1: f'{share} %', 2: f'{share}%'}.get(d.get('sharestyle', 0)) if share is not None else None
    if v == 0:
        story += [Paragraph(f'Rekvisition av statsbidrag för utökade hembesöksprogram {y}', st['h2']),
                  P(f'{org} rekvirerar härmed {amt} i statsbidrag för att stödja och stimulera barnhälsovårdens '
                    f'förebyggande arbete med utökade hembesöksprogram under {y}, i enlighet med Socialstyrelsens '
                    f'anvisningar för bidragsåret {y}.')]
        if ct:
            story.append(P(f'Programmet genomförs i samverkan med {ct}. Samverkan sker främst med socialtjänstens '
                           f'förebyggande verksamhet och med förskolan i de berörda bostadsområdena.'))
        if sh:
            story.append(P(f'Av bidraget kommer {sh} att användas för att finansiera kommunal verksamhet, i första '
                           f'hand socialsekreterarnas medverkan vid de gemensamma hembesöken.'))
        story.append(P('Regionen önskar även ta del av eventuella kvarvarande medel om sådana fördelas efter '
                       'rekvisitionstillfället.'))
        story.append(P(f'Medlen önskas utbetalda till regionens bankgiro {rng.randint(100,999)}-{rng.randint(1000,9999)}. '
                       f'Kontaktperson för rekvisitionen är {rng.choice(SIGN)}, telefon {SEATS[code][2]}.'))
    elif v == 1:
        story += [Paragraph(f'Rekvisition – statsbidrag {y} för att stödja och stimulera barnhälsovårdens arbete med '
                            f'utökade hembesök', st['h2']),
                  P(f'Socialstyrelsen har den 6 februari {y} öppnat rekvisitionen av statsbidraget för utökade '
                    f'hembesöksprogram. Sista dag att rekvirera är den 5 april {y}.'),
                  P(f'Härmed rekvirerar {org} {amt}, vilket motsvarar regionens andel enligt Socialstyrelsens '
                    f'fördelningslista.' if not d.get('not_full') else
                    f'Härmed rekvirerar {org} {amt} av statsbidraget för {y}.')]
        if ct:
            story.append(P(f'Under året kommer regionen att samverka med {ct} kring programmet. Hembesöken görs '
                           f'gemensamt av BVC-sjuksköterska och föräldrarådgivare från socialtjänsten.'))
        if sh:
            story.append(P(f'Den andel av bidraget som ska finansiera kommunal verksamhet är {sh}.'))
        story.append(P('Kostnaderna avser perioden 1 januari – 31 december ' + str(y) + '.'))
    elif v == 2:
        story += [Paragraph(f'Ärende: Rekvisition av medel – utökade hembesöksprogram inom barnhälsovården, '
                            f'bidragsår {y}', st['h2']),
                  P(f'Med anledning av Socialstyrelsens anvisningar om statsbidrag till regioner för utökade '
                    f'hembesöksprogram {y} vill {org} rekvirera {amt}.'),
                  P('Regionen har sedan tidigare ett utökat hembesöksprogram i två bostadsområden och avser att under '
                    'året utvidga programmet till ytterligare områden med socioekonomiska utmaningar.')]
        if ct:
            story.append(P(f'De kommuner som regionen samverkar med är {ct}.'))
        if sh:
            story.append(P(f'Andelen av bidraget som går till kommunal verksamhet beräknas till {sh}.'))
    elif v == 3:
        story += [Paragraph(f'Rekvisition av statsbidrag – hembesöksprogram {y}', st['h2']),
                  P(f'Vi rekvirerar härmed {amt} i statsbidrag för utökade hembesöksprogram för år {y}.'),
                  P(f'{org} bedriver arbetet tillsammans med {ct}.' if ct else
                    f'{org} bedriver arbetet i nära samverkan med de kommuner som berörs.'),
                  ]
        if sh:
            story.append(P(f'Regionen och kommunerna har kommit överens om att {sh} av medlen ska gå till den '
                           f'kommunala delen av verksamheten.'))
        story.append(P('Vi bekräftar att medlen kommer att användas i enlighet med villkoren och att en '
                       'återrapportering lämnas senast den 1 mars ' + str(y + 1) + '.'))
    elif v == 4:   # revised requisition
        story += [Paragraph(f'Reviderad rekvisition – utökade hembesöksprogram {y}', st['h2']),
                  P(f'Denna rekvisition ersätter den rekvisition som {org} skickade {fdate(d["prev_date"], 2)}. '
                    f'Efter avstämning med de samverkande kommunerna har regionen justerat sin plan för året.'),
                  P(f'{org} rekvirerar därför {amt} i statsbidrag för utökade hembesöksprogram {y}.'),
                  P(f'Samverkan sker med {ct}.'),
                  P(f'Andelen som ska finansiera kommunal verksamhet är {sh}.')]
    pd = None
    if d.get('placedate'):
        pd = f'{SEATS[code][1].split(" ", 2)[-1]} {fdate(d["date"], 2)}'
    story += sign(st, d['signer'], rng.choice(TITLES_R), org, place_date=pd)
    return story, hdr, ftr, st


def t_req_mun_wrong(d, rng):
    """a municipality requisitioning the region grant."""
    st = styles(d['font'])
    code = d['org'][1]
    name = MUN[code][0]
    org = mun_formal(name)
    P = lambda s: Paragraph(s, st['body'])
    hdr, ftr = letterhead(org, rng.choice(['Socialförvaltningen', 'Individ- och familjeomsorgen']),
                          MUN_SEATS[code], st, dnr=d.get('dnr'), date=d['date'])
    y = d['year']
    story = [Spacer(1, 14 * mm)] + addressee(st, 1)
    story += [Paragraph(f'Rekvisition av statsbidrag för utökade hembesöksprogram {y}', st['h2']),
              P(f'{org} rekvirerar härmed {kr(d["amounts"]["requested"], 0)} i statsbidrag för utökade '
                f'hembesöksprogram inom barnhälsovården för år {y}.'),
              P(f'Socialtjänsten i {name} har under flera år deltagit i hembesök tillsammans med barnavårdscentralen '
                f'och vill nu bygga ut arbetet till fler familjer med förstfödda barn.'),
              P('Beloppet avser lönekostnader för en föräldrarådgivare på heltid samt kostnader för tolk.')]
    story += sign(st, d['signer'], rng.choice(TITLES_M), org)
    return story, hdr, ftr, st


def t_req_pilot(d, rng):
    st = styles(d['font'], justify=d.get('justify', False))
    code = d['org'][1]
    name = MUN[code][0]
    org = mun_formal(name, d.get('namestyle', 0))
    area = d.get('area', '')
    P = lambda s: Paragraph(s, st['body'])
    hdr, ftr = letterhead(org, rng.choice(['Socialförvaltningen', 'Stadsledningskontoret', 'Social resursförvaltning',
                                           'Förvaltningen för barn och familj']),
                          MUN_SEATS[code], st, dnr=d.get('dnr'), date=d['date'], datestyle=d.get('datestyle', 0))
    y = d['year']
    amt = kr(d['amounts']['requested'], d.get('amstyle', 0))
    story = [Spacer(1, 14 * mm)] + addressee(st, 0)
    v = d['variant']
    if v == 0:
        story += [Paragraph(f'Rekvisition av statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt '
                            f'utsatta områden {y}', st['h2']),
                  P(f'{org} rekvirerar härmed {amt} för pilotverksamhet i barnhälsovården i området {area} '
                    f'under {y}.'),
                  ]
        if d.get('share') is not None:
            story.append(P(f'Kommunens andel av områdets medel är {d["share"]} procent och regionens andel '
                           f'{100 - d["share"]} procent, i enlighet med överenskommelsen mellan parterna.'))
        story.append(P('Medlen kommer att användas till familjebehandlare och föräldrastödjare som arbetar '
                       'tillsammans med barnavårdscentralen i området.'))
    else:
        story += [Paragraph(f'Ansökan om utbetalning – pilotverksamhet i barnhälsovården {y}', st['h2']),
                  P(f'Socialstyrelsen har i anvisningar inbjudit kommuner med pilotområden att rekvirera medel för '
                    f'{y}. {org} har tillsammans med regionen valts ut som ett av pilotområdena ({area}).'),
                  P(f'Vi rekvirerar härmed {amt} för kommunens del av pilotverksamheten.')]
        if d.get('share') is not None:
            story.append(P(f'Fördelningen mellan kommun och region är {d["share"]} respektive {100 - d["share"]} '
                           f'procent av områdets medel.'))
        story.append(P('Utbetalning önskas till kommunens plusgiro 12 34 56-7.'))
    story += sign(st, d['signer'], rng.choice(TITLES_M), org)
    return story, hdr, ftr, st


def t_req_2023(d, rng):
    st = styles(d['font'])
    code = d['org'][1]
    org = NAME_R.get(code, regname(code))
    P = lambda s: Paragraph(s, st['body'])
    hdr, ftr = letterhead(org, rng.choice(DEPTS_R), SEATS[code], st, dnr=d.get('dnr'), date=d['date'])
    y = d['year']
    story = [Spacer(1, 14 * mm)] + addressee(st, 2)
    story += [Paragraph(f'Rekvisition av statsbidrag {y} – barnhälsovårdens förebyggande arbete med '
                        f'hembesöksprogram', st['h2']),
              P(f'{org} rekvirerar härmed {kr(d["amounts"]["requested"], d.get("amstyle", 0))} av det statsbidrag '
                f'som Socialstyrelsen fördelar till regionerna för {y} för att stödja och stimulera barnhälsovårdens '
                f'förebyggande arbete med hembesöksprogram.'),
              P(f'Bidraget kommer att användas för planering och uppstart av utökade hembesök under hösten {y}. '
                f'Regionen har för avsikt att planera arbetet i samverkan med socialtjänst, tandvård och förskola.')]
    story += sign(st, d['signer'], rng.choice(TITLES_R), org)
    return story, hdr, ftr, st


def t_report(d, rng):
    st = styles(d['font'], justify=d.get('justify', False))
    kind, code = d['org']
    if kind == 'region':
        org = NAME_R.get(code, regname(code))
        seat = SEATS[code]
        dept = rng.choice(DEPTS_R)
        title = rng.choice(TITLES_R)
    else:
        org = mun_formal(MUN[code][0], d.get('namestyle', 0))
        seat = MUN_SEATS[code]
        dept = rng.choice(['Socialförvaltningen', 'Ekonomiavdelningen', 'Stadsledningskontoret'])
        title = rng.choice(TITLES_M)
    P = lambda s: Paragraph(s, st['body'])
    hdr, ftr = letterhead(org, dept, seat, st, dnr=d.get('dnr'), date=d['date'], datestyle=d.get('datestyle', 0))
    y = d['year']
    am = d['amounts']
    s = d.get('amstyle', 0)
    K = lambda n: kr(n, s, nb=d.get('nb', False))
    pname = ('utökade hembesöksprogram' if d['program'] == 'hembesok'
             else 'pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden')
    story = [Spacer(1, 14 * mm)] + addressee(st, d['variant'])
    v = d['variant']
    story.append(Paragraph(f'Återrapportering av statsbidrag för {pname} {y}', st['h2']))
    story.append(P(f'Enligt villkoren för statsbidraget ska mottagaren senast {fdate(d["deadline"], 2)} redovisa hur '
                   f'medlen har använts. {org} lämnar härmed sin redovisning för bidragsåret {y}.'))
    r, u, un = am.get('received'), am.get('used'), am.get('unused')
    if d.get('case') == 'missing_used':
        story.append(P(f'{org} har för {y} tagit emot {K(r)} i statsbidrag. Medlen har använts till hembesök '
                       f'i tre bostadsområden, där sammanlagt 214 familjer har fått minst ett hembesök.'))
        story.append(P('Bokslutet för verksamheten är ännu inte fastställt. Den ekonomiska delen av '
                       'redovisningen, med förbrukade och eventuellt ej förbrukade medel, skickas in så snart '
                       'bokslutet är klart.'))
    elif d.get('case') == 'over':
        story.append(P(f'Regionen har tagit emot {K(r)} för {y}. Under året har {K(u)} förbrukats inom ramen för '
                       f'programmet, vilket är mer än det erhållna bidraget. Överskjutande kostnader har '
                       f'finansierats med regionens egna medel.'))
        story.append(P('Inget belopp återbetalas.' if un == 0 else f'{K(un)} återbetalas.'))
    elif d.get('case') == 'all_used':
        story.append(P(f'{org} har tagit emot {K(r)} i statsbidrag för {y} och har förbrukat hela beloppet, '
                       f'{K(u)}, under bidragsåret. Inget belopp återbetalas.'))
    elif v == 0:
        story.append(P(f'{org} har tagit emot {K(r)} i statsbidrag för {y}. Av dessa har {K(u)} förbrukats '
                       f'under perioden 1 januari – 31 december {y}.'))
        story.append(P(f'Ej förbrukade medel, {K(un)}, återbetalas till Socialstyrelsen efter fakturering.'))
    elif v == 1:
        story.append(P(f'Erhållet bidrag för {y} uppgår till {K(r)}. Av erhållna medel har regionen använt '
                       f'{K(u)}, vilket innebär att {K(un)} inte har förbrukats. Detta belopp kommer att '
                       f'återbetalas när faktura har inkommit.'))
    else:
        story.append(P(f'Under {y} har {org} tagit emot {K(r)}. Förbrukade medel uppgår till {K(u)}. '
                       f'Resterande {K(un)} återbetalas.'))
    if d.get('costs'):
        rows = [[Paragraph('Kostnadsslag', st['cellb']), Paragraph('Belopp (kr)', st['cellb'])]]
        for lab, val in d['costs']:
            rows.append([Paragraph(lab, st['cell']), Paragraph(grp(val), st['cellr'])])
        rows.append([Paragraph('Summa förbrukat', st['cellb']), Paragraph(grp(d['cost_total']), st['cellr'])])
        t = Table(rows, colWidths=[95 * mm, 40 * mm])
        t.setStyle(TableStyle([('LINEBELOW', (0, 0), (-1, 0), 0.8, colors.black),
                               ('LINEABOVE', (0, -1), (-1, -1), 0.8, colors.black),
                               ('VALIGN', (0, 0), (-1, -1), 'MIDDLE')]))
        story += [P('Förbrukade medel fördelar sig enligt följande:'), t, Spacer(1, 8)]
    story.append(P('Verksamheten har bedrivits enligt plan. Under året har samarbetet med socialtjänsten '
                   'fördjupats och andelen familjer som tackat ja till samtliga hembesök har ökat.'
                   if d['program'] == 'hembesok' else
                   'Pilotverksamheten har bedrivits enligt plan och en utvärdering har påbörjats tillsammans med '
                   'regionen.'))
    story += sign(st, d['signer'], title, org)
    return story, hdr, ftr, st


def t_protokoll(d, rng):
    st = styles(d['font'])
    kind, code = d['org']
    if kind == 'region':
        org = NAME_R.get(code, regname(code))
        board = rng.choice(['Regionstyrelsen', 'Hälso- och sjukvårdsnämnden', 'Regionstyrelsens arbetsutskott'])
    else:
        org = mun_formal(MUN[code][0], d.get('namestyle', 0))
        board = d.get('board') or rng.choice(['Socialnämnden', 'Kommunstyrelsen', 'Barn- och familjenämnden'])
    P = lambda s: Paragraph(s, st['body'])
    reg, bold = st['reg'], st['boldname']
    para = d['para']

    def hdr(c, doc):
        W, H = A4
        c.setFont(bold, 12)
        c.drawString(25 * mm, H - 18 * mm, org.upper() if d.get('upper') else org)
        c.setFont(reg, 9)
        c.drawString(25 * mm, H - 23 * mm, 'PROTOKOLLSUTDRAG')
        c.drawRightString(W - 25 * mm, H - 18 * mm, 'Sammanträdesprotokoll')
        c.drawRightString(W - 25 * mm, H - 23 * mm, f'Sammanträdesdatum {fdate(d["date"], 0)}')
        c.setFont(reg, 8)
        c.drawRightString(W - 25 * mm, 12 * mm, f'{doc.page} (1)' if False else f'Sida {doc.page}')

    y = d['year']
    dec = d['dec_text']
    story = [Spacer(1, 10 * mm),
             Paragraph(board, st['bold']),
             Paragraph(f'§ {para}&nbsp;&nbsp;&nbsp;&nbsp;Dnr {d["dnr"]}', st['body']),
             Spacer(1, 4)]
    if d['program'] == 'hembesok':
        title = (f'Fördelning av statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete '
                 f'med hembesöksprogram {y}')
    else:
        title = f'Statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden {y}'
    story.append(Paragraph(title, st['h2']))
    story.append(Paragraph('Beslut', st['bold']))
    story.append(P(f'{board} beslutar'))
    story.append(Paragraph(f'att&nbsp;&nbsp;&nbsp;{dec}', st['indent']))
    if d.get('att2'):
        story.append(Paragraph(f'att&nbsp;&nbsp;&nbsp;{d["att2"]}', st['indent']))
    story.append(Paragraph('Sammanfattning av ärendet', st['bold']))
    for p in d['bg']:
        story.append(P(p))
    story.append(Paragraph('Beslutsunderlag', st['bold']))
    story.append(P(f'Tjänsteskrivelse {fdate(d["tj_date"], 0)}'))
    story.append(Spacer(1, 10))
    jd = d.get('just_date')
    tbl = Table([[Paragraph('Justerandes signatur', st['small']), Paragraph('Utdragsbestyrkande', st['small'])],
                 [Paragraph(f'{rng.choice(SIGN)}<br/>{rng.choice(SIGN)}', st['cell']),
                  Paragraph(f'{rng.choice(SIGN)}, nämndsekreterare' if not jd else
                            f'{rng.choice(SIGN)}, nämndsekreterare<br/>Protokollet justerat {fdate(jd, 0)}', st['cell'])]],
                colWidths=[75 * mm, 80 * mm])
    tbl.setStyle(TableStyle([('BOX', (0, 0), (-1, -1), 0.6, colors.black),
                             ('INNERGRID', (0, 0), (-1, -1), 0.4, colors.black),
                             ('VALIGN', (0, 0), (-1, -1), 'TOP')]))
    story.append(KeepTogether([tbl]))
    story.append(Spacer(1, 6))
    story.append(Paragraph('Beslutet skickas till: ' + d.get('sendto', 'Socialstyrelsen, ekonomiavdelningen'),
                           st['small']))
    return story, hdr, None, st


def t_instruction(d, rng):
    st = styles(d['font'], justify=True)
    code = d['org'][1]
    org = NAME_R.get(code, regname(code))
    P = lambda s: Paragraph(s, st['body'])
    y = d['year']
    reg = st['reg']

    def hdr(c, doc):
        W, H = A4
        c.setFont(st['boldname'], 10)
        c.drawString(25 * mm, H - 15 * mm, org)
        c.setFont(reg, 8)
        c.drawRightString(W - 25 * mm, H - 15 * mm, f'Rutin · Version 1.{d["variant"] + 1}')
        c.drawString(25 * mm, 12 * mm, f'Fastställd {fdate(d["date"], 0)} av {d["approver"]}. Giltig t.o.m. {y}-12-31.')
        c.drawRightString(W - 25 * mm, 12 * mm, f'Sida {doc.page}')
    story = [Paragraph(f'Rutin för utökade hembesök inom barnhälsovården – statsbidrag {y}', st['h1']),
             Paragraph('Syfte', st['h2']),
             P(f'Denna rutin beskriver hur {org} organiserar arbetet med utökade hembesöksprogram under {y} och hur '
               f'statsbidraget för utökade hembesöksprogram {y} ska hanteras, redovisas och följas upp.'),
             Paragraph('Omfattning', st['h2']),
             P('Rutinen gäller barnavårdscentraler i områden med socioekonomiska utmaningar som deltar i programmet. '
               'Familjer med förstfödda barn erbjuds sex hembesök: vid 1–2 veckor, 2 månader, 4 månader, 8 månader, '
               '12 månader och 15 månader.'),
             Paragraph('Ansvar', st['h2']),
             P('Verksamhetschef ansvarar för att rutinen är känd. BVC-sjuksköterskan planerar besöken tillsammans '
               'med föräldrarådgivare från socialtjänsten. Centrala barnhälsovården följer upp antalet besök '
               'kvartalsvis.'),
             Paragraph('Registrering och ersättning', st['h2']),
             P('Gemensamma hembesök registreras med egen åtgärdskod i journalsystemet. Ersättning betalas ut per '
               'genomfört gemensamt hembesök enligt regionens ersättningsmodell för primärvården.'),
             Paragraph('Uppföljning', st['h2']),
             P(f'Varje enhet lämnar en sammanställning till centrala barnhälsovården senast den 31 januari {y + 1}. '
               f'Regionens återrapportering till Socialstyrelsen sker senast den 1 mars {y + 1}.')]
    return story, hdr, None, st


def t_other(d, rng):
    st = styles(d['font'])
    code = d['org'][1]
    org = NAME_R.get(code, regname(code))
    P = lambda s: Paragraph(s, st['body'])
    y = d['year']
    v = d['variant']
    hdr, ftr = letterhead(org, rng.choice(DEPTS_R), SEATS[code], st, date=d['date'], datestyle=1)
    if v == 0:
        story = [Spacer(1, 14 * mm), Paragraph('Inbjudan till nätverksträff – utökade hembesök', st['h1']),
                 P(f'Välkommen till en nätverksträff för er som arbetar med utökade hembesök inom ramen för '
                   f'statsbidraget för utökade hembesöksprogram {y}.'),
                 P(f'<b>Tid:</b> {fdate(add_days(d["date"], 23), 1)} kl. 09.00–15.30<br/>'
                   f'<b>Plats:</b> Regionens hus, sal Linnea<br/><b>Anmälan:</b> senast {fdate(add_days(d["date"], 12), 1)}'),
                 P('Under dagen presenterar BVC-sjuksköterskor och föräldrarådgivare erfarenheter från det första '
                   'halvåret. Vi diskuterar också hur samverkan med förskolan kan utvecklas. Lunch ingår.'),
                 P('Anmälan görs via regionens kursportal. Meddela eventuell specialkost i samband med anmälan.'),
                 P(f'Varmt välkomna!<br/>{d["signer"]}, processledare')]
    elif v == 1:
        story = [Spacer(1, 14 * mm), Paragraph(f'Nyhetsbrev från barnhälsovården nr {rng.randint(2, 5)}/{D(d["date"]).year}', st['h1']),
                 Paragraph('Hembesöken växer', st['h2']),
                 P(f'Sedan starten har 62 familjer fått utökade hembesök. Programmet finansieras under {y} med '
                   f'statsbidraget för utökade hembesöksprogram. Tre nya barnavårdscentraler ansluter under hösten.'),
                 Paragraph('Ny tolkrutin', st['h2']),
                 P('Från och med nästa månad bokas tolk via den gemensamma tolkportalen. Kom ihåg att boka minst fem '
                   'arbetsdagar före besöket.'),
                 Paragraph('Kalendarium', st['h2']),
                 P(f'{fdate(add_days(d["date"], 14), 1)}: utbildningsdag om språkutveckling<br/>'
                   f'{fdate(add_days(d["date"], 40), 1)}: nätverksträff för föräldrarådgivare'),
                 P(f'Redaktör: {d["signer"]}')]
    else:
        story = [Spacer(1, 14 * mm), Paragraph('Minnesanteckningar – samverkansgrupp för utökade hembesök', st['h1']),
                 P(f'<b>Datum:</b> {fdate(d["date"], 0)}<br/><b>Närvarande:</b> representanter för barnhälsovården, '
                   f'socialtjänsten och förskolan'),
                 P(f'1. Föregående anteckningar gicks igenom och lades till handlingarna.'),
                 P(f'2. Lägesrapport: arbetet inom statsbidraget för utökade hembesöksprogram {y} löper enligt plan. '
                   f'Rekryteringen av två föräldrarådgivare är klar.'),
                 P('3. Gruppen diskuterade hur familjer som tackar nej till besök kan nås på annat sätt.'),
                 P(f'4. Nästa möte: {fdate(add_days(d["date"], 35), 1)}.'),
                 P(f'Vid anteckningarna: {d["signer"]}')]
    return story, hdr, ftr, st


TPL = {'req_region': t_req_region, 'req_mun_wrong': t_req_mun_wrong, 'req_pilot': t_req_pilot,
       'req_2023': t_req_2023, 'report': t_report, 'protokoll': t_protokoll, 'instruction': t_instruction,
       'other': t_other}


# ------------------------------------------------------------------ the corpus plan
def plan(rng):
    docs = []

    def add(**k):
        docs.append(k)

    # ---- hembesok 2024 requisitions (regions), prose letters
    R = 'requisition'
    reqs = [
        # code, amount, names, collabstyle, share, sharestyle, variant, amstyle, date, received, style
        ('24', 2755000, ['Umeå', 'Vännäs', 'Robertsfors'], 0, 35, 0, 0, 0, '2024-02-12', '2024-02-14', 'text'),
        ('25', 5035000, ['Luleå', 'Boden'], 3, 40, 1, 1, 1, '2024-02-20', '2024-02-22', 'office'),
        ('14', 12774000, ['Göteborg', 'Trollhättan', 'Borås'], 1, 50, 0, 2, 0, '2024-03-04', '2024-03-06', 'text'),
        ('21', 1307000, ['Gävle', 'Sandviken'], 3, 30, 2, 3, 2, '2024-01-29', '2024-02-01', 'faint'),
        ('05', 4778000, ['Norrköping', 'Motala'], 2, 25, 0, 0, 4, '2024-03-11', '2024-03-13', 'text'),
        ('17', 2084000, ['Karlstad', 'Kristinehamn'], 1, 45, 1, 2, 5, '2024-03-18', '2024-03-19', 'office'),
        ('04', 469000, ['Eskilstuna', 'Katrineholm', 'Nyköping'], 0, 50, 0, 1, 0, '2024-02-26', '2024-02-28', 'text'),
        ('18', 3406000, ['Örebro', 'Karlskoga', 'Kumla'], 2, 40, 0, 3, 1, '2024-03-25', '2024-03-27', 'text'),
    ]
    for code, a, names, cs, sh, ss, v, ams, date, rec, style in reqs:
        add(type=R, tpl='req_region', program='hembesok', year=2024, org=('region', code), amounts={'requested': a},
            names=names, collab_phrase=collab_text(names, cs), share=sh, sharestyle=ss, variant=v, amstyle=ams,
            date=date, received=rec, style=style, not_full=(a != BASE_ALLOC_2024[code]))
    # exceeds allocation (Västmanland 3 370 000)
    add(type=R, tpl='req_region', program='hembesok', year=2024, org=('region', '19'), amounts={'requested': 3700000},
        names=['Västerås', 'Köping'], collab_phrase=collab_text(['Västerås', 'Köping'], 1), share=30, sharestyle=0,
        variant=2, amstyle=0, date='2024-03-01', received='2024-03-04', style='text', not_full=True)
    # late (after 2024-04-05)
    add(type=R, tpl='req_region', program='hembesok', year=2024, org=('region', '10'), amounts={'requested': 4089000},
        names=['Karlskrona', 'Ronneby'], collab_phrase=collab_text(['Karlskrona', 'Ronneby'], 0), share=40,
        sharestyle=1, variant=0, amstyle=1, date='2024-04-08', received='2024-04-10', style='office', placedate=True)
    # share not stated -> MISSING_FIELD
    add(type=R, tpl='req_region', program='hembesok', year=2024, org=('region', '06'), amounts={'requested': 4913000},
        names=['Jönköping', 'Värnamo'], collab_phrase=collab_text(['Jönköping', 'Värnamo'], 2), share=None,
        variant=2, amstyle=0, date='2024-02-05', received='2024-02-07', style='text')
    # share below the list's minimum (Västernorrland min 30)
    add(type=R, tpl='req_region', program='hembesok', year=2024, org=('region', '22'), amounts={'requested': 979000},
        names=['Sundsvall', 'Härnösand', 'Örnsköldsvik'], collab_phrase=collab_text(['Sundsvall', 'Härnösand', 'Örnsköldsvik'], 1),
        share=20, sharestyle=0, variant=1, amstyle=0, date='2024-03-07', received='2024-03-08', style='faint')
    # first and revised requisition (Uppsala) -> second DUPLICATE_REQUISITION
    add(type=R, tpl='req_region', program='hembesok', year=2024, org=('region', '03'), amounts={'requested': 2100000},
        names=['Uppsala'], collab_phrase=collab_text(['Uppsala'], 1), share=30, sharestyle=0, variant=3, amstyle=0,
        date='2024-02-15', received='2024-02-16', style='text')
    add(type=R, tpl='req_region', program='hembesok', year=2024, org=('region', '03'), amounts={'requested': 2535000},
        names=['Uppsala', 'Enköping'], collab_phrase=collab_text(['Uppsala', 'Enköping'], 0), share=35, sharestyle=1,
        variant=4, amstyle=0, prev_date='2024-02-15', date='2024-03-20', received='2024-03-21', style='office')
    # municipalities requisitioning the region grant -> WRONG_RECIPIENT_KIND
    add(type=R, tpl='req_mun_wrong', program='hembesok', year=2024, org=('municipality', '2460'),
        amounts={'requested': 250000}, date='2024-02-19', received='2024-02-21', style='text')
    add(type=R, tpl='req_mun_wrong', program='hembesok', year=2024, org=('municipality', '0181'),
        amounts={'requested': 640000}, date='2024-03-14', received='2024-03-15', style='office')

    # ---- hembesok 2023 requisitions
    add(type=R, tpl='req_2023', program='hembesok', year=2023, org=('region', '07'), amounts={'requested': 1811000},
        date='2023-09-18', received='2023-09-20', style='text', amstyle=0)
    add(type=R, tpl='req_2023', program='hembesok', year=2023, org=('region', '13'), amounts={'requested': 1206000},
        date='2023-11-02', received='2023-11-06', style='fax', amstyle=1)

    # ---- bhv-pilot 2023 requisitions (municipalities)
    add(type=R, tpl='req_pilot', program='bhv-pilot', year=2023, org=('municipality', '0127'),
        amounts={'requested': 580000}, share=45, area='Alby och Fittja', variant=0, date='2023-05-08',
        received='2023-05-10', style='text', amstyle=0)
    add(type=R, tpl='req_pilot', program='bhv-pilot', year=2023, org=('municipality', '1280'),
        amounts={'requested': 580000}, share=40, area='Rosengård', variant=1, date='2023-05-22',
        received='2023-05-24', style='office', amstyle=1, namestyle=0)
    add(type=R, tpl='req_pilot', program='bhv-pilot', year=2023, org=('municipality', '1480'),
        amounts={'requested': 580000}, share=None, area='Hjällbo', variant=0, date='2023-06-01',
        received='2023-06-02', style='text', amstyle=2, namestyle=0)
    add(type=R, tpl='req_pilot', program='bhv-pilot', year=2023, org=('municipality', '0180'),
        amounts={'requested': 255000}, share=40, area='Rinkeby-Kista', variant=1, date='2023-06-19',
        received='2023-06-21', style='text', amstyle=0, namestyle=0)
    add(type=R, tpl='req_pilot', program='bhv-pilot', year=2023, org=('municipality', '2480'),
        amounts={'requested': 580000}, share=None, area='Ålidhem', variant=0, date='2023-05-29',
        received='2023-05-31', style='faint', amstyle=0)

    # ---- return reports hembesok 2024 (regions)
    RR = 'return_report'
    rep = [
        # code, received, used, unused, variant, amstyle, case, date, rec, style
        ('24', 2755000, 2512000, 243000, 0, 4, None, '2025-02-10', '2025-02-12', 'text'),
        ('25', 5035000, 4417600, 617400, 1, 0, None, '2025-01-20', '2025-01-22', 'office'),
        ('01', 13698000, 12104000, 1594000, 2, 5, None, '2025-02-24', '2025-02-26', 'text'),
        ('21', 1307000, 1307000, 0, 0, 0, 'all_used', '2025-01-15', '2025-01-17', 'text'),
        ('18', 3406000, 3512000, 0, 0, 0, 'over', '2025-02-03', '2025-02-05', 'office'),
        ('22', 979000, 905400, 83600, 1, 1, None, '2025-02-17', '2025-02-19', 'faint'),   # UNUSED_MISMATCH
        ('05', 4778000, 4190500, 587500, 2, 0, None, '2025-03-03', '2025-03-05', 'text'),  # LATE
        ('13', 580000, None, None, 0, 0, 'missing_used', '2025-02-06', '2025-02-07', 'text'),
        ('08', 3700000, 3581000, 119000, 0, 1, None, '2025-01-27', '2025-01-29', 'text'),  # received > alloc 3 636 000
    ]
    for code, r, u, un, v, ams, case, date, rec, style in rep:
        am = {'received': r}
        if u is not None:
            am['used'] = u
        if un is not None:
            am['unused'] = un
        add(type=RR, tpl='report', program='hembesok', year=2024, org=('region', code), amounts=am, variant=v,
            amstyle=ams, case=case, date=date, received=rec, style=style, deadline='2025-03-01')
    # with an itemised cost list that does not add up -> SUM_MISMATCH
    costs = [('Lönekostnader BVC-sjuksköterskor', 612000), ('Föräldrarådgivare (kommunal del)', 418500),
             ('Tolkkostnader', 48300), ('Utbildning och handledning', 95000)]   # = 1 173 800
    add(type=RR, tpl='report', program='hembesok', year=2024, org=('region', '20'),
        amounts={'received': 1142000, 'used': 1083800, 'unused': 58200}, variant=0, amstyle=0, case=None,
        date='2025-01-30', received='2025-02-03', style='text', deadline='2025-03-01', costs=costs,
        cost_total=1083800, sum_mismatch=True)
    # ---- return reports hembesok 2023
    add(type=RR, tpl='report', program='hembesok', year=2023, org=('region', '17'),
        amounts={'received': 2770000, 'used': 2310000, 'unused': 460000}, variant=2, amstyle=0, case=None,
        date='2024-02-20', received='2024-02-23', style='office', deadline='2024-03-01')
    add(type=RR, tpl='report', program='hembesok', year=2023, org=('region', '23'),
        amounts={'received': 261000, 'used': 198700, 'unused': 62300}, variant=0, amstyle=1, case=None,
        date='2024-03-08', received='2024-03-11', style='text', deadline='2024-03-01')
    # ---- return reports bhv-pilot 2023 (municipalities)
    add(type=RR, tpl='report', program='bhv-pilot', year=2023, org=('municipality', '0127'),
        amounts={'received': 580000, 'used': 567200, 'unused': 12800}, variant=0, amstyle=0, case=None,
        date='2024-04-15', received='2024-04-17', style='text', deadline='2024-05-03')
    add(type=RR, tpl='report', program='bhv-pilot', year=2023, org=('municipality', '1280'),
        amounts={'received': 580000, 'used': 580000, 'unused': 0}, variant=0, amstyle=0, case='all_used',
        date='2024-04-25', received='2024-04-26', style='photo_jpg', deadline='2024-05-03')
    add(type=RR, tpl='report', program='bhv-pilot', year=2023, org=('municipality', '1480'),
        amounts={'received': 580000, 'used': 541000, 'unused': 39000}, variant=1, amstyle=0, case=None,
        date='2024-05-13', received='2024-05-15', style='text', deadline='2024-05-03')

    # ---- decisions (protokollsutdrag)
    D_ = 'decision'
    add(type=D_, tpl='protokoll', program='hembesok', year=2023, org=('region', '17'), amounts={'decided': 2800000},
        dec_text='fördela statsbidraget om 2,8 miljoner kronor för 2023 till centrala barnhälsovården för planering '
                 'och uppstart av utökade hembesök,', dec_tol=50000, para=214, dnr='RS/2023:0412',
        bg=['Socialstyrelsen har regeringens uppdrag att stödja och stimulera barnhälsovårdens arbete med '
            'hembesöksprogram. Av de 42 miljoner kronor som fördelas till regionerna 2023 tilldelas Region Värmland '
            'cirka 2,8 miljoner kronor.',
            'Medlen ska användas senast den 31 december 2023 och redovisas senast den 1 mars 2024.'],
        tj_date='2023-09-28', date='2023-10-10', received='2023-10-16', style='text')
    add(type=D_, tpl='protokoll', program='hembesok', year=2023, org=('region', '06'), amounts={'decided': 636000},
        dec_text='statsbidraget för hembesöksprogram 2023, 636 tkr, fördelas till barnhälsovårdsenheten,',
        dec_tol=500, para=88, dnr='RJL 2023/1877',
        bg=['Regionen har av Socialstyrelsen tilldelats medel för att stödja och stimulera barnhälsovårdens '
            'förebyggande arbete med hembesöksprogram under 2023.',
            'Förvaltningen föreslår att medlen fördelas till barnhälsovårdsenheten som samordnar arbetet.'],
        tj_date='2023-10-02', date='2023-10-17', received='2023-10-24', style='office')
    add(type=D_, tpl='protokoll', program='hembesok', year=2023, org=('region', '20'), amounts={'decided': 1679000},
        dec_text='godkänna att 1 679 000 kronor av statsbidraget för 2023 avsätts till utökade hembesök i '
                 'Borlänge och Falun, samt', att2='uppdra åt hälso- och sjukvårdsdirektören att återrapportera '
                 'användningen av medlen till Socialstyrelsen.', dec_tol=0.5, para=156, dnr='RD23/04115',
        bg=['Ärendet gäller hur statsbidraget för hembesöksprogram 2023 ska användas inom regionen.'],
        tj_date='2023-09-12', date='2023-09-26', received='2023-09-29', style='text', just_date='2023-10-02')
    add(type=D_, tpl='protokoll', program='hembesok', year=2024, org=('region', '24'), amounts={'decided': 2755000},
        dec_text='statsbidraget för utökade hembesöksprogram 2024 om 2 755 000 kronor fördelas till '
                 'hälsocentralerna i Umeå, Vännäs och Robertsfors enligt bilaga,', dec_tol=0.5, para=47,
        dnr='RS 2024/311',
        bg=['Regionen har rekvirerat statsbidrag för utökade hembesöksprogram 2024 i samverkan med tre kommuner.',
            'Fördelningen mellan hälsocentralerna utgår från antalet förstfödda barn i respektive område.'],
        tj_date='2024-04-10', date='2024-04-23', received='2024-04-29', style='faint')
    # municipal boards, pilot
    add(type=D_, tpl='protokoll', program='bhv-pilot', year=2023, org=('municipality', '0127'),
        amounts={'decided': 580000}, board='Socialnämnden',
        dec_text='godkänna att socialförvaltningen rekvirerar 580 000 kronor från Socialstyrelsen för '
                 'pilotverksamhet i barnhälsovården i Alby och Fittja 2023,', dec_tol=0.5, para=63,
        dnr='SN/2023:219',
        bg=['Botkyrka kommun har tillsammans med Region Stockholm valts ut som ett av fyra pilotområden.',
            'Kommunens del av medlen används till föräldrastödjare som arbetar tillsammans med BVC.'],
        tj_date='2023-04-12', date='2023-04-25', received='2023-04-28', style='text')
    add(type=D_, tpl='protokoll', program='bhv-pilot', year=2023, org=('municipality', '0180'),
        amounts={'decided': 255000}, board='Rinkeby-Kista stadsdelsnämnd',
        dec_text='ta emot statsbidrag om 255 tkr för pilotverksamhet i barnhälsovården 2023,', dec_tol=500,
        para=112, dnr='RK 2023/0457', upper=True,
        bg=['Stadsdelsnämnden deltar i pilotverksamheten som särskilt område.',
            'Medlen används till en familjebehandlare på halvtid under andra halvåret 2023.'],
        tj_date='2023-05-02', date='2023-05-16', received='2023-05-19', style='office', just_date='2023-05-22')
    add(type=D_, tpl='protokoll', program='bhv-pilot', year=2023, org=('municipality', '1280'),
        amounts={'decided': 600000}, board='Hälsa-, vård- och omsorgsnämnden',
        dec_text='ge förvaltningen i uppdrag att rekvirera statsbidrag om 0,6 miljoner kronor för '
                 'pilotverksamhet i barnhälsovården i Rosengård 2023,', dec_tol=50000, para=91, dnr='HVOM-2023-03114',
        bg=['Malmö stad deltar med området Rosengård i Socialstyrelsens pilotverksamhet.'],
        tj_date='2023-04-20', date='2023-05-03', received='2023-05-05', style='text')
    add(type=D_, tpl='protokoll', program='bhv-pilot', year=2023, org=('municipality', '1480'),
        amounts={'decided': 758000}, board='Socialnämnden Nordost',
        dec_text='avsätta 758 000 kronor av statsbidraget för pilotverksamhet i barnhälsovården 2023 till '
                 'familjecentralen i Hjällbo,', dec_tol=0.5, para=205, dnr='N169-0312/23',
        bg=['Göteborgs Stad deltar med Hjällbo i pilotverksamheten tillsammans med Västra Götalandsregionen.'],
        tj_date='2023-05-04', date='2023-05-17', received='2023-05-22', style='fax')
    # ---- instructions
    add(type='instruction', tpl='instruction', program='hembesok', year=2024, org=('region', '21'),
        date='2024-02-20', received='2024-02-24', style='text', variant=1, approver='hälso- och sjukvårdsdirektören')
    add(type='instruction', tpl='instruction', program='hembesok', year=2024, org=('region', '12'),
        date='2024-03-26', received='2024-03-29', style='office', variant=0, approver='primärvårdschefen')
    # ---- other
    add(type='other', tpl='other', program='hembesok', year=2024, org=('region', '03'), variant=0,
        date='2024-04-16', received='2024-04-18', style='text')
    add(type='other', tpl='other', program='hembesok', year=2024, org=('region', '12'), variant=1,
        date='2024-05-06', received='2024-05-08', style='png')
    add(type='other', tpl='other', program='hembesok', year=2024, org=('region', '07'), variant=2,
        date='2024-06-11', received='2024-06-13', style='text')
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
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)
    docs = plan(rng)
    docs.sort(key=lambda d: d['received'])
    tmp = Path(tempfile.mkdtemp(prefix='c1gen-'))
    for i, d in enumerate(docs, 1):
        d.setdefault('font', rng.randrange(5))
        d.setdefault('signer', rng.choice(SIGN))
        d.setdefault('variant', rng.randrange(3))
        d.setdefault('dnr', f'Dnr {rng.choice(["RS", "HSN", "SN", "KS"])} {D(d["date"]).year}/{rng.randint(100, 2999)}')
        story, hdr, ftr, st = TPL[d['tpl']](d, rng)
        style = d['style']
        ext = {'photo_jpg': 'jpg', 'png': 'png'}.get(style, 'pdf')
        name = f'C1_{i:02d}.{ext}'
        d['file'] = name
        d['scanned'] = style != 'text'
        src = tmp / f'{i:02d}.pdf'
        build_pdf(src, story, header=hdr, footer=ftr)
        if style == 'text':
            shutil.copy(src, out / name)
        else:
            stamp = None
            if rng.random() < 0.5 and style in ('office', 'faint'):
                stamp = ['INKOM', fdate(d['received'], 0), 'Socialstyrelsen']
            kind = {'photo_jpg': 'photo', 'png': 'office'}.get(style, style)
            scan_pdf(src, out / name, rng, kind=kind, stamp=stamp, out_format=ext,
                     dpi=200 if kind != 'fax' else 200)
        d['expect'] = truth_of(d)
    rows = make_allocations(min_share_2024={'22': 30, '24': 30, '12': 25})
    compute_flags(docs, rows)
    write_allocations(out / 'allocations.csv', rows)
    write_truth(out, docs)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f'{len(docs)} documents written to {out}')


if __name__ == '__main__':
    main()
