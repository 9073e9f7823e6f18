#!/usr/bin/env python3
"""genC18.py OUTDIR --seed N [--shared DIR]

Blind labelled corpus C18: regions and their municipalities (regional decisions with
tjänsteskrivelser, delegationsbeslut, agreements as annexes, requisitions and return reports
naming collaborating municipalities and the municipal share; municipalities' own documents).
Deterministic: same seed -> same truth.json and same PDF text.
"""
import argparse, csv, io, json, os, random, shutil, sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle,
                                PageBreak, KeepTogether)

FONTDIR = "/usr/share/fonts/truetype/dejavu/"
for nm, fn in [("Sans", "DejaVuSans.ttf"), ("SansB", "DejaVuSans-Bold.ttf"),
               ("SansI", "DejaVuSans-Oblique.ttf"), ("Serif", "DejaVuSerif.ttf"),
               ("SerifB", "DejaVuSerif-Bold.ttf"), ("Mono", "DejaVuSansMono.ttf"),
               ("MonoB", "DejaVuSansMono-Bold.ttf"), ("Cond", "DejaVuSansCondensed.ttf"),
               ("CondB", "DejaVuSansCondensed-Bold.ttf")]:
    pdfmetrics.registerFont(TTFont(nm, FONTDIR + fn))

# --------------------------------------------------------------------------- data
REG = {}
MUN = {}


def load(shared):
    with open(Path(shared) / "data/scb_regions.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            REG[r["region_code"].strip()] = (r["region_name"].strip(), r["county_name"].strip())
    with open(Path(shared) / "data/scb_municipalities.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            MUN[r["municipality_code"].strip()] = (r["municipality_name"].strip(), r["region_code"].strip())


# official forms written by the municipalities themselves
OFFICIAL = {
    "0180": "Stockholms stad", "0184": "Solna stad", "1280": "Malmö stad", "1283": "Helsingborgs stad",
    "1282": "Landskrona stad", "1480": "Göteborgs Stad", "1490": "Borås Stad", "1488": "Trollhättans stad",
    "1980": "Västerås stad", "2080": "Falu kommun",
}


def short(c):
    return MUN[c][0]


def official(c):
    if c in OFFICIAL:
        return OFFICIAL[c]
    n = short(c)
    if c == "0980":
        return "Gotlands kommun"
    # genitive-s forms used officially by these
    if c in {"0480", "1083", "1885", "2326", "0381", "0483", "0580", "0581", "0680", "0883", "0882", "1082", "1287", "1290", "1380",
             "1383", "1382", "1780", "1781", "1814", "1983", "2181", "2184", "2281", "2280", "2284",
             "2380", "2309", "2361", "2582", "0360", "0382", "1060"}:
        return n + "s kommun"
    return n + " kommun"


def gen(c):
    o = official(c)
    return o + "s"


def rname(r):
    return REG[r][0]


def fmt(n):
    s = f"{int(round(n)):,}".replace(",", " ")
    return s


def pct(p):
    if float(p).is_integer():
        return str(int(p))
    return str(p).replace(".", ",")


WORDS = {10: "tio", 15: "femton", 20: "tjugo", 22: "tjugotvå", 25: "tjugofem", 30: "trettio",
         35: "trettiofem", 40: "fyrtio", 45: "fyrtiofem", 50: "femtio"}
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]


def dlong(d):
    y, m, dd = d.split("-")
    return f"{int(dd)} {MONTHS[int(m) - 1]} {y}"


def join_sv(items):
    items = list(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " och " + items[-1]


def split_amount(total, n, rng, step=100):
    if n == 1:
        return [total]
    w = [rng.uniform(0.6, 1.8) for _ in range(n)]
    s = sum(w)
    parts = [int(total * x / s / step) * step for x in w[:-1]]
    parts.append(total - sum(parts))
    return parts


# --------------------------------------------------------------------------- allocations
ALLOC24 = {"01": 15480000, "03": 2610000, "04": 2170000, "05": 4650000, "06": 3020000, "07": 1880000,
           "08": 1740000, "09": 520000, "10": 1390000, "12": 12050000, "13": 2240000, "17": 2030000,
           "18": 3180000, "19": 2890000, "20": 2020000, "21": 2260000, "22": 1610000, "23": 880000,
           "24": 2330000, "25": 1960000}
ALLOC24["14"] = 82000000 - sum(ALLOC24.values())
MIN24 = {c: 30 for c in ALLOC24}
MIN24.update({"12": 25, "22": 25, "25": None, "09": None, "23": None})
ALLOC23 = {"01": 7480000, "03": 1910000, "04": 1260000, "05": 2150000, "06": 1710000, "07": 980000,
           "08": 990000, "09": 310000, "10": 790000, "12": 6040000, "13": 1120000, "17": 1180000,
           "18": 1349000, "19": 1560000, "20": 1070000, "21": 1240000, "22": 860000, "23": 420000,
           "24": 1190000, "25": 1030000}
ALLOC23["14"] = 42000000 - sum(ALLOC23.values())
ALLOC25 = {"05": (4300000, 30), "18": (3900000, 30), "24": (2600000, 30),
           "0581": (600000, None), "1880": (700000, None), "2480": (500000, None)}
PILOT = {"0181": (580000, 45), "1283": (580000, 45), "0581": (580000, 45), "0180": (255000, 40)}

PROGRAMS = {  # recipients, pool, requisition deadline, report deadline
    ("hembesok", 2023): ({"region"}, 42000000, "2023-10-31", "2024-03-01"),
    ("hembesok", 2024): ({"region"}, 82000000, "2024-04-05", "2025-03-01"),
    ("hembesok", 2025): ({"region", "municipality"}, None, None, None),
    ("bhv-pilot", 2023): ({"municipality", "region"}, 4500000, "2023-06-16", "2024-05-03"),
}


def allocation(program, year, code):
    """(amount, min_share) or None"""
    if program == "hembesok" and year == 2024:
        return (ALLOC24[code], MIN24[code]) if code in ALLOC24 else None
    if program == "hembesok" and year == 2023:
        return (ALLOC23[code], None) if code in ALLOC23 else None
    if program == "hembesok" and year == 2025:
        return ALLOC25.get(code)
    if program == "bhv-pilot" and year == 2023:
        return PILOT.get(code)
    return None


def write_allocations(path):
    rows = [("program", "grant_year", "recipient_code", "recipient_name", "amount_sek", "municipal_share_min_percent")]
    for c in sorted(ALLOC24):
        rows.append(("hembesok", 2024, c, rname(c), ALLOC24[c], "" if MIN24[c] is None else MIN24[c]))
    for c in sorted(ALLOC23):
        rows.append(("hembesok", 2023, c, rname(c), ALLOC23[c], ""))
    for c in sorted(ALLOC25):
        nm = rname(c) if len(c) == 2 else short(c)
        a, m = ALLOC25[c]
        rows.append(("hembesok", 2025, c, nm, a, "" if m is None else m))
    for c in sorted(PILOT):
        a, m = PILOT[c]
        rows.append(("bhv-pilot", 2023, c, short(c), a, m))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for r in rows:
            w.writerow(r)


# --------------------------------------------------------------------------- document specs
# kind: rreq (region requisition), mreq (municipal requisition), dec (region decision),
#        rrep (region return report), mrep (municipal return report), dup (duplicate of an earlier file)
SPECS = [
    # ---- 2023 pilot (municipalities)
    dict(id="p_sod", kind="mreq", prog="bhv-pilot", year=2023, org="0181", req=580000, date="2023-05-08",
         recv="2023-05-09", share=45, style="mletter", scan=None),
    dict(id="p_sth", kind="mreq", prog="bhv-pilot", year=2023, org="0180", req=255000, date="2023-05-19",
         recv="2023-05-22", share=40, style="mform", scan="tilt"),
    dict(id="p_nkp", kind="mreq", prog="bhv-pilot", year=2023, org="0581", req=580000, date="2023-06-02",
         recv="2023-06-05", share=None, style="mform", scan=None),
    dict(id="p_hbg", kind="mreq", prog="bhv-pilot", year=2023, org="1283", req=580000, date="2023-06-19",
         recv="2023-06-20", share=45, style="mletter", scan="stamp"),
    # ---- 2023 hembesok decisions
    dict(id="d23_ost", kind="dec", prog="hembesok", year=2023, org="05", decided=2150000, dwritten="2 150 000 kronor",
         date="2023-09-21", recv="2023-09-26", munis=["0581", "0580"], share=40, style="protokoll",
         board="Hälso- och sjukvårdsnämnden", scan=None, tj=True),
    dict(id="d23_ore", kind="dec", prog="hembesok", year=2023, org="18", decided=1350000, dwritten="1,35 miljoner kronor",
         date="2023-10-16", recv="2023-10-18", munis=None, share=None, style="protokoll",
         board="Regionstyrelsen", scan="faint", tj=True),
    dict(id="d23_gav", kind="dec", prog="hembesok", year=2023, org="21", decided=2500000, dwritten="2,5 mnkr",
         date="2023-11-03", recv="2023-11-07", munis=["2180"], share=None, style="delegation", scan=None),
    # ---- 2024 requisition period
    dict(id="d_ore", kind="dec", prog="hembesok", year=2024, org="18", decided=3180000, dwritten="3 180 000 kronor",
         date="2024-01-11", recv="2024-01-15", munis=["1880", "1883", "1881"], share=30, style="protokoll",
         board="Regionstyrelsen", left="1814", scan=None, tj=True, pertable=True),
    dict(id="r_ore", kind="rreq", prog="hembesok", year=2024, org="18", req=3180000, date="2024-01-19",
         recv="2024-01-22", munis=["1880", "1883", "1881"], share=30, sharefmt="procent", style="letter",
         left="1814", scan=None),
    dict(id="r_ble", kind="rreq", prog="hembesok", year=2024, org="10", req=1390000, date="2024-01-26",
         recv="2024-01-29", munis=["1080", "1081", "1082", "1083", "1060"], share=35, sharefmt="words",
         style="letter", allcounty=True, scan="tilt"),
    dict(id="m_nkp24", kind="mreq", prog="hembesok", year=2024, org="0581", req=450000, date="2024-01-31",
         recv="2024-02-02", region="05", style="mletter", scan=None),
    dict(id="r_ost", kind="rreq", prog="hembesok", year=2024, org="05", req=4650000, date="2024-02-05",
         recv="2024-02-06", munis=["0581", "0580", "0583"], share=25, sharefmt="pct", style="eservice",
         neighbour=("06", "0680"), scan=None),
    dict(id="d_var", kind="dec", prog="hembesok", year=2024, org="17", decided=2030000, dwritten="2 030 000 kronor",
         date="2024-02-07", recv="2024-02-09", munis=["1780", "1781", "1784"], share=40, style="agreement",
         board="Hälso- och sjukvårdsnämnden", scan=None),
    dict(id="r_var", kind="rreq", prog="hembesok", year=2024, org="17", req=2030000, date="2024-02-12",
         recv="2024-02-13", munis=["1780", "1781", "1784"], share=40, sharefmt="pct", style="form_codes",
         scan="stamp"),
    dict(id="r_sk", kind="rreq", prog="hembesok", year=2024, org="12", req=12050000, date="2024-02-14",
         recv="2024-02-16", munis=["1280", "1283", "1282", "1287"], share=25, sharefmt="andelen",
         style="letter", neighbour=("13", "1380"), scan=None),
    dict(id="r_vn", kind="rreq", prog="hembesok", year=2024, org="22", req=1610000, date="2024-02-19",
         recv="2024-02-20", munis=["2281", "2280", "2284"], share=30, sharefmt="amount_first",
         style="annex", annex_codes=False, scan="photo"),
    dict(id="d_dal", kind="dec", prog="hembesok", year=2024, org="20", decided=1800000, dwritten="1,8 miljoner kronor",
         date="2024-02-21", recv="2024-02-23", munis=["2080", "2081", "2085"], share=30, style="protokoll",
         board="Primärvårdsnämnden", scan="tilt", tj=True),
    dict(id="r_dal", kind="rreq", prog="hembesok", year=2024, org="20", req=1800000, date="2024-02-26",
         recv="2024-02-27", munis=["2080", "2081", "2085"], share=30, sharefmt="kv", style="form_nocodes",
         scan=None),
    dict(id="r_kal1", kind="rreq", prog="hembesok", year=2024, org="08", req=1740000, date="2024-02-29",
         recv="2024-03-01", munis=[], share=30, sharefmt="pct", style="letter", munis_missing=True, scan=None),
    dict(id="r_kal2", kind="rreq", prog="hembesok", year=2024, org="08", req=1740000, date="2024-03-04",
         recv="2024-03-05", munis=["0880", "0881", "0883"], share=30, sharefmt="procent", style="letter",
         supersedes=True, scan="jpg"),
    dict(id="d_kro", kind="dec", prog="hembesok", year=2024, org="07", decided=1880000, dwritten="1 880 tkr",
         date="2024-03-04", recv="2024-03-06", munis=["0780", "0781", "0764"], share=30, style="protokoll",
         board="Hälso- och sjukvårdsnämnden", scan=None, tj=False),
    dict(id="r_upp", kind="rreq", prog="hembesok", year=2024, org="03", req=2750000, date="2024-03-06",
         recv="2024-03-07", munis=["0380", "0381", "0331"], share=30, sharefmt="pct1", style="form_codes",
         scan=None),
    dict(id="d_jh", kind="dec", prog="hembesok", year=2024, org="23", decided=880000, dwritten="880 000 kronor",
         date="2024-03-07", recv="2024-03-08", munis=["2380", "2309", "2321"], share=40, style="delegation",
         left="2326", scan=None),
    dict(id="r_jh1", kind="rreq", prog="hembesok", year=2024, org="23", req=880000, date="2024-03-10",
         recv="2024-03-11", munis=["2380", "2309", "2321"], share=40, sharefmt="pct", style="eservice",
         scan="png"),
    dict(id="d_sor", kind="dec", prog="hembesok", year=2024, org="04", decided=1900000, dwritten="1,9 miljoner kronor",
         date="2024-03-11", recv="2024-03-12", munis=["0484", "0480", "0483"], share=None, style="delegation",
         scan="faint"),
    dict(id="r_got", kind="rreq", prog="hembesok", year=2024, org="09", req=520000, date="2024-03-12",
         recv="2024-03-13", munis=["0980"], share=20, sharefmt="pct", style="letter", scan=None),
    dict(id="r_hal", kind="rreq", prog="hembesok", year=2024, org="13", req=2240000, date="2024-03-14",
         recv="2024-03-15", munis=["1380", "1383", "1382"], share=20, sharefmt="procent", style="form_nocodes",
         scan="tilt"),
    dict(id="m_gbg24", kind="mreq", prog="hembesok", year=2024, org="1480", req=1200000, date="2024-03-15",
         recv="2024-03-18", region="14", style="mform", scan="stamp"),
    dict(id="d_vgr", kind="dec", prog="hembesok", year=2024, org="14", decided=15100000, dwritten="15,1 miljoner kronor",
         date="2024-03-14", recv="2024-03-19", munis=["1480", "1490", "1488"], share=30, style="protokoll",
         board="Regionstyrelsen", scan=None, tj=True),
    dict(id="r_kro", kind="rreq", prog="hembesok", year=2024, org="07", req=1880000, date="2024-03-19",
         recv="2024-03-20", munis=["0780", "0781", "0764"], share=None, sharefmt=None, style="eservice",
         scan=None),
    dict(id="r_vgr", kind="rreq", prog="hembesok", year=2024, org="14", req=ALLOC24["14"], date="2024-03-20",
         recv="2024-03-21", munis=["1480", "1490", "1488"], share=30, sharefmt="amount_pct", style="annex",
         annex_codes=True, left="1485", scan=None),
    dict(id="r_vm", kind="rreq", prog="hembesok", year=2024, org="19", req=2890000, date="2024-03-21",
         recv="2024-03-22", munis=["1980", "1983", "1982"], share=20, sharefmt="words", style="letter",
         neighbour=("18", "1883"), scan="faint"),
    dict(id="r_gav", kind="rreq", prog="hembesok", year=2024, org="21", req=2260000, date="2024-03-22",
         recv="2024-03-25", munis=["2180", "2181", "2184"], share=None, sharefmt=None, style="letter",
         scan=None),
    dict(id="d_sthlm", kind="dec", prog="hembesok", year=2024, org="01", decided=15500000, dwritten="15,5 mnkr",
         date="2024-03-21", recv="2024-03-26", munis=["0127", "0181", "0180", "0126", "0184"], share=30,
         style="protokoll", board="Hälso- och sjukvårdsnämnden", scan="photo", tj=False, pertable=True),
    dict(id="r_jh2", kind="rreq", prog="hembesok", year=2024, org="23", req=880000, date="2024-03-26",
         recv="2024-03-27", munis=["2380", "2309", "2321", "2361"], share=40, sharefmt="procent",
         style="letter", supersedes=True, scan=None),
    dict(id="m_ore24", kind="mreq", prog="hembesok", year=2024, org="1880", req=380000, date="2024-03-27",
         recv="2024-03-28", region="18", style="mletter", scan=None),
    dict(id="r_nb", kind="rreq", prog="hembesok", year=2024, org="25", req=2100000, date="2024-03-29",
         recv="2024-04-02", munis=["2580", "2581", "2582", "2584"], share=15, sharefmt="pct", style="form_codes",
         scan="tilt"),
    dict(id="r_sor", kind="rreq", prog="hembesok", year=2024, org="04", req=2170000, date="2024-04-03",
         recv="2024-04-04", munis=["0484", "0480", "0483"], share=32.5, sharefmt="pct", style="eservice",
         scan=None),
    dict(id="r_vb", kind="rreq", prog="hembesok", year=2024, org="24", req=2330000, date="2024-04-08",
         recv="2024-04-09", munis=["2480", "2482", "2481"], share=30, sharefmt="andelen", style="letter",
         scan=None),
    dict(id="r_jkp", kind="rreq", prog="hembesok", year=2024, org="06", req=3020000, date="2024-04-12",
         recv="2024-04-16", munis=["0680", "0682", "0683"], share=25, sharefmt="procent", style="annex",
         annex_codes=True, scan="stamp"),
    dict(id="dup_vgr", kind="dup", of="d_vgr", recv="2024-04-22"),
    # ---- pilot return reports
    dict(id="pr_sod", kind="mrep", prog="bhv-pilot", year=2023, org="0181", received=580000, used=571200,
         unused=8800, date="2024-04-24", recv="2024-04-25", style="mreport", scan=None),
    dict(id="pr_sth", kind="mrep", prog="bhv-pilot", year=2023, org="0180", received=255000, used=255000,
         unused=0, date="2024-04-29", recv="2024-04-30", style="mreport", scan=None),
    dict(id="pr_nkp", kind="mrep", prog="bhv-pilot", year=2023, org="0581", received=580000, used=560400,
         unused=19600, date="2024-05-06", recv="2024-05-08", style="mreport", scan="tilt"),
    # ---- 2024 return reports (regions)
    dict(id="rr_ore", kind="rrep", prog="hembesok", year=2024, org="18", received=3180000, used=2990400,
         unused=189600, date="2025-01-13", recv="2025-01-14", munis=["1880", "1883", "1881"], share=30,
         left="1814", style="report", scan=None),
    dict(id="rr_var", kind="rrep", prog="hembesok", year=2024, org="17", received=2030000, used=1874300,
         unused=155700, date="2025-01-20", recv="2025-01-21", munis=["1780", "1781", "1784"], share=40,
         style="report", scan="tilt"),
    dict(id="rr_ble", kind="rrep", prog="hembesok", year=2024, org="10", received=1390000, used=1402000,
         unused=0, date="2025-01-27", recv="2025-01-28", munis=["1080", "1081", "1082", "1083", "1060"], share=35,
         style="report", scan=None),
    dict(id="rr_sk", kind="rrep", prog="hembesok", year=2024, org="12", received=12050000, used=11212500,
         unused=873500, date="2025-02-03", recv="2025-02-04", munis=["1280", "1283", "1282", "1287"], share=25,
         style="report", scan="stamp"),
    dict(id="rr_vgr", kind="rrep", prog="hembesok", year=2024, org="14", received=ALLOC24["14"], used=14620000,
         unused=ALLOC24["14"] - 14620000, date="2025-02-07", recv="2025-02-10", munis=["1480", "1490", "1488"],
         share=30, style="report", costs_off=25000, scan=None),
    dict(id="rr_vn", kind="rrep", prog="hembesok", year=2024, org="22", received=1610000, used=1523800,
         unused=86200, date="2025-02-14", recv="2025-02-17", munis=["2281", "2280", "2284"], share=30,
         style="report", munitab_off=12000, scan="faint"),
    dict(id="rr_dal", kind="rrep", prog="hembesok", year=2024, org="20", received=1800000, used=1800000,
         unused=0, date="2025-02-24", recv="2025-02-25", munis=["2080", "2081", "2085"], share=30,
         style="report", scan=None),
    dict(id="rr_gav", kind="rrep", prog="hembesok", year=2024, org="21", received=2260000, used=2104900,
         unused=155100, date="2025-03-04", recv="2025-03-06", munis=["2180", "2181", "2184"], share=30,
         style="report", scan="tilt"),
    dict(id="rr_upp", kind="rrep", prog="hembesok", year=2024, org="03", received=2610000, used=2477300,
         unused=132700, date="2025-03-17", recv="2025-03-19", munis=["0380", "0381", "0331"], share=30,
         style="report", scan=None),
    # ---- 2025
    dict(id="r25_ost", kind="rreq", prog="hembesok", year=2025, org="05", req=4200000, date="2025-02-10",
         recv="2025-02-11", munis=["0581", "0580"], share=30, sharefmt="pct", style="form_codes",
         left="0583", scan=None),
    dict(id="m25_nkp", kind="mreq", prog="hembesok", year=2025, org="0581", req=600000, date="2025-02-13",
         recv="2025-02-18", region="05", style="mform", scan="photo"),
    dict(id="r25_ble", kind="rreq", prog="hembesok", year=2025, org="10", req=900000, date="2025-02-26",
         recv="2025-02-27", munis=["1080", "1081"], share=30, sharefmt="procent", style="letter", scan=None),
    dict(id="m25_hbg", kind="mreq", prog="hembesok", year=2025, org="1283", req=450000, date="2025-03-03",
         recv="2025-03-05", region="12", style="mletter", scan=None),
    dict(id="r25_ore", kind="rreq", prog="hembesok", year=2025, org="18", req=3900000, date="2025-03-10",
         recv="2025-03-12", munis=["1880", "1883", "1881", "1885"], share=20, sharefmt="andelen",
         style="annex", annex_codes=False, scan="stamp"),
    dict(id="m25_ume", kind="mreq", prog="hembesok", year=2025, org="2480", req=550000, date="2025-03-18",
         recv="2025-03-20", region="24", style="mletter", scan="tilt"),
]


# --------------------------------------------------------------------------- flags
def compute_flags(docs):
    on_file_req = []  # (org, prog, year, requested)
    shas = set()
    for d in docs:
        e = d["expect"]
        fl = []
        if d["sha"] in shas:
            fl.append("DUPLICATE_DOCUMENT")
            d["flags"] = fl + d.get("_origflags", [])
            continue
        shas.add(d["sha"])
        prog, year = e["program"], e["grant_year"]
        org = e["organisation"]
        rec, pool, rdl, repdl = PROGRAMS[(prog, year)]
        al = allocation(prog, year, org["code"])
        wrong = org["kind"] not in rec
        t = e["document_type"]
        if wrong:
            fl.append("WRONG_RECIPIENT_KIND")
        elif al is None:
            fl.append("NO_ALLOCATION")
        if t == "requisition":
            req = e["amounts"]["requested"]
            if al and req > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if any(o == org["code"] and p == prog and y == year for o, p, y, _ in on_file_req):
                fl.append("DUPLICATE_REQUISITION")
            on_file_req.append((org["code"], prog, year, req))
            if pool is not None:
                tot = sum(r for o, p, y, r in on_file_req if p == prog and y == year)
                assert tot <= pool, ("pool would be exceeded", prog, year, tot)
            if rdl and d["received"] > rdl:
                fl.append("LATE_REQUISITION")
            if not wrong and org["kind"] == "region" and prog == "hembesok" and year >= 2024:
                if not e.get("collaborating_municipalities") or "municipal_share_percent" not in e:
                    fl.append("MISSING_FIELD")
        if t == "return_report":
            a = e["amounts"]
            if al and a["received"] > al[0]:
                fl.append("AMOUNT_EXCEEDS_ALLOCATION")
            if repdl and d["received"] > repdl:
                fl.append("LATE_REPORT")
            if a["used"] > a["received"]:
                fl.append("USED_EXCEEDS_RECEIVED")
            elif abs(a["received"] - a["used"] - a["unused"]) > 1:
                fl.append("UNUSED_MISMATCH")
        if t == "decision":
            if al and abs(e["amounts"]["decided"] - al[0]) > d["_half_unit"]:
                fl.append("DECISION_AMOUNT_MISMATCH")
        if d.get("_sum_mismatch"):
            fl.append("SUM_MISMATCH")
        sh = e.get("municipal_share_percent")
        if sh is not None and al and al[1] is not None and sh < al[1] and not wrong:
            assert t == "requisition", "share below minimum only on requisitions (ambiguous otherwise)"
            fl.append("SHARE_BELOW_MINIMUM")
        d["flags"] = fl


# --------------------------------------------------------------------------- text building
class B:
    """A tiny document builder producing platypus flowables."""

    def __init__(self, font="Sans", size=10.5):
        self.f = font
        self.fb = {"Sans": "SansB", "Serif": "SerifB", "Mono": "MonoB", "Cond": "CondB"}[font]
        self.size = size
        self.story = []
        self.st = ParagraphStyle("n", fontName=font, fontSize=size, leading=size * 1.38, spaceAfter=size * 0.6)
        self.sth = ParagraphStyle("h", fontName=self.fb, fontSize=size + 4, leading=(size + 4) * 1.25,
                                  spaceAfter=size * 0.7, spaceBefore=4)
        self.sth2 = ParagraphStyle("h2", fontName=self.fb, fontSize=size + 1, leading=(size + 1) * 1.3,
                                   spaceAfter=size * 0.4, spaceBefore=size * 0.5)
        self.stc = ParagraphStyle("c", fontName=font, fontSize=size - 0.5, leading=(size - 0.5) * 1.3)
        self.stcb = ParagraphStyle("cb", fontName=self.fb, fontSize=size - 0.5, leading=(size - 0.5) * 1.3)

    @staticmethod
    def esc(t):
        import re
        t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        # keep numbers (and "30 %") on one line, as a word processor's hard spaces would
        t = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u00a0", t)
        t = re.sub(r"(?<=\d) (?=%)", "\u00a0", t)
        return t

    def p(self, t, bold=False):
        st = self.st if not bold else ParagraphStyle("b", parent=self.st, fontName=self.fb)
        self.story.append(Paragraph(self.esc(t).replace("\n", "<br/>"), st))

    def h(self, t):
        self.story.append(Paragraph(self.esc(t), self.sth))

    def h2(self, t):
        self.story.append(Paragraph(self.esc(t), self.sth2))

    def bullets(self, items, sym="•"):
        st = ParagraphStyle("bl", parent=self.st, leftIndent=18, bulletIndent=6, spaceAfter=2, bulletFontName=self.f)
        for it in items:
            self.story.append(Paragraph(self.esc(it), st, bulletText=sym))
        self.sp(6)

    def sp(self, h=8):
        self.story.append(Spacer(1, h))

    def pb(self):
        self.story.append(PageBreak())

    def head(self, left, right):
        L = [Paragraph(self.esc(x), self.stcb if i == 0 else self.stc) for i, x in enumerate(left)]
        R = [Paragraph(self.esc(x), self.stc) for x in right]
        n = max(len(L), len(R))
        L += [""] * (n - len(L))
        R += [""] * (n - len(R))
        t = Table([[a, b] for a, b in zip(L, R)], colWidths=[9.5 * cm, 7 * cm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        self.story.append(t)
        self.sp(18)

    def table(self, rows, widths, grid=True, header=True, bold_last=False, align_right_cols=()):
        data = []
        for i, r in enumerate(rows):
            bold = (header and i == 0) or (bold_last and i == len(rows) - 1)
            data.append([Paragraph(self.esc(str(c)).replace("\n", "<br/>"), ParagraphStyle(
                "tc", parent=self.stcb if bold else self.stc,
                alignment=2 if j in align_right_cols else 0)) for j, c in enumerate(r)])
        t = Table(data, colWidths=[w * cm for w in widths])
        sty = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        if grid:
            sty.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
            if header:
                sty.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)))
        else:
            if header:
                sty.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
            if bold_last:
                sty.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
        t.setStyle(TableStyle(sty))
        self.story.append(t)
        self.sp(10)

    def build(self, footer=None, top=2.3):
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=2.3 * cm, rightMargin=2.2 * cm,
                                topMargin=top * cm, bottomMargin=2.2 * cm, invariant=1,
                                title="", author="", creator="", producer="")
        f = self.f

        def onpage(c, d):
            c.saveState()
            c.setFont(f, 7.5)
            if footer:
                c.drawString(2.3 * cm, 1.2 * cm, footer)
            c.drawRightString(A4[0] - 2.2 * cm, 1.2 * cm, f"Sida {d.page}")
            c.restoreState()

        doc.build(self.story, onFirstPage=onpage, onLaterPages=onpage)
        return buf.getvalue()


REGION_ADDR = {
    "01": ("Hälso- och sjukvårdsförvaltningen", "Box 6909, 102 39 Stockholm", "Stockholm"),
    "03": ("Hälso- och sjukvårdsförvaltningen", "751 85 Uppsala", "Uppsala"),
    "04": ("Regionledningskontoret", "611 88 Nyköping", "Nyköping"),
    "05": ("Regionledningskontoret", "581 91 Linköping", "Linköping"),
    "06": ("Regionledningskontoret", "Box 1024, 551 11 Jönköping", "Jönköping"),
    "07": ("Regionkansliet", "Box 1223, 351 12 Växjö", "Växjö"),
    "08": ("Regionstaben", "Box 601, 391 26 Kalmar", "Kalmar"),
    "09": ("Hälso- och sjukvårdsförvaltningen", "621 84 Visby", "Visby"),
    "10": ("Regionledningsförvaltningen", "371 81 Karlskrona", "Karlskrona"),
    "12": ("Koncernkontoret", "291 89 Kristianstad", "Malmö"),
    "13": ("Regionkontoret", "Box 517, 301 80 Halmstad", "Halmstad"),
    "14": ("Koncernkontoret", "405 44 Göteborg", "Göteborg"),
    "17": ("Hälso- och sjukvårdsförvaltningen", "651 82 Karlstad", "Karlstad"),
    "18": ("Regionkansliet", "Box 1613, 701 16 Örebro", "Örebro"),
    "19": ("Hälso- och sjukvårdsförvaltningen", "721 89 Västerås", "Västerås"),
    "20": ("Hälso- och sjukvårdsförvaltningen", "Box 712, 791 29 Falun", "Falun"),
    "21": ("Hälso- och sjukvårdsförvaltningen", "801 88 Gävle", "Gävle"),
    "22": ("Regionstaben", "871 85 Härnösand", "Härnösand"),
    "23": ("Hälso- och sjukvårdsförvaltningen", "Box 654, 831 27 Östersund", "Östersund"),
    "24": ("Regionservice", "901 89 Umeå", "Umeå"),
    "25": ("Regionförvaltningen", "971 89 Luleå", "Luleå"),
}
PEOPLE = ["Anna Lindqvist", "Karin Sjöberg", "Maria Holm", "Eva Nyström", "Lena Bergström", "Johan Ek",
          "Peter Sandberg", "Sara Åkesson", "Mikael Öberg", "Helena Dahl", "Per Wikström", "Ulrika Falk",
          "Jonas Hedlund", "Cecilia Blom", "Fredrik Lund", "Malin Söderberg"]
TITLE24 = "statsbidrag för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram"


def region_variant(code, rng):
    name, county = REG[code]
    return name


def dnr(rng, prefix, year):
    return f"{prefix} {year}/{rng.randint(40, 2900):05d}" if rng.random() < 0.5 else f"{prefix} {year}-{rng.randint(40, 2900)}"


def share_sentence(s, fmtk, base, rng, subj="kommunerna"):
    """Text stating the municipal share; base is the amount the share applies to."""
    amt = int(round(base * s / 100))
    P = pct(s)
    if fmtk == "pct":
        return f"Andel av bidraget som ska finansiera kommunal verksamhet: {P} %."
    if fmtk == "pct1":
        return f"Andel till kommunal verksamhet: {P},0 %" if float(s).is_integer() else f"Andel till kommunal verksamhet: {P} %"
    if fmtk == "procent":
        return f"Av det rekvirerade beloppet avser {P} procent verksamhet som bedrivs av {subj}."
    if fmtk == "words":
        return f"{WORDS[int(s)].capitalize()} procent av statsbidraget kommer att överföras till {subj} för att finansiera den kommunala delen av hembesöken."
    if fmtk == "andelen":
        return f"Andelen av bidraget till {subj} uppgår till {P} %."
    if fmtk == "amount_first":
        return f"Till {subj} förs {fmt(amt)} kronor över, vilket motsvarar {P} % av statsbidraget."
    if fmtk == "amount_pct":
        return f"Kommunal andel: {fmt(amt)} kr ({P} % av rekvirerat belopp)."
    if fmtk == "kv":
        return f"{P} %"
    raise ValueError(fmtk)


def muni_prose(codes, rng, region):
    v = rng.choice(["list_official", "kommunerna", "gen"])
    if v == "list_official":
        return f"Regionen samverkar under 2024 med {join_sv(official(c) for c in codes)} kring de utökade hembesöken."
    if v == "kommunerna":
        return (f"Hembesöken genomförs av barnhälsovården tillsammans med socialtjänsten i kommunerna "
                f"{join_sv(short(c) for c in codes)}.")
    return (f"De utökade hembesöken genomförs i samverkan mellan regionens barnavårdscentraler och "
            f"{join_sv(gen(c) for c in codes)} förebyggande socialtjänst.")


# --------------------------------------------------------------------------- renderers
def r_region_req(s, rng):
    r = s["org"]
    year = s["year"]
    font = rng.choice(["Sans", "Serif"])
    b = B(font)
    dep, addr, city = REGION_ADDR[r]
    name = rname(r)
    style = s["style"]
    ref = dnr(rng, rng.choice(["RS", "HSN", "RK", "Dnr"]), year)
    who = rng.choice(PEOPLE)
    deadline_str = "5 april 2024" if year == 2024 else None
    if style in ("letter", "annex"):
        b.head([name, dep, addr], [f"Datum: {s['date']}" if rng.random() < 0.6 else f"Datum {dlong(s['date'])}",
                                    f"Diarienummer: {ref}", "", "Socialstyrelsen", "Statsbidragsenheten", "106 30 Stockholm"])
        title = ("Rekvisition av " + TITLE24 + f" {year}") if not s.get("supersedes") else \
            f"Rekvisition av statsbidrag för utökade hembesöksprogram {year} – ersätter tidigare inskickad rekvisition"
        b.h(title)
        b.p(f"{name} rekvirerar härmed {fmt(s['req'])} kronor i statsbidrag för bidragsåret {year} enligt "
            f"Socialstyrelsens anvisningar" + (" (förordning 2025:74)." if year == 2025 else "."))
        if s.get("supersedes"):
            b.p("Denna rekvisition ersätter den rekvisition som regionen skickade in tidigare i år. "
                "Ändringen avser uppgifterna om samverkande kommuner och andelen till kommunal verksamhet.")
        if style == "letter":
            munis = s["munis"]
            if s.get("munis_missing"):
                b.p("Arbetet bedrivs i samverkan med berörda kommuner i länet. En förteckning över de kommuner "
                    "som deltar skickas in separat när överenskommelserna är undertecknade.")
            elif s.get("allcounty"):
                allm = sorted((c for c in MUN if MUN[c][1] == r), key=lambda c: short(c))
                assert sorted(allm) == sorted(munis)
                b.p(f"Samverkan sker med samtliga kommuner i länet, det vill säga kommunerna "
                    f"{join_sv(short(c) for c in allm)}. Samtliga {len(allm)} kommuner har tecknat överenskommelse med regionen om "
                    f"utökade hembesök för {year}.")
            elif r == "09":
                b.p("Region Gotland är både region och kommun. De utökade hembesöken genomförs av regionens "
                    "barnhälsovård i samverkan med socialtjänstens förebyggande verksamhet i Gotlands kommun.")
            else:
                b.p(muni_prose(munis, rng, r).replace("2024", str(year)))
            if s.get("left"):
                b.p(f"{official(s['left'])} deltog i samverkan under {year - 1} men har från och med {year} "
                    f"lämnat samarbetet och omfattas inte av denna rekvisition.")
            if s.get("neighbour"):
                nr, nm = s["neighbour"]
                b.p(f"Motsvarande arbete bedrivs i grannlänet av {rname(nr)} tillsammans med {official(nm)}; "
                    f"det arbetet ingår inte i denna rekvisition.")
            if s.get("share") is not None:
                b.p(share_sentence(s["share"], s["sharefmt"], s["req"], rng))
            else:
                b.p("Hur stor del av bidraget som ska finansiera kommunal verksamhet kommer att regleras i "
                    "överenskommelser med kommunerna under våren.")
        else:  # annex
            b.p(f"De kommuner som regionen samverkar med framgår av bilaga 1. "
                + share_sentence(s["share"], s["sharefmt"], s["req"], rng))
            if s.get("left"):
                b.p(f"Observera att {official(s['left'])}, som ingick i samverkan under {year - 1}, inte deltar {year}.")
        if year == 2024 and rng.random() < 0.6:
            b.p("Regionen önskar ta del av eventuella kvarvarande medel efter rekvisitionstillfället.")
        b.p("Medlen används för att planera, införa och vidareutveckla utökade hembesöksprogram i områden "
            "med socioekonomiska utmaningar, i enlighet med villkoren för bidraget.")
        b.p(f"Utbetalning till regionens bankgiro {rng.randint(100, 999)}-{rng.randint(1000, 9999)}. "
            f"Organisationsnummer 232100-{rng.randint(1000, 9999)}.")
        b.sp(14)
        b.p(f"{city} den {dlong(s['date'])}" if rng.random() < 0.5 else f"{city} {s['date']}")
        b.sp(20)
        b.p(f"{who}\n{rng.choice(['Hälso- och sjukvårdsdirektör', 'Regiondirektör', 'Chef för barnhälsovården', 'Ekonomidirektör'])}")
        if style == "annex":
            b.pb()
            b.h2(f"Bilaga 1. Samverkande kommuner {year}")
            amt = int(round(s["req"] * s["share"] / 100))
            parts = split_amount(amt, len(s["munis"]), rng)
            if s.get("annex_codes"):
                rows = [["Kommunkod", "Kommun", "Andel av bidraget, kr"]]
                for c, a in zip(s["munis"], parts):
                    rows.append([c, official(c), fmt(a)])
                rows.append(["", "Summa till kommunerna", fmt(amt)])
                b.table(rows, [3, 8, 5], grid=True, bold_last=True, align_right_cols=(2,))
            else:
                rows = [["Kommun", "Planerad ersättning (kr)"]]
                for c, a in zip(s["munis"], parts):
                    rows.append([official(c).upper(), fmt(a)])
                rows.append(["Totalt", fmt(amt)])
                b.table(rows, [9, 6], grid=False, bold_last=True, align_right_cols=(1,))
            b.p(f"Sammanlagt motsvarar ersättningen till kommunerna {pct(s['share'])} % av det rekvirerade beloppet.")
        return b.build(footer=f"{name} · {ref}")
    if style in ("form_codes", "form_nocodes"):
        b.head([name, dep], [f"Dnr {ref}"])
        b.h(f"Rekvisition – statsbidrag utökade hembesöksprogram {year}")
        b.p("Blanketten fylls i av regionen och skickas till Socialstyrelsen.")
        if s["munis"]:
            if style == "form_codes":
                mtxt = "\n".join(f"{c}  {short(c)}" for c in s["munis"])
            else:
                mtxt = "\n".join(official(c) for c in s["munis"])
        sh = s.get("share")
        shtxt = (f"{pct(sh)} %" if s["sharefmt"] in ("pct", "kv") else
                 (f"{pct(sh)},0 %" if s["sharefmt"] == "pct1" else f"{pct(sh)} procent")) if sh is not None else ""
        rows = [["Uppgift", "Svar"],
                ["Sökande region", name],
                ["Organisationsnummer", f"232100-{rng.randint(1000, 9999)}"],
                ["Bidragsår", str(year)],
                ["Rekvirerat belopp (kr)", fmt(s["req"])],
                ["Samverkande kommuner" + (" (kommunkod, namn)" if style == "form_codes" else ""), mtxt],
                ["Andel av bidraget till kommunal verksamhet", shtxt],
                ["Önskar ta del av kvarvarande medel", rng.choice(["Ja", "Nej"])],
                ["Kontaktperson", f"{who}, {who.split()[0].lower()}.{who.split()[1].lower()}@region.example.se"
                 .replace("å", "a").replace("ä", "a").replace("ö", "o").replace("Å", "A").replace("Ö", "O")],
                ["Datum", s["date"]]]
        b.table(rows, [6.5, 9.5], grid=True)
        if s.get("left"):
            b.p(f"Kommentar: {official(s['left'])} ingick i samverkan {year - 1} men deltar inte {year}.")
        b.sp(20)
        b.p("Underskrift behörig företrädare\n\n______________________________\n" + who)
        return b.build(footer=f"Rekvisitionsblankett {year} · {name}")
    if style == "eservice":
        b = B("Mono", 9.5)
        b.p("Socialstyrelsen – E-tjänst för statsbidrag", bold=True)
        b.p(f"Ärende-ID: SB{year}-{rng.randint(10000, 99999)}    Utskrivet: {s['date']} {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}")
        b.sp(6)
        b.h(f"Rekvisition: Utökade hembesöksprogram {year}")
        b.p(f"Organisation ........... {name}")
        b.p(f"Bidragsår .............. {year}")
        b.p(f"Rekvirerat belopp ...... {fmt(s['req'])} kr")
        b.p(f"Inskickad .............. {s['date']}")
        b.sp(4)
        b.p("Ange vilka kommuner regionen samverkar med:", bold=True)
        b.bullets([official(c) for c in s["munis"]], sym="-")
        if s.get("neighbour"):
            nr, nm = s["neighbour"]
            b.p(f"Övrigt: Samordning sker med {rname(nr)} och {official(nm)} kring familjer som flyttar "
                f"mellan länen; de ingår inte i regionens samverkan.")
        b.p("Hur stor del av bidraget ska finansiera kommunal verksamhet?", bold=True)
        if s.get("share") is not None:
            b.p(f"Svar: {pct(s['share'])} %")
        else:
            b.p("Svar: Fördelningen är inte klar. Den beslutas av hälso- och sjukvårdsnämnden senare under året.")
        b.p("Önskar regionen ta del av eventuella kvarvarande medel?", bold=True)
        b.p("Svar: " + rng.choice(["Ja", "Nej"]))
        b.sp(6)
        b.p(f"Behörigt ombud: {who}")
        return b.build(footer="statsbidrag.socialstyrelsen.se/ombud")
    raise ValueError(style)


def r_muni_req(s, rng):
    c = s["org"]
    b = B(rng.choice(["Sans", "Serif"]))
    who = rng.choice(PEOPLE)
    nm = official(c)
    ref = dnr(rng, rng.choice(["SN", "SOC", "KS", "VON"]), int(s["date"][:4]))
    prog, year = s["prog"], s["year"]
    if prog == "bhv-pilot":
        title = f"Rekvisition av statsbidrag för {year} för pilotverksamhet i barnhälsovården"
        body = (f"{nm} rekvirerar {fmt(s['req'])} kronor i statsbidrag för pilotverksamhet i barnhälsovården "
                f"i socioekonomiskt utsatta områden för bidragsåret {year}. Medlen avser den förebyggande "
                f"socialtjänstens del i det utökade hembesöksprogrammet.")
        extra = (f"Kommunens andel av pilotområdets totala ersättning är {pct(s['share'])} procent."
                 if s.get("share") else None)
    elif year == 2024:
        title = "Rekvisition av statsbidrag – utökade hembesök inom barnhälsovården 2024"
        body = (f"{nm} rekvirerar härmed {fmt(s['req'])} kronor för bidragsåret 2024 för kommunens "
                f"medverkan i utökade hembesöksprogram, som genomförs tillsammans med barnhälsovården i "
                f"{rname(s['region'])}.")
        extra = "Socialtjänstens familjebehandlare deltar vid hembesöken tillsammans med BVC-sjuksköterskan."
    else:
        title = f"Rekvisition enligt förordning (2025:74) – utökade hembesöksprogram {year}"
        body = (f"{nm} rekvirerar {fmt(s['req'])} kr i bidrag för verksamhet med utökade hembesöksprogram "
                f"under bidragsåret {year}. Verksamheten bedrivs i samverkan med barnhälsovården i "
                f"{rname(s['region'])}.")
        extra = "Kommunen uppfyller villkoren 1–5 i förordningen."
    if s["style"] == "mletter":
        b.head([nm, rng.choice(["Socialförvaltningen", "Social- och omsorgsförvaltningen", "Välfärdsförvaltningen"])],
               [f"Datum: {s['date']}", f"Dnr: {ref}", "", "Till Socialstyrelsen"])
        b.h(title)
        b.p(body)
        if extra:
            b.p(extra)
        b.p(f"Beloppet betalas till kommunens bankgiro {rng.randint(100, 999)}-{rng.randint(1000, 9999)}.")
        b.sp(14)
        b.p(f"{who}\n{rng.choice(['Socialchef', 'Förvaltningschef', 'Avdelningschef'])}, {nm}")
    else:
        b.head([nm], [f"Dnr {ref}"])
        b.h(title)
        rows = [["Fält", "Uppgift"], ["Kommun", nm], ["Kommunkod", c], ["Bidragsår", str(year)],
                ["Rekvirerat belopp", f"{fmt(s['req'])} kr"]]
        if s.get("share"):
            rows.append(["Kommunens andel av pilotområdet", f"{pct(s['share'])} %"])
        rows += [["Datum", s["date"]], ["Behörig företrädare", who]]
        b.table(rows, [6, 10], grid=True)
        b.p(body)
    return b.build(footer=nm)


def r_decision(s, rng):
    r = s["org"]
    year = s["year"]
    name = rname(r)
    b = B(rng.choice(["Sans", "Serif"]))
    dep, addr, city = REGION_ADDR[r]
    ref = dnr(rng, rng.choice(["RS", "HSN", "PVN", "RK"]), year)
    munis = s.get("munis") or []
    sh = s.get("share")
    dw = s["dwritten"]
    if s["style"] == "delegation":
        b.head([name, dep], [f"Beslutsdatum: {s['date']}", f"Dnr {ref}"])
        b.h("Delegationsbeslut")
        b.p(f"Ärende: Rekvisition och fördelning av statsbidrag för utökade hembesöksprogram inom "
            f"barnhälsovården, bidragsår {year}", bold=True)
        b.h2("Beslut")
        txt = f"Att rekvirera statsbidrag från Socialstyrelsen om {dw} för bidragsåret {year}."
        b.p(txt)
        if munis:
            line = f"Att medlen används i samverkan med {join_sv(official(c) for c in munis)}"
            if sh is not None:
                line += f", och att {pct(sh)} % av bidraget förs över till kommunerna för den kommunala delen av hembesöken."
            else:
                line += "."
            b.p(line)
        if s.get("left"):
            b.p(f"{official(s['left'])}, som deltog tidigare år, ingår inte i samverkan {year}.")
        b.h2("Delegation")
        b.p(f"Beslutet fattas med stöd av regionstyrelsens delegationsordning, punkt {rng.randint(2, 9)}.{rng.randint(1, 20)}. "
            f"Beslutet anmäls till nästa sammanträde.")
        b.sp(16)
        b.p(f"{rng.choice(PEOPLE)}\nHälso- och sjukvårdsdirektör")
        return b.build(footer=f"{name} · Delegationsbeslut {ref}")
    board = s["board"]
    # protokollsutdrag / agreement decision
    par = rng.randint(12, 140)
    b.head([name, board], ["PROTOKOLLSUTDRAG", f"Sammanträdesdatum {s['date']}", f"§ {par}", f"Dnr {ref}"])
    if s["style"] == "agreement":
        b.h(f"Överenskommelse med kommunerna om utökade hembesöksprogram {year}")
        b.h2("Beslut")
        b.p(f"{board} beslutar")
        b.p(f"att godkänna bifogad överenskommelse mellan {name} och {join_sv(official(c) for c in munis)} "
            f"om utökade hembesöksprogram inom barnhälsovården {year},")
        b.p(f"att regionen rekvirerar statsbidraget om {dw} från Socialstyrelsen, samt")
        b.p(f"att {pct(sh)} procent av statsbidraget fördelas till de samverkande kommunerna enligt överenskommelsen.")
    else:
        b.h(f"Statsbidrag för utökade hembesöksprogram {year} – rekvisition och fördelning")
        b.h2("Beslut")
        b.p(f"{board} beslutar")
        b.p(f"att rekvirera statsbidraget om {dw} för {year} för att stödja och stimulera barnhälsovårdens "
            f"förebyggande arbete med utökade hembesöksprogram,")
        if munis and sh is not None:
            amt_txt = ""
            if rng.random() < 0.5 and s["decided"] == ALLOC24.get(r, -1):
                amt_txt = f", motsvarande {fmt(int(round(s['decided'] * sh / 100)))} kronor,"
            b.p(f"att {pct(sh)} procent av bidraget{amt_txt} fördelas till {join_sv(official(c) for c in munis)} "
                f"för kommunernas del av hembesöksverksamheten, samt")
        elif munis:
            b.p(f"att arbetet bedrivs i samverkan med {join_sv(official(c) for c in munis)}, samt")
        b.p("att uppdra åt regiondirektören att teckna erforderliga överenskommelser.")
    b.h2("Sammanfattning av ärendet")
    b.p(f"Socialstyrelsen fördelar statsbidrag till regioner för att i samverkan med kommuner införa eller "
        f"vidareutveckla utökade hembesöksprogram i områden med socioekonomiska utmaningar. Bidraget får "
        f"användas för kostnader under perioden 1 januari–31 december {year} och ska återrapporteras senast "
        f"den 1 mars {year + 1}.")
    if s.get("left"):
        b.p(f"Under {year - 1} deltog även {official(s['left'])}, som inför {year} har valt att lämna samverkan.")
    if s.get("pertable") and munis and sh is not None:
        parts = split_amount(int(sh * 10), len(munis), rng, step=5)  # tenths of a percent, steps of 0.5 %
        rows = [["Kommun", "Andel av statsbidraget"]]
        for c, p in zip(munis, parts):
            rows.append([official(c), f"{pct(p / 10)} %"])
        rows.append(["Summa kommunerna", f"{pct(sh)} %"])
        b.table(rows, [9, 5], grid=False, bold_last=True, align_right_cols=(1,))
    b.p(f"Vid protokollet\n{rng.choice(PEOPLE)}\n\nJusteras\n{rng.choice(PEOPLE)}, ordförande")
    b.p("Utdragsbestyrkande: " + rng.choice(PEOPLE))
    if s["style"] == "agreement":
        b.pb()
        b.h2(f"Bilaga: Överenskommelse om utökade hembesöksprogram {year}")
        b.p("Parter", bold=True)
        b.bullets([name] + [official(c) for c in munis])
        b.p("Syfte", bold=True)
        b.p("Parterna genomför gemensamt utökade hembesök för förstagångsföräldrar i områden med "
            "socioekonomiska utmaningar. Barnhälsovårdens sjuksköterska och kommunens föräldrarådgivare "
            "genomför besöken tillsammans.")
        b.p("Ersättning", bold=True)
        b.p(f"Av regionens statsbidrag för {year} fördelas {WORDS[int(sh)]} procent ({pct(sh)} %) till "
            f"kommunerna i proportion till antalet genomförda hembesök. Kommunerna redovisar användningen "
            f"till regionen senast den 31 januari {year + 1}.")
        b.p("Giltighet", bold=True)
        b.p(f"Överenskommelsen gäller 1 januari–31 december {year}.")
    if s.get("tj"):
        b.pb()
        tdate = s["tj_date"]
        b.head([name, dep], ["TJÄNSTESKRIVELSE", f"Datum {tdate}", f"Dnr {ref}"])
        b.h2("Förslag till beslut")
        b.p(f"Förvaltningen föreslår att {board.lower()} beslutar att rekvirera statsbidraget och att fördela "
            f"medel till de kommuner som deltar i de utökade hembesöken.")
        b.h2("Ärendebeskrivning")
        b.p(f"Regeringen har gett Socialstyrelsen i uppdrag att stödja och stimulera barnhälsovårdens "
            f"förebyggande arbete med hembesöksprogram. Regionens andel för {year} framgår av Socialstyrelsens "
            f"fördelningslista.")
        if munis:
            b.p(f"Hembesöken genomförs tillsammans med {join_sv(gen(c) for c in munis)} socialtjänst.")
        b.p(f"{rng.choice(PEOPLE)}\nHandläggare, {dep}")
    return b.build(footer=f"{name} · {board}")


def cost_rows(used, muni_amt, rng, off=0):
    items = ["Personal barnhälsovård (BHV-sjuksköterskor)", "Utbildning och handledning", "Tolk och resor",
             "Material och information"]
    rest = used - muni_amt
    parts = split_amount(rest, len(items), rng)
    parts[0] += off  # off != 0: the rows no longer add up to the stated total
    rows = [[it, fmt(p)] for it, p in zip(items, parts)]
    rows.append(["Ersättning till samverkande kommuner", fmt(muni_amt)])
    rows.append(["Summa förbrukade medel", fmt(used)])
    return rows


def r_region_rep(s, rng):
    r = s["org"]
    year = s["year"]
    name = rname(r)
    b = B(rng.choice(["Sans", "Serif", "Cond"]))
    dep, addr, city = REGION_ADDR[r]
    ref = dnr(rng, rng.choice(["RS", "HSN", "RK"]), year + 1)
    who = rng.choice(PEOPLE)
    munis = s["munis"]
    sh = s["share"]
    muni_amt = int(round(s["received"] * sh / 100))
    b.head([name, dep, addr], [f"Datum: {s['date']}", f"Dnr: {ref}", "", "Socialstyrelsen"])
    b.h(f"Återrapportering av statsbidrag för utökade hembesöksprogram {year}")
    b.p(f"{name} lämnar härmed återrapportering och ekonomisk redovisning av {year} års statsbidrag till "
        f"regioner för att stödja och stimulera barnhälsovårdens förebyggande arbete med utökade hembesöksprogram.")
    b.h2("Ekonomisk redovisning")
    b.p(f"Erhållet bidrag: {fmt(s['received'])} kr\nFörbrukade medel: {fmt(s['used'])} kr\n"
        f"Ej förbrukade medel (återbetalas): {fmt(s['unused'])} kr")
    if s["used"] > s["received"]:
        b.p("Kostnader utöver erhållet bidrag har finansierats med regionens egna medel.")
    b.h2("Samverkande kommuner")
    if len(munis) == len([c for c in MUN if MUN[c][1] == r]) and rng.random() < 2:
        b.p(f"Regionen har under {year} samverkat med samtliga kommuner i länet: {join_sv(official(c) for c in munis)}.")
    else:
        b.p(f"Under {year} har regionen samverkat med följande kommuner:")
        b.bullets([official(c) for c in munis])
    if s.get("left"):
        b.p(f"{official(s['left'])} deltog under {year - 1} men ingick inte i samverkan {year}.")
    b.p(f"Andelen av bidraget som har finansierat kommunal verksamhet uppgår till {pct(sh)} %, "
        f"totalt {fmt(muni_amt)} kr.")
    parts = split_amount(muni_amt, len(munis), rng)
    parts[-1] += s.get("munitab_off", 0)  # != 0: rows do not add up to the stated total
    rows = [["Kommun", "Överfört belopp (kr)"]]
    for c, a in zip(munis, parts):
        rows.append([official(c), fmt(a)])
    rows.append(["Summa", fmt(muni_amt)])
    b.table(rows, [9, 5], grid=rng.random() < 0.5, bold_last=True, align_right_cols=(1,))
    b.h2("Kostnader per kostnadsslag")
    b.table([["Kostnadsslag", "Belopp (kr)"]] + cost_rows(s["used"], muni_amt, rng, s.get("costs_off", 0)),
            [10, 5], grid=True, bold_last=True, align_right_cols=(1,))
    b.h2("Verksamhetens genomförande")
    b.p(f"Under året har {rng.randint(120, 900)} familjer erbjudits utökade hembesök och "
        f"{rng.randint(300, 2400)} besök har genomförts gemensamt av barnhälsovården och socialtjänsten.")
    b.sp(10)
    b.p(f"{city} {s['date']}\n\n{who}\n{rng.choice(['Ekonomichef', 'Hälso- och sjukvårdsdirektör', 'Verksamhetschef barnhälsovård'])}")
    return b.build(footer=f"{name} · Återrapportering {year}")


def r_muni_rep(s, rng):
    c = s["org"]
    year = s["year"]
    nm = official(c)
    b = B(rng.choice(["Sans", "Serif"]))
    ref = dnr(rng, rng.choice(["SN", "SOC"]), year + 1)
    b.head([nm, "Socialförvaltningen"], [f"Datum {s['date']}", f"Dnr {ref}"])
    b.h(f"Återrapportering – pilotverksamhet i barnhälsovården {year}")
    b.p(f"{nm} redovisar härmed användningen av {year} års statsbidrag för pilotverksamhet i barnhälsovården "
        f"i socioekonomiskt utsatta områden (förebyggande socialtjänst).")
    rows = [["Post", "Kronor"], ["Erhållet statsbidrag", fmt(s["received"])],
            ["Förbrukat under året", fmt(s["used"])], ["Ej förbrukat, att återbetala", fmt(s["unused"])]]
    b.table(rows, [9, 5], grid=True, align_right_cols=(1,))
    b.p(f"Verksamheten har bedrivits tillsammans med barnhälsovården i {rname(MUN[c][1])}.")
    b.sp(10)
    b.p(f"{rng.choice(PEOPLE)}\nSocialchef")
    return b.build(footer=nm)


# --------------------------------------------------------------------------- scanning
def scan_pages(pdf_bytes, mode, rng, received):
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
    nrng = np.random.default_rng(rng.randrange(2 ** 32))
    pdf = pdfium.PdfDocument(pdf_bytes)
    dpi = 200
    out = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72).to_pil().convert("RGB")
        W, H = img.size
        if mode == "stamp" and i == 0:
            st = Image.new("RGBA", (430, 122), (0, 0, 0, 0))
            d = ImageDraw.Draw(st)
            f1 = ImageFont.truetype(FONTDIR + "DejaVuSans-Bold.ttf", 32)
            f2 = ImageFont.truetype(FONTDIR + "DejaVuSans.ttf", 24)
            d.rectangle([3, 3, 426, 118], outline=(190, 30, 40, 230), width=5)
            d.text((20, 10), "SOCIALSTYRELSEN", font=f1, fill=(190, 30, 40, 230))
            d.text((20, 52), f"Inkom {received}", font=f2, fill=(190, 30, 40, 230))
            d.text((20, 82), "Registraturen", font=f2, fill=(190, 30, 40, 230))
            st = st.rotate(rng.uniform(-2.5, 2.5), expand=True, resample=Image.BICUBIC)
            img.paste(st, (int(W * 0.55), 8), st)  # inside the top margin, above the letterhead
        g = img.convert("L") if mode != "photo" else img
        if mode == "faint":
            arr = np.asarray(g).astype(np.float32)
            arr = 255 - (255 - arr) * rng.uniform(0.5, 0.62)
            g = Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
        if mode in ("tilt", "stamp", "faint", "jpg", "png"):
            ang = rng.uniform(-2.2, 2.2)
            if mode == "tilt" and i == 1 and rng.random() < 0.6:
                ang = 180 + rng.uniform(-1, 1)  # second page fed upside down
            g = g.rotate(ang, expand=False, fillcolor=(255 if g.mode == "L" else (255, 255, 255)),
                         resample=Image.BICUBIC)
            arr = np.asarray(g).astype(np.float32)
            arr += nrng.normal(0, 9, arr.shape)
            specks = nrng.random(arr.shape) < 0.0008
            arr[specks] = 30
            g = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
        if mode == "photo":
            # perspective, shadow, colour cast, dark background
            bg = Image.new("RGB", (int(W * 1.12), int(H * 1.1)), (70, 62, 55))
            bg.paste(g, (int(W * 0.06), int(H * 0.05)))
            BW, BH = bg.size
            j = lambda a: rng.uniform(-a, a)
            quad = (j(40) + 0, j(40) + 0, j(40) + 0, BH + j(40), BW + j(40), BH + j(40), BW + j(40), j(40))
            quad = (BW * 0.02 + j(30), BH * 0.02 + j(30), BW * 0.0 + j(30), BH * 0.99 + j(20),
                    BW * 1.0 + j(20), BH * 0.98 + j(20), BW * 0.97 + j(30), BH * 0.0 + j(30))
            g = bg.transform((int(BW * 0.9), int(BH * 0.9)), Image.QUAD, quad, resample=Image.BICUBIC)
            arr = np.asarray(g).astype(np.float32)
            hh, ww = arr.shape[:2]
            xs = np.linspace(0, 1, ww)[None, :]
            ys = np.linspace(0, 1, hh)[:, None]
            shade = 1 - 0.35 * np.clip(1 - (xs * 0.8 + ys * 0.6), 0, 1)
            arr = arr * shade[..., None] * np.array([1.0, 0.97, 0.9])[None, None, :]
            arr += nrng.normal(0, 6, arr.shape)
            g = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
        out.append(g)
    return out


def to_pdf(images, rng):
    import img2pdf
    jpgs = []
    for im in images:
        bio = io.BytesIO()
        im.save(bio, format="JPEG", quality=rng.randint(55, 80))
        jpgs.append(bio.getvalue())
    import datetime as _dt
    fixed = _dt.datetime(2025, 1, 1, tzinfo=_dt.timezone.utc)
    return img2pdf.convert(jpgs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200)),
                           creationdate=fixed, moddate=fixed, engine=img2pdf.Engine.internal)


# --------------------------------------------------------------------------- main
def half_unit(written):
    w = written.replace("kronor", "").replace("mnkr", "mn").replace("tkr", "tk").replace("kr", "").strip()
    if "miljoner" in w or "mn" in w:
        num = w.split()[0]
        dec = len(num.split(",")[1]) if "," in num else 0
        return 0.5 * 1_000_000 / (10 ** dec)
    if "tk" in w:
        return 500
    return 0.5


def parse_written(written):
    w = written.replace("kronor", "").replace("mnkr", "mn").replace("tkr", "tk").replace("kr", "").strip()
    if "miljoner" in w or "mn" in w:
        return int(round(float(w.split()[0].replace(",", ".")) * 1_000_000))
    if "tk" in w:
        return int(w.replace("tk", "").replace(" ", "")) * 1000
    return int(w.replace(" ", ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1818)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    a = ap.parse_args()
    load(a.shared)
    out = Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for p in out.iterdir():
        if p.is_file() and (p.suffix in (".pdf", ".jpg", ".png") or p.name in ("truth.json", "allocations.csv")):
            p.unlink()
    for s in SPECS:
        for c in s.get("munis") or []:
            assert c in MUN, c
            assert MUN[c][1] == s["org"] or len(s["org"]) == 4, (s["id"], c)
        if s["kind"] == "dec":
            assert parse_written(s["dwritten"]) == s["decided"], s["id"]
    specs = sorted(SPECS, key=lambda s: s["recv"])
    recvs = [s["recv"] for s in specs]
    assert len(set(recvs)) == len(recvs), "received days must be distinct"
    docs = []
    by_id = {}
    for i, s in enumerate(specs, 1):
        rng = random.Random(f"C18-{a.seed}-{s['id']}")
        if s["kind"] == "dup":
            src = by_id[s["of"]]
            fname = f"C18_{i:02d}" + Path(src["file"]).suffix
            shutil.copyfile(out / src["file"], out / fname)
            d = dict(file=fname, scanned=src["scanned"], received=s["recv"], expect=json.loads(json.dumps(src["expect"])),
                     sha=src["sha"], _origflags=[])
            docs.append(d)
            by_id[s["id"]] = d
            continue
        assert s["date"] <= s["recv"]
        if s.get("tj"):
            y, m, dd = map(int, s["date"].split("-"))
            s["tj_date"] = f"{y}-{m:02d}-{max(1, dd - rng.randint(5, 9)):02d}" if dd > 6 else f"{y}-{m:02d}-01"
        k = s["kind"]
        if k == "rreq":
            pdf = r_region_req(s, rng)
        elif k == "mreq":
            pdf = r_muni_req(s, rng)
        elif k == "dec":
            pdf = r_decision(s, rng)
        elif k == "rrep":
            pdf = r_region_rep(s, rng)
        elif k == "mrep":
            pdf = r_muni_rep(s, rng)
        mode = s.get("scan")
        if mode in ("jpg", "png"):
            imgs = scan_pages(pdf, mode, rng, s["recv"])
            assert len(imgs) == 1, s["id"]
            fname = f"C18_{i:02d}.{mode}"
            bio = io.BytesIO()
            if mode == "jpg":
                imgs[0].save(bio, format="JPEG", quality=72)
            else:
                imgs[0].convert("L").save(bio, format="PNG", optimize=False)
            data = bio.getvalue()
        elif mode:
            imgs = scan_pages(pdf, mode, rng, s["recv"])
            data = to_pdf(imgs, rng)
            fname = f"C18_{i:02d}.pdf"
        else:
            data = pdf
            fname = f"C18_{i:02d}.pdf"
        (out / fname).write_bytes(data)
        import hashlib
        e = {"document_type": {"rreq": "requisition", "mreq": "requisition", "dec": "decision",
                               "rrep": "return_report", "mrep": "return_report"}[k],
             "program": s["prog"], "grant_year": s["year"],
             "organisation": {"kind": "region" if len(s["org"]) == 2 else "municipality", "code": s["org"]}}
        if k in ("rreq", "mreq"):
            e["amounts"] = {"requested": s["req"]}
        elif k == "dec":
            e["amounts"] = {"decided": s["decided"]}
        else:
            e["amounts"] = {"received": s["received"], "used": s["used"], "unused": s["unused"]}
        e["document_date"] = s["date"]
        if k in ("rreq", "dec", "rrep") and (s.get("munis") is not None):
            if s.get("munis") or k == "rreq":
                e["collaborating_municipalities"] = sorted(s["munis"])
        if s.get("share") is not None and (k != "mreq" or s["prog"] == "bhv-pilot"):
            e["municipal_share_percent"] = s["share"]
        d = dict(file=fname, scanned=bool(mode), received=s["recv"], expect=e,
                 sha=hashlib.sha256(data).hexdigest(),
                 _half_unit=half_unit(s["dwritten"]) if k == "dec" else None,
                 _sum_mismatch=bool(s.get("costs_off") or s.get("munitab_off")))
        docs.append(d)
        by_id[s["id"]] = d
    compute_flags(docs)
    truth = [{"file": d["file"], "scanned": d["scanned"], "received": d["received"], "expect": d["expect"],
              "flags": d["flags"]} for d in docs]
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_allocations(out / "allocations.csv")
    print(f"wrote {len(truth)} documents to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
