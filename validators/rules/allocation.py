"""Rules that hold a document's amounts and share against its allocation row."""
from __future__ import annotations

from extractors.model import Extraction
from validators.codes import make_flag
from validators.lookup import allocation
from validators.model import Context, Flag
from validators.swedish import format_amount, format_percent

EXCEEDS_CHECKED = {
    "requisition": ("requested", "Rekvirerat belopp"),
    "return_report": ("received", "Erhållet bidrag"),
}
"""Document type → the amount that must not exceed the allocation, and its Swedish name."""


def amount_exceeds_allocation(doc: Extraction, ctx: Context) -> list[Flag]:
    checked = EXCEEDS_CHECKED.get(doc.document_type)
    row = allocation(doc, ctx)
    if checked is None or row is None:
        return []
    key, label = checked
    amount = doc.amounts.get(key)
    if amount is None or amount.value <= row.amount_sek:
        return []
    message = (
        f"{label} {format_amount(amount.value)} överstiger tilldelningen "
        f"{format_amount(row.amount_sek)}"
    )
    details = {key: amount.value, "allocation": row.amount_sek}
    return [make_flag("AMOUNT_EXCEEDS_ALLOCATION", message, **details)]


def decision_amount_mismatch(doc: Extraction, ctx: Context) -> list[Flag]:
    """Off by more than half a step of the last digit written ("1,3 miljoner": ±50 000 kr)."""
    decided = doc.amounts.get("decided")
    row = allocation(doc, ctx)
    if doc.document_type != "decision" or decided is None or row is None:
        return []
    unit = max(decided.unit, 1)
    difference = decided.value - row.amount_sek
    if 2 * abs(difference) <= unit:
        return []
    precision = f" (avrundat till hela {format_amount(unit)})" if unit > 1 else ""
    message = (
        f"Beslutat belopp {format_amount(decided.value)}{precision} avviker från "
        f"tilldelningen {format_amount(row.amount_sek)} med {format_amount(abs(difference))}"
    )
    details = {
        "decided": decided.value,
        "unit": unit,
        "allocation": row.amount_sek,
        "difference": difference,
    }
    return [make_flag("DECISION_AMOUNT_MISMATCH", message, **details)]


def share_below_minimum(doc: Extraction, ctx: Context) -> list[Flag]:
    share = doc.municipal_share_percent
    row = allocation(doc, ctx)
    if share is None or row is None or row.municipal_share_min_percent is None:
        return []
    minimum = row.municipal_share_min_percent
    if share >= minimum:
        return []
    message = (
        f"Andelen för kommunal verksamhet {format_percent(share)} är lägre än "
        f"minsta andel {format_percent(minimum)}"
    )
    return [make_flag("SHARE_BELOW_MINIMUM", message, share=share, minimum=minimum)]
