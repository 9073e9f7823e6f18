from tests.validators.factories import amounts, context, decision, return_report, table
from validators.rules.arithmetic import sum_mismatch, unused_mismatch, used_exceeds_received


def test_used_exceeds_received():
    doc = return_report(amounts=amounts(received=800_000, used=800_001))
    [flag] = used_exceeds_received(doc, context())
    assert flag.severity == "error"
    assert flag.message == "Förbrukat belopp 800 001 kr överstiger erhållet bidrag 800 000 kr"
    assert flag.details == {"used": 800_001, "received": 800_000}


def test_used_equal_to_received_is_fine():
    doc = return_report(amounts=amounts(received=800_000, used=800_000))
    assert used_exceeds_received(doc, context()) == []
    assert used_exceeds_received(return_report(amounts=amounts(used=1)), context()) == []


def test_unused_must_be_received_minus_used_within_one_krona():
    def check(unused: int):
        doc = return_report(amounts=amounts(received=800_000, used=700_000, unused=unused))
        return unused_mismatch(doc, context())

    assert check(100_000) == []
    assert check(100_001) == []
    assert check(99_999) == []
    [flag] = check(100_002)
    assert flag.severity == "error"
    assert "100 002 kr" in flag.message and "100 000 kr" in flag.message
    assert flag.details["expected_unused"] == 100_000
    assert check(99_998)


def test_unused_not_checked_when_used_exceeds_received_or_unused_is_absent():
    over = return_report(amounts=amounts(received=1, used=5, unused=0))
    assert unused_mismatch(over, context()) == []
    assert unused_mismatch(return_report(amounts=amounts(received=9, used=1)), context()) == []


def test_sum_mismatch_one_flag_per_table_that_does_not_add_up():
    doc = decision(tables=[
        table((100_000, 200_000), 300_000, page=1),
        table((100_000, 200_000), 300_001, page=2),
        table((100_000, 200_000), 300_002, page=3),
        table((100_000, 200_000), 290_000, page=4),
    ])
    flags = sum_mismatch(doc, context())
    assert [f.details["page"] for f in flags] == [3, 4]
    assert flags[1].message == (
        "Raderna i tabellen på sidan 4 summerar till 300 000 kr, men summan anges till 290 000 kr"
    )
    assert flags[1].details["difference"] == 10_000


def test_empty_table_with_zero_total_adds_up():
    assert sum_mismatch(decision(tables=[table((), 0)]), context()) == []
    assert sum_mismatch(decision(tables=[table((), 5)]), context())


def test_rows_in_ore_with_a_negative_correction_add_up_to_their_total():
    rows = (214_411.16, 23_759.67, 67_694.66, 67_105.48, 47_974.33, 44_255.36, -12_000.66)
    assert sum_mismatch(decision(tables=[table(rows, 453_200)]), context()) == []
    [flag] = sum_mismatch(decision(tables=[table(rows[:-1], 453_200)]), context())
    assert flag.details["difference"] == 12_000.66
    assert flag.message.endswith("summerar till 465 201 kr, men summan anges till 453 200 kr")
