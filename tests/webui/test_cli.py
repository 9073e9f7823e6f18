"""`grant-intake users` and the first admin."""
from __future__ import annotations

import typer
from sqlalchemy import select
from typer.testing import CliRunner

from config.settings import Settings
from storage.db import open_database
from storage.models import User
from webui.accounts import authenticate, ensure_admin
from webui.cli import users_app


def _runner_app(settings: Settings) -> typer.Typer:
    root = typer.Typer()

    @root.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = settings

    root.add_typer(users_app, name="users")
    return root


def test_users_add_and_list(tmp_path):
    settings = Settings(db=f"sqlite:///{tmp_path}/u.db", data_dir=tmp_path / "store")
    app, runner = _runner_app(settings), CliRunner()
    added = runner.invoke(app, ["users", "add", "rita", "--role", "registrator",
                                "--password-stdin"], input="ett-långt-lösen\n")
    assert added.exit_code == 0, added.output
    short = runner.invoke(app, ["users", "add", "nils", "--password-stdin"], input="kort\n")
    assert short.exit_code == 2 and "minst 10 tecken" in short.output
    bad_role = runner.invoke(app, ["users", "add", "nils", "--role", "chef", "--password-stdin"],
                             input="ett-långt-lösen\n")
    assert bad_role.exit_code == 2 and "Okänd roll" in bad_role.output
    listed = runner.invoke(app, ["users", "list"])
    assert listed.stdout == "rita\tregistrator\taktiv\n"
    with open_database(settings.db)() as s:
        assert authenticate(s, "rita", "ett-långt-lösen") is not None


def test_ensure_admin_creates_one_admin_once(tmp_path):
    factory = open_database(f"sqlite:///{tmp_path}/a.db")
    with factory() as s:
        password = ensure_admin(s)
        assert password and len(password) >= 12
        assert ensure_admin(s) is None
        assert authenticate(s, "admin", password).role == "admin"
        assert [u.username for u in s.scalars(select(User))] == ["admin"]


def test_users_commands_take_settings_from_a_state_object(tmp_path):
    class State:
        def __init__(self, settings: Settings) -> None:
            self.settings = settings

    settings = Settings(db=f"sqlite:///{tmp_path}/s.db", data_dir=tmp_path / "store")
    root = typer.Typer()

    @root.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = State(settings)

    root.add_typer(users_app, name="users")
    result = CliRunner().invoke(root, ["users", "add", "hanna", "--role", "handlaggare",
                                       "--password-stdin"], input="ett-långt-lösen\n")
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(root, ["users", "list"]).stdout == "hanna\thandlaggare\taktiv\n"


def test_make_server_builds_the_app_on_the_configured_address(tmp_path):
    from webui.cli import make_server

    settings = Settings(db=f"sqlite:///{tmp_path}/m.db", data_dir=tmp_path / "store")
    server = make_server(settings, port=8765)
    assert (server.config.host, server.config.port) == ("127.0.0.1", 8765)
    assert server.config.app.title.startswith("grant-intake")


def test_users_reset_password_ends_the_users_sessions(tmp_path):
    from storage.models import AuditEntry, WebSession

    settings = Settings(db=f"sqlite:///{tmp_path}/r.db", data_dir=tmp_path / "store")
    app, runner = _runner_app(settings), CliRunner()
    runner.invoke(app, ["users", "add", "rita", "--password-stdin"], input="ett-långt-lösen\n")
    factory = open_database(settings.db)
    with factory() as s:
        rita = s.scalar(select(User).where(User.username == "rita"))
        s.add(WebSession(token_hash="a" * 64, user_id=rita.id))
        s.commit()

    generated = runner.invoke(app, ["users", "reset-password", "rita"])
    assert generated.exit_code == 0, generated.output
    password = generated.stdout.strip()
    assert len(password) >= 12 and "rita" in generated.stderr
    typed = runner.invoke(app, ["users", "reset-password", "rita", "--password-stdin"],
                          input="ett-annat-lösen\n")
    assert typed.exit_code == 0
    missing = runner.invoke(app, ["users", "reset-password", "nils"])
    assert missing.exit_code == 2 and "finns inte" in missing.output
    with factory() as s:
        assert authenticate(s, "rita", "ett-annat-lösen") is not None
        assert s.scalar(select(WebSession)) is None
        assert s.scalars(select(AuditEntry).where(
            AuditEntry.action == "user_password_reset")).all()[0].actor == "cli"


def test_behind_a_reverse_proxy_its_forwarded_headers_are_believed(tmp_path):
    from config.settings import WebSettings
    from webui.cli import make_server

    plain = Settings(db=f"sqlite:///{tmp_path}/m.db", data_dir=tmp_path / "store")
    assert make_server(plain).config.proxy_headers is False
    proxied = Settings(db=f"sqlite:///{tmp_path}/m.db", data_dir=tmp_path / "store",
                       web=WebSettings(forwarded_allow_ips="127.0.0.1"))
    config = make_server(proxied).config
    assert config.proxy_headers is True and config.forwarded_allow_ips == "127.0.0.1"
