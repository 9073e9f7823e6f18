"""Operator mistakes as one Swedish line on stderr (exit 2), the traceback only in the debug log.

Every command runs inside ``CommandGroup.invoke``: an exception that reaches it is described by
``describe`` (the real cause: which setting, which path, what the system said), secrets
masked, and the command ends with status 2.
"""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from config.masking import mask
from config.settings import Settings, SettingsError
from config.system_errors import os_reason

log = logging.getLogger("grant_intake")


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"fel: {mask(message)}", err=True)
    raise typer.Exit(code)


def _db_label(settings: Settings | None) -> str:
    return f"databasen {mask(settings.db)}" if settings else "databasen"


def _under(path: str | None, root: Path) -> bool:
    if not path:
        return False
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except OSError:
        return False


def _os_error(exc: OSError, settings: Settings | None) -> str:
    reason = os_reason(exc)
    where = exc.filename
    if settings is not None and _under(where, settings.data_dir):
        return (f"DATA_DIR {settings.data_dir} kan inte användas ({reason}: {where}); "
                f"originalen sparas där: ändra data_dir eller rättigheterna")
    if where:
        return f"{where}: {reason}"
    return reason


def _database_error(exc: Exception, settings: Settings | None) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if "readonly database" in text or "read-only" in text:
        return f"{_db_label(settings)} är skrivskyddad ({text}); inget har sparats"
    if isinstance(orig, sqlite3.OperationalError) and "unable to open" in text:
        return f"{_db_label(settings)} kan inte öppnas ({text})"
    return f"{_db_label(settings)}: {text}"


def describe(exc: BaseException, settings: Settings | None) -> str:
    """One line, in Swedish, with the real cause."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if isinstance(exc, SettingsError):
        return str(exc)
    if isinstance(exc, DBAPIError):
        return _database_error(exc, settings)
    if isinstance(exc, SQLAlchemyError):
        return f"{_db_label(settings)}: {exc}"
    if isinstance(exc, OSError):
        return _os_error(exc, settings)
    if isinstance(exc, MemoryError):
        return "minnet räckte inte till"
    return f"oväntat fel ({type(exc).__name__}: {exc}); kör med --verbose för detaljer"


class CommandGroup(TyperGroup):
    """The root command: every sub-command's failure ends as one line, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, click_exceptions.ClickException):
            raise
        except KeyboardInterrupt:
            typer.echo("Avbrutet.", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - every failure is told as one line
            state = ctx.obj
            settings = getattr(state, "settings", state if isinstance(state, Settings) else None)
            log.debug("command failed", exc_info=exc)
            fail(describe(exc, settings))
