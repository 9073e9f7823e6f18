"""Allocation lists as Swedish Excel saves them: every bad row reported with its line, nothing
refused for the way a number is written."""
from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from storage.allocation_file import (
    MAX_ROWS,
    AllocationFileError,
    parse_allocation_file,
    summary_text,
)
from storage.allocation_sheets import allocations_xlsx, template_xlsx
from storage.allocations import allocation_rows, import_allocations
from storage.models import Allocation
from validators.model import AllocationRow

HEADER = "program,grant_year,recipient_code,recipient_name,amount_sek,municipal_share_min_percent\n"


def _csv(body: str, header: str = HEADER, sep: str = ",", encoding: str = "utf-8") -> bytes:
    return (header.replace(",", sep) + body).encode(encoding)


def _problems(data: bytes, name: str = "a.csv") -> list[tuple[int, str | None]]:
    return [(p.line, p.column) for p in parse_allocation_file(data, name).problems]


def test_csv_rows_parse_with_codes_and_optional_share():
    parsed = parse_allocation_file(_csv(
        "hembesok,2024,18,Region Örebro län,3406000,\nbhv-pilot,2023,0127,Botkyrka,580000,45\n"),
        "a.csv")
    assert parsed.problems == []
    assert [(r.recipient_code, r.amount_sek, r.municipal_share_min_percent) for r in parsed.rows] == [
        ("18", 3406000, None), ("0127", 580000, 45.0)]


def test_what_swedish_excel_saves_semicolons_windows_1252_and_written_amounts():
    body = ('hembesok;2024;18;Region Örebro län;"1 349 000:-";\n'
            "hembesok;2024;12;Region Skåne;900 000 kr;45 %\n"
            "bhv-pilot;2023;0127;Botkyrka kommun;900\u00a0000;45,5\n"
            "bhv-pilot;2023;1280;Malmö stad;1\u202f285\u202f000 SEK;40%\n"
            "hembesok;2023;9;Region Gotland;834 000,00;\n")
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        text = body.replace("\u202f", "\u00a0") if encoding == "cp1252" else body
        parsed = parse_allocation_file(_csv(text, sep=";", encoding=encoding), "lista.csv")
        assert parsed.problems == [], encoding
        assert [(r.recipient_code, r.recipient_name, r.amount_sek, r.municipal_share_min_percent)
                for r in parsed.rows] == [
            ("18", "Region Örebro län", 1_349_000, None), ("12", "Region Skåne", 900_000, 45.0),
            ("0127", "Botkyrka kommun", 900_000, 45.5), ("1280", "Malmö stad", 1_285_000, 40.0),
            ("09", "Region Gotland", 834_000, None)]


def test_excel_unicode_text_is_utf16_with_tabs():
    data = _csv("hembesok\t2024\t09\tRegion Gotland\t834 000\t\n", sep="\t", encoding="utf-16")
    parsed = parse_allocation_file(data, "lista.txt")
    assert parsed.problems == [] and parsed.rows[0].amount_sek == 834_000


def test_a_header_in_another_case_with_blank_trailing_columns_is_read():
    header = "Program;Grant_Year;Recipient_Code;Recipient_Name;Amount_SEK;;\n"
    parsed = parse_allocation_file(_csv("hembesok;2024;09;Region Gotland;834000;;\n",
                                        header=header, sep=";"), "a.csv")
    assert parsed.problems == [] and parsed.rows[0].amount_sek == 834_000


def test_every_bad_row_is_reported_with_its_line():
    body = ("hembesok,2024,18,Region Örebro län,tre miljoner,\n"   # 2: amount
            "hembesok,2024,01,Region Stockholm,100,\n"             # 3: fine
            "hembesok,20x4,03,Region Uppsala,5,\n"                 # 4: year
            "hembesok,2024,99,Okänd,100,\n"                        # 5: code
            "hembesok,2024,04\n"                                   # 6: name and amount missing
            "\n"                                                   # 7: blank, skipped
            "hembesok,2024,05,Region Östergötland,1,200\n")        # 8: share
    parsed = parse_allocation_file(_csv(body), "a.csv")
    assert [(p.line, p.column) for p in parsed.problems] == [
        (2, "amount_sek"), (4, "grant_year"), (5, "recipient_code"), (6, "amount_sek"),
        (8, "municipal_share_min_percent")]
    assert [r.recipient_code for r in parsed.rows] == ["01"]
    assert str(parsed.problems[0]).startswith("rad 2, kolumnen amount_sek: ")
    assert parsed.bad_lines == [2, 4, 5, 6, 8]


@pytest.mark.parametrize("program,year,message", [
    ("nosuchprogram", "2024", "okänt statsbidrag"),
    ("hembesok", "99999", "bidragsåret 99999 finns inte"),
    ("hembesok", "2022", "bidragsåret 2022 finns inte"),
    ("", "2024", "saknas"),
])
def test_program_and_year_must_be_configured(program, year, message):
    (problem,) = parse_allocation_file(
        _csv(f"{program},{year},09,Region Gotland,100,\n"), "a.csv").problems
    assert message in problem.message


@pytest.mark.parametrize("code,name,column,message", [
    ("13", "Region Skåne", "recipient_name", "Region Skåne (12), inte Region Halland (13)"),
    ("12", "Malmö stad", "recipient_name", "Malmö stad (1280), inte Region Skåne (12)"),
    ("18", "Sthlm", "recipient_name", "inte namnet på"),
    ("99", "Region Okänd", "recipient_code", "ingen region eller kommun"),
    ("12345", "Region Skåne", "recipient_code", "ingen region eller kommun"),
    ("0127", "Botkyrka kommun", "recipient_code", "tas emot av regioner"),
])
def test_code_name_and_recipient_kind_are_checked(code, name, column, message):
    (problem,) = parse_allocation_file(
        _csv(f"hembesok,2024,{code},{name},100,\n"), "a.csv").problems
    assert (problem.column, problem.line) == (column, 2)
    assert message in problem.message


def test_names_people_write_for_the_code_are_accepted():
    body = ("bhv-pilot,2023,0180,Stockholm,1,\nbhv-pilot,2023,1480,Göteborg,1,\n"
            "hembesok,2024,14,Västra Götalandsregionen,1,\nhembesok,2024,04,Sörmland,1,\n"
            "hembesok,2024,23,Region Jämtland Härjedalen,1,\nbhv-pilot,2023,0180,,1,\n")
    parsed = parse_allocation_file(_csv(body.replace("bhv-pilot,2023,0180,,1", "hembesok,2023,01,,1")),
                                   "a.csv")
    assert parsed.problems == []
    assert parsed.rows[-1].recipient_name == "Region Stockholm"


@pytest.mark.parametrize("amount", ["nan", "inf", "-inf", "1e30", "1e3", "-5", "1,5", "0x10",
                                    "2 000 000 001", "12 kr 50", "Infinity"])
def test_amounts_must_be_whole_kronor_in_range(amount):
    (problem,) = parse_allocation_file(
        _csv(f'hembesok,2024,09,Region Gotland,"{amount}",\n'), "a.csv").problems
    assert problem.column == "amount_sek" and "kr" in problem.message


@pytest.mark.parametrize("share", ["-50", "1e308", "100,5", "nan", "inf", "femtio"])
def test_shares_must_be_a_percentage_0_to_100(share):
    (problem,) = parse_allocation_file(
        _csv(f'hembesok,2024,09,Region Gotland,100,"{share}"\n'), "a.csv").problems
    assert problem.column == "municipal_share_min_percent" and "0 och 100" in problem.message


def test_a_repeated_row_names_the_first():
    (problem,) = parse_allocation_file(_csv(
        "hembesok,2024,09,Region Gotland,100,\nhembesok,2024,9,Region Gotland,200,\n"),
        "a.csv").problems
    assert problem.line == 3 and "rad 2" in problem.message


def test_whole_file_faults_are_refused_in_swedish():
    with pytest.raises(AllocationFileError, match="amount_sek"):
        parse_allocation_file(b"program,grant_year,recipient_code,recipient_name\n", "a.csv")
    with pytest.raises(AllocationFileError, match="tom"):
        parse_allocation_file(b"", "a.csv")
    with pytest.raises(AllocationFileError, match="XLSX"):
        parse_allocation_file(b"PK\x03\x04 not really a zip", "a.xlsx")
    with pytest.raises(AllocationFileError, match=r"äldre Excel-fil \(\.xls\)"):
        parse_allocation_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.xls")
    with pytest.raises(AllocationFileError, match="teckenkodning"):
        parse_allocation_file(HEADER.encode() + b"hembesok,2024,09,\x81\x8d,1,\n", "a.csv")
    with pytest.raises(AllocationFileError, match="inga rader"):
        parse_allocation_file(HEADER.encode(), "a.csv")


def test_too_many_rows_are_refused_before_they_are_checked(monkeypatch):
    monkeypatch.setattr("storage.allocation_file.MAX_ROWS", 10)
    body = "nosuchprogram,2024,09,Region Gotland,1,\n" * 11
    with pytest.raises(AllocationFileError, match="fler än 10 rader"):
        parse_allocation_file(_csv(body), "a.csv")
    assert len(parse_allocation_file(_csv(body[: body.index("\n") + 1] * 10), "a.csv").problems) == 10


def test_a_300_000_row_sheet_is_refused_by_its_size_at_once():
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.cell(row=300_001, column=1, value="hembesok")
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(AllocationFileError, match=f"fler än {MAX_ROWS:,} rader".replace(",", " ")):
        parse_allocation_file(out.getvalue(), "stor.xlsx")


def _xlsx(rows: list[list], percent_share: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    for row in rows:
        ws.append(row)
    if percent_share:
        for (cell,) in ws.iter_rows(min_row=2, min_col=6, max_col=6):
            cell.number_format = "0%"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_numbers_codes_without_leading_zero_and_percent_cells():
    data = _xlsx([["hembesok", 2024, 9, "Region Gotland", 834000, 0.45],
                  ["bhv-pilot", 2023.0, 127, "Botkyrka kommun", "580 000 kr", 0.4]],
                 percent_share=True)
    parsed = parse_allocation_file(data, "lista.xlsx")
    assert parsed.problems == []
    assert [(r.recipient_code, r.amount_sek, r.municipal_share_min_percent) for r in parsed.rows] == [
        ("09", 834_000, 45.0), ("0127", 580_000, 40.0)]


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch):
    monkeypatch.setattr("storage.allocation_file.MAX_UNPACKED", 1000)
    with pytest.raises(AllocationFileError, match="packas upp"):
        parse_allocation_file(_xlsx([["hembesok", 2024, 9, "Region Gotland", 1, None]]), "a.xlsx")


def test_xlsx_bad_values_are_reported_per_row():
    data = _xlsx([["hembesok", 2024, 9, "Region Gotland", float("nan"), None],
                  ["hembesok", 2024, 1, "Region Stockholm", 1e30, None],
                  ["hembesok", 2024, 3, "Region Uppsala", 1000.5, None],
                  ["hembesok", 2024, 4, "Region Sörmland", True, None],
                  ["hembesok", 2024, 5, "Region Östergötland", 100, 1e308]])
    assert _problems(data, "a.xlsx") == [(2, "amount_sek"), (3, "amount_sek"), (4, "amount_sek"),
                                         (5, "amount_sek"), (6, "municipal_share_min_percent")]


def test_summary_text_has_swedish_plurals():
    assert summary_text(1, 1, 1) == "1 ny rad, 1 ändrad, 1 oförändrad"
    assert summary_text(2, 0, 3) == "2 nya rader, 0 ändrade, 3 oförändrade"
    assert summary_text(0, 2, 0, bad=1) == "0 nya rader, 2 ändrade, 0 oförändrade, 1 rad med fel"
    assert summary_text(1, 0, 0, bad=2).endswith("2 rader med fel")


def test_import_replaces_same_key_keeps_others_and_says_what_changed(session_factory):
    first = parse_allocation_file(_csv("hembesok,2024,18,Örebro,100,\nhembesok,2024,01,Stockholm,200,\n"),
                                  "a.csv").rows
    second = parse_allocation_file(_csv("hembesok,2024,18,Örebro,150,\nhembesok,2024,01,Stockholm,200,\n"
                                        "hembesok,2023,12,Region Skåne,5,\n"), "b.csv").rows
    with session_factory() as s:
        assert import_allocations(s, first, "a.csv").added == 2
        summary = import_allocations(s, second, "b.csv")
        s.commit()
        assert (summary.added, summary.changed, summary.unchanged) == (1, 1, 1)
        assert summary.changed_keys == [("hembesok", 2024, "18"), ("hembesok", 2023, "12")]
        assert summary.program_years == {("hembesok", 2024), ("hembesok", 2023)}
        assert {(a.recipient_code, a.amount_sek) for a in allocation_rows(s)} == {
            ("18", 150), ("01", 200), ("12", 5)}


def test_template_is_an_empty_list_with_the_header_and_text_codes():
    wb = load_workbook(io.BytesIO(template_xlsx()))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == HEADER.strip().split(",")
    assert ws.max_row == 1
    assert ws.column_dimensions["C"].number_format == "@"
    with pytest.raises(AllocationFileError, match="inga rader"):
        parse_allocation_file(template_xlsx(), "mall.xlsx")


def test_current_list_downloads_as_xlsx_that_reads_back_the_same(session_factory):
    rows = [AllocationRow("hembesok", 2024, "09", "Region Gotland", 834_000, 25.0),
            AllocationRow("bhv-pilot", 2023, "0127", "Botkyrka kommun", 580_000, None)]
    with session_factory() as s:
        import_allocations(s, rows, "a.csv")
        s.commit()
        data = allocations_xlsx(allocation_rows(s))
    assert sorted(parse_allocation_file(data, "lista.xlsx").rows, key=str) == sorted(rows, key=str)


@pytest.mark.parametrize("text", ['=HYPERLINK("mailto:x@example.se","Klicka här")', "+1+2",
                                  "-1+2", "@SUM(A1)", "=1+1"])
def test_no_text_cell_becomes_a_formula(session_factory, text):
    with session_factory() as s:
        s.add(Allocation(program="hembesok", grant_year=2024, recipient_code="09",
                         recipient_name=text, amount_sek=1, source=text))
        s.commit()
        data = allocations_xlsx(allocation_rows(s))
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    as_text = [c for c in cells if c.value == text]
    assert len(as_text) == 2 and all(c.data_type == "s" for c in as_text)  # name and source
    assert ws["C2"].data_type == "s" and ws["C2"].value == "09"
    assert ws["G1"].value == "source"
