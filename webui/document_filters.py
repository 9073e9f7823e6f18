"""The document list's filters and search from a query string, with a Swedish message for each
bad value."""
from __future__ import annotations

import re
from collections.abc import Mapping

from storage.search import DOCUMENT_STATUSES, DocumentFilter
from webui.filter_values import chosen, parse_grant_year, received_range

DOCUMENT_TYPES = ("requisition", "return_report", "decision", "instruction", "other")
STATUS_CHOICES = (("flagged", "Med öppna avvikelser"), ("processed", "Lästa"),
                  ("unreadable", "Kunde inte läsas"), ("no_document", "Utan bifogad handling"))
FILTER_KEYS = ("q", "document_type", "program", "grant_year", "organisation", "status",
               "received_from", "received_to")
MAX_QUERY = 200



def parse_document_filter(params: Mapping[str, str],
                          programs: tuple[str, ...]) -> tuple[DocumentFilter, list[str]]:
    """A DocumentFilter from query parameters; unusable values are left out and explained."""
    errors: list[str] = []
    values = {k: (params.get(k) or "").strip() for k in FILTER_KEYS}
    f = DocumentFilter(query=values["q"][:MAX_QUERY] or None)
    if values["document_type"]:
        f.document_type = chosen(values["document_type"], DOCUMENT_TYPES, "Okänd dokumenttyp",
                                 errors)
    if values["program"]:
        f.program = chosen(values["program"], programs, "Okänt statsbidrag", errors)
    if values["grant_year"]:
        f.grant_year = parse_grant_year(values["grant_year"], errors)
    if values["organisation"]:
        text = values["organisation"][:MAX_QUERY]
        if text.isdigit() and not re.fullmatch(r"[0-9]{2}|[0-9]{4}", text):
            errors.append(f"”{text}” är ingen SCB-kod (två eller fyra siffror).")
        else:
            f.organisation = text
    if values["status"]:
        f.status = chosen(values["status"], (*DOCUMENT_STATUSES, "flagged"), "Okänd status",
                          errors)
    f.received_from, f.received_to = received_range(values, errors)
    return f, errors
