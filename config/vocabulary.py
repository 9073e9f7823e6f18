"""The words staff read for the product's internal values: one word for each, everywhere.

The review desk and the weekly report both take their status, severity, flag-title and
audit-action wording from here, so a case that is "Löst" in the desk is "Löst" in the report.
"""
from __future__ import annotations

STATUS_NAMES = {"open": "Öppen", "resolved": "Löst", "dismissed": "Avfärdad"}
"""A flag's (and a case's) status."""

SEVERITY_NAMES = {"error": "Fel", "warning": "Varning", "review": "Granska", "info": "Information"}
SEVERITY_ORDER = ("error", "warning", "review", "info")
"""Most serious first."""

FLAG_TITLES = {
    "UNREADABLE_DOCUMENT": "Filen kan inte läsas",
    "NO_DOCUMENT": "Ingen bilaga",
    "UNKNOWN_DOCUMENT_TYPE": "Okänd dokumenttyp",
    "UNKNOWN_RECIPIENT": "Okänd mottagare",
    "UNKNOWN_PROGRAM": "Okänt statsbidrag eller bidragsår",
    "WRONG_RECIPIENT_KIND": "Fel slags mottagare",
    "NO_ALLOCATION": "Saknas i fördelningslistan",
    "AMOUNT_EXCEEDS_ALLOCATION": "Belopp över tilldelningen",
    "POOL_EXCEEDED": "Ramen överskriden",
    "DUPLICATE_DOCUMENT": "Samma fil finns redan",
    "DUPLICATE_REQUISITION": "Rekvisitionen finns redan",
    "LATE_REQUISITION": "Rekvisitionen kom in för sent",
    "LATE_REPORT": "Återrapporteringen kom in för sent",
    "USED_EXCEEDS_RECEIVED": "Förbrukat mer än erhållet",
    "UNUSED_MISMATCH": "Ej förbrukat belopp stämmer inte",
    "SUM_MISMATCH": "Tabellens summa stämmer inte",
    "DECISION_AMOUNT_MISMATCH": "Beslutat belopp avviker från tilldelningen",
    "SHARE_BELOW_MINIMUM": "Kommunal andel under minimum",
    "MISSING_FIELD": "Uppgift saknas",
    "LOW_CONFIDENCE": "Osäker avläsning",
}
"""Discrepancy code → a short Swedish title; the code itself is shown small beside it."""

AUDIT_ACTIONS = {
    "correct": "Rättade",
    "flag_resolve": "Löste",
    "flag_dismiss": "Avfärdade",
    "flag_reopen": "Öppnade igen",
    "flag_auto_resolved": "Löst av systemet",
    "flag_reopened": "Öppnades igen av systemet",
    "allocation_import": "Läste in fördelning",
    "expectation_resolve": "Löste",
    "expectation_dismiss": "Avfärdade",
    "repayment_received": "Markerade återbetalning",
    "expectation_auto_resolved": "Löst av systemet",
    "expectation_reopened": "Öppnades igen av systemet",
    "user_add": "Skapade användare",
    "user_role": "Ändrade roll",
    "user_active": "Ändrade status",
}
"""Audit-log action → what staff read."""

SYSTEM_ACTOR = "system"


def status_name(status: str) -> str:
    return STATUS_NAMES.get(status, status)


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)


def flag_title(code: str) -> str:
    return FLAG_TITLES.get(code, code)


def audit_action(action: str) -> str:
    return AUDIT_ACTIONS.get(action, action)


def actor_name(actor: str) -> str:
    return "systemet" if actor == SYSTEM_ACTOR else actor
