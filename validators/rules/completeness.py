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
    one_digit = [f for f in _one_digit_apart(doc) if f not in uncertain] if ctx.read_by_ocr else []
    if not uncertain and not unfound and not one_digit:
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
    if one_digit:
        parts.append(f"{join_list([field_name(f) for f in one_digit])} går inte ihop men "
                     "skiljer sig bara på en siffra, som kan vara felläst på den skannade sidan")
    message = "; ".join(parts) + "; kontrollera mot originalet"
    message = message[0].upper() + message[1:]
    uncertain |= {f: round(doc.confidence(f) or 0.0, 3) for f in one_digit}
    uncertain |= dict.fromkeys(unfound, 0.0)
    details = {
        "fields": list(uncertain),
        "confidence": uncertain,
        "threshold": ctx.confidence_threshold,
    }
    return [make_flag("LOW_CONFIDENCE", message, **details)]


def _one_digit_apart(doc: Extraction) -> list[str]:
    """Figures whose balance fails by one digit that OCR could have misread for the other: a
    return report's received against used + unused, a table's total against its rows. On a
    scan that is as likely a misread at a sure OCR confidence ("4 100 000" for 1 100 000) as
    the author's error, so a person looks before the discrepancy goes out."""
    fields: list[str] = []
    parts = [doc.amounts.get(k) for k in ("received", "used", "unused")]
    if all(p is not None for p in parts):
        received, used, unused = (p.value for p in parts)
        if differ_in_one_digit(received, used + unused):
            fields += ["amounts.received", "amounts.used", "amounts.unused"]
    if any(differ_in_one_digit(t.total, sum(t.rows)) for t in doc.tables):
        fields.append("tables")
    return fields


LOOKALIKE_DIGITS = frozenset(frozenset(pair) for pair in (
    "14", "17", "47", "38", "56", "68", "06", "08", "09", "89"))
"""Digits OCR takes for one another by their shape (a serif 1 for a 4 or a 7, a broken 8 for
a 3 or a 6, 0/6/8/9 by their loops). An author's slip changes a digit to any other."""


def differ_in_one_digit(a: int, b: int) -> bool:
    """Whether two whole amounts are written with as many digits and differ in exactly one,
    by a pair of digits that look alike."""
    x, y = str(abs(int(a))), str(abs(int(b)))
    if len(x) != len(y):
        return False
    differing = [frozenset((c, d)) for c, d in zip(x, y) if c != d]
    return len(differing) == 1 and differing[0] in LOOKALIKE_DIGITS
