"""The report's figures for one ISO week and one set of programs, read from the database.

Case figures come from storage.cases (the functions behind `grant-intake cases list`), so the
report and the case list agree by construction. A scope of ``None`` means every program,
documents of unknown program included; a tuple of program ids limits every section to them.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.programs import default_programs
from reports.labels import SEVERITY_ORDER
from reports.week import IsoWeek, as_utc
from storage.cases import CaseFilter, case_record, list_cases
from storage.models import Allocation, Document, FlagRow, Message

log = logging.getLogger(__name__)
Scope = tuple[str, ...] | None
CHART_WEEKS = 12


@dataclass(frozen=True)
class IntakeRow:
    document_type: str
    program: str | None
    count: int


@dataclass(frozen=True)
class FlagCount:
    code: str
    severity: str
    count: int


@dataclass(frozen=True)
class OpenCase:
    record: dict
    """The case as `grant-intake cases list --json` prints it."""
    age_days: int
    """Whole days from the document's arrival (the flag's creation if unknown) to the report."""


@dataclass(frozen=True)
class OrgBalance:
    program: str
    grant_year: int
    org_code: str
    org_name: str
    allocated: int | None
    """None when the allocation list has no row for the organisation."""
    requisitioned: int

    @property
    def remaining(self) -> int | None:
        return None if self.allocated is None else self.allocated - self.requisitioned

    @property
    def used_percent(self) -> float | None:
        return None if not self.allocated else 100 * self.requisitioned / self.allocated


@dataclass(frozen=True)
class WeekBar:
    week: IsoWeek
    by_severity: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


@dataclass
class WeeklyFigures:
    week: IsoWeek
    scope: Scope
    as_of: datetime
    """The moment ages are measured to: the end of the week, or now for a week not yet over."""
    intake: list[IntakeRow] = field(default_factory=list)
    new_flags: list[FlagCount] = field(default_factory=list)
    open_cases: list[OpenCase] = field(default_factory=list)
    resolved: list[dict] = field(default_factory=list)
    balances: list[OrgBalance] = field(default_factory=list)
    flags_per_week: list[WeekBar] = field(default_factory=list)

    @property
    def intake_total(self) -> int:
        return sum(r.count for r in self.intake)

    @property
    def new_flags_total(self) -> int:
        return sum(r.count for r in self.new_flags)

    @property
    def is_empty(self) -> bool:
        """Nothing came in, nothing was flagged or resolved, and nothing is open."""
        return not (self.intake or self.new_flags or self.open_cases or self.resolved)

    @property
    def program_names(self) -> list[str]:
        catalog = default_programs()
        ids = self.scope if self.scope is not None else tuple(p.id for p in catalog)
        return [catalog.programs[p].name if p in catalog.programs else p for p in ids]


def _in_scope(program: str | None, scope: Scope) -> bool:
    return scope is None or program in scope


def _cases(session: Session, f: CaseFilter, scope: Scope) -> list[FlagRow]:
    return [c for c in list_cases(session, f) if _in_scope(c.document.program, scope)]


def _received():
    """When a document came in: the message's delivery time, else when it was registered."""
    return func.coalesce(Message.received_at, Document.created_at)


def _intake(session: Session, week: IsoWeek, scope: Scope) -> list[IntakeRow]:
    received = _received()
    stmt = (
        select(Document.document_type, Document.program, func.count(Document.id))
        .join(Document.message)
        .where(received >= week.start, received < week.end)
        .group_by(Document.document_type, Document.program)
    )
    rows = [IntakeRow(t or "other", p, n)
            for t, p, n in session.execute(stmt) if _in_scope(p, scope)]
    return sorted(rows, key=lambda r: (r.program or "~", -r.count, r.document_type))


def _new_flags(flags: list[FlagRow]) -> list[FlagCount]:
    counts = Counter((f.code, f.severity) for f in flags)
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    return sorted(
        (FlagCount(code, sev, n) for (code, sev), n in counts.items()),
        key=lambda r: (rank.get(r.severity, len(rank)), -r.count, r.code),
    )


def _age_days(flag: FlagRow, as_of: datetime) -> int:
    since = flag.document.received_at or flag.created_at
    return max(0, (as_of - as_utc(since)).days)


def requested_amount(amounts: object) -> int | None:
    """``amounts["requested"]`` as stored ({"value": n, "unit": u} or a bare number)."""
    if not isinstance(amounts, dict):
        return None
    value = amounts.get("requested")
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _balances(session: Session, week: IsoWeek, scope: Scope) -> list[OrgBalance]:
    """Per organisation and program: requisitioned this grant year against the allocation.

    The grant year is the report week's year; requisitions count up to the end of the week,
    each file (sha256) once.
    """
    year = week.year
    received = _received()
    docs = session.execute(
        select(Document.program, Document.org_code, Document.org_name, Document.sha256,
               Document.amounts)
        .join(Document.message)
        .where(Document.document_type == "requisition", Document.grant_year == year,
               Document.org_code.is_not(None), Document.program.is_not(None), received < week.end)
        .order_by(Document.id)
    ).all()
    requested: Counter[tuple[str, str]] = Counter()
    names: dict[tuple[str, str], str] = {}
    seen: set[str] = set()
    for program, code, name, sha, amounts in docs:
        if not _in_scope(program, scope) or sha in seen:
            continue
        seen.add(sha)
        amount = requested_amount(amounts)
        if amount is None:
            log.info("requisition without a requested amount program=%s org=%s", program, code)
            continue
        requested[(program, code)] += amount
        names.setdefault((program, code), name or code)
    allocations = {
        (a.program, a.recipient_code): a
        for a in session.scalars(select(Allocation).where(Allocation.grant_year == year))
        if _in_scope(a.program, scope)
    }
    keys = set(requested) | set(allocations)
    rows = []
    for program, code in keys:
        alloc = allocations.get((program, code))
        name = alloc.recipient_name if alloc else names[(program, code)]
        rows.append(OrgBalance(program, year, code, name, alloc.amount_sek if alloc else None,
                               requested.get((program, code), 0)))
    return sorted(rows, key=lambda r: (r.program, r.org_name))


def _flags_per_week(session: Session, week: IsoWeek, scope: Scope) -> list[WeekBar]:
    weeks = week.back(CHART_WEEKS)
    flags = _cases(session, CaseFilter(status=None, created_from=weeks[0].start,
                                       created_to=week.end), scope)
    bars = {w: Counter() for w in weeks}
    for flag in flags:
        bar = bars.get(IsoWeek.containing(flag.created_at))
        if bar is not None:
            bar[flag.severity] += 1
    return [WeekBar(w, dict(bars[w])) for w in weeks]


def collect_figures(session: Session, week: IsoWeek, scope: Scope = None,
                    now: datetime | None = None) -> WeeklyFigures:
    now = as_utc(now or datetime.now(UTC))
    as_of = min(now, week.end)
    new = _cases(session, CaseFilter(status=None, created_from=week.start, created_to=week.end),
                 scope)
    open_flags = _cases(session, CaseFilter(status="open", created_to=week.end), scope)
    handled = [
        f for f in _cases(session, CaseFilter(status=None, created_to=week.end), scope)
        if f.status != "open" and week.contains(f.resolved_at)
    ]
    handled.sort(key=lambda f: as_utc(f.resolved_at))
    return WeeklyFigures(
        week=week,
        scope=scope,
        as_of=as_of,
        intake=_intake(session, week, scope),
        new_flags=_new_flags(new),
        open_cases=[OpenCase(case_record(f), _age_days(f, as_of)) for f in open_flags],
        resolved=[case_record(f) for f in handled],
        balances=_balances(session, week, scope),
        flags_per_week=_flags_per_week(session, week, scope),
    )
