"""All rules by code, and ``validate``: run them, with the contract's short circuits."""
from __future__ import annotations

from collections.abc import Callable

from extractors.model import Extraction
from validators.model import Context, Flag
from validators.rules.allocation import (
    amount_exceeds_allocation,
    decision_amount_mismatch,
    share_below_minimum,
)
from validators.rules.arithmetic import sum_mismatch, unused_mismatch, used_exceeds_received
from validators.rules.completeness import low_confidence, missing_field
from validators.rules.deadlines import late_report, late_requisition
from validators.rules.document import (
    duplicate_document,
    no_document,
    unknown_document_type,
    unreadable_document,
)
from validators.rules.on_file import duplicate_requisition, pool_exceeded
from validators.rules.recipient import (
    no_allocation,
    unknown_program,
    unknown_recipient,
    wrong_recipient_kind,
)

Rule = Callable[[Extraction, Context], list[Flag]]

RULES: dict[str, Rule] = {
    "UNREADABLE_DOCUMENT": unreadable_document,
    "NO_DOCUMENT": no_document,
    "UNKNOWN_DOCUMENT_TYPE": unknown_document_type,
    "UNKNOWN_RECIPIENT": unknown_recipient,
    "UNKNOWN_PROGRAM": unknown_program,
    "WRONG_RECIPIENT_KIND": wrong_recipient_kind,
    "NO_ALLOCATION": no_allocation,
    "AMOUNT_EXCEEDS_ALLOCATION": amount_exceeds_allocation,
    "POOL_EXCEEDED": pool_exceeded,
    "DUPLICATE_DOCUMENT": duplicate_document,
    "DUPLICATE_REQUISITION": duplicate_requisition,
    "LATE_REQUISITION": late_requisition,
    "LATE_REPORT": late_report,
    "USED_EXCEEDS_RECEIVED": used_exceeds_received,
    "UNUSED_MISMATCH": unused_mismatch,
    "SUM_MISMATCH": sum_mismatch,
    "DECISION_AMOUNT_MISMATCH": decision_amount_mismatch,
    "SHARE_BELOW_MINIMUM": share_below_minimum,
    "MISSING_FIELD": missing_field,
    "LOW_CONFIDENCE": low_confidence,
}
"""Code → rule, in the contract's order (the order flags come out in)."""

EXCLUSIVE = ("UNREADABLE_DOCUMENT", "NO_DOCUMENT")
"""Codes that, when raised, are the document's only flag: there is nothing else to check."""

SUPPRESSES: dict[str, frozenset[str]] = {
    "WRONG_RECIPIENT_KIND": frozenset({"NO_ALLOCATION", "MISSING_FIELD"}),
}
"""A raised code → codes dropped for the same document, since they only restate it."""


def validate(doc: Extraction, ctx: Context) -> list[Flag]:
    """Every flag the rules raise for ``doc``, after short circuits and suppression."""
    for code in EXCLUSIVE:
        flags = RULES[code](doc, ctx)
        if flags:
            return flags
    flags = [f for code, rule in RULES.items() if code not in EXCLUSIVE for f in rule(doc, ctx)]
    raised = {f.code for f in flags}
    suppressed = {s for code in raised for s in SUPPRESSES.get(code, ())}
    return [f for f in flags if f.code not in suppressed]
