"""Allocations per program-year and the programs: a handläggare's pages."""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from intake.recheck import recheck_in_background
from storage.allocations import AllocationFileError, import_allocations, parse_allocation_file
from webui.allocation_views import allocation_overview, load_pending, preview_changes, sign_pending
from webui.deps import Csrf, Db, Handlaggare
from webui.errors import PageError
from webui.sessions import flash

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

MAX_UPLOAD = 5 * 1024 * 1024


def _overview(request: Request, db: Session, *, status_code: int = 200,
              error: str | None = None) -> Response:
    return request.app.state.templates.TemplateResponse(request, "allocations.html", {
        "groups": allocation_overview(db), "error": error}, status_code=status_code)


@router.get("/allocations")
def allocations(request: Request, db: Db, user: Handlaggare) -> Response:
    return _overview(request, db)


@router.post("/allocations/preview")
async def preview(request: Request, db: Db, user: Handlaggare, file: UploadFile | None = None,
                  _csrf: None = Csrf) -> Response:
    """Parse an uploaded list and show what would change; nothing is saved yet."""
    if file is None or not file.filename:
        return _overview(request, db, status_code=422, error="Välj en fil (CSV eller XLSX).")
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _overview(request, db, status_code=413,
                         error=f"Filen är för stor (högst {MAX_UPLOAD // 1024 // 1024} MB).")
    try:
        rows = parse_allocation_file(data, file.filename)
    except AllocationFileError as exc:
        return _overview(request, db, status_code=422,
                         error=f"Fördelningslistan {file.filename} kan inte läsas: {exc}")
    if not rows:
        return _overview(request, db, status_code=422,
                         error=f"Fördelningslistan {file.filename} har inga rader.")
    changes = preview_changes(db, rows)
    token = sign_pending(request.app.state.secret, rows, file.filename, user.id)
    return request.app.state.templates.TemplateResponse(request, "allocation_preview.html", {
        "changes": changes, "filename": file.filename, "token": token,
        "counts": {k: sum(c.kind == k for c in changes) for k in ("added", "changed", "unchanged")},
    })


@router.post("/allocations/import")
def confirm_import(request: Request, db: Db, user: Handlaggare,
                   token: Annotated[str, Form()] = "", _csrf: None = Csrf) -> Response:
    pending = load_pending(request.app.state.secret, token, user.id)
    if pending is None:
        raise PageError(400, "Förhandsgranskningen är för gammal eller ogiltig. "
                             "Ladda upp filen igen.")
    rows, filename = pending
    summary = import_allocations(db, rows, filename, actor=user.username)
    db.commit()
    recheck_in_background(request.app.state.session_factory, programs=request.app.state.programs,
                          threshold=request.app.state.settings.confidence_threshold,
                          reason="allocation_import", actor=user.username)
    log.info("allocations_imported file=%s added=%d changed=%d user=%s", filename,
             summary.added, summary.changed, user.username)
    flash(request, f"Fördelningslistan {filename} är sparad: {summary.added} nya rader, "
                   f"{summary.changed} ändrade, {summary.unchanged} oförändrade.")
    return RedirectResponse("/allocations", status_code=303)


@router.get("/programs")
def programs(request: Request, user: Handlaggare) -> Response:
    return request.app.state.templates.TemplateResponse(request, "programs.html", {
        "programs": list(request.app.state.programs)})
