"""The discrepancy codes of the contract: severity, a Swedish explanation, and flag making."""
from __future__ import annotations

from datetime import date
from typing import Any

from validators.model import Flag, Severity

SEVERITY: dict[str, Severity] = {
    "UNREADABLE_DOCUMENT": "error",
    "NO_DOCUMENT": "warning",
    "UNKNOWN_DOCUMENT_TYPE": "warning",
    "UNKNOWN_RECIPIENT": "error",
    "UNKNOWN_PROGRAM": "warning",
    "WRONG_RECIPIENT_KIND": "error",
    "NO_ALLOCATION": "error",
    "AMOUNT_EXCEEDS_ALLOCATION": "error",
    "POOL_EXCEEDED": "error",
    "DUPLICATE_DOCUMENT": "info",
    "DUPLICATE_REQUISITION": "warning",
    "LATE_REQUISITION": "warning",
    "LATE_REPORT": "warning",
    "USED_EXCEEDS_RECEIVED": "error",
    "UNUSED_MISMATCH": "error",
    "SUM_MISMATCH": "error",
    "DECISION_AMOUNT_MISMATCH": "warning",
    "SHARE_BELOW_MINIMUM": "error",
    "MISSING_FIELD": "warning",
    "LOW_CONFIDENCE": "review",
}

RULE_TEXT: dict[str, str] = {
    "UNREADABLE_DOCUMENT": (
        "Filen kunde inte läsas: den är skadad, krypterad, av en filtyp som inte stöds eller "
        "för stor eller har för många sidor. Originalet sparas."
    ),
    "NO_DOCUMENT": "Meddelandet innehöll ingen bilaga eller text som kunde behandlas.",
    "UNKNOWN_DOCUMENT_TYPE": (
        "Dokumentet kunde inte kännas igen som rekvisition, återrapportering, beslut eller "
        "anvisning."
    ),
    "UNKNOWN_RECIPIENT": (
        "En rekvisition, återrapportering eller ett beslut ska gälla en svensk region eller "
        "kommun, men ingen sådan kunde identifieras."
    ),
    "UNKNOWN_PROGRAM": (
        "Statsbidraget eller bidragsåret kunde inte identifieras, eller så finns det inte bland "
        "de konfigurerade statsbidragen."
    ),
    "WRONG_RECIPIENT_KIND": (
        "Den sortens organisation (region eller kommun) kan inte få statsbidraget det "
        "bidragsåret."
    ),
    "NO_ALLOCATION": (
        "Fördelningslistan saknar en rad för den här mottagaren, statsbidraget och bidragsåret."
    ),
    "AMOUNT_EXCEEDS_ALLOCATION": (
        "Rekvirerat belopp, eller erhållet bidrag i en återrapportering, är större än "
        "mottagarens tilldelning."
    ),
    "POOL_EXCEEDED": (
        "Rekvisitionerna för statsbidraget och bidragsåret är sammanlagt större än den totala "
        "ramen."
    ),
    "DUPLICATE_DOCUMENT": "En fil med samma innehåll (samma SHA-256) är redan registrerad.",
    "DUPLICATE_REQUISITION": (
        "Det finns redan en rekvisition från samma organisation för samma statsbidrag och "
        "bidragsår."
    ),
    "LATE_REQUISITION": (
        "Rekvisitionen kom in efter sista dag för rekvisition. En rekvisition som kommer in "
        "på sista dagen är i tid."
    ),
    "LATE_REPORT": (
        "Återrapporteringen kom in efter sista dag för återrapportering. En återrapportering "
        "som kommer in på sista dagen är i tid."
    ),
    "USED_EXCEEDS_RECEIVED": (
        "Återrapporteringen anger ett förbrukat belopp som är större än erhållet bidrag."
    ),
    "UNUSED_MISMATCH": (
        "Ej förbrukat belopp ska vara erhållet bidrag minus förbrukat belopp, med högst 1 kr "
        "skillnad."
    ),
    "SUM_MISMATCH": (
        "Raderna i en specificerad tabell ska summera till tabellens angivna summa, med högst "
        "1 kr skillnad."
    ),
    "DECISION_AMOUNT_MISMATCH": (
        "Beloppet i beslutet avviker från tilldelningen med mer än en halv enhet av den sista "
        "siffran som skrivits: ”1,3 miljoner” ±50 000 kr, ”1 349 tkr” ±500 kr, "
        "”1 349 000 kr” ±0,50 kr."
    ),
    "SHARE_BELOW_MINIMUM": (
        "Den angivna andelen för kommunal verksamhet är lägre än den minsta andel som "
        "fördelningslistan anger."
    ),
    "MISSING_FIELD": (
        "En uppgift som dokumentet måste innehålla saknas, till exempel rekvirerat belopp i en "
        "rekvisition."
    ),
    "LOW_CONFIDENCE": (
        "En uppgift som dokumentet måste innehålla lästes med låg säkerhet och behöver "
        "kontrolleras mot originalet."
    ),
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def make_flag(code: str, message: str, /, **details: Any) -> Flag:
    """A flag for ``code`` with its contract severity; dates in ``details`` become ISO text."""
    return Flag(code=code, severity=SEVERITY[code], message=message, details=_jsonable(details))
