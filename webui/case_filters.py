"""The case list's filters from a query string, with a Swedish message for each bad value."""
from __future__ import annotations

from collections.abc import Mapping

from config.registry import load_registry
from config.vocabulary import SEVERITY_ORDER
from storage.cases import SORTS, STATUSES, CaseFilter
from validators.codes import SEVERITY
from webui.filter_values import chosen, parse_grant_year, received_range

SEVERITIES = SEVERITY_ORDER
FILTER_KEYS = ("status", "severity", "code", "program", "grant_year", "org_code",
               "received_from", "received_to", "sort")


def organisations_named(text: str) -> tuple[str, ...]:
    """SCB codes of the regions and municipalities whose name contains ``text``."""
    wanted = text.casefold()
    return tuple(o.code for o in load_registry().all()
                 if wanted in o.name.casefold() or wanted in o.short.casefold())



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
        f.severity = chosen(values["severity"], SEVERITIES, "Okänd allvarlighetsgrad", errors)
    if values["code"]:
        f.code = chosen(values["code"], SEVERITY, "Okänd avvikelsekod", errors)
    f.program = values["program"] or None
    if values["grant_year"]:
        f.grant_year = parse_grant_year(values["grant_year"], errors)
    org = values["org_code"]
    if org.isdigit():
        if len(org) in (2, 4):
            f.org_code = org
        else:
            errors.append(f"”{org}” är ingen SCB-kod (två eller fyra siffror).")
    elif org:
        f.org_codes = organisations_named(org)
        if not f.org_codes:
            errors.append(f"Ingen region eller kommun heter ”{org}”.")
    f.received_from, f.received_to = received_range(values, errors)
    return f, errors


def parse_sort(params: Mapping[str, str]) -> str:
    sort = (params.get("sort") or "").strip()
    return sort if sort in SORTS else SORTS[0]


def parse_page(params: Mapping[str, str]) -> int:
    text = (params.get("page") or "").strip()
    return int(text) if text.isdigit() and 0 < int(text) < 100_000 else 1
