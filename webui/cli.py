"""Command-line entry points for the web UI: `grant-intake users ...` and `grant-intake serve`.

The settings come from the root context's ``obj``: the Settings themselves or an object with a
``settings`` attribute (the `grant-intake` callback's state); without either they are loaded
from the default file and the environment.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy.orm import Session, sessionmaker

from config.settings import Settings, load_settings
from storage.db import open_database
from storage.originals import OriginalStore
from webui.accounts import (
    ROLES,
    AccountError,
    create_user,
    ensure_admin,
    find_user,
    list_users,
    new_password,
    set_password,
)

if TYPE_CHECKING:
    import uvicorn

__all__ = ["ensure_admin", "make_server", "serve", "users_app", "web_thread"]

log = logging.getLogger(__name__)
users_app = typer.Typer(help="Lokala användarkonton för granskningen.", no_args_is_help=True)


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    settings = obj if isinstance(obj, Settings) else getattr(obj, "settings", None)
    return settings if isinstance(settings, Settings) else load_settings()


def _session_factory(ctx: typer.Context) -> sessionmaker[Session]:
    return open_database(_settings(ctx).db)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Lösenord", hide_input=True, confirmation_prompt="Upprepa lösenordet")


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="användarnamn", metavar="NAMN")],
    role: Annotated[str, typer.Option(help=f"roll: {', '.join(ROLES)}")] = "registrator",
    password_stdin: Annotated[bool, typer.Option("--password-stdin",
                                                 help="läs lösenordet från stdin")] = False,
) -> None:
    """Skapa en användare."""
    password = _read_password(password_stdin)
    with _session_factory(ctx)() as session:
        try:
            create_user(session, username, role, password, actor="cli")
        except AccountError as exc:
            typer.echo(f"Fel: {exc}", err=True)
            raise typer.Exit(2) from None
        session.commit()
    typer.echo(f"Användaren {username} ({role}) är skapad.", err=True)


@users_app.command("reset-password")
def users_reset_password(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="användarnamn", metavar="NAMN")],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="läs det nya lösenordet från stdin i stället för att slumpa ett")
    ] = False,
) -> None:
    """Ge en användare ett nytt lösenord och avsluta användarens inloggningar.

    Lösenordet slumpas och skrivs på stdout, om det inte läses från stdin (--password-stdin).
    """
    password = _read_password(True) if password_stdin else new_password()
    with _session_factory(ctx)() as session:
        user = find_user(session, username)
        if user is None:
            typer.echo(f"fel: användaren {username} finns inte", err=True)
            raise typer.Exit(2)
        try:
            set_password(session, user, password, actor="cli")
        except AccountError as exc:
            typer.echo(f"fel: {exc}", err=True)
            raise typer.Exit(2) from None
        if not user.active:
            typer.echo(f"Obs: {user.username} är avstängd; en administratör kan aktivera "
                       f"kontot under Användare.", err=True)
        session.commit()
    typer.echo(f"Nytt lösenord för {username}; alla inloggningar avslutade.", err=True)
    if not password_stdin:
        typer.echo(password)


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """Lista användarna."""
    with _session_factory(ctx)() as session:
        for user in list_users(session):
            state = "aktiv" if user.active else "avstängd"
            typer.echo(f"{user.username}\t{user.role}\t{state}")


def make_server(settings: Settings, host: str | None = None, port: int | None = None
                ) -> uvicorn.Server:
    """A uvicorn server for the web UI, to run on its own or beside the scheduler."""
    import uvicorn

    from webui.app import create_app

    app = create_app(settings, open_database(settings.db), OriginalStore(settings.data_dir))
    behind_proxy = settings.web.forwarded_allow_ips is not None
    config = uvicorn.Config(app, host=host or settings.web.host, port=port or settings.web.port,
                            log_level="info", log_config=None, proxy_headers=behind_proxy,
                            forwarded_allow_ips=settings.web.forwarded_allow_ips,
                            server_header=False)
    return uvicorn.Server(config)


def web_thread(settings: Settings, host: str | None = None, port: int | None = None):
    """An ``extra_jobs`` entry for intake.service.run_service: the web UI in a thread beside
    the scheduler, stopped with the service."""
    import threading

    def start(_scheduler) -> Callable[[], None]:
        server = make_server(settings, host, port)
        server.install_signal_handlers = lambda: None
        thread = threading.Thread(target=server.run, name="webui", daemon=True)
        thread.start()
        log.info("serving host=%s port=%s", server.config.host, server.config.port)

        def stop() -> None:
            server.should_exit = True
            thread.join(timeout=10)

        return stop

    return start


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Serve the web UI until interrupted (`grant-intake serve`)."""
    server = make_server(settings, host, port)
    log.info("serving host=%s port=%s", server.config.host, server.config.port)
    server.run()
