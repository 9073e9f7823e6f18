"""Rules about the fields a document must carry: missing ones, and ones read uncertainly."""
from __future__ import annotations

import math

from extractors.model import Extraction
from validators.codes import make_flag
from validators.lookup import RECIPIENT_DOCUMENTS, program_year
from validators.model import Context, Flag
from validators.swedish import document_noun, field_name, format_decimal, join_list

BASE_REQUIRED: dict[str, tuple[str, ...]] = {
    "requisition": ("organisation", "amounts.requested"),
    "return_report": ("amounts.received", "amounts.used"),
    "decision": ("amounts.decided", "document_date"),
}
"""The contract's required fields, for documents whose program-year is not configured."""

IDENTIFYING_FIELDS = ("document_type", "program", "grant_year", "organisation")
"""Checked for confidence on documents from or about a recipient besides their required
fields; on instructions and other documents only the type is."""


def required_fields(doc: Extraction, ctx: Context) -> tuple[str, ...]:
    """The program-year's required fields for the type and kind, else the contract's base set;
    none for instructions and other documents, which are from or about no recipient."""
    if doc.document_type not in RECIPIENT_DOCUMENTS:
        return ()
    py = program_year(doc, ctx)
    if py is None:
        return BASE_REQUIRED.get(doc.document_type, ())
    kind = doc.organisation.kind if doc.organisation else None
    return py.required_fields(doc.document_type, kind)


def missing_field(doc: Extraction, ctx: Context) -> list[Flag]:
    noun = document_noun(doc.document_type)
    return [
        make_flag("MISSING_FIELD", f"{noun} saknar {field_name(field)}", field=field)
        for field in dict.fromkeys(required_fields(doc, ctx))
        if not doc.has(field)
    ]


def low_confidence(doc: Extraction, ctx: Context) -> list[Flag]:
    """Fields read under the threshold; on a scan also required fields not found, which the
    reading may have lost (a stamp over the figure, a faint copy): read 0."""
    uncertain: dict[str, float] = {}
    unfound: list[str] = []
    identifying = IDENTIFYING_FIELDS if doc.document_type in RECIPIENT_DOCUMENTS else (
        "document_type",)
    required = required_fields(doc, ctx)
    for field in dict.fromkeys((*required, *identifying)):
        confidence = doc.confidence(field)
        if doc.has(field) and confidence is not None and confidence < ctx.confidence_threshold:
            uncertain[field] = round(confidence, 3)
        elif ctx.read_by_ocr and field in required and not doc.has(field):
            unfound.append(field)
    if not uncertain and not unfound:
        return []
    parts = []
    if uncertain:
        named = join_list(
            [f"{field_name(f)} ({format_decimal(math.floor(c * 1000) / 1000, 3)})"
             for f, c in uncertain.items()])
        parts.append(f"Osäker avläsning av {named}, under gränsen "
                     f"{format_decimal(ctx.confidence_threshold, 4)}")
    if unfound:
        parts.append(f"{join_list([field_name(f) for f in unfound])} hittades inte på den "
                     "skannade sidan")
    message = "; ".join(parts) + "; kontrollera mot originalet"
    message = message[0].upper() + message[1:]
    uncertain |= dict.fromkeys(unfound, 0.0)
    details = {
        "fields": list(uncertain),
        "confidence": uncertain,
        "threshold": ctx.confidence_threshold,
    }
    return [make_flag("LOW_CONFIDENCE", message, **details)]
