"""What the rules look up in their context: the program-year, the allocation row, names."""
from __future__ import annotations

from config.programs import ProgramYear
from extractors.model import Extraction
from validators.model import AllocationRow, Context

RECIPIENT_DOCUMENTS = frozenset({"requisition", "return_report", "decision"})
"""Document types that are from or about one region or municipality."""


def program_year(doc: Extraction, ctx: Context) -> ProgramYear | None:
    return ctx.programs.get(doc.program, doc.grant_year)


def allocation(doc: Extraction, ctx: Context) -> AllocationRow | None:
    if doc.organisation is None or doc.program is None or doc.grant_year is None:
        return None
    return ctx.allocations.get((doc.program, doc.grant_year, doc.organisation.code))


def program_name(ctx: Context, program: str) -> str:
    """The program's Swedish name, to stand inside a sentence; its id when not configured."""
    known = ctx.programs.programs.get(program)
    if known is None:
        return program
    return f"{known.name[:1].lower()}{known.name[1:]}"


def program_label(ctx: Context, program: str, year: int) -> str:
    return f"{program_name(ctx, program)} {year}"
