"""Allocation lists as people save them, read whole and checked row by row.

XLSX (first sheet) or CSV with ``,``, ``;`` or tab, in UTF-8 (with or without BOM) or
Windows-1252, which is what Swedish Excel saves. Amounts may be written "900 000 kr",
"1 349 000:-" or "834 000,00"; shares "45 %", "45,5" or as an Excel percent cell. Every row is
checked against the programs (program, year, the kinds of recipient the year allows), the SCB
registry (code, and the name against the code) and the ranges a value may take; every bad row
is reported with its line, and the good rows are returned beside them.
"""
from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from config.programs import ProgramCatalog, default_programs
from config.registry import Organisation, Registry, load_registry
from validators.model import AllocationRow
from validators.swedish import KIND_PLURALS, format_amount, format_number

REQUIRED = ("program", "grant_year", "recipient_code", "recipient_name", "amount_sek")
OPTIONAL = ("municipal_share_min_percent",)
COLUMNS = (*REQUIRED, *OPTIONAL)
MAX_ROWS = 200_000
"""More rows than any real list has (two programs × a few years × 311 recipients); a larger
file is refused before its rows are checked."""
MAX_AMOUNT = 2_000_000_000
"""The largest allocation accepted, in kronor: far above any program's pool, and within the
database's integer column."""

MAX_UNPACKED = 400 * 1024 * 1024
"""Bytes a workbook's parts may unpack to (a 200 000-row list is about 30 MB)."""

_BLANKS = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_AMOUNT = re.compile(r"^(\d+)(?:[,.](\d+))?$")
_AMOUNT_SUFFIX = re.compile(r"(?:kronor|kr\.?|sek|:-)$", re.IGNORECASE)
_SHARE = re.compile(r"^(\d+)(?:[,.](\d+))?$")


class AllocationFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, header, size); in Swedish."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    """The line in the file (CSV) or the row on the sheet (XLSX), 1-based, header included."""
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"rad {self.line}" + (f", kolumnen {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class AllocationList:
    rows: list[AllocationRow]
    """The rows without a problem, in file order."""
    problems: list[RowProblem]

    @property
    def bad_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})


def _q(text: str) -> str:
    return f"”{text}”"


def _plural(n: int, one: str, many: str) -> str:
    return f"{format_number(n)} {one if n == 1 else many}"


def summary_text(added: int, changed: int, unchanged: int, bad: int | None = None) -> str:
    """"1 ny rad, 2 ändrade, 0 oförändrade" (and ", 1 rad med fel" when ``bad`` is given)."""
    parts = [_plural(added, "ny rad", "nya rader"), _plural(changed, "ändrad", "ändrade"),
             _plural(unchanged, "oförändrad", "oförändrade")]
    if bad is not None:
        parts.append(_plural(bad, "rad med fel", "rader med fel"))
    return ", ".join(parts)


# --- reading the table ------------------------------------------------------------------------

def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode-text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise AllocationFileError("filen är inte giltig UTF-16 (Unicode-text)") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AllocationFileError(
            f"rad {line}: okänd teckenkodning (filen är varken UTF-8 eller Windows-1252). "
            "Spara den från Excel som CSV UTF-8 eller som XLSX.") from exc


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, list(cells)
    except csv.Error as exc:
        raise AllocationFileError(f"rad {reader.line_num}: felaktig CSV ({exc})") from exc


def _xlsx_value(cell) -> object:
    """The cell's value; a number Excel shows as a percentage (0.45 for "45 %") in per cent."""
    value = cell.value
    if isinstance(value, float | int) and not isinstance(value, bool) and "%" in (
            getattr(cell, "number_format", None) or ""):
        return float(value) * 100
    return value


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_UNPACKED bytes (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise AllocationFileError(
            "filen kan inte läsas som XLSX. Spara den från Excel som Excel-arbetsbok (.xlsx) "
            "eller som CSV.") from exc
    if unpacked > MAX_UNPACKED:
        raise AllocationFileError(
            f"arbetsboken packas upp till mer än {MAX_UNPACKED // 1024 // 1024} MB; "
            "spara bara fördelningslistan i den")


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to open is the file's fault
        raise AllocationFileError(
            "filen kan inte läsas som XLSX. Spara den från Excel som Excel-arbetsbok (.xlsx) "
            "eller som CSV.") from exc
    try:
        sheet = wb.worksheets[0]
        if (sheet.max_row or 0) > MAX_ROWS + 1:
            raise AllocationFileError(
                f"listan har fler än {format_number(MAX_ROWS)} rader; "
                "dela upp den per statsbidrag och år")
        for line, row in enumerate(sheet.iter_rows(), start=1):
            yield line, [_xlsx_value(c) for c in row]
    finally:
        wb.close()


def _table(data: bytes, filename: str) -> Iterator[tuple[int, list[object]]]:
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise AllocationFileError(
            "filen är en äldre Excel-fil (.xls). Spara den från Excel som Excel-arbetsbok "
            "(.xlsx) eller som CSV.")
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_rows(data)
    return _csv_rows(data)


# --- values ---------------------------------------------------------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.isascii() and "  " not in value and "\t" not in value:
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _BLANKS.sub(" ", str(value)).strip()


class _Bad(ValueError):
    """One cell's problem, in Swedish."""


def _amount(value: object) -> int:
    if isinstance(value, bool):
        raise _Bad(f"{_q(_text(value))} är inte ett belopp i hela kronor")
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number) or not number.is_integer():
            raise _Bad(f"{_q(_text(value))} är inte ett belopp i hela kronor")
        whole = int(number)
    else:
        text = _BLANKS.sub("", _text(value))
        text = _AMOUNT_SUFFIX.sub("", text).rstrip(".")
        if text.startswith("-") and _AMOUNT.match(text[1:]):
            raise _Bad(f"{_q(_text(value))}: ett belopp i kronor kan inte vara negativt")
        match = _AMOUNT.match(text)
        if not match:
            raise _Bad(f"{_q(_text(value))} är inte ett belopp i hela kronor "
                       "(skriv t.ex. 900000, 900 000 kr eller 1 349 000:-)")
        if match.group(2) and int(match.group(2)) != 0:
            raise _Bad(f"{_q(_text(value))} är inte ett belopp i hela kronor (inga ören)")
        whole = int(match.group(1))
    if whole < 0:
        raise _Bad(f"{_q(_text(value))}: ett belopp i kronor kan inte vara negativt")
    if whole > MAX_AMOUNT:
        raise _Bad(f"{format_amount(whole)} är mer än högsta tillåtna {format_amount(MAX_AMOUNT)}")
    return whole


def _share(value: object) -> float | None:
    out_of_range = f"{_q(_text(value))} är inte en andel i procent mellan 0 och 100"
    if isinstance(value, bool):
        raise _Bad(out_of_range)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _BLANKS.sub("", _text(value)).rstrip("%")
        if not text:
            return None
        match = _SHARE.match(text)
        if not match:
            raise _Bad(out_of_range)
        number = float(f"{match.group(1)}.{match.group(2) or 0}")
    if not math.isfinite(number) or not 0 <= number <= 100:
        raise _Bad(out_of_range)
    return round(number, 4)


def _year(value: object) -> int:
    text = _text(value)
    if not re.fullmatch(r"\d{4,6}", text):
        raise _Bad(f"{_q(text)} är inte ett år" if text else "bidragsåret saknas")
    return int(text)


def _code(value: object) -> str:
    text = _text(value)
    if text.isdigit() and len(text) in (1, 3):
        text = text.zfill(len(text) + 1)
    return text


@cache
def _names() -> dict[str, frozenset[str]]:
    """Every way a region or municipality is written, folded, to the codes it may mean."""
    names: dict[str, set[str]] = {}
    for variant in load_registry().variants():
        names.setdefault(_fold(variant.text), set()).add(variant.organisation.code)
    return {k: frozenset(v) for k, v in names.items()}


def _fold(name: str) -> str:
    return _BLANKS.sub(" ", name).strip().casefold()


def _check_name(name: str, org: Organisation, registry: Registry) -> None:
    codes = _names().get(_fold(name))
    if codes is None:
        raise _Bad(f"{_q(name)} är inte namnet på {org.name} ({org.code}) eller någon annan "
                   "region eller kommun; koden avgör, skriv namnet som SCB gör eller lämna tomt")
    if org.code not in codes:
        owners = " eller ".join(f"{o.name} ({o.code})" for o in map(registry.get, sorted(codes)))
        raise _Bad(f"{_q(name)} är {owners}, inte {org.name} ({org.code}) som koden anger")


# --- the list -------------------------------------------------------------------------------

def _header(cells: list[object]) -> dict[str, int]:
    names = [_text(c).lstrip("\ufeff").casefold() for c in cells]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise AllocationFileError(
            f"rad 1: rubrikraden saknar {', '.join(missing)}. Rubrikraden ska vara: "
            f"{', '.join(COLUMNS)} (den sista valfri). Ladda ner mallen för en tom lista.")
    return {name: names.index(name) for name in COLUMNS if name in names}


class _RowChecker:
    def __init__(self, columns: dict[str, int], programs: ProgramCatalog, registry: Registry):
        self.columns, self.programs, self.registry = columns, programs, registry
        self.first_line: dict[tuple[str, int, str], int] = {}

    def check(self, line: int, cells: list[object]) -> tuple[AllocationRow | None, list[RowProblem]]:
        problems: list[RowProblem] = []

        def cell(name: str) -> object:
            index = self.columns.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        def read(name: str, parse):
            try:
                return parse(cell(name))
            except _Bad as exc:
                problems.append(RowProblem(line, name, str(exc)))
                return None

        program = read("program", self._program)
        year = read("grant_year", _year)
        code = _code(cell("recipient_code"))
        org = self.registry.get(code) if code else None
        if org is None:
            problems.append(RowProblem(line, "recipient_code", (
                f"{_q(code)} är ingen region eller kommun i SCB:s förteckning (två siffror för en "
                "region, fyra för en kommun)") if code else "SCB-koden saknas"))
        name = _text(cell("recipient_name"))
        if org is not None and name:
            read("recipient_name", lambda _: _check_name(name, org, self.registry))
        if program is not None and year is not None:
            spec = self.programs.get(program, year)
            if spec is None:
                years = ", ".join(str(y) for y in sorted(self.programs.programs[program].years))
                problems.append(RowProblem(line, "grant_year", (
                    f"bidragsåret {year} finns inte för {program} (inställda år: {years})")))
            elif org is not None and org.kind not in spec.recipients:
                allowed = " och ".join(KIND_PLURALS[k] for k in sorted(spec.recipients))
                problems.append(RowProblem(line, "recipient_code", (
                    f"{org.name} är en {'region' if org.kind == 'region' else 'kommun'}, men "
                    f"{program} {year} tas emot av {allowed}")))
        amount = read("amount_sek", self._required_amount)
        share = read("municipal_share_min_percent", _share)
        if problems:
            return None, problems
        key = (program, year, code)
        if key in self.first_line:
            return None, [RowProblem(line, None, (
                f"{program} {year} {code} står redan på rad {self.first_line[key]}"))]
        self.first_line[key] = line
        return AllocationRow(program, year, code, name or org.name, amount, share), []

    def _program(self, value: object) -> str:
        text = _text(value)
        if not text:
            raise _Bad("statsbidraget saknas")
        if text not in self.programs.programs:
            known = ", ".join(sorted(self.programs.programs))
            raise _Bad(f"okänt statsbidrag {_q(text)} (kända: {known})")
        return text

    @staticmethod
    def _required_amount(value: object) -> int:
        if _text(value) == "":
            raise _Bad("beloppet saknas (hela kronor)")
        return _amount(value)


def parse_allocation_file(data: bytes, filename: str,
                          programs: ProgramCatalog | None = None) -> AllocationList:
    """The good rows of an allocation list and every problem of its bad rows.

    Raises AllocationFileError when the file as a whole cannot be read: not CSV or XLSX, an
    unknown encoding, the header without a required column, no rows, or more than MAX_ROWS.
    """
    if not data.strip():
        raise AllocationFileError("filen är tom")
    table = _table(data, filename)
    first = next(table, None)
    if first is None:
        raise AllocationFileError("filen är tom")
    columns = _header(first[1])
    filled: list[tuple[int, list[object]]] = []
    for line, cells in table:
        if any(_text(c) for c in cells):
            filled.append((line, cells))
            if len(filled) > MAX_ROWS:
                raise AllocationFileError(
                    f"listan har fler än {format_number(MAX_ROWS)} rader; "
                    "dela upp den per statsbidrag och år")
    if not filled:
        raise AllocationFileError("listan har inga rader under rubrikraden")
    checker = _RowChecker(columns, programs or default_programs(), load_registry())
    rows: list[AllocationRow] = []
    problems: list[RowProblem] = []
    for line, cells in filled:
        row, row_problems = checker.check(line, cells)
        problems += row_problems
        if row is not None:
            rows.append(row)
    return AllocationList(rows, problems)


def read_allocation_file(path: Path, programs: ProgramCatalog | None = None) -> AllocationList:
    return parse_allocation_file(path.read_bytes(), path.name, programs)
