"""ISO weeks in Swedish local time: Monday 00:00 to the next Monday 00:00, Europe/Stockholm."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Stockholm")
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


class WeekError(ValueError):
    """A week that cannot be parsed or does not exist; the message is Swedish, for users."""


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``2024-W14`` (also ``2024W14``, ``2024-w14``)."""
        match = _WEEK.match(text or "")
        if not match:
            raise WeekError(f"Ogiltig vecka {text!r}: skriv till exempel 2024-W14")
        year, week = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise WeekError(f"Vecka {week} finns inte år {year}") from None
        return cls(year, week)

    @classmethod
    def containing(cls, moment: datetime | date) -> IsoWeek:
        if isinstance(moment, datetime):
            moment = as_utc(moment).astimezone(LOCAL_TZ).date()
        iso = moment.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def last_complete(cls, now: datetime) -> IsoWeek:
        """The most recent week that has ended at ``now``."""
        return cls.containing(now).previous()

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def start(self) -> datetime:
        """Monday 00:00 local time, as an aware UTC datetime."""
        return datetime.combine(self.monday, time.min, tzinfo=LOCAL_TZ).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The next Monday 00:00 local time (exclusive), as an aware UTC datetime."""
        return self.next().start

    def previous(self) -> IsoWeek:
        return IsoWeek.containing(self.monday - timedelta(days=7))

    def next(self) -> IsoWeek:
        return IsoWeek.containing(self.monday + timedelta(days=7))

    def back(self, weeks: int) -> list[IsoWeek]:
        """This week and the ``weeks - 1`` before it, oldest first."""
        out = [self]
        while len(out) < weeks:
            out.insert(0, out[0].previous())
        return out

    def contains(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= as_utc(moment) < self.end

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one (SQLite hands them back so) is taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local(moment: datetime) -> datetime:
    return as_utc(moment).astimezone(LOCAL_TZ)
