"""How values read on the pages: Swedish labels and formatting, as Jinja filters."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from jinja2 import Environment

from config.programs import ProgramCatalog, default_programs
from config.vocabulary import (
    STATUS_NAMES,
    actor_name,
    audit_action,
    flag_title,
    severity_name,
    status_name,
)
from storage.models import AuditEntry, Document
from validators.swedish import (
    DOCUMENT_TYPE_NAMES,
    field_name,
    format_amount,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
)

AMOUNT_FIELDS = ("requested", "received", "used", "unused", "decided")
CORRECTABLE_FIELDS = (
    "document_type", "program", "grant_year", "organisation",
    *(f"amounts.{k}" for k in AMOUNT_FIELDS),
    "document_date", "collaborating_municipalities", "municipal_share_percent", "reference",
)
DETAIL_NAMES = {
    "requested": "Rekvirerat", "received": "Erhållet", "used": "Förbrukat",
    "unused": "Ej förbrukat",
    "expected_unused": "Förväntat ej förbrukat", "decided": "Beslutat", "unit": "Skrivet med enhet",
    "allocation": "Tilldelat", "pool": "Ram", "on_file": "Tidigare rekvirerat", "total": "Summa",
    "rows_sum": "Radernas summa", "difference": "Skillnad", "deadline": "Sista dag",
    "received_on": "Inkom", "days_late": "Dagar för sent", "share": "Andel",
    "minimum": "Minsta andel", "field": "Uppgift", "fields": "Uppgifter",
    "confidence": "Säkerhet", "threshold": "Gräns", "page": "Sida", "reason": "Orsak",
    "document_id": "Dokument", "documents": "Dokument", "document_type": "Dokumenttyp",
    "program": "Statsbidrag", "grant_year": "Bidragsår", "code": "SCB-kod", "kind": "Slag",
    "name": "Namn", "recipients": "Mottagare",
}
AMOUNT_DETAILS = frozenset({
    "requested", "received", "used", "unused", "expected_unused", "decided", "unit", "allocation",
    "pool", "on_file", "total", "rows_sum", "difference"})
HIDDEN_DETAILS = frozenset({"bbox"})
KIND_WORDS = {"region": "region", "municipality": "kommun"}
FIELDS_BY_TYPE = {
    "requisition": ("document_type", "program", "grant_year", "organisation",
                    "amounts.requested", "document_date", "collaborating_municipalities",
                    "municipal_share_percent", "reference"),
    "return_report": ("document_type", "program", "grant_year", "organisation",
                      "amounts.received", "amounts.used", "amounts.unused", "document_date",
                      "reference"),
    "decision": ("document_type", "program", "grant_year", "organisation", "amounts.decided",
                 "document_date", "reference"),
    "instruction": ("document_type", "program", "grant_year", "document_date", "reference"),
    "other": ("document_type",),
}
"""The fields that make sense for a document type; others show only when they hold a value."""
AUDIT_FIELDS = {"status": "status", "amount_sek": "tilldelat belopp", "role": "roll",
                "active": "konto", "repaid_amount": "återbetalt belopp"}
AUDIT_ENTITIES = {"allocation": "fördelning", "user": "användare", "document": "dokument",
                  "flag": "avvikelse", "expectation": "förväntad handling"}
AUDIT_STATUS_VALUES = {**STATUS_NAMES, "true": "aktivt", "false": "avstängt"}


def fields_for(doc: Document) -> list[str]:
    """The correctable fields to show for ``doc``: its type's, and any other it has a value,
    evidence or a correction for."""
    wanted = set(FIELDS_BY_TYPE.get(doc.document_type, CORRECTABLE_FIELDS))
    wanted |= {v.field for v in doc.values} | {c.field for c in doc.corrections}
    wanted |= {f for f in CORRECTABLE_FIELDS if value_text(doc, f) is not None}
    return [f for f in CORRECTABLE_FIELDS if f in wanted]


def audit_field(field: str | None) -> str:
    if not field:
        return ""
    return AUDIT_FIELDS.get(field) or field_name(field)


def audit_value(value: str | None, entry: AuditEntry) -> str:
    """An old or new value in the audit log as staff read it."""
    if value is None or value == "":
        return "–"
    if entry.field in ("status", "active"):
        return AUDIT_STATUS_VALUES.get(value, value)
    if entry.field == "repaid_amount" and value.isdigit():
        return format_amount(int(value))
    return value


def program_name(program: str) -> str:
    """A program id as staff read it, from the configured catalogue; the id when unknown."""
    known = default_programs().programs.get(program)
    return program_short(known.name) if known else program


def program_short(name: str) -> str:
    """"Statsbidrag för utökade hembesöksprogram …" → "Utökade hembesöksprogram …"."""
    short = name.removeprefix("Statsbidrag för ")
    return short[:1].upper() + short[1:]


def label(field: str) -> str:
    """A field's Swedish name with a capital first letter, for headings and labels."""
    name = field_name(field)
    return name[:1].upper() + name[1:]


def value_text(doc: Document, field: str) -> str | None:
    """The document's current value for ``field`` as staff read it; None when absent."""
    if field.startswith("amounts."):
        amount = doc.amounts.get(field.split(".", 1)[1])
        return format_amount(int(amount["value"])) if amount else None
    if field == "organisation":
        return f"{doc.org_name} ({doc.org_code})" if doc.org_code else None
    if field == "document_type":
        return DOCUMENT_TYPE_NAMES.get(doc.document_type, doc.document_type)
    if field == "program":
        return program_name(doc.program) if doc.program else None
    if field == "document_date":
        return format_date(date.fromisoformat(doc.document_date)) if doc.document_date else None
    if field == "collaborating_municipalities":
        names = [m["name"] for m in doc.collaborating_municipalities]
        return ", ".join(names) if names else None
    if field == "municipal_share_percent":
        share = doc.municipal_share_percent
        return format_percent(share) if share is not None else None
    value: Any = getattr(doc, field, None)
    return None if value is None else str(value)


def detail_text(key: str, value: Any) -> str:
    """One number behind a flag, the Swedish way: kronor, per cent, dates, field names."""
    if value is None:
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{field_name(k)} {detail_text(key, v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(detail_text(key, v) for v in value)
    if key in AMOUNT_DETAILS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_amount(round(value))
    if key in ("share", "minimum"):
        return format_percent(float(value))
    if isinstance(value, float):
        return format_decimal(value)
    if key in ("field", "fields"):
        return field_name(str(value))
    if key in ("kind", "recipients"):
        return KIND_WORDS.get(str(value), str(value))
    if key == "program":
        return program_name(str(value))
    if key == "document_type":
        return DOCUMENT_TYPE_NAMES.get(str(value), str(value))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def flag_details(details: dict | None) -> list[tuple[str, str]]:
    """A flag's details as (Swedish name, text) pairs, in the order the rule gave them."""
    return [(DETAIL_NAMES.get(k, k), detail_text(k, v))
            for k, v in (details or {}).items() if k not in HIDDEN_DETAILS]


def _when(value: datetime | None) -> str:
    """A stored moment in Swedish local time; SQLite gives naive datetimes, stored as UTC."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return format_datetime(value)


def _iso_date(value: str | date | None) -> str:
    if not value:
        return ""
    return format_date(value if isinstance(value, date) else date.fromisoformat(value))


def install_filters(env: Environment, programs: ProgramCatalog | None = None) -> None:
    names = {p.id: program_short(p.name) for p in programs or ()}
    env.filters.update(
        program=lambda p: (names.get(p) or program_name(p)) if p else "Okänt statsbidrag",
        flag_title=flag_title,
        action=audit_action,
        actor=actor_name,
        audit_field=audit_field,
        audit_entity=lambda e: AUDIT_ENTITIES.get(e, e),
        audit_value=audit_value,
        kr=format_amount,
        percent=format_percent,
        when=_when,
        day=_iso_date,
        label=label,
        doctype=lambda t: DOCUMENT_TYPE_NAMES.get(t, t),
        severity=severity_name,
        status=status_name,
    )
