"""One rule per expected-document code, each pure over the facts on file and a check date.

Deadlines are inclusive: on the deadline day nothing is missing yet; the day after, it is.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from config.programs import ProgramCatalog, ProgramYear
from validators.expected import (
    ExpectationFacts,
    ExpectationRule,
    Expected,
    FiledDocument,
    Org,
    UpcomingDeadline,
)
from validators.swedish import format_amount, format_date

UPCOMING_DAYS = 30


def _label(programs: ProgramCatalog, program: str, year: int) -> str:
    known = programs.programs.get(program)
    name = f"{known.name[:1].lower()}{known.name[1:]}" if known else program
    return f"{name} {year}"


def _allocated(facts: ExpectationFacts, py: ProgramYear) -> list[Org]:
    return sorted((Org.from_code(a.recipient_code, a.recipient_name) for a in facts.allocations
                   if (a.program, a.grant_year) == (py.program, py.year)),
                  key=lambda o: o.code)


def _requisitioners(facts: ExpectationFacts, py: ProgramYear, as_of: date) -> list[Org]:
    """Organisations with a requisition on file for ``py``, named as their first one was."""
    orgs: dict[str, Org] = {}
    for d in sorted(facts.on_file("requisition", as_of), key=lambda d: (d.arrived, d.document_id)):
        if (d.program, d.grant_year) == (py.program, py.year):
            orgs.setdefault(d.org.code, d.org)
    return sorted(orgs.values(), key=lambda o: o.code)


def _not_requisitioned(facts: ExpectationFacts, py: ProgramYear, as_of: date) -> list[Org]:
    sent = facts.senders("requisition", as_of)
    return [o for o in _allocated(facts, py) if (py.program, py.year, o.code) not in sent]


def _not_reported(facts: ExpectationFacts, py: ProgramYear, as_of: date) -> list[Org]:
    sent = facts.senders("return_report", as_of)
    return [o for o in _requisitioners(facts, py, as_of)
            if (py.program, py.year, o.code) not in sent]


def _years(facts: ExpectationFacts):
    for program in facts.programs:
        yield from program.years.values()


def _missing(facts: ExpectationFacts, as_of: date, code: str, what: str,
             deadline_of: Callable[[ProgramYear], date | None],
             missing: Callable[[ExpectationFacts, ProgramYear, date], list[Org]]) -> list[Expected]:
    """One case per organisation ``missing`` names, for each program-year whose deadline
    (``deadline_of``) has passed."""
    found = []
    for py in _years(facts):
        deadline = deadline_of(py)
        if deadline is None or as_of <= deadline:
            continue
        for org in missing(facts, py, as_of):
            message = (f"Ingen {what} från {org.name} för "
                       f"{_label(facts.programs, py.program, py.year)}; sista dag var "
                       f"{format_date(deadline)}")
            found.append(Expected(code, py.program, py.year, org, deadline, None, message,
                                  {"deadline": deadline.isoformat(),
                                   "days_late": (as_of - deadline).days}))
    return found


def missing_requisition(facts: ExpectationFacts, as_of: date) -> list[Expected]:
    return _missing(facts, as_of, "MISSING_REQUISITION", "rekvisition",
                    lambda py: py.requisition_deadline, _not_requisitioned)


def missing_report(facts: ExpectationFacts, as_of: date) -> list[Expected]:
    return _missing(facts, as_of, "MISSING_REPORT", "återrapportering",
                    lambda py: py.report_deadline, _not_reported)


def _latest_reports(facts: ExpectationFacts, as_of: date) -> dict[tuple, FiledDocument]:
    """Per (program, grant_year, org code) the return report that arrived last: a later one
    corrects an earlier one."""
    latest: dict[tuple, FiledDocument] = {}
    for d in sorted(facts.on_file("return_report", as_of),
                    key=lambda d: (d.arrived, d.document_id)):
        latest[(d.program, d.grant_year, d.org.code)] = d
    return latest


def repayment_due(facts: ExpectationFacts, as_of: date) -> list[Expected]:
    """Open while the unused amount stated in the latest return report is not all repaid."""
    found = []
    for (program, year, code), report in sorted(_latest_reports(facts, as_of).items()):
        unused = report.unused
        if unused is None or unused <= 0:
            continue
        repaid = facts.repaid(program, year, code, as_of)
        if repaid >= unused:
            continue
        message = (f"{report.org.name} redovisar {format_amount(unused)} ej förbrukat av "
                   f"{_label(facts.programs, program, year)} att betala tillbaka")
        if repaid:
            message += f"; {format_amount(repaid)} återbetalt, {format_amount(unused - repaid)} kvar"
        found.append(Expected("REPAYMENT_DUE", program, year, report.org, None, unused, message,
                              {"unused": unused, "repaid": repaid,
                               "document_id": report.document_id}))
    return found


EXPECTATION_RULES: dict[str, ExpectationRule] = {
    "MISSING_REQUISITION": missing_requisition,
    "MISSING_REPORT": missing_report,
    "REPAYMENT_DUE": repayment_due,
}
"""Code → rule, in the contract's order."""


def expect(facts: ExpectationFacts, as_of: date) -> list[Expected]:
    """Every expectation open at the end of ``as_of``: by code, program-year, organisation."""
    order = {code: i for i, code in enumerate(EXPECTATION_RULES)}
    found = [e for rule in EXPECTATION_RULES.values() for e in rule(facts, as_of)]
    return sorted(found, key=lambda e: (order[e.code], e.program, e.grant_year, e.org.code))


def upcoming_deadlines(facts: ExpectationFacts, as_of: date,
                       days: int = UPCOMING_DAYS) -> list[UpcomingDeadline]:
    """Requisition and report deadlines from ``as_of`` (inclusive: the day itself is still open)
    to ``days`` days ahead, each with the organisations that have not sent theirs yet. A
    deadline that concerns nobody (no allocation, no requisition on file) is left out."""
    last = as_of + timedelta(days=days)
    found = []
    for py in _years(facts):
        for document_type, deadline, concerned, waiting in (
            ("requisition", py.requisition_deadline, _allocated(facts, py),
             _not_requisitioned(facts, py, as_of)),
            ("return_report", py.report_deadline, _requisitioners(facts, py, as_of),
             _not_reported(facts, py, as_of)),
        ):
            if deadline is not None and as_of <= deadline <= last and concerned:
                found.append(UpcomingDeadline(py.program, py.year, document_type, deadline,
                                              len(concerned), tuple(waiting)))
    return sorted(found, key=lambda u: (u.deadline, u.program, u.grant_year, u.document_type))
