import pytest

from extractors.model import OrgRef
from tests.validators.factories import (
    BOTKYRKA,
    REGION_GOTLAND,
    allocation,
    context,
    decision,
    requisition,
    return_report,
    standard_context,
)
from validators.rules.recipient import (
    no_allocation,
    unknown_program,
    unknown_recipient,
    wrong_recipient_kind,
)

RECIPIENT_DOCS = [requisition, return_report, decision]


@pytest.mark.parametrize("make", RECIPIENT_DOCS)
def test_unknown_recipient_when_no_organisation(make):
    [flag] = unknown_recipient(make(organisation=None), context())
    assert flag.code == "UNKNOWN_RECIPIENT" and flag.severity == "error"


@pytest.mark.parametrize("make", RECIPIENT_DOCS)
def test_known_recipient_passes(make):
    assert unknown_recipient(make(), context()) == []


def test_instruction_has_no_recipient_and_is_not_flagged():
    assert unknown_recipient(requisition(document_type="instruction", organisation=None),
                             context()) == []


@pytest.mark.parametrize(
    "org",
    [
        OrgRef(code="99", kind="region", name="Region Atlantis"),
        OrgRef(code="0127", kind="region", name="Botkyrka"),
        OrgRef(code="", kind="municipality", name="Okänd"),
    ],
)
def test_organisation_outside_the_registry_is_unknown(org):
    [flag] = unknown_recipient(requisition(organisation=org), context())
    assert org.name in flag.message
    assert flag.details["code"] == org.code


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"program": None}, "Statsbidraget"),
        ({"grant_year": None}, "Bidragsåret"),
        ({"program": None, "grant_year": None}, "Statsbidrag och bidragsår"),
        ({"program": "okant-bidrag"}, "okant-bidrag"),
        ({"grant_year": 2030}, "2030"),
    ],
)
def test_unknown_program(fields, words):
    [flag] = unknown_program(requisition(**fields), context())
    assert flag.code == "UNKNOWN_PROGRAM" and flag.severity == "warning"
    assert words in flag.message


@pytest.mark.parametrize("kind", ["instruction", "other"])
def test_instructions_and_other_documents_need_no_program_year(kind):
    """Socialstyrelsen's instructions and a region's internal routine name no grant year."""
    for fields in ({"program": None}, {"grant_year": None}, {"grant_year": 2030}):
        assert unknown_program(requisition(document_type=kind, **fields), context()) == []
    assert unknown_program(requisition(program=None), context())


@pytest.mark.parametrize("kind", ["instruction", "other"])
def test_instructions_and_other_documents_need_no_recipient(kind):
    assert unknown_recipient(requisition(document_type=kind, organisation=None), context()) == []


def test_municipality_requisitioning_a_regions_only_year():
    [flag] = wrong_recipient_kind(requisition(organisation=BOTKYRKA), context())
    assert flag.severity == "error"
    assert flag.message == (
        "Botkyrka kommun är en kommun, men statsbidrag för utökade hembesöksprogram inom "
        "barnhälsovården 2024 går bara till regioner"
    )
    assert flag.details["recipients"] == ["region"]


def test_municipality_may_requisition_when_the_year_allows_it():
    assert wrong_recipient_kind(requisition(organisation=BOTKYRKA, grant_year=2025),
                                context()) == []
    assert wrong_recipient_kind(requisition(), context()) == []


def test_wrong_kind_needs_a_known_program_year():
    assert wrong_recipient_kind(requisition(organisation=BOTKYRKA, grant_year=2030),
                                context()) == []


@pytest.mark.parametrize("make", RECIPIENT_DOCS)
def test_no_allocation(make):
    [flag] = no_allocation(make(), context())
    assert flag.code == "NO_ALLOCATION" and flag.severity == "error"
    assert make().organisation.name in flag.message
    assert no_allocation(make(), standard_context()) == []


def test_allocation_for_another_year_does_not_count():
    ctx = context(allocation(REGION_GOTLAND, 800_000, year=2023))
    assert no_allocation(requisition(), ctx)


def test_no_allocation_needs_organisation_and_an_identified_program_and_year():
    assert no_allocation(requisition(organisation=None), context()) == []
    assert no_allocation(requisition(grant_year=None), context()) == []
    assert no_allocation(requisition(program=None), context()) == []
    assert no_allocation(requisition(program="okänt-program"), context()) == []


def test_a_year_the_program_has_not_configured_has_no_row_either():
    """The contract's rule as written: the list has no row for that program and year."""
    [flag] = no_allocation(requisition(grant_year=2030), context())
    assert flag.details["grant_year"] == 2030
    assert unknown_program(requisition(grant_year=2030), context())
    assert no_allocation(requisition(document_type="instruction"), context()) == []
