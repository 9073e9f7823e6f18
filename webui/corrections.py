"""A person's correction of one value: parsed strictly, written with an audit entry, re-checked.

A correction that does not parse changes nothing and says why in Swedish. An empty value
removes the field (a value read where there was none).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from config.programs import ProgramCatalog
from config.registry import load_registry
from extractors.fields.amounts import parse_amount
from extractors.fields.dates import parse_date
from extractors.model import OrgRef
from extractors.fields.organisations import find_organisation
from storage.models import AuditEntry, Document, ValueCorrection
from validators.swedish import DOCUMENT_TYPE_NAMES, field_name
from webui.present import CORRECTABLE_FIELDS, value_text

MAX_TEXT = 200


class CorrectionError(ValueError):
    """The correction cannot be used; the message says why, in Swedish."""


@dataclass(frozen=True)
class Correction:
    field: str
    text: str
    """What the person typed (stripped)."""
    value: Any
    """The parsed value: None removes the field."""


def _organisation(text: str) -> OrgRef | None:
    code = text.strip()
    if code.isdigit():
        org = load_registry().get(code)
        return OrgRef(org.code, org.kind, org.name) if org else None
    return find_organisation(text)


def _municipality(text: str) -> OrgRef | None:
    """A municipality by code or name; a bare name like "Gotland" means the municipality here."""
    wanted = text.strip().casefold()
    for org in load_registry().municipalities.values():
        if wanted in (org.code, org.short.casefold(), org.name.casefold()):
            return OrgRef(org.code, org.kind, org.name)
    found = find_organisation(text)
    return found if found is not None and found.kind == "municipality" else None


def _percent(text: str) -> float:
    cleaned = text.replace("%", "").replace(",", ".").replace("\u00a0", "").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise CorrectionError(f"”{text}” går inte att tolka som en procentsats.") from None
    if not 0 <= value <= 100:
        raise CorrectionError("Andelen måste vara mellan 0 och 100 %.")
    return value


def parse_correction(field: str, text: str, programs: ProgramCatalog) -> Correction:
    """The value ``text`` stands for in ``field``, or CorrectionError."""
    if field not in CORRECTABLE_FIELDS:
        raise CorrectionError(f"Uppgiften {field!r} går inte att rätta.")
    text = " ".join(text.split())
    if len(text) > MAX_TEXT:
        raise CorrectionError(f"Värdet är för långt (högst {MAX_TEXT} tecken).")
    name = field_name(field)
    if not text:
        if field == "document_type":
            raise CorrectionError("Välj en dokumenttyp.")
        return Correction(field, "", None)
    value: Any
    if field.startswith("amounts."):
        amount = parse_amount(text)
        if amount is None or amount.value < 0:
            raise CorrectionError(f"”{text}” går inte att tolka som ett belopp ({name}). "
                                  "Skriv till exempel 2 345 000 kr.")
        value = amount
    elif field == "document_date":
        value = parse_date(text)
        if value is None:
            raise CorrectionError(f"”{text}” går inte att tolka som ett datum. "
                                  "Skriv till exempel 2024-03-21.")
    elif field == "grant_year":
        if not re.fullmatch(r"(19|20|21)\d\d", text):
            raise CorrectionError(f"”{text}” är inte ett bidragsår. Skriv till exempel 2024.")
        value = int(text)
    elif field == "document_type":
        if text not in DOCUMENT_TYPE_NAMES:
            raise CorrectionError(f"Okänd dokumenttyp ”{text}”.")
        value = text
    elif field == "program":
        if text not in programs.programs:
            raise CorrectionError(f"Okänt statsbidrag ”{text}”: välj "
                                  f"{', '.join(programs.programs)}.")
        value = text
    elif field == "organisation":
        value = _organisation(text)
        if value is None:
            raise CorrectionError(f"”{text}” är ingen känd region eller kommun. Skriv namnet "
                                  "(Region Gotland, Botkyrka kommun) eller SCB-koden.")
    elif field == "collaborating_municipalities":
        value = []
        for part in re.split(r"\s*(?:[,;]|\boch\b)\s*", text):
            if not part:
                continue
            org = _municipality(part)
            if org is None:
                raise CorrectionError(f"”{part}” är ingen känd kommun.")
            value.append(org)
    elif field == "municipal_share_percent":
        value = _percent(text)
    else:
        value = text
    return Correction(field, text, value)


def _write(doc: Document, c: Correction) -> None:
    field, value = c.field, c.value
    if field.startswith("amounts."):
        key = field.split(".", 1)[1]
        amounts = dict(doc.amounts)
        if value is None:
            amounts.pop(key, None)
        else:
            amounts[key] = {"value": value.value, "unit": value.unit}
        doc.amounts = amounts
    elif field == "organisation":
        doc.org_code, doc.org_kind, doc.org_name = (
            (value.code, value.kind, value.name) if value else (None, None, None))
    elif field == "collaborating_municipalities":
        doc.collaborating_municipalities = [
            {"code": m.code, "name": m.name, "kind": m.kind} for m in value or []]
    elif field == "document_date":
        doc.document_date = value.isoformat() if value else None
    else:
        setattr(doc, field, value)


def apply_correction(session: Session, doc: Document, c: Correction, actor: str) -> None:
    """Write the corrected value as a layer over the evidence (which stays as read) and audit
    old → new (no commit)."""
    old = value_text(doc, c.field)
    _write(doc, c)
    new = value_text(doc, c.field)
    doc.corrections.append(ValueCorrection(field=c.field, typed=c.text, value_text=new,
                                           actor=actor, at=datetime.now(UTC)))
    session.add(AuditEntry(actor=actor, action="correct", entity="document",
                           entity_id=str(doc.id), field=c.field, old_value=old, new_value=new))
