"""Build a document's validation context from the database (the stateful part of checking)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.programs import ProgramCatalog
from extractors.model import Extraction
from storage.models import Allocation, Document
from validators.model import AllocationRow, Context, FiledRequisition


def allocations_for(session: Session, program: str | None, year: int | None) -> dict:
    if program is None or year is None:
        return {}
    rows = session.scalars(select(Allocation).where(
        Allocation.program == program, Allocation.grant_year == year))
    return {
        (r.program, r.grant_year, r.recipient_code): AllocationRow(
            r.program, r.grant_year, r.recipient_code, r.recipient_name, r.amount_sek,
            r.municipal_share_min_percent)
        for r in rows
    }


def requisitions_on_file(session: Session, fields: Extraction, sha256: str,
                         document_pk: int | None) -> list[FiledRequisition]:
    """Readable requisitions for the same program-year registered before this document
    (copies of this file excluded), so a recheck flags what intake flagged: the requisition
    that came second, the one that took the pool over."""
    if fields.document_type != "requisition" or fields.program is None or fields.grant_year is None:
        return []
    stmt = select(Document).where(
        Document.document_type == "requisition", Document.program == fields.program,
        Document.grant_year == fields.grant_year, Document.status == "processed",
        Document.sha256 != sha256)
    if document_pk is not None:
        stmt = stmt.where(Document.id < document_pk)
    return [
        FiledRequisition(d.id, d.org_code, (d.amounts.get("requested") or {}).get("value"))
        for d in session.scalars(stmt)
    ]


def duplicate_of(session: Session, sha256: str, document_pk: int | None) -> int | None:
    """The first document with the same bytes, if this is not it."""
    first = session.scalar(select(Document.id).where(Document.sha256 == sha256).order_by(Document.id))
    return first if first is not None and first != document_pk else None


def build_context(session: Session, fields: Extraction, *, programs: ProgramCatalog,
                  sha256: str, document_pk: int | None, received: datetime | None,
                  threshold: float, read_error: str | None = None,
                  no_document: bool = False, read_by_ocr: bool = False) -> Context:
    return Context(
        programs=programs,
        received=received,
        allocations=allocations_for(session, fields.program, fields.grant_year),
        requisitions_on_file=requisitions_on_file(session, fields, sha256, document_pk),
        duplicate_of=duplicate_of(session, sha256, document_pk),
        read_error=read_error,
        no_document=no_document,
        read_by_ocr=read_by_ocr,
        confidence_threshold=threshold,
    )
