import pytest

from config.calibration import review_threshold
from config.programs import parse_programs
from tests.validators.factories import (
    REGION_GOTLAND,
    amounts,
    context,
    decision,
    evidence,
    requisition,
    return_report,
)
from extractors.model import ItemisedTable
from validators.rules.completeness import (
    differ_in_one_digit,
    low_confidence,
    missing_field,
    required_fields,
)


def codes_fields(flags):
    return [f.details["field"] for f in flags]


def test_complete_documents_miss_nothing():
    for doc in (requisition(), return_report(), decision()):
        assert missing_field(doc, context()) == []


def test_region_requisition_2024_needs_municipalities_and_share():
    doc = requisition(collaborating_municipalities=[], municipal_share_percent=None)
    flags = missing_field(doc, context())
    assert codes_fields(flags) == ["collaborating_municipalities", "municipal_share_percent"]
    assert flags[0].message == "Rekvisitionen saknar samverkande kommuner"
    assert flags[1].message == "Rekvisitionen saknar andel för kommunal verksamhet"
    assert all(f.severity == "warning" for f in flags)


def test_2023_requisition_does_not_need_municipalities():
    doc = requisition(grant_year=2023, collaborating_municipalities=[],
                      municipal_share_percent=None)
    assert missing_field(doc, context()) == []


def test_one_flag_per_missing_field():
    doc = requisition(organisation=None, amounts={})
    assert codes_fields(missing_field(doc, context())) == ["organisation", "amounts.requested"]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (requisition(program=None, organisation=None, amounts={}),
         ["organisation", "amounts.requested"]),
        (return_report(grant_year=None, organisation=None, amounts={}),
         ["amounts.received", "amounts.used"]),
        (decision(program="okant", amounts={}, document_date=None),
         ["amounts.decided", "document_date"]),
    ],
)
def test_unknown_program_year_falls_back_to_the_contracts_base_set(doc, expected):
    assert codes_fields(missing_field(doc, context())) == expected


def test_unknown_program_year_does_not_ask_for_region_extras():
    doc = requisition(grant_year=None, collaborating_municipalities=[],
                      municipal_share_percent=None)
    assert required_fields(doc, context()) == ("organisation", "amounts.requested")


def test_messages_name_the_document():
    [flag] = missing_field(return_report(amounts=amounts(received=1)), context())
    assert flag.message == "Återrapporteringen saknar förbrukat belopp"
    [flag] = missing_field(decision(document_date=None), context())
    assert flag.message == "Beslutet saknar datum"


def test_instructions_and_other_documents_have_no_required_fields():
    assert missing_field(requisition(document_type="instruction", amounts={}), context()) == []
    assert missing_field(requisition(document_type="other", amounts={}), context()) == []
    assert required_fields(requisition(document_type="instruction"), context()) == ()


@pytest.mark.parametrize("kind", ["instruction", "other"])
def test_instructions_and_other_documents_are_checked_for_their_type_only(kind):
    uncertain = [evidence(f, 0.3) for f in ("program", "grant_year", "organisation")]
    assert low_confidence(requisition(document_type=kind, evidence=uncertain), context()) == []
    doubtful_type = requisition(document_type=kind, evidence=[evidence("document_type", 0.3)])
    [flag] = low_confidence(doubtful_type, context())
    assert flag.details["fields"] == ["document_type"]


def test_low_confidence_names_the_uncertain_required_fields_in_one_flag():
    doc = requisition(evidence=[
        evidence("amounts.requested", 0.52),
        evidence("amounts.requested", 0.97),
        evidence("grant_year", 0.41),
        evidence("organisation", 0.6),
        evidence("reference", 0.1),
    ])
    [flag] = low_confidence(doc, context(confidence_threshold=0.6))
    assert flag.severity == "review"
    assert flag.details["fields"] == ["amounts.requested", "grant_year"]
    assert flag.details["confidence"] == {"amounts.requested": 0.52, "grant_year": 0.41}
    assert "rekvirerat belopp (0,52)" in flag.message and "bidragsår (0,41)" in flag.message
    assert "diarienummer" not in flag.message


def test_low_confidence_follows_the_threshold():
    doc = requisition(evidence=[evidence("amounts.requested", 0.7)])
    assert low_confidence(doc, context(confidence_threshold=0.6)) == []
    assert low_confidence(doc, context(confidence_threshold=0.8))


def test_the_default_threshold_is_the_calibration_models():
    assert context().confidence_threshold == review_threshold()


def test_absent_fields_are_missing_not_uncertain():
    doc = requisition(amounts={}, evidence=[evidence("amounts.requested", 0.1)])
    assert low_confidence(doc, context()) == []


def test_on_a_scan_a_required_field_not_found_is_also_uncertain():
    doc = requisition(amounts={})
    [flag] = low_confidence(doc, context(read_by_ocr=True))
    assert flag.details["confidence"] == {"amounts.requested": 0.0}
    assert flag.message == ("Rekvirerat belopp hittades inte på den skannade sidan; "
                            "kontrollera mot originalet")
    assert [f.code for f in missing_field(doc, context(read_by_ocr=True))] == ["MISSING_FIELD"]


def test_region_extras_are_checked_for_confidence():
    doc = requisition(organisation=REGION_GOTLAND,
                      evidence=[evidence("collaborating_municipalities", 0.3)])
    [flag] = low_confidence(doc, context())
    assert flag.details["fields"] == ["collaborating_municipalities"]


def test_a_required_field_unknown_to_the_record_is_named_by_its_id():
    programs = parse_programs({"hembesok": {"name": "Hembesök", "years": {"2024": {
        "recipients": ["region"], "required": {"requisition": ["amounts.bogus"]}}}}})
    [flag] = missing_field(requisition(), context(programs=programs))
    assert flag.message == "Rekvisitionen saknar amounts.bogus"


def test_a_confidence_just_under_a_fine_threshold_never_reads_as_equal_to_it():
    doc = requisition(evidence=[evidence("amounts.requested", 0.99149)])
    [flag] = low_confidence(doc, context(confidence_threshold=0.9915))
    assert "(0,991), under gränsen 0,9915" in flag.message


@pytest.mark.parametrize(("a", "b", "expected"), [
    (4_100_000, 1_100_000, True), (1_383_000, 1_333_000, True), (1_100_000, 1_700_000, True),
    (865_500, 865_600, True), (3_210_000, 3_230_000, False), (1_323_000, 2_323_000, False),
    (1_100_000, 1_100_000, False), (1_100_000, 1_000_001, False), (999_000, 1_999_000, False)])
def test_amounts_differing_in_one_digit(a, b, expected):
    assert differ_in_one_digit(a, b) is expected


def test_on_a_scan_a_balance_off_by_one_digit_goes_to_review():
    """S18 of the scans corpus: "4 100 000" read for 1 100 000 at a sure OCR confidence."""
    doc = return_report(amounts=amounts(received=4_100_000, used=1_023_450, unused=76_550))
    assert low_confidence(doc, context()) == []
    [flag] = low_confidence(doc, context(read_by_ocr=True))
    assert flag.details["fields"] == ["amounts.received", "amounts.used", "amounts.unused"]
    assert flag.message == (
        "Erhållet bidrag, förbrukat belopp och ej förbrukat belopp går inte ihop men skiljer "
        "sig bara på en siffra, som kan vara felläst på den skannade sidan; kontrollera mot "
        "originalet")


@pytest.mark.parametrize("unused", [149_500, 69_000])
def test_on_a_scan_a_balance_off_by_more_or_other_than_a_lookalike_digit_is_the_authors(unused):
    doc = return_report(amounts=amounts(received=1_349_000, used=1_300_000, unused=unused))
    assert low_confidence(doc, context(read_by_ocr=True)) == []


def test_on_a_scan_a_table_whose_total_is_one_digit_off_its_rows_goes_to_review():
    table = ItemisedTable(rows=(823_000, 500_000), total=1_823_000, page=1, bbox=(0, 0, 1, 1))
    [flag] = low_confidence(return_report(tables=[table]), context(read_by_ocr=True))
    assert flag.details["fields"] == ["tables"]
    assert flag.message.startswith("Tabellens rader och summa går inte ihop")
