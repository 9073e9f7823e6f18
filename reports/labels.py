"""Swedish words and number formats for the report."""
from __future__ import annotations

from datetime import date, datetime

from config.vocabulary import SEVERITY_NAMES as SEVERITIES
from config.vocabulary import SEVERITY_ORDER as SEVERITY_ORDER
from config.vocabulary import STATUS_NAMES as STATUSES
from reports.week import local
from validators.swedish import DOCUMENT_TYPE_NAMES, format_number, format_percent

NO_PROGRAM = "Okänt program"


def document_type(value: str | None) -> str:
    return DOCUMENT_TYPE_NAMES.get(value or "other", value or "other").capitalize()


def severity(value: str) -> str:
    return SEVERITIES.get(value, value)


def status(value: str) -> str:
    return STATUSES.get(value, value)


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
    """Case records carry ISO strings; figures carry datetimes."""
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
