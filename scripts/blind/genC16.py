#!/usr/bin/env python3
"""genC16: blind corpus, emphasis: the economic account in every layout an accountant might choose.

usage: genC16.py OUTDIR [--seed N] [--shared DIR]
Deterministic for a given seed; writes only into OUTDIR.
"""
import argparse, csv, datetime as dt, hashlib, io, json, os, random, shutil, sys
from pathlib import Path

from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfbase.pdfmetrics import stringWidth

FD = "/usr/share/fonts/truetype/"
FONTS = {
    "Sans": FD + "dejavu/DejaVuSans.ttf", "Sans-B": FD + "dejavu/DejaVuSans-Bold.ttf",
    "Serif": FD + "dejavu/DejaVuSerif.ttf", "Serif-B": FD + "dejavu/DejaVuSerif-Bold.ttf",
    "Cond": FD + "dejavu/DejaVuSansCondensed.ttf", "Cond-B": FD + "dejavu/DejaVuSansCondensed-Bold.ttf",
    "Mono": FD + "dejavu/DejaVuSansMono.ttf",
}
for k, v in FONTS.items():
    pdfmetrics.registerFont(TTFont(k, v))

PROGRAMS = {
    ("hembesok", 2023): dict(kind="region", pool=42000000, req_deadline="2023-10-31", rep_deadline="2024-03-01"),
    ("hembesok", 2024): dict(kind="region", pool=82000000, req_deadline="2024-04-05", rep_deadline="2025-03-01"),
    ("bhv-pilot", 2023): dict(kind="municipality", pool=4500000, req_deadline="2023-06-16", rep_deadline="2024-05-03"),
}
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]


# ---------------------------------------------------------------- formatting
def grp(n):
    s = str(abs(int(n)))
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:]); s = s[:-3]
    out.insert(0, s)
    return ("-" if n < 0 else "") + " ".join(out)


def fmt(v_ore, style):
    """v_ore: amount in öre (int). style: kr, ore, tkr"""
    if style == "ore":
        return grp(v_ore // 100) + "," + "%02d" % (v_ore % 100)
    kr = v_ore // 100
    if style == "tkr":
        assert kr % 100 == 0, kr
        return grp(kr // 1000) + "," + str((kr % 1000) // 100)
    return grp(kr)


def rounded_phrase(kr):
    if kr >= 1000000:
        r = round(kr / 100000) * 100000
        w = ("%.1f" % (r / 1e6)).replace(".", ",")
        w = w[:-2] if w.endswith(",0") else w
        q = "drygt " if kr > r else ("knappt " if kr < r else "")
        return q + w + " miljoner kronor"
    r = round(kr / 10000) * 10000
    q = "drygt " if kr > r else ("knappt " if kr < r else "cirka ")
    return q + grp(r) + " kronor"


def sv_date(d, style):
    if style == 0:
        return d.isoformat()
    if style == 1:
        return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    return d.strftime("%Y-%m-%d")


def D(s):
    return dt.date.fromisoformat(s)


# ---------------------------------------------------------------- pdf writer
class Doc:
    def __init__(self, path, land=False, font="Sans"):
        self.size = landscape(A4) if land else A4
        self.c = canvas.Canvas(path, pagesize=self.size, invariant=1)
        self.c.setTitle("")
        self.W, self.H = self.size
        self.y = self.H - 60
        self.f = font
        self.fb = font + "-B" if font + "-B" in FONTS else font
        self.pages = 1
        self.lm = 62

    def text(self, s, x=None, size=10, bold=False, right=False, color=None):
        c = self.c
        c.setFont(self.fb if bold else self.f, size)
        if color:
            c.setFillColorRGB(*color)
        x = self.lm if x is None else x
        if right:
            c.drawRightString(x, self.y, s)
        else:
            c.drawString(x, self.y, s)
        c.setFillColorRGB(0, 0, 0)

    def line(self, s="", size=10, bold=False, x=None, gap=None):
        if s:
            self.text(s, x=x, size=size, bold=bold)
        self.y -= gap if gap is not None else size * 1.45

    def para(self, s, size=10, width=None, x=None, bold=False):
        width = width or (self.W - 2 * self.lm)
        fn = self.fb if bold else self.f
        words = s.split(" ")
        cur = ""
        for w in words:
            t = (cur + " " + w).strip()
            if stringWidth(t, fn, size) > width and cur:
                self.line(cur, size, bold, x=x)
                cur = w
            else:
                cur = t
        if cur:
            self.line(cur, size, bold, x=x)
        self.y -= size * 0.5

    def hline(self, x0=None, x1=None, w=0.6, o=8):
        self.c.setLineWidth(w)
        self.c.line(x0 if x0 is not None else self.lm, self.y + o, x1 if x1 is not None else self.W - self.lm, self.y + o)

    def newpage(self):
        self.c.showPage()
        self.pages += 1
        self.y = self.H - 60

    def footer(self, s, size=7.5):
        self.c.setFont(self.f, size)
        self.c.drawString(self.lm, 30, s)

    def save(self):
        self.c.showPage()
        self.c.save()


# ---------------------------------------------------------------- organisations
class Geo:
    def __init__(self, shared):
        self.regions = {}
        with open(os.path.join(shared, "data/scb_regions.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.regions[r["region_code"]] = r
        self.munis = {}
        with open(os.path.join(shared, "data/scb_municipalities.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.munis[r["municipality_code"]] = r

    def muni_in(self, rc):
        return sorted(c for c, r in self.munis.items() if r["region_code"] == rc)

    def muni_name(self, code, rng=None):
        n = self.munis[code]["municipality_name"]
        special = {"0180": "Stockholms stad", "1280": "Malmö stad", "1480": "Göteborgs Stad"}
        if code in special:
            return special[code]
        return n + " kommun"


COST_POSTS = ["Personalkostnader BHV-sjuksköterskor", "Personalkostnader socialtjänst (föräldrarådgivare)",
              "Tolk vid hembesök", "Resor och drivmedel", "Utbildning och handledning",
              "Material, broschyrer och trycksaker", "Samordning och uppföljning", "Lokalkostnader"]
SHORT = {"Personalkostnader BHV-sjuksköterskor": "Personal BHV-sjuksköterskor",
         "Personalkostnader socialtjänst (föräldrarådgivare)": "Personal socialtjänst",
         "Material, broschyrer och trycksaker": "Material och trycksaker"}


# ---------------------------------------------------------------- main generator
class Gen:
    def __init__(self, out, seed, shared):
        self.out = out
        self.rng = random.Random(seed)
        self.geo = Geo(shared)
        self.alloc = {}
        self.docs = []

    # --- allocation list
    def make_allocations(self):
        rng = self.rng
        regs = sorted(self.geo.regions)
        # hembesok 2023: 42 M spread
        w = {rc: rng.uniform(0.5, 3.0) for rc in regs}
        w["01"] = 9; w["12"] = 6; w["14"] = 7
        tot = sum(w.values())
        for rc in regs:
            a = int(42000000 * 0.97 * w[rc] / tot) // 1000 * 1000
            if rc == "18":
                a = 1349000
            self.alloc[("hembesok", 2023, rc)] = [a, None]
        # hembesok 2024: 82 M, two regions absent from the list (NO_ALLOCATION cases)
        self.absent24 = ["23", "24"]
        w2 = {rc: w[rc] * rng.uniform(0.8, 1.2) for rc in regs}
        tot = sum(w2.values())
        for rc in regs:
            if rc in self.absent24:
                continue
            a = int(82000000 * 0.95 * w2[rc] / tot) // 1000 * 1000
            self.alloc[("hembesok", 2024, rc)] = [a, None]
        for rc, m in (("05", 30), ("12", 40), ("20", 35), ("07", 25)):
            self.alloc[("hembesok", 2024, rc)][1] = m
        for mc, a, m in (("0127", 580000, 45), ("1280", 580000, 45), ("1480", 580000, 45), ("0180", 255000, 40)):
            self.alloc[("bhv-pilot", 2023, mc)] = [a, m]

    def write_allocations(self):
        with open(os.path.join(self.out, "allocations.csv"), "w", encoding="utf-8", newline="") as f:
            wr = csv.writer(f)
            wr.writerow(["program", "grant_year", "recipient_code", "recipient_name", "amount_sek",
                         "municipal_share_min_percent"])
            for (p, y, c), (a, m) in sorted(self.alloc.items(), key=lambda k: (k[0][0], k[0][1], k[0][2])):
                name = self.geo.regions[c]["region_name"] if len(c) == 2 else self.geo.munis[c]["municipality_name"]
                wr.writerow([p, y, c, name, a, "" if m is None else m])

    # --- helpers
    def orgname(self, kind, code):
        if kind == "region":
            return self.geo.regions[code]["region_name"]
        return self.geo.muni_name(code)

    def rand_date(self, a, b):
        a, b = D(a), D(b)
        return a + dt.timedelta(days=self.rng.randint(0, (b - a).days))

    def split_costs(self, used_kr, n, unit=100):
        """split used (kr) into n positive rows, multiples of unit kr"""
        rng = self.rng
        ws = [rng.uniform(0.3, 1.0) for _ in range(n)]
        ws[0] *= 4
        tot = sum(ws)
        rows = [int(used_kr * x / tot) // unit * unit for x in ws[1:]]
        rows = [max(unit, r) for r in rows]
        first = used_kr - sum(rows)
        assert first > 0
        return [first] + rows

    # ------------------------------------------------------------ plan
    def plan(self):
        rng = self.rng
        P = []
        regs = [r for r in sorted(self.geo.regions) if r != "09"]
        # ---------------- decisions hembesok 2023 (regional boards)
        dec_regs = rng.sample([r for r in regs if r not in ("18",)], 4) + ["18"]
        dec_specs = [("exact", None), ("miljoner", None), ("tkr", None), ("miljoner", "mismatch"), ("exact", "mismatch")]
        for rc, (form, mm) in zip(dec_regs, dec_specs):
            P.append(dict(type="decision", program="hembesok", year=2023, kind="region", code=rc, form=form, mm=mm,
                          received=self.rand_date("2023-09-05", "2023-11-20")))
        # ---------------- requisitions hembesok 2024
        used_req = set()
        req_specs = ["clean", "clean", "clean", "exceeds", "late", "dupfirst", "missing_share", "share_below",
                     "no_alloc", "wrong_kind"]
        pool_regs = [r for r in regs if r not in self.absent24]
        rng.shuffle(pool_regs)
        self.req_amounts = {}
        for spec in req_specs:
            d = dict(type="requisition", program="hembesok", year=2024, kind="region", spec=spec)
            if spec == "no_alloc":
                d["code"] = self.absent24[0]
            elif spec == "share_below":
                d["code"] = "12" if "12" not in used_req else "05"
            elif spec == "wrong_kind":
                d["kind"] = "municipality"
                d["code"] = rng.choice(["1880", "0380", "2480", "1380"])
            else:
                c = next(r for r in pool_regs if r not in used_req and r not in ("05", "12"))
                d["code"] = c
            used_req.add(d["code"])
            if spec == "late":
                d["received"] = self.rand_date("2024-04-08", "2024-04-19")
            elif spec == "dupfirst":
                d["received"] = self.rand_date("2024-02-08", "2024-02-25")
            else:
                d["received"] = self.rand_date("2024-02-07", "2024-04-05")
            P.append(d)
            if spec == "dupfirst":
                d2 = dict(d); d2["spec"] = "dupsecond"; d2["received"] = d["received"] + dt.timedelta(days=rng.randint(10, 30))
                P.append(d2)
        # ---------------- return reports
        layouts = ["transposed", "totals_above", "two_column", "post_list", "split_page", "excel", "grant_own",
                   "plain_table"]
        # program-years for reports
        rep = []
        # hembesok 2024: 19 reports, hembesok 2023: 6, pilot 2023: 3
        r24 = [r for r in regs if r not in self.absent24]
        rng.shuffle(r24)
        r23 = [r for r in regs]
        rng.shuffle(r23)
        for rc in r24[:17]:
            rep.append(("hembesok", 2024, "region", rc))
        for rc in r23[:6]:
            rep.append(("hembesok", 2023, "region", rc))
        for mc in ["0127", "1280", "1480"]:
            rep.append(("bhv-pilot", 2023, "municipality", mc))
        rng.shuffle(rep)
        flag_plan = (["unused_mismatch"] * 3 + ["used_exceeds"] * 2 + ["sum_mismatch"] * 3 + ["late"] * 3 +
                     ["received_exceeds"] * 2)
        flag_plan += ["clean"] * (len(rep) - len(flag_plan))
        rng.shuffle(flag_plan)
        unused_labels = ["Ej förbrukat", "Återbetalning", "Att återbetala", "Ej förbrukade medel",
                         "Kvarvarande medel att återbetala", "Ej utnyttjat bidrag"]
        for i, ((p, y, k, c), fp) in enumerate(zip(rep, flag_plan)):
            lay = layouts[i % len(layouts)]
            if fp == "sum_mismatch" and lay in ("transposed", "grant_own"):
                lay = "plain_table" if lay == "transposed" else "totals_above"
            d = dict(type="return_report", program=p, year=y, kind=k, code=c, layout=lay, fp=fp,
                     unit=rng.choice(["kr", "kr", "ore", "tkr", "tkr_header", "sek_header"]),
                     ulabel=unused_labels[i % len(unused_labels)],
                     running=rng.random() < 0.45)
            dl = D(PROGRAMS[(p, y)]["rep_deadline"])
            if fp == "late":
                d["received"] = dl + dt.timedelta(days=rng.randint(2, 20))
            else:
                d["received"] = dl - dt.timedelta(days=rng.randint(3, 55))
            P.append(d)
        # a duplicate of an on-time clean text report
        self.plan_list = P
        return P

    # ------------------------------------------------------------ figures
    def figures_report(self, d):
        rng = self.rng
        p, y, c = d["program"], d["year"], d["code"]
        alloc = self.alloc[(p, y, c)][0]
        fp = d["fp"]
        received = alloc
        if (p, y) == ("hembesok", 2024) and rng.random() < 0.3:
            received = alloc - rng.randint(1, 20) * 10000
        if fp == "received_exceeds":
            received = alloc + rng.randint(3, 40) * 1000
        if fp == "used_exceeds":
            used = received + rng.randint(5, 90) * 1000 + rng.choice([0, 500, 300])
            unused = 0
        else:
            used = int(received * rng.uniform(0.78, 0.995)) // 100 * 100
            if rng.random() < 0.15:
                used = received
            unused = received - used
        stated_unused = unused
        if fp == "unused_mismatch":
            stated_unused = unused + rng.choice([-1, 1]) * rng.randint(2, 60) * 1000
            if stated_unused < 0:
                stated_unused = unused + rng.randint(2, 60) * 1000
        n = rng.randint(3, 6)
        rows = self.split_costs(used, n)
        posts = rng.sample(COST_POSTS, n)
        if "Personalkostnader BHV-sjuksköterskor" in posts:
            posts.remove("Personalkostnader BHV-sjuksköterskor"); posts.insert(0, "Personalkostnader BHV-sjuksköterskor")
        rows_ore = [r * 100 for r in rows]
        if d["unit"] == "ore":
            # give two rows öre that cancel out
            k = rng.randint(1, 99) * 100 // 100
            if n >= 2:
                rows_ore[1] += k
                rows_ore[-1] -= k
        stated_total_ore = used * 100
        if fp == "sum_mismatch":
            # one row misprinted; total (and förbrukat) stay the used figure
            j = rng.randrange(1, n)
            rows_ore[j] += rng.choice([-1, 1]) * rng.randint(5, 80) * 100000
            if rows_ore[j] <= 0:
                rows_ore[j] += 120 * 100000
        d.update(received_kr=received, used_kr=used, unused_kr=stated_unused, posts=posts, rows_ore=rows_ore,
                 total_ore=stated_total_ore, alloc=alloc)

    # ------------------------------------------------------------ rendering: reports
    def unit_style(self, d):
        u = d["unit"]
        if u in ("tkr", "tkr_header"):
            return "tkr"
        return "ore" if u == "ore" else "kr"

    def amt(self, d, v_ore, with_unit=True):
        st = self.unit_style(d)
        s = fmt(v_ore, st)
        if not with_unit or d["unit"] in ("tkr_header", "sek_header"):
            return s
        return s + (" tkr" if st == "tkr" else " kr")

    def col_unit(self, d):
        u = d["unit"]
        if u == "tkr_header":
            return "Belopp (tkr)"
        if u == "sek_header":
            return "SEK"
        return "Belopp"

    def header_block(self, doc, d, title):
        p, y = d["program"], d["year"]
        org = self.orgname(d["kind"], d["code"])
        rng = self.rng
        doc.text(org, size=13, bold=True)
        doc.text("Dnr " + d["dnr"], x=doc.W - doc.lm, right=True, size=9)
        doc.y -= 16
        doc.text(d["unitname"], size=9)
        doc.y -= 26
        doc.line(title, size=13.5, bold=True)
        if p == "hembesok":
            doc.para("Återrapportering av statsbidrag för utökade hembesöksprogram inom barnhälsovården, bidragsår %d." % y, size=10)
        else:
            doc.para("Ekonomisk redovisning av statsbidrag för pilotverksamhet i barnhälsovården i socioekonomiskt utsatta områden, bidragsår %d." % y, size=10)
        doc.line("Datum: " + sv_date(d["ddate"], d["dstyle"]), size=10)
        doc.line("Mottagare: Socialstyrelsen", size=10)
        doc.y -= 6

    def running_text(self, d):
        return ("Under %d har %s förbrukat %s av de %s som erhölls i statsbidrag. Medlen har i huvudsak använts till "
                "personal för de utökade hembesöken tillsammans med socialtjänsten." % (
                    d["year"], "regionen" if d["kind"] == "region" else "kommunen",
                    rounded_phrase(d["used_kr"]), rounded_phrase(d["received_kr"]).replace("drygt ", "drygt ").strip()))

    def sign_block(self, doc, d):
        doc.y -= 14
        doc.line(d["place"] + " " + sv_date(d["ddate"], 1), size=10)
        doc.y -= 18
        doc.line(d["signer"], size=10)
        doc.line(d["signrole"], size=9)

    def intro_text(self, d):
        who = "Regionen" if d["kind"] == "region" else "Kommunen"
        if d["program"] == "bhv-pilot":
            return ("Kommunen har under bidragsåret bedrivit pilotverksamhet i barnhälsovården i samverkan med regionen "
                    "i det utvalda området. Familjer har erbjudits utökade hembesök och föräldrastöd. Nedan redovisas "
                    "den ekonomiska sammanställningen för kommunens del av bidraget.")
        return ("%s har under bidragsåret bedrivit utökade hembesök i samverkan mellan barnhälsovården och "
                "socialtjänsten. Familjer med barn i åldern 0–15 månader har erbjudits sex hembesök. Verksamheten "
                "har följts upp löpande i samverkansgruppen och resultatet redovisas i den verksamhetsberättelse "
                "som bifogas separat. Nedan redovisas den ekonomiska sammanställningen." % who)

    def render_report(self, d, path):
        lay = d["layout"]
        land = lay == "transposed" or lay == "excel" and self.rng.random() < 0.5
        font = self.rng.choice(["Sans", "Serif", "Cond"])
        if lay == "excel":
            font = "Cond"
        doc = Doc(path, land=land, font=font)
        getattr(self, "lay_" + lay)(doc, d)
        doc.save()
        return doc.pages

    def cost_rows(self, d):
        return list(zip(d["posts"], d["rows_ore"]))

    def lay_plain_table(self, doc, d):
        self.header_block(doc, d, "Ekonomisk redovisning")
        doc.para(self.intro_text(d))
        x0, x1 = doc.lm, doc.W - doc.lm
        doc.line("Kostnadspost", bold=True, gap=0); doc.text(self.col_unit(d), x=x1, right=True, bold=True); doc.y -= 4
        doc.hline(o=1); doc.y -= 14
        for post, v in self.cost_rows(d):
            doc.text(post); doc.text(self.amt(d, v), x=x1, right=True); doc.y -= 15
        doc.hline(); doc.y -= 12
        doc.text("Summa kostnader", bold=True); doc.text(self.amt(d, d["total_ore"]), x=x1, right=True, bold=True); doc.y -= 26
        for lab, v in (("Erhållet statsbidrag", d["received_kr"]), ("Förbrukat", d["used_kr"]), (d["ulabel"], d["unused_kr"])):
            doc.text(lab); doc.text(self.amt(d, v * 100), x=x1, right=True); doc.y -= 15
        if d["running"]:
            doc.y -= 10; doc.para(self.running_text(d))
        self.sign_block(doc, d)

    def lay_totals_above(self, doc, d):
        self.header_block(doc, d, "Återrapportering – ekonomi")
        doc.para(self.intro_text(d))
        x1 = doc.W - doc.lm
        doc.text("Erhållet statsbidrag %d" % d["year"], bold=True); doc.text(self.amt(d, d["received_kr"] * 100), x=x1, right=True, bold=True); doc.y -= 22
        doc.text("Summa förbrukade medel", bold=True); doc.text(self.amt(d, d["total_ore"]), x=x1, right=True, bold=True); doc.y -= 4
        doc.hline(o=1); doc.y -= 14
        doc.text("varav:", size=9); doc.y -= 14
        for post, v in self.cost_rows(d):
            doc.text(post, x=doc.lm + 18, size=9.5); doc.text(self.amt(d, v), x=x1 - 70, right=True, size=9.5); doc.y -= 14
        doc.y -= 10
        doc.text(d["ulabel"], bold=True); doc.text(self.amt(d, d["unused_kr"] * 100), x=x1, right=True, bold=True); doc.y -= 20
        if d["unit"] in ("tkr_header", "sek_header"):
            doc.line("Samtliga belopp anges i %s." % ("tusentals kronor (tkr)" if d["unit"] == "tkr_header" else "SEK"), size=9)
        if d["running"]:
            doc.y -= 6; doc.para(self.running_text(d))
        self.sign_block(doc, d)

    def lay_two_column(self, doc, d):
        self.header_block(doc, d, "Redovisning av statsbidrag")
        top = doc.y
        lw = (doc.W - 2 * doc.lm) * 0.5
        doc.para(self.intro_text(d), width=lw - 10, size=9.5)
        if d["running"]:
            doc.para(self.running_text(d), width=lw - 10, size=9.5)
        doc.para("Uppföljningen visar att andelen familjer som tackat ja till samtliga besök har ökat jämfört med "
                 "föregående år. Samverkan med socialtjänsten fungerar väl.", width=lw - 10, size=9.5)
        ybottom = doc.y
        # right column account box
        xr = doc.lm + lw + 10
        xe = doc.W - doc.lm
        doc.y = top
        doc.c.setLineWidth(0.8)
        nrows = len(d["posts"]) + 6
        doc.c.rect(xr - 6, top - nrows * 16 - 22, xe - xr + 12, nrows * 16 + 36)
        doc.text("Ekonomisk sammanställning", x=xr, bold=True, size=10); doc.y -= 16
        doc.text("Post", x=xr, size=8, bold=True); doc.text(self.col_unit(d), x=xe, right=True, size=8, bold=True); doc.y -= 16
        doc.text("Erhållet bidrag", x=xr, size=8.5); doc.text(self.amt(d, d["received_kr"] * 100), x=xe, right=True, size=8.5); doc.y -= 16
        for post, v in self.cost_rows(d):
            ps = SHORT.get(post, post)
            doc.text(ps, x=xr, size=8.5); doc.text(self.amt(d, v), x=xe, right=True, size=8.5); doc.y -= 16
        doc.hline(xr, xe)
        doc.text("Summa kostnader", x=xr, size=8.5, bold=True); doc.text(self.amt(d, d["total_ore"]), x=xe, right=True, size=8.5, bold=True); doc.y -= 16
        doc.text("Förbrukat", x=xr, size=8.5); doc.text(self.amt(d, d["used_kr"] * 100), x=xe, right=True, size=8.5); doc.y -= 16
        doc.text(d["ulabel"], x=xr, size=8.5, bold=True); doc.text(self.amt(d, d["unused_kr"] * 100), x=xe, right=True, size=8.5, bold=True); doc.y -= 16
        doc.y = min(doc.y - 30, ybottom)
        self.sign_block(doc, d)

    def lay_post_list(self, doc, d):
        self.header_block(doc, d, "Ekonomisk återrapportering")
        doc.para(self.intro_text(d))
        doc.line("Redovisning:", bold=True)
        doc.line("Erhållet bidrag: " + self.amt(d, d["received_kr"] * 100))
        doc.line("Kostnader:")
        for post, v in self.cost_rows(d):
            doc.line("   %s: %s" % (post, self.amt(d, v)))
        doc.line("Summa kostnader: " + self.amt(d, d["total_ore"]))
        doc.line("Förbrukat bidrag: " + self.amt(d, d["used_kr"] * 100))
        doc.line("%s: %s" % (d["ulabel"], self.amt(d, d["unused_kr"] * 100)))
        if d["unit"] in ("tkr_header", "sek_header"):
            doc.line("(Beloppen anges i %s.)" % ("tkr" if d["unit"] == "tkr_header" else "SEK"), size=9)
        if d["running"]:
            doc.y -= 6; doc.para(self.running_text(d))
        self.sign_block(doc, d)

    def lay_split_page(self, doc, d):
        self.header_block(doc, d, "Återrapportering av statsbidrag")
        doc.para(self.intro_text(d))
        for t in ("Målgrupp och omfattning. Under året har förstagångsföräldrar och familjer med behov av extra "
                  "stöd prioriterats. Besöken har genomförts av BHV-sjuksköterska tillsammans med föräldrarådgivare "
                  "från socialtjänsten. Tolk har använts vid ungefär en tredjedel av besöken.",
                  "Kompetensutveckling. Personalen har deltagit i utbildning i motiverande samtal och i metodstöd "
                  "för hembesök. Handledning har getts av psykolog i barnhälsovården en gång per månad.",
                  "Uppföljning. Verksamheten följs upp med registerdata från barnhälsovårdens journalsystem och med "
                  "enkäter till föräldrar. Resultaten redovisas i den bifogade verksamhetsberättelsen.",
                  "Samverkan. Styrgruppen med representanter för hälso- och sjukvården och socialtjänsten har "
                  "sammanträtt fyra gånger under året och har godkänt denna redovisning."):
            doc.para(t)
        fill = ["Resultat. Andelen familjer som tagit emot samtliga erbjudna besök har ökat jämfört med föregående "
                "år. Föräldrarna uppger i enkäten att besöken i hemmet har gett dem trygghet och kunskap om barnets "
                "utveckling och om vart de kan vända sig med frågor.",
                "Utmaningar. Rekrytering av föräldrarådgivare har tagit längre tid än planerat, vilket har påverkat "
                "kostnaderna under årets första månader. Tolk har i flera fall behövt bokas med kort varsel.",
                "Fortsatt arbete. Verksamheten fortsätter under kommande år i samma omfattning. En gemensam "
                "utbildningsdag för barnhälsovård och socialtjänst planeras under våren.",
                "Spridning. Erfarenheterna har presenterats vid regionens nätverksträff för barnhälsovården och i "
                "den länsgemensamma samverkansgruppen för barn och unga."]
        k = 0
        while doc.y > 230 and k < len(fill):
            doc.para(fill[k]); k += 1
        x1 = doc.W - doc.lm
        doc.line("Ekonomisk redovisning", bold=True, size=11)
        doc.text("Kostnadsslag", bold=True); doc.text(self.col_unit(d), x=x1, right=True, bold=True); doc.y -= 4
        doc.hline(o=1); doc.y -= 14
        rows = self.cost_rows(d)
        # force the break after the first 2 rows
        brk = max(1, min(len(rows) - 1, int((doc.y - 70) // 15)))
        for post, v in rows[:brk]:
            doc.text(post); doc.text(self.amt(d, v), x=x1, right=True); doc.y -= 15
        doc.footer("Sida 1 (2)    Dnr " + d["dnr"])
        doc.newpage()
        doc.text(self.orgname(d["kind"], d["code"]), size=8); doc.text("Sida 2 (2)", x=x1, right=True, size=8); doc.y -= 30
        doc.line("Ekonomisk redovisning (forts.)", bold=True, size=11)
        doc.text("Kostnadsslag", bold=True); doc.text(self.col_unit(d), x=x1, right=True, bold=True); doc.y -= 4
        doc.hline(o=1); doc.y -= 14
        for post, v in rows[brk:]:
            doc.text(post); doc.text(self.amt(d, v), x=x1, right=True); doc.y -= 15
        doc.hline(); doc.y -= 12
        doc.text("Summa kostnader", bold=True); doc.text(self.amt(d, d["total_ore"]), x=x1, right=True, bold=True); doc.y -= 26
        for lab, v in (("Erhållet statsbidrag", d["received_kr"]), ("Förbrukade medel", d["used_kr"]), (d["ulabel"], d["unused_kr"])):
            doc.text(lab); doc.text(self.amt(d, v * 100), x=x1, right=True); doc.y -= 15
        if d["running"]:
            doc.y -= 10; doc.para(self.running_text(d))
        self.sign_block(doc, d)

    def lay_transposed(self, doc, d):
        self.header_block(doc, d, "Ekonomisk redovisning – sammanställning")
        doc.para(self.intro_text(d))
        short = [p.split(" (")[0].replace("Personalkostnader", "Personal").replace("Material, broschyrer och trycksaker", "Material")
                 .replace("Samordning och uppföljning", "Samordning").replace("Utbildning och handledning", "Utbildning")
                 for p in d["posts"]]
        cols = ["Erhållet bidrag"] + short + ["Summa kostnader", "Förbrukat", d["ulabel"]]
        vals = [d["received_kr"] * 100] + d["rows_ore"] + [d["total_ore"], d["used_kr"] * 100, d["unused_kr"] * 100]
        x0, x1 = doc.lm - 20, doc.W - doc.lm + 20
        n = len(cols)
        cw = (x1 - x0) / n
        fs = 7.2 if n > 8 else 8
        vfs = fs if self.unit_style(d) != "ore" else fs - 0.6
        top = doc.y
        hh = 34
        c = doc.c
        c.setLineWidth(0.6)
        c.setFillColorRGB(0.88, 0.9, 0.95)
        c.rect(x0, top - hh + 10, x1 - x0, hh, fill=1, stroke=0)
        c.setFillColorRGB(0, 0, 0)
        for i, col in enumerate(cols):
            # wrap header in 2-3 lines
            words, lines, cur = col.split(" "), [], ""
            for w in words:
                t = (cur + " " + w).strip()
                if stringWidth(t, doc.fb, fs) > cw - 6 and cur:
                    lines.append(cur); cur = w
                else:
                    cur = t
            lines.append(cur)
            for j, ln in enumerate(lines[:3]):
                c.setFont(doc.fb, fs)
                c.drawCentredString(x0 + cw * i + cw / 2, top + 1 - j * (fs + 2), ln)
        ry = top - hh - 4
        for i, v in enumerate(vals):
            c.setFont(doc.f, vfs)
            c.drawRightString(x0 + cw * (i + 1) - 4, ry, self.amt(d, v, with_unit=False))
        for i in range(n + 1):
            c.line(x0 + cw * i, top + 10, x0 + cw * i, ry - 8)
        c.line(x0, top + 10, x1, top + 10); c.line(x0, top - hh + 10, x1, top - hh + 10); c.line(x0, ry - 8, x1, ry - 8)
        doc.y = ry - 26
        u = self.unit_style(d)
        doc.line("Belopp i %s." % ("tkr" if u == "tkr" else "kronor"), size=9)
        if d["running"]:
            doc.para(self.running_text(d))
        self.sign_block(doc, d)

    def lay_grant_own(self, doc, d):
        rng = self.rng
        self.header_block(doc, d, "Ekonomisk redovisning")
        doc.para(self.intro_text(d) + " Verksamheten har delvis finansierats med egna medel. Redovisningen av "
                 "statsbidraget avser enbart kolumnen Statsbidrag.")
        unit = 100 if self.unit_style(d) != "kr" else 1000
        own = [rng.randint(0, 40) * 1000 * (unit // 100 if unit > 100 else 1) // (1 if unit == 100 else 1) for _ in d["posts"]]
        own = [o // 100 * 100 for o in own]
        own[0] = rng.randint(80, 400) * 1000
        x0, x1 = doc.lm, doc.W - doc.lm
        cx = [x1 - 190, x1 - 95, x1]
        u = {"tkr_header": " (tkr)", "sek_header": " (SEK)"}.get(d["unit"], "")
        doc.text("Post", bold=True, size=9)
        for x, h in zip(cx, ["Statsbidrag", "Egen finansiering", "Totalt"]):
            doc.text(h, x=x, right=True, bold=True, size=8.5)
        if u:
            doc.y -= 11
            for x in cx:
                doc.text(u.strip(), x=x, right=True, bold=True, size=8.5)
        doc.y -= 4; doc.hline(o=1); doc.y -= 14
        def row(lab, a, b, bold=False):
            doc.text(lab, size=9, bold=bold)
            for x, v in zip(cx, [a, b, None if a is None or b is None else a + b]):
                if v is not None:
                    doc.text(self.amt(d, v), x=x, right=True, size=9, bold=bold)
            doc.y -= 15
        own_total = sum(own)
        doc.text("Erhållet statsbidrag", size=9); doc.text(self.amt(d, d["received_kr"] * 100), x=cx[0], right=True, size=9); doc.y -= 15
        doc.text("Egen finansiering (tillskjutna medel)", size=9); doc.text(self.amt(d, own_total * 100), x=cx[1], right=True, size=9); doc.y -= 15
        doc.y -= 6
        for (post, v), o in zip(self.cost_rows(d), own):
            row(SHORT.get(post, post), v, o * 100)
        doc.hline(); doc.y -= 12
        row("Summa kostnader", d["total_ore"], own_total * 100, bold=True)
        row("Förbrukat", d["used_kr"] * 100, own_total * 100)
        doc.text(d["ulabel"] + ("" if len(d["ulabel"]) > 22 else " (statsbidrag)"), size=9, bold=True); doc.text(self.amt(d, d["unused_kr"] * 100), x=cx[0], right=True, size=9, bold=True)
        doc.y -= 22
        if d["running"]:
            doc.para(self.running_text(d))
        self.sign_block(doc, d)

    def lay_excel(self, doc, d):
        c = doc.c
        W, H = doc.W, doc.H
        fname = "Aterrapport_%s_%d.xlsx" % (d["program"].replace("-", ""), d["year"])
        c.setFont("Cond", 8)
        c.drawCentredString(W / 2, H - 30, fname + " – Blad1")
        org = self.orgname(d["kind"], d["code"])
        rows = []
        rows.append([org, "", ""])
        rows.append(["Återrapportering statsbidrag %s %d" % ("utökade hembesök" if d["program"] == "hembesok" else "pilotverksamhet BHV", d["year"]), "", ""])
        rows.append(["Datum", sv_date(d["ddate"], 0), ""])
        rows.append(["", "", ""])
        hdr = {"tkr_header": "Belopp (tkr)", "sek_header": "SEK"}.get(d["unit"], "Belopp")
        rows.append(["Post", hdr, "Kommentar"])
        rows.append(["Erhållet bidrag", self.amt(d, d["received_kr"] * 100), "utbetalt av Socialstyrelsen"])
        for post, v in self.cost_rows(d):
            rows.append([post, self.amt(d, v), ""])
        rows.append(["Summa kostnader", self.amt(d, d["total_ore"]), "=SUMMA"])
        rows.append(["Förbrukat", self.amt(d, d["used_kr"] * 100), ""])
        rows.append([d["ulabel"], self.amt(d, d["unused_kr"] * 100), "faktureras"])
        rows.append(["", "", ""])
        rows.append(["Kontaktperson", d["signer"], ""])
        cw = [290, 110, 120]
        x0 = 60
        rh = 17
        ytop = H - 60
        # column letter header
        c.setLineWidth(0.4)
        c.setStrokeColorRGB(0.6, 0.6, 0.6)
        c.setFillColorRGB(0.9, 0.9, 0.9)
        c.rect(x0 - 26, ytop - rh, 26 + sum(cw), rh, fill=1, stroke=1)
        c.rect(x0 - 26, ytop - rh * (len(rows) + 1), 26, rh * len(rows), fill=1, stroke=1)
        c.setFillColorRGB(0, 0, 0)
        xs = [x0]
        for w in cw:
            xs.append(xs[-1] + w)
        for i, L in enumerate("ABC"):
            c.setFont("Cond", 8)
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, ytop - rh + 5, L)
        for r, row in enumerate(rows):
            y = ytop - rh * (r + 2)
            c.setFont("Cond", 8)
            c.drawCentredString(x0 - 13, y + 5, str(r + 1))
            for i in range(3):
                c.rect(xs[i], y, cw[i], rh, fill=0, stroke=1)
            bold = r in (0, 1, 4) or row[0].startswith("Summa")
            fnt = "Cond-B" if bold else "Cond"
            c.setFont(fnt, 9)
            c.drawString(xs[0] + 3, y + 5, row[0])
            if row[1]:
                if r in (2, 4, 14) or not any(ch.isdigit() for ch in row[1][:1]):
                    c.drawString(xs[1] + 3, y + 5, row[1])
                else:
                    c.drawRightString(xs[2] - 3, y + 5, row[1])
            c.setFont("Cond", 8)
            c.drawString(xs[2] + 3, y + 5, row[2])
        c.setStrokeColorRGB(0, 0, 0)
        c.setFont("Cond", 8)
        c.drawCentredString(W / 2, 30, "Sida 1")
        doc.y = ytop - rh * (len(rows) + 3)
        if d["running"]:
            doc.lm = x0
            doc.para(self.running_text(d), size=9, width=sum(cw))

    # ------------------------------------------------------------ rendering: requisitions / decisions
    def render_requisition(self, d, path):
        rng = self.rng
        org = self.orgname(d["kind"], d["code"])
        doc = Doc(path, font=rng.choice(["Sans", "Serif"]))
        form = rng.random() < 0.5
        doc.text(org, size=13, bold=True); doc.text("Dnr " + d["dnr"], x=doc.W - doc.lm, right=True, size=9); doc.y -= 30
        doc.line("Rekvisition av statsbidrag", size=14, bold=True)
        doc.para("Statsbidrag för utökade hembesöksprogram inom barnhälsovården %d" % d["year"], size=10.5)
        muns = d.get("collab", [])
        munnames = [self.geo.muni_name(m) for m in muns]
        if form:
            x2 = doc.lm + 210
            items = [("Sökande organisation", org), ("Organisationsnummer", d["orgnr"]),
                     ("Rekvirerat belopp", grp(d["requested"]) + " kr")]
            if munnames:
                items.append(("Samverkande kommuner", ", ".join(munnames)))
            if d.get("share") is not None:
                items.append(("Andel till kommunal verksamhet", "%d %%" % d["share"]))
            items += [("Kontaktperson", d["signer"]), ("Datum", sv_date(d["ddate"], 0))]
            for k, v in items:
                doc.c.setLineWidth(0.5)
                doc.c.rect(doc.lm - 4, doc.y - 6, doc.W - 2 * doc.lm + 8, 22)
                doc.text(k, size=9, bold=True); doc.text(v, x=x2, size=10); doc.y -= 22
            doc.y -= 10
            doc.para("Vi intygar att medlen kommer att användas i enlighet med villkoren i Socialstyrelsens anvisningar "
                     "och att en återrapportering lämnas senast den 1 mars 2025.", size=9.5)
        else:
            doc.line("Datum: " + sv_date(d["ddate"], 1))
            doc.y -= 6
            s = "%s rekvirerar härmed %s kronor i statsbidrag för utökade hembesöksprogram för år %d." % (
                org, grp(d["requested"]), d["year"])
            doc.para(s)
            if munnames:
                doc.para("Verksamheten bedrivs i samverkan med %s." % (
                    " och ".join([", ".join(munnames[:-1]), munnames[-1]]) if len(munnames) > 1 else munnames[0]))
            if d.get("share") is not None:
                doc.para("Av det rekvirerade beloppet avser %d procent kommunal verksamhet (socialtjänstens del av hembesöken)." % d["share"])
            doc.para("Medlen önskas utbetalda till bankgiro %s. Vi är även intresserade av eventuella "
                     "kvarvarande medel som inte rekvirerats av andra regioner." % d["bg"])
        self.sign_block(doc, d)
        doc.save()
        return doc.pages

    def render_decision(self, d, path):
        rng = self.rng
        org = self.orgname(d["kind"], d["code"])
        doc = Doc(path, font=rng.choice(["Serif", "Sans"]))
        doc.text(org, size=13, bold=True); doc.y -= 16
        doc.text("PROTOKOLLSUTDRAG", size=10, bold=True); doc.text("Dnr " + d["dnr"], x=doc.W - doc.lm, right=True, size=9); doc.y -= 16
        doc.line("Regionstyrelsen", size=10)
        doc.line("Sammanträdesdatum: " + sv_date(d["ddate"], 0), size=10)
        doc.y -= 10
        doc.line("§ %d  Fördelning av statsbidrag för utökade hembesöksprogram %d" % (d["para"], d["year"]), bold=True, size=11)
        doc.para("Ärendebeskrivning", bold=True)
        doc.para("Regeringen har gett Socialstyrelsen i uppdrag att fördela statsbidrag till regionerna för utökade "
                 "hembesöksprogram inom barnhälsovården. %s har rekvirerat sin andel av bidraget, som ska användas "
                 "under %d och återrapporteras senast den 1 mars %d." % (org, d["year"], d["year"] + 1))
        doc.para("Beslut", bold=True)
        doc.para("Regionstyrelsen beslutar att statsbidraget om %s för %d fördelas till den centrala "
                 "barnhälsovårdsenheten för att bedriva utökade hembesök i samverkan med kommunerna." % (d["decided_text"], d["year"]))
        doc.para("Beslutet expedieras till hälso- och sjukvårdsförvaltningen och ekonomiavdelningen.")
        doc.y -= 10
        doc.line("Vid protokollet", size=9)
        doc.y -= 10
        doc.line(d["signer"], size=10)
        doc.line("Justeras: " + rng.choice(["Anna Lindqvist", "Per Sandberg", "Maria Holm"]), size=9)
        doc.save()
        return doc.pages

    # ------------------------------------------------------------ scanning
    def scan(self, pdfpath, outpath, kind):
        import pypdfium2 as pdfium
        from PIL import Image, ImageFilter, ImageDraw, ImageFont, ImageEnhance
        import numpy as np
        rng = self.rng
        nrng = np.random.default_rng(rng.randint(0, 2 ** 31))
        pdf = pdfium.PdfDocument(pdfpath)
        imgs = []
        mode = rng.choice(["flat", "flat", "faint", "phone", "stamp"])
        for i in range(len(pdf)):
            page = pdf[i]
            im = page.render(scale=rng.choice([2.2, 2.5, 2.8])).to_pil().convert("L")
            if mode == "faint":
                im = ImageEnhance.Contrast(im).enhance(0.55)
                im = ImageEnhance.Brightness(im).enhance(1.12)
            if mode == "stamp" and i == 0:
                im = im.convert("RGB")
                dr = ImageDraw.Draw(im)
                fnt = ImageFont.truetype(FONTS["Sans-B"], 38)
                x, y = im.width - 520, 12
                dr.rectangle([x, y, x + 420, y + 120], outline=(40, 60, 170), width=5)
                dr.text((x + 20, y + 10), "INKOM", fill=(40, 60, 170), font=fnt)
                dr.text((x + 20, y + 60), "Socialstyrelsen", fill=(40, 60, 170), font=ImageFont.truetype(FONTS["Sans"], 30))
                im = im.convert("L")
            a = np.asarray(im).astype(np.float32)
            a += nrng.normal(0, rng.uniform(4, 11), a.shape)
            # speckles
            m = nrng.random(a.shape) < 0.0008
            a[m] = 40
            a = np.clip(a, 0, 255).astype(np.uint8)
            im = Image.fromarray(a)
            ang = rng.uniform(-1.6, 1.6)
            im = im.rotate(ang, resample=Image.BICUBIC, expand=True, fillcolor=rng.randint(225, 250))
            if mode == "phone":
                im = self.phone(im, nrng)
            imgs.append(im)
        pdf.close()
        outs = []
        import img2pdf
        bufs = []
        for im in imgs:
            b = io.BytesIO()
            im.convert("RGB" if mode == "phone" else "L").save(b, format="JPEG", quality=rng.randint(38, 72))
            bufs.append(b.getvalue())
        if kind == "pdf":
            with open(outpath, "wb") as f:
                f.write(img2pdf.convert(bufs, nodate=True, engine=img2pdf.Engine.internal, layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200))))
        elif kind == "jpg":
            with open(outpath, "wb") as f:
                f.write(bufs[0])
        else:
            Image.open(io.BytesIO(bufs[0])).save(outpath, format="PNG")
        return mode

    def phone(self, im, nrng):
        import numpy as np, cv2
        from PIL import Image
        rng = self.rng
        a = np.asarray(im.convert("RGB")).astype(np.float32)
        h, w = a.shape[:2]
        pad = int(0.06 * w)
        bg = np.zeros((h + 2 * pad, w + 2 * pad, 3), np.float32)
        bg[:] = (95, 80, 65)
        bg[pad:pad + h, pad:pad + w] = a
        H2, W2 = bg.shape[:2]
        j = lambda: rng.uniform(0, 0.045)
        src = np.float32([[0, 0], [W2, 0], [W2, H2], [0, H2]])
        dst = np.float32([[W2 * j(), H2 * j()], [W2 * (1 - j()), H2 * j()], [W2 * (1 - j() / 2), H2 * (1 - j() / 2)],
                          [W2 * j() / 2, H2 * (1 - j() / 2)]])
        M = cv2.getPerspectiveTransform(src, dst)
        out = cv2.warpPerspective(bg, M, (W2, H2), borderValue=(60, 50, 40))
        # shadow gradient
        gx = np.linspace(rng.uniform(0.72, 0.85), 1.0, W2)[None, :, None]
        gy = np.linspace(1.0, rng.uniform(0.8, 0.95), H2)[:, None, None]
        out = out * gx * gy
        out[..., 2] *= 0.94
        out = np.clip(out + nrng.normal(0, 3, out.shape), 0, 255).astype(np.uint8)
        return Image.fromarray(out)

    # ------------------------------------------------------------ flags
    def compute_flags(self, e, on_file, sha):
        flags = []
        if sha in self.shas:
            flags.append("DUPLICATE_DOCUMENT")
        t = e["document_type"]
        p, y = e["program"], e["grant_year"]
        prog = PROGRAMS[(p, y)]
        org = e["organisation"]
        al = self.alloc.get((p, y, org["code"]))
        am = e.get("amounts", {})
        wrong = org["kind"] != prog["kind"]
        if wrong:
            flags.append("WRONG_RECIPIENT_KIND")
        if not wrong and al is None:
            flags.append("NO_ALLOCATION")
        if t == "requisition":
            if al and am.get("requested") is not None and am["requested"] > al[0]:
                flags.append("AMOUNT_EXCEEDS_ALLOCATION")
            tot = sum(x["amounts"].get("requested", 0) for x in on_file if x["document_type"] == "requisition"
                      and (x["program"], x["grant_year"]) == (p, y)) + am.get("requested", 0)
            assert tot <= prog["pool"], "pool would be exceeded"
            if any(x["document_type"] == "requisition" and (x["program"], x["grant_year"]) == (p, y)
                   and x["organisation"] == org for x in on_file):
                flags.append("DUPLICATE_REQUISITION")
            if e["_received"] > D(prog["req_deadline"]):
                flags.append("LATE_REQUISITION")
            if not wrong:
                miss = "requested" not in am
                if p == "hembesok" and y >= 2024 and org["kind"] == "region":
                    miss = miss or not e.get("collaborating_municipalities") or "municipal_share_percent" not in e
                if miss:
                    flags.append("MISSING_FIELD")
            if al and al[1] is not None and e.get("municipal_share_percent") is not None and e["municipal_share_percent"] < al[1]:
                flags.append("SHARE_BELOW_MINIMUM")
        elif t == "return_report":
            if al and am["received"] > al[0]:
                flags.append("AMOUNT_EXCEEDS_ALLOCATION")
            if e["_received"] > D(prog["rep_deadline"]):
                flags.append("LATE_REPORT")
            if am["used"] > am["received"]:
                flags.append("USED_EXCEEDS_RECEIVED")
            elif "unused" in am and abs(am["received"] - am["used"] - am["unused"]) > 1:
                flags.append("UNUSED_MISMATCH")
            if e.get("_summismatch"):
                flags.append("SUM_MISMATCH")
        elif t == "decision":
            if al:
                if abs(am["decided"] - al[0]) > e["_tol"]:
                    flags.append("DECISION_AMOUNT_MISMATCH")
        return flags

    # ------------------------------------------------------------ run
    def run(self):
        rng = self.rng
        os.makedirs(self.out, exist_ok=True)
        self.make_allocations()
        P = self.plan()
        P.sort(key=lambda d: (d["received"], d["type"], d["code"]))
        # duplicate document: copy of an on-time clean text report, arriving later but before the deadline
        self.shas = set()
        tmpdir = os.path.join(self.out, ".tmp")
        os.makedirs(tmpdir, exist_ok=True)
        # scanned choice
        n = len(P) + 1
        scan_idx = set(rng.sample(range(len(P)), round(0.38 * n)))
        signers = ["Karin Ek, ekonom", "Johan Berg, controller", "Lena Nyström, verksamhetschef",
                   "Fredrik Ahl, ekonomichef", "Sara Lund, utvecklingsledare", "Mats Öberg, enhetschef"]
        # figure generation
        for i, d in enumerate(P):
            d["scanned"] = i in scan_idx
            d["ddate"] = d["received"] - dt.timedelta(days=rng.randint(0, 4))
            d["dstyle"] = rng.choice([0, 1])
            d["dnr"] = "%s %d/%d" % (rng.choice(["RS", "HSN", "SN", "KS", "RF"]), d["ddate"].year, rng.randint(100, 2999))
            d["unitname"] = rng.choice(["Hälso- och sjukvårdsförvaltningen", "Barnhälsovårdsenheten",
                                        "Ekonomiavdelningen", "Område barn och familj"])
            s = rng.choice(signers).split(", ")
            d["signer"], d["signrole"] = s[0], s[1].capitalize()
            d["place"] = (self.geo.regions[d["code"]]["county_name"].replace(" län", "").rstrip("s")
                          if d["kind"] == "region" else self.geo.munis[d["code"]]["municipality_name"])
            if d["kind"] == "region":
                d["place"] = self.geo.munis[[m for m in self.geo.muni_in(d["code"]) if m.endswith("80")][0]]["municipality_name"] \
                    if any(m.endswith("80") for m in self.geo.muni_in(d["code"])) else d["place"]
            if d["type"] == "return_report":
                self.figures_report(d)
            elif d["type"] == "requisition":
                al = self.alloc.get(("hembesok", 2024, d["code"]))
                base = al[0] if al else rng.randint(600, 2500) * 1000
                if d["kind"] == "municipality":
                    base = rng.randint(200, 900) * 1000
                req = base
                if d["spec"] == "exceeds":
                    req = base + rng.randint(5, 90) * 1000
                elif rng.random() < 0.3 and d["kind"] == "region":
                    req = base - rng.randint(1, 30) * 10000
                d["requested"] = req
                d["orgnr"] = "2321%02d-%04d" % (rng.randint(0, 99), rng.randint(0, 9999))
                d["bg"] = "%d-%04d" % (rng.randint(100, 999), rng.randint(0, 9999))
                if d["kind"] == "region":
                    ms = self.geo.muni_in(d["code"])
                    d["collab"] = sorted(rng.sample(ms, min(len(ms), rng.randint(1, 4))))
                    mn = (al[1] if al and al[1] else 25)
                    d["share"] = rng.choice([mn, mn + 5, mn + 10, 50]) if d["spec"] != "share_below" else mn - rng.choice([5, 10, 15])
                    if d["spec"] == "missing_share":
                        d["share"] = None
                else:
                    d["collab"] = []
                    d["share"] = None
            elif d["type"] == "decision":
                al = self.alloc[("hembesok", 2023, d["code"])][0]
                d["para"] = rng.randint(40, 190)
                form, mm = d["form"], d["mm"]
                if form == "exact":
                    v = al if not mm else al + rng.choice([-1, 1]) * rng.randint(20, 120) * 1000
                    d["decided"] = v; d["decided_text"] = grp(v) + " kronor"; d["tol"] = 0.5
                elif form == "tkr":
                    v = al // 1000 * 1000
                    d["decided"] = v; d["decided_text"] = grp(v // 1000) + " tkr"; d["tol"] = 500
                else:
                    r = round(al / 100000) * 100000
                    if mm:
                        r = r + rng.choice([2, 3]) * 100000
                    assert abs(r - al) != 50000
                    d["decided"] = r
                    w = ("%.1f" % (r / 1e6)).replace(".", ",")
                    d["decided_text"] = w + " miljoner kronor"; d["tol"] = 50000
        # add duplicate-document entry
        cands = [d for d in P if d["type"] == "return_report" and d["fp"] == "clean" and not d["scanned"]
                 and d["received"] + dt.timedelta(days=5) <= D(PROGRAMS[(d["program"], d["year"])]["rep_deadline"])]
        orig = cands[0]
        dup = dict(orig); dup["dup_of"] = orig; dup["received"] = orig["received"] + dt.timedelta(days=rng.randint(2, 5))
        P.append(dup)
        P.sort(key=lambda d: (d["received"], d["type"], d["code"], 1 if "dup_of" in d else 0))
        truth = []
        on_file = []
        for i, d in enumerate(P, 1):
            kind = "pdf"
            if d["scanned"] and d["type"] != "return_report" or (d["scanned"] and d.get("layout") in ("post_list", "excel")):
                if rng.random() < 0.35:
                    kind = rng.choice(["jpg", "png"])
            name = "C16_%02d.%s" % (i, kind)
            path = os.path.join(self.out, name)
            if "dup_of" in d:
                shutil.copyfile(os.path.join(self.out, d["dup_of"]["file"]), path)
                pages = d["dup_of"]["pages"]
            else:
                tmp = os.path.join(tmpdir, "t%02d.pdf" % i)
                if d["type"] == "return_report":
                    pages = self.render_report(d, tmp)
                elif d["type"] == "requisition":
                    pages = self.render_requisition(d, tmp)
                else:
                    pages = self.render_decision(d, tmp)
                if kind in ("jpg", "png") and pages > 1:
                    kind = "pdf"; name = "C16_%02d.pdf" % i; path = os.path.join(self.out, name)
                if d["scanned"]:
                    d["scanmode"] = self.scan(tmp, path, kind)
                else:
                    shutil.copyfile(tmp, path)
            d["file"] = name
            d["pages"] = pages
            sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
            e = dict(document_type=d["type"], program=d["program"], grant_year=d["year"],
                     organisation=dict(kind=d["kind"], code=d["code"]))
            if d["type"] == "return_report":
                e["amounts"] = dict(received=d["received_kr"], used=d["used_kr"], unused=d["unused_kr"])
                e["_summismatch"] = abs(sum(d["rows_ore"]) - d["total_ore"]) > 100
            elif d["type"] == "requisition":
                e["amounts"] = dict(requested=d["requested"])
            else:
                e["amounts"] = dict(decided=d["decided"])
                e["_tol"] = d["tol"]
            e["document_date"] = d["ddate"].isoformat()
            if d["type"] == "requisition" and d["kind"] == "region":
                e["collaborating_municipalities"] = d["collab"]
                if d["share"] is not None:
                    e["municipal_share_percent"] = d["share"]
            e["_received"] = d["received"]
            flags = self.compute_flags(e, on_file, sha)
            self.shas.add(sha)
            on_file.append(e)
            ex = {k: v for k, v in e.items() if not k.startswith("_")}
            rec = {"file": name, "scanned": bool(d["scanned"]), "received": d["received"].isoformat(), "expect": ex,
                   "flags": flags}
            info = {"layout": d.get("layout"), "unit": d.get("unit"), "ulabel": d.get("ulabel"),
                    "running": d.get("running"), "scanmode": d.get("scanmode"), "spec": d.get("spec") or d.get("fp") or d.get("form"),
                    "dup_of": d["dup_of"]["file"] if "dup_of" in d else None, "pages": pages}
            truth.append(rec)
            self.docs.append((rec, info))
        shutil.rmtree(tmpdir)
        with open(os.path.join(self.out, "truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
        self.write_allocations()
        return truth


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1616)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    ap.add_argument("--info", action="store_true", help="print a per-document summary to stderr")
    a = ap.parse_args()
    g = Gen(a.outdir, a.seed, a.shared)
    g.run()
    for rec, info in g.docs:
        if a.info:
            print(rec["file"], rec["expect"]["document_type"], rec["expect"]["program"], rec["expect"]["grant_year"],
                  rec["expect"]["organisation"]["code"], rec["flags"], info, file=sys.stderr)


if __name__ == "__main__":
    main()
