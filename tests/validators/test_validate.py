import json
from datetime import UTC, date, datetime

from config.programs import default_programs
from extractors.model import Extraction
from tests.validators.factories import (
    BOTKYRKA,
    amounts,
    context,
    decision,
    evidence,
    filed,
    requisition,
    return_report,
    standard_context,
    table,
)
from validators import RULE_TEXT, RULES, SEVERITY, validate

CONTRACT_SEVERITY = {
    "UNREADABLE_DOCUMENT": "error", "NO_DOCUMENT": "warning", "UNKNOWN_DOCUMENT_TYPE": "warning",
    "UNKNOWN_RECIPIENT": "error", "UNKNOWN_PROGRAM": "warning", "WRONG_RECIPIENT_KIND": "error",
    "NO_ALLOCATION": "error", "AMOUNT_EXCEEDS_ALLOCATION": "error", "POOL_EXCEEDED": "error",
    "DUPLICATE_DOCUMENT": "info", "DUPLICATE_REQUISITION": "warning",
    "LATE_REQUISITION": "warning", "LATE_REPORT": "warning", "USED_EXCEEDS_RECEIVED": "error",
    "UNUSED_MISMATCH": "error", "SUM_MISMATCH": "error", "DECISION_AMOUNT_MISMATCH": "warning",
    "SHARE_BELOW_MINIMUM": "error", "MISSING_FIELD": "warning", "LOW_CONFIDENCE": "review",
}


def codes(flags):
    return [f.code for f in flags]


def test_every_contract_code_has_a_rule_a_severity_and_a_text():
    assert SEVERITY == CONTRACT_SEVERITY
    assert set(RULES) == set(CONTRACT_SEVERITY) == set(RULE_TEXT)
    assert all(text.endswith(".") for text in RULE_TEXT.values())


def test_clean_documents_raise_nothing():
    on_time = standard_context(received=datetime(2024, 2, 26, 9, 0, tzinfo=UTC))
    for doc in (requisition(), return_report(), decision()):
        assert validate(doc, on_time) == []


def test_unreadable_document_is_the_only_flag():
    ctx = standard_context(read_error="filen är krypterad", duplicate_of=3, no_document=True)
    assert codes(validate(Extraction(), ctx)) == ["UNREADABLE_DOCUMENT"]


def test_no_document_is_the_only_flag():
    assert codes(validate(Extraction(), context(no_document=True))) == ["NO_DOCUMENT"]


def test_duplicate_document_does_not_stop_the_other_rules():
    doc = requisition(amounts=amounts(requested=900_000))
    assert codes(validate(doc, standard_context(duplicate_of=3))) == [
        "AMOUNT_EXCEEDS_ALLOCATION", "DUPLICATE_DOCUMENT",
    ]


def test_wrong_recipient_kind_suppresses_no_allocation_and_missing_field():
    doc = requisition(organisation=BOTKYRKA, amounts={}, municipal_share_percent=None,
                      evidence=[evidence("organisation", 0.2)])
    assert codes(validate(doc, context())) == ["WRONG_RECIPIENT_KIND", "LOW_CONFIDENCE"]


def test_without_wrong_kind_the_same_gaps_are_flagged():
    doc = requisition(amounts={}, municipal_share_percent=None)
    assert codes(validate(doc, context())) == ["NO_ALLOCATION", "MISSING_FIELD", "MISSING_FIELD"]


def test_empty_extraction_is_an_unknown_document():
    assert codes(validate(Extraction(), context())) == ["UNKNOWN_DOCUMENT_TYPE"]


def test_a_requisition_with_everything_wrong():
    doc = requisition(
        amounts=amounts(requested=900_000),
        municipal_share_percent=None,
        tables=[table((1, 2), 10)],
        evidence=[evidence("amounts.requested", 0.3)],
    )
    ctx = standard_context(
        received=datetime(2024, 4, 5, 23, 30, tzinfo=UTC),
        requisitions_on_file=[filed(5, doc.organisation, 81_500_000)],
        duplicate_of=4,
    )
    flags = validate(doc, ctx)
    assert codes(flags) == [
        "AMOUNT_EXCEEDS_ALLOCATION", "POOL_EXCEEDED", "DUPLICATE_DOCUMENT",
        "DUPLICATE_REQUISITION", "LATE_REQUISITION", "SUM_MISMATCH", "MISSING_FIELD",
        "LOW_CONFIDENCE",
    ]
    assert all(f.severity == SEVERITY[f.code] for f in flags)
    json.dumps([f.details for f in flags])


def test_return_report_that_does_not_balance():
    doc = return_report(amounts=amounts(received=1_349_000, used=1_400_000, unused=0))
    ctx = standard_context(received=datetime(2024, 3, 4, 9, 0, tzinfo=UTC))
    assert codes(validate(doc, ctx)) == ["LATE_REPORT", "USED_EXCEEDS_RECEIVED"]


def test_decision_from_the_seed_is_within_its_written_precision():
    doc = decision(amounts=amounts(decided=(1_300_000, 100_000)), document_date=date(2023, 11, 21))
    assert validate(doc, standard_context()) == []


def test_with_the_shipped_programs_a_municipality_cannot_requisition_hembesok_2024():
    ctx = context(programs=default_programs(),
                  received=datetime(2024, 4, 5, 23, 30, tzinfo=UTC))
    doc = requisition(organisation=BOTKYRKA, amounts={})
    assert codes(validate(doc, ctx)) == ["WRONG_RECIPIENT_KIND", "LATE_REQUISITION"]
