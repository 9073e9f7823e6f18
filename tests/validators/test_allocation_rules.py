import pytest

from tests.validators.factories import (
    REGION_GOTLAND,
    REGION_OREBRO,
    allocation,
    amounts,
    context,
    decision,
    requisition,
    return_report,
)
from validators.rules.allocation import (
    amount_exceeds_allocation,
    decision_amount_mismatch,
    share_below_minimum,
)

GOTLAND_800K = allocation(REGION_GOTLAND, 800_000)
OREBRO_2023 = allocation(REGION_OREBRO, 1_349_000, year=2023)


def test_requisition_over_allocation_has_the_contract_message():
    doc = requisition(amounts=amounts(requested=834_000))
    [flag] = amount_exceeds_allocation(doc, context(GOTLAND_800K))
    assert flag.severity == "error"
    assert flag.message == "Rekvirerat belopp 834 000 kr överstiger tilldelningen 800 000 kr"
    assert flag.details == {"requested": 834_000, "allocation": 800_000}


def test_requisition_of_exactly_the_allocation_is_fine():
    doc = requisition(amounts=amounts(requested=800_000))
    assert amount_exceeds_allocation(doc, context(GOTLAND_800K)) == []


def test_return_report_compares_received():
    over = return_report(amounts=amounts(received=1_349_001, used=1_000_000))
    [flag] = amount_exceeds_allocation(over, context(OREBRO_2023))
    assert flag.message.startswith("Erhållet bidrag 1 349 001 kr")
    assert amount_exceeds_allocation(return_report(), context(OREBRO_2023)) == []


def test_no_allocation_or_no_amount_means_nothing_to_compare():
    assert amount_exceeds_allocation(requisition(amounts=amounts(requested=9**9)), context()) == []
    assert amount_exceeds_allocation(requisition(amounts={}), context(GOTLAND_800K)) == []


def test_decisions_are_not_held_to_this_rule():
    doc = decision(amounts=amounts(decided=9_000_000), grant_year=2023)
    assert amount_exceeds_allocation(doc, context(OREBRO_2023)) == []


@pytest.mark.parametrize(
    ("decided", "unit", "flagged"),
    [
        (1_300_000, 100_000, False),  # "1,3 miljoner" for 1 349 000: 49 000 off
        (1_299_000, 100_000, False),  # exactly half a unit (50 000) off
        (1_200_000, 100_000, True),
        (1_349_500, 1_000, False),  # "1 349,5 tkr" style: exactly ±500
        (1_348_500, 1_000, False),
        (1_348_499, 1_000, True),
        (1_350_000, 1_000, True),  # "1 350 tkr": 1 000 off
        (1_349_000, 1, False),
        (1_349_001, 1, True),  # written to the krona: ±0.5
    ],
)
def test_decision_tolerance_is_half_a_unit(decided, unit, flagged):
    doc = decision(amounts=amounts(decided=(decided, unit)))
    flags = decision_amount_mismatch(doc, context(OREBRO_2023))
    assert bool(flags) is flagged


def test_decision_mismatch_message_and_details():
    doc = decision(amounts=amounts(decided=(1_200_000, 100_000)))
    [flag] = decision_amount_mismatch(doc, context(OREBRO_2023))
    assert flag.severity == "warning"
    assert "1 200 000 kr" in flag.message and "1 349 000 kr" in flag.message
    assert flag.details == {
        "decided": 1_200_000, "unit": 100_000, "allocation": 1_349_000, "difference": -149_000,
    }


def test_decision_without_allocation_is_left_to_no_allocation():
    assert decision_amount_mismatch(decision(amounts=amounts(decided=1)), context()) == []


def test_decision_with_a_nonsense_unit_is_treated_as_written_to_the_krona():
    doc = decision(amounts=amounts(decided=(1_349_001, 0)))
    assert decision_amount_mismatch(doc, context(OREBRO_2023))


def test_share_below_minimum():
    ctx = context(allocation(REGION_GOTLAND, 800_000, share_min=45))
    [flag] = share_below_minimum(requisition(municipal_share_percent=40), ctx)
    assert flag.severity == "error"
    assert flag.message == (
        "Andelen för kommunal verksamhet 40 % är lägre än minsta andel 45 %"
    )
    assert share_below_minimum(requisition(municipal_share_percent=45), ctx) == []
    assert share_below_minimum(requisition(municipal_share_percent=None), ctx) == []


def test_share_without_a_minimum_is_not_checked():
    assert share_below_minimum(requisition(municipal_share_percent=1), context(GOTLAND_800K)) == []
