"""The document list's filters and search from a query string, with a Swedish message for each
bad value."""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from storage.search import DOCUMENT_STATUSES, DocumentFilter

DOCUMENT_TYPES = ("requisition", "return_report", "decision", "instruction", "other")
STATUS_CHOICES = (("flagged", "Med öppna avvikelser"), ("processed", "Lästa"),
                  ("unreadable", "Kunde inte läsas"), ("no_document", "Utan bifogad handling"))
FILTER_KEYS = ("q", "document_type", "program", "grant_year", "organisation", "status",
               "received_from", "received_to")
MAX_QUERY = 200


def _date(text: str, what: str, errors: list[str]) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{what} ”{text}” är inte ett datum (ÅÅÅÅ-MM-DD).")
        return None


def parse_document_filter(params: Mapping[str, str],
                          programs: tuple[str, ...]) -> tuple[DocumentFilter, list[str]]:
    """A DocumentFilter from query parameters; unusable values are left out and explained."""
    errors: list[str] = []
    values = {k: (params.get(k) or "").strip() for k in FILTER_KEYS}
    f = DocumentFilter(query=values["q"][:MAX_QUERY] or None)
    if values["document_type"]:
        if values["document_type"] in DOCUMENT_TYPES:
            f.document_type = values["document_type"]
        else:
            errors.append(f"Okänd dokumenttyp ”{values['document_type']}”.")
    if values["program"]:
        if values["program"] in programs:
            f.program = values["program"]
        else:
            errors.append(f"Okänt statsbidrag ”{values['program']}”.")
    if values["grant_year"]:
        if re.fullmatch(r"[0-9]{4}", values["grant_year"]):
            f.grant_year = int(values["grant_year"])
        else:
            errors.append(f"Bidragsåret ”{values['grant_year']}” är inte ett årtal.")
    if values["organisation"]:
        text = values["organisation"][:MAX_QUERY]
        if text.isdigit() and not re.fullmatch(r"[0-9]{2}|[0-9]{4}", text):
            errors.append(f"”{text}” är ingen SCB-kod (två eller fyra siffror).")
        else:
            f.organisation = text
    if values["status"]:
        if values["status"] in (*DOCUMENT_STATUSES, "flagged"):
            f.status = values["status"]
        else:
            errors.append(f"Okänd status ”{values['status']}”.")
    if values["received_from"]:
        f.received_from = _date(values["received_from"], "Från-datumet", errors)
    if values["received_to"]:
        f.received_to = _date(values["received_to"], "Till-datumet", errors)
    return f, errors
