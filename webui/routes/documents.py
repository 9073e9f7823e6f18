"""The document page: page images with evidence boxes, values, corrections, originals."""
from __future__ import annotations

import logging
import mimetypes
import re
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from intake.recheck import recheck_with_related
from storage.models import Document
from webui.corrections import CorrectionError, apply_correction, parse_correction
from webui.deps import Csrf, Db, Registrator
from webui.document_view import build_document_view
from webui.errors import PageError
from webui.page_images import RENDERABLE, ZOOMS, PageImageError
from webui.page_renderer import PageImageTimeout
from webui.present import CORRECTABLE_FIELDS, label
from webui.sessions import flash

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

DOCUMENT_NOT_FOUND = "Dokumentet finns inte."
ORIGINAL_MISSING = "Originalet finns inte i arkivet."
IMMUTABLE = "private, max-age=86400, immutable"
PAGE_IMAGE_MISSING = "Sidbilden finns inte."
PAGE_IMAGE_SLOW = "Sidbilden tog för lång tid att ta fram; öppna originalet i stället."


def load_document(db: Session, doc_id: int) -> Document:
    doc = db.get(Document, doc_id)
    if doc is None:
        raise PageError(404, DOCUMENT_NOT_FOUND)
    return doc


def _int_param(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name, "")
    return int(value) if re.fullmatch(r"[0-9]{1,6}", value) else default


def render_document(request: Request, db: Session, doc: Document, *, status_code: int = 200,
                    error: str | None = None, form: dict | None = None) -> Response:
    state = request.app.state
    zoom = _int_param(request, "zoom", 1)
    view = build_document_view(
        db, doc, state.store, state.settings.confidence_threshold, state.page_renderer,
        first=_int_param(request, "from", 1), zoom=zoom if zoom in ZOOMS else 1)
    return state.templates.TemplateResponse(request, "document.html", {
        "view": view, "doc": doc, "error": error, "form": form or {},
        "programs": list(state.programs.programs), "correctable": CORRECTABLE_FIELDS,
        "zooms": ZOOMS,
    }, status_code=status_code)


@router.get("/documents/{doc_id:int}")
def document_page(request: Request, db: Db, user: Registrator, doc_id: int) -> Response:
    return render_document(request, db, load_document(db, doc_id))


@router.post("/documents/{doc_id:int}/corrections")
def correct_value(request: Request, db: Db, user: Registrator, doc_id: int,
                  field: Annotated[str, Form()] = "", value: Annotated[str, Form()] = "",
                  _csrf: None = Csrf) -> Response:
    """Correct one value and re-run every check at once; a value that does not parse
    changes nothing."""
    doc = load_document(db, doc_id)
    try:
        correction = parse_correction(field, value, request.app.state.programs)
    except CorrectionError as exc:
        return render_document(request, db, doc, status_code=422, error=str(exc),
                               form={"field": field, "value": value})
    before = (doc.program, doc.grant_year)
    apply_correction(db, doc, correction, user.username)
    recheck_with_related(db, doc, request.app.state.settings, programs=request.app.state.programs,
                         program_years=[before])
    db.commit()
    log.info("value_corrected document=%s field=%s user=%s", doc.id, field, user.username)
    flash(request, f"{label(field)} är rättat och kontrollerna har körts om.")
    return RedirectResponse(f"/documents/{doc.id}#values", status_code=303)


def default_filename(doc: Document) -> str:
    """A name for a document that came without one, with the extension its type has."""
    if doc.status == "no_document":
        return f"meddelandetext-{doc.id}.txt"
    extension = {"image/jpeg": ".jpg", "image/tiff": ".tif"}.get(doc.media_type) or (
        mimetypes.guess_extension(doc.media_type or "") or "")
    return f"dokument-{doc.id}{extension}"


def _original(request: Request, digest: str, media_type: str, filename: str) -> Response:
    store = request.app.state.store
    if not store.exists(digest):
        raise PageError(404, ORIGINAL_MISSING)
    disposition = f"attachment; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(store.get(digest), media_type=media_type, headers={
        "Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store"})


@router.get("/documents/{doc_id:int}/original")
def document_original(request: Request, db: Db, user: Registrator, doc_id: int) -> Response:
    doc = load_document(db, doc_id)
    media_type = doc.media_type or "application/octet-stream"
    return _original(request, doc.sha256, media_type, doc.filename or default_filename(doc))


@router.get("/documents/{doc_id:int}/message.eml")
def document_message(request: Request, db: Db, user: Registrator, doc_id: int) -> Response:
    doc = load_document(db, doc_id)
    return _original(request, doc.message.raw_sha256, "message/rfc822",
                     f"meddelande-{doc.message.id}.eml")


@router.get("/documents/{doc_id:int}/pages/{page:int}.png")
def page_image(request: Request, db: Db, user: Registrator, doc_id: int, page: int,
               zoom: int = 1) -> Response:
    """One page as PNG, made by the page renderer within its pixel budget and time limit; a
    document that could not be read has none."""
    doc = load_document(db, doc_id)
    store = request.app.state.store
    if (doc.status == "unreadable" or doc.media_type not in RENDERABLE or zoom not in ZOOMS
            or not 1 <= page <= (doc.pages or 0) or not store.exists(doc.sha256)):
        raise PageError(404, PAGE_IMAGE_MISSING)
    try:
        png = request.app.state.page_renderer.render(
            str(store.path_for(doc.sha256)), doc.media_type, page, zoom)
    except PageImageTimeout:
        log.warning("page image over time: document=%s page=%s", doc.id, page)
        raise PageError(503, PAGE_IMAGE_SLOW) from None
    except PageImageError as exc:
        log.warning("page image failed: document=%s page=%s error=%s", doc.id, page, exc)
        raise PageError(404, PAGE_IMAGE_MISSING) from None
    return Response(png, media_type="image/png", headers={"Cache-Control": IMMUTABLE})
