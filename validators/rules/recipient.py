"""Rules about who the document is from and which program-year it is for."""
from __future__ import annotations

from config.registry import load_registry
from extractors.model import Extraction
from validators.codes import make_flag
from validators.lookup import (
    RECIPIENT_DOCUMENTS,
    allocation,
    program_label,
    program_name,
    program_year,
)
from validators.model import Context, Flag
from validators.swedish import KIND_NAMES, KIND_PLURALS, document_noun, join_list

def unknown_recipient(doc: Extraction, ctx: Context) -> list[Flag]:
    """No organisation, or one that is not in the registry of regions and municipalities."""
    if doc.document_type not in RECIPIENT_DOCUMENTS:
        return []
    org = doc.organisation
    if org is None:
        noun = document_noun(doc.document_type)
        message = f"{noun} gäller ingen region eller kommun som kunde identifieras"
        return [make_flag("UNKNOWN_RECIPIENT", message)]
    known = load_registry().get(org.code)
    if known is not None and known.kind == org.kind:
        return []
    message = f"{org.name} (kod {org.code}) finns inte bland Sveriges regioner och kommuner"
    return [
        make_flag("UNKNOWN_RECIPIENT", message, name=org.name, code=org.code, kind=org.kind)
    ]


def unknown_program(doc: Extraction, ctx: Context) -> list[Flag]:
    """No program or grant year, or one not configured, on a document from or about a
    recipient. Instructions and other documents need neither (a region's internal routine
    names no grant year)."""
    if doc.document_type not in RECIPIENT_DOCUMENTS:
        return []
    if doc.program is None and doc.grant_year is None:
        message = "Statsbidrag och bidragsår kunde inte identifieras"
    elif doc.program is None:
        message = "Statsbidraget kunde inte identifieras"
    elif doc.grant_year is None:
        message = "Bidragsåret kunde inte identifieras"
    elif doc.program not in ctx.programs.programs:
        message = f"Statsbidraget ”{doc.program}” finns inte bland de konfigurerade statsbidragen"
    elif program_year(doc, ctx) is None:
        message = (
            f"Bidragsåret {doc.grant_year} är inte konfigurerat för "
            f"{program_name(ctx, doc.program)}"
        )
    else:
        return []
    return [
        make_flag("UNKNOWN_PROGRAM", message, program=doc.program, grant_year=doc.grant_year)
    ]


def wrong_recipient_kind(doc: Extraction, ctx: Context) -> list[Flag]:
    py = program_year(doc, ctx)
    org = doc.organisation
    if doc.document_type not in RECIPIENT_DOCUMENTS or py is None or org is None:
        return []
    if org.kind in py.recipients:
        return []
    allowed = sorted(py.recipients)
    message = (
        f"{org.name} är en {KIND_NAMES.get(org.kind, org.kind)}, men "
        f"{program_label(ctx, py.program, py.year)} går bara till "
        f"{join_list([KIND_PLURALS.get(k, k) for k in allowed]) or 'ingen'}"
    )
    return [
        make_flag(
            "WRONG_RECIPIENT_KIND", message, kind=org.kind, code=org.code, recipients=allowed
        )
    ]


def no_allocation(doc: Extraction, ctx: Context) -> list[Flag]:
    """No row in the allocation list for the organisation, program and year — also for a year
    the program has not configured (the list has no row for it either; UNKNOWN_PROGRAM says
    why). A program nobody configured, or none identified, is UNKNOWN_PROGRAM's alone."""
    org = doc.organisation
    if doc.document_type not in RECIPIENT_DOCUMENTS or org is None or doc.grant_year is None \
            or doc.program not in ctx.programs.programs:
        return []
    if allocation(doc, ctx) is not None:
        return []
    message = (
        f"Fördelningslistan har ingen rad för {org.name} (kod {org.code}) i "
        f"{program_label(ctx, doc.program, doc.grant_year)}"
    )
    return [
        make_flag(
            "NO_ALLOCATION", message, program=doc.program, grant_year=doc.grant_year,
            code=org.code
        )
    ]
