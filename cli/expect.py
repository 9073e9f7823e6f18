"""`grant-intake expect`: the documents that should have arrived and have not, and repayments.

Registered by cli.main (``app.command("expect")(expect)``); its callback puts an object with
``session_factory()`` in ``ctx.obj``. Reads only: the daily job keeps the desk's cases.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated

import typer


def _as_of(text: str | None) -> date:
    from storage.expectations import today_in_sweden

    if text is None:
        return today_in_sweden()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"ogiltigt datum {text!r}; skriv t.ex. 2024-04-06",
                                 param_hint="--as-of") from None


def expect(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Dagen kontrollen gäller, ÅÅÅÅ-MM-DD; förvalt i dag (svensk tid).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines på stdout, inget annat.")]
    = False,
) -> None:
    """Handlingar som borde ha kommit in men inte har det, och belopp att återbetala."""
    from config.programs import default_programs
    from storage.expectations import open_expectations

    day = _as_of(as_of)
    with ctx.obj.session_factory()() as session:
        found = open_expectations(session, default_programs(), day)
    if as_json:
        for e in found:
            sys.stdout.write(json.dumps(e.as_record(), ensure_ascii=False) + "\n")
        return
    from cli.tables import plain_table

    plain_table([{"kod": e.code, "statsbidrag": f"{e.program} {e.grant_year}",
                  "organisation": f"{e.org.name} ({e.org.code})",
                  "sista dag": e.deadline.isoformat() if e.deadline else "",
                  "belopp": "" if e.amount is None else f"{e.amount:,} kr".replace(",", " ")}
                 for e in found])
