"""`grant-intake expect` through the real CLI, and expectations resolved when mail arrives."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from cli.main import app
from storage.db import open_database
from storage.models import ExpectationRow
from tests.documents import message, requisition_lines, text_pdf

HEADER = "program,grant_year,recipient_code,recipient_name,amount_sek,municipal_share_min_percent\n"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRANT_INTAKE_DATA_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("GRANT_INTAKE_OCR__WORKERS", "1")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/cli.db", *args],
                             catch_exceptions=False)

    (tmp_path / "alloc.csv").write_text(HEADER + "hembesok,2024,09,Region Gotland,834000,\n"
                                        "hembesok,2024,18,Region Örebro län,1349000,\n")
    assert run("allocations", "import", str(tmp_path / "alloc.csv")).exit_code == 0
    return run


def _mail(tmp_path: Path, name: str, region: str) -> Path:
    path = tmp_path / name
    path.write_bytes(message([("rekvisition.pdf", text_pdf(requisition_lines(region=region)))],
                             received=datetime.fromisoformat("2024-03-21T09:03:00+01:00")))
    return path


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_expect_json_around_the_requisition_deadline(cli, tmp_path):
    assert cli("ingest", str(_mail(tmp_path, "gotland.eml", "Region Gotland"))).exit_code == 0
    assert _lines(cli("expect", "--as-of", "2024-04-05", "--json").stdout) == []
    [missing] = _lines(cli("expect", "--as-of", "2024-04-06", "--json").stdout)
    assert missing == {
        "code": "MISSING_REQUISITION", "program": "hembesok", "grant_year": 2024,
        "organisation": {"name": "Region Örebro län", "kind": "region", "code": "18"},
        "deadline": "2024-04-05", "amount": None, "message": missing["message"]}
    assert "Region Örebro län" in missing["message"]
    table = cli("expect", "--as-of", "2024-04-06")
    assert table.exit_code == 0 and "2024-04-05" in table.stdout


def test_a_bad_date_is_a_command_error(cli):
    result = cli("expect", "--as-of", "6 april")
    assert result.exit_code == 2
    assert "ogiltigt datum" in result.stderr


def test_the_pipeline_resolves_an_expectation_when_the_document_arrives(cli, tmp_path):
    cli("ingest", str(_mail(tmp_path, "orebro.eml", "Region Örebro län")))
    factory = open_database(f"sqlite:///{tmp_path}/cli.db")
    with factory() as session:
        rows = {r.org_code: r for r in session.scalars(select(ExpectationRow))}
        assert (rows["09"].code, rows["09"].status) == ("MISSING_REQUISITION", "open")
        assert "18" not in rows or rows["18"].code != "MISSING_REQUISITION"

    cli("ingest", str(_mail(tmp_path, "gotland.eml", "Region Gotland")))
    with factory() as session:
        gotland = session.scalar(select(ExpectationRow).where(
            ExpectationRow.code == "MISSING_REQUISITION", ExpectationRow.org_code == "09"))
        assert (gotland.status, gotland.resolved_by) == ("resolved", "system")
        assert gotland.comment == "Rekvisitionen har kommit in."
    assert all(e["code"] != "MISSING_REQUISITION" for e in _lines(cli("expect", "--json").stdout))
    factory.kw["bind"].dispose()
