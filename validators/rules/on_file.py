"""Rules that hold a requisition against the other requisitions on file for its program-year."""
from __future__ import annotations

from extractors.model import Extraction
from validators.codes import make_flag
from validators.lookup import program_label, program_year
from validators.model import Context, Flag
from validators.swedish import format_amount, join_list


def pool_exceeded(doc: Extraction, ctx: Context) -> list[Flag]:
    requested = doc.amounts.get("requested")
    py = program_year(doc, ctx)
    if doc.document_type != "requisition" or requested is None or py is None or py.pool is None:
        return []
    on_file = sum(r.requested for r in ctx.requisitions_on_file if r.requested is not None)
    total = on_file + requested.value
    if total <= py.pool:
        return []
    message = (
        f"Rekvisitionerna för {program_label(ctx, py.program, py.year)} uppgår med denna "
        f"({format_amount(requested.value)}) till {format_amount(total)}, mer än ramen "
        f"{format_amount(py.pool)}"
    )
    details = {
        "requested": requested.value,
        "on_file": on_file,
        "total": total,
        "pool": py.pool,
    }
    return [make_flag("POOL_EXCEEDED", message, **details)]


def duplicate_requisition(doc: Extraction, ctx: Context) -> list[Flag]:
    org = doc.organisation
    if doc.document_type != "requisition" or org is None:
        return []
    earlier = sorted(
        r.document_id for r in ctx.requisitions_on_file if r.organisation_code == org.code
    )
    if not earlier:
        return []
    which = "dokument " + join_list([str(d) for d in earlier])
    period = (
        program_label(ctx, doc.program, doc.grant_year)
        if doc.program is not None and doc.grant_year is not None
        else "samma statsbidrag och bidragsår"
    )
    message = f"Det finns redan en rekvisition från {org.name} för {period} ({which})"
    return [make_flag("DUPLICATE_REQUISITION", message, code=org.code, documents=earlier)]
