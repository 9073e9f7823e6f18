"""The queue of cases, resolving or dismissing one flag or several, reopening, the next case."""
from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from config.vocabulary import FLAG_TITLES
from storage.cases import CLOSING, case_page, close_flags, next_case, reopen_flag
from storage.models import Document, FlagRow
from webui.case_filters import (
    FILTER_KEYS,
    SEVERITIES,
    parse_case_filter,
    parse_page,
    parse_sort,
)
from webui.deps import Csrf, Db, Registrator
from webui.errors import PageError
from webui.routes.documents import render_document
from webui.sessions import flash

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

CASE_NOT_FOUND = "Ärendet finns inte."
COMMENT_REQUIRED = "Skriv en kommentar: den sparas i loggen tillsammans med beslutet."
CHOOSE_ACTION = "Välj om ärendet ska lösas eller avfärdas."
NOTHING_CHOSEN = "Välj minst ett ärende."
DONE = {"resolve": "löst", "dismiss": "avfärdat"}
DONE_MANY = {"resolve": "lösta", "dismiss": "avfärdade"}


@router.get("/")
def home(user: Registrator) -> Response:
    return RedirectResponse("/cases", status_code=303)


@router.get("/cases")
def case_list(request: Request, db: Db, user: Registrator) -> Response:
    f, errors = parse_case_filter(request.query_params)
    sort = parse_sort(request.query_params)
    result = case_page(db, f, sort=sort, page=parse_page(request.query_params))
    params = {k: request.query_params.get(k, "") for k in FILTER_KEYS}
    kept = {k: v for k, v in params.items() if v}
    return request.app.state.templates.TemplateResponse(request, "cases.html", {
        "result": result, "cases": result.cases, "counts": result.counts, "filter": f,
        "params": params, "errors": errors, "sort": sort,
        "page_url": lambda n: "/cases?" + urlencode({**kept, "page": n}),
        "status_url": lambda st: "/cases?" + urlencode(
            {**{k: v for k, v in kept.items() if k != "status"}, "status": st}),
        "here": "/cases" + (f"?{request.url.query}" if request.url.query else ""),
        "codes": sorted(FLAG_TITLES, key=lambda c: FLAG_TITLES[c]), "severities": SEVERITIES,
        "programs": list(request.app.state.programs),
    }, status_code=400 if errors else 200)


def load_flag(db: Session, flag_id: int) -> FlagRow:
    flag = db.get(FlagRow, flag_id)
    if flag is None:
        raise PageError(404, CASE_NOT_FOUND)
    return flag


@router.get("/cases/{flag_id:int}")
def case_page_redirect(db: Db, user: Registrator, flag_id: int) -> Response:
    flag = load_flag(db, flag_id)
    return RedirectResponse(f"/documents/{flag.document_pk}#case-{flag.id}", status_code=303)


def _after_closing(request: Request, db: Session, doc: Document, message: str) -> Response:
    """Back to the document while it has open flags; else on to the next case."""
    if any(f.status == "open" for f in doc.flags):
        flash(request, message)
        return RedirectResponse(f"/documents/{doc.id}#flags", status_code=303)
    following = next_case(db, doc)
    if following is None:
        flash(request, f"{message} Det finns inga fler öppna ärenden.")
        return RedirectResponse("/cases", status_code=303)
    flash(request, f"{message} Här är nästa ärende.")
    return RedirectResponse(f"/documents/{following}", status_code=303)


@router.post("/cases/{flag_id:int}/close")
def close_case(request: Request, db: Db, user: Registrator, flag_id: int,
               action: Annotated[str, Form()] = "", comment: Annotated[str, Form()] = "",
               _csrf: None = Csrf) -> Response:
    """Resolve (the discrepancy is handled) or dismiss (it was not one); both need a comment."""
    flag = load_flag(db, flag_id)
    if action not in CLOSING:
        raise PageError(400, CHOOSE_ACTION)
    comment = comment.strip()[:5000]
    if not comment:
        return render_document(request, db, flag.document, status_code=422,
                               error=COMMENT_REQUIRED, form={"case": flag.id})
    if flag.status != "open":
        raise PageError(409, "Ärendet är redan avslutat.")
    close_flags(db, [flag], action, comment, user.username)
    db.commit()
    log.info("case_closed id=%s status=%s user=%s", flag.id, flag.status, user.username)
    return _after_closing(request, db, flag.document, f"Ärendet är {DONE[action]}.")


@router.post("/cases/close")
def close_several(request: Request, db: Db, user: Registrator,
                  action: Annotated[str, Form()] = "", comment: Annotated[str, Form()] = "",
                  flag: Annotated[list[int] | None, Form()] = None,
                  document: Annotated[list[int] | None, Form()] = None,
                  back: Annotated[str, Form()] = "", _csrf: None = Csrf) -> Response:
    """Resolve or dismiss several flags with one comment: the chosen flags (``flag``) and
    every open flag of the chosen cases (``document``)."""
    if action not in CLOSING:
        raise PageError(400, CHOOSE_ACTION)
    back = back if back.startswith("/") and not back.startswith("//") else "/cases"
    comment = comment.strip()[:5000]
    flags = list(db.scalars(select(FlagRow).where(FlagRow.id.in_(flag or []))))
    flags += db.scalars(select(FlagRow).where(FlagRow.document_pk.in_(document or []),
                                              FlagRow.status == "open"))
    if not flags or not comment:
        flash(request, COMMENT_REQUIRED if flags else NOTHING_CHOSEN, "error")
        return RedirectResponse(back, status_code=303)
    closed = close_flags(db, list({f.id: f for f in flags}.values()), action, comment,
                         user.username)
    db.commit()
    log.info("cases_closed flags=%s action=%s user=%s", [f.id for f in closed], action,
             user.username)
    if not closed:
        flash(request, "De valda avvikelserna var redan avslutade.", "error")
        return RedirectResponse(back, status_code=303)
    docs = {f.document_pk for f in closed}
    message = (f"{len(closed)} avvikelser i {len(docs)} ärenden är {DONE_MANY[action]}."
               if len(closed) != 1 else f"Ärendet är {DONE[action]}.")
    if document or len(docs) != 1:
        flash(request, message)
        return RedirectResponse(back, status_code=303)
    return _after_closing(request, db, closed[0].document, message)


@router.post("/cases/{flag_id:int}/reopen")
def reopen_case(request: Request, db: Db, user: Registrator, flag_id: int,
                comment: Annotated[str, Form()] = "", _csrf: None = Csrf) -> Response:
    flag = load_flag(db, flag_id)
    if flag.status == "open":
        raise PageError(409, "Ärendet är redan öppet.")
    reopen_flag(db, flag, user.username, comment.strip()[:5000])
    db.commit()
    log.info("case_reopened id=%s user=%s", flag.id, user.username)
    flash(request, "Ärendet är öppnat igen.")
    return RedirectResponse(f"/documents/{flag.document_pk}#case-{flag.id}", status_code=303)

