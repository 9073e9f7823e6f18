"""An organisation's page: per program-year what was allocated, requisitioned, decided,
received, used, left unused and repaid, and its documents and cases over the years."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from config.registry import Organisation, load_registry
from storage.models import Allocation, Document, ExpectationRow, FlagRow

AMOUNT_OF_TYPE = {
    "requisition": ("requested",),
    "decision": ("decided",),
    "return_report": ("received", "used", "unused"),
}
"""Which amounts count from which kind of document."""


@dataclass
class ProgramYearFigures:
    program: str
    grant_year: int
    allocation: int | None = None
    requested: int | None = None
    decided: int | None = None
    received: int | None = None
    used: int | None = None
    unused: int | None = None
    repaid: int | None = None
    """What staff marked as paid back on the program-year's REPAYMENT_DUE case."""
    documents: int = 0

    def add(self, key: str, amount: int) -> None:
        setattr(self, key, (getattr(self, key) or 0) + amount)


@dataclass
class OrganisationView:
    code: str
    name: str
    kind: str | None
    figures: list[ProgramYearFigures] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    cases: list[FlagRow] = field(default_factory=list)
    expectations: list[ExpectationRow] = field(default_factory=list)
    """Documents that should have come and money to be repaid (storage.expectations)."""
    open_cases: int = 0


def known_organisation(code: str) -> Organisation | None:
    return load_registry().get(code) if re.fullmatch(r"[0-9]{2}|[0-9]{4}", code) else None


def _counted(docs: list[Document]) -> list[Document]:
    """Readable documents, each file once (a copy sent again is not a second amount)."""
    seen: set[str] = set()
    out = []
    for doc in sorted(docs, key=lambda d: d.id):
        if doc.status == "processed" and doc.sha256 not in seen:
            seen.add(doc.sha256)
            out.append(doc)
    return out


def build_organisation_view(session: Session, code: str) -> OrganisationView | None:
    """None when the code is neither a known organisation nor on any document or allocation."""
    org = known_organisation(code)
    docs = list(session.scalars(
        select(Document).where(Document.org_code == code).options(joinedload(Document.message))
        .order_by(Document.received_at.desc(), Document.id.desc())).unique())
    allocations = list(session.scalars(select(Allocation).where(Allocation.recipient_code == code)))
    expectations = list(session.scalars(
        select(ExpectationRow).where(ExpectationRow.org_code == code)
        .order_by(ExpectationRow.status != "open", ExpectationRow.grant_year.desc(),
                  ExpectationRow.id)))
    if org is None and not docs and not allocations and not expectations:
        return None
    name = org.name if org else next(
        (d.org_name for d in docs if d.org_name), allocations[0].recipient_name if allocations else code)
    view = OrganisationView(code, name, org.kind if org else None, documents=docs,
                            expectations=expectations)
    figures: dict[tuple[str, int], ProgramYearFigures] = {}

    def row(program: str, year: int) -> ProgramYearFigures:
        return figures.setdefault((program, year), ProgramYearFigures(program, year))

    for allocation in allocations:
        row(allocation.program, allocation.grant_year).allocation = allocation.amount_sek
    for doc in docs:
        if doc.program and doc.grant_year:
            row(doc.program, doc.grant_year).documents += 1
    for doc in _counted(docs):
        if not (doc.program and doc.grant_year):
            continue
        for key in AMOUNT_OF_TYPE.get(doc.document_type, ()):
            amount = (doc.amounts.get(key) or {}).get("value")
            if amount is not None:
                row(doc.program, doc.grant_year).add(key, int(amount))
    for expectation in expectations:
        if expectation.code == "REPAYMENT_DUE" and expectation.repaid_amount is not None:
            row(expectation.program, expectation.grant_year).add(
                "repaid", expectation.repaid_amount)
    view.figures = sorted(figures.values(), key=lambda f: (-f.grant_year, f.program))
    doc_ids = [d.id for d in docs]
    if doc_ids:
        view.cases = list(session.scalars(
            select(FlagRow).where(FlagRow.document_pk.in_(doc_ids))
            .options(joinedload(FlagRow.document))
            .order_by(FlagRow.status != "open", FlagRow.created_at.desc(), FlagRow.id.desc())))
    view.open_cases = (sum(1 for f in view.cases if f.status == "open")
                       + sum(1 for e in expectations if e.status == "open"))
    return view


def organisations_on_file(session: Session) -> list[tuple[str, str, int, int]]:
    """(code, name, documents, open cases) of every organisation with documents, by name."""
    registry = load_registry()
    counts = defaultdict(lambda: [None, 0, 0])
    for code, name, n in session.execute(
            select(Document.org_code, func.max(Document.org_name), func.count(Document.id))
            .where(Document.org_code.is_not(None)).group_by(Document.org_code)):
        counts[code][:2] = [name, n]
    for code, n in session.execute(
            select(Document.org_code, func.count(FlagRow.id)).join(FlagRow.document)
            .where(FlagRow.status == "open", Document.org_code.is_not(None))
            .group_by(Document.org_code)):
        counts[code][2] = n
    out = []
    for code, (name, docs, open_cases) in counts.items():
        org = registry.get(code)
        out.append((code, org.name if org else (name or code), docs, open_cases))
    return sorted(out, key=lambda r: r[1])
