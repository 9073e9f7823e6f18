"""The weekly report's one value: every figure for one ISO week and one set of programs.

``collect_figures`` reads the database once (queries in storage.weekly and
storage.expectations, the expectation rules in validators) and returns ``WeeklyFigures``, plain
data that HTML, PDF and XLSX are rendered from without going back to the database. A scope of
``None`` means every program, documents of unknown program included; a tuple of program ids
limits every section to them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from config.programs import ProgramCatalog, default_programs
from reports.labels import SEVERITY_ORDER
from reports.week import IsoWeek, as_utc, local
from storage.allocations import allocation_rows
from storage.expectations import amount_value, expectation_facts
from storage.models import Document, ExpectationRow, FlagRow
from storage.weekly import (
    documents_arrived,
    expectation_changes,
    expectation_rows,
    expectations_by_id,
    flags_by_id,
    flags_closed,
    flags_on_arrivals,
    flags_raised,
    ledger_documents,
    open_flags,
    reopenings,
)
from validators.expected import Expected, UpcomingDeadline
from validators.rules.expected import expect, upcoming_deadlines

Scope = tuple[str, ...] | None
CHART_WEEKS = 12
AGE_BUCKETS = ((0, 7), (8, 30), (31, 90), (91, None))
"""Open cases by age in days, both ends inclusive; None: no upper end."""
LEDGER_AMOUNTS = ("requisitioned", "decided", "received", "used", "unused", "repaid")


def _in_scope(program: str | None, scope: Scope) -> bool:
    return scope is None or program in scope


class Links:
    """Addresses in the review desk, from its base URL (settings: report.desk_url)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def document(self, document_id: int) -> str:
        return f"{self.base}/documents/{document_id}"

    def flag(self, document_id: int, flag_id: int) -> str:
        return f"{self.base}/documents/{document_id}#case-{flag_id}"

    def expectation(self, case_id: int | None) -> str:
        return f"{self.base}/expected" + (f"?status=all#forvantad-{case_id}" if case_id else "")


@dataclass(frozen=True)
class Org:
    code: str | None
    name: str | None

    @property
    def label(self) -> str:
        if not self.code:
            return "Okänd"
        return f"{self.name or self.code} ({self.code})"


@dataclass(frozen=True)
class CaseView:
    """A flag as the report shows it, with the document and mail it is about."""

    id: int
    code: str
    severity: str
    status: str
    message: str
    document_id: int
    document_type: str
    program: str | None
    grant_year: int | None
    org: Org
    attachment: str | None
    sender: str | None
    arrived: datetime | None
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None
    comment: str | None
    link: str


@dataclass(frozen=True)
class Arrival:
    """One document that arrived in the week, with its flags as they stand."""

    document_id: int
    arrived: datetime
    sender: str | None
    subject: str | None
    attachment: str | None
    document_type: str
    program: str | None
    grant_year: int | None
    org: Org
    amounts: dict[str, int]
    flags: tuple[CaseView, ...]
    link: str

    @property
    def open_flags(self) -> tuple[CaseView, ...]:
        return tuple(f for f in self.flags if f.status == "open")


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
class Change:
    """Something that happened to a case during the week."""

    kind: str
    """new, resolved, dismissed, reopened."""
    at: datetime
    case_kind: str
    """flag or expectation."""
    code: str
    severity: str
    message: str
    program: str | None
    grant_year: int | None
    org: Org
    by: str | None
    comment: str | None
    link: str


@dataclass(frozen=True)
class ExpectedView:
    expected: Expected
    case_id: int | None
    link: str


@dataclass(frozen=True)
class LedgerRow:
    """Money for a program-year, for one organisation or (org None) all together."""

    program: str
    grant_year: int
    org: Org | None
    pool: int | None
    allocated: int | None
    requisitioned: int = 0
    decided: int | None = None
    received: int | None = None
    used: int | None = None
    unused: int | None = None
    repaid: int | None = None

    @property
    def to_repay(self) -> int | None:
        if not self.unused:
            return None
        return max(self.unused - (self.repaid or 0), 0)


@dataclass(frozen=True)
class OpenCase:
    case: CaseView
    age_days: int
    """Whole days from the mail's arrival (the flag's creation if unknown) to the report."""


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
    """The moment the standing figures are measured at: the end of the week, or now for a week
    not yet over."""
    program_names: list[str]
    arrivals: list[Arrival] = field(default_factory=list)
    new_flags: list[FlagCount] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    expected: list[ExpectedView] = field(default_factory=list)
    upcoming: list[UpcomingDeadline] = field(default_factory=list)
    ledger: list[LedgerRow] = field(default_factory=list)
    ledger_orgs: list[LedgerRow] = field(default_factory=list)
    open_cases: list[OpenCase] = field(default_factory=list)
    flags_per_week: list[WeekBar] = field(default_factory=list)
    desk_url: str = ""

    @property
    def as_of_day(self) -> date:
        """The last day the report covers, in Sweden."""
        return local(self.as_of - timedelta(microseconds=1)).date()

    @property
    def intake(self) -> list[IntakeRow]:
        counts = Counter((a.program, a.document_type) for a in self.arrivals)
        rows = [IntakeRow(t, p, n) for (p, t), n in counts.items()]
        return sorted(rows, key=lambda r: (r.program or "~", -r.count, r.document_type))

    @property
    def intake_total(self) -> int:
        return len(self.arrivals)

    @property
    def new_flags_total(self) -> int:
        return sum(r.count for r in self.new_flags)

    @property
    def change_counts(self) -> dict[str, int]:
        counts = Counter(c.kind for c in self.changes)
        return {k: counts.get(k, 0) for k in ("new", "resolved", "dismissed", "reopened")}

    @property
    def nothing_new(self) -> bool:
        """No mail arrived and no case changed during the week."""
        return not (self.arrivals or self.changes)

    @property
    def repayments(self) -> list[LedgerRow]:
        return [r for r in self.ledger_orgs if r.unused]

    @property
    def missing(self) -> list[ExpectedView]:
        return [e for e in self.expected if e.expected.code != "REPAYMENT_DUE"]

    @property
    def open_by_age(self) -> list[tuple[tuple[int, int | None], int]]:
        return [((low, high), sum(1 for c in self.open_cases
                                  if c.age_days >= low and (high is None or c.age_days <= high)))
                for low, high in AGE_BUCKETS]


def _case(flag: FlagRow, links: Links) -> CaseView:
    doc = flag.document
    return CaseView(
        id=flag.id, code=flag.code, severity=flag.severity, status=flag.status,
        message=flag.message, document_id=doc.id, document_type=doc.document_type or "other",
        program=doc.program, grant_year=doc.grant_year, org=Org(doc.org_code, doc.org_name),
        attachment=doc.filename, sender=doc.message.sender, arrived=_arrival(doc),
        created_at=as_utc(flag.created_at),
        resolved_at=as_utc(flag.resolved_at) if flag.resolved_at else None,
        resolved_by=flag.resolved_by, comment=flag.comment,
        link=links.flag(doc.id, flag.id))


def _arrival(doc: Document) -> datetime:
    return as_utc(doc.message.received_at or doc.received_at or doc.created_at)


def _amounts(doc: Document) -> dict[str, int]:
    values = {k: amount_value(doc.amounts, k) for k in (doc.amounts or {})}
    return {k: v for k, v in values.items() if v is not None}


def _arrivals(docs: list[Document], scope: Scope, links: Links) -> list[Arrival]:
    return [
        Arrival(document_id=d.id, arrived=_arrival(d), sender=d.message.sender,
                subject=d.message.subject, attachment=d.filename,
                document_type=d.document_type or "other", program=d.program,
                grant_year=d.grant_year, org=Org(d.org_code, d.org_name), amounts=_amounts(d),
                flags=tuple(_case(f, links) for f in d.flags), link=links.document(d.id))
        for d in docs if _in_scope(d.program, scope)
    ]


def _flag_counts(flags: list[FlagRow]) -> list[FlagCount]:
    counts = Counter((f.code, f.severity) for f in flags)
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    return sorted((FlagCount(code, sev, n) for (code, sev), n in counts.items()),
                  key=lambda r: (rank.get(r.severity, len(rank)), -r.count, r.code))


def _flag_change(kind: str, at: datetime, flag: FlagRow, links: Links,
                 by: str | None = None, comment: str | None = None) -> Change:
    doc = flag.document
    return Change(kind, as_utc(at), "flag", flag.code, flag.severity, flag.message, doc.program,
                  doc.grant_year, Org(doc.org_code, doc.org_name), by, comment,
                  links.flag(doc.id, flag.id))


def _expectation_change(kind: str, at: datetime, row: ExpectationRow, links: Links,
                        by: str | None = None, comment: str | None = None) -> Change:
    return Change(kind, as_utc(at), "expectation", row.code, row.severity, row.message,
                  row.program, row.grant_year, Org(row.org_code, row.org_name), by, comment,
                  links.expectation(row.id))


def _changes(session: Session, week: IsoWeek, scope: Scope, links: Links,
             raised: list[FlagRow]) -> list[Change]:
    start, end = week.start, week.end
    changes = [_flag_change("new", f.created_at, f, links) for f in raised]
    changes += [_flag_change(f.status, f.resolved_at, f, links, f.resolved_by, f.comment)
                for f in flags_closed(session, start, end)]
    flag_reopenings = reopenings(session, "flag", start, end)
    flags = flags_by_id(session, [int(a.entity_id) for a in flag_reopenings])
    changes += [_flag_change("reopened", a.at, flags[int(a.entity_id)], links, a.actor, a.comment)
                for a in flag_reopenings if int(a.entity_id) in flags]
    for row in expectation_changes(session, start, end):
        if week.contains(row.created_at):
            changes.append(_expectation_change("new", row.created_at, row, links))
        if row.status != "open" and week.contains(row.resolved_at):
            changes.append(_expectation_change(row.status, row.resolved_at, row, links,
                                               row.resolved_by, row.comment))
    exp_reopenings = reopenings(session, "expectation", start, end)
    rows = expectations_by_id(session, [int(a.entity_id) for a in exp_reopenings])
    changes += [_expectation_change("reopened", a.at, rows[int(a.entity_id)], links, a.actor)
                for a in exp_reopenings if int(a.entity_id) in rows]
    changes = [c for c in changes if _in_scope(c.program, scope)]
    return sorted(changes, key=lambda c: c.at)


def _expected(found: list[Expected], rows: list[ExpectationRow], scope: Scope,
              links: Links) -> list[ExpectedView]:
    ids = {(r.code, r.program, r.grant_year, r.org_code): r.id for r in rows}
    dismissed = {(r.code, r.program, r.grant_year, r.org_code) for r in rows
                 if r.status == "dismissed"}
    return [ExpectedView(e, ids.get(e.key), links.expectation(ids.get(e.key)))
            for e in found if _in_scope(e.program, scope) and e.key not in dismissed]


def _latest(docs: list[Document], document_type: str) -> dict[tuple, Document]:
    """Per (program, grant_year, org code) the last of ``document_type`` to arrive."""
    return {(d.program, d.grant_year, d.org_code): d for d in docs
            if d.document_type == document_type}


def _ledger(docs: list[Document], allocations, rows: list[ExpectationRow], as_of_day: date,
            programs: ProgramCatalog, scope: Scope) -> tuple[list[LedgerRow], list[LedgerRow]]:
    """Per program-year and per organisation: pool, allocated, requisitioned (each file once),
    decided (the latest decision), received, used and unused (the latest return report),
    repaid (as marked in the desk)."""
    docs = [d for d in docs if d.org_code and _in_scope(d.program, scope)]
    names: dict[str, str] = {}
    allocated: dict[tuple, int] = {}
    for a in allocations:
        if _in_scope(a.program, scope):
            allocated[(a.program, a.grant_year, a.recipient_code)] = a.amount_sek
            names[a.recipient_code] = a.recipient_name
    requisitioned: Counter[tuple] = Counter()
    seen: set[str] = set()
    for d in docs:
        names.setdefault(d.org_code, d.org_name or d.org_code)
        if d.document_type == "requisition" and d.sha256 not in seen:
            seen.add(d.sha256)
            requisitioned[(d.program, d.grant_year, d.org_code)] += (
                amount_value(d.amounts, "requested") or 0)
    decisions, reports = _latest(docs, "decision"), _latest(docs, "return_report")
    repaid = {(r.program, r.grant_year, r.org_code): r.repaid_amount for r in rows
              if r.code == "REPAYMENT_DUE" and r.repaid_amount and r.repaid_on
              and r.repaid_on <= as_of_day and _in_scope(r.program, scope)}
    keys = set(allocated) | set(requisitioned) | set(decisions) | set(reports) | set(repaid)
    per_org = []
    for key in keys:
        program, year, code = key
        decision, report = decisions.get(key), reports.get(key)
        per_org.append(LedgerRow(
            program, year, Org(code, names.get(code)), None, allocated.get(key),
            requisitioned.get(key, 0),
            amount_value(decision.amounts, "decided") if decision else None,
            *(amount_value(report.amounts, k) if report else None
              for k in ("received", "used", "unused")),
            repaid.get(key)))
    per_org.sort(key=lambda r: (r.program, -r.grant_year, r.org.name or "", r.org.code))
    totals = []
    for program, year in sorted({(r.program, r.grant_year) for r in per_org},
                                key=lambda py: (py[0], -py[1])):
        mine = [r for r in per_org if (r.program, r.grant_year) == (program, year)]
        py = programs.get(program, year)
        totals.append(LedgerRow(
            program, year, None, py.pool if py else None, _total(mine, "allocated"),
            *((_total(mine, k) or 0) if k == "requisitioned" else _total(mine, k)
              for k in LEDGER_AMOUNTS)))
    return totals, per_org


def _total(rows: list[LedgerRow], name: str) -> int | None:
    """The sum of a column, or None when no row has a figure in it."""
    values = [getattr(r, name) for r in rows if getattr(r, name) is not None]
    return sum(values) if values else None


def _age_days(case: CaseView, as_of: datetime) -> int:
    since = case.arrived or case.created_at
    return max(0, (as_of - since).days)


def _flags_per_week(session: Session, week: IsoWeek, scope: Scope) -> list[WeekBar]:
    """Flags (as they stand, any status) on the documents that arrived in each of the last
    CHART_WEEKS weeks."""
    weeks = week.back(CHART_WEEKS)
    bars: dict[IsoWeek, Counter] = {w: Counter() for w in weeks}
    for flag in flags_on_arrivals(session, weeks[0].start, week.end):
        if _in_scope(flag.document.program, scope):
            bar = bars.get(IsoWeek.containing(_arrival(flag.document)))
            if bar is not None:
                bar[flag.severity] += 1
    return [WeekBar(w, dict(bars[w])) for w in weeks]


def _program_names(scope: Scope, programs: ProgramCatalog) -> list[str]:
    ids = scope if scope is not None else tuple(p.id for p in programs)
    return [programs.programs[p].name if p in programs.programs else p for p in ids]


def collect_figures(session: Session, week: IsoWeek, scope: Scope = None,
                    now: datetime | None = None, *, desk_url: str = "http://127.0.0.1:8000",
                    programs: ProgramCatalog | None = None) -> WeeklyFigures:
    programs = programs or default_programs()
    now = as_utc(now or datetime.now(UTC))
    as_of = min(now, week.end)
    links = Links(desk_url)
    figures = WeeklyFigures(week=week, scope=scope, as_of=as_of,
                            program_names=_program_names(scope, programs), desk_url=links.base)
    raised = [f for f in flags_raised(session, week.start, week.end)
              if _in_scope(f.document.program, scope)]
    rows = expectation_rows(session)
    day = figures.as_of_day
    facts = expectation_facts(session, programs)
    figures.arrivals = _arrivals(documents_arrived(session, week.start, week.end), scope, links)
    figures.new_flags = _flag_counts(raised)
    figures.changes = _changes(session, week, scope, links, raised)
    figures.expected = _expected(expect(facts, day), rows, scope, links)
    figures.upcoming = [u for u in upcoming_deadlines(facts, day) if _in_scope(u.program, scope)]
    figures.ledger, figures.ledger_orgs = _ledger(
        ledger_documents(session, week.end), allocation_rows(session), rows, day, programs, scope)
    figures.open_cases = [
        OpenCase(case, _age_days(case, as_of))
        for case in (_case(f, links) for f in open_flags(session, week.end))
        if _in_scope(case.program, scope)]
    figures.flags_per_week = _flags_per_week(session, week, scope)
    return figures
