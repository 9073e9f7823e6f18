"""Swedish wording for staff: amounts, numbers, dates, and the names of fields and documents.

Shared by the rules' messages, the review web UI and the weekly report, so one value reads the
same everywhere: "834 000 kr", "45,5 %", "12 april 2024". Plain spaces separate thousands (as
the contract's messages do), so text stays greppable; HTML may swap them for no-break spaces.
"""
from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)

FIELD_NAMES = {
    "document_type": "dokumenttyp",
    "program": "statsbidrag",
    "grant_year": "bidragsår",
    "organisation": "region eller kommun",
    "amounts.requested": "rekvirerat belopp",
    "amounts.received": "erhållet bidrag",
    "amounts.used": "förbrukat belopp",
    "amounts.unused": "ej förbrukat belopp",
    "amounts.decided": "beslutat belopp",
    "document_date": "datum",
    "collaborating_municipalities": "samverkande kommuner",
    "municipal_share_percent": "andel för kommunal verksamhet",
    "reference": "diarienummer",
    "tables": "tabellens rader och summa",
}
"""Record field (dotted) → Swedish noun phrase, lower case, for use inside a sentence."""

DOCUMENT_NOUNS = {
    "requisition": "Rekvisitionen",
    "return_report": "Återrapporteringen",
    "decision": "Beslutet",
    "instruction": "Anvisningen",
    "other": "Dokumentet",
}
"""Document type → definite Swedish noun, capitalised to start a sentence."""

DOCUMENT_TYPE_NAMES = {
    "requisition": "rekvisition",
    "return_report": "återrapportering",
    "decision": "beslut",
    "instruction": "anvisning",
    "other": "övrigt",
}

KIND_NAMES = {"region": "region", "municipality": "kommun"}
KIND_PLURALS = {"region": "regioner", "municipality": "kommuner"}

log = logging.getLogger(__name__)


def format_number(value: float) -> str:
    """A whole number with thousands separated by spaces: 1349000 → "1 349 000".

    A float is rounded to whole units: amounts are whole kronor, a float is only a stray type.
    """
    return f"{round(value):,}".replace(",", " ")


def format_amount(kronor: float) -> str:
    """Whole kronor the Swedish way: 834000 → "834 000 kr"."""
    return f"{format_number(kronor)} kr"


def format_decimal(value: float, max_decimals: int = 2) -> str:
    """A decimal with a comma and no trailing zeros: 45.5 → "45,5", 25.0 → "25"."""
    text = f"{value:.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", ",")


def format_percent(value: float) -> str:
    """A percentage with the Swedish space before the sign: 45.5 → "45,5 %"."""
    return f"{format_decimal(value)} %"


def format_date(day: date) -> str:
    """A date as staff write it: 2024-04-05 → "5 april 2024"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def stockholm_time(moment: datetime) -> datetime:
    """``moment`` in Swedish local time; a naive datetime is taken to be Swedish local time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        log.warning("naive_datetime assumed_zone=Europe/Stockholm value=%s", moment.isoformat())
        return moment.replace(tzinfo=STOCKHOLM)
    return moment.astimezone(STOCKHOLM)


def stockholm_date(moment: datetime) -> date:
    """The calendar day in Sweden at ``moment`` (2024-04-05T23:30Z is 6 April in Stockholm)."""
    return stockholm_time(moment).date()


def format_datetime(moment: datetime) -> str:
    """A moment in Swedish local time: "5 april 2024 kl. 09.03"."""
    local = stockholm_time(moment)
    return f"{format_date(local.date())} kl. {local:%H.%M}"


def field_name(field: str) -> str:
    """The Swedish name of a record field; the field id itself when it has none."""
    return FIELD_NAMES.get(field, field)


def document_noun(document_type: str) -> str:
    return DOCUMENT_NOUNS.get(document_type, DOCUMENT_NOUNS["other"])


def join_list(items: list[str]) -> str:
    """Swedish enumeration: ["a", "b", "c"] → "a, b och c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"
