"""More cases for the case-desk tests, added to a test's own copy of the seeded desk: a
requisition and a return report from Region Uppsala against an allocation of 834 000 kr, a
message without attachment, an `other` document."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from intake.recheck import recheck_document
from storage.models import Allocation, Document, ExtractedValue, Message
from storage.originals import OriginalStore

ALLOCATION = 834_000
UPPSALA = {"org_code": "03", "org_kind": "region", "org_name": "Region Uppsala"}


@dataclass(frozen=True)
class MoreCases:
    requisition_id: int
    report_id: int
    body_id: int
    other_id: int


def _doc(session, n: int, *, evidence: list[ExtractedValue] = (), **columns) -> Document:
    received = datetime(2024, 3, 26 + n, 9, 0, tzinfo=UTC)
    msg = Message(source_kind="eml", source_key=f"mail/extra-{n}.eml", raw_sha256=f"{n:064x}",
                  raw_size=1, sender=f"avsandare{n}@example.se", subject=f"Handling {n}",
                  received_at=received)
    defaults = {"sha256": f"{n + 100:064x}", "filename": f"handling-{n}.pdf",
                "media_type": "application/pdf", "size": 1, "pages": 1, "received_at": received}
    doc = Document(**{**defaults, **columns}, values=list(evidence))
    msg.documents.append(doc)
    session.add(msg)
    session.flush()
    recheck_document(session, doc)
    return doc


def add_cases(factory, store: OriginalStore | None = None, *, with_allocation: bool = True
              ) -> MoreCases:
    with factory() as session:
        if with_allocation:
            session.add(Allocation(program="hembesok", grant_year=2024, recipient_code="03",
                                   recipient_name="Region Uppsala", amount_sek=ALLOCATION))
        common = {"program": "hembesok", "grant_year": 2024, "document_date": "2024-03-20",
                  "reference": "RS 2024/1", **UPPSALA}
        requisition = _doc(
            session, 1, document_type="requisition",
            amounts={"requested": {"value": 900_000, "unit": 1}},
            collaborating_municipalities=[{"code": "0380", "name": "Uppsala kommun",
                                           "kind": "municipality"}],
            municipal_share_percent=30.0,
            evidence=[ExtractedValue(field="amounts.requested", text="900 000 kr", page=1,
                                     bbox=[300.0, 300.0, 380.0, 315.0], confidence=0.97)],
            **common)
        report = _doc(
            session, 2, document_type="return_report",
            amounts={"received": {"value": 834_000, "unit": 1},
                     "used": {"value": 700_000, "unit": 1},
                     "unused": {"value": 100_000, "unit": 1}},
            evidence=[ExtractedValue(field="amounts.unused", text="100 000 kr", page=1,
                                     bbox=[300.0, 400.0, 380.0, 415.0], confidence=0.95)],
            **common)
        body = b"Hej! Rekvisitionen kommer i morgon.\nMvh Anna"
        digest = store.put(body) if store is not None else f"{3 + 100:064x}"
        no_document = _doc(session, 3, sha256=digest, filename=None, media_type="text/plain",
                           size=len(body), pages=0, status="no_document",
                           error="Meddelandet har ingen bifogad handling.")
        other = _doc(session, 4, document_type="other")
        session.commit()
        return MoreCases(requisition.id, report.id, no_document.id, other.id)
