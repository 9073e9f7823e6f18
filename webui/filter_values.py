"""Values common to the desk's list filters (cases, documents), each read from a query string
with a Swedish message for a bad one."""
from __future__ import annotations

import re
from collections.abc import Container
from datetime import date


def chosen(text: str, allowed: Container[str], unknown: str, errors: list[str]) -> str | None:
    """``text`` when it is one of ``allowed``; else None, and "Okänd status ”x”." in errors."""
    if text in allowed:
        return text
    errors.append(f"{unknown} ”{text}”.")
    return None


def parse_date(text: str, what: str, errors: list[str]) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{what} ”{text}” är inte ett datum (ÅÅÅÅ-MM-DD).")
        return None


def parse_grant_year(text: str, errors: list[str]) -> int | None:
    if re.fullmatch(r"[0-9]{4}", text):
        return int(text)
    errors.append(f"Bidragsåret ”{text}” är inte ett årtal.")
    return None


def received_range(values: dict[str, str], errors: list[str]) -> tuple[date | None, date | None]:
    """The inclusive range of dates received, ``received_from`` and ``received_to``."""
    start = parse_date(values["received_from"], "Från-datumet", errors) \
        if values["received_from"] else None
    end = parse_date(values["received_to"], "Till-datumet", errors) \
        if values["received_to"] else None
    return start, end
