"""`documents reindex`: page text for search for documents stored before it was kept."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, func, select
from typer.testing import CliRunner

from cli.main import app
from storage.db import open_database
from storage.models import PageTextRow
from tests.documents import message, requisition_lines, text_pdf


def test_reindex_reads_the_originals_again(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRANT_INTAKE_DATA_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("GRANT_INTAKE_OCR__WORKERS", "1")
    db = f"sqlite:///{tmp_path}/cli.db"
    (tmp_path / "001.eml").write_bytes(message([("B04.pdf", text_pdf(requisition_lines()))]))
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "ingest", str(tmp_path / "001.eml")]).exit_code == 0
    factory = open_database(db)
    with factory() as session:
        session.execute(delete(PageTextRow))
        session.commit()
    result = runner.invoke(app, ["--db", db, "documents", "reindex"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Sidtext sparad för 1 handling." in result.stdout
    with factory() as session:
        assert session.scalar(select(func.count(PageTextRow.id))) == 1
    factory.kw["bind"].dispose()
