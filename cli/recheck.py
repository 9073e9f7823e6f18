"""`grant-intake recheck`: run every check again on every stored document (contract), and the
recheck that follows `allocations import`."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer
from sqlalchemy.orm import Session, sessionmaker

from config.settings import Settings


def recheck_with_progress(factory: sessionmaker[Session], settings: Settings, *,
                          reason: str,
                          program_years: Iterable[tuple[str, int]] | None = None) -> list[int]:
    """Run ``recheck_all`` (over ``program_years`` only, when given) with a progress bar on
    stderr; the ids of documents whose flags changed."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from intake.recheck import recheck_all

    console = Console(stderr=True)
    with Progress(TextColumn("Kontrollerar"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("recheck", total=None)
        result = recheck_all(
            factory, threshold=settings.confidence_threshold, reason=reason, actor="cli",
            program_years=program_years,
            progress=lambda done, total: progress.update(task, completed=done, total=total))
    typer.echo(f"{result.total} dokument kontrollerade, avvikelserna ändrades för "
               f"{len(result.changed)}", err=True)
    return result.changed


def register_recheck(app: typer.Typer) -> None:
    @app.command()
    def recheck(ctx: typer.Context, as_json: Annotated[
            bool, typer.Option("--json", help="JSON Lines på stdout, inget annat.")] = False,
    ) -> None:
        """Kör alla kontroller igen på alla dokument; skriver ut dem vars avvikelser ändrades."""
        from sqlalchemy import select
        from sqlalchemy.orm import selectinload

        from cli.main import print_records
        from intake.records import document_record
        from storage.models import Document

        factory = ctx.obj.session_factory()
        changed = recheck_with_progress(factory, ctx.obj.settings, reason="command")
        with factory() as session:
            docs = session.scalars(select(Document).where(Document.id.in_(changed)).options(
                selectinload(Document.flags), selectinload(Document.values),
                selectinload(Document.corrections), selectinload(Document.message))
                .order_by(Document.id))
            records = [document_record(d) for d in docs]
        print_records(records, as_json)
