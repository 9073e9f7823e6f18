"""Rules over a document's own numbers: a return report's balance, itemised tables' totals."""
from __future__ import annotations

from extractors.model import Extraction
from validators.codes import make_flag
from validators.model import Context, Flag
from validators.swedish import format_amount

TOLERANCE_SEK = 1
"""Amounts more than this many kronor apart disagree (öresavrundning)."""


def used_exceeds_received(doc: Extraction, ctx: Context) -> list[Flag]:
    received, used = doc.amounts.get("received"), doc.amounts.get("used")
    if doc.document_type != "return_report" or received is None or used is None:
        return []
    if used.value <= received.value:
        return []
    message = (
        f"Förbrukat belopp {format_amount(used.value)} överstiger erhållet bidrag "
        f"{format_amount(received.value)}"
    )
    return [
        make_flag("USED_EXCEEDS_RECEIVED", message, used=used.value, received=received.value)
    ]


def unused_mismatch(doc: Extraction, ctx: Context) -> list[Flag]:
    received = doc.amounts.get("received")
    used = doc.amounts.get("used")
    unused = doc.amounts.get("unused")
    if doc.document_type != "return_report" or received is None or used is None:
        return []
    if unused is None or used.value > received.value:
        return []
    expected = received.value - used.value
    if abs(expected - unused.value) <= TOLERANCE_SEK:
        return []
    message = (
        f"Ej förbrukat belopp {format_amount(unused.value)} stämmer inte med erhållet bidrag "
        f"{format_amount(received.value)} minus förbrukat {format_amount(used.value)}, "
        f"som blir {format_amount(expected)}"
    )
    details = {
        "received": received.value,
        "used": used.value,
        "unused": unused.value,
        "expected_unused": expected,
    }
    return [make_flag("UNUSED_MISMATCH", message, **details)]


def sum_mismatch(doc: Extraction, ctx: Context) -> list[Flag]:
    flags: list[Flag] = []
    for table in doc.tables:
        rows_sum = round(sum(table.rows), 2)
        if abs(rows_sum - table.total) <= TOLERANCE_SEK:
            continue
        message = (
            f"Raderna i tabellen på sidan {table.page} summerar till {format_amount(rows_sum)}, "
            f"men summan anges till {format_amount(table.total)}"
        )
        details = {
            "page": table.page,
            "bbox": [round(v, 1) for v in table.bbox],
            "rows_sum": rows_sum,
            "total": table.total,
            "difference": round(rows_sum - table.total, 2),
        }
        flags.append(make_flag("SUM_MISMATCH", message, **details))
    return flags
