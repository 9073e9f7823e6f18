"""Expected documents: what should have arrived and has not, and what must be repaid.

These checks belong to an organisation and a program-year, not to a document. The rules in
``validators.rules.expected`` are pure functions over ``ExpectationFacts`` (plain data the
storage layer gathers) and a check date; ``expect`` runs them all.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from config.programs import ProgramCatalog
from validators.model import AllocationRow, Severity

EXPECTATION_SEVERITY: dict[str, Severity] = {
    "MISSING_REQUISITION": "warning",
    "MISSING_REPORT": "warning",
    "REPAYMENT_DUE": "info",
}

EXPECTATION_TEXT: dict[str, str] = {
    "MISSING_REQUISITION": (
        "Fördelningslistan har en rad för organisationen, sista dag för rekvisition har "
        "passerat och ingen rekvisition från den har kommit in."
    ),
    "MISSING_REPORT": (
        "Organisationen har rekvirerat bidraget, sista dag för återrapportering har passerat "
        "och ingen återrapportering har kommit in."
    ),
    "REPAYMENT_DUE": (
        "Återrapporteringen anger ett ej förbrukat belopp över 0 kr som ska betalas tillbaka; "
        "ärendet är öppet tills någon har registrerat återbetalningen."
    ),
}

Key = tuple[str, str, int, str]
"""(code, program, grant_year, organisation code): one expectation per key."""


@dataclass(frozen=True)
class Org:
    code: str
    kind: str
    name: str

    @classmethod
    def from_code(cls, code: str, name: str) -> Org:
        """Two digits are a region (länskod), four a municipality (kommunkod)."""
        return cls(code, "region" if len(code) == 2 else "municipality", name)

    def as_record(self) -> dict:
        return {"name": self.name, "kind": self.kind, "code": self.code}


@dataclass(frozen=True)
class FiledDocument:
    """A requisition or return report on file, as the expectation rules see it."""

    document_id: int
    document_type: str
    program: str
    grant_year: int
    org: Org
    arrived: date
    """The day the mail arrived, in Sweden."""
    unused: int | None = None
    """A return report's stated unused amount (ej förbrukat), in kronor."""


@dataclass(frozen=True)
class Repayment:
    """Money a person has marked as paid back for an organisation and program-year."""

    program: str
    grant_year: int
    org_code: str
    amount: int
    paid_on: date


@dataclass
class ExpectationFacts:
    programs: ProgramCatalog
    allocations: list[AllocationRow] = field(default_factory=list)
    documents: list[FiledDocument] = field(default_factory=list)
    repayments: list[Repayment] = field(default_factory=list)

    def on_file(self, document_type: str, as_of: date) -> list[FiledDocument]:
        """Documents of ``document_type`` that had arrived by the end of ``as_of``."""
        return [d for d in self.documents
                if d.document_type == document_type and d.arrived <= as_of]

    def senders(self, document_type: str, as_of: date) -> set[tuple[str, int, str]]:
        """(program, grant_year, org code) of every ``document_type`` on file by ``as_of``."""
        return {(d.program, d.grant_year, d.org.code) for d in self.on_file(document_type, as_of)}

    def repaid(self, program: str, grant_year: int, org_code: str, as_of: date) -> int:
        return sum(r.amount for r in self.repayments
                   if (r.program, r.grant_year, r.org_code) == (program, grant_year, org_code)
                   and r.paid_on <= as_of)


@dataclass(frozen=True)
class Expected:
    """One open expectation: a document that should have arrived, or money to be repaid."""

    code: str
    program: str
    grant_year: int
    org: Org
    deadline: date | None
    amount: int | None
    message: str
    details: dict = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return EXPECTATION_SEVERITY[self.code]

    @property
    def key(self) -> Key:
        return (self.code, self.program, self.grant_year, self.org.code)

    def as_record(self) -> dict:
        """The object `grant-intake expect --json` prints."""
        return {
            "code": self.code,
            "program": self.program,
            "grant_year": self.grant_year,
            "organisation": self.org.as_record(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "amount": self.amount,
            "message": self.message,
        }


@dataclass(frozen=True)
class UpcomingDeadline:
    """A program-year's requisition or report deadline soon, and who has not sent theirs."""

    program: str
    grant_year: int
    document_type: str
    """requisition or return_report."""
    deadline: date
    concerned: int
    """How many organisations the deadline concerns: allocated, or requisitioned."""
    waiting: tuple[Org, ...]

    def days_left(self, as_of: date) -> int:
        return (self.deadline - as_of).days


ExpectationRule = Callable[[ExpectationFacts, date], list[Expected]]
