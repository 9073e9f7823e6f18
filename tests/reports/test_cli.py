"""`report weekly` as a command, and its figures against `grant-intake cases list --json`."""
from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import pytest
import typer
from typer.testing import CliRunner

from cli.main import State
from cli.main import app as grant_intake
from config.settings import load_settings
from reports.cli import report_app
from reports.figures import collect_figures
from reports.week import IsoWeek, as_utc
from tests.reports.conftest import REPORT_TIME, free_port

runner = CliRunner()


def _root(url: str, **settings) -> typer.Typer:
    """`grant-intake` as the lead mounts it: the callback puts the state in ctx.obj."""
    root = typer.Typer()

    @root.callback()
    def options(ctx: typer.Context) -> None:
        ctx.obj = State(load_settings(db=url, **settings))

    root.add_typer(report_app, name="report")
    return root


def test_out_writes_html_pdf_and_xlsx(seeded_factory, sqlite_url, tmp_path):
    result = runner.invoke(_root(sqlite_url), ["report", "weekly", "--week", "2024-W14",
                                               "--out", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "ut").iterdir())
    assert written == ["veckorapport-2024-W14.html", "veckorapport-2024-W14.pdf",
                       "veckorapport-2024-W14.xlsx"]
    assert len(result.stdout.strip().splitlines()) == 3


def test_without_out_or_send_the_report_is_printed(seeded_factory, sqlite_url):
    result = runner.invoke(_root(sqlite_url), ["report", "weekly", "--week", "2023-W40"])
    assert result.exit_code == 0, result.output
    assert "Inget nytt vecka 40: inga handlingar kom in och inga ärenden ändrades." in result.stdout
    assert "EKONOMI PER STATSBIDRAG OCH ÅR" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--week", "2024-W99"], "Vecka 99 finns inte"),
    (["--week", "vecka 14"], "Ogiltig vecka"),
    (["--force"], "--force gäller bara tillsammans med --send"),
])
def test_bad_options_are_refused(sqlite_url, args, message):
    result = runner.invoke(_root(sqlite_url), ["report", "weekly", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_send_without_recipients_says_so(seeded_factory, sqlite_url, monkeypatch):
    monkeypatch.delenv("GRANT_INTAKE_REPORT__RECIPIENTS", raising=False)
    result = runner.invoke(_root(sqlite_url), ["report", "weekly", "--week", "2024-W14", "--send"])
    assert result.exit_code == 1
    assert "inga mottagare" in result.output


def test_send_then_send_again_then_force(seeded_factory, sqlite_url, smtp_server):
    controller, inbox = smtp_server
    root = _root(sqlite_url, report={"recipients": {"*": ["a@example.se"]},
                                     "smtp": {"host": "127.0.0.1", "port": controller.port}})
    args = ["report", "weekly", "--week", "2024-W14", "--send"]
    first = runner.invoke(root, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == "2024-W14\ta@example.se\tsent\n"
    assert runner.invoke(root, args).stdout == "2024-W14\ta@example.se\tskipped\n"
    assert runner.invoke(root, [*args, "--force"]).stdout.endswith("\tsent\n")
    assert len(inbox.messages) == 2


def test_send_failure_exits_non_zero(seeded_factory, sqlite_url):
    root = _root(sqlite_url, report={"recipients": {"*": ["a@example.se"]},
                                     "smtp": {"host": "127.0.0.1", "port": free_port()}})
    result = runner.invoke(root, ["report", "weekly", "--week", "2024-W14", "--send"])
    assert result.exit_code == 1
    assert "\tfailed (SMTP 127.0.0.1" in result.stdout


def _cases_list(url: str, *args: str) -> list[dict]:
    result = runner.invoke(grant_intake, ["--db", url, "cases", "list", "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_figures_agree_with_cases_list(seeded_factory, sqlite_url):
    week = IsoWeek.parse("2024-W14")
    now = datetime.now(UTC)
    with seeded_factory() as session:
        figures = collect_figures(session, week, None, now)

    new = _cases_list(sqlite_url, "--status", "all", "--week", str(week))
    assert Counter((c["code"], c["severity"]) for c in new) == {
        (r.code, r.severity): r.count for r in figures.new_flags}

    open_cases = [c for c in _cases_list(sqlite_url, "--status", "open")
                  if as_utc(datetime.fromisoformat(c["received"])) < week.end]
    assert [(c.case.id, c.case.code) for c in figures.open_cases] == [
        (c["id"], c["code"]) for c in open_cases]

    resolved = [c for c in _cases_list(sqlite_url, "--status", "resolved")
                if week.contains(datetime.fromisoformat(c["resolved_at"]))]
    assert [(c.code, c.comment) for c in figures.changes if c.kind == "resolved"] == [
        (c["code"], c["comment"]) for c in resolved]

    hembesok = _cases_list(sqlite_url, "--status", "all", "--week", str(week),
                           "--program", "hembesok")
    with seeded_factory() as session:
        scoped = collect_figures(session, week, ("hembesok",), REPORT_TIME)
    assert len(hembesok) == scoped.new_flags_total
