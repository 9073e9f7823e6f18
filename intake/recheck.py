"""Run the rules over a stored document and bring its flags up to date.

Used at intake and whenever a person corrects a value: flags the rules raise now are opened,
open flags they no longer raise are resolved by "system", and a flag a person already
resolved or dismissed is not opened again.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from config.programs import ProgramCatalog, default_programs
from extractors.model import Extraction
from intake.context import build_context
from intake.records import fields_from_row
from storage.models import AuditEntry, Document, FlagRow
from validators import validate
from validators.model import Flag

SYSTEM = "system"


def _key(code: str, details: dict) -> tuple[str, str | None]:
    return code, details.get("field")


def check(session: Session, doc: Document, fields: Extraction, *, programs: ProgramCatalog,
          threshold: float) -> list[Flag]:
    ctx = build_context(
        session, fields, programs=programs, sha256=doc.sha256, document_pk=doc.id,
        received=doc.received_at, threshold=threshold,
        read_error=doc.error if doc.status == "unreadable" else None,
        no_document=doc.status == "no_document",
    )
    return validate(fields, ctx)


def sync_flags(session: Session, doc: Document, flags: list[Flag], actor: str = SYSTEM) -> None:
    now = datetime.now(UTC)
    wanted = {_key(f.code, f.details): f for f in flags}
    existing = {_key(r.code, r.details or {}): r for r in doc.flags}
    for key, row in existing.items():
        flag = wanted.get(key)
        if row.status == "open" and flag is None:
            row.status, row.resolved_by, row.resolved_at = "resolved", SYSTEM, now
            row.comment = "Avvikelsen finns inte längre."
            session.add(AuditEntry(actor=actor, action="flag_auto_resolved", entity="flag",
                                   entity_id=str(row.id), field="status", old_value="open",
                                   new_value="resolved"))
        elif row.status == "open" and flag is not None:
            row.message, row.details, row.severity = flag.message, flag.details, flag.severity
    for key, flag in wanted.items():
        if key not in existing:
            doc.flags.append(FlagRow(code=flag.code, severity=flag.severity, message=flag.message,
                                     details=flag.details))


def recheck_document(session: Session, doc: Document, settings=None, *,
                     programs: ProgramCatalog | None = None, actor: str = SYSTEM) -> None:
    """Re-run every rule over the row's current values and update its flags (no commit)."""
    threshold = settings.confidence_threshold if settings is not None else 0.6
    flags = check(session, doc, fields_from_row(doc), programs=programs or default_programs(),
                  threshold=threshold)
    sync_flags(session, doc, flags, actor)
