"""``grant-intake mailbox check`` through the real CLI, for every kind, against the fake Graph
and identity platform, a real Dovecot, the local EWS endpoint and a directory: each
misconfiguration explained in words, exit 0 only when a poll would work, no secret printed,
nothing moved."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.documents import message
from tests.intake.fakes.dovecot import ImapAccount
from tests.intake.fakes.ews import FakeEwsServer
from tests.intake.fakes.graph import READ_WRITE, FakeMicrosoft


@pytest.fixture
def check(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for key in ("KIND", "EMAIL", "CLIENT_ID", "CLIENT_SECRET", "TENANT_ID"):
        monkeypatch.delenv(f"GRANT_INTAKE_MAILBOX__{key}", raising=False)

    def run(env: dict[str, str]):
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        return CliRunner().invoke(app, ["--db", f"sqlite:///{tmp_path}/db.sqlite", "mailbox", "check"])

    return run


def _graph(fake: FakeMicrosoft, **changes: str) -> dict[str, str]:
    env = fake.env()
    env.update({f"GRANT_INTAKE_MAILBOX__{k.upper()}": v for k, v in changes.items()})
    return env


def test_graph_that_works_says_so_and_creates_the_processed_folder(check, microsoft) -> None:
    for n in range(2):
        microsoft.deliver(message(message_id=f"<c{n}@x>"), f"<c{n}@x>")
    first = check(_graph(microsoft))
    assert first.exit_code == 0, first.output
    assert "OK  Token hämtad" in first.output
    assert "Mail.ReadWrite" in first.output
    assert "Behandlat skapades" in first.output
    assert "2 meddelanden väntar i INBOX" in first.output
    assert first.output.rstrip().endswith("Hämtning fungerar.")

    second = check(_graph(microsoft))
    assert second.exit_code == 0 and "Behandlat finns" in second.output
    assert len(microsoft.mailbox.in_folder("INBOX")) == 2  # nothing moved
    assert microsoft.client_secret not in first.output + second.output


@pytest.mark.parametrize(("changes", "said"), [
    ({"client_secret": "fel-hemlighet"}, "fel klienthemlighet (ange hemlighetens värde, inte dess id) (AADSTS7000215)"),
    ({"tenant_id": "okand-tenant"}, "klientorganisationen (tenant_id) finns inte (AADSTS90002)"),
    ({"client_id": "okand-app"}, "appen (client_id) finns inte i klientorganisationen"),
    ({"email": "annan@region.example.se"}, "Brevlådan annan@region.example.se finns inte i Exchange Online"),
    ({"folder": "Saknas"}, "FEL Mappen Saknas finns inte"),
])
def test_graph_misconfigurations_are_explained(check, microsoft, changes, said) -> None:
    result = check(_graph(microsoft, **changes))
    assert result.exit_code == 1, result.output
    assert said in result.output
    assert "Hämtning fungerar inte" in result.output
    for secret in (microsoft.client_secret, "fel-hemlighet"):
        assert secret not in result.output


def test_graph_permission_missing_and_mailbox_outside_the_rbac_scope(check, microsoft) -> None:
    microsoft.roles.remove(READ_WRITE)
    missing = check(_graph(microsoft))
    assert missing.exit_code == 1
    assert "Behörighet saknas: appen har inte applikationsbehörigheten Mail.ReadWrite" in missing.output

    microsoft.roles.append(READ_WRITE)
    microsoft.rbac_scope = {"annan@region.example.se"}
    outside = check(_graph(microsoft))
    assert outside.exit_code == 1
    assert "RBAC för program" in outside.output and "omfattar inte" in outside.output


def test_graph_throttled_during_the_check_still_answers(check, microsoft) -> None:
    microsoft.fail(503, retry_after=1, on="/mailFolders")
    assert check(_graph(microsoft)).exit_code == 0


def test_imap(check, imap_account: ImapAccount) -> None:
    imap_account.append(message())
    env = {"GRANT_INTAKE_MAILBOX__KIND": "imap", "GRANT_INTAKE_MAILBOX__HOST": imap_account.host,
           "GRANT_INTAKE_MAILBOX__PORT": str(imap_account.port),
           "GRANT_INTAKE_MAILBOX__SSL": "false",
           "GRANT_INTAKE_MAILBOX__USERNAME": imap_account.username,
           "GRANT_INTAKE_MAILBOX__PASSWORD": imap_account.password}
    works = check(env)
    assert works.exit_code == 0, works.output
    assert "servern har MOVE" in works.output and "1 meddelanden väntar" in works.output

    refused = check({**env, "GRANT_INTAKE_MAILBOX__PASSWORD": "fel-losen"})
    assert refused.exit_code == 1
    assert "Inloggningen på" in refused.output and "fel-losen" not in refused.output


def test_exchange(check, ews: FakeEwsServer) -> None:
    env = {"GRANT_INTAKE_MAILBOX__KIND": "exchange", "GRANT_INTAKE_MAILBOX__AUTH": "basic",
           "GRANT_INTAKE_MAILBOX__SERVICE_ENDPOINT": ews.url,
           "GRANT_INTAKE_MAILBOX__EMAIL": ews.email, "GRANT_INTAKE_MAILBOX__USERNAME": ews.username,
           "GRANT_INTAKE_MAILBOX__PASSWORD": ews.password,
           "GRANT_INTAKE_MAILBOX__PROCESSED_FOLDER": "INBOX/Behandlat"}
    works = check(env)
    assert works.exit_code == 0, works.output
    assert "INBOX/Behandlat skapades" in works.output and "0 meddelanden väntar" in works.output
    refused = check({**env, "GRANT_INTAKE_MAILBOX__PASSWORD": "fel-losen"})
    assert refused.exit_code == 1 and "Exchange nekade inloggningen" in refused.output


def test_folder(check, tmp_path: Path) -> None:
    inbox = tmp_path / "inkorg"
    missing = check({"GRANT_INTAKE_MAILBOX__KIND": "folder", "GRANT_INTAKE_MAILBOX__PATH": str(inbox)})
    assert missing.exit_code == 1 and "finns inte" in missing.output
    inbox.mkdir()
    (inbox / "a.eml").write_bytes(message())
    works = check({"GRANT_INTAKE_MAILBOX__PATH": str(inbox)})
    assert works.exit_code == 0 and "1 meddelanden väntar" in works.output
