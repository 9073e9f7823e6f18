"""Exchange logins built from the settings, each against the local EWS endpoint demanding it.

The OAuth2 tests point ``mailbox.authority_url`` at the fake's token endpoint (the connection
module's credentials take the token URL from it; exchangelib's own is fixed to
login.microsoftonline.com); everything else (the client-credentials request, the Bearer header,
impersonation) is exchangelib's own.
"""
from __future__ import annotations

import pytest
import requests
from typer.testing import CliRunner

from cli.main import app as grant_intake
from config.settings import SettingsError, load_settings
from intake.sources.base import SourceError
from intake.sources.exchange import ExchangeSource
from tests.documents import message as make_message
from tests.intake.fakes.ews import FakeEwsServer


@pytest.fixture
def ews_ntlm(monkeypatch):
    """The endpoint demanding NTLM for a domain account (pyspnego's acceptor checks it)."""
    server = FakeEwsServer(auth="ntlm", username="REGION\\statsbidrag")
    monkeypatch.setenv("NTLM_USER_FILE", str(server.ntlm_user_file))
    yield server
    server.stop()
    assert not server.mailbox.errors, server.mailbox.errors


@pytest.fixture
def ews_oauth(monkeypatch):
    """The endpoint demanding Bearer tokens from its own token endpoint, on plain HTTP."""
    server = FakeEwsServer(auth="oauth2")
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    yield server
    server.stop()
    assert not server.mailbox.errors, server.mailbox.errors


def _poll(server: FakeEwsServer, **overrides) -> list[str | None]:
    source = ExchangeSource(server.settings(**overrides), max_wait=30)
    try:
        return [item.message_id for item in source.fetch()]
    finally:
        source.close()


def test_basic_is_demanded_and_the_password_accepted(ews) -> None:
    anonymous = requests.post(ews.url, data=b"<x/>", timeout=5)
    assert (anonymous.status_code, anonymous.headers["WWW-Authenticate"]) == (
        401, 'Basic realm="ews"')
    ews.mailbox.deliver(make_message(message_id="<b@x>"), "<b@x>")
    assert _poll(ews) == ["<b@x>"]
    assert set(ews.mailbox.logins) == {"Basic"}


def test_ntlm_challenge_then_handshake_on_the_connection(ews_ntlm) -> None:
    ews_ntlm.mailbox.deliver(make_message(message_id="<n@x>"), "<n@x>")
    assert _poll(ews_ntlm) == ["<n@x>"]
    first, challenge = ews_ntlm.mailbox.challenges[:2]
    assert first == "NTLM" and challenge.startswith("NTLM ")
    assert set(ews_ntlm.mailbox.logins) == {"NTLM"}
    assert "GetItem" in ews_ntlm.mailbox.calls


@pytest.mark.parametrize("server", ["ews", "ews_ntlm"])
def test_a_refused_password_fails_at_once_with_a_clear_error(server, request) -> None:
    """Not retried as throttling until max_wait (30 s here): the first request fails fast."""
    with pytest.raises(SourceError, match="Exchange nekade inloggningen"):
        _poll(request.getfixturevalue(server), password="fel")


def test_oauth2_client_credentials_token_then_bearer_with_impersonation(ews_oauth) -> None:
    ews_oauth.mailbox.deliver(make_message(message_id="<o@x>"), "<o@x>")
    assert _poll(ews_oauth) == ["<o@x>"]
    assert ews_oauth.mailbox.calls[0] == "token"
    assert ews_oauth.mailbox.calls.count("token") == 1
    assert set(ews_oauth.mailbox.logins) == {"Bearer"}


@pytest.mark.parametrize("override", [{"client_secret": "fel"}, {"tenant_id": "annan-tenant"}])
def test_a_refused_oauth2_client_is_a_source_error_not_a_crash(ews_oauth, override) -> None:
    from pydantic import SecretStr

    values = {k: SecretStr(v) if k == "client_secret" else v for k, v in override.items()}
    with pytest.raises(SourceError, match="Exchange nekade inloggningen.*invalid_client"):
        _poll(ews_oauth, **values)
    assert ews_oauth.mailbox.logins == []


EXCHANGE_ENV = {"GRANT_INTAKE_MAILBOX__KIND": "exchange",
                "GRANT_INTAKE_MAILBOX__EMAIL": "statsbidrag@region.example.se"}


@pytest.mark.parametrize(("env", "named"), [
    ({"GRANT_INTAKE_MAILBOX__AUTH": "oauth2", "GRANT_INTAKE_MAILBOX__CLIENT_ID": "app",
      "GRANT_INTAKE_MAILBOX__CLIENT_SECRET": "s"}, ["mailbox.tenant_id"]),
    ({"GRANT_INTAKE_MAILBOX__AUTH": "oauth2", "GRANT_INTAKE_MAILBOX__CLIENT_ID": "app",
      "GRANT_INTAKE_MAILBOX__TENANT_ID": "t"}, ["GRANT_INTAKE_MAILBOX__CLIENT_SECRET"]),
    ({"GRANT_INTAKE_MAILBOX__USERNAME": "REGION\\statsbidrag"},
     ["GRANT_INTAKE_MAILBOX__PASSWORD"]),
    ({"GRANT_INTAKE_MAILBOX__AUTH": "basic", "GRANT_INTAKE_MAILBOX__PASSWORD": ""},
     ["mailbox.username", "GRANT_INTAKE_MAILBOX__PASSWORD"]),
])
def test_incomplete_exchange_settings_are_refused_at_start(monkeypatch, tmp_path, env, named):
    monkeypatch.chdir(tmp_path)
    for key, value in {**EXCHANGE_ENV, **env}.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError, match="Exchange-inloggningen") as refused:
        load_settings()
    assert all(name in str(refused.value) for name in named)


def test_exchange_report_transport_needs_the_mailbox_login(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRANT_INTAKE_REPORT__TRANSPORT", "exchange")
    with pytest.raises(SettingsError, match="mailbox.email"):
        load_settings()
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__EMAIL", "statsbidrag@region.example.se")
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__USERNAME", "statsbidrag")
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__PASSWORD", "hemligt")
    assert load_settings().report.transport == "exchange"


def test_the_command_stops_before_polling_and_says_what_is_missing(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    env = {**EXCHANGE_ENV, "GRANT_INTAKE_MAILBOX__AUTH": "oauth2",
           "GRANT_INTAKE_MAILBOX__CLIENT_ID": "app",
           "GRANT_INTAKE_MAILBOX__CLIENT_SECRET": "s3cr3t"}
    result = CliRunner().invoke(grant_intake, ["poll"], env=env)
    assert result.exit_code == 2
    assert "fel: Exchange-inloggningen (auth = oauth2) saknar mailbox.tenant_id" in result.output
    assert "s3cr3t" not in result.output and "Traceback" not in result.output


def test_an_internal_ca_is_trusted_through_ca_bundle() -> None:
    """EWS over TLS with a certificate from the organisation's own CA: refused until
    mailbox.ca_bundle names that CA, then trusted besides the system's authorities."""
    server = FakeEwsServer(tls=True)
    try:
        server.mailbox.deliver(make_message(message_id="<tls@x>"), "<tls@x>")
        with pytest.raises(SourceError, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            _poll(server)
        assert _poll(server, ca_bundle=server.ca_file) == ["<tls@x>"]
    finally:
        server.stop()
