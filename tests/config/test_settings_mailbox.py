"""The graph mailbox's settings: the contract's defaults, the environment, refusals at start."""
from pathlib import Path

import pytest

from config.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def _clean(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)


def test_graph_defaults_match_the_contract():
    s = load_settings().mailbox
    assert s.graph_url == "https://graph.microsoft.com/v1.0"
    assert s.authority_url == "https://login.microsoftonline.com"
    assert s.ca_bundle is None and s.client_certificate is None


def test_graph_keys_from_the_environment(monkeypatch):
    env = {"KIND": "graph", "EMAIL": "statsbidrag@region.se", "CLIENT_ID": "app",
           "TENANT_ID": "t", "CLIENT_SECRET": "hemligt",
           "GRAPH_URL": "https://graph.microsoft.us/v1.0",
           "AUTHORITY_URL": "https://login.microsoftonline.us", "CA_BUNDLE": "/etc/proxy-ca.pem"}
    for key, value in env.items():
        monkeypatch.setenv(f"GRANT_INTAKE_MAILBOX__{key}", value)
    s = load_settings().mailbox
    assert (s.kind, s.graph_url, s.authority_url, s.ca_bundle) == (
        "graph", "https://graph.microsoft.us/v1.0", "https://login.microsoftonline.us",
        Path("/etc/proxy-ca.pem"))


@pytest.mark.parametrize("kind_or_transport", ["mailbox", "report"])
def test_graph_without_a_secret_or_certificate_is_refused_at_start(monkeypatch, kind_or_transport):
    for key, value in {"EMAIL": "s@region.se", "CLIENT_ID": "app", "TENANT_ID": "t"}.items():
        monkeypatch.setenv(f"GRANT_INTAKE_MAILBOX__{key}", value)
    if kind_or_transport == "mailbox":
        monkeypatch.setenv("GRANT_INTAKE_MAILBOX__KIND", "graph")
    else:
        monkeypatch.setenv("GRANT_INTAKE_REPORT__TRANSPORT", "graph")
    with pytest.raises(SettingsError, match="CLIENT_SECRET .* eller mailbox.client_certificate"):
        load_settings()
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__CLIENT_CERTIFICATE", "/etc/app.pem")
    assert load_settings().mailbox.client_certificate == Path("/etc/app.pem")


def test_imap_oauth2_needs_the_app_registration(monkeypatch):
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__KIND", "imap")
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__AUTH", "oauth2")
    with pytest.raises(SettingsError, match="mailbox.client_id"):
        load_settings()
