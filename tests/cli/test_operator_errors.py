"""Operator mistakes end in one Swedish line with the real cause, no traceback, no secret."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from storage.db import open_database
from tests.documents import message, requisition_lines, text_pdf


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def _one_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("fel:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def mail(tmp_path: Path) -> Path:
    path = tmp_path / "1.eml"
    path.write_bytes(message([("a.pdf", text_pdf(requisition_lines()))]))
    return path


def test_a_read_only_database_is_one_line_and_leaves_no_orphan(tmp_path, mail, monkeypatch):
    db = tmp_path / "ro.db"
    open_database(f"sqlite:///{db}").kw["bind"].dispose()
    monkeypatch.setenv("GRANT_INTAKE_OCR__WORKERS", "1")
    store = tmp_path / "store"
    result = _run("--db", f"sqlite:///file:{db}?mode=ro&uri=true", "ingest", str(mail),
                  env={"GRANT_INTAKE_DATA_DIR": str(store)})
    line = _one_line(result)
    assert "skrivskyddad" in line
    assert not [f for f in store.rglob("*") if f.is_file()]


def test_an_unusable_data_dir_names_the_setting_and_the_cause(tmp_path, mail, monkeypatch):
    monkeypatch.setenv("GRANT_INTAKE_OCR__WORKERS", "1")
    (tmp_path / "a-file").write_text("x")
    result = _run("--db", f"sqlite:///{tmp_path}/x.db", "ingest", str(mail),
                  env={"GRANT_INTAKE_DATA_DIR": str(tmp_path / "a-file" / "store")})
    line = _one_line(result)
    assert "DATA_DIR" in line and "inte en katalog" in line and str(tmp_path / "a-file") in line


def test_serve_without_a_writable_place_for_its_secret_says_so(tmp_path, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn.Server, "run", lambda self: None)
    (tmp_path / "a-file").write_text("x")
    result = _run("--db", f"sqlite:///{tmp_path}/x.db", "serve",
                  env={"GRANT_INTAKE_DATA_DIR": str(tmp_path / "a-file" / "store")})
    line = _one_line(result)
    assert "Sessionsnyckeln" in line and "GRANT_INTAKE_WEB__SESSION_SECRET" in line


def test_an_explicit_db_in_a_missing_directory_is_an_error(tmp_path):
    target = tmp_path / "nonexistent" / "dir" / "x.db"
    line = _one_line(_run("--db", f"sqlite:///{target}", "cases", "list"))
    assert "finns inte" in line and str(target.parent) in line
    assert not target.parent.exists()


def test_a_postgresql_password_is_never_echoed(tmp_path):
    result = _run("--db", "postgresql://gi:hemligt-123@127.0.0.1:1/x", "documents", "list")
    line = _one_line(result)
    assert "hemligt-123" not in result.output
    assert "gi:***@127.0.0.1" in line


def test_a_configured_secret_is_masked_in_messages_and_logs(tmp_path):
    from config.masking import mask, remember

    remember(["sup3r-hemligt"])
    assert mask("login refused for sup3r-hemligt") == "login refused for ***"
    assert mask("imap://user:pa55@host/INBOX") == "imap://user:***@host/INBOX"
