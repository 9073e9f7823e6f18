from tests.validators.factories import (
    BOTKYRKA,
    REGION_GOTLAND,
    REGION_OREBRO,
    amounts,
    context,
    filed,
    requisition,
)
from validators.rules.on_file import duplicate_requisition, pool_exceeded


def test_pool_exceeded_counts_the_files_and_this_one():
    ctx = context(requisitions_on_file=[filed(1, REGION_OREBRO, 81_000_000), filed(2, None, None)])
    [flag] = pool_exceeded(requisition(amounts=amounts(requested=1_000_001)), ctx)
    assert flag.severity == "error"
    assert "82 000 001 kr" in flag.message and "82 000 000 kr" in flag.message
    assert flag.details == {
        "requested": 1_000_001, "on_file": 81_000_000, "total": 82_000_001, "pool": 82_000_000,
    }


def test_pool_reached_exactly_is_fine():
    ctx = context(requisitions_on_file=[filed(1, REGION_OREBRO, 81_000_000)])
    assert pool_exceeded(requisition(amounts=amounts(requested=1_000_000)), ctx) == []


def test_pool_not_checked_without_a_pool_or_an_amount():
    ctx = context(requisitions_on_file=[filed(1, REGION_OREBRO, 10**9)])
    assert pool_exceeded(requisition(grant_year=2025), ctx) == []
    assert pool_exceeded(requisition(amounts={}), ctx) == []
    assert pool_exceeded(requisition(document_type="decision"), ctx) == []


def test_duplicate_requisition_from_the_same_organisation():
    ctx = context(requisitions_on_file=[filed(7, REGION_GOTLAND, 800_000),
                                        filed(3, REGION_OREBRO, 1)])
    [flag] = duplicate_requisition(requisition(), ctx)
    assert flag.severity == "warning"
    assert "Region Gotland" in flag.message and "dokument 7" in flag.message
    assert flag.details == {"code": "09", "documents": [7]}


def test_requisitions_from_other_organisations_are_not_duplicates():
    ctx = context(requisitions_on_file=[filed(3, REGION_OREBRO, 1), filed(4, BOTKYRKA, 1)])
    assert duplicate_requisition(requisition(), ctx) == []
    assert duplicate_requisition(requisition(organisation=None), ctx) == []
