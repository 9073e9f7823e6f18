"""Grant programs and their years, loaded from ``programs.toml`` (data, not code)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

PROGRAMS_FILE = Path(__file__).with_name("programs.toml")


@dataclass(frozen=True)
class ProgramYear:
    program: str
    year: int
    recipients: frozenset[str]
    pool: int | None = None
    requisition_opens: date | None = None
    requisition_deadline: date | None = None
    cost_start: date | None = None
    cost_end: date | None = None
    report_deadline: date | None = None
    payment_working_days: int | None = None
    required: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def required_fields(self, document_type: str, recipient_kind: str | None) -> tuple[str, ...]:
        """Fields a document of this type must carry; ``<type>_<kind>`` adds to ``<type>``."""
        fields = self.required.get(document_type, ())
        if recipient_kind:
            fields += self.required.get(f"{document_type}_{recipient_kind}", ())
        return fields


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    phrases: tuple[str, ...]
    years: dict[int, ProgramYear]


@dataclass(frozen=True)
class ProgramCatalog:
    programs: dict[str, Program]

    def get(self, program: str | None, year: int | None) -> ProgramYear | None:
        if program is None or year is None:
            return None
        p = self.programs.get(program)
        return p.years.get(year) if p else None

    def __iter__(self):
        return iter(self.programs.values())


def _date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def parse_programs(data: dict) -> ProgramCatalog:
    programs: dict[str, Program] = {}
    for pid, spec in data.items():
        years: dict[int, ProgramYear] = {}
        for year_text, y in spec.get("years", {}).items():
            year = int(year_text)
            years[year] = ProgramYear(
                program=pid,
                year=year,
                recipients=frozenset(y.get("recipients", [])),
                pool=y.get("pool"),
                requisition_opens=_date(y.get("requisition_opens")),
                requisition_deadline=_date(y.get("requisition_deadline")),
                cost_start=_date(y.get("cost_start")),
                cost_end=_date(y.get("cost_end")),
                report_deadline=_date(y.get("report_deadline")),
                payment_working_days=y.get("payment_working_days"),
                required={k: tuple(v) for k, v in y.get("required", {}).items()},
            )
        programs[pid] = Program(
            id=pid, name=spec["name"], phrases=tuple(spec.get("phrases", [])), years=years
        )
    return ProgramCatalog(programs)


def load_programs(path: Path | None = None) -> ProgramCatalog:
    if path is None:
        return default_programs()
    return parse_programs(tomllib.loads(path.read_text(encoding="utf-8")))


@cache
def default_programs() -> ProgramCatalog:
    return parse_programs(tomllib.loads(PROGRAMS_FILE.read_text(encoding="utf-8")))
