"""`grant-intake recheck [--json]`, and the recheck that follows `allocations import`."""
from __future__ import annotations

from sqlalchemy import select

from storage.db import open_database
from storage.models import RecheckRun
from tests.cli.test_cli import HEADER, _json_lines, cli  # noqa: F401 - the fixture
from tests.documents import message, requisition_lines, text_pdf


def test_recheck_prints_the_records_whose_flags_changed(cli, tmp_path):  # noqa: F811
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "001.eml").write_bytes(message([("B04.pdf", text_pdf(requisition_lines()))]))
    (mail / "002.eml").write_bytes(message([]))
    (ingested,) = [r for r in _json_lines(cli("ingest", "--json", str(mail)).stdout)
                   if r["document_type"] == "requisition"]
    assert "NO_ALLOCATION" in {f["code"] for f in ingested["flags"]}

    unchanged = cli("recheck", "--json")
    assert unchanged.exit_code == 0 and unchanged.stdout == ""

    alloc = tmp_path / "alloc.csv"
    alloc.write_text(HEADER + "hembesok,2024,09,Region Gotland,800000,\n")
    imported = cli("allocations", "import", str(alloc))  # rechecks at once
    assert imported.exit_code == 0
    (listed,) = [r for r in _json_lines(cli("documents", "list", "--json").stdout)
                 if r["document_type"] == "requisition"]
    codes = {f["code"] for f in listed["flags"]}
    assert "NO_ALLOCATION" not in codes and "AMOUNT_EXCEEDS_ALLOCATION" in codes

    alloc.write_text(HEADER + "hembesok,2024,09,Region Gotland,900000,\n")
    with open_database(f"sqlite:///{tmp_path}/cli.db")() as s:
        from storage.allocation_file import read_allocation_file
        from storage.allocations import import_allocations

        import_allocations(s, read_allocation_file(alloc).rows, "direct")  # no recheck
        s.commit()
    changed = cli("recheck", "--json")
    assert changed.exit_code == 0
    (record,) = _json_lines(changed.stdout)
    assert record["id"] == listed["id"]
    assert "AMOUNT_EXCEEDS_ALLOCATION" not in {f["code"] for f in record["flags"]}
    with open_database(f"sqlite:///{tmp_path}/cli.db")() as s:
        reasons = [r.reason for r in s.scalars(select(RecheckRun).order_by(RecheckRun.id))]
    assert reasons == ["command", "allocation_import", "command"]
