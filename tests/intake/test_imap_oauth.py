"""IMAP with XOAUTH2: a real Dovecot whose oauth2 passdb checks each token at the fake identity
platform's introspection endpoint (over TLS, trusting the fake's CA); the token is MSAL's, from
the client-credentials grant, as for Exchange Online's IMAP with IMAP.AccessAsApp. The same
Dovecot serves IMAPS with a certificate from that CA, trusted through mailbox.ca_bundle."""
from __future__ import annotations

import shutil

import pytest
from pydantic import SecretStr

from intake.sources.base import SourceError
from intake.sources.imap import ImapSource
from tests.documents import message
from tests.intake.fakes.dovecot import DOVECOT, DovecotServer, ImapAccount
from tests.intake.fakes.graph import IMAP_ROLE, FakeMicrosoft


@pytest.fixture(scope="module")
def identity():
    fake = FakeMicrosoft(roles=(IMAP_ROLE,))
    yield fake
    fake.stop()
    assert not fake.errors, fake.errors


@pytest.fixture(scope="module")
def dovecot_oauth(identity):
    if not shutil.which(DOVECOT):
        pytest.skip("dovecot is not installed (make setup installs dovecot-imapd)")
    server = DovecotServer(users=20, introspection_url=f"{identity.base}/introspect",
                           ca_file=identity.ca_file, tls_cert=identity.ca.issue_cert("127.0.0.1"))
    yield server
    server.stop()


@pytest.fixture
def account(dovecot_oauth, identity) -> ImapAccount:
    account = dovecot_oauth.add_user()
    identity.imap_user = account.username
    identity.roles[:] = [IMAP_ROLE]
    return account


def _settings(account: ImapAccount, identity: FakeMicrosoft, **overrides):
    values = dict(password=None, auth="oauth2", client_id=identity.client_id,
                  client_secret=SecretStr(identity.client_secret), tenant_id=identity.tenant_id,
                  authority_url=identity.base, ca_bundle=identity.ca_file)
    values.update(overrides)
    return account.settings(**values)


def test_xoauth2_with_an_app_token_reads_and_moves(account, identity) -> None:
    account.append(message(message_id="<xo@region.example.se>"))
    issued = identity.tokens_issued
    source = ImapSource(_settings(account, identity))
    items = list(source.fetch())
    for item in items:
        source.mark_processed(item)
    source.close()
    assert [i.message_id for i in items] == ["<xo@region.example.se>"]
    assert identity.tokens_issued == issued + 1
    assert account.uids("INBOX") == [] and len(account.uids("Behandlat")) == 1


def test_a_token_without_imap_permission_is_refused_by_the_server(account, identity) -> None:
    identity.roles[:] = ["Mail.ReadWrite"]
    with pytest.raises(SourceError, match="AUTHENTICATIONFAILED|Authentication failed|authentication"):
        list(ImapSource(_settings(account, identity)).fetch())


def test_a_wrong_secret_never_reaches_the_server(account, identity) -> None:
    with pytest.raises(SourceError, match="AADSTS7000215") as refused:
        list(ImapSource(_settings(account, identity, client_secret=SecretStr("fel"))).fetch())
    assert "fel klienthemlighet" in str(refused.value)


def test_passwords_still_work_beside_xoauth2(account) -> None:
    account.append(message(message_id="<pw@region.example.se>"))
    assert [i.message_id for i in ImapSource(account.settings()).fetch()] == ["<pw@region.example.se>"]


def test_mailbox_check_with_xoauth2(account, identity, tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from cli.main import app

    monkeypatch.chdir(tmp_path)
    env = {"KIND": "imap", "HOST": account.host, "PORT": str(account.port), "SSL": "false",
           "USERNAME": account.username, "AUTH": "oauth2", "CLIENT_ID": identity.client_id,
           "CLIENT_SECRET": identity.client_secret, "TENANT_ID": identity.tenant_id,
           "AUTHORITY_URL": identity.base, "CA_BUNDLE": str(identity.ca_file)}
    for key, value in env.items():
        monkeypatch.setenv(f"GRANT_INTAKE_MAILBOX__{key}", value)
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{tmp_path}/db.sqlite", "mailbox", "check"])
    assert result.exit_code == 0, result.output
    assert "(XOAUTH2 med app-token); servern har MOVE" in result.output
    assert identity.client_secret not in result.output


def test_xoauth2_over_imaps_trusting_the_ca_bundle(account, identity, dovecot_oauth) -> None:
    account.append(message(message_id="<tls@region.example.se>"))
    imaps = _settings(account, identity, port=dovecot_oauth.imaps_port, ssl="true")
    assert [i.message_id for i in ImapSource(imaps).fetch()] == ["<tls@region.example.se>"]
    untrusted = account.settings(port=dovecot_oauth.imaps_port, ssl="true")  # password, no CA
    with pytest.raises(SourceError, match="IMAP-servern.*CERTIFICATE_VERIFY_FAILED"):
        list(ImapSource(untrusted).fetch())
    trusted = untrusted.model_copy(update={"ca_bundle": identity.ca_file})
    assert [i.message_id for i in ImapSource(trusted).fetch()] == ["<tls@region.example.se>"]
