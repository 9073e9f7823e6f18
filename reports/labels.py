"""The report's Swedish words and number formats, the same words the review desk uses:
statuses and severities come from ``config.vocabulary``."""
from __future__ import annotations

from datetime import date, datetime

from config.vocabulary import SEVERITY_ORDER as SEVERITY_ORDER
from config.vocabulary import severity_name as severity
from config.vocabulary import status_name as status
from reports.week import local
from validators.codes import RULE_TEXT
from validators.expected import EXPECTATION_TEXT
from validators.swedish import DOCUMENT_TYPE_NAMES, format_number, format_percent

CHANGES = {"new": "Ny", "resolved": "Löst", "dismissed": "Avfärdad", "reopened": "Öppnad igen"}
CASE_KINDS = {"flag": "Avvikelse", "expectation": "Förväntad handling"}
EXPECTED_DOCUMENTS = {"requisition": "Rekvisition", "return_report": "Återrapportering"}
NO_PROGRAM = "Okänt program"
UNKNOWN_ORG = "Okänd"


def document_type(value: str | None) -> str:
    return DOCUMENT_TYPE_NAMES.get(value or "other", value or "other").capitalize()


def change(value: str) -> str:
    return CHANGES.get(value, value)


def case_kind(value: str) -> str:
    return CASE_KINDS.get(value, value)


def expected_document(value: str) -> str:
    return EXPECTED_DOCUMENTS.get(value, value)


def rule(code: str) -> str:
    """What a code means, for a flag or an expected document."""
    return RULE_TEXT.get(code) or EXPECTATION_TEXT.get(code, "")


def program(value: str | None, year: int | None = None) -> str:
    if not value:
        return NO_PROGRAM
    return f"{value} {year}" if year else value


def age(low: int, high: int | None) -> str:
    return f"mer än {low - 1} dagar" if high is None else f"{low}–{high} dagar"


def counted(n: int, one: str, many: str) -> str:
    """"1 ny avvikelse", "3 nya avvikelser"."""
    return f"{n} {one if n == 1 else many}"


def days(n: int) -> str:
    return counted(n, "dag", "dagar")


def _nbsp(text: str) -> str:
    """No-break spaces, so a table cell never breaks "1 349 000 kr" over two lines."""
    return text.replace(" ", "\u00a0")


def group_digits(value: float) -> str:
    sign = "−" if value < 0 else ""
    return _nbsp(sign + format_number(abs(round(value))))


def sek(value: float | None) -> str:
    return "–" if value is None else group_digits(value) + "\u00a0kr"


def percent(value: float | None) -> str:
    return "–" if value is None else _nbsp(format_percent(round(value)))


def _parse(value: date | datetime | str) -> date | datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def day(value: date | datetime | str | None) -> str:
    if value is None:
        return "–"
    value = _parse(value)
    if isinstance(value, datetime):
        value = local(value).date()
    return value.isoformat()


def moment(value: datetime | str | None) -> str:
    return "–" if value is None else local(_parse(value)).strftime("%Y-%m-%d %H:%M")
