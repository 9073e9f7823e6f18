"""The contract's commands through the real CLI entry point."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.documents import message, requisition_lines, text_pdf

HEADER = "program,grant_year,recipient_code,recipient_name,amount_sek,municipal_share_min_percent\n"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRANT_INTAKE_DATA_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("GRANT_INTAKE_OCR__WORKERS", "1")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/cli.db", *args], catch_exceptions=False)

    return run


def _json_lines(stdout: str) -> list[dict]:
    lines = stdout.splitlines()
    assert all(line.startswith("{") for line in lines), stdout
    return [json.loads(line) for line in lines]


def test_ingest_json_prints_one_record_per_document_and_nothing_else(cli, tmp_path):
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "001.eml").write_bytes(message([("B04.pdf", text_pdf(requisition_lines()))]))
    (mail / "002.eml").write_bytes(message([]))
    (mail / "trasig.pdf").write_bytes(b"%PDF-1.4 trunc")
    (tmp_path / "alloc.csv").write_text(HEADER + "hembesok,2024,09,Region Gotland,800000,\n")
    assert cli("allocations", "import", str(tmp_path / "alloc.csv")).exit_code == 0

    result = cli("ingest", "--json", str(mail))
    assert result.exit_code == 0
    records = _json_lines(result.stdout)
    assert len(records) == 3
    by_file = {Path(r["source"]["path"]).name: r for r in records}
    assert {f["code"] for f in by_file["001.eml"]["flags"]} >= {"AMOUNT_EXCEEDS_ALLOCATION"}
    assert {f["code"] for f in by_file["002.eml"]["flags"]} == {"NO_DOCUMENT"}
    assert {f["code"] for f in by_file["trasig.pdf"]["flags"]} == {"UNREADABLE_DOCUMENT"}

    again = cli("ingest", "--json", str(mail))
    assert len(_json_lines(again.stdout)) == 3
    listed = _json_lines(cli("documents", "list", "--json").stdout)
    assert len(listed) == 3

    cases = _json_lines(cli("cases", "list", "--json").stdout)
    assert {c["code"] for c in cases} >= {"AMOUNT_EXCEEDS_ALLOCATION", "NO_DOCUMENT", "UNREADABLE_DOCUMENT"}
    assert all(c["status"] == "open" for c in cases)


def test_allocation_import_skips_and_reports_every_bad_row(cli, tmp_path):
    (tmp_path / "bad.csv").write_text(HEADER + "hembesok,2024,09,Region Gotland,800000,\n"
                                      "hembesok,2024,18,Region Örebro län,12x,\n"
                                      "hembesok,2024,13,Region Skåne,nan,\n")
    result = cli("allocations", "import", str(tmp_path / "bad.csv"))
    assert result.exit_code == 0
    assert "rad 3, kolumnen amount_sek" in result.stderr
    assert "rad 4, kolumnen recipient_name" in result.stderr
    assert "rad 4, kolumnen amount_sek" in result.stderr
    assert "1 ny rad, 0 ändrade, 0 oförändrade, 2 rader med fel" in result.stderr
    assert [r["recipient_code"] for r in _json_lines(cli("allocations", "list", "--json").stdout)] == ["09"]


def test_allocation_import_with_nothing_to_import_fails(cli, tmp_path):
    (tmp_path / "bad.csv").write_text(HEADER + "nosuchprogram,99999,18,Region Örebro län,1e30,\n",
                                      encoding="cp1252")
    result = cli("allocations", "import", str(tmp_path / "bad.csv"))
    assert result.exit_code == 1
    assert "rad 2, kolumnen program: okänt statsbidrag" in result.stderr
    assert "inget har lästs in" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "empty.csv").write_text("program;grant_year\n")
    result = cli("allocations", "import", str(tmp_path / "empty.csv"))
    assert result.exit_code == 2 and "rubrikraden saknar" in result.stderr
    assert _json_lines(cli("allocations", "list", "--json").stdout) == []


def test_missing_path_and_bad_week_are_command_errors(cli, tmp_path):
    assert cli("ingest", str(tmp_path / "nope")).exit_code == 2
    assert cli("cases", "list", "--week", "2024-14").exit_code == 2


def test_unreachable_database_is_a_command_error(tmp_path):
    result = CliRunner().invoke(app, ["--db", "postgresql://nobody@127.0.0.1:1/x", "documents", "list"])
    assert result.exit_code == 2
    assert "Databasen kan inte öppnas" in result.stderr


def test_tables_are_swedish_wrap_instead_of_cutting_and_show_no_none(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    (tmp_path / "alloc.csv").write_text(HEADER + "hembesok,2024,09,Region Gotland,800000,\n")
    cli("allocations", "import", str(tmp_path / "alloc.csv"))
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "001.eml").write_bytes(message([("B04.pdf", text_pdf(requisition_lines()))]))
    (mail / "002.eml").write_bytes(message([]))

    first = cli("ingest", str(mail))
    assert first.exit_code == 0
    assert "Status" in first.stdout and "NO_DOC" in first.stdout
    assert "redan registrerad" not in first.stdout
    monkeypatch.setenv("COLUMNS", "200")
    again = cli("ingest", str(mail))
    assert again.stdout.count("redan registrerad") == 2
    monkeypatch.setenv("COLUMNS", "80")

    outputs = {args: cli(*args).stdout for args in [
        ("status",), ("cases", "list"), ("allocations", "list"), ("documents", "list")]}
    assert "Senaste lyckade hämtning" in outputs[("status",)]
    assert "Meddelande" in outputs[("cases", "list")] and "Öppen" in outputs[("cases", "list")]
    assert "Tilldelat" in outputs[("allocations", "list")]
    assert "800 000 kr" in outputs[("allocations", "list")]
    for args, out in outputs.items():
        assert "None" not in out, args
        assert "…" not in out, args  # wrapped, not cut
        assert max(len(line) for line in out.splitlines()) <= 80, args
    for english in ("source", "last_poll", "severity", "recipient_code", "message"):
        assert english not in outputs[("status",)] + outputs[("cases", "list")]


def test_the_help_is_swedish_throughout(cli):
    out = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100"}).stdout
    assert "Användning:" in out and "Kommandon" in out and "Flaggor" in out
    assert "Visa den här hjälpen" in out
    for english in ("Usage:", "Options", "Commands", "Show this message"):
        assert english not in out
    error = CliRunner().invoke(app, ["no-such-command"])
    assert error.exit_code == 2 and "finns inte" in error.output


def test_a_long_ingest_shows_progress_on_a_terminal_stderr(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_INTERACTIVE", "1")
    mail = tmp_path / "mail"
    mail.mkdir()
    for n in range(3):
        (mail / f"{n}.eml").write_bytes(message([]))
    result = cli("ingest", "--json", str(mail))
    assert result.exit_code == 0
    assert "Registrerar" in result.stderr
    assert len(_json_lines(result.stdout)) == 3


def test_demo_setup_ends_with_the_address_and_the_account_then_how_to_reset(cli, tmp_path,
                                                                             monkeypatch):
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__PATH", str(tmp_path / "inbox"))
    first = cli("demo-setup")
    assert first.exit_code == 0, first.output
    tail = first.stdout.strip().splitlines()
    assert tail[0] == "Granskningen:  http://127.0.0.1:8000/login"
    assert tail[1].split() == ["Användare:", "admin"] and tail[2].startswith("Lösenord:")
    again = cli("demo-setup")
    assert "Lösenord:" not in again.stdout
    assert "users reset-password admin" in again.stdout.strip().splitlines()[-1]
