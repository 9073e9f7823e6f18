"""grant-intake: the command line (Typer). Heavy parts are imported inside the commands that
need them, so every command starts fast."""
from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from cli import swedish
from cli.errors import CommandGroup, fail
from cli.expect import expect
from cli.logs import configure_logging
from cli.mailbox import mailbox_app
from cli.recheck import register_recheck
from config.masking import mask
from config.settings import Settings, SettingsError, load_settings
from reports.cli import report_app
from webui.cli import users_app

swedish.install()
app = typer.Typer(cls=CommandGroup, no_args_is_help=True, add_completion=False,
                  help="Dokumentintag för statsbidrag: e-post in, kontrollerade handlingar ut.")
documents_app = typer.Typer(no_args_is_help=True, help="Registrerade handlingar.")
allocations_app = typer.Typer(no_args_is_help=True, help="Tilldelningslistor.")
cases_app = typer.Typer(no_args_is_help=True, help="Ärenden (flaggade avvikelser).")
app.add_typer(documents_app, name="documents")
app.add_typer(allocations_app, name="allocations")
app.add_typer(cases_app, name="cases")
app.add_typer(report_app, name="report")
app.add_typer(users_app, name="users")
app.add_typer(mailbox_app, name="mailbox")
app.command("expect")(expect)

log = logging.getLogger("grant_intake")
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON Lines på stdout, inget annat.")]


@dataclass
class State:
    settings: Settings

    def session_factory(self):
        from storage.db import open_database

        try:
            return open_database(self.settings.db)
        except Exception as exc:  # noqa: BLE001 - any database failure ends the command
            log.debug("opening the database", exc_info=exc)
            reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
            fail(f"Databasen kan inte öppnas ({mask(self.settings.db)}): {reason}")

    def store(self):
        from storage.originals import OriginalStore

        return OriginalStore(self.settings.data_dir)


def emit(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help="Databas-URL (GRANT_INTAKE_DB).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Inställningsfil (TOML).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Mer loggning.")] = False,
) -> None:
    configure_logging(verbose)
    try:
        settings = load_settings(config, db=db)
    except (SettingsError, ValueError) as exc:
        fail(str(exc))
    explicit = db is not None or "GRANT_INTAKE_DB" in os.environ
    if explicit:
        _check_database_directory(settings.db)
    ctx.obj = State(settings)


def _check_database_directory(url: str) -> None:
    """A SQLite file named on the command line (or in GRANT_INTAKE_DB) must be in a directory
    that exists: a typo should not quietly create a new, empty database somewhere."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        fail(f"ogiltig databas-URL: {mask(url)}")
    name = parsed.database
    if not parsed.drivername.startswith("sqlite") or name in (None, "", ":memory:"):
        return
    if name.startswith("file:"):
        name = name[len("file:"):].split("?", 1)[0]
    parent = Path(name).parent
    if not parent.is_dir():
        fail(f"katalogen {parent} för databasen {mask(url)} finns inte")


def print_records(records: list[dict], as_json: bool,
                  stored_before: list[bool] | None = None) -> None:
    """Records as JSON Lines, or a readable table (saying which were already stored)."""
    if as_json:
        for rec in records:
            emit(rec)
        return
    from cli.tables import records_table

    records_table(records, stored_before)


@app.command()
def ingest(ctx: typer.Context,
           paths: Annotated[list[Path], typer.Argument(help="Filer och kataloger.",
                                                       metavar="SÖKVÄG")],
           as_json: JsonOpt = False) -> None:
    """Registrera .eml-filer, PDF- och bildfiler och kataloger (även Maildir), en gång."""
    from cli.inputs import expand, incoming_for
    from cli.progress import progress_bar
    from intake.pipeline import Pipeline

    state: State = ctx.obj
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail("finns inte: " + ", ".join(missing))
    files = expand(paths)
    factory = state.session_factory()
    shown: list[dict] = []
    stored_before: list[bool] = []
    with Pipeline(state.settings, factory, state.store()) as pipeline, \
            progress_bar("Registrerar", len(files)) as progress:
        for result in pipeline.process_many(incoming_for(f) for f in files):
            progress.advance()
            if as_json:
                for rec in result.records:
                    emit(rec)
            else:
                shown += result.records
                stored_before += [not result.new] * len(result.records)
    if not as_json:
        print_records(shown, False, stored_before)


@app.command()
def extract(ctx: typer.Context,
            files: Annotated[list[Path], typer.Argument(help="Filer.", metavar="FIL")],
            as_json: JsonOpt = False) -> None:
    """Läs ut fälten ur handlingar utan att spara något."""
    from cli.inputs import expand, incoming_for
    from extractors.fields import extract_fields
    from extractors.model import Extraction
    from extractors.reading.pages import DocumentReader
    from extractors.reading.sniff import sniff_media_type
    from intake.message import parse_message
    from intake.pipeline import read_options
    from intake.records import extraction_record

    state: State = ctx.obj
    items = []
    for path in expand(files):
        inc = incoming_for(path)
        if inc.kind == "eml":
            items += [(f"{path}:{a.filename}", a.data) for a in parse_message(inc.raw).attachments]
        else:
            items.append((str(path), inc.raw))
    records = []
    with DocumentReader(read_options(state.settings)) as reader:
        for key, text in reader.read_many((k, d, sniff_media_type(d)) for k, d in items):
            fields = Extraction() if text.error else extract_fields(text)
            rec = {"file": key, **extraction_record(fields, len(text.pages), text.ocr, text.error)}
            if as_json:
                emit(rec)
            else:
                records.append(rec)
    if not as_json:
        print_records(records, False)


@app.command()
def poll(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Hämta ny post från den inställda brevlådan en gång."""
    from cli.progress import progress_bar
    from intake.service import poll_once
    from intake.sources.base import SourceError

    with progress_bar("Hämtar") as progress:
        try:
            records = poll_once(ctx.obj.settings, on_item=lambda _processed: progress.advance())
        except SourceError as exc:
            fail(f"brevlådan kan inte läsas: {exc}")
    print_records(records, as_json)


HostOpt = Annotated[str | None, typer.Option("--host", help="Adress att lyssna på.")]
PortOpt = Annotated[int | None, typer.Option("--port", help="Port att lyssna på.")]


@app.command()
def serve(ctx: typer.Context, host: HostOpt = None, port: PortOpt = None) -> None:
    """Granskningsgränssnittet (webb) för sig."""
    from webui.cli import serve as serve_web

    serve_web(ctx.obj.settings, host, port)


@app.command()
def run(ctx: typer.Context, host: HostOpt = None, port: PortOpt = None) -> None:
    """Tjänsten: schemalagd hämtning, veckorapporten och granskningsgränssnittet."""
    from intake.service import run_service
    from reports.job import install_weekly_job
    from webui.cli import web_thread

    settings: Settings = ctx.obj.settings
    ctx.obj.session_factory()
    run_service(settings, [install_weekly_job(settings), web_thread(settings, host, port)])


STATUS_LABELS = {
    "source": "Källa", "kind": "Slag", "poll_minutes": "Minuter mellan hämtningar",
    "last_poll": "Senaste hämtning", "last_success": "Senaste lyckade hämtning",
    "last_error": "Senaste fel", "last_error_at": "Felet inträffade",
    "failures": "Misslyckade hämtningar i rad", "backlog": "Väntar i brevlådan",
    "retry_not_before": "Nästa försök tidigast",
}


@app.command()
def status(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Senaste lyckade hämtning, senaste fel och kö."""
    from intake.service import service_status

    info = service_status(ctx.obj.settings)
    if as_json:
        emit(info)
    else:
        from cli.tables import show_pairs

        show_pairs(info, STATUS_LABELS)


@documents_app.command("list")
def documents_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Alla registrerade handlingar med flaggor som de står nu."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from intake.records import document_record
    from storage.models import Document

    with ctx.obj.session_factory()() as session:
        docs = session.scalars(select(Document).options(
            selectinload(Document.flags), selectinload(Document.values),
            selectinload(Document.corrections), selectinload(Document.message))
            .order_by(Document.id))
        print_records([document_record(d) for d in docs], as_json)


@documents_app.command("reindex")
def documents_reindex(ctx: typer.Context) -> None:
    """Läs om originalen till handlingar som saknar sparad sidtext, för sökningen."""
    from extractors.reading.pages import DocumentReader
    from intake.page_text import backfill_page_texts
    from intake.pipeline import read_options

    settings = ctx.obj.settings
    with DocumentReader(read_options(settings)) as reader:
        done = backfill_page_texts(ctx.obj.session_factory(), ctx.obj.store(), reader)
    typer.echo(f"Sidtext sparad för {done} {'handling' if done == 1 else 'handlingar'}.")


@allocations_app.command("import")
def allocations_import(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="CSV- eller XLSX-fil.", metavar="FIL")]) -> None:
    """Läs in en tilldelningslista (CSV eller XLSX); rader med fel hoppas över och visas."""
    from cli.recheck import recheck_with_progress
    from storage.allocation_file import AllocationFileError, read_allocation_file, summary_text
    from storage.allocations import import_allocations

    if not file.is_file():
        fail(f"finns inte: {file}")
    try:
        parsed = read_allocation_file(file)
    except AllocationFileError as exc:
        fail(f"{file}: {exc}; inget har lästs in")
    for problem in parsed.problems:
        typer.echo(f"fel: {file}: {problem}", err=True)
    if not parsed.rows:
        fail(f"{file}: ingen rad utan fel; inget har lästs in", code=1)
    factory = ctx.obj.session_factory()
    with factory() as session:
        summary = import_allocations(session, parsed.rows, str(file))
        session.commit()
    bad = len(parsed.bad_lines)
    typer.echo(f"{file}: {summary_text(summary.added, summary.changed, summary.unchanged, bad or None)}"
               + ("; raderna med fel är inte inlästa" if bad else ""), err=True)
    recheck_with_progress(factory, ctx.obj.settings, reason="allocation_import",
                          program_years=summary.program_years)


@allocations_app.command("list")
def allocations_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Tilldelningar per program och år."""
    from storage.allocations import allocation_rows

    with ctx.obj.session_factory()() as session:
        rows = [{"program": a.program, "grant_year": a.grant_year, "recipient_code": a.recipient_code,
                 "recipient_name": a.recipient_name, "amount_sek": a.amount_sek,
                 "municipal_share_min_percent": a.municipal_share_min_percent}
                for a in allocation_rows(session)]
    if as_json:
        for r in rows:
            emit(r)
    else:
        from cli.tables import show_table
        from validators.swedish import format_amount

        show_table([{**r, "amount_sek": format_amount(r["amount_sek"])} for r in rows], {
            "program": "Statsbidrag", "grant_year": "År", "recipient_code": "SCB-kod",
            "recipient_name": "Mottagare", "amount_sek": "Tilldelat",
            "municipal_share_min_percent": "Minsta kommunandel (%)"},
            empty="(inga tilldelningar)")


@cases_app.command("list")
def cases_list(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    status_: Annotated[str, typer.Option("--status", help="open, resolved, dismissed eller all")] = "open",
    code: Annotated[str | None, typer.Option(help="Avvikelsekod")] = None,
    severity: Annotated[str | None, typer.Option(help="error, warning, info, review")] = None,
    program: Annotated[str | None, typer.Option(help="Statsbidrag (program-id, t.ex. hembesok)")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Bidragsår")] = None,
    org: Annotated[str | None, typer.Option("--org", help="SCB-kod")] = None,
    week: Annotated[str | None, typer.Option(help="Flaggor skapade ISO-vecka, t.ex. 2024-W14")] = None,
) -> None:
    """Ärenden, äldst först."""
    from storage.cases import CaseFilter, case_record, list_cases

    if status_ not in ("open", "resolved", "dismissed", "all"):
        fail(f"okänd status: {status_}")
    created_from = created_to = None
    if week:
        from cli.weeks import week_bounds

        try:
            created_from, created_to = week_bounds(week)
        except ValueError as exc:
            fail(str(exc))
    f = CaseFilter(status=None if status_ == "all" else status_, code=code, severity=severity,
                   program=program, grant_year=year, org_code=org, created_from=created_from,
                   created_to=created_to)
    with ctx.obj.session_factory()() as session:
        rows = [case_record(c) for c in list_cases(session, f)]
    if as_json:
        for r in rows:
            emit(r)
    else:
        from cli.tables import show_table
        from config.vocabulary import SEVERITY_NAMES, STATUS_NAMES

        show_table([{**r, "severity": SEVERITY_NAMES.get(r["severity"], r["severity"]),
                     "status": STATUS_NAMES.get(r["status"], r["status"]),
                     "received": _local_minute(r["received"])} for r in rows], {
            "id": "Nr", "code": "Kod", "severity": "Allvar", "status": "Status",
            "received": "Inkom", "message": "Meddelande"}, empty="(inga ärenden)")


def _local_minute(iso: str | None) -> str | None:
    """"2024-03-20T09:00:00+01:00" as "2024-03-20 09:00" in Swedish time."""
    if not iso:
        return None
    from datetime import datetime

    from validators.swedish import stockholm_time

    return f"{stockholm_time(datetime.fromisoformat(iso)):%Y-%m-%d %H:%M}"


RESET_HINT = ".venv/bin/grant-intake users reset-password admin"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@app.command("demo-setup")
def demo_setup(ctx: typer.Context) -> None:
    """Förbered en första körning: exempelhandlingar i inkorgen, tilldelningar, ett adminkonto."""
    import shutil

    from sqlalchemy import func, select

    from storage.allocation_file import read_allocation_file
    from storage.allocations import import_allocations
    from storage.models import Allocation, Message
    from webui.accounts import ensure_admin

    settings: Settings = ctx.obj.settings
    inbox = settings.mailbox.path
    inbox.mkdir(parents=True, exist_ok=True)
    with ctx.obj.session_factory()() as session:
        if not session.scalar(select(func.count(Message.id))) and not any(inbox.glob("*.eml")):
            for sample in sorted(SAMPLES.glob("*.eml")):
                shutil.copy(sample, inbox / sample.name)
            typer.echo(f"Exempelhandlingar lagda i {inbox}/", err=True)
        if not session.scalar(select(func.count(Allocation.id))):
            import_allocations(session, read_allocation_file(SAMPLES / "allocations.csv").rows,
                               "samples/allocations.csv")
        password = ensure_admin(session)
        session.commit()
    url = f"http://{settings.web.host}:{settings.web.port}/login"
    if password:
        typer.echo(f"\nGranskningen:  {url}\nAnvändare:     admin\nLösenord:      {password}"
                   f"\n(Lösenordet visas bara nu; byt det under ditt namn när du loggat in.)\n")
    else:
        typer.echo(f"\nGranskningen:  {url} (användare admin)\nGlömt lösenordet? "
                   f"{RESET_HINT}\n")


register_recheck(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
