import pytest
from openpyxl import Workbook

from storage.allocations import (
    AllocationFileError,
    allocation_rows,
    import_allocations,
    parse_allocation_file,
)

HEADER = "program,grant_year,recipient_code,recipient_name,amount_sek,municipal_share_min_percent\n"


def test_csv_rows_parse_with_codes_and_optional_share():
    rows = parse_allocation_file(
        (HEADER + "hembesok,2024,18,Region Örebro län,3406000,\nbhv-pilot,2023,0127,Botkyrka,580000,45\n").encode(),
        "a.csv")
    assert [(r.recipient_code, r.amount_sek, r.municipal_share_min_percent) for r in rows] == [
        ("18", 3406000, None), ("0127", 580000, 45.0)]


@pytest.mark.parametrize("body,line,column", [
    ("hembesok,2024,18,Region Örebro län,tre miljoner,\n", 2, 5),
    ("hembesok,2024,18,Region Örebro län,100,\nhembesok,20x4,01,Region Stockholm,5,\n", 3, 2),
    ("hembesok,2024,99,Okänd,100,\n", 2, 3),
    ("hembesok,2024,18\n", 2, 4),
])
def test_broken_csv_is_refused_with_line_and_column(body, line, column):
    with pytest.raises(AllocationFileError) as err:
        parse_allocation_file((HEADER + body).encode(), "a.csv")
    assert (err.value.line, err.value.column) == (line, column)
    assert f"rad {line}" in str(err.value)


def test_missing_column_and_bad_encoding_are_refused():
    with pytest.raises(AllocationFileError, match="amount_sek"):
        parse_allocation_file(b"program,grant_year,recipient_code,recipient_name\n", "a.csv")
    with pytest.raises(AllocationFileError, match="UTF-8"):
        parse_allocation_file((HEADER + "hembesok,2024,18,\xd6rebro,1,\n").encode("latin-1"), "a.csv")


def test_xlsx_first_sheet(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append(["hembesok", 2024, "09", "Region Gotland", 834000, None])
    path = tmp_path / "a.xlsx"
    wb.save(path)
    (row,) = parse_allocation_file(path.read_bytes(), "a.xlsx")
    assert (row.recipient_code, row.amount_sek) == ("09", 834000)


def test_import_replaces_same_key_and_keeps_others(session_factory):
    first = parse_allocation_file((HEADER + "hembesok,2024,18,Örebro,100,\nhembesok,2024,01,Sthlm,200,\n").encode(), "a.csv")
    second = parse_allocation_file((HEADER + "hembesok,2024,18,Örebro,150,\n").encode(), "b.csv")
    with session_factory() as s:
        assert import_allocations(s, first, "a.csv").added == 2
        summary = import_allocations(s, second, "b.csv")
        s.commit()
        assert (summary.added, summary.changed) == (0, 1)
        assert {(a.recipient_code, a.amount_sek) for a in allocation_rows(s)} == {("18", 150), ("01", 200)}
