from tests.validators.factories import context, requisition
from validators.rules.document import (
    duplicate_document,
    no_document,
    unknown_document_type,
    unreadable_document,
)


def test_unreadable_document_names_the_reason():
    [flag] = unreadable_document(requisition(), context(read_error="filen är krypterad"))
    assert flag.code == "UNREADABLE_DOCUMENT" and flag.severity == "error"
    assert "filen är krypterad" in flag.message
    assert flag.details == {"reason": "filen är krypterad"}
    assert unreadable_document(requisition(), context()) == []


def test_no_document():
    [flag] = no_document(requisition(), context(no_document=True))
    assert flag.severity == "warning"
    assert no_document(requisition(), context()) == []


def test_duplicate_document_names_the_earlier_document():
    [flag] = duplicate_document(requisition(), context(duplicate_of=12))
    assert flag.severity == "info"
    assert "dokument 12" in flag.message
    assert flag.details == {"document_id": 12}
    assert duplicate_document(requisition(), context()) == []


def test_unknown_document_type_only_for_other():
    [flag] = unknown_document_type(requisition(document_type="other"), context())
    assert flag.code == "UNKNOWN_DOCUMENT_TYPE"
    for known in ("requisition", "return_report", "decision", "instruction"):
        assert unknown_document_type(requisition(document_type=known), context()) == []


def test_a_document_type_outside_the_contract_is_unknown_not_a_crash():
    [flag] = unknown_document_type(requisition(document_type="faktura"), context())
    assert "faktura" in flag.message
