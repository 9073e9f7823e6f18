"""``grant-intake mailbox check``: what the configured mailbox allows, in words."""
from __future__ import annotations

import typer

mailbox_app = typer.Typer(no_args_is_help=True, help="Den inställda brevlådan.")

MARKS = {"ok": "OK ", "fel": "FEL", "obs": "OBS"}


@mailbox_app.command("check")
def check(ctx: typer.Context) -> None:
    """Anslut med inställningarna och säg vad som fungerar; slutkod 0 bara om en hämtning skulle
    fungera."""
    from intake.mailbox_check import check_mailbox

    settings = ctx.obj.settings
    typer.echo(f"Brevlåda: {settings.mailbox.kind}")
    failed = False
    for finding in check_mailbox(settings):
        failed = failed or finding.level == "fel"
        typer.echo(f"{MARKS[finding.level]} {finding.text}")
    typer.echo("Hämtning fungerar inte med de här inställningarna." if failed
               else "Hämtning fungerar.")
    raise typer.Exit(1 if failed else 0)
