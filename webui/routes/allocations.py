"""Allocations per program-year and the programs: a handläggare's pages.

An uploaded list is read and checked in the worker threads (these endpoints are plain
``def``), never on the event loop; its good rows wait on the server for the confirmation.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from intake.recheck import recheck_in_background
from storage.allocation_file import AllocationFileError, parse_allocation_file, summary_text
from storage.allocation_sheets import allocations_xlsx, template_xlsx
from storage.allocations import allocation_rows, import_allocations
from webui.allocation_views import (
    allocation_overview,
    change_counts,
    preview_changes,
    stash_upload,
    take_upload,
)
from webui.deps import Csrf, Db, Handlaggare
from webui.errors import PageError
from webui.sessions import flash

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

MAX_UPLOAD = 20 * 1024 * 1024
"""Bytes: a list of every recipient for every program-year is well under 1 MB."""
SHOWN_CHANGES = 500
SHOWN_PROBLEMS = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _overview(request: Request, db: Session, *, status_code: int = 200,
              error: str | None = None, problems: list | None = None,
              hidden_problems: int = 0) -> Response:
    return request.app.state.templates.TemplateResponse(request, "allocations.html", {
        "groups": allocation_overview(db), "error": error, "problems": problems or [],
        "hidden_problems": hidden_problems}, status_code=status_code)


def _xlsx(data: bytes, filename: str) -> Response:
    return Response(data, media_type=XLSX, headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store"})


@router.get("/allocations")
def allocations(request: Request, db: Db, user: Handlaggare) -> Response:
    return _overview(request, db)


@router.get("/allocations/template.xlsx")
def template(request: Request, user: Handlaggare) -> Response:
    return _xlsx(template_xlsx(request.app.state.programs), "fordelningslista-mall.xlsx")


@router.get("/allocations/current.xlsx")
def current_list(db: Db, user: Handlaggare) -> Response:
    return _xlsx(allocations_xlsx(allocation_rows(db)),
                 f"fordelningslista-{date.today().isoformat()}.xlsx")


@router.post("/allocations/preview")
def preview(request: Request, db: Db, user: Handlaggare, file: UploadFile | None = None,
            _csrf: None = Csrf) -> Response:
    """Read and check an uploaded list and show what would change; nothing is saved yet."""
    if file is None or not file.filename:
        return _overview(request, db, status_code=422, error="Välj en fil (CSV eller XLSX).")
    name = file.filename[:200]
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _overview(request, db, status_code=413, error=(
            f"Filen {name} är för stor: högst {MAX_UPLOAD // 1024 // 1024} MB. "
            "Dela upp listan per statsbidrag och år."))
    try:
        parsed = parse_allocation_file(data, name, request.app.state.programs)
    except AllocationFileError as exc:
        return _overview(request, db, status_code=422,
                         error=f"Fördelningslistan {name} kan inte läsas: {exc}")
    problems = parsed.problems
    bad = len(parsed.bad_lines)
    if not parsed.rows:
        return _overview(
            request, db, status_code=422, problems=problems[:SHOWN_PROBLEMS],
            hidden_problems=max(0, len(problems) - SHOWN_PROBLEMS),
            error=f"Fördelningslistan {name} kan inte sparas: ingen rad är utan fel.")
    changes = preview_changes(db, parsed.rows)
    counts = change_counts(changes)
    upload_id = stash_upload(db, user.id, name, parsed.rows)
    db.commit()
    return request.app.state.templates.TemplateResponse(request, "allocation_preview.html", {
        "changes": changes[:SHOWN_CHANGES], "hidden_changes": max(0, len(changes) - SHOWN_CHANGES),
        "filename": name, "upload_id": upload_id, "rows": len(parsed.rows),
        "summary": summary_text(counts["added"], counts["changed"], counts["unchanged"],
                                bad or None),
        "problems": problems[:SHOWN_PROBLEMS],
        "hidden_problems": max(0, len(problems) - SHOWN_PROBLEMS), "bad": bad,
    })


@router.post("/allocations/import")
def confirm_import(request: Request, db: Db, user: Handlaggare,
                   upload: Annotated[str, Form()] = "", _csrf: None = Csrf) -> Response:
    pending = take_upload(db, upload, user.id)
    if pending is None:
        db.commit()
        raise PageError(400, "Förhandsgranskningen är för gammal, redan sparad eller ogiltig. "
                             "Ladda upp filen igen.")
    rows, filename = pending
    summary = import_allocations(db, rows, filename, actor=user.username)
    db.commit()
    recheck_in_background(request.app.state.session_factory, programs=request.app.state.programs,
                          threshold=request.app.state.settings.confidence_threshold,
                          reason="allocation_import", actor=user.username,
                          program_years=summary.program_years)
    log.info("allocations_imported file=%s added=%d changed=%d user=%s", filename,
             summary.added, summary.changed, user.username)
    flash(request, f"Fördelningslistan {filename} är sparad: "
                   f"{summary_text(summary.added, summary.changed, summary.unchanged)}.")
    return RedirectResponse("/allocations", status_code=303)


@router.get("/programs")
def programs(request: Request, user: Handlaggare) -> Response:
    return request.app.state.templates.TemplateResponse(request, "programs.html", {
        "programs": list(request.app.state.programs)})
