"""`grant-intake report weekly`: write the report's files, send it, or print it.

Mounted by cli.main (``app.add_typer(report_app, name="report")``), whose callback puts an
object with ``settings`` and ``session_factory()`` in ``ctx.obj``.
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

report_app = typer.Typer(no_args_is_help=True, help="Veckorapporten till handläggarna.")


@report_app.command("weekly")
def weekly(
    ctx: typer.Context,
    week: Annotated[str | None, typer.Option(
        help="ISO-vecka, t.ex. 2024-W14; förvalt den senast avslutade veckan.")] = None,
    out: Annotated[Path | None, typer.Option(
        help="Skriv rapporten som .html, .pdf och .xlsx i den här katalogen.")] = None,
    send: Annotated[bool, typer.Option(
        "--send", help="Skicka till de inställda mottagarna (en gång per vecka).")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Med --send: skicka igen även till dem som redan fått rapporten.")] = False,
) -> None:
    """Veckorapporten om avvikelser: filer med --out, e-post med --send, annars text på stdout."""
    from reports.delivery import build_report, deliver_week, desk_url
    from reports.figures import collect_figures
    from reports.render import render_text, write_files
    from reports.week import IsoWeek, WeekError

    if force and not send:
        raise typer.BadParameter("--force gäller bara tillsammans med --send", param_hint="--force")
    now = datetime.now(UTC)
    try:
        iso_week = IsoWeek.parse(week) if week else IsoWeek.last_complete(now)
    except WeekError as exc:
        raise typer.BadParameter(str(exc), param_hint="--week") from None
    state = ctx.obj
    factory = state.session_factory()
    if out is not None:
        with factory() as session:
            report = build_report(session, state.settings, iso_week, None, now)
        for path in write_files(report, out):
            typer.echo(str(path))
    if send:
        if not state.settings.report.recipients:
            typer.echo("fel: inga mottagare inställda (report.recipients)", err=True)
            raise typer.Exit(1)
        results = deliver_week(factory, state.settings, iso_week, force=force, now=now)
        for r in results:
            detail = f" ({r.error})" if r.error else ""
            typer.echo(f"{r.week}\t{r.recipient}\t{r.status}{detail}")
        if any(r.status == "failed" for r in results):
            raise typer.Exit(1)
    if out is None and not send:
        with factory() as session:
            figures = collect_figures(session, iso_week, None, now,
                                      desk_url=desk_url(state.settings))
            typer.echo(render_text(figures, generated=now, limit=None))
