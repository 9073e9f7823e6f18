"""Rules about the file or message itself: unreadable, empty, a duplicate, an unknown type."""
from __future__ import annotations

from extractors.model import Extraction
from validators.codes import make_flag
from validators.model import Context, Flag
from validators.swedish import DOCUMENT_TYPE_NAMES

KNOWN_TYPES = frozenset(DOCUMENT_TYPE_NAMES) - {"other"}


def unreadable_document(doc: Extraction, ctx: Context) -> list[Flag]:
    if ctx.read_error is None:
        return []
    return [
        make_flag(
            "UNREADABLE_DOCUMENT",
            f"Filen kunde inte läsas: {ctx.read_error.rstrip('.')}. Originalet är sparat.",
            reason=ctx.read_error,
        )
    ]


def no_document(doc: Extraction, ctx: Context) -> list[Flag]:
    if not ctx.no_document:
        return []
    return [
        make_flag("NO_DOCUMENT", "Meddelandet innehöll ingen bilaga eller text som kunde behandlas")
    ]


def duplicate_document(doc: Extraction, ctx: Context) -> list[Flag]:
    if ctx.duplicate_of is None:
        return []
    return [
        make_flag(
            "DUPLICATE_DOCUMENT",
            f"Samma fil är redan registrerad som dokument {ctx.duplicate_of}",
            document_id=ctx.duplicate_of,
        )
    ]


def unknown_document_type(doc: Extraction, ctx: Context) -> list[Flag]:
    if doc.document_type in KNOWN_TYPES:
        return []
    if doc.document_type == "other":
        message = (
            "Dokumentet kunde inte kännas igen som rekvisition, återrapportering, beslut "
            "eller anvisning"
        )
    else:
        message = f"Dokumenttypen ”{doc.document_type}” är okänd"
    return [make_flag("UNKNOWN_DOCUMENT_TYPE", message, document_type=str(doc.document_type))]
