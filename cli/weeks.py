"""ISO weeks in Swedish local time."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from storage.cases import local_day_start


def week_bounds(week: str) -> tuple[datetime, datetime]:
    """"2024-W14" → [Monday 00:00, next Monday 00:00) in Europe/Stockholm."""
    try:
        year, num = week.upper().split("-W")
        monday = date.fromisocalendar(int(year), int(num), 1)
    except ValueError:
        raise ValueError(f"ogiltig vecka {week!r}; skriv t.ex. 2024-W14") from None
    return local_day_start(monday), local_day_start(monday + timedelta(days=7))
