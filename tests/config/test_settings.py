from pathlib import Path

import pytest

from config.settings import SettingsError, load_settings


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_match_the_contract(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    s = load_settings()
    assert s.db == "sqlite:///var/grant-intake.db"
    assert s.data_dir == Path("var/store")
    assert (s.mailbox.kind, s.mailbox.path, s.mailbox.port, s.mailbox.ssl) == ("folder", Path("var/inbox"), 993, "true")
    assert (s.mailbox.folder, s.mailbox.processed_folder, s.poll_minutes) == ("INBOX", "Behandlat", 5)


def test_environment_wins_over_file_and_nests_with_double_underscore(monkeypatch, tmp_path):
    path = _toml(tmp_path, 'poll_minutes = 10\n[mailbox]\nkind = "imap"\nhost = "file.example"\n')
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__HOST", "env.example")
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__PASSWORD", "hemligt")
    s = load_settings(path)
    assert (s.poll_minutes, s.mailbox.kind, s.mailbox.host) == (10, "imap", "env.example")
    assert s.mailbox.password.get_secret_value() == "hemligt"
    assert "hemligt" not in repr(s)


def test_command_line_wins_over_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GRANT_INTAKE_DB", "sqlite:///env.db")
    assert load_settings(_toml(tmp_path, ""), db="sqlite:///cli.db").db == "sqlite:///cli.db"


@pytest.mark.parametrize("text", [
    '[mailbox]\npassword = "x"\n',
    '[mailbox]\nclient_secret = "x"\n',
    '[report.smtp]\nsmtp_password = "x"\n',
])
def test_secrets_in_the_file_are_refused(tmp_path, text):
    with pytest.raises(SettingsError, match="miljövariabler"):
        load_settings(_toml(tmp_path, text))


def test_missing_or_broken_file_is_a_clear_error(tmp_path):
    with pytest.raises(SettingsError, match="finns inte"):
        load_settings(tmp_path / "nope.toml")
    with pytest.raises(SettingsError, match="kan inte läsas"):
        load_settings(_toml(tmp_path, "poll_minutes = = 3"))


@pytest.mark.parametrize(("text", "unknown", "nearest"), [
    ("pol_minutes = 3\n", "pol_minutes", "poll_minutes"),
    ("[raport]\nhour = 7\n", "[raport]", "[report]"),
    ("[mailbox]\nhots = 'x'\n", "mailbox.hots", "mailbox.host"),
    ("[session]\nsecure_cokie = true\n", "session.secure_cokie", "session.secure_cookie"),
    ("[web]\nsession_hours = 8\n", "web.session_hours", "session.hours"),
])
def test_an_unknown_key_is_refused_naming_the_nearest(tmp_path, text, unknown, nearest):
    with pytest.raises(SettingsError) as info:
        load_settings(_toml(tmp_path, text))
    message = str(info.value)
    assert unknown in message and nearest in message
    assert "\n" not in message


def test_an_unknown_nested_environment_variable_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("GRANT_INTAKE_REPORT__RECIPIENTS__HEMBESOK", '["a@example.se"]')
    monkeypatch.setenv("GRANT_INTAKE_TEST_PG", "postgresql://x")  # not a setting: left alone
    assert load_settings(_toml(tmp_path, "")).report.recipients == {"hembesok": ["a@example.se"]}
    monkeypatch.setenv("GRANT_INTAKE_MAILBOX__HSOT", "x")
    with pytest.raises(SettingsError, match="GRANT_INTAKE_MAILBOX__HOST"):
        load_settings(_toml(tmp_path, ""))


@pytest.mark.parametrize(("text", "words"), [
    ("poll_minutes = 'ofta'\n", ["poll_minutes", "heltal", "'ofta'"]),
    ("[mailbox]\nkind = 'pop3'\n", ["mailbox.kind", "'pop3'", "folder", "imap"]),
    ("[session]\nsecure_cookie = 'kanske'\n", ["session.secure_cookie", "true eller false"]),
    ("[ocr]\ndpi = 3.5\n", ["ocr.dpi", "heltal"]),
])
def test_a_bad_value_is_explained_in_swedish_without_class_names(tmp_path, text, words):
    with pytest.raises(SettingsError) as info:
        load_settings(_toml(tmp_path, text))
    message = str(info.value)
    for word in words:
        assert word in message
    for english in ("validation error", "Input should", "type=", "pydantic", "Settings"):
        assert english not in message


def test_a_bad_environment_value_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("GRANT_INTAKE_POLL_MINUTES", "fem")
    with pytest.raises(SettingsError, match="GRANT_INTAKE_POLL_MINUTES"):
        load_settings(_toml(tmp_path, ""))
