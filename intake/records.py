"""Between the database rows and the contract's JSON record / the extraction dataclasses."""
from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from extractors.model import Amount, Evidence, Extraction, ItemisedTable, OrgRef
from storage.models import Document, ExtractedValue

LOCAL_TZ = ZoneInfo("Europe/Stockholm")


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def document_record(doc: Document) -> dict:
    """The contract's document record, flags as they stand now (open ones)."""
    msg = doc.message
    return {
        "id": doc.id,
        "source": {
            "kind": msg.source_kind,
            "path": msg.source_key,
            "message_id": msg.message_id,
            "received": doc.received_at.astimezone(LOCAL_TZ).isoformat() if doc.received_at else None,
            "sender": msg.sender,
            "subject": msg.subject,
            "attachment": doc.filename,
        },
        "sha256": doc.sha256,
        "media_type": doc.media_type,
        "status": doc.status,
        "error": doc.error,
        "pages": doc.pages,
        "ocr": doc.ocr,
        "document_type": doc.document_type,
        "program": doc.program,
        "grant_year": doc.grant_year,
        "organisation": (
            {"name": doc.org_name, "kind": doc.org_kind, "code": doc.org_code} if doc.org_code else None
        ),
        "amounts": {k: v["value"] for k, v in doc.amounts.items()},
        "document_date": doc.document_date,
        "collaborating_municipalities": [
            {"name": m["name"], "code": m["code"]} for m in doc.collaborating_municipalities
        ],
        "municipal_share_percent": _number(doc.municipal_share_percent),
        "reference": doc.reference,
        "evidence": [
            {"field": v.field, "text": v.text, "page": v.page, "bbox": v.bbox,
             "confidence": v.confidence}
            for v in doc.values
        ],
        "corrections": [
            {"field": c.field, "value": c.value_text, "by": c.actor,
             "at": c.at.astimezone(LOCAL_TZ).isoformat()}
            for c in doc.corrections
        ],
        "flags": [
            {"code": f.code, "severity": f.severity, "message": f.message}
            for f in doc.flags if f.status == "open"
        ],
    }


def apply_fields(doc: Document, fields: Extraction) -> None:
    """Write extracted fields onto a document row (values and evidence)."""
    doc.document_type = fields.document_type
    doc.program = fields.program
    doc.grant_year = fields.grant_year
    org = fields.organisation
    doc.org_code, doc.org_kind, doc.org_name = (org.code, org.kind, org.name) if org else (None, None, None)
    doc.amounts = {k: {"value": a.value, "unit": a.unit} for k, a in fields.amounts.items()}
    doc.document_date = fields.document_date.isoformat() if fields.document_date else None
    doc.collaborating_municipalities = [
        {"code": m.code, "name": m.name, "kind": m.kind} for m in fields.collaborating_municipalities
    ]
    doc.municipal_share_percent = fields.municipal_share_percent
    doc.reference = fields.reference
    doc.tables = [
        {"rows": list(t.rows), "total": t.total, "page": t.page, "bbox": list(t.bbox)}
        for t in fields.tables
    ]
    doc.values = [
        ExtractedValue(field=e.field, text=e.text, page=e.page, bbox=list(e.bbox),
                       confidence=e.confidence)
        for e in fields.evidence
    ]


def fields_from_row(doc: Document) -> Extraction:
    """The fields as they stand on the row (corrections included), for re-checking.

    A corrected field counts as read with full confidence: a person has confirmed it.
    """
    corrected = {c.field for c in doc.corrections}
    org = OrgRef(doc.org_code, doc.org_kind, doc.org_name) if doc.org_code else None
    return Extraction(
        document_type=doc.document_type,  # type: ignore[arg-type]
        program=doc.program,
        grant_year=doc.grant_year,
        organisation=org,
        amounts={k: Amount(v["value"], v.get("unit", 1)) for k, v in doc.amounts.items()},
        document_date=date.fromisoformat(doc.document_date) if doc.document_date else None,
        collaborating_municipalities=[
            OrgRef(m["code"], m.get("kind", "municipality"), m["name"])
            for m in doc.collaborating_municipalities
        ],
        municipal_share_percent=doc.municipal_share_percent,
        reference=doc.reference,
        tables=[ItemisedTable(tuple(t["rows"]), t["total"], t["page"], tuple(t["bbox"]))
                for t in doc.tables],
        evidence=[
            Evidence(v.field, v.text, v.page or 0, tuple(v.bbox or (0, 0, 0, 0)),
                     1.0 if v.field in corrected else v.confidence)
            for v in doc.values
        ],
    )


def extraction_record(fields: Extraction, text_pages: int, ocr: bool, error: str | None) -> dict:
    """The record `extract` prints: the fields of one document, nothing from the database."""
    return {
        "pages": text_pages,
        "ocr": ocr,
        "error": error,
        "document_type": fields.document_type,
        "program": fields.program,
        "grant_year": fields.grant_year,
        "organisation": fields.organisation.as_record() if fields.organisation else None,
        "amounts": {k: a.value for k, a in fields.amounts.items()},
        "document_date": fields.document_date.isoformat() if fields.document_date else None,
        "collaborating_municipalities": [
            {"name": m.name, "code": m.code} for m in fields.collaborating_municipalities
        ],
        "municipal_share_percent": _number(fields.municipal_share_percent),
        "reference": fields.reference,
        "evidence": [e.as_record() for e in fields.evidence],
    }
