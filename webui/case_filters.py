"""The case list's filters from a query string, with a Swedish message for each bad value."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from storage.cases import STATUSES, CaseFilter
from validators.codes import SEVERITY

SEVERITIES = ("error", "warning", "info", "review")
FILTER_KEYS = ("status", "severity", "code", "program", "grant_year", "org_code",
               "received_from", "received_to")


def _date(text: str, what: str, errors: list[str]) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{what} ”{text}” är inte ett datum (ÅÅÅÅ-MM-DD).")
        return None


def parse_case_filter(params: Mapping[str, str]) -> tuple[CaseFilter, list[str]]:
    """A CaseFilter from query parameters; unusable values are left out and explained.

    ``status=all`` lists every status; no status means the open cases.
    """
    errors: list[str] = []
    values = {k: (params.get(k) or "").strip() for k in FILTER_KEYS}
    f = CaseFilter()
    status = values["status"] or "open"
    if status == "all":
        f.status = None
    elif status in STATUSES:
        f.status = status
    else:
        errors.append(f"Okänd status ”{status}”.")
    if values["severity"]:
        if values["severity"] in SEVERITIES:
            f.severity = values["severity"]
        else:
            errors.append(f"Okänd allvarlighetsgrad ”{values['severity']}”.")
    if values["code"]:
        if values["code"] in SEVERITY:
            f.code = values["code"]
        else:
            errors.append(f"Okänd avvikelsekod ”{values['code']}”.")
    f.program = values["program"] or None
    if values["grant_year"]:
        if values["grant_year"].isdigit() and len(values["grant_year"]) == 4:
            f.grant_year = int(values["grant_year"])
        else:
            errors.append(f"Bidragsåret ”{values['grant_year']}” är inte ett årtal.")
    if values["org_code"]:
        if values["org_code"].isdigit() and len(values["org_code"]) in (2, 4):
            f.org_code = values["org_code"]
        else:
            errors.append(f"”{values['org_code']}” är ingen SCB-kod (två eller fyra siffror).")
    if values["received_from"]:
        f.received_from = _date(values["received_from"], "Från-datumet", errors)
    if values["received_to"]:
        f.received_to = _date(values["received_to"], "Till-datumet", errors)
    return f, errors
